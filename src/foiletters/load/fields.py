"""The building blocks of the answer file's model: strictness, Markdown, dates as written, yes and no.

Shared by the request's own fields (`model.py`), its questions (`items.py`) and the letters of
its life (`letters.py`), so that every date, regime and yes/no is read the same way everywhere.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from foiletters.load.limits import EARLIEST_DATE, LATEST_DATE

Markdown = Annotated[str, Field(description="Text in Markdown: paragraphs, **bold**, lists, [links](https://…)")]

YES = {"yes", "y", "true", "on"}
NO = {"no", "n", "false", "off"}
Regime = Literal["FOIA", "EIR", "FOISA", "EISR"]
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Strict(BaseModel):
    """Unknown keys are mistakes (usually misspellings), not silently ignored extras."""

    model_config = ConfigDict(extra="forbid")


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


def upper(value: Any) -> Any:
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


# A date in an answer file: YYYY-MM-DD, from EARLIEST_DATE to LATEST_DATE. Every date field is of this type,
# so that a date in a letter of the request's life is read exactly as the response's.
Date = Annotated[dt.date, BeforeValidator(date_as_written), AfterValidator(date_in_range)]


def one_word(value: Any) -> Any:
    """'Upheld in part', 'upheld_in_part' -> 'upheld-in-part': choices written as people write them."""
    return re.sub(r"[\s_]+", "-", value.strip().lower()) if isinstance(value, str) else value


def yes_or_no(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in YES:
        return True
    if isinstance(value, str) and value.strip().lower() in NO:
        return False
    return value


# A law's name in any case (`eir`, `Eir` -> EIR), and a choice written as people write it (`Upheld in part` ->
# upheld-in-part): annotations for fields, so that every model reads them the same way.
RegimeName = Annotated[Regime, BeforeValidator(upper)]
Words = BeforeValidator(one_word)
