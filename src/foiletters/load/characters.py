"""Characters that a letter cannot hold, found where they were typed and named by code point.

XML 1.0, and so Word, cannot hold the C0 control characters (but tab, line feed and carriage
return), U+FFFE, U+FFFF or a lone half of a surrogate pair; a DOCX that contains one does not
open. The C1 control characters (U+0080 to U+009F) and DEL are valid XML but print as boxes;
they nearly always come from text in the Windows-1252 encoding read as Latin-1 (U+0092 for
’, U+0085 for …). YAML reads the line and paragraph separators (U+2028, U+2029) as new lines
even inside a value. None of these is ever meant in a letter, so each is an error that says
which character it is, where, and what to do, rather than a silent replacement.
"""

from __future__ import annotations

import re

UNHOLDABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff\ud800-\udfff]")
# The subset that XML 1.0 cannot hold at all: the DOCX writer's last line of defence.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Stands in for an unholdable character while YAML is parsed (YAML itself refuses most of them),
# so that the file is still read and each character reported with the field it is in.
MASK = "\ue000"
# What some control characters are when they come from copying out of Word or a terminal.
_COPIED = {0x0B: " (a line break copied from Word)", 0x0C: " (a page break copied from Word)",
           0x00: " (a NUL byte)", 0x1B: " (an escape code)"}


def describe(char: str) -> tuple[str, str]:
    """What the character is and what to do about it, for a message."""
    code = ord(char)
    name = f"U+{code:04X}"
    if 0xD800 <= code <= 0xDFFF:
        return (f"contains a lone surrogate {name} (half of a character), which Word cannot hold",
                "delete it, or type the character again (it comes from text cut in the middle of a character)")
    if code in (0x2028, 0x2029):
        kind = "line" if code == 0x2028 else "paragraph"
        return (f"contains the {kind} separator {name}, which YAML reads as a new line even inside a value",
                "replace it with a new line or a space")
    if code in (0xFFFE, 0xFFFF):
        return f"contains the non-character {name}, which Word cannot hold", "delete it"
    if 0x7F <= code <= 0x9F:
        meant = bytes([code]).decode("cp1252", errors="ignore") if code >= 0x80 else ""
        hint = f" (it is probably {meant!r} from text in the Windows-1252 encoding)" if meant else ""
        return (f"contains the control character {name}, which Word cannot show{hint}",
                f"type {meant!r} again" if meant else "delete it")
    what = _COPIED.get(code, "")
    return (f"contains the control character {name}{what}, which Word cannot hold",
            "delete it (it often comes from copying out of another program)")


def find(text: str) -> list[tuple[int, str]]:
    """Every unholdable character in a text, with its index."""
    return [(m.start(), m.group()) for m in UNHOLDABLE.finditer(text)]


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character index, as an editor counts them."""
    line_start = text.rfind("\n", 0, index) + 1
    return text.count("\n", 0, index) + 1, index - line_start + 1


def longest_word(text: str) -> int:
    """The length of the longest run of characters without white space."""
    return max(map(len, text.split()), default=0)
