"""What a reader reports about an attachment, and the words it says it in.

A finding can quote what is in the file (a comment's author, a sheet's name, a deleted passage). That
text is marked with `quote()` and `name()`: `in_full()` shows it, on the officer's own terminal
(`foiletters privacy`), and `safe()` leaves it out, for everything else (the log's output, CI logs, the
log's cache), since any of it may be the very personal data the check is there to keep in.
"""

from __future__ import annotations

import re
from typing import Any

EXCERPT = 60  # characters of hidden text quoted in a finding, on the officer's terminal
_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{_OPEN}(.*?){_SEP}(.*?){_CLOSE}", re.DOTALL)


def quote(text: str, instead: str = "(…)") -> str:
    """Text of the file, in quotes on the officer's terminal, `instead` everywhere else."""
    return f"{_OPEN}'{text}'{_SEP}{instead}{_CLOSE}"


def name(text: str, instead: str = "(a name not shown)") -> str:
    """A name or address of the file (an author, a link's target): as it is on the officer's terminal."""
    return f"{_OPEN}{text}{_SEP}{instead}{_CLOSE}"


def in_full(text: str) -> str:
    return _MARKED.sub(lambda m: m.group(1), text)


def safe(text: str) -> str:
    return _MARKED.sub(lambda m: m.group(2), text)


class Refused(Exception):
    """The file as a whole cannot be checked; `what` says why, in the words of the finding."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class CannotOpen(Refused):
    def __init__(self, reason: str) -> None:
        super().__init__(f"the file cannot be opened: {reason}")


def reason(exc: BaseException) -> str:
    """A short, one-line reason for an exception (library messages can quote the file: never its text)."""
    text = str(exc).strip().splitlines()[0].strip() if str(exc).strip() else ""
    if isinstance(exc, KeyError):
        text = f"{text} is missing"
    text = text or type(exc).__name__
    return name(text if len(text) <= 120 else text[:117] + "...", type(exc).__name__)


def size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return quote(text if len(text) <= EXCERPT else f"{text[:EXCERPT - 3]}...")


def by(author: str | None) -> str:
    author = (author or "").strip()
    return f" by {name(author)}" if author else ""


def unique(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(found))


def ranges(sheet: str, kind: str, size: str, by_reason: dict[str, Any], name: Any) -> list[tuple[str, str]]:
    """Hidden or zero-size rows (or columns) as runs: "sheet 'Data' rows 3 to 5", "the rows are hidden"."""
    found = []
    for why, numbers in by_reason.items():
        for first, last in runs(sorted(numbers)):
            one = first == last
            where = f"{sheet} {kind} {name(first)}" if one else f"{sheet} {kind}s {name(first)} to {name(last)}"
            if why == "hidden":
                what = f"the {kind} is hidden" if one else f"the {kind}s are hidden"
            else:
                what = (f"the {kind} has no {size}, so it cannot be seen" if one
                        else f"the {kind}s have no {size}, so they cannot be seen")
            found.append((where, what))
    return found


def runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    found: list[tuple[int, int]] = []
    for n in numbers:
        if found and n == found[-1][1] + 1:
            found[-1] = (found[-1][0], n)
        elif not found or n != found[-1][1]:
            found.append((n, n))
    return found
