"""What `foiletters check` reports: findings of rules, each with where, why in law, and what to write.

Errors stop `build`; warnings are printed; information is listed. An officer may accept a
finding for one answer file (`accepted:` with a reason); it is then listed as information,
with the reason, so the choice stays visible.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from foiletters.errors import Problem
from foiletters.load.model import AnswerFile, _question_id

Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    source: str  # the law or guidance the rule enforces
    summary: str  # in plain words, for `foiletters check --rules` and the README


@dataclass(frozen=True, order=True)
class Finding:
    problem: Problem
    rule: str
    severity: Severity
    source: str
    question: str | None = None  # the question's key ('8v'), for matching an acceptance
    accepted: str | None = None  # the officer's recorded reason
    detail: str | None = None  # the missing detail it is about ('advice'), for matching an acceptance

    @property
    def blocks_build(self) -> bool:
        return self.severity == "error" and self.accepted is None

    def __str__(self) -> str:
        p = self.problem
        where = f"{p.file}:{p.line}:{p.column}" if p.line else p.file
        field = f" {p.field}:" if p.field else ""
        label = f"accepted {self.severity}" if self.accepted else self.severity
        text = f"{where}: {label} [{self.rule}]{field} {p.message}"
        if self.accepted:
            return f"{text} — accepted: {self.accepted}"
        expected = f"; {p.expected}" if p.expected else ""
        return f"{text}{expected} ({self.source})"

    def as_problem(self) -> Problem:
        """The finding as a build error: the rule and its legal source stay in the message."""
        return replace(self.problem, message=f"[{self.rule}] {self.problem.message}",
                       expected=f"{self.problem.expected} ({self.source})".strip())


def apply_acceptances(findings: list[Finding], answers: AnswerFile) -> list[Finding]:
    """Mark the findings the answer file accepts, keeping them in the list."""
    out = []
    for finding in findings:
        for accepted in answers.accepted:
            same_question = accepted.question is None or _question_id(accepted.question) == finding.question
            if accepted.rule == finding.rule and same_question:
                finding = replace(finding, accepted=accepted.reason)
                break
        out.append(finding)
    return out


def summary(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s and not f.accepted) for s in ("error", "warning")}
    accepted = sum(1 for f in findings if f.accepted)
    parts = [f"{counts['error']} error{'s' * (counts['error'] != 1)}",
             f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}"]
    if accepted:
        parts.append(f"{accepted} accepted")
    return ", ".join(parts)
