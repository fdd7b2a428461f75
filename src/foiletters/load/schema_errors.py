"""Pydantic's validation errors in the words of the person who wrote the file."""

from __future__ import annotations

import difflib
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from foiletters.errors import Problem
from foiletters.load import yaml_source
from foiletters.load.yaml_source import field_path



def schema_problems(exc: ValidationError, data: Any, shown: str, root: type[BaseModel]) -> list[Problem]:
    """Each pydantic error as a Problem at the line where the offending value was written."""
    problems = []
    for error in exc.errors(include_url=False):
        message, expected = _explain(error, tuple(error["loc"]), root)
        loc = _without_tags(data, tuple(error["loc"]))
        if error["type"] == "union_tag_invalid":  # point at the `kind:` line itself
            loc += (error["ctx"]["discriminator"].strip("'"),)
        at = yaml_source.key_mark_of(data, loc) if error["type"] == "extra_forbidden" else \
            yaml_source.mark_of(data, loc)
        line, col = (at.line, at.column) if at else (0, 0)
        problems.append(Problem(shown, line, col, field_path(loc), message, expected))
    return problems


def _without_tags(data: Any, loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """The place as the officer wrote it: pydantic puts the chosen kind of a letter (`review`) into the place
    of a mistake inside it (`letters[0].review.outcome`); the file has `letters[0].outcome`."""
    kept: list[int | str] = []
    node = data
    for part in loc:
        if isinstance(node, dict) and part not in node and node.get("kind") == part:
            continue  # the tag of a discriminated union, not a key of the file
        kept.append(part)
        node = node.get(part) if isinstance(node, dict) else (
            node[part] if isinstance(node, list) and isinstance(part, int) and part < len(node) else None)
    return tuple(kept)


def _explain(error: dict[str, Any], loc: tuple[int | str, ...], root: type[BaseModel]) -> tuple[str, str]:
    kind, given = error["type"], error.get("input")
    if kind == "missing":
        what = _describe_field(loc, root)
        return "is missing", f"add `{loc[-1]}:`" + (f" ({what})" if what else "")
    if kind == "extra_forbidden":
        known = _known_fields(loc[:-1], root)
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f"did you mean {close[0]!r}?" if close else f"expected one of: {', '.join(known)}"
        return f"unknown field {loc[-1]!r}", hint
    if kind == "union_tag_invalid":  # a letter's `kind:` that is not one of the kinds
        tags = [tag.strip(" '") for tag in str(error["ctx"]["expected_tags"]).split(",")]
        close = difflib.get_close_matches(str(error["ctx"]["tag"]), tags, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        return f"{error['ctx']['tag']!r} is not a kind of letter", f"{hint}use one of {', '.join(tags)}"
    if kind == "union_tag_not_found":
        return "this letter has no `kind`", "add `kind:` (acknowledgement, clarification, extension, refusal, " \
            "review or transfer) and its `date`"
    if kind == "literal_error":
        return f"{given!r} is not allowed here", f"use one of {error['ctx']['expected']}"
    if kind.startswith("date"):
        return f"{given!r} is not a date", "write the date as YYYY-MM-DD, for example 2026-03-04"
    if kind.startswith("bool"):
        return f"{given!r} is not yes or no", "write yes or no"
    if kind in ("string_type", "list_type", "dict_type", "model_type", "model_attributes_type"):
        wanted = {"string_type": "text", "list_type": "a list (each item on a line starting '- ')"}.get(
            kind, "a set of fields (`name: value` on lines of their own)")
        return f"expected {wanted}, but this is {_kind_of(given)}", _describe_field(loc, root)
    return error["msg"], ""


def _kind_of(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, dict):
        return "a set of fields"
    if isinstance(value, list):
        return "a list"
    return f"the text {value!r}"


def _model_at(loc: tuple[int | str, ...], root: type[BaseModel]) -> type[BaseModel] | None:
    """The model class that the data at `loc` is validated against."""
    model: Any = root
    for step in loc:
        if isinstance(step, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)) or step not in model.model_fields:
            return None
        model = _inner(model.model_fields[step].annotation)
    return model if isinstance(model, type) and issubclass(model, BaseModel) else None


def _inner(annotation: Any) -> Any:
    """The model inside `X | None`, `list[X]` and the like."""
    for arg in typing.get_args(annotation) or ():
        found = _inner(arg)
        if isinstance(found, type) and issubclass(found, BaseModel):
            return found
    return annotation


def _known_fields(loc: tuple[int | str, ...], root: type[BaseModel]) -> list[str]:
    model = _model_at(loc, root)
    if model is None:
        return []
    return [field.alias or name for name, field in model.model_fields.items()]


def _describe_field(loc: tuple[int | str, ...], root: type[BaseModel]) -> str:
    names = [s for s in loc if isinstance(s, str)]
    model = _model_at(tuple(loc[:-1]), root) if names else None
    if model is None or not names or names[-1] not in model.model_fields:
        return ""
    description = model.model_fields[names[-1]].description or ""
    return description.rstrip(".")
