"""Load an answer file: YAML → validated model, with every mistake found in one run.

`load(path)` either returns a complete, consistent `Request` or raises one
`AnswerFileError` listing every problem as `file:line:col: field: what; expected`.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.load import limits, yaml_source
from foiletters.load.model import AnswerFile, Attachment, Item, covered_keys, file_stem
from foiletters.load.paths import beside, decode_utf8, read_bounded
from foiletters.load.schema_errors import field_path, schema_problems
from foiletters.load.tables import TableContext, check_rows, read_csv, with_total

OUTPUTS = (".docx", ".pdf")  # the letter's own files, which no attachment may overwrite


@dataclass
class Request:
    """A validated answer file and where it came from."""

    answers: AnswerFile
    source: Path
    data: Any  # the parsed YAML with its line marks, for later checks to point at

    def problem(self, loc: tuple[int | str, ...], message: str, expected: str = "") -> Problem:
        return _at(self.data, display_path(self.source), loc, message, expected)

    @property
    def folder(self) -> Path:
        return self.source.parent


def load(path: Path) -> Request:
    shown = display_path(path)
    data, problems = _read(path, shown)
    if data is None:
        raise AnswerFileError(problems or [Problem(shown, 1, 1, "", "the answer file is empty",
                                                   "start from a file in examples/")])
    if not isinstance(data, dict):
        raise AnswerFileError([*problems, Problem(shown, 1, 1, "", "the answer file is not a set of fields",
                                                  "start with `reference: …` (see examples/)")])
    too_much = _limit_problems(data, shown)
    if too_much:  # refused before the schema spends time and memory on it
        raise AnswerFileError(problems + too_much)
    try:
        answers = AnswerFile.model_validate(data)
    except ValidationError as exc:
        # Check what did validate too, so that the officer sees every mistake in one run.
        questions, attachments = _valid_parts(data)
        problems += schema_problems(exc, data, shown, AnswerFile)
        problems += _consistency_problems(questions, attachments, data, path.parent, shown)
        raise AnswerFileError(problems) from None
    problems += _consistency_problems(dict(enumerate(answers.questions)), dict(enumerate(answers.attachments)),
                                      data, path.parent, shown)
    if problems:
        raise AnswerFileError(problems)
    return Request(answers, path, data)


# `reference: FOI 123/2024` on a line of its own at the top level, as a plain YAML scalar that is a string
# however YAML reads it (a letter first, none of YAML's indicators, no `#` that could start a comment).
_PLAIN_REFERENCE = re.compile(rb"^reference:[ \t]+([A-Za-z][A-Za-z0-9 /_.-]*?)[ \t]*\r?$", re.MULTILINE)
_TOP_LEVEL_REFERENCE = re.compile(rb"^reference\s*:", re.MULTILINE)


def read_reference(path: Path) -> str | None:
    """The reference an answer file gives, as `load` reads it but not validated: None if it has none.

    For a batch to know which answer files share a reference before building any of them: a plain
    `reference:` line is read as it stands (a thousand files in a few milliseconds); any other way
    of writing it, through the YAML reader that `load` uses."""
    raw, problem = read_bounded(path, display_path(path), limits.MAX_ANSWER_FILE_BYTES, "the answer file", "")
    if problem:
        return None
    plain = _PLAIN_REFERENCE.findall(raw)
    if len(plain) == 1 and len(_TOP_LEVEL_REFERENCE.findall(raw)) == 1:
        return plain[0].decode("ascii")
    data, _ = _read(path, display_path(path))
    reference = data.get("reference") if isinstance(data, dict) else None
    return reference if isinstance(reference, str) else None


def _valid_parts(data: dict) -> tuple[dict[int, Item], dict[int, Attachment]]:
    """The questions and attachments that are valid on their own, by their index in the file."""
    found: tuple[dict[int, Item], dict[int, Attachment]] = ({}, {})
    for (key, model), out in zip((("questions", Item), ("attachments", Attachment)), found, strict=True):
        for index, raw in enumerate(data.get(key) or [] if isinstance(data.get(key), list) else []):
            with contextlib.suppress(ValidationError):  # its errors are reported by the whole-file validation
                out[index] = model.model_validate(raw)  # type: ignore[index]
    return found


def _read(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    raw, problem = read_bounded(path, shown, limits.MAX_ANSWER_FILE_BYTES, "the answer file",
                                "send larger data as a CSV or spreadsheet attachment")
    if problem:
        return None, [problem]
    text, problem = decode_utf8(raw, shown)
    if problem:
        return None, [problem]
    return yaml_source.parse(text, shown)


# -- consistency: tables, references between questions, files ------------------------------

def _consistency_problems(questions: dict[int, Item], attachments: dict[int, Attachment], data: Any,
                          folder: Path, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    keys: dict[str, tuple[int | str, ...]] = {}
    cells = characters = 0  # in all the tables of the letter
    for loc, key, item in walk_items(questions, ("questions",)):
        if item.is_question:
            if key in keys:
                problems.append(_at(data, shown, loc + ("number",),
                                    f"question {item.number!r} appears twice (also at {field_path(keys[key])})",
                                    "give each question its own number"))
            keys.setdefault(key, loc)
        for t, table in tables_with_locs(item, loc):
            if cells > limits.MAX_CELLS or characters > limits.MAX_TABLE_TEXT:
                break  # already refused: read no more tables
            found = _resolve_table(table, t, data, folder, shown)
            problems += found
            if found:
                continue
            cells += len(table.rows or []) * (table.width or 0)
            characters += sum(len(cell) for row in table.rows or [] for cell in row)
            for count, limit, what in ((cells, limits.MAX_CELLS, "cells"),
                                       (characters, limits.MAX_TABLE_TEXT, "characters")):
                if count > limit:
                    problems.append(_at(data, shown, t, f"with this table the tables of the letter have "
                                        f"{limits.number(count)} {what}, more than the limit of "
                                        f"{limits.number(limit)} {what} in one letter", "send large tables as a CSV or "
                                        "spreadsheet attachment and summarise them in the letter"))
                    break
    for loc, _, item in walk_items(questions, ("questions",)):
        if item.covers:
            for ref in covered_keys(item.covers):
                if ref not in keys:
                    problems.append(_at(data, shown, loc + ("covers",),
                                        f"there is no question {ref!r} in this file",
                                        f"refer to questions by their numbers: {', '.join(list(keys)[:12])}"))
    reference = data.get("reference") if isinstance(data, dict) else None
    taken = {f"{file_stem(reference)}{suffix}".casefold(): "the letter itself" for suffix in OUTPUTS} \
        if isinstance(reference, str) else {}
    for index, attachment in attachments.items():
        if attachment.file:
            loc = ("attachments", index, "file")
            path, why = beside(folder, attachment.file)
            if why:
                problems.append(_at(data, shown, loc, why, "name a file in the answer file's folder"))
            elif not attachment.sent_separately and attachment.file.casefold() in taken:
                # Copied beside the letter, it would overwrite a file written before it.
                problems.append(_at(data, shown, loc, f"{attachment.file!r} has the name of "
                                    f"{taken[attachment.file.casefold()]} in the output folder",
                                    "rename the attachment"))
            elif not attachment.sent_separately and path is not None and not path.is_file():
                problems.append(_at(data, shown, loc, f"the file {attachment.file!r} is not beside the answer file",
                                    "put it there, or mark the attachment `sent_separately: yes`"))
            elif not attachment.sent_separately and path is not None and \
                    path.stat().st_size > limits.MAX_ATTACHMENT_BYTES:
                problems.append(_at(data, shown, loc, f"the file {attachment.file!r} is "
                                    f"{path.stat().st_size // (1024 * 1024)} MB, more than the limit of "
                                    f"{limits.MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB for an attachment",
                                    "send it separately (`sent_separately: yes`), or split it"))
            if not attachment.sent_separately:
                taken.setdefault(attachment.file.casefold(), f"attachments[{index}]")
    return problems


def _limit_problems(data: dict, shown: str) -> list[Problem]:
    """The questions, parts and YAML tables of an answer file beyond the limits, before the schema reads them."""
    problems: list[Problem] = []
    count = 0

    def walk(items: Any, loc: tuple[int | str, ...]) -> None:
        nonlocal count
        for index, item in enumerate(items if isinstance(items, list) else []):
            here = (*loc, index)
            count += 1
            if count == limits.MAX_ITEMS + 1:
                first_beyond.append(here)
            if isinstance(item, dict):
                tables = [("table", item.get("table"))] + [
                    (("tables", i), t) for i, t in enumerate(item.get("tables") or [])
                    if isinstance(item.get("tables"), list)]
                for step, table in tables:
                    if isinstance(table, dict):
                        table_loc = (*here, *(step if isinstance(step, tuple) else (step,)))
                        problems.extend(_table_limit_problems(table, table_loc, data, shown))
                walk(item.get("parts"), (*here, "parts"))

    first_beyond: list[tuple[int | str, ...]] = []
    walk(data.get("questions"), ("questions",))
    if first_beyond:
        problems.append(_at(data, shown, first_beyond[0], f"the answer file has {limits.number(count)} questions "
                            f"and parts, more than the limit of {limits.number(limits.MAX_ITEMS)}; this is the first "
                            "beyond it",
                            "answer the rest in an attachment, or split the response into more letters"))
    return problems


def _table_limit_problems(table: dict, loc: tuple[int | str, ...], data: Any, shown: str) -> list[Problem]:
    problems = []
    wide = "send a table this wide as a spreadsheet attachment, or split it"
    columns, levels, rows = table.get("columns"), table.get("levels"), table.get("rows")
    width = len(columns) if isinstance(columns, list) else None
    if isinstance(levels, dict):
        width = 1
        for values in levels.values():
            width *= len(values) if isinstance(values, list) and values else 1
            if width > limits.MAX_COLUMNS:
                break
        width += 1
    if width is not None and width > limits.MAX_COLUMNS:
        field = "columns" if isinstance(columns, list) else "levels"
        problems.append(_at(data, shown, (*loc, field), f"the table has {limits.number(width)} columns, more than "
                            f"the limit of {limits.number(limits.MAX_COLUMNS)} in one table", wide))
    if isinstance(rows, list):
        if len(rows) > limits.MAX_ROWS:
            problems.append(_at(data, shown, (*loc, "rows", limits.MAX_ROWS), f"the table has "
                                f"{limits.number(len(rows))} rows, more than the limit of "
                                f"{limits.number(limits.MAX_ROWS)} in one table",
                                "send a table this long as a spreadsheet attachment, or split it"))
        for index, row in enumerate(rows[: limits.MAX_ROWS]):
            if isinstance(row, list) and len(row) > limits.MAX_COLUMNS:
                problems.append(_at(data, shown, (*loc, "rows", index), f"the row has {limits.number(len(row))} "
                                    f"cells, more than the limit of {limits.number(limits.MAX_COLUMNS)} "
                                    "columns in one table", wide))
                break
    return problems


def walk_items(items: dict[int, Item], loc: tuple[int | str, ...], prefix: str = ""):
    """Every item with its path and its key, parts after their question.

    A part's key is its question's and its own: part 'a.' of question '2.' is '2a'.
    """
    for index, item in items.items():
        here, key = loc + (index,), prefix + item.key
        yield here, key, item
        yield from walk_items(dict(enumerate(item.parts)), here + ("parts",), key)


def tables_with_locs(item: Item, loc: tuple[int | str, ...]):
    if item.table is not None:
        yield loc + ("table",), item.table
    for index, table in enumerate(item.tables):
        yield loc + ("tables", index), table


def _resolve_table(table, loc, data, folder: Path, shown: str) -> list[Problem]:  # noqa: ANN001
    at = yaml_source.mark_of(data, loc)
    where = TableContext(shown, field_path(loc), at.line if at else 0, at.column if at else 0)
    if table.csv is not None:
        table, problems = read_csv(table, folder, where)
    else:
        row_marks = [_line_col(data, loc + ("rows", i)) for i in range(len(table.rows or []))]
        problems = check_rows(table, where, row_marks=row_marks)
    if problems:
        return problems
    _, problems = with_total(table, where, _line_col(data, loc + ("total",)))
    return problems


def _line_col(data: Any, loc: tuple[int | str, ...]) -> tuple[int, int]:
    at = yaml_source.mark_of(data, loc)
    return (at.line, at.column) if at else (0, 0)


def _at(data: Any, shown: str, loc: tuple[int | str, ...], message: str, expected: str) -> Problem:
    at = yaml_source.mark_of(data, loc)
    return Problem(shown, at.line if at else 0, at.column if at else 0, field_path(loc), message, expected)
