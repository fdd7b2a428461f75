"""The public CSV's cells, written so that a spreadsheet opens each as the text it is.

Excel and LibreOffice run a cell that starts with `=`, `+`, `-` or `@` as a formula (a title such as
`=HYPERLINK("http://…")` would be a link, `=cmd|…` worse), and a tab or carriage return at the start
hides what follows; such a cell gets an apostrophe before it, the usual mark of text in a spreadsheet
(OWASP's advice for CSV injection). They also turn what looks like a number or a date into one: `0042`
opens as 42, `12/2024` as a date, `1e5` as 100000. Such a cell is written as the text formula
`="0042"`, a constant that shows exactly what was written. ISO dates (`2026-03-04`) and plain numbers
(`12`) are left as they are: a spreadsheet reading them as a date and a number is right.
"""

from __future__ import annotations

import re

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_READ_AS_NUMBER = re.compile(r"\s*[+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?%?\s*")
_PLAIN_NUMBER = re.compile(r"0|[1-9]\d{0,14}")
_READ_AS_DATE = re.compile(r"\d{1,4}[/.-]\d{1,4}(?:[/.-]\d{1,4})?|\d{1,2}[:]\d{2}(?::\d{2})?")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def spreadsheet_safe(value: object) -> str:
    """One CSV cell that Excel and LibreOffice show as the text it is."""
    text = "" if value is None else str(value)
    if _ISO_DATE.fullmatch(text) or _PLAIN_NUMBER.fullmatch(text):
        return text
    if _READ_AS_NUMBER.fullmatch(text) or _READ_AS_DATE.fullmatch(text):
        return '="' + text.replace('"', '""') + '"'
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
