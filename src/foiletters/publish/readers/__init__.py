"""One reader per format of attachment, shared by the privacy search and the attachment audit.

`read_attachment(path)` gives what a reader or a program can see in the file (the text of every part),
what a reader of the published copy would not see or what would run (for the audit), and what could not
be read at all. The type is taken from the file's extension and never guessed. Reading never raises:
whatever the file holds, the answer is a `Reading`, and a file or a part that could not be read is in its
`problems`, so that it is not published.
"""

from __future__ import annotations

import warnings
from pathlib import Path

from foiletters.publish.readers import excel, pdf, text, word
from foiletters.publish.readers.findings import Refused, reason
from foiletters.publish.readers.reading import Reading

READERS = {".xlsx": excel.read, ".xlsm": excel.read, ".docx": word.read, ".pdf": pdf.read, ".csv": text.read,
           ".txt": text.read}
CONVERT_TO = {".xls": ".xlsx", ".xlsb": ".xlsx", ".ods": ".xlsx", ".doc": ".docx", ".odt": ".docx", ".rtf": ".docx"}

__all__ = ["Reading", "read_attachment"]


def read_attachment(path: Path) -> Reading:
    path = Path(path)
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None:
        what = cannot_check(suffix)
        return Reading(findings=[("file", what)], problems=[what])
    if not path.is_file():
        what = "the file cannot be opened: there is no such file"
        return Reading(findings=[("file", what)], problems=[what])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return reader(path)
    except Refused as refused:
        return Reading(findings=[("file", refused.what)], problems=[refused.what])
    except Exception as exc:  # a file that opened but broke a reader part-way: it was not read completely
        what = f"the file cannot be checked completely: {reason(exc)}"
        return Reading(findings=[("file", what)], problems=[what])


def cannot_check(suffix: str) -> str:
    if not suffix:
        return "this file has no extension, so its type cannot be checked for hidden content"
    if suffix in CONVERT_TO:
        return f"this file type ({suffix}) cannot be checked for hidden content; save it as {CONVERT_TO[suffix]}"
    return f"this file type ({suffix}) cannot be checked for hidden content"
