"""The rules `foiletters check` applies, with the law each one enforces.

A rule's legal source depends on the regime of the answer it is about; FOIA's is the default.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from foiletters.check.findings import Finding, Rule, Severity
from foiletters.load.answerfile import Request

# FOIA · EIR · FOISA · EISR: the sections that say what a refusal notice must contain.
_REFUSAL = {"FOIA": "FOIA s17(1)", "EIR": "EIR reg 14(2)-(3)", "FOISA": "FOISA s16(1)", "EISR": "EISR reg 13"}
_PUBLIC_INTEREST = {"FOIA": "FOIA s17(3)", "EIR": "EIR reg 12(1)(b), 14(3)(b)", "FOISA": "FOISA s16(2)",
                    "EISR": "EISR reg 10(1)(b), 13(b)"}
_RIGHTS = {"FOIA": "FOIA s17(7): review procedure and the right to complain under s50",
           "EIR": "EIR reg 14(5): representations under reg 11 and the right to complain under reg 18",
           "FOISA": "FOISA s19: the rights to review (s20) and to apply to the Commissioner (s47)",
           "EISR": "EISR reg 13(e): the rights to review (reg 16) and to apply to the Commissioner (reg 17)"}
_DUTY = {"FOIA": "FOIA s1(1)", "EIR": "EIR reg 5(1)", "FOISA": "FOISA s1(1)", "EISR": "EISR reg 5(1)"}
_TIME = {"FOIA": "FOIA s10(1)", "EIR": "EIR reg 5(2)", "FOISA": "FOISA s10(1)", "EISR": "EISR reg 5(2)"}
_NCND = {"FOIA": "FOIA s17(1); the NCND subsection of the exemption", "EIR": "EIR reg 12(6)",
         "FOISA": "FOISA s18", "EISR": "EISR reg 10(8)"}
_PERSONAL = "UK GDPR Art 5(1)(a) and DPA 2018 s3(2)-(3); ICO guidance on small numbers"


@dataclass(frozen=True)
class LawRule(Rule):
    sources: dict[str, str] = field(default_factory=dict)

    def source_for(self, regime: str) -> str:
        return self.sources.get(regime, self.source)


def _rule(name: str, severity: Severity, sources: dict[str, str] | str, summary: str) -> LawRule:
    by_regime = sources if isinstance(sources, dict) else {}
    default = sources["FOIA"] if isinstance(sources, dict) else sources
    return LawRule(name, severity, default, summary, by_regime)


RULES: dict[str, LawRule] = {r.name: r for r in [
    _rule("exemption-unknown", "error", _REFUSAL,
          "An exemption is cited that the exemption library of the request's regime does not have."),
    _rule("wrong-regime", "error", {**_REFUSAL, "FOIA": "FOIA s39 and EIR reg 5: environmental information "
                                    "is answered under the EIR"},
          "An exemption of another regime is cited (s12 or s43 on an EIR request, a FOIA section on a FOISA "
          "request); the right one is suggested."),
    _rule("regime-mix", "error", {"FOIA": "FOIA s39 and EIR reg 5", "EIR": "FOIA s39 and EIR reg 5",
                                  "FOISA": "FOISA s39(2) and EISR reg 5", "EISR": "FOISA s39(2) and EISR reg 5"},
          "A question is answered under a regime of the other jurisdiction (EIR on a FOISA letter, EISR on a "
          "FOIA letter): environmental parts of a FOIA request go under the EIR, of a FOISA request under the "
          "EISRs."),
    _rule("exemption-details", "error", _REFUSAL,
          "An exemption lacks a detail its wording needs (s21's link, s12's estimate and advice), or has one "
          "it does not take."),
    _rule("public-interest", "error", _PUBLIC_INTEREST,
          "A qualified exemption without the public interest test: factors for and against disclosure, and "
          "the conclusion."),
    _rule("withheld-without-exemption", "error", _REFUSAL,
          "An answer says information is withheld or redacted, but cites no exemption."),
    _rule("ncnd-not-allowed", "error", _NCND,
          "Neither confirm nor deny is used with an exemption that has no NCND provision."),
    _rule("ncnd-leak", "error", _NCND,
          "An NCND answer shows a table, figures, an answer or not-held wording, which confirms or denies."),
    _rule("unanswered", "error", _DUTY,
          "A question has no answer, exemption or not-held statement."),
    _rule("small-numbers", "warning", _PERSONAL,
          "A table or answer discloses a count small enough to identify people, unless withheld under the "
          "personal data exemption or accepted with the reason it is safe."),
    _rule("missing-glyphs", "error", "Equality Act 2010 s20 and the Public Sector Bodies Accessibility "
          "Regulations 2018: a published letter must be readable",
          "The letter has characters the PDF's fonts cannot draw (Chinese, Arabic, emoji): the PDF would show "
          "empty boxes."),
    _rule("regime-rights", "error", _RIGHTS,
          "The templates in force on the letter's date do not give the review and regulator rights of the "
          "request's regime."),
    _rule("accepted-unmatched", "warning", "foiletters: an acceptance records a finding the officer accepts",
          "An acceptance under `accepted:` matches no finding (a wrong rule, question or detail, or the finding "
          "was fixed): it hides nothing, and may be a mistake."),
    _rule("deadline-unchecked", "info", _TIME,
          "The answer file has no `received` date, so the deadline was not checked."),
    _rule("late", "warning", _TIME,
          "The letter is dated after the deadline; it apologises, and `check` says by how many working days."),
    _rule("extension", "error", {"FOIA": "FOIA s10(3); ICO guidance: a further 20 working days at most",
                                 "EIR": "EIR reg 7(1)", "FOISA": "FOISA s10 (no extension)",
                                 "EISR": "EISR reg 7(1)"},
          "An extension the regime does not allow, or longer than its limit."),
]}


@dataclass
class Checker:
    """Collects findings for one answer file."""

    request: Request
    findings: list[Finding] = field(default_factory=list)

    def add(self, rule: str, regime: str, loc: tuple[Any, ...], message: str, expected: str = "",
            question: str | None = None, severity: Severity | None = None, source: str | None = None,
            detail: str | None = None) -> None:
        """A finding of `rule`. `severity`: a warning where the rule's defect is one of good practice only;
        `source`: the provision, where it is not the rule's usual one (an s12 notice is s17(5));
        `detail`: the missing detail it is about, which an acceptance must name to accept it alone."""
        law = RULES[rule]
        self.findings.append(Finding(self.request.problem(loc, message, expected), rule, severity or law.severity,
                                     source or law.source_for(regime), question or None, detail=detail))
