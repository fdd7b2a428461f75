"""What `foiletters check` reports: findings of rules, each with where, why in law, and what to write.

Errors stop `build`; warnings are printed; information is listed. An officer may accept a
finding for one answer file (`accepted:` with a reason); it is then listed as information,
with the reason, so the choice stays visible.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from foiletters.errors import Problem
from foiletters.load.model import Accepted, AnswerFile, _question_id

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
    """Mark the findings the answer file accepts, keeping them in the list.

    An acceptance names a rule, and may name the question (its number, or a `covers` entry's text) and
    the missing detail. A finding about a detail is accepted only by an acceptance of that detail, or by
    one that names none when it is the only such finding of its rule and question: accepting `advice`
    does not accept a missing `estimate`.
    """
    out = []
    for finding in findings:
        for accepted in answers.accepted:
            if _matches(accepted, finding, findings):
                finding = replace(finding, accepted=accepted.reason)
                break
        out.append(finding)
    return out


def _matches(accepted: Accepted, finding: Finding, findings: list[Finding]) -> bool:
    if accepted.rule != finding.rule:
        return False
    if accepted.question is not None and _question_id(accepted.question) != finding.question:
        return False
    if accepted.detail is not None:
        return accepted.detail == finding.detail
    if finding.detail is None:
        return True
    alike = {f.detail for f in findings if f.rule == finding.rule and f.detail is not None and
             (accepted.question is None or f.question == finding.question)}
    return len(alike) == 1


def unmatched_acceptances(findings: list[Finding], answers: AnswerFile, problem: Callable[..., Problem],
                          source: str) -> list[Finding]:
    """An acceptance that accepts no finding: a warning, since it hides nothing and may be a mistake."""
    out = []
    for index, accepted in enumerate(answers.accepted):
        if any(_matches(accepted, f, findings) for f in findings):
            continue
        what = " of question " + accepted.question if accepted.question else ""
        detail = f" about `{accepted.detail}`" if accepted.detail else ""
        out.append(Finding(problem(("accepted", index), f"this acceptance of {accepted.rule}{what}{detail} matches "
                                   "no finding", "remove it, or correct its rule, question or detail"),
                           "accepted-unmatched", "warning", source))
    return out


def summary(findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s and not f.accepted) for s in ("error", "warning")}
    accepted = sum(1 for f in findings if f.accepted)
    parts = [f"{counts['error']} error{'s' * (counts['error'] != 1)}",
             f"{counts['warning']} warning{'s' * (counts['warning'] != 1)}"]
    if accepted:
        parts.append(f"{accepted} accepted")
    return ", ".join(parts)
