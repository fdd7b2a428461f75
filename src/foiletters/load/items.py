"""The questions of an answer file and their answers: tables, exemptions, not-held statements.

A request's questions are written once; the response answers them, and a later letter (an internal
review) answers some of them again through `covers` entries that name them.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from foiletters.load.fields import NO, YES, Date, Markdown, RegimeName, Strict, Words


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


ActivityKind = Literal["determining", "locating", "retrieving", "extracting", "providing", "considering",
                       "redacting", "other"]


class Activity(Strict):
    """One activity of a cost estimate: what is done, how many times, and for how long."""

    what: str = Field(description="The work as the letter describes it, e.g. 'Retrieving each case file from "
                      "the archive'.")
    kind: ActivityKind = Field(description="What the work is, which decides whether it counts towards the cost "
                               "limit: determining (whether the information is held), locating, retrieving, "
                               "extracting, providing, or considering (exemptions, whether to release), "
                               "redacting, other.")
    quantity: int = Field(1, ge=1, description="How many times, e.g. 3000 case files.")
    minutes: float | None = Field(None, gt=0, description="Minutes each time, e.g. 3.")
    hours: float | None = Field(None, gt=0, description="Or the hours in all, when it is not counted by the item.")
    counts: bool | None = Field(None, description="Whether the estimate counts it towards the limit; by default, "
                                "what the law counts (FOIA: determining, locating, retrieving, extracting; "
                                "FOISA: locating, retrieving, providing, but not determining whether held).")

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_words(cls, value: Any) -> Any:
        return value.strip().lower() if isinstance(value, str) else value

    @model_validator(mode="after")
    def _one_time(self) -> Activity:
        if (self.minutes is None) == (self.hours is None):
            raise PydanticCustomError("activity_time", "an activity needs `minutes` (each time, with `quantity`) "
                                      "or `hours` (in all), one of them")
        return self


class AggregatedRequest(Strict):
    """Another request whose cost is added to this one's (FOIA Fees Regulations reg 5; FOISA Fees reg 6)."""

    reference: str = Field(description="Its reference.")
    received: Date = Field(description="When it arrived, YYYY-MM-DD.")
    requester: Annotated[Literal["same", "in-concert", "other"], Words] = Field(
        description="same (the same person), in-concert (persons acting in concert or in a campaign), or other "
        "(another person).")


class Estimate(Strict):
    """A cost estimate as activities: `check` computes the hours and the cost, and the letter prints them."""

    activities: list[Activity] = Field(min_length=1)
    rate: float | None = Field(None, gt=0, description="Staff time per hour in pounds; by default FOIA's £25 "
                               "(Fees Regulations reg 4(4)) or FOISA's £15 at most (Scottish Fees reg 3(2)(b)).")
    aggregated: list[AggregatedRequest] = Field(default_factory=list, description="Other requests whose cost is "
                                                "added to this one's.")


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
    estimate: Estimate | str | None = Field(None, description="For a cost-limit refusal: `activities`, each with "
                                            "`what`, `kind`, `quantity` and `minutes` (or `hours`); or the estimate "
                                            "as text.")

    @property
    def params(self) -> dict[str, Any]:
        extra = dict(self.model_extra or {})
        if isinstance(self.estimate, str):  # a text estimate is printed by the wording as written
            extra["estimate"] = self.estimate
        return extra


def _question_id(label: str) -> str:
    """'Q1.' -> '1', '5a.' -> '5a', 'i)' -> 'i': the form used to refer to a question."""
    key = re.sub(r"[^0-9a-z]", "", label.lower())
    return key[1:] if re.fullmatch(r"q\d\w*", key) else key


Outcome = Annotated[Literal["released", "redacted", "withheld"], Words]


class ScheduledDocument(Strict):
    """One document of a schedule of documents (Document / Date / Exemptions applied)."""

    title: str = Field(description="The document as the schedule names it.")
    date: str | None = Field(None, description="Its date as printed, e.g. '3 May 2024' or 'Undated'.")
    exemptions: list[str] = Field(default_factory=list, description="The citations applied to it, "
                                  "e.g. [s40(2), s43(2)]; the exemptions cited in the answer explain them.")
    outcome: Outcome | None = Field(None, description="released, redacted (released in part) or withheld; by "
                                    "default withheld when it has exemptions, else released.")
    number: str | None = Field(None, description="Its number in the schedule, as printed.")

    @property
    def decided(self) -> Outcome:
        return self.outcome or ("withheld" if self.exemptions else "released")


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
    exemptions: list[Exemption] = Field(
        default_factory=list, description="Several exemptions for the same information, cited together: each "
        "with its own details; `public_interest`, `harm` and `ncnd` beside the list are shared by all of them.")
    public_interest: PublicInterest | None = Field(
        None, description="One public interest test for all the exemptions of this answer.")
    harm: Markdown | None = Field(None, description="One harm (prejudice) section for all the exemptions of "
                                  "this answer.")
    ncnd: bool = Field(False, description="yes to neither confirm nor deny, in one statement, under every "
                       "exemption of this answer.")
    documents: list[ScheduledDocument] = Field(
        default_factory=list, description="A schedule of documents: each document, its date and what was "
        "withheld from it under which exemptions.")
    parts: list[Item] = Field(default_factory=list, description="Sub-questions: a., b., i), ii) …")
    covers: str | None = Field(None, description="Which questions this answer covers: '3 to 6c' or '1, 2 and 4'.")
    regime: RegimeName | None = Field(None, description="The law this answer is given under, when it is not the "
                                  "letter's: e.g. EIR for the environmental part of a FOIA request.")

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
        if self.exemption is not None and self.exemptions:
            raise PydanticCustomError("item_shape", "give either `exemption` (one) or `exemptions` (a list), "
                                      "not both: put every citation in `exemptions`")
        if (self.public_interest or self.harm or self.ncnd) and not self.all_exemptions:
            raise PydanticCustomError("item_shape", "`public_interest`, `harm` and `ncnd` beside an answer go with "
                                      "its `exemptions`: cite the exemptions they are for")
        if self.number is None and self.parts:
            raise PydanticCustomError("item_shape", "only a numbered question can have `parts`")
        return self

    @property
    def all_tables(self) -> list[Table]:
        return ([self.table] if self.table else []) + list(self.tables)

    @property
    def all_exemptions(self) -> list[Exemption]:
        """The exemptions this answer cites: `exemption` and `exemptions` together, in the order written."""
        return ([self.exemption] if self.exemption else []) + list(self.exemptions)

    @property
    def is_ncnd(self) -> bool:
        """Neither confirm nor deny: one statement for the whole answer, or an exemption's own `ncnd`."""
        return self.ncnd or any(ex.ncnd for ex in self.all_exemptions)

    @property
    def has_answer(self) -> bool:
        return bool(self.answer or self.all_tables or self.not_held is not None or self.all_exemptions
                    or self.documents)

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

