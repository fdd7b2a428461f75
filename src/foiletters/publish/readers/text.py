"""Text files (.csv, .txt): decoded the way the spreadsheets officers use write them.

Excel and LibreOffice save CSV as UTF-8 (with or without a byte order mark), as Windows-1252 (Excel's
"CSV (comma delimited)" on Windows) or as UTF-16 ("Unicode text"). The encoding is found from the byte
order mark, then from the pattern of NUL bytes that UTF-16 without one has, then by decoding strictly
as UTF-8 and then as Windows-1252 (which leaves five bytes undefined). A file none of these decodes is
not text: it cannot be searched, so it is not published. A small ladder of rules is enough here and
says why it chose; a statistical detector would guess, and a wrong guess hides words from the search.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from foiletters.publish.readers.findings import CannotOpen, Refused, reason, size
from foiletters.publish.readers.limits import MAX_TEXT_BYTES
from foiletters.publish.readers.reading import Reading

NAMES = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 (with a byte order mark)", "utf-16": "UTF-16",
         "utf-16-le": "UTF-16 (little-endian, without a byte order mark)",
         "utf-16-be": "UTF-16 (big-endian, without a byte order mark)", "cp1252": "Windows-1252"}


def decode(data: bytes) -> tuple[str, str] | None:
    """(text, the encoding's name) or None when the bytes are not text in an encoding officers' tools write."""
    if data.startswith(codecs.BOM_UTF8):
        candidates = ["utf-8-sig"]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = ["utf-16"]
    elif len(data) >= 2 and data[1::2].count(0) > len(data) // 4 and 0 not in data[0::2][:64]:
        candidates = ["utf-16-le"]
    elif len(data) >= 2 and data[0::2].count(0) > len(data) // 4 and 0 not in data[1::2][:64]:
        candidates = ["utf-16-be"]
    elif b"\x00" in data:
        return None
    else:
        candidates = ["utf-8", "cp1252"]
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in text:
            return None
        return text, NAMES[encoding]
    return None


def read(path: Path) -> Reading:
    """The file's text, or what kept it from being read."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_TEXT_BYTES + 1)  # never more than the bound, whatever the file claims
    except OSError as exc:
        raise CannotOpen(reason(exc)) from exc
    if len(data) > MAX_TEXT_BYTES:
        raise Refused(f"the file is larger than {size(MAX_TEXT_BYTES)}, over the limit for checking; "
                      "it cannot be checked")
    decoded = decode(data)
    reading = Reading()
    if decoded is None:
        reading.findings.append(("file", "the file is not text (it is neither UTF-8, UTF-16 nor Windows-1252)"))
        reading.problems.append("it is not text in UTF-8, UTF-16 or Windows-1252, so it cannot be searched")
        return reading
    reading.pieces.append(("text", decoded[0]))
    reading.encoding = decoded[1]
    return reading
