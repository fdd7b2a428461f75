"""Data tables: header rows from `columns` or `levels`, rows from YAML or CSV, and totals."""

from __future__ import annotations

import contextlib
import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from foiletters.errors import Problem, display_path
from foiletters.load import characters, limits
from foiletters.load.limits import MAX_CSV_BYTES
from foiletters.load.model import Table, parse_number
from foiletters.load.paths import beside, decode_utf8, read_bounded


@dataclass(frozen=True)
class HeaderCell:
    text: str
    span: int = 1


def header_rows(table: Table) -> list[list[HeaderCell]]:
    """The header as rows of cells, each spanning the columns below it."""
    if table.columns is not None:
        return [[HeaderCell(text) for text in table.columns]]
    rows: list[list[HeaderCell]] = []
    sizes = [len(values) for values in (table.levels or {}).values()]
    for depth, (name, values) in enumerate((table.levels or {}).items()):
        repeat = _product(sizes[:depth])
        span = _product(sizes[depth + 1:])
        rows.append([HeaderCell(name)] + [HeaderCell(v, span) for _ in range(repeat) for v in values])
    return rows


def _product(numbers: list[int]) -> int:
    result = 1
    for n in numbers:
        result *= n
    return result


@dataclass
class TableContext:
    """Where a table was written, for messages: the answer file, the field path and its line."""

    file: str
    field: str
    line: int
    column: int

    def problem(self, message: str, expected: str = "", field: str = "", at: tuple[int, int] | None = None) -> Problem:
        line, column = at or (self.line, self.column)
        return Problem(self.file, line, column, f"{self.field}{field}", message, expected)


def read_csv(table: Table, answer_dir: Path, where: TableContext) -> tuple[Table, list[Problem]]:
    """The table with its rows (and header, when the YAML gives none) read from its CSV file."""
    assert table.csv is not None
    path, problem = beside(answer_dir, table.csv)
    if problem:
        return table, [where.problem(problem, "name a .csv file in the answer file's folder", ".csv")]
    assert path is not None
    if not path.exists():
        return table, [where.problem(f"the CSV file {table.csv!r} does not exist beside the answer file",
                                     "put it in the same folder, or correct the name", ".csv")]
    shown = display_path(path)
    raw, problem = read_bounded(path, shown, MAX_CSV_BYTES, "the CSV file",
                                "a letter's table is far smaller: send the data as a spreadsheet attachment")
    if problem:
        return table, [problem]
    text, problems = _csv_text(raw, shown)
    if problems:
        return table, problems
    header_in_csv = table.columns is None and table.levels is None
    lines, problems = _csv_rows(text, shown, header_in_csv)
    if problems:
        return table, problems
    rows = [row for _, row in lines]
    marks = [(line, 1) for line, _ in lines]
    if header_in_csv:
        if not rows:
            return table, [Problem(shown, 1, 1, "", "the CSV file is empty",
                                   "its first row is the header, then one row per table row")]
        table.columns, rows, marks = rows[0], rows[1:], marks[1:]
    table.rows = rows
    return table, check_rows(table, where, csv_file=shown, row_marks=marks)


# Files that are not CSV text, by their first bytes: what they are and how to make a CSV of them.
_NOT_CSV = {b"PK\x03\x04": "an Excel workbook (.xlsx) or another ZIP file",
            b"\xd0\xcf\x11\xe0": "an old Excel workbook (.xls)", b"%PDF": "a PDF file"}


def _csv_text(raw: bytes, shown: str) -> tuple[str, list[Problem]]:
    for magic, what in _NOT_CSV.items():
        if raw.startswith(magic):
            return "", [Problem(shown, 1, 1, "", f"this is {what}, not a CSV file",
                                "in Excel: File → Save As → CSV UTF-8 (comma delimited)")]
    text, problem = decode_utf8(raw, shown)
    if problem is not None:
        try:
            text = raw.decode("cp1252")  # Excel's "CSV" on Windows
        except UnicodeDecodeError:
            return "", [problem]
    found = characters.find(text)
    problems = []
    for index, char in found[:limits.MAX_CHARACTER_PROBLEMS]:
        line, column = characters.line_and_column(text, index)
        problems.append(Problem(shown, line, column, "", *characters.describe(char)))
    if len(found) > limits.MAX_CHARACTER_PROBLEMS:
        problems.append(Problem(shown, 1, 1, "", f"{limits.number(len(found) - limits.MAX_CHARACTER_PROBLEMS)} more "
                                "characters that a letter cannot hold are not listed here",
                                "is this a text file? In Excel: File → Save As → CSV UTF-8 (comma delimited)"))
    return text, problems


def _csv_rows(text: str, shown: str, header: bool) -> tuple[list[tuple[int, list[str]]], list[Problem]]:
    """The non-empty rows with the line each starts on; a problem at the first row beyond a limit."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    while True:
        try:
            row = next(reader, None)
        except csv.Error as exc:  # a cell beyond the csv module's own limit (131,072 characters), or worse
            long = "larger than field limit" in str(exc)
            return rows, [Problem(shown, start, 1, "", f"a cell is longer than the limit of "
                                  f"{limits.number(limits.MAX_TEXT)} characters" if long else
                                  f"this line cannot be read as CSV ({exc})",
                                  "send long text as an attachment" if long else
                                  "check the quotes: a cell that starts with \" ends with \", and a \" inside it "
                                  "is written twice")]
        if row is None:
            return rows, []
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        if len(rows) - header >= limits.MAX_ROWS:  # all the rows allowed are in: count the rest, keep none
            count = len(rows) - header + 1
            with contextlib.suppress(csv.Error):  # a count, not a reading: a broken line ends it
                count += sum(1 for r in reader if any(c.strip() for c in r))
            return rows, [Problem(shown, line, 1, "", f"the CSV file has {limits.number(count)} rows, more than "
                                  f"the limit of {limits.number(limits.MAX_ROWS)} in one table",
                                  "send a table this long as a spreadsheet attachment, or split it")]
        if len(row) > limits.MAX_COLUMNS:
            return rows, [Problem(shown, line, 1, "", f"the row has {limits.number(len(row))} cells, more than the "
                                  f"limit of {limits.number(limits.MAX_COLUMNS)} columns in one table",
                                  "send a table this wide as a spreadsheet attachment, or split it")]
        longest = max(len(cell) for cell in row)
        if longest > limits.MAX_TEXT:
            return rows, [Problem(shown, line, 1, "", f"a cell is {limits.number(longest)} characters long, more than "
                                  f"the limit of {limits.number(limits.MAX_TEXT)}", "send long text as an attachment")]
        word = max(characters.longest_word(cell) for cell in row)
        if word > limits.MAX_WORD:
            return rows, [Problem(shown, line, 1, "", f"a cell has a word of {limits.number(word)} characters without "
                                  f"a space, more than the limit of {limits.number(limits.MAX_WORD)}",
                                  "send data like this as a CSV or spreadsheet attachment")]
        rows.append((line, row))


def check_rows(table: Table, where: TableContext, csv_file: str = "", header_lines: int = 0,
               row_marks: list[tuple[int, int]] | None = None) -> list[Problem]:
    """Every row has as many cells as the header has columns."""
    width = table.width
    problems = []
    for index, row in enumerate(table.rows or []):
        if len(row) != width:
            message = (f"row {index + 1} ({row[0] if row else 'empty'!r}) has {len(row)} cells, "
                       f"but the header has {width} columns")
            expected = f"give {width} cells: the row label, then one per column"
            if csv_file:
                line, column = row_marks[index] if row_marks else (index + 1 + header_lines, 1)
                problems.append(Problem(csv_file, line, column, "", message, expected))
            else:
                at = row_marks[index] if row_marks else None
                problems.append(where.problem(message, expected, f".rows[{index}]", at))
    return problems


def with_total(table: Table, where: TableContext, total_at: tuple[int, int] | None) -> tuple[Table, list[Problem]]:
    """The table with its total row computed, or the given total checked against the rows."""
    if table.total is None or table.width is None:
        return table, []
    width = table.width
    computed = [_column_total(table.rows or [], col) for col in range(1, width)]
    given = table.total.cells
    if given is None:
        table.total.cells = [text for text, _ in computed]
        return table, []
    if len(given) != width - 1:
        return table, [where.problem(f"the total row has {len(given) + 1} cells, but the header has {width} columns",
                                     f"give the label and {width - 1} totals", ".total", total_at)]
    problems = []
    headers = header_rows(table)[-1]
    leaf_names = [cell.text for cell in headers[1:] for _ in range(cell.span)]
    for col, (wrote, (_, value)) in enumerate(zip(given, computed, strict=True)):
        written = parse_number(wrote)
        if value is not None and written is not None and written != value:
            problems.append(where.problem(
                f"the total of column {col + 2} ({leaf_names[col]!r}) is written as {wrote!r}, "
                f"but its rows add up to {_format(value, wrote)}",
                "correct the total or the rows", ".total", total_at))
    return table, problems


def _column_total(rows: list[list[str]], col: int) -> tuple[str, Decimal | None]:
    cells = [row[col].strip() for row in rows if col < len(row) and row[col].strip()]
    numbers = [parse_number(cell) for cell in cells]
    if not numbers or any(n is None for n in numbers):
        return "", None
    total = sum(numbers, Decimal(0))  # type: ignore[arg-type]
    return _format(total, *cells), total


def _format(value: Decimal, *like: str) -> str:
    """A total written the way its column's cells are: decimals, thousands commas, £ and %."""
    places = max((len(c.split(".", 1)[1].rstrip("*%")) if "." in c else 0) for c in like)
    commas = any("," in c for c in like)
    number = f"{value:,.{places}f}" if commas else f"{value:.{places}f}"
    prefix = "£" if any(c.lstrip().startswith("£") for c in like) else ""
    return prefix + number
