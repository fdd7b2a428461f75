"""Check the letters of a request's life besides the response, each kind by its own law.

The rules and their sources are registered in check/rules.py; the dates they use are in check/life_dates.py.
A letter's findings point at its entry under `letters:` (`letters[2].until`, at its line in the file).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from foiletters.check.deadlines import RESPONSE_DAYS, add_working_days, working_days_after
from foiletters.check.life_dates import REVIEW_DAYS, due_on, review_due
from foiletters.check.exemptions import check_exemptions
from foiletters.check.rules import Checker
from foiletters.load.answerfile import Request
from foiletters.load.items import covered_keys
from foiletters.load.letters import Letter
from foiletters.load.model import _question_id
from foiletters.render.house import TemplateSet
from foiletters.render.life import letter_regimes, library_entry

# The grounds of a refusal of the whole request as vexatious, repeated or manifestly unreasonable.
REFUSAL_GROUNDS = {"FOIA": ("s14(1)", "s14(2)"), "EIR": ("reg 12(4)(b)",), "FOISA": ("s14(1)", "s14(2)"),
                   "EISR": ("reg 10(4)(b)",)}
# Under the environmental regimes the refusal is an exception, with the public interest test.
TESTED_REFUSALS = {"EIR", "EISR"}
# The extensions each regime has (EXTENSION_CAPS in deadlines.py has their limits in working days).
EXTENSIONS = {"FOIA": {"public-interest"}, "EIR": {"complex"}, "EISR": {"complex"}, "FOISA": set()}
EXTENSION_LIMIT = 40  # working days after the clock started: EIR/EISR reg 7(1); FOIA: the ICO's guidance
# Letters that answer the request, or refuse it, and are due by the response's due date.
DUE_BY_THE_DEADLINE = {"acknowledgement", "extension", "refusal", "transfer"}


def check_life_letter(checker: Checker, templates: TemplateSet, index: int, letter: Letter) -> None:
    """Every rule about one entry of `letters:`."""
    answers = checker.request.answers
    at = ("letters", index)
    if answers.received and letter.date < answers.received:
        checker.add("letter-dates", answers.regime, at + ("date",), f"the {letter.kind} letter is dated "
                    f"{letter.date:%d %B %Y}, before the request was `received` ({answers.received:%d %B %Y})",
                    "give the day the letter was sent, or correct `received`")
    if letter.kind in DUE_BY_THE_DEADLINE and answers.received:
        _on_time(checker, at, letter)
    {"acknowledgement": _acknowledgement, "clarification": _clarification, "extension": _extension,
     "refusal": _refusal, "review": _review, "transfer": _transfer}[letter.kind](checker, templates, at, letter)


def _on_time(checker: Checker, at: tuple[Any, ...], letter: Letter) -> None:
    answers = checker.request.answers
    due = due_on(answers, letter.date)
    if due is None or due.waiting:
        return
    limit = due.due if letter.kind == "extension" else due.final  # an extension is sent within the 20 days
    if letter.date > limit:
        days = working_days_after(limit, letter.date, answers.regime)
        checker.add("letter-late", answers.regime, at + ("date",), f"the {letter.kind} letter is dated "
                    f"{letter.date:%d %B %Y}, {days} working day{'s' * (days != 1)} after the response was due "
                    f"({limit:%d %B %Y})", "send it within the 20 working days; check `received` and the "
                    "clarification's `answered`")


def _acknowledgement(checker: Checker, templates: TemplateSet, at: tuple[Any, ...], letter: Letter) -> None:
    answers = checker.request.answers
    if answers.received is None:
        checker.add("acknowledgement-due", answers.regime, at + ("kind",), "the acknowledgement gives the date "
                    "the response is due, 20 working days after receipt, but the answer file has no `received` "
                    "date", "add `received: YYYY-MM-DD`, the day the request arrived")


def _clarification(checker: Checker, templates: TemplateSet, at: tuple[Any, ...], letter: Letter) -> None:
    answers = checker.request.answers
    regime = answers.regime
    if letter.answered and letter.answered < letter.date:
        checker.add("letter-dates", regime, at + ("answered",), f"the clarification was `answered` on "
                    f"{letter.answered:%d %B %Y}, before it was sent ({letter.date:%d %B %Y})",
                    "give the day the requester's answer arrived")
    if not letter.suggestions:
        checker.add("clarification-advice", regime, at + ("unclear",), "the request for clarification does not "
                    "suggest how the requester could put the request", "add `suggestions:` (a narrower period, "
                    "the team, the records that exist)")
    if answers.received:
        start = max([answers.received, *[c.answered for c in answers.letters_of("clarification")
                                         if c.answered and c.answered < letter.date]])
        latest = add_working_days(start, RESPONSE_DAYS, regime)
        if letter.date > latest:
            checker.add("clarification-late", regime, at + ("date",), f"the clarification was asked for on "
                        f"{letter.date:%d %B %Y}, after the 20 working days to {latest:%d %B %Y}",
                        "ask for clarification as soon as the request is found unclear")
    lapse = templates.profile(letter.date).get("clarification_lapses_after_days")
    if letter.answered is None and lapse and answers.closed is None and answers.date is None:
        lapses_on = letter.date + dt.timedelta(days=int(lapse))
        if dt.date.today() > lapses_on:
            checker.add("clarification-lapsed", regime, at + ("date",), f"the clarification of "
                        f"{letter.date:%d %B %Y} was not answered within {lapse} days (by {lapses_on:%d %B %Y})",
                        f"close the request: `closed: {{date: {dt.date.today().isoformat()}, reason: lapsed}}`, "
                        "or give the clarification's `answered` date")


def _extension(checker: Checker, templates: TemplateSet, at: tuple[Any, ...], letter: Letter) -> None:
    answers = checker.request.answers
    due = due_on(answers, letter.date)
    for number, part in enumerate(letter.all_parts(answers.regime)):
        regime = part.regime or answers.regime
        here = at + ("parts", number) if letter.parts else at
        if part.reason not in EXTENSIONS[regime]:
            allowed = " or ".join(sorted(EXTENSIONS[regime]))
            expected = (f"{regime} allows a {allowed} extension" if allowed else
                        f"{regime} has no extension of time: respond by the due date, or refuse the request with "
                        "the reason in a refusal notice")
            checker.add("extension-law", regime, here + ("reason",), f"{regime} has no {part.reason} extension",
                        expected)
            continue
        if due is not None:
            limit = add_working_days(due.clock_start, EXTENSION_LIMIT, regime)
            if part.until > limit:
                rule = "extension-estimate" if regime == "FOIA" else "extension-law"
                after = "receipt" if due.clock_start == answers.received else "the clarification"
                checker.add(rule, regime, here + ("until",), f"the extension runs to {part.until:%d %B %Y}, "
                            f"beyond 40 working days after {after} ({limit:%d %B %Y})",
                            f"estimate {limit:%d %B %Y} at the latest")
            elif part.until <= due.due:
                checker.add("extension-estimate", regime, here + ("until",), f"the estimated date "
                            f"{part.until:%d %B %Y} is not after the normal due date {due.due:%d %B %Y}",
                            "give the later date by which the response will be sent, or send no extension")
        if part.reason == "public-interest":
            _considered(checker, templates, here, part, regime)


def _considered(checker: Checker, templates: TemplateSet, here: tuple[Any, ...], part: Any, regime: str) -> None:
    """FOIA s17(2): the notice names each exemption considered; s10(3) is for qualified exemptions only. A notice
    may name an absolute one beside them (s40(2) with s43(2)): only a notice with no qualified one has no basis."""
    if not part.exemptions:
        checker.add("extension-exemptions", regime, here + ("reason",), "a public interest extension does not "
                    "name the exemptions being considered", "list them under `exemptions:`, each with its `cite`")
        return
    entries = []
    for number, exemption in enumerate(part.exemptions):
        entry = library_entry(templates, regime, exemption.cite)
        entries.append(entry)
        if entry is None and not exemption.params.get("title"):
            # Only the title comes from the library: the notice can name the section without it, so a warning.
            checker.add("extension-exemptions", regime, here + ("exemptions", number, "cite"), f"{exemption.cite} "
                        f"is not in the {regime} exemption library, so the notice names it without its title",
                        "give its `title:` beside `cite`, or cite it as the library does", severity="warning")
    if all(entry is not None and entry.kind != "qualified" for entry in entries):
        named = ", ".join(f"{entry.cite} ({entry.title})" for entry in entries if entry is not None)
        checker.add("extension-exemptions", regime, here + ("exemptions", 0, "cite"), f"{named}: no qualified "
                    "exemption, so there is no public interest to consider and no extension for it",
                    "respond by the due date, citing it")


def _refusal(checker: Checker, templates: TemplateSet, at: tuple[Any, ...], letter: Letter) -> None:
    regime = checker.request.answers.regime
    grounds = REFUSAL_GROUNDS[regime]
    entry = templates.library.find(regime, letter.cite)
    if entry is None or entry.cite not in grounds:
        checker.add("refusal-ground", regime, at + ("cite",), f"{letter.cite} is not a ground for refusing a "
                    f"request as vexatious, repeated or manifestly unreasonable under {regime}",
                    f"cite {' or '.join(grounds)}")
    elif regime in TESTED_REFUSALS and letter.public_interest is None:
        checker.add("refusal-public-interest", regime, at + ("cite",), f"{entry.cite} is an exception: the "
                    "refusal needs the public interest test", "add `public_interest:` with `for`, "
                    "`against` and `conclusion`")


def _review(checker: Checker, templates: TemplateSet, at: tuple[Any, ...], letter: Letter) -> None:
    answers = checker.request.answers
    regime = answers.regime
    # A review may be asked for before the response: of a failure to respond in time (FOISA s21(4)(c)).
    if letter.date < letter.requested.received:
        checker.add("letter-dates", regime, at + ("date",), f"the review outcome is dated {letter.date:%d %B %Y}, "
                    f"before the review was requested ({letter.requested.received:%d %B %Y})",
                    "give the day the outcome was sent")
    expected, latest = review_due(letter, regime)
    if letter.date > expected:
        days = working_days_after(letter.requested.received, letter.date, regime)
        normal, most = REVIEW_DAYS[regime]
        beyond = f"beyond the {most} working days allowed at most" if letter.date > latest else \
            f"beyond the {normal} working days expected"
        checker.add("review-late", regime, at + ("date",), f"the review outcome was sent {days} working days after "
                    f"the review request of {letter.requested.received:%d %B %Y}, {beyond} ({expected:%d %B %Y})",
                    "apologise for the delay in the findings")
    if letter.outcome != "new-decision" and answers.date is None and not letter.original_summary:
        checker.add("review-outcome", regime, at + ("outcome",), "the review does not say what the original "
                    "response was: the answer file has no response `date` and the review no `original_summary`",
                    "add `original_summary:` with the original response's date and gist")
    if letter.outcome in ("overturned", "upheld-in-part", "modified") and not letter.answers:
        checker.add("review-outcome", regime, at + ("outcome",), f"the outcome is {letter.outcome}, but the "
                    "review does not say what is now released", "add `answers:` entries with `covers` naming "
                    "the questions, and what is now released or withheld")
    if letter.outcome == "new-decision" and regime not in ("FOISA", "EISR"):
        checker.add("review-outcome", regime, at + ("outcome",), f"new-decision is the outcome FOISA s21(4)(c) "
                    f"allows; under {regime} a review that finds no decision was reached is `overturned`",
                    "write `outcome: overturned` and give the answers")
    # What the review now withholds answers to the law as the response's answers do (FOIA s17, EIR reg 14,
    # FOISA s16): the exemption rules run on its answers, pointing at them.
    check_exemptions(_ReviewAnswers(checker, at[1], letter), templates.library)  # type: ignore[arg-type]
    known = {_question_id(q.number) for q in answers.questions if q.number}
    for number, item in enumerate(letter.answers):
        unknown = [key for key in covered_keys(item.covers or "") if key not in known]
        if unknown and known:
            checker.add("review-outcome", regime, at + ("answers", number, "covers"), f"`covers` names question "
                        f"{', '.join(unknown)}, which the request does not have", "name the request's questions, "
                        "as numbered under `questions`")


class _ReviewAnswers:
    """A checker over a review's `answers` as if they were the request's questions, whose findings point at the
    review's entries (`letters[3].answers[0].exemption`)."""

    def __init__(self, outer: Checker, index: int, letter: Letter):
        answers = outer.request.answers.model_copy(update={"questions": letter.answers})
        self.request = Request(answers, outer.request.source, outer.request.data)
        self.outer, self.index = outer, index

    def add(self, rule: str, regime: str, loc: tuple[Any, ...], *args: Any, **kwargs: Any) -> None:
        if loc and loc[0] == "questions":
            loc = ("letters", self.index, "answers", *loc[1:])
        self.outer.add(rule, regime, loc, *args, **kwargs)


def _transfer(checker: Checker, templates: TemplateSet, at: tuple[Any, ...], letter: Letter) -> None:
    regime = checker.request.answers.regime
    if letter.transferred and letter.consent is None:
        checker.add("transfer-consent", regime, at + ("transferred",), f"the request was transferred to "
                    f"{letter.to.name} without the requester's consent", "add `consent: YYYY-MM-DD`, the day the "
                    "requester agreed, or give the other authority's address instead of transferring")
    if not letter.transferred and not (letter.to.address or letter.to.email or letter.to.website):
        checker.add("transfer-contact", regime, at + ("to",), f"the letter does not say how to reach "
                    f"{letter.to.name}", "add its `address`, `email` or `website` under `to`",
                    severity="error" if regime in ("EIR", "EISR") else "warning")


def check_life_rights(checker: Checker, templates: TemplateSet, index: int, letter: Letter, text: str) -> None:
    """The rendered letter gives the rights its kind must give. `text`: the letter's words (letter_text)."""
    from foiletters.check.letter_text import check_rights

    answers = checker.request.answers
    at = ("letters", index, "date")
    if letter.kind in ("extension", "refusal", "transfer"):
        # FOIA s17(7), EIR reg 14(5), FOISA s19: for every law the letter is under.
        check_rights(checker, templates, text, letter.date, at, letter_regimes(answers, letter))
    if letter.kind == "review":
        regulator = templates.regulator(answers.regime, letter.date)
        wanted = [regulator["name"], regulator["address"]]
        if regulator["name"] == "Scottish Information Commissioner":
            wanted += ["six months", "Court of Session"]
        lowered = text.lower()
        missing = [phrase for phrase in wanted if " ".join(phrase.split()).lower() not in lowered]
        if missing:
            checker.add("review-rights", answers.regime, at, f"the review outcome in force on {letter.date:%d %B %Y} "
                        "lacks " + ", ".join(repr(m) for m in missing), "the governance team adds them to "
                        "templates/boilerplate/after-review/ in force on that date",
                        severity="error" if answers.regime in ("FOISA", "EISR") else "warning")
