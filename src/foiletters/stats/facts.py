"""What one answer file says about its request on a given day: the facts the statistics count.

Everything is as it stood on the day (`as_of`): a letter, a clarification's answer or a closure dated
after it has not happened yet, so the same files give the same figures for that day whenever they are
counted. Working days are counted as `check` counts them (check/deadlines.py), under each law's holidays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from foiletters.check.deadlines import RESPONSE_DAYS, Deadline, add_working_days, working_days_after
from foiletters.stats.outcomes import Answer, outcome_of
from foiletters.stats.summary import Letter, Summary

LAWS = ("FOIA", "EIR", "FOISA", "EISR")
# How a request stands against its time limit. `not_known`: answered, but the file has no `received` date.
TIMINGS = ("in_time", "extended", "late", "open", "withdrawn_or_lapsed", "not_known")
LATENESS = {"in_time": 0, "extended": 1, "late": 2}  # a request under two laws is, in the total, its worst


@dataclass(frozen=True)
class Standing:
    """A request under one law (or, for the total, as a whole)."""

    timing: str
    overdue: bool  # still open after its (extended) due date
    working_days: int | None  # from the clock's start to the reply, when there is one and the start is known
    outcome: str
    exemptions: tuple[str, ...]  # the exemptions and exceptions cited, as the library writes them, each once


@dataclass(frozen=True)
class Review:
    requested: dt.date
    completed: dt.date | None
    outcome: str | None


@dataclass(frozen=True)
class Appeal:
    lodged: dt.date
    decided: dt.date | None
    outcome: str | None


@dataclass(frozen=True)
class Facts:
    received: dt.date  # or, with no `received` date in the file, its earliest letter's
    laws: dict[str, Standing]
    total: Standing
    reviews: tuple[Review, ...]
    appeals: tuple[Appeal, ...]


def facts_of(summary: Summary, as_of: dt.date) -> Facts | None:
    """The request's facts on `as_of`; None when it had not been received by then."""
    received = summary.received or min(summary.dates(), default=None)
    if received is None or received > as_of:
        return None
    sent = [letter for letter in summary.letters if letter.date <= as_of]
    reply = _reply(summary, sent, as_of)
    closed = summary.closed is not None and summary.closed[0] <= as_of and reply is None
    start, waiting = _clock_start(summary, sent, as_of)
    answered = summary.answers if reply and reply[1] == "response" else ()
    laws = list(dict.fromkeys(answer.regime for answer in summary.answers)) or [summary.regime]
    standings = {}
    for law in laws:
        under = [answer for answer in answered if answer.regime == law]
        standings[law] = _standing(summary, law, under, reply, closed, start, waiting, sent, as_of)
    main = standings.get(summary.regime) or standings[laws[0]]
    worst = max((s.timing for s in standings.values()), key=lambda t: LATENESS.get(t, -1))
    total = Standing(worst, any(s.overdue for s in standings.values()), main.working_days,
                     _outcome(answered, reply, closed), ())
    reviews = tuple(Review(r.requested, r.date if r.date <= as_of else None, r.outcome if r.date <= as_of else None)
                    for r in summary.of_kind("review") if r.requested and r.requested <= as_of)
    appeals = tuple(Appeal(a.lodged, a.decided if a.decided and a.decided <= as_of else None,
                           a.outcome if a.decided and a.decided <= as_of else None)
                    for a in summary.appeals if a.to == "regulator" and a.lodged <= as_of)
    return Facts(received, standings, total, reviews, appeals)


# A thousand requests share a few hundred days of receipt: each due date is counted once per run.
@cache
def _due(start: dt.date, law: str) -> dt.date:
    return add_working_days(start, RESPONSE_DAYS, law)


@cache
def _working_days(start: dt.date, end: dt.date, law: str) -> int:
    return working_days_after(start, end, law)


def _reply(summary: Summary, sent: list[Letter], as_of: dt.date) -> tuple[dt.date, str] | None:
    """The letter that answered the request by `as_of`, and its kind: the response; else a refusal of the
    whole request as vexatious or repeated; else a transfer to the authority that holds the information."""
    if summary.date is not None and summary.date <= as_of:
        return summary.date, "response"
    for kind in ("refusal", "transfer"):
        letters = [letter for letter in sent if letter.kind == kind]
        if letters:
            return min(letter.date for letter in letters), kind
    return None


def _clock_start(summary: Summary, sent: list[Letter], as_of: dt.date) -> tuple[dt.date, bool]:
    """When the 20 working days started (receipt, or the newest clarification's answer by `as_of`), and
    whether the clock is stopped, waiting for the answer to a clarification."""
    asked = [c for c in sent if c.kind == "clarification"]
    answered = [c.answered for c in asked if c.answered and c.answered <= as_of]
    if summary.clarified and summary.clarified <= as_of:
        answered.append(summary.clarified)
    start = max([summary.received or summary.date or as_of, *answered])
    waiting = any(c.answered is None or c.answered > as_of for c in asked)
    return start, waiting


def _extended_until(summary: Summary, law: str, sent: list[Letter]) -> dt.date | None:
    """The extended due date under `law` told to the requester by `as_of` (letters sent by then)."""
    dates = [until for notice in sent for regime, until in notice.extended if regime == law]
    if summary.extended is not None:  # the older form: one extension for the whole response
        dates.append(summary.extended)
    return max(dates, default=None)


def _standing(summary: Summary, law: str, answers: list[Answer], reply: tuple[dt.date, str] | None,
              closed: bool, start: dt.date, waiting: bool, sent: list[Letter], as_of: dt.date) -> Standing:
    due = _due(start, law)
    deadline = Deadline(law, start, due, _extended_until(summary, law, sent), reply[0] if reply else as_of)
    days = None
    if reply is None:
        timing = "withdrawn_or_lapsed" if closed else "open"
    elif summary.received is None:
        timing = "not_known"
    else:
        days = _working_days(start, reply[0], law)
        timing = "in_time" if reply[0] <= due else "late" if deadline.late else "extended"
    overdue = timing == "open" and not waiting and summary.received is not None and deadline.late
    cited = dict.fromkeys(c.cite for answer in answers for c in answer.cited if c.ground == "withheld")
    return Standing(timing, overdue, days, _outcome(answers, reply, closed), tuple(cited))


def _outcome(answers: Iterable[Answer], reply: tuple[dt.date, str] | None, closed: bool) -> str:
    if reply is None:
        return "withdrawn_or_lapsed" if closed else "open"
    if reply[1] == "refusal":
        return "refused_vexatious"
    if reply[1] == "transfer":
        return "transferred"
    return outcome_of(answers)
