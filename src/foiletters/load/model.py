"""The answer file: what an officer writes about one request, as a validated model.

Field names are the officer's vocabulary; every text that may hold formatting is
Markdown. The model holds only what is particular to the request: wording that recurs
across letters belongs to the templates and the exemption library.

The top-level fields are the request and its response; `letters:` holds the other letters of
the request's life (`letters.py`); the questions and their answers are in `items.py`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from foiletters.load.fields import (  # noqa: F401 - re-exported: the model's vocabulary in one import
    NO, YES, Date, Markdown, Regime, RegimeName, Strict, date_as_written, date_in_range, one_word, parse_number,
    upper)
from foiletters.load.items import (  # noqa: F401 - re-exported
    Exemption, Item, PublicInterest, ScheduledDocument, Table, TotalRow, _question_id, covered_keys)
from foiletters.load.letters import (  # noqa: F401 - re-exported
    KINDS, Appeal, Clarification, Closed, ExtensionNotice, Letter, Officer, Signed)

# A reference is printed exactly as the authority writes it (`123/2024`, `ABC/19/01234`, `XYZ 12345`, `0042`);
# only what no reference holds is refused: control characters, and nothing but punctuation.
MAX_REFERENCE = 64
# Names Windows reserves whatever their extension: a reference's file name must not be one.
RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
_UNSAFE_IN_FILE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def file_stem(reference: str) -> str:
    """The file name a reference gives its letters: every run of characters other than ASCII letters, digits,
    `.`, `_` and `-` (a `/`, a space, an accented letter) becomes one `-`, and `-` and `.` are trimmed from
    the ends: `FOI-1234-2425/AB` -> `FOI-1234-2425-AB`, `XYZ 12345` -> `XYZ-12345`. A Windows device name
    (`CON`, `NUL` …) gets `_` after it. Two answer files whose stems are the same, compared without case,
    cannot be built or published together."""
    stem = _UNSAFE_IN_FILE_NAME.sub("-", reference).strip("-.")
    return f"{stem}_" if stem.upper() in RESERVED_NAMES else stem


def reference_problem(value: str) -> str | None:
    """Why `value` cannot be a reference, or None: any reference an authority writes is taken as written."""
    shown = value[:80].encode("unicode_escape").decode()
    if not value or value != value.strip() or len(value) > MAX_REFERENCE:
        return (f"'{shown}' cannot be a reference: write it as the authority does, from 1 to {MAX_REFERENCE} "
                "characters with no space at either end")
    if any(not ch.isprintable() for ch in value) or not file_stem(value).strip("_"):
        return (f"'{shown}' cannot be a reference: it needs a letter or digit and no control characters "
                "(e.g. FOI123456789, 123/2024)")
    return None


class Requester(Strict):
    """The person who asked. Always private: never published in the disclosure log, and looked for in it."""

    name: str | None = Field(None, description="Used in the salutation: 'Dear <name>'. Without it: 'Dear Sir/Madam'.")
    email: str | None = None
    phone: str | None = Field(None, description="The requester's telephone number, in any format.")
    address: list[str] = Field(default_factory=list, description="Postal address lines, printed above the date.")
    addressee: str | None = Field(None, description="The addressee line when it is not the name: "
                                  "'For the attention of A. Person'.")
    salutation: str | None = Field(None, description="The greeting as it should read: 'Dear Ms Person', "
                                   "'Dear Alex'. Without it: 'Dear <name>', or 'Dear Sir/Madam'.")
    reference: str | None = Field(None, description="The requester's own reference ('Your ref').")


class Release(Strict):
    """One occurrence of a private value that the officer has checked and releases for the disclosure log."""

    at: str = Field(description="Where, exactly as the log's held-back report gives it after `at:`, e.g. "
                    "'questions[2].answer:14:5' (field, line, column) or 'attachments[0]:page 2:120' "
                    "(attachment, part, character).")
    reason: str = Field(min_length=3, description="Why publishing it is right: kept in the run's private "
                        "records, never published.")


class Attachment(Strict):
    """A file that goes with the letter."""

    file: str | None = Field(None, description="A file beside the answer file, copied next to the letter.")
    title: str | None = Field(None, description="What the letter calls it, e.g. 'the attached spreadsheet'.")
    sent_separately: bool = Field(False, description="yes when the file is sent by other means and is not here.")

    @model_validator(mode="after")
    def _named(self) -> Attachment:
        if not self.file and not self.title:
            raise PydanticCustomError("attachment", "an attachment needs a `file` or a `title`")
        if not self.file and not self.sent_separately:
            raise PydanticCustomError("attachment", "an attachment without `file` must be `sent_separately: yes`")
        return self


class Annex(Strict):
    """Answers in an annex: the letter lists the questions, the annex gives the request and the answers."""

    title: str | None = Field(None, description="The annex title; the request's subject when not given.")


class Accepted(Strict):
    """A finding of `foiletters check` that the officer accepts knowingly, with the reason."""

    rule: str = Field(description="The rule's name as `check` prints it in brackets, e.g. unanswered.")
    question: str | None = Field(None, description="The question it is about, e.g. '8 v', or the `covers` text of "
                                 "an answer to several ('3 to 6c'); left out (or null), the whole letter.")
    detail: str | None = Field(None, description="For a finding about a missing detail, the detail, e.g. advice: "
                               "accepting one missing detail does not accept another.")
    reason: str = Field(min_length=3, description="Why it is right for this request: it is recorded and listed.")

    @field_validator("question", mode="before")
    @classmethod
    def _question_as_written(cls, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        # `question: null` (which answer files read as text) means the whole letter, as leaving it out does:
        # never a question called "null".
        if isinstance(value, str) and value.strip().lower() in ("null", "none", "~", ""):
            return None
        if isinstance(value, str) and not _question_id(value):
            raise PydanticCustomError("accepted_question", "'{value}' is not a question: to accept the finding "
                                      "for the whole letter leave `question` out; else write the question's "
                                      "number, e.g. '8 v'", {"value": value})
        return value

    @field_validator("rule")
    @classmethod
    def _known_rule(cls, value: str) -> str:
        import difflib

        from foiletters.check.rules import RULES  # here, not at the top: check imports this module

        if value not in RULES:
            close = difflib.get_close_matches(value, list(RULES), n=1)
            hint = f"did you mean {close[0]!r}?" if close else "see `foiletters check --rules`"
            raise PydanticCustomError("accepted_rule", "there is no rule '{value}'; {hint}",
                                      {"value": value, "hint": hint})
        return value




class Extension(Strict):
    """More time to answer: FOIA s10(3) to consider the public interest, EIR reg 7(1) for a complex request."""

    reason: Literal["public-interest", "complex"] = Field(
        description="public-interest (FOIA s10(3)) or complex (EIR reg 7(1): complex and voluminous).")
    until: Date = Field(description="The new date by which the response is due, as told to the requester.")


class AnswerFile(Signed):
    """One request: its questions, the response to it, and the other letters of its life."""

    reference: str = Field(description="The request's reference exactly as the authority writes it, e.g. "
                           "FOI123456789, 123/2024, ABC/19/01234. Its file name: `/` and spaces become `-`.")
    regime: Regime = Field(
        "FOIA", description="FOIA, EIR, FOISA (Scotland) or EISR (environmental, Scotland).")
    date: Date | None = Field(None, description="The date of the response, YYYY-MM-DD. It also picks the "
                              "boilerplate in force. Leave it out while only `letters` have been sent.")
    received: Date | None = Field(None, description="The date the request was received, YYYY-MM-DD.")
    clarified: Date | None = Field(None, description="When the requester's answer to our request for "
                                   "clarification arrived (FOIA s1(3), EIR reg 9): the 20 working days start again.")
    extension: Extension | None = None
    subject: str = Field(
        description="What the request relates to: 'Thank you for your request … relating to <subject>.'")
    requester: Requester | None = None
    request_text: Markdown | None = Field(None, description="The requester's own text before the questions.")
    questions: list[Item] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    annex: Annex | None = None
    letters: list[Letter] = Field(default_factory=list, description="The other letters of the request's life, "
                                  "each with its `kind` (acknowledgement, clarification, extension, refusal, "
                                  "review, transfer) and `date`.")
    appeals: list[Appeal] = Field(default_factory=list, description="Complaints to the regulator about this "
                                  "request, and their outcome.")
    closed: Closed | None = Field(None, description="`date` and `reason` (withdrawn or lapsed) when the request "
                                  "ended without a response.")
    accepted: list[Accepted] = Field(default_factory=list, description="Findings of `foiletters check` accepted "
                                     "knowingly for this request, each with its reason.")
    reviewed_for_publication: Date | None = Field(
        None, description="The day the response was reviewed for the disclosure log, YYYY-MM-DD. Without it the "
        "request is not published.")
    private: list[str] = Field(
        default_factory=list, description="Names, addresses and other words that must never be published, beside "
        "the requester's details (always private): a request whose public copy contains one is held back.")
    releases: list[Release] = Field(default_factory=list, description="Occurrences of private values, as the "
                                    "log reported them, that the officer has checked and releases, with a reason.")

    @field_validator("regime", mode="before")
    @classmethod
    def _regime_any_case(cls, value: Any) -> Any:
        return upper(value)

    @field_validator("reference")
    @classmethod
    def _printable_reference(cls, value: str) -> str:
        problem = reference_problem(value)
        if problem:
            raise PydanticCustomError("reference", "{problem}", {"problem": problem})
        return value

    @model_validator(mode="after")
    def _dates(self) -> AnswerFile:
        if self.date is None and not self.letters and self.closed is None:
            raise PydanticCustomError("dates", "the answer file has no `date`: give the response's date, "
                                      "YYYY-MM-DD (or list the letters sent so far under `letters`)")
        if self.received and self.date and self.received > self.date:
            raise PydanticCustomError("dates", "the request was `received` ({received}) after the letter's "
                                      "`date` ({date})", {"received": str(self.received), "date": str(self.date)})
        if self.clarified and (self.received is None or self.clarified < self.received):
            raise PydanticCustomError("dates", "`clarified` ({clarified}) needs a `received` date on or before it",
                                      {"clarified": str(self.clarified)})
        return self

    @property
    def file_stem(self) -> str:
        """The response's file name without its suffix: see `file_stem()`."""
        return file_stem(self.reference)

    @property
    def regimes(self) -> list[str]:
        """The regimes the letter answers under: its own first, then those of particular answers."""
        found = [self.regime]
        for item in _all_items(self.questions):
            if item.regime and item.regime not in found:
                found.append(item.regime)
        return found

    def letters_of(self, kind: str) -> list[Any]:
        return [letter for letter in self.letters if letter.kind == kind]

    @property
    def clarified_on(self) -> dt.date | None:
        """When the clock started again after a clarification: `clarified`, or the newest answered
        clarification letter's `answered`."""
        answered = [c.answered for c in self.letters_of("clarification") if c.answered]
        return max([*answered, *([self.clarified] if self.clarified else [])], default=None)

    @property
    def extended_until(self) -> dt.date | None:
        """The latest extended due date told to the requester: `extension.until`, or an extension letter's."""
        dates = [part.until for notice in self.letters_of("extension") for part in notice.all_parts(self.regime)]
        if self.extension:
            dates.append(self.extension.until)
        return max(dates, default=None)

    @property
    def newest_kind(self) -> str:
        """The kind of the newest letter in the file, which `foiletters build` builds without `--letter`:
        the latest date, and on one day the later entry, the response counting as the last."""
        dated = [(letter.date, index, letter.kind) for index, letter in enumerate(self.letters)]
        if self.date is not None:
            dated.append((self.date, len(self.letters), "response"))
        return max(dated)[2] if dated else "response"


def item_regimes(answers: AnswerFile, also: list[Item] = ()) -> dict[int, str]:
    """The regime of every item, by `id(item)`: its own, else its question's, else the letter's; of the
    questions, and of `also` (a review's new answers)."""
    found: dict[int, str] = {}

    def walk(items: list[Item], inherited: str) -> None:
        for item in items:
            found[id(item)] = item.regime or inherited
            walk(item.parts, found[id(item)])

    walk(answers.questions, answers.regime)
    walk(list(also), answers.regime)
    return found


def _all_items(items: list[Item]):
    for item in items:
        yield item
        yield from _all_items(item.parts)
