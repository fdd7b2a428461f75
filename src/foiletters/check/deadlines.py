"""When a response is due, in working days as each regime's law defines them.

- FOIA s10(1): "not later than the twentieth working day following the date of receipt", so
  the day of receipt is day 0 and day 1 is the first working day after it, whatever day the
  request arrived (ICO, "Time limits for compliance under the Freedom of Information Act
  (Section 10)": https://ico.org.uk/for-organisations/foi/freedom-of-information-and-environmental-information-regulations/time-limits-for-compliance-under-the-freedom-of-information-act-section-10/).
  EIR reg 5(2) uses the same words, and FOISA s10(1) and EISR reg 5(2)(a) likewise.
- FOIA s10(6) (and EIR reg 2(1), which adopts it): a working day is any day but a Saturday,
  Sunday, Christmas Day, Good Friday, or a bank holiday "in any part of the United Kingdom":
  an English council does not count St Patrick's Day or St Andrew's Day either (the ICO's line
  to take LTT47 says so). FOISA s73 (and EISR reg 2(1)): any day but a Saturday, Sunday,
  Christmas Day, or a bank holiday in Scotland.
- A clarification sought under FOIA s1(3) / EIR reg 9(4) / FOISA s1(3) starts the count again
  from the day the answer arrives.
- Extensions: FOIA s10(3) "reasonable" time to consider the public interest, which the ICO's
  guidance caps at a further 20 working days; EIR reg 7(1) up to 40 working days after receipt
  for complex and voluminous requests; FOISA and EISR have no public-interest extension, and
  EISR reg 7(1) allows the same 40 days as the EIR.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import holidays

from foiletters.load.model import AnswerFile

RESPONSE_DAYS = 20
UK_PARTS = ("ENG", "WLS", "SCT", "NIR")
# The parts of the UK whose bank holidays stop the clock, by regime (see the module's note).
HOLIDAY_PARTS = {"FOIA": UK_PARTS, "EIR": UK_PARTS, "FOISA": ("SCT",), "EISR": ("SCT",)}
# The longest extension the law (or the regulator's guidance) allows, in working days after receipt,
# by regime and reason; a reason a regime does not have is absent.
EXTENSION_CAPS = {
    "FOIA": {"public-interest": 40},
    "EIR": {"complex": 40},
    "EISR": {"complex": 40},
}
EXTENSION_SOURCES = {
    ("FOIA", "public-interest"): "FOIA s10(3); ICO guidance: no more than a further 20 working days",
    ("EIR", "complex"): "EIR reg 7(1)",
    ("EISR", "complex"): "EISR reg 7(1)",
}


@cache
def _bank_holidays(parts: tuple[str, ...], year: int) -> frozenset[dt.date]:
    days: set[dt.date] = set()
    for part in parts:
        days |= set(_united_kingdom()(subdiv=part, years=year))
    return frozenset(days)


@cache
def _united_kingdom() -> type[holidays.HolidayBase]:
    """`holidays`' calendar of the UK, its module imported alone.

    `holidays.UK` imports the library's `countries` package first, which imports all of its 250
    countries (some 30 ms of a one-letter build); the UK's module needs none of them, only the
    library's groups of holidays. Should the library move it, `holidays.UK` is used as it is.
    """
    import importlib.util

    name = "holidays.countries.united_kingdom"
    if name in sys.modules or "holidays.countries" in sys.modules:
        return holidays.UK
    spec = importlib.util.spec_from_file_location(name, Path(holidays.__file__).parent / "countries" /
                                                  "united_kingdom.py")
    try:
        module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
        spec.loader.exec_module(module)  # type: ignore[union-attr]
        return module.UnitedKingdom
    except (OSError, ImportError, AttributeError):
        return holidays.UK


def is_working_day(day: dt.date, regime: str) -> bool:
    if day.weekday() >= 5:
        return False
    # Christmas Day and Good Friday are named by FOIA s10(6) itself; `holidays` lists both for every part.
    return day not in _bank_holidays(HOLIDAY_PARTS[regime], day.year)


def add_working_days(start: dt.date, count: int, regime: str) -> dt.date:
    """The `count`th working day after `start` (start itself is day 0, whatever kind of day it is)."""
    day, counted = start, 0
    while counted < count:
        day += dt.timedelta(days=1)
        counted += is_working_day(day, regime)
    return day


def working_days_after(start: dt.date, end: dt.date, regime: str) -> int:
    """How many working days fall after `start`, up to and including `end`."""
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        count += is_working_day(day, regime)
    return count


@dataclass(frozen=True)
class Deadline:
    """The dates that decide whether a response was on time."""

    regime: str
    clock_start: dt.date  # received, or the day the clarification arrived
    due: dt.date  # the 20th working day
    extended_to: dt.date | None
    sent: dt.date

    @property
    def final(self) -> dt.date:
        return self.extended_to or self.due

    @property
    def working_days_late(self) -> int:
        return working_days_after(self.final, self.sent, self.regime) if self.sent > self.final else 0

    @property
    def late(self) -> bool:
        return self.sent > self.final


def deadline(answers: AnswerFile) -> Deadline | None:
    """The deadline of a response, or None when the answer file does not say when the request arrived."""
    if answers.received is None:
        return None
    # A clarification letter's `answered`, and an extension letter's date, count as `clarified` and `extension` do.
    start = answers.clarified_on or answers.received
    due = add_working_days(start, RESPONSE_DAYS, answers.regime)
    return Deadline(answers.regime, start, due, answers.extended_until, answers.date)


def extension_cap(answers: AnswerFile) -> dt.date | None:
    """The latest date the answer file's extension may run to; None when its regime allows no such extension."""
    if answers.extension is None or answers.received is None:
        return None
    days = EXTENSION_CAPS.get(answers.regime, {}).get(answers.extension.reason)
    if days is None:
        return None
    return add_working_days(answers.clarified or answers.received, days, answers.regime)
