"""The answer file: what an officer writes about one request, as a validated model.

Field names are the officer's vocabulary; every text that may hold formatting is
Markdown. The model holds only what is particular to the request: wording that recurs
across letters belongs to the templates and the exemption library.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from foiletters.load.limits import EARLIEST_DATE, LATEST_DATE

Markdown = Annotated[str, Field(description="Text in Markdown: paragraphs, **bold**, lists, [links](https://…)")]

REFERENCE = re.compile(r"^[A-Za-z][A-Za-z0-9_-]{1,63}$")
# Names Windows reserves whatever their extension: a reference becomes a file name.
RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}
YES = {"yes", "y", "true", "on"}
Regime = Literal["FOIA", "EIR", "FOISA", "EISR"]
NO = {"no", "n", "false", "off"}
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# The answer file's dates: each is YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE.
DATES = ("date", "received", "clarified", "reviewed_for_publication")


class Strict(BaseModel):
    """Unknown keys are mistakes (usually misspellings), not silently ignored extras."""

    model_config = ConfigDict(extra="forbid")


class Requester(Strict):
    """The person who asked. Always private: never published in the disclosure log."""

    name: str | None = Field(None, description="Used in the salutation: 'Dear <name>'. Without it: 'Dear Sir/Madam'.")
    email: str | None = None
    address: list[str] = Field(default_factory=list, description="Postal address lines, printed above the date.")


class TotalRow(Strict):
    label: str = Field(description="The text of the total row's first cell, e.g. 'Grand Total'.")
    cells: list[str] | None = Field(None, description="The totals as published; checked against the rows.")


class Table(Strict):
    """A data table: written in YAML, or read from a CSV file beside the answer file."""

    caption: str | None = Field(None, description="A title shown above the table.")
    columns: list[str] | None = Field(None, description="One header row; the first is the header of the row labels.")
    levels: dict[str, list[str]] | None = Field(
        None,
        description="Header rows in levels, each repeated under every column of the level above, "
        "e.g. {Year: [2023, 2024], Location: [In, Out]}. The level names head the row-label column.",
    )
    rows: list[list[str]] | None = Field(None, description="Each row: its label, then one cell per column.")
    csv: str | None = Field(None, description="A CSV file beside the answer file that holds the rows "
                            "(its first row is the header unless `columns` or `levels` is given).")
    total: TotalRow | None = Field(None, description="`total: Grand Total` adds a computed total row; "
                                   "`total: [Grand Total, 3388]` checks the given totals against the rows.")
    notes: Markdown | None = Field(None, description="Text below the table: footnotes, explanations.")

    @field_validator("rows", mode="before")
    @classmethod
    def _empty_cells_are_blank(cls, rows: Any) -> Any:
        if isinstance(rows, list):
            return [[("" if cell is None else cell) for cell in row] if isinstance(row, list) else row
                    for row in rows]
        return rows

    @field_validator("total", mode="before")
    @classmethod
    def _total_forms(cls, value: Any) -> Any:
        if isinstance(value, str):
            return {"label": value}
        if isinstance(value, list) and value and all(isinstance(v, str | None) for v in value):
            return {"label": value[0] or "", "cells": [v or "" for v in value[1:]]}
        return value

    @model_validator(mode="after")
    def _one_header(self) -> Table:
        if self.columns is not None and self.levels is not None:
            raise PydanticCustomError("table_header", "give either `columns` or `levels`, not both")
        if self.rows is None and self.csv is None:
            raise PydanticCustomError("table_rows", "a table needs `rows` or a `csv` file")
        if self.rows is not None and self.csv is not None:
            raise PydanticCustomError("table_rows", "give either `rows` or `csv`, not both")
        if self.csv is None and self.columns is None and self.levels is None:
            raise PydanticCustomError("table_header", "a table needs `columns` (one header row) or `levels`")
        if self.columns is not None and not self.columns:
            raise PydanticCustomError("table_header", "`columns` is empty: give the header of the row labels, "
                                      "then one header per column")
        if self.levels is not None and (not self.levels or not all(self.levels.values())):
            raise PydanticCustomError("table_header", "every level of `levels` needs a name and at least one "
                                      "value, e.g. {Year: [2023, 2024]}")
        return self

    @property
    def width(self) -> int | None:
        """How many cells each row has, label included; None while the header is still to come from CSV."""
        if self.columns is not None:
            return len(self.columns)
        if self.levels is not None:
            width = 1
            for values in self.levels.values():
                width *= len(values)
            return width + 1
        return None


class PublicInterest(Strict):
    """The public interest test of a qualified exemption."""

    for_disclosure: list[Markdown] = Field(default_factory=list, alias="for")
    against_disclosure: list[Markdown] = Field(default_factory=list, alias="against")
    conclusion: Markdown | None = None

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Exemption(BaseModel):
    """An exemption or exception the answer relies on, by its citation in the exemption library.

    Parameters of the library's wording (a link, a publication date …) are written as
    further keys beside `cite`; which ones an exemption takes is the library's to say.
    """

    model_config = ConfigDict(extra="allow")

    cite: str = Field(description="The citation as in the exemption library, e.g. s21, s40(2), reg 12(5)(e).")
    because: Markdown | None = Field(None, description="Your reasons, printed before the standard wording.")
    reasoning: Markdown | None = Field(None, description="Further explanation, printed after the standard wording.")
    options: list[str] = Field(default_factory=list, description="Named optional sentences of the library wording.")
    public_interest: PublicInterest | None = None
    ncnd: bool = Field(False, description="yes to neither confirm nor deny that the information is held, "
                       "under the subsection the library names for this exemption.")

    @property
    def params(self) -> dict[str, str]:
        return dict(self.model_extra or {})


def _question_id(label: str) -> str:
    """'Q1.' -> '1', '5a.' -> '5a', 'i)' -> 'i': the form used to refer to a question."""
    key = re.sub(r"[^0-9a-z]", "", label.lower())
    return key[1:] if re.fullmatch(r"q\d\w*", key) else key


class Item(Strict):
    """One entry of `questions`: a question, the requester's own text, or an answer to several.

    - a question has `number` and `text`, and usually an answer;
    - the requester's text between questions has `text` only;
    - an answer that covers a group of questions has `covers` and the answer fields.
    """

    number: str | None = Field(
        None, description="The question's label exactly as the requester wrote it: 1., 2a, Q3, i)")
    text: Markdown | None = Field(None, description="The requester's words.")
    answer: Markdown | None = Field(None, description="Our answer.")
    table: Table | None = None
    tables: list[Table] = Field(default_factory=list)
    not_held: Markdown | None = Field(
        None, description="`yes`, or the explanation that follows the standard not-held statement.")
    exemption: Exemption | None = None
    parts: list[Item] = Field(default_factory=list, description="Sub-questions: a., b., i), ii) …")
    covers: str | None = Field(None, description="Which questions this answer covers: '3 to 6c' or '1, 2 and 4'.")
    regime: Regime | None = Field(None, description="The law this answer is given under, when it is not the "
                                  "letter's: e.g. EIR for the environmental part of a FOIA request.")

    @field_validator("regime", mode="before")
    @classmethod
    def _regime_any_case(cls, value: Any) -> Any:
        return _upper(value)

    @field_validator("not_held", mode="before")
    @classmethod
    def _not_held_forms(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip().lower() in YES:
            return ""
        if isinstance(value, str) and value.strip().lower() in NO:
            return None
        return value

    @model_validator(mode="after")
    def _shape(self) -> Item:
        if self.number is not None and not self.number.strip():
            raise PydanticCustomError("item_shape", "the question's `number` is empty: write its label as the "
                                      "requester did (1., 2a, Q3, i)), or leave `number` out for the requester's text")
        if self.covers is not None and not covered_keys(self.covers):
            raise PydanticCustomError("item_shape", "`covers` names no question: write the questions it answers, "
                                      "e.g. '3 to 6c' or '1, 2 and 4'")
        if self.number is not None and not self.text:
            raise PydanticCustomError("item_shape", "question {number} has no `text`",
                                      {"number": self.number})
        if self.number is not None and self.covers is not None:
            raise PydanticCustomError("item_shape", "a numbered question cannot have `covers`: "
                                      "put the answer on the question, or drop `number`")
        if self.number is None and self.text is None and not self.has_answer:
            raise PydanticCustomError("item_shape", "this entry is empty: give a question (`number` and `text`), "
                                      "the requester's `text`, or an answer")
        if self.number is None and self.parts:
            raise PydanticCustomError("item_shape", "only a numbered question can have `parts`")
        return self

    @property
    def all_tables(self) -> list[Table]:
        return ([self.table] if self.table else []) + list(self.tables)

    @property
    def has_answer(self) -> bool:
        return bool(self.answer or self.all_tables or self.not_held is not None or self.exemption)

    @property
    def is_question(self) -> bool:
        return self.number is not None

    @property
    def key(self) -> str:
        return _question_id(self.number or "")

    @property
    def covers_phrase(self) -> str:
        """'3 to 6c' -> 'Questions 3 to 6c'; '4' -> 'Question 4'."""
        if not self.covers:
            return ""
        several = len(covered_keys(self.covers)) > 1 or " to " in self.covers
        return f"Question{'s' if several else ''} {self.covers.strip()}"


def covered_keys(covers: str) -> list[str]:
    """The question references in a `covers` text, in order: '3 to 6c' -> ['3', '6c']."""
    return [_question_id(part) for part in re.split(r"\s*(?:,|\bto\b|\band\b|–|-)\s*", covers) if part.strip()]


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


class Extension(Strict):
    """More time to answer: FOIA s10(3) to consider the public interest, EIR reg 7(1) for a complex request."""

    reason: Literal["public-interest", "complex"] = Field(
        description="public-interest (FOIA s10(3)) or complex (EIR reg 7(1): complex and voluminous).")
    until: dt.date = Field(description="The new date by which the response is due, as told to the requester.")

    @field_validator("until", mode="before")
    @classmethod
    def _date_as_written(cls, value: Any) -> Any:
        return date_as_written(value)

    @field_validator("until")
    @classmethod
    def _date_in_range(cls, value: dt.date) -> dt.date:
        return date_in_range(value)


class Accepted(Strict):
    """A finding of `foiletters check` that the officer accepts knowingly, with the reason."""

    rule: str = Field(description="The rule's name as `check` prints it in brackets, e.g. unanswered.")
    question: str | None = Field(None, description="The question it is about, e.g. '8 v'; all of them if not given.")
    reason: str = Field(min_length=3, description="Why it is right for this request: it is recorded and listed.")

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


class AnswerFile(Strict):
    """One request and our response to it."""

    reference: str = Field(description="The request's reference, e.g. FOI123456789. Letters, digits, - and _.")
    regime: Regime = Field(
        "FOIA", description="FOIA, EIR, FOISA (Scotland) or EISR (environmental, Scotland).")
    date: dt.date = Field(description="The date of the letter, YYYY-MM-DD. It also picks the boilerplate in force.")
    received: dt.date | None = Field(None, description="The date the request was received, YYYY-MM-DD.")
    clarified: dt.date | None = Field(None, description="When the requester's answer to our request for "
                                      "clarification arrived (FOIA s1(3), EIR reg 9): the 20 working days start again.")
    extension: Extension | None = None
    subject: str = Field(
        description="What the request relates to: 'Thank you for your request … relating to <subject>.'")
    requester: Requester | None = None
    request_text: Markdown | None = Field(None, description="The requester's own text before the questions.")
    questions: list[Item] = Field(default_factory=list)
    attachments: list[Attachment] = Field(default_factory=list)
    annex: Annex | None = None
    accepted: list[Accepted] = Field(default_factory=list, description="Findings of `foiletters check` accepted "
                                     "knowingly for this request, each with its reason.")
    reviewed_for_publication: dt.date | None = Field(
        None, description="The day the response was reviewed for the disclosure log, YYYY-MM-DD. Without it the "
        "request is not published.")
    private: list[str] = Field(
        default_factory=list, description="Names, addresses and other words that must never be published, beside "
        "the requester's details (always private): a request whose public copy contains one is held back.")

    @field_validator("regime", mode="before")
    @classmethod
    def _regime_any_case(cls, value: Any) -> Any:
        return _upper(value)

    @field_validator(*DATES, mode="before", check_fields=False)
    @classmethod
    def _dates_as_written(cls, value: Any) -> Any:
        return date_as_written(value)

    @field_validator(*DATES, check_fields=False)
    @classmethod
    def _dates_in_range(cls, value: dt.date | None) -> dt.date | None:
        return date_in_range(value)

    @field_validator("reference")
    @classmethod
    def _safe_reference(cls, value: str) -> str:
        if not REFERENCE.fullmatch(value) or value.upper() in RESERVED_NAMES:
            raise PydanticCustomError(
                "reference", "'{value}' cannot be a reference; use letters, digits, - and _ only, "
                "starting with a letter (e.g. FOI123456789)", {"value": value})
        return value

    @model_validator(mode="after")
    def _dates(self) -> AnswerFile:
        if self.received and self.received > self.date:
            raise PydanticCustomError("dates", "the request was `received` ({received}) after the letter's "
                                      "`date` ({date})", {"received": str(self.received), "date": str(self.date)})
        if self.clarified and (self.received is None or self.clarified < self.received):
            raise PydanticCustomError("dates", "`clarified` ({clarified}) needs a `received` date on or before it",
                                      {"clarified": str(self.clarified)})
        return self

    @property
    def regimes(self) -> list[str]:
        """The regimes the letter answers under: its own first, then those of particular answers."""
        found = [self.regime]
        for item in _all_items(self.questions):
            if item.regime and item.regime not in found:
                found.append(item.regime)
        return found


def item_regimes(answers: AnswerFile) -> dict[int, str]:
    """The regime of every item, by `id(item)`: its own, else its question's, else the letter's."""
    found: dict[int, str] = {}

    def walk(items: list[Item], inherited: str) -> None:
        for item in items:
            found[id(item)] = item.regime or inherited
            walk(item.parts, found[id(item)])

    walk(answers.questions, answers.regime)
    return found


def _all_items(items: list[Item]):
    for item in items:
        yield item
        yield from _all_items(item.parts)


def date_as_written(value: Any) -> Any:
    """Only YYYY-MM-DD is a date: not a number of seconds since 1970, not 2024-01-05T10:00."""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value.strip()):
        raise PydanticCustomError("date_format", "not a date")  # worded by schema_errors, as every date mistake
    return value


def date_in_range(value: Any) -> Any:
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise PydanticCustomError(
            "letter_date", "{value} is not a date a letter can have: foiletters takes dates from {earliest} (when "
            "the right of access began) to {latest}; check the year",
            {"value": str(value), "earliest": str(EARLIEST_DATE), "latest": str(LATEST_DATE)})
    return value


def _upper(value: Any) -> Any:
    return value.strip().upper() if isinstance(value, str) else value


def parse_number(text: str) -> Decimal | None:
    """A table cell as a number, or None: '3,180' -> 3180, '£5,490.17' -> 5490.17, '4.6*' -> 4.6."""
    cleaned = re.sub(r"[£$€%,\s*†‡]", "", text)
    if not re.fullmatch(r"[-+]?\d+(\.\d+)?", cleaned):
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above admits only valid decimals
        return None
