"""Check that the PDF's fonts can draw every character of the letter.

The PDF embeds only the packaged fonts, so that it looks the same on every machine; a
character they lack (Chinese, Arabic, an emoji) would be drawn as an empty box. Word
falls back to another font on its own, so this is about the PDF, and so about the
published letter. The common case, text in the Latin alphabet, is decided without
reading the fonts.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

from foiletters.check.rules import Checker

FONTS = Path(__file__).resolve().parent.parent / "data" / "assets" / "fonts"
SURELY_DRAWN = 0x180  # Basic Latin to Latin Extended-A: every font of the letter has them


@cache
def drawable() -> frozenset[int]:
    """The code points every packaged font of the letter can draw (each style must, or bold text shows boxes)."""
    from fontTools.ttLib import TTFont  # a WeasyPrint dependency; loaded only for text beyond Latin

    sets = []
    for path in sorted(FONTS.glob("*.ttf")):
        with TTFont(str(path), lazy=True) as font:
            sets.append(set(font.getBestCmap()))
    return frozenset(set.intersection(*sets)) if sets else frozenset()


def check_glyphs(checker: Checker, text: str) -> None:
    """`text`: the letter's words, as `letter_text` gives them."""
    unusual = {c for c in text if ord(c) >= SURELY_DRAWN and not c.isspace()}
    if not unusual:
        return
    missing = sorted(c for c in unusual if ord(c) not in drawable())
    if not missing:
        return
    shown = ", ".join(f"{c!r} (U+{ord(c):04X} {unicodedata.name(c, 'unnamed')})" for c in missing[:5])
    more = f" and {len(missing) - 5} more" if len(missing) > 5 else ""
    loc = _first_field_with(checker.request.data, set(missing)) or ("questions",)
    checker.add("missing-glyphs", checker.request.answers.regime, loc,
                f"the PDF's fonts cannot draw {shown}{more}: the published letter would show empty boxes",
                "write it in the Latin alphabet, or send the text as an attachment; to accept the boxes knowingly, "
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
