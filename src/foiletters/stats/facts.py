"""What one answer file says about its request on a given day: the facts the statistics count.

Everything is as it stood on the day (`as_of`): a letter, a clarification's answer or a closure dated
after it has not happened yet, so the same files give the same figures for that day whenever they are
counted. Working days are counted as `check` counts them (check/deadlines.py), under each law's holidays.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from foiletters.check.deadlines import RESPONSE_DAYS, Deadline, add_working_days, working_days_after
from foiletters.load.model import AnswerFile
from foiletters.render.exemptions import Library
from foiletters.stats.outcomes import answered_items, citations, outcome_of

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


def facts_of(answers: AnswerFile, library: Library, as_of: dt.date) -> Facts | None:
    """The request's facts on `as_of`; None when it had not been received by then."""
    received = answers.received or _earliest(answers)
    if received is None or received > as_of:
        return None
    sent = [letter for letter in answers.letters if letter.date <= as_of]
    reply = _reply(answers, sent, as_of)
    closed = answers.closed is not None and answers.closed.date <= as_of and reply is None
    start, waiting = _clock_start(answers, sent, as_of)
    items = answered_items(answers)
    answered = items if reply and reply[1] == "response" else []
    laws = list(dict.fromkeys(regime for _, regime in items)) or [answers.regime]
    standings = {}
    for law in laws:
        items = [(item, regime) for item, regime in answered if regime == law]
        standings[law] = _standing(answers, law, items, library, reply, closed, start, waiting, sent, as_of)
    main = standings.get(answers.regime) or standings[laws[0]]
    worst = max((s.timing for s in standings.values()), key=lambda t: LATENESS.get(t, -1))
    total = Standing(worst, any(s.overdue for s in standings.values()), main.working_days,
                     _outcome(answered, library, reply, closed), ())
    reviews = tuple(Review(r.requested.received, r.date if r.date <= as_of else None,
                           r.outcome if r.date <= as_of else None)
                    for r in answers.letters_of("review") if r.requested.received <= as_of)
    appeals = tuple(Appeal(a.lodged, a.decided if a.decided and a.decided <= as_of else None,
                           a.outcome if a.decided and a.decided <= as_of else None)
                    for a in answers.appeals if a.lodged <= as_of)
    return Facts(received, standings, total, reviews, appeals)


# A thousand requests share a few hundred days of receipt: each due date is counted once per run.
@cache
def _due(start: dt.date, law: str) -> dt.date:
    return add_working_days(start, RESPONSE_DAYS, law)


@cache
def _working_days(start: dt.date, end: dt.date, law: str) -> int:
    return working_days_after(start, end, law)


def _earliest(answers: AnswerFile) -> dt.date | None:
    dates = [letter.date for letter in answers.letters]
    dates += [d for d in (answers.date, answers.closed.date if answers.closed else None) if d]
    return min(dates, default=None)


def _reply(answers: AnswerFile, sent: list, as_of: dt.date) -> tuple[dt.date, str] | None:
    """The letter that answered the request by `as_of`, and its kind: the response; else a refusal of the
    whole request as vexatious or repeated; else a transfer to the authority that holds the information."""
    if answers.date is not None and answers.date <= as_of:
        return answers.date, "response"
    for kind in ("refusal", "transfer"):
        letters = [letter for letter in sent if letter.kind == kind]
        if letters:
            return min(letter.date for letter in letters), kind
    return None


def _clock_start(answers: AnswerFile, sent: list, as_of: dt.date) -> tuple[dt.date, bool]:
    """When the 20 working days started (receipt, or the newest clarification's answer by `as_of`), and
    whether the clock is stopped, waiting for the answer to a clarification."""
    asked = [c for c in sent if c.kind == "clarification"]
    answered = [c.answered for c in asked if c.answered and c.answered <= as_of]
    if answers.clarified and answers.clarified <= as_of:
        answered.append(answers.clarified)
    start = max([answers.received or answers.date or as_of, *answered])
    waiting = any(c.answered is None or c.answered > as_of for c in asked)
    return start, waiting


def _extended_until(answers: AnswerFile, law: str, sent: list) -> dt.date | None:
    """The extended due date under `law` told to the requester by `as_of` (letters sent by then)."""
    dates = [part.until for notice in sent if notice.kind == "extension"
             for part in notice.all_parts(answers.regime) if part.regime == law]
    if answers.extension is not None:  # the older form: one extension for the whole response
        dates.append(answers.extension.until)
    return max(dates, default=None)


def _standing(answers: AnswerFile, law: str, items: list, library: Library, reply: tuple[dt.date, str] | None,
              closed: bool, start: dt.date, waiting: bool, sent: list, as_of: dt.date) -> Standing:
    due = _due(start, law)
    deadline = Deadline(law, start, due, _extended_until(answers, law, sent), reply[0] if reply else as_of)
    days = None
    if reply is None:
        timing = "withdrawn_or_lapsed" if closed else "open"
    elif answers.received is None:
        timing = "not_known"
    else:
        days = _working_days(start, reply[0], law)
        timing = "in_time" if reply[0] <= due else "late" if deadline.late else "extended"
    overdue = timing == "open" and not waiting and answers.received is not None and deadline.late
    cited = dict.fromkeys(c.cite for item, regime in items for c in citations(item, regime, library)
                          if c.ground == "withheld")
    return Standing(timing, overdue, days, _outcome(items, library, reply, closed), tuple(cited))


def _outcome(items: list, library: Library, reply: tuple[dt.date, str] | None, closed: bool) -> str:
    if reply is None:
        return "withdrawn_or_lapsed" if closed else "open"
    if reply[1] == "refusal":
        return "refused_vexatious"
    if reply[1] == "transfer":
        return "transferred"
    return outcome_of(items, library)
