"""The figures of a period, each under a stable name, counted from the facts of every request.

A name is the law's key and the figure: `foia.received`, `eisr.time.late`, `all.outcome.not_held`,
`eir.exemption.reg 12(5)(e)`. `all` counts each request once, however many laws it was answered under;
each law counts the requests answered under it. A house's returns name these figures (settings.py).

What is counted:
- `received`: requests received in the period (a request whose file has no `received` date counts in
  the period of its earliest letter, under `time.not_known`);
- of those, `time.*`: answered within the time limit (`in_time`), after it but within an extended limit
  (`extended`), `late`, still `open` (and `open_overdue`, past the due date), `withdrawn_or_lapsed`, or
  answered with no received date (`not_known`); `time.in_time_share`, the per cent answered in time or
  within an extension of those whose time is up (answered, or open and overdue); `time.median_working_days`;
- `outcome.*`: the outcomes of stats/outcomes.py;
- `exemption.<cite>`: how many of them cited each exemption or exception (per law only: the same
  citation means different things under different laws);
- `review.*`: internal reviews requested in the period, completed in it, and the outcomes of those
  completed; `appeal.*`: complaints to the regulator (the ICO, the Scottish Information Commissioner) lodged
  in the period, decided in it, and their outcomes; appeals beyond it (a tribunal, a court) are not counted.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from foiletters.load import letters
from foiletters.stats.facts import LAWS, Facts, Standing
from foiletters.stats.outcomes import OUTCOMES
from foiletters.stats.periods import Period

TOTAL = "all"
KEYS = tuple(law.lower() for law in LAWS) + (TOTAL,)
REVIEW_OUTCOMES = tuple(o.replace("-", "_") for o in letters.REVIEW_OUTCOMES)
APPEAL_OUTCOMES = tuple(o.replace("-", "_") for o in letters.APPEAL_OUTCOMES)

# Every figure of a law, in the order tables and the CSV list them, with what a reader calls it.
FIGURES: dict[str, str] = {
    "received": "Requests received",
    "time.in_time": "Answered within the time limit",
    "time.extended": "Answered within an extended limit",
    "time.late": "Answered late",
    "time.open": "Still open",
    "time.open_overdue": "Still open, past the due date",
    "time.withdrawn_or_lapsed": "Withdrawn or lapsed",
    "time.not_known": "Answered, received date not recorded",
    "time.in_time_share": "Answered in time (per cent)",
    "time.median_working_days": "Median working days taken",
    "outcome.released_in_full": "Released in full",
    "outcome.partly_withheld": "Partly withheld",
    "outcome.withheld_in_full": "Withheld in full",
    "outcome.not_held": "Information not held",
    "outcome.ncnd": "Neither confirmed nor denied",
    "outcome.refused_cost": "Refused on cost (s12)",
    "outcome.refused_vexatious": "Refused as vexatious or repeated (s14)",
    "outcome.transferred": "Transferred or referred elsewhere",
    "outcome.withdrawn_or_lapsed": "Withdrawn or lapsed",
    "outcome.open": "Still open",
    "review.requested": "Internal reviews requested",
    "review.completed": "Internal reviews completed",
    "review.outcome.upheld": "Review: upheld",
    "review.outcome.overturned": "Review: overturned",
    "review.outcome.upheld_in_part": "Review: upheld in part",
    "review.outcome.modified": "Review: upheld with modifications",
    "review.outcome.new_decision": "Review: a decision reached where none had been",
    "appeal.lodged": "Appeals to the regulator lodged",
    "appeal.decided": "Appeals to the regulator decided",
    "appeal.outcome.upheld": "Appeal: upheld",
    "appeal.outcome.partly_upheld": "Appeal: partly upheld",
    "appeal.outcome.not_upheld": "Appeal: not upheld",
    "appeal.outcome.resolved_informally": "Appeal: resolved informally",
    "appeal.outcome.withdrawn": "Appeal: withdrawn",
}
assert set(OUTCOMES) == {name.split(".")[1] for name in FIGURES if name.startswith("outcome.")}
assert {n.split(".")[2] for n in FIGURES if n.startswith("review.outcome.")} == set(REVIEW_OUTCOMES)
assert {n.split(".")[2] for n in FIGURES if n.startswith("appeal.outcome.")} == set(APPEAL_OUTCOMES)
EXEMPTION = "exemption."

Value = int | float | None


def figure_problem(name: str) -> str | None:
    """Why `name` is not a figure's name, or None."""
    key, _, figure = name.partition(".")
    if key not in KEYS:
        return f"'{name}' is not a figure: a name starts with the law, one of {', '.join(KEYS)} (e.g. foia.received)"
    if figure.startswith(EXEMPTION) and figure != EXEMPTION:
        return None if key != TOTAL else (f"'{name}': exemptions are counted per law (e.g. foia.{figure}), "
                                          "since one citation means different things under different laws")
    if figure not in FIGURES:
        return f"'{name}' is not a figure; the figures of a law are {', '.join(FIGURES)}, and exemption.<cite>"
    return None


@dataclass
class Figures:
    """The figures of one period, by name."""

    period: Period
    values: dict[str, Value]

    def __getitem__(self, name: str) -> Value:
        """A figure's value; an exemption no request cited is 0."""
        if name in self.values:
            return self.values[name]
        problem = figure_problem(name)
        if problem:
            raise KeyError(problem)
        return 0

    def laws(self) -> list[str]:
        """The laws with any request or event in the period, as keys (foia, eir …)."""
        return [key for key in KEYS[:-1] if any(v for n, v in self.values.items() if n.startswith(f"{key}.")
                                                 and not n.endswith("in_time_share"))]

    def exemptions(self, key: str) -> list[tuple[str, int]]:
        """The exemptions cited under one law, most used first."""
        prefix = f"{key}.{EXEMPTION}"
        found = [(n[len(prefix):], int(v or 0)) for n, v in self.values.items() if n.startswith(prefix)]
        return sorted(found, key=lambda pair: (-pair[1], citation_order(pair[0])))


def count(facts: list[Facts], period: Period) -> Figures:
    values: dict[str, Value] = {}
    inside = [f for f in facts if period.start <= f.received <= period.end]
    events = [f for f in facts if f.reviews or f.appeals]  # a review or appeal counts in the period it happens
    for key in KEYS:
        values.update(_count_one(inside, events, period, key))
    return Figures(period, values)


def _count_one(inside: list[Facts], events: list[Facts], period: Period, key: str) -> dict[str, Value]:
    law = key.upper()

    def standing(fact: Facts) -> Standing | None:
        return fact.total if key == TOTAL else fact.laws.get(law)

    received = [s for f in inside if (s := standing(f)) is not None]
    under = [f for f in events if standing(f) is not None]
    values: dict[str, Value] = dict.fromkeys(FIGURES, 0)
    values["received"] = len(received)
    for s in received:
        values[f"time.{s.timing}"] += 1
        values["time.open_overdue"] += s.overdue
        values[f"outcome.{s.outcome}"] += 1
    up = values["time.in_time"] + values["time.extended"] + values["time.late"] + values["time.open_overdue"]
    values["time.in_time_share"] = round(100 * (values["time.in_time"] + values["time.extended"]) / up, 1) \
        if up else None
    taken = [s.working_days for s in received if s.working_days is not None]
    values["time.median_working_days"] = statistics.median(taken) if taken else None
    for f in under:
        for review in f.reviews:
            values["review.requested"] += review.requested in period
            if review.completed in period:
                values["review.completed"] += 1
                values[f"review.outcome.{review.outcome.replace('-', '_')}"] += 1
        for appeal in f.appeals:
            values["appeal.lodged"] += appeal.lodged in period
            if appeal.decided in period:
                values["appeal.decided"] += 1
                if appeal.outcome:
                    values[f"appeal.outcome.{appeal.outcome.replace('-', '_')}"] += 1
    named = {f"{key}.{name}": value for name, value in values.items()}
    if key != TOTAL:
        cited: dict[str, int] = {}
        for s in received:
            for cite in s.exemptions:
                cited[cite] = cited.get(cite, 0) + 1
        for cite in sorted(cited, key=citation_order):
            named[f"{key}.{EXEMPTION}{cite}"] = cited[cite]
    return named


def citation_order(cite: str) -> tuple:
    """s2 before s12, reg 12(4) before reg 12(5): numbers compared as numbers."""
    return tuple((0, int(n), "") if n.isdigit() else (1, 0, n) for n in re.findall(r"\d+|[a-z]+", cite.lower()))
