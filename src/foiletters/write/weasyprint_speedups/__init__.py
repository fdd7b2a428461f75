"""Speed-ups for WeasyPrint and the libraries under it, each giving the same PDF bytes.

A disclosure log lays out thousands of letters in one process; these remove work that
WeasyPrint 70, pydyf 0.13 and tinyhtml5 2.1 do again for nothing. Each is applied only to
the exact versions it was written and measured against (`KNOWN`): after an upgrade the
letters are built as before, without it, until someone measures again. Setting
FOILETTERS_PLAIN_WEASYPRINT=1 turns them all off (the tests build letters both ways and
compare the bytes).

Each speed-up is a `Lever` (lever.py) that benchmarks/pdf_levers.py switches on and off
between letters of one run, to measure it alone. Instructions a PDF (callgrind, a warm worker,
four letters of 1 to 5 pages; each lever off against on, every other lever on): line-break cache
0.88, drawn-line cache 0.86, margin boxes 0.96; every lever together 848 → 506 M (0.60, counting
in the "off" side the font-subset arrays of lengths cffi had not parsed yet, as in a worker's
first letters). The font-subset arrays save about 2.2 ms for each array length a worker meets for
the first time (1.4 to 1.8 a letter in a fresh worker's first 15-19 letters; 4 in one `build`).
- libraries.py: tinyhtml5's regex cache, pydyf's objects serialised once, its page references,
  the font subset's arrays of one cffi type;
- line_breaks.py: lines of text broken once per worker (the letters' boilerplate);
- text_drawing.py: lines of text drawn once per worker (their glyphs replayed);
- margin_boxes.py: a page's empty margin boxes left unmade;
and, outside the levers, the user-agent style sheet (`letter_ua_stylesheet`, used by
write/pdf.py) and the garbage collector (`freeze_long_lived`).
"""

from __future__ import annotations

import gc
import os
import re
from importlib import import_module
from typing import Any

from foiletters.write.weasyprint_speedups import libraries, line_breaks, margin_boxes, text_drawing
from foiletters.write.weasyprint_speedups.lever import Lever

KNOWN = {"weasyprint": "70.", "pydyf": "0.13.", "tinyhtml5": "2.1."}
LEVERS = {lever.name: lever for lever in (
    Lever("tinyhtml5 regex cache", libraries.tinyhtml5_regex_cache),
    Lever("pydyf objects once", libraries.pydyf_objects_once),
    Lever("pydyf page references", libraries.pydyf_page_references),
    Lever("harfbuzz arrays one type", libraries.harfbuzz_arrays_one_type),
    Lever("line-break cache", line_breaks.line_break_cache),
    Lever("drawn-line cache", text_drawing.drawn_line_cache),
    Lever("margin boxes with content", margin_boxes.margin_boxes_with_content),
)}
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
    """Switch every lever on, once per process (after WeasyPrint is imported); whether they are on."""
    global _installed
    if _installed is None:
        _installed = applicable()
        if _installed:
            for lever in LEVERS.values():
                lever.on()
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
