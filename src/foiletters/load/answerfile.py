"""Load an answer file: YAML → validated model, with every mistake found in one run.

`load(path)` either returns a complete, consistent `Request` or raises one
`AnswerFileError` listing every problem as `file:line:col: field: what; expected`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.load import yaml_source
from foiletters.load.model import AnswerFile, Attachment, Item, covered_keys
from foiletters.load.paths import beside
from foiletters.load.schema_errors import field_path, schema_problems
from foiletters.load.tables import TableContext, check_rows, read_csv, with_total

MAX_ANSWER_FILE_BYTES = 2 * 1024 * 1024  # a long request is ~50 kB; this is forty times that


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
        raise AnswerFileError(problems or [Problem(shown, 0, 0, "", "the answer file is empty",
                                                   "start from a file in examples/")])
    if not isinstance(data, dict):
        raise AnswerFileError([*problems, Problem(shown, 1, 1, "", "the answer file is not a set of fields",
                                                  "start with `reference: …` (see examples/)")])
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


def _valid_parts(data: dict) -> tuple[dict[int, Item], dict[int, Attachment]]:
    """The questions and attachments that are valid on their own, by their index in the file."""
    found: tuple[dict[int, Item], dict[int, Attachment]] = ({}, {})
    for (key, model), out in zip((("questions", Item), ("attachments", Attachment)), found, strict=True):
        for index, raw in enumerate(data.get(key) or [] if isinstance(data.get(key), list) else []):
            with contextlib.suppress(ValidationError):  # its errors are reported by the whole-file validation
                out[index] = model.model_validate(raw)  # type: ignore[index]
    return found


def _read(path: Path, shown: str) -> tuple[Any, list[Problem]]:
    try:
        size = path.stat().st_size
        if size > MAX_ANSWER_FILE_BYTES:
            return None, [Problem(shown, 0, 0, "", f"the answer file is {size // 1024} kB, larger than the "
                                  f"limit of {MAX_ANSWER_FILE_BYTES // 1024} kB",
                                  "put long data in a CSV file or an attachment")]
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, [Problem(shown, 0, 0, "", "there is no such file", "check the path")]
    except IsADirectoryError:
        return None, [Problem(shown, 0, 0, "", "this is a folder, not an answer file", "name a .yaml file")]
    except OSError as exc:
        return None, [Problem(shown, 0, 0, "", f"the file cannot be read ({exc.strerror})", "")]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(shown, line, 1, "", "the file is not UTF-8 text",
                              "save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)")]
    return yaml_source.parse(text, shown)


# -- consistency: tables, references between questions, files ------------------------------

def _consistency_problems(questions: dict[int, Item], attachments: dict[int, Attachment], data: Any,
                          folder: Path, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    keys: dict[str, tuple[int | str, ...]] = {}
    for loc, key, item in walk_items(questions, ("questions",)):
        if item.is_question:
            if key in keys:
                problems.append(_at(data, shown, loc + ("number",),
                                    f"question {item.number!r} appears twice (also at {field_path(keys[key])})",
                                    "give each question its own number"))
            keys.setdefault(key, loc)
        for t, table in _tables_with_locs(item, loc):
            problems += _resolve_table(table, t, data, folder, shown)
    for loc, _, item in walk_items(questions, ("questions",)):
        if item.covers:
            for ref in covered_keys(item.covers):
                if ref not in keys:
                    problems.append(_at(data, shown, loc + ("covers",),
                                        f"there is no question {ref!r} in this file",
                                        f"refer to questions by their numbers: {', '.join(list(keys)[:12])}"))
    for index, attachment in attachments.items():
        if attachment.file:
            loc = ("attachments", index, "file")
            path, why = beside(folder, attachment.file)
            if why:
                problems.append(_at(data, shown, loc, why, "name a file in the answer file's folder"))
            elif not attachment.sent_separately and path is not None and not path.is_file():
                problems.append(_at(data, shown, loc, f"the file {attachment.file!r} is not beside the answer file",
                                    "put it there, or mark the attachment `sent_separately: yes`"))
    return problems


def walk_items(items: dict[int, Item], loc: tuple[int | str, ...], prefix: str = ""):
    """Every item with its path and its key, parts after their question.

    A part's key is its question's and its own: part 'a.' of question '2.' is '2a'.
    """
    for index, item in items.items():
        here, key = loc + (index,), prefix + item.key
        yield here, key, item
        yield from walk_items(dict(enumerate(item.parts)), here + ("parts",), key)


def _tables_with_locs(item: Item, loc: tuple[int | str, ...]):
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
