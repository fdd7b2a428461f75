"""What the statistics need of one answer file, and nothing else: its dates, its letters' dates and kinds,
and its answers' outcomes. No requester detail, no text of the request or the answers.

A summary does not depend on the day counted (facts.py applies that), so the disclosure log keeps one per
answer file in its cache, as JSON, and reads a file again only when it changes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from foiletters.load.model import AnswerFile
from foiletters.render.exemptions import Library
from foiletters.stats.outcomes import Answer, Cited, answers_of


@dataclass(frozen=True)
class Letter:
    kind: str
    date: dt.date
    answered: dt.date | None = None  # a clarification's answer
    extended: tuple[tuple[str, dt.date], ...] = ()  # an extension's parts: (law, until)
    requested: dt.date | None = None  # a review's request
    outcome: str | None = None  # a review's outcome


@dataclass(frozen=True)
class Appeal:
    to: str  # regulator, tribunal or court
    lodged: dt.date
    decided: dt.date | None
    outcome: str | None


@dataclass(frozen=True)
class Summary:
    regime: str
    received: dt.date | None
    date: dt.date | None  # the response's
    clarified: dt.date | None
    extended: dt.date | None  # the older form's `extension.until`, for the whole response
    closed: tuple[dt.date, str] | None
    letters: tuple[Letter, ...] = ()
    appeals: tuple[Appeal, ...] = ()
    answers: tuple[Answer, ...] = field(default=())

    def of_kind(self, kind: str) -> list[Letter]:
        return [letter for letter in self.letters if letter.kind == kind]

    def dates(self) -> list[dt.date]:
        """Every day the file records."""
        days = [self.received, self.date, self.clarified, self.closed[0] if self.closed else None]
        days += [d for letter in self.letters for d in (letter.date, letter.answered, letter.requested)]
        days += [d for appeal in self.appeals for d in (appeal.lodged, appeal.decided)]
        return [d for d in days if d is not None]


def summary_of(answers: AnswerFile, library: Library) -> Summary:
    letters = []
    for letter in answers.letters:
        extra: dict[str, Any] = {}
        if letter.kind == "clarification":
            extra["answered"] = letter.answered
        elif letter.kind == "extension":
            extra["extended"] = tuple((part.regime, part.until) for part in letter.all_parts(answers.regime))
        elif letter.kind == "review":
            extra |= {"requested": letter.requested.received, "outcome": letter.outcome}
        letters.append(Letter(letter.kind, letter.date, **extra))
    return Summary(answers.regime, answers.received, answers.date, answers.clarified,
                   answers.extension.until if answers.extension else None,
                   (answers.closed.date, answers.closed.reason) if answers.closed else None, tuple(letters),
                   tuple(Appeal(a.to, a.lodged, a.decided, a.outcome) for a in answers.appeals),
                   tuple(answers_of(answers, library)))


# -- as JSON, for the log's cache ---------------------------------------------------------------------------

def to_json(summary: Summary) -> dict[str, Any]:
    return _plain(asdict(summary))


def _plain(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def from_json(data: dict[str, Any]) -> Summary:
    day = _day
    return Summary(
        data["regime"], day(data["received"]), day(data["date"]), day(data["clarified"]), day(data["extended"]),
        (day(data["closed"][0]), data["closed"][1]) if data["closed"] else None,
        tuple(Letter(x["kind"], day(x["date"]), day(x["answered"]),
                     tuple((law, day(until)) for law, until in x["extended"]), day(x["requested"]), x["outcome"])
              for x in data["letters"]),
        tuple(Appeal(x["to"], day(x["lodged"]), day(x["decided"]), x["outcome"]) for x in data["appeals"]),
        tuple(Answer(x["regime"], x["released"], x["not_held"], tuple(Cited(**c) for c in x["cited"]),
                     tuple(x["documents"])) for x in data["answers"]))


def _day(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None
