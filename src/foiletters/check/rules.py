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
# The time for the response, in which the notices of a request's life are sent too (FOIA s17(1), s17(5)).
_NOTICE_TIME = {"FOIA": "FOIA s10(1) with s17(1) and s17(5)", "EIR": "EIR reg 5(2), 7(3) and 14(2)",
                "FOISA": "FOISA s10(1) with s16(1) and s16(5)", "EISR": "EISR reg 5(2), 7(3) and 13"}
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


# The rules of the letters of a request's life besides the response (check/letters.py).
LIFE_RULES = [
    _rule("letter-dates", "error", _TIME,
          "A letter of the request's life has impossible dates: sent before the request was received, a "
          "clarification answered before it was asked for, a review outcome sent before it was asked for."),
    _rule("letter-late", "warning", _NOTICE_TIME,
          "An acknowledgement, extension notice, refusal or transfer is sent after the response was due "
          "(an extension notice: after the first 20 working days)."),
    _rule("acknowledgement-due", "error", _TIME,
          "An acknowledgement gives the date the response is due, which needs the `received` date."),
    _rule("clarification-advice", "warning", {"FOIA": "FOIA s16: the duty to advise and assist", "EIR": "EIR "
                                              "reg 9(2)(b): assist the applicant in providing particulars",
                                              "FOISA": "FOISA s15: the duty to advise and assist",
                                              "EISR": "EISR reg 9(2)(b)"},
          "A request for clarification without suggestions of how the requester could put the request."),
    _rule("clarification-late", "warning", {"FOIA": "FOIA s1(3) and s10(1); ICO guidance: ask as soon as "
                                            "possible", "EIR": "EIR reg 9(2)(a): no later than 20 working days "
                                            "after receipt", "FOISA": "FOISA s1(3) and s10(1)",
                                            "EISR": "EISR reg 9(2)(a)"},
          "Clarification is asked for after the 20 working days for the response."),
    _rule("clarification-lapsed", "warning", {"FOIA": "FOIA s1(3); ICO guidance: close a request whose "
                                              "clarification is unanswered after three months; the house's "
                                              "clarification_lapses_after_days", "EIR": "EIR reg 9(4)",
                                              "FOISA": "FOISA s1(3)", "EISR": "EISR reg 9(4)"},
          "A clarification unanswered for longer than the house's set period: close the request as lapsed."),
    _rule("extension-law", "error", {"FOIA": "FOIA s10(3): only to consider the public interest",
                                     "EIR": "EIR reg 7(1): complex and voluminous requests, 40 working days",
                                     "FOISA": "FOISA s10: no extension of time",
                                     "EISR": "EISR reg 7(1): complex and voluminous requests, 40 working days"},
          "An extension notice gives a reason its law does not allow (any under FOISA), or an EIR/EISR date "
          "beyond 40 working days."),
    _rule("extension-estimate", "warning", {"FOIA": "FOIA s10(3) and s17(2)(b); ICO guidance: normally no more "
                                            "than a further 20 working days"},
          "A public interest extension whose estimated date is beyond 40 working days, or not after the "
          "normal due date."),
    _rule("extension-exemptions", "error", {"FOIA": "FOIA s17(1)(b) and s17(2); s10(3) applies only to "
                                            "qualified exemptions (s2(1)(b), s2(2)(b))"},
          "A public interest extension names no exemption, an unknown one, or one that is not qualified."),
    _rule("refusal-ground", "error", {"FOIA": "FOIA s14 with s17(5)", "EIR": "EIR reg 12(4)(b) with reg 14",
                                      "FOISA": "FOISA s14 with s16(5)", "EISR": "EISR reg 10(4)(b) with reg 13"},
          "A refusal of the whole request cites what is not its regime's ground for a vexatious, repeated or "
          "manifestly unreasonable request (s14 on an EIR request, reg 12(4)(b) on a FOIA one)."),
    _rule("refusal-public-interest", "error", {"FOIA": "EIR reg 12(1)(b)", "EIR": "EIR reg 12(1)(b) and 14(3)(b)",
                                               "EISR": "EISR reg 10(1)(b) and 13(b)"},
          "A manifestly unreasonable refusal (an exception) without the public interest test; FOIA and FOISA "
          "s14 have none."),
    _rule("review-late", "warning", {"FOIA": "s45 Code of Practice (2018) part 5: 20 working days, 40 at most",
                                     "EIR": "EIR reg 11(4): 40 working days", "FOISA": "FOISA s21(1): 20 "
                                     "working days", "EISR": "EISR reg 16(4): 20 working days"},
          "A review outcome sent after the review's time limit, counted from the review request."),
    _rule("review-outcome", "warning", {"FOIA": "s45 Code of Practice (2018) part 5", "EIR": "EIR reg 11(4) and "
                                        "11(5)", "FOISA": "FOISA s21(4) and s21(5)", "EISR": "EISR reg 16(4)-(5)"},
          "A review outcome that does not say what the original response was, or what is now released when "
          "it changes it, or uses FOISA's new-decision outside Scotland."),
    _rule("review-rights", "error", {"FOIA": "FOIA s50; s45 Code of Practice (2018) part 5",
                                     "EIR": "EIR reg 18", "FOISA": "FOISA s21(10), s47(1) and s56",
                                     "EISR": "EISR reg 17 with FOISA s21(10), s47(1) and s56"},
          "A review outcome lacks the rights that follow a review: the regulator's name and address and, in "
          "Scotland, the six months and the appeal to the Court of Session (an error where statute requires "
          "it: FOISA and EISR)."),
    _rule("transfer-consent", "warning", "s45 Code of Practice (2018) part 2; ICO guidance: transfer a request "
          "only with the requester's consent",
          "A request transferred to another authority without the requester's consent."),
    _rule("transfer-contact", "warning", {"FOIA": "FOIA s16 and the s45 Code of Practice (2018) part 2",
                                          "EIR": "EIR reg 10(1)(b)", "FOISA": "FOISA s15",
                                          "EISR": "EISR reg 14(1)(b)"},
          "Advice to ask another authority without its address (an error under the EIR and EISR)."),
]


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
    *LIFE_RULES,
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
