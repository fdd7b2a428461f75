"""Data tables: header rows from `columns` or `levels`, rows from YAML or CSV, and totals."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from foiletters.errors import Problem, display_path
from foiletters.load.model import Table, parse_number
from foiletters.load.paths import beside

MAX_CSV_BYTES = 20 * 1024 * 1024


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
    if not path.is_file():
        return table, [where.problem(f"the CSV file {table.csv!r} does not exist beside the answer file",
                                     "put it in the same folder, or correct the name", ".csv")]
    if path.stat().st_size > MAX_CSV_BYTES:
        return table, [where.problem(f"the CSV file {table.csv!r} is larger than {MAX_CSV_BYTES // 2**20} MB",
                                     "a letter's table is far smaller: send the data as an attachment", ".csv")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")  # Excel's "CSV" on Windows
    rows = [row for row in csv.reader(io.StringIO(text, newline="")) if any(cell.strip() for cell in row)]
    header_lines = 0
    if table.columns is None and table.levels is None:
        if not rows:
            return table, [Problem(display_path(path), 1, 1, "", "the CSV file is empty",
                                   "its first row is the header, then one row per table row")]
        table.columns, rows, header_lines = rows[0], rows[1:], 1
    table.rows = rows
    return table, check_rows(table, where, csv_file=display_path(path), header_lines=header_lines)


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
                problems.append(Problem(csv_file, index + 1 + header_lines, 1, "", message, expected))
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
