"""How a data table is laid out: its type size and page, and, when it is too wide for a landscape
page, the column groups it is split into, each with the row labels repeated.

The decision is made here, in the rendering, so that the PDF and the DOCX show the same tables:
each part is a table of its own in the HTML, which WeasyPrint lays out and the DOCX writer maps
onto a Word table. Sizes, from the number of columns as before (a table that fits its page
stays exactly as it was):
- up to 8 columns: the letter's type (11 pt), portrait;
- 9 to 14 columns ("wide"): 8 pt across the portrait page;
- 15 columns or more ("very-wide"): 8 pt on a landscape page.
A table whose columns cannot fit its page even with every cell wrapped at its spaces goes up a
size; one too wide for a landscape page at 8 pt is split into column groups that fit, as even
as the widths allow, each repeating the row labels (smaller type would be unreadable).

Widths are estimated, not laid out (a layout would cost more than the letter): each column needs
its longest word in bold Arial (Liberation Sans has Arial's metrics) plus the cell's padding and
rule. The estimate errs wide: characters outside ASCII count a whole em, and a word longer than
LONG_RUN characters counts as LONG_RUN, since the PDF writer lets such a word break inside
(write/long_words.py) and Word and LibreOffice break it themselves.
"""

from __future__ import annotations

from dataclasses import dataclass

from foiletters.load.limits import LONG_RUN
from foiletters.load.model import Table
from foiletters.load.tables import HeaderCell, header_rows


MM = 72 / 25.4  # points
PORTRAIT = 170 * MM  # the text width of A4 with letter.css's 20 mm margins
LANDSCAPE = 257 * MM
# (type size, padding and rules of one cell, text width) of each size, as letter.css sets them.
SIZES = {"": (11.0, 8.6, PORTRAIT), "wide": (8.0, 8.6, PORTRAIT), "very-wide": (8.0, 5.6, LANDSCAPE)}
ORDER = ["", "wide", "very-wide"]


@dataclass(frozen=True)
class TablePart:
    """One table of the letter: all of a table's columns, or a group of them after the row labels."""

    header: list[list[HeaderCell]]
    rows: list[list[str]]
    total: list[str] | None  # the total row's cells after its label, for these columns
    first: int  # the first and last data column of the whole table shown here (the row labels are column 1)
    last: int
    size: str  # "", "wide" or "very-wide": the CSS class and the DOCX table style


def table_parts(table: Table) -> list[TablePart]:
    """The table as one part, or as column groups when it is too wide for a landscape page."""
    width = table.width or 1
    header = header_rows(table)
    rows = table.rows or []
    total = table.total.cells if table.total is not None else None
    size = "very-wide" if width > 14 else ("wide" if width > 8 else "")
    whole = TablePart(header, rows, total, 2, width, size)
    if width <= 2:
        return [whole]
    ems = _column_ems(table, header, width)
    for candidate in ORDER[ORDER.index(size):]:
        if _needed(ems, candidate) <= SIZES[candidate][2]:
            return [whole if candidate == size else TablePart(header, rows, total, 2, width, candidate)]
    return [_part(header, rows, total, start, end) for start, end in _groups(ems, "very-wide")]


def _column_ems(table: Table, header: list[list[HeaderCell]], width: int) -> list[float]:
    """The width each column needs, in ems: its longest word (a header over several columns
    shares its word among them)."""
    ems = [0.0] * width
    for row in header:
        column = 0
        for cell in row:
            share = word_ems(cell.text) / cell.span
            for c in range(column, min(column + cell.span, width)):
                ems[c] = max(ems[c], share)
            column += cell.span
    for row in [*(table.rows or []), *([[table.total.label, *table.total.cells]]
                                       if table.total is not None and table.total.cells else [])]:
        for c, cell in enumerate(row[:width]):
            ems[c] = max(ems[c], word_ems(cell))
    return ems


def _needed(ems: list[float], size: str) -> float:
    points, padding, _ = SIZES[size]
    return sum(e * points + padding for e in ems)


def _groups(ems: list[float], size: str) -> list[tuple[int, int]]:
    """Data columns [start, end) of each group: as few groups as fit, then as even in number as fit."""
    points, padding, available = SIZES[size]
    label = min(ems[0] * points + padding, available * 2 / 5)
    room = available - label
    need = [e * points + padding for e in ems[1:]]
    greedy: list[tuple[int, int]] = []
    start, used = 0, 0.0
    for c, n in enumerate(need):
        if used + n > room and c > start:
            greedy.append((start, c))
            start, used = c, 0.0
        used += n
    greedy.append((start, len(need)))
    count = len(greedy)
    even = [(len(need) * i // count, len(need) * (i + 1) // count) for i in range(count)]
    chosen = even if all(sum(need[a:b]) <= room for a, b in even) else greedy
    return [(a + 1, b + 1) for a, b in chosen]  # as columns of the table, after the row labels


def _part(header: list[list[HeaderCell]], rows: list[list[str]], total: list[str] | None,
          start: int, end: int) -> TablePart:
    """The row labels and the table's columns [start, end); a header cell over the boundary is
    shown over its columns in each part."""
    sliced = []
    for row in header:
        cells, column = [row[0]], row[0].span
        for cell in row[1:]:
            overlap = min(column + cell.span, end) - max(column, start)
            if overlap > 0:
                cells.append(HeaderCell(cell.text, overlap))
            column += cell.span
        sliced.append(cells)
    body = [[row[0], *row[start:end]] for row in rows]
    return TablePart(sliced, body, total[start - 1:end - 1] if total is not None else None, start + 1, end,
                     "very-wide")


# The advances of Arial Bold (and so of Liberation Sans Bold, whose metrics are Arial's) for
# the characters from " " to "~", in thousandths of an em: a word's width in a table cell,
# bold or not, without loading a font.
_BOLD_ADVANCES = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722,
    611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556,
    611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778,
    556, 556, 500, 389, 280, 389, 584,
)
_COMMON = {"£": 556, "€": 556, "–": 556, "—": 1000, "’": 278, "‘": 278, "“": 500, "”": 500, "…": 1000}


def bold_width(word: str, other: int | None = None) -> float:
    """The width of a word in bold Arial, in ems; a character outside ASCII counts `other` thousandths,
    or by default its own width if it is common in letters (£, dashes, quotes), else a whole em."""
    return sum(_BOLD_ADVANCES[ord(ch) - 32] if " " <= ch <= "~" else
               (other if other is not None else _COMMON.get(ch, 1000)) for ch in word) / 1000


def word_ems(text: str) -> float:
    """The widest word of a cell, in ems; a word longer than LONG_RUN counts as LONG_RUN wide characters."""
    widest = 0.0
    for word in text.split():
        widest = max(widest, bold_width(word) if len(word) <= LONG_RUN else LONG_RUN * 0.75)
    return widest
