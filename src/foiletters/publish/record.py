"""What the disclosure log says of one request: its index entry, made only of public facts."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # what makes a record is imported where one is made: the log's site needs only `Record`
    from foiletters.load.model import AnswerFile
    from foiletters.render.house import TemplateSet

OUTCOMES = ("released", "partly released", "refused", "not held")


@dataclass
class Record:
    reference: str
    title: str
    date: str  # the day the response was sent
    received: str | None
    due: str | None
    regime: str
    regimes: list[str]
    outcome: str
    exemptions: list[str]
    questions: list[str]  # the questions' text, for search and for finding related requests
    templates_version: str
    files: dict[str, str] = field(default_factory=dict)  # kind (pdf, docx, attachment names) -> file name
    stem: str = ""  # the reference as a file name (`123/2024` -> `123-2024`): the request's folder in the log
    related: list[str] = field(default_factory=list)  # references of earlier requests that asked the like
    # The published letters of the request's life, oldest first (publish/life_log.py `entry`); empty when only
    # the response is published. `review`: the newest published review's outcome, None when none was held.
    letters: list[dict[str, str]] = field(default_factory=list)
    review: str | None = None

    @property
    def year(self) -> int:
        return int(self.date[:4])

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Record:
        return cls(**data)


def record_of(answers: AnswerFile, templates: TemplateSet) -> Record:
    from foiletters.check.deadlines import deadline

    due = deadline(answers)
    return Record(
        reference=answers.reference,
        stem=answers.file_stem,
        title=answers.subject[:1].upper() + answers.subject[1:],
        date=answers.date.isoformat(),
        received=answers.received.isoformat() if answers.received else None,
        due=due.final.isoformat() if due else None,
        regime=answers.regime,
        regimes=list(answers.regimes),
        outcome=outcome(answers, templates),
        exemptions=exemptions_used(answers, templates),
        questions=[item.text or "" for _, _, item in _items(answers) if item.is_question],
        templates_version=templates.fingerprint(answers.date),
    )


def _items(answers: AnswerFile):
    from foiletters.load.answerfile import walk_items

    return walk_items(dict(enumerate(answers.questions)), ("questions",))


def exemptions_used(answers: AnswerFile, templates: TemplateSet) -> list[str]:
    """Every citation of the response's answers, as the library writes it, each once."""
    from foiletters.stats.outcomes import answers_of

    cited = {c.cite for answer in answers_of(answers, templates.library) for c in answer.cited}
    return sorted(cited, key=_citation_order)


def _citation_order(cite: str) -> tuple[Any, ...]:
    return tuple(int(n) if n.isdigit() else n for n in re.findall(r"\d+|[a-z]+", cite.lower()))


def outcome(answers: AnswerFile, templates: TemplateSet) -> str:
    """released, partly released, refused or not held: what the requester got, over all the answers
    (derived with the statistics' outcome, stats/outcomes.py, so that the log and its figures agree)."""
    from foiletters.stats.outcomes import log_outcome

    return log_outcome(answers, templates.library)


def sent_on(record: Record) -> dt.date:
    return dt.date.fromisoformat(record.date)
