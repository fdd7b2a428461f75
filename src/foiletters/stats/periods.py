"""Periods that statistics cover: a quarter, a year or any range of days.

Quarters are financial by default (April to June is Q1 of the year that starts in April, as the Scottish
Information Commissioner's returns count them); a house may choose calendar quarters (January to March is
Q1), as central government's statistics count them. `2026Q1` is Q1 of the financial year 2026/27 (April to
June 2026), or January to March 2026 in calendar quarters.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_QUARTER = re.compile(r"^\s*(\d{4})\s*-?\s*Q([1-4])\s*$", re.IGNORECASE)


@dataclass(frozen=True, order=True)
class Period:
    start: dt.date
    end: dt.date  # the last day counted
    label: str  # how tables and charts name it: "Q1 2026/27", "2026", "1 April 2026 to 30 June 2026"
    slug: str  # how file names name it: 2026Q1, 2026, 2026-04-01--2026-06-30

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def span(self) -> str:
        return f"{self.start:%-d %B %Y} to {self.end:%-d %B %Y}"


def _first_month(financial: bool) -> int:
    return 4 if financial else 1


def quarter(year: int, number: int, financial: bool = True) -> Period:
    """Quarter `number` (1-4) of `year`: of the financial year starting in April of `year`, or of the calendar year."""
    month = _first_month(financial) + 3 * (number - 1)
    start = dt.date(year + (month - 1) // 12, (month - 1) % 12 + 1, 1)
    end = _month_after(start, 3) - dt.timedelta(days=1)
    label = f"Q{number} {year}/{(year + 1) % 100:02d}" if financial else f"Q{number} {year}"
    return Period(start, end, label, f"{year}Q{number}")


def year(number: int, financial: bool = True) -> Period:
    """The financial year starting in April of `number`, or the calendar year `number`."""
    start = dt.date(number, _first_month(financial), 1)
    end = _month_after(start, 12) - dt.timedelta(days=1)
    label = f"{number}/{(number + 1) % 100:02d}" if financial else str(number)
    return Period(start, end, label, str(number))


def days(start: dt.date, end: dt.date) -> Period:
    return Period(start, end, f"{start:%-d %B %Y} to {end:%-d %B %Y}", f"{start.isoformat()}--{end.isoformat()}")


def quarter_of(day: dt.date, financial: bool = True) -> Period:
    """The quarter a day falls in."""
    months = (day.month - _first_month(financial)) % 12
    starts_in = day.year if day.month >= _first_month(financial) else day.year - 1
    return quarter(starts_in, months // 3 + 1, financial)


def quarters_between(first: dt.date, last: dt.date, financial: bool = True) -> list[Period]:
    """Every quarter from the one holding `first` to the one holding `last`, oldest first."""
    found = [quarter_of(first, financial)]
    while found[-1].end < last:
        found.append(quarter_of(found[-1].end + dt.timedelta(days=1), financial))
    return found


def last_full_quarter(as_of: dt.date, financial: bool = True) -> Period:
    """The newest quarter that had ended by `as_of` (on its last day, that quarter)."""
    current = quarter_of(as_of, financial)
    return current if as_of == current.end else quarter_of(current.start - dt.timedelta(days=1), financial)


def parse_quarter(text: str, financial: bool = True) -> Period | None:
    """`2026Q1`, `2026-Q1` or `2026 q1` as a Period; None when the text is not a quarter."""
    match = _QUARTER.match(text)
    return quarter(int(match.group(1)), int(match.group(2)), financial) if match else None


def _month_after(day: dt.date, months: int) -> dt.date:
    index = day.month - 1 + months
    return dt.date(day.year + index // 12, index % 12 + 1, 1)
