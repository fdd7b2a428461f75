"""Speed-ups for WeasyPrint and the libraries under it, each giving the same PDF bytes.

A disclosure log lays out thousands of letters in one process; these remove work that
WeasyPrint 70, pydyf 0.13 and tinyhtml5 2.1 do again for nothing. Each is applied only to
the exact versions it was written and measured against (`KNOWN`): after an upgrade the
letters are built as before, without it, until someone measures again. Setting
FOILETTERS_PLAIN_WEASYPRINT=1 turns them all off (the tests build a letter both ways and
compare the bytes).

Measured on the four seed letters, 2 cores, median per letter: about 145 → 112 ms.
- tinyhtml5 keeps its compiled character-class regexes under the wrong key
  (`characters = cache[key] = regex` rebinds `characters` first), so every call compiles
  its pattern string again: the parse takes 6.7 → 3.6 ms with a cache that works.
- pydyf, given a file identifier (ours is fixed, for same-input-same-bytes), serialises and
  deflates every object a second time to hash it: each object's bytes are kept for the
  length of one `PDF.write` (15 → 9 ms).
- pydyf rebuilds the list of page references on every access, some 400 times a letter.
The user-agent style sheet (`LETTER_UA`) and the garbage collector (`freeze_long_lived`)
are the other two; see there.
"""

from __future__ import annotations

import gc
import os
import re
from importlib import import_module
from typing import Any

KNOWN = {"weasyprint": "70.", "pydyf": "0.13.", "tinyhtml5": "2.1."}
_PSEUDO_ELEMENT_RULES = re.compile(
    r"(?m)^::(marker|footnote-call|footnote-marker|note-call|note-marker|note-callback) \{[^}]*\}\n")

_installed: bool | None = None


def applicable() -> bool:
    """Whether the installed versions are those the speed-ups were written for, and they are wanted."""
    if os.environ.get("FOILETTERS_PLAIN_WEASYPRINT"):
        return False
    # The modules' own __version__: importlib.metadata would read every installed package's metadata (30 ms).
    return all(str(getattr(import_module(name), "__version__", "")).startswith(prefix)
               for name, prefix in KNOWN.items())


def install() -> bool:
    """Apply the speed-ups once per process (after WeasyPrint is imported); whether they are on."""
    global _installed
    if _installed is None:
        _installed = applicable()
        if _installed:
            _fix_tinyhtml5_regex_cache()
            _write_pydyf_objects_once()
            _remember_page_references()
    return _installed


def letter_ua_stylesheet(weasyprint: Any) -> Any | None:
    """WeasyPrint's user-agent style sheet without its rules for pseudo-elements of every element.

    `::marker`, `::footnote-call`, `::note-call` and the like have no element in their
    selector, so WeasyPrint cascades six pseudo-element styles for each element of the
    letter, seven times the real work. A letter has no footnotes and no list markers
    (letter.css draws list numbers and bullets as text, `list-style: none`), so they can go:
    the cascade takes 12 → 5 ms. None when the speed-ups are off.
    """
    if not install():
        return None
    from weasyprint.html import UA, UA_COUNTER_STYLE

    trimmed, removed = _PSEUDO_ELEMENT_RULES.subn("", UA)
    if removed != 6:  # not the style sheet this was written for: keep WeasyPrint's own
        return None
    return weasyprint.CSS(string=trimmed, counter_style=UA_COUNTER_STYLE)


def freeze_long_lived() -> None:
    """After a process's first letter: leave the objects that live as long as it out of garbage collection.

    WeasyPrint, its fonts and the parsed style sheets are some 80,000 objects that every
    full collection walks again (50-60 ms, about once in four letters); frozen, a
    collection takes about 5 ms. Letters' own objects are collected as before.
    """
    gc.collect()
    gc.freeze()


# -- the patches ------------------------------------------------------------------------------------


class _RegexCache(dict):
    def __missing__(self, key: tuple[str, bool]) -> re.Pattern[str]:
        characters, opposite = key
        pattern = "".join(f"\\x{ord(character):02x}" for character in characters)
        regex = self[key] = re.compile(f"[{pattern if opposite else '^' + pattern}]+")
        return regex


def _fix_tinyhtml5_regex_cache() -> None:
    import tinyhtml5.inputstream

    tinyhtml5.inputstream.characters_until_regex = _RegexCache()


_written: dict[int, bytes] | None = None  # while PDF.write runs: the bytes of each object of the file
_objects: list | None = None


def _write_pydyf_objects_once() -> None:
    import pydyf

    def remembered(serialise: Any) -> property:
        def data(self: Any) -> bytes:
            number = self.number
            # Only objects of the file being written: a temporary object's id may be used again.
            if _written is None or number is None or number >= len(_objects) or _objects[number] is not self:
                return serialise(self)
            if id(self) not in _written:
                _written[id(self)] = serialise(self)
            return _written[id(self)]
        return property(data)

    for kind in (pydyf.Dictionary, pydyf.Stream, pydyf.Array, pydyf.String):
        kind.data = remembered(kind.__dict__["data"].fget)
    write = pydyf.PDF.write

    def write_once(self: Any, *args: Any, **kwargs: Any) -> Any:
        global _written, _objects
        _written, _objects = {}, self.objects
        try:
            return write(self, *args, **kwargs)
        finally:
            _written = _objects = None

    pydyf.PDF.write = write_once


def _remember_page_references() -> None:
    import pydyf

    def page_references(self: Any) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_foiletters_page_references")
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
            self.__dict__["_foiletters_page_references"] = cached
        return cached[1]

    pydyf.PDF.page_references = property(page_references)
