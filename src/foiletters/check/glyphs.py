"""Check that the PDF's fonts can draw every character of the letter.

The PDF embeds only the fonts the letter loads, so that it looks the same on every machine: the
packaged ones (letter.css) and those of the house's style sheet (`@font-face` rules naming font files
of its templates folder). A character none of them has (Chinese, Arabic, an emoji) would be drawn as an
empty box. WeasyPrint (Pango) draws a character the house's font lacks with another font the letter
loads, the packaged Liberation Sans, so a character is drawable when one of the letter's font families
can draw it: a house whose font has a script the packaged fonts lack (Ogham, say) may use it.
Word falls back to another font on its own, so this is about the PDF, and so about the published
letter. The common case, text in the Latin alphabet with the typographic punctuation of letters (which
the templates themselves use), is decided without reading the fonts (and without importing fontTools:
some 50 ms of a one-letter build); each font file is read once per process (and again when it changes).
"""

from __future__ import annotations

import html
import re
import unicodedata
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from foiletters.check.rules import Checker
from foiletters.render.letter import Rendering

FONTS = Path(__file__).resolve().parent.parent / "data" / "assets" / "fonts"
SURELY_DRAWN = 0x180  # Basic Latin to Latin Extended-A: the packaged fonts, always loaded, have them
# And these, which every style of the packaged fonts has too (a test reads the fonts to show it): the dashes,
# quotation marks, bullet, ellipsis, per mille, euro and trade mark signs, minus, and arrows.
ALSO_SURELY_DRAWN = frozenset("–—‘’‚“”„†‡•…‰‹›€™−←↑→↓")
# A character at or above SURELY_DRAWN that is neither white space (`\s` is str.isspace()) nor one of those:
# one regular expression over the letter's text instead of a Python test of each character.
_UNUSUAL = re.compile(f"[^\\x00-\\U{SURELY_DRAWN - 1:08x}\\s{''.join(sorted(ALSO_SURELY_DRAWN))}]")
FONT_FILES = (".ttf", ".otf", ".woff", ".woff2")
HOUSE_PREFIX = "house/"  # how the letter names a file of the house folder (render/house.py's house_asset)
_HOUSE_SHEET = re.compile(r'<link rel="stylesheet" href="(' + HOUSE_PREFIX + r'[^"]+)"')


def drawable(house_families: tuple[tuple[Path, ...], ...] = ()) -> frozenset[int]:
    """The code points the letter's fonts can draw: those every style of one of its font families can draw
    (the packaged family, or a family of the house's style sheet; each style must, or bold text could show
    boxes)."""
    return _drawable(tuple(tuple((path, *_stamp(path)) for path in family) for family in house_families))


@cache
def _packaged() -> frozenset[int]:
    return _family(tuple((path, *_stamp(path)) for path in sorted(FONTS.glob("*.ttf"))))


@lru_cache(maxsize=16)
def _drawable(house_families: tuple[tuple[tuple[Path, int, int], ...], ...]) -> frozenset[int]:
    drawn = _packaged()
    for family in house_families:
        drawn |= _family(family)
    return drawn


def _family(files: tuple[tuple[Path, int, int], ...]) -> frozenset[int]:
    sets = [_cmap(*file) for file in files]
    return frozenset.intersection(*sets) if sets else frozenset()


def _stamp(path: Path) -> tuple[int, int]:
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=64)
def _cmap(path: Path, mtime_ns: int, size: int) -> frozenset[int]:  # noqa: ARG001 - the cache key
    """The code points one font file maps to glyphs; none when it cannot be read (so that nothing is taken as
    drawn by a font the PDF could not use)."""
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; loaded only for text beyond Latin

    try:
        with TTFont(str(path), lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    except Exception:  # noqa: BLE001 - a broken or unsupported font file draws nothing
        return frozenset()


def house_fonts(rendering: Rendering) -> tuple[tuple[Path, ...], ...]:
    """The font families that the letter's house style sheets load with @font-face: for each, its files
    (of the house folder, as the PDF's fetcher serves them)."""
    house = rendering.house
    if house is None:
        return ()
    root = house.resolve()
    families: dict[str, list[Path]] = {}
    for href in _HOUSE_SHEET.findall(rendering.html):  # as frame.html.j2 links them (house_asset)
        sheet = (house / html.unescape(href).removeprefix(HOUSE_PREFIX)).resolve()
        if sheet.is_relative_to(root) and sheet.is_file():
            for family, path in _sheet_fonts(sheet, *_stamp(sheet)):
                if path.is_relative_to(root) and path not in families.setdefault(family, []):
                    families[family].append(path)
    return tuple(tuple(paths) for paths in families.values() if paths)


@lru_cache(maxsize=16)
def _sheet_fonts(sheet: Path, mtime_ns: int, size: int) -> tuple[tuple[str, Path], ...]:  # noqa: ARG001 - the key
    """The font files that a style sheet's @font-face rules name (`src: url(…)`, relative to the sheet), each
    with its rule's font-family."""
    import tinycss2

    fonts: list[tuple[str, Path]] = []
    rules = tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8", errors="replace"), skip_comments=True,
                                      skip_whitespace=True)
    for rule in rules:
        if rule.type != "at-rule" or rule.lower_at_keyword != "font-face" or rule.content is None:
            continue
        family, urls = "", []
        for declaration in tinycss2.parse_blocks_contents(rule.content, skip_comments=True, skip_whitespace=True):
            if declaration.type != "declaration":
                continue
            if declaration.lower_name == "font-family":
                family = tinycss2.serialize(declaration.value).strip().strip("'\"").lower()
            elif declaration.lower_name == "src":
                urls = _urls(declaration.value)
        for url in urls:
            path = (sheet.parent / url).resolve()
            if path.suffix.lower() in FONT_FILES and path.is_file():
                fonts.append((family, path))
    return tuple(fonts)


def _urls(tokens: list[Any]) -> list[str]:
    """The addresses of url(…) and url("…") in a declaration's value: files, not data: or network addresses."""
    urls = []
    for token in tokens:
        if token.type == "url":
            urls.append(token.value)
        elif token.type == "function" and token.lower_name == "url":
            urls += [t.value for t in token.arguments if t.type == "string"]
    return [u for u in urls if u and ":" not in u.split("/")[0]]


def check_glyphs(checker: Checker, text: str, rendering: Rendering) -> None:
    """`text`: the letter's words, as `letter_text` gives them, of `rendering` (whose house fonts are read)."""
    unusual = set(_UNUSUAL.findall(text))
    if not unusual:
        return
    fonts = drawable(house_fonts(rendering))
    missing = sorted(c for c in unusual if ord(c) not in fonts)
    if not missing:
        return
    shown = ", ".join(f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    loc = _first_field_with(checker.request.data, set(missing)) or ("questions",)
    checker.add("missing-glyphs", checker.request.answers.regime, loc,
                f"the PDF's fonts cannot draw {shown}{more}: the published letter would show empty boxes",
                "write it in the Latin alphabet, send the text as an attachment, or give the house a font that "
                "has it (layout.stylesheet, docs/templates.md step 3); to accept the boxes knowingly, "
                "add this finding under `accepted:` with the reason")


def _first_field_with(data: Any, characters: set[str], loc: tuple[Any, ...] = ()) -> tuple[Any, ...] | None:
    if isinstance(data, dict):
        items = list(data.items())
    elif isinstance(data, list):
        items = list(enumerate(data))
    else:
        return loc if isinstance(data, str) and characters & set(data) else None
    for key, value in items:
        found = _first_field_with(value, characters, (*loc, key))
        if found is not None:
            return found
    return None
