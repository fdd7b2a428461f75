"""Hidden and active content in an attachment, found before the attachment is published in the disclosure log.

A file sent with a letter can hold more than its reader sees: a hidden sheet (in 2023 a hidden
tab in a published FOI spreadsheet exposed the details of a whole police force's staff), hidden
rows and columns, comments, tracked changes, hidden text, a pivot table's copy of its source
data, an embedded workbook, unapplied PDF redactions, and the names of its authors in its
properties; and it can do more than show itself: macros, JavaScript, actions that run when it is
opened, links that fetch pictures, templates or data from elsewhere. `audit_attachment` lists each
such thing as a `Hidden`; an attachment with any is held back from the log until someone has
removed them.

The reading itself is the format's reader's (`readers/`), which the privacy search shares. A type
that cannot be checked (old binary Office files, OpenDocument, anything unknown) is reported as
such, and so is a file that cannot be opened, that is too large to check safely, or that fails
part-way through the check. Whatever the file holds, the answer is a list.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foiletters.publish.readers import Reading, read_attachment
from foiletters.publish.readers.findings import in_full, safe, unique

MAX_FINDINGS = 100  # a file with more is summed up after the first ones: it is held back either way
FILE = "file"  # the `where` of a finding about the file as a whole


@dataclass(frozen=True)
class Hidden:
    """One thing in an attachment that a reader of the published copy would not see, that would run, or that
    names its authors. What it quotes of the file (an author, a sheet's name, a deleted passage) is shown by
    `in_full()` only, on the officer's own terminal; `str()` leaves it out, for logs."""

    file: str  # the attachment's file name as given
    where: str  # "sheet 'Staff'", "sheet 'Data' row 14", "comment on sheet 'Data' cell B3", "document properties"
    what: str  # "the sheet is hidden", "a comment by J Smith", "author: J Smith"

    def __str__(self) -> str:
        return f"{self.file}: {safe(self.where)}: {safe(self.what)}"

    def in_full(self) -> str:
        return f"{self.file}: {in_full(self.where)}: {in_full(self.what)}"


def audit_attachment(path: Path, reading: Reading | None = None) -> list[Hidden]:
    """Everything in the file that a reader of the published copy would not see, that would run, or that
    identifies its authors (from `reading`, when the file has been read already)."""
    path = Path(path)
    reading = read_attachment(path) if reading is None else reading
    found = unique(reading.findings)
    if len(found) > MAX_FINDINGS:
        found = found[:MAX_FINDINGS - 1] + [(FILE, f"and {len(found) - MAX_FINDINGS + 1} more things not listed")]
    return [Hidden(path.name, where, what) for where, what in found]
