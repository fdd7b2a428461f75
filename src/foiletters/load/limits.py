"""How much foiletters reads, in one place: far beyond any real request, well short of trouble.

A real response has a few dozen questions, tables of tens or hundreds of rows and answers
of a few paragraphs. These limits are many times that, so that no officer meets them,
while a broken export, a pasted database dump or a hostile file is refused at once with a
message that names the limit and where it was crossed, instead of being built for minutes
in unbounded memory. Every limit is checked while reading, before the letter is rendered.
"""

from __future__ import annotations

import datetime as dt

# The limits of what a letter shows are set so that a letter at all of them builds in under 30 s and
# 500 MB on one core (benchmarks/limits.py measures them): WeasyPrint lays out some ten pages a
# second, so a letter is bounded at a few hundred pages. Larger data goes in an attachment.
MAX_ANSWER_FILE_BYTES = 512 * 1024  # a long request is ~50 kB; this is ten times that (about 150 pages)
MAX_CSV_BYTES = 20 * 1024 * 1024  # a CSV file that a table reads
MAX_ATTACHMENT_BYTES = 50 * 1024 * 1024  # a file sent with the letter, copied beside it and into the log
MAX_NESTING = 30  # levels of YAML lists and mappings inside each other; a deep real file has ~15
MAX_ITEMS = 300  # entries of `questions` and `parts` in one answer file, all levels together
MAX_ROWS = 10_000  # rows of one table (YAML or CSV), header rows not counted
MAX_COLUMNS = 200  # columns of one table, the row labels included
MAX_CELLS = 5_000  # cells of all the tables of one letter: about 100 pages of tables
MAX_TABLE_TEXT = 250_000  # characters in all the tables of one letter: about 60 pages of tables
MAX_TEXT = 100_000  # characters in one text field or table cell: about 30 pages of text
# Characters of one word (a run without a space) in a field or cell: a long URL has a few hundred.
# A longer run is data, not text, and laying it out in a table cell costs time that grows with its length.
MAX_WORD = 1_000
# A run longer than this may break anywhere, inside its line or table cell (write/long_words.py), and counts
# as this long when a table's columns are measured (render/table_parts.py).
LONG_RUN = 30  # characters
MAX_CHARACTER_PROBLEMS = 20  # unholdable characters reported one by one; the rest are counted

# A letter's dates: the FOI Acts and the Environmental Information Regulations gave the right of
# access from 1 January 2005; a year past 2099 is a typing mistake (and beyond what a DOCX's
# ZIP timestamps can hold).
EARLIEST_DATE = dt.date(2005, 1, 1)
LATEST_DATE = dt.date(2099, 12, 31)


def number(n: int) -> str:
    """10000 → '10,000': limits and counts as a person reads them."""
    return f"{n:,}"
