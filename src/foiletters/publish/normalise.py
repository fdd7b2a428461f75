"""Text as words, the same way for what is private and for what would be published.

Both sides of the privacy search go through `words()`: the requester's details and the `private:`
values when their forms are made, and every text of the public copy when it is searched. So a
match does not depend on how the text was typed or pasted:

- percent-encoded text is decoded first (`mailto:ann%2Equill%40example.org`, a file name
  `Ann%20Quill.pdf`);
- Unicode compatibility forms are unified (NFKC: `ﬁ` is `fi`, a full-width `Ａ` is `A`), letters
  are case-folded (`ß` is `ss`) and accents removed, composed or decomposed (`é`, `é`);
- soft hyphens, zero-width spaces and joiners, and other invisible format characters are removed;
  so are apostrophes of any form (`O'Brien`, `O’Brien` and `OBrien` are one word), and a hyphen
  at the end of a line joins the word broken there;
- every other character that is not a letter or a digit (spaces of every kind, line breaks,
  punctuation, symbols) separates words.

A word keeps the span of the original text it came from, so that a match can be reported by line
and column (or offset) and shown in context on the officer's own terminal.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import unquote

# Letters that Unicode does not decompose into a base letter and an accent; and the Cyrillic and Greek
# letters that look like Latin ones (a name pasted from a document that used them reads the same).
_LETTERS = str.maketrans({
    "ø": "o", "Ø": "o", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe", "ł": "l", "Ł": "l", "đ": "d", "Đ": "d",
    "ð": "d", "Ð": "d", "þ": "th", "Þ": "th", "ı": "i", "ħ": "h", "ŀ": "l", "ĸ": "k", "ŉ": "n",
    **dict(zip("АВЕКМНОРСТУХаеорсухіјѕԁԛԝ", "abekmhopctyxaeopcyxijsdqw", strict=True)),
    **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχ", "abezhikmnoptyxaiknoptux", strict=True))})
# Apostrophes and the marks typed for them: removed, so that the word around them stays one word.
APOSTROPHES = set("'’‘‛ʼʹʻʽ`´′＇")
HYPHENS = set("-‐‑‒–—―−﹣－")
_PERCENT = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


@dataclass(frozen=True)
class Word:
    text: str  # normalised: lower case, no accents, letters and digits only
    start: int  # the span of the original text it came from
    end: int


def _decoded(text: str) -> tuple[str, list[int]]:
    """The text with %XX sequences decoded, and for each character the index it came from."""
    out: list[str] = []
    origin: list[int] = []
    last = 0
    for match in _PERCENT.finditer(text):
        out.extend(text[last:match.start()])
        origin.extend(range(last, match.start()))
        decoded = unquote(match.group(), errors="strict") if _utf8(match.group()) else None
        if decoded is None:  # not UTF-8: kept as typed (its letters and digits still count)
            out.extend(match.group())
            origin.extend(range(match.start(), match.end()))
        else:
            out.extend(decoded)
            origin.extend([match.start()] * len(decoded))
        last = match.end()
    out.extend(text[last:])
    origin.extend(range(last, len(text)))
    return "".join(out), origin


def _utf8(encoded: str) -> bool:
    try:
        bytes.fromhex(encoded.replace("%", "")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _folded(char: str) -> str:
    """One character as letters and digits of its own (possibly none, or several: `ﬁ`, `ß`)."""
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    out = []
    for part in unicodedata.normalize("NFKD", char.translate(_LETTERS)):
        if unicodedata.category(part) == "Mn":  # an accent, composed or not
            continue
        out.append(part.casefold().translate(_LETTERS))
    return "".join(c for c in "".join(out) if c.isalnum())


# A word: letters and digits, with what is removed inside a word (accents typed after their letter,
# apostrophes, invisible format characters) and a hyphen that ends a line before the rest of the word.
_INSIDE = ("\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"  # accents
           "\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff"  # invisible
           + "".join(sorted(APOSTROPHES)))
_BROKEN = f"[{''.join(sorted(HYPHENS))}][ \\t]*(?:\\r\\n|[\\n\\r\\u2028\\u2029\\x0b\\x0c\\x85])\\s*(?=[^\\W_])"
_WORD = re.compile(f"(?:[^\\W_]|[{_INSIDE}]|{_BROKEN})+")


def words(text: str) -> list[Word]:
    """The words of a text, normalised, each with the span of the original text it came from."""
    decoded, origin = _decoded(text) if "%" in text else (text, None)
    found: list[Word] = []
    for match in _WORD.finditer(decoded):
        token = match.group()
        if token.isascii() and token.isalnum():  # most words: nothing to fold but the case
            folded = token.lower()
        else:
            folded = "".join(_folded(c) for c in token if c not in APOSTROPHES and unicodedata.category(c) != "Cf")
        if folded:
            start, end = match.span()
            found.append(Word(folded, origin[start], origin[end - 1] + 1) if origin is not None
                         else Word(folded, start, end))
    return found


_MARKS_AND_INVISIBLE = re.compile(f"[{_INSIDE}\u0300-\u036f]|[^\\w]|_")


def folded(text: str) -> str:
    """The text's letters and digits run together, folded as `words()` folds them: every word of the text is
    in it. A quick test of whether a text can hold a word at all, before it is cut into words."""
    if "%" in text:
        text = _decoded(text)[0]
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS)).casefold().translate(_LETTERS)
    return _MARKS_AND_INVISIBLE.sub("", text)


def normal(text: str) -> str:
    """The text's words joined by single spaces: how two texts are compared."""
    return " ".join(w.text for w in words(text))


def line_and_column(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character of `text`."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1
