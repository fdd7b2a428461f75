"""`foiletters stats`: the period asked for, the figures as of a day, the table and the files."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from foiletters.errors import FoilettersError
from foiletters.render.house import TemplateSet
from foiletters.stats import periods
from foiletters.stats.collect import answer_files, facts_for, summaries
from foiletters.stats.counting import Figures, count
from foiletters.stats.settings import Settings


def choose_period(settings: Settings, as_of: dt.date, *, start: dt.date | None = None, end: dt.date | None = None,
                  quarter: str | None = None, year: int | None = None) -> periods.Period:
    """The period of --quarter, --year or --from/--to; without any, the last full quarter by `as_of`."""
    given = [name for name, value in (("--quarter", quarter), ("--year", year), ("--from/--to", start or end))
             if value]
    if len(given) > 1:
        raise FoilettersError(f"give one of {' or '.join(given)}, not both")
    if quarter:
        found = periods.parse_quarter(quarter, settings.financial)
        if found is None:
            raise FoilettersError(f"--quarter {quarter!r} is not a quarter: write it as 2026Q1 (the year, Q and "
                                  f"the quarter; {settings.quarters} quarters, as statistics.yaml sets)")
        return found
    if year:
        return periods.year(year, settings.financial)
    if end and not start:
        raise FoilettersError("--to needs --from: the first day of the period, YYYY-MM-DD")
    if start:
        end = end or as_of
        if end < start:
            raise FoilettersError(f"--to ({end}) is before --from ({start})")
        return periods.days(start, end)
    return periods.last_full_quarter(as_of, settings.financial)


def statistics_of(paths: list[Path], templates: TemplateSet, as_of: dt.date, period: periods.Period) -> Figures:
    """The figures of `period` as of `as_of`, from the answer files in `paths`; a FoilettersError naming every
    answer file that cannot be read (no figure is right while one is missing)."""
    found, problems = summaries(answer_files(paths), templates)
    if problems:
        count_ = len(problems)
        raise FoilettersError("\n".join([*map(str, sorted(set(problems))), f"{count_} problem"
                                         f"{'s' if count_ != 1 else ''} found; no statistics were written."]))
    return count(facts_for(found, as_of), period)
