"""Lines of text broken once per worker: the boilerplate of every letter is laid out again and again.

WeasyPrint breaks a text into lines one line at a time (`split_first_line`): it makes a Pango
layout of the text at the available width and measures the first line. The re-use notice,
the review rights, the regulator's address and the like are the same text, in the same style,
at the same width in nearly every letter, so a worker breaks the same lines thousands of times.

The cache keys a result on everything `split_first_line` reads: the text, the width, the
justification spacing, the two flags, every style property it or the Pango layout it builds
consults (`STYLE_KEYS`), and the fonts the font configuration holds. What it keeps is what the
function returns: the numbers, and the layout's plain attributes (its Pango objects are already
released when it returns; drawing makes them again from the text). A hit gives a new layout
object with those attributes, equal to the one a fresh call makes, so a letter's bytes never
depend on which letters the worker laid out before it (tests/test_pdf_speedups.py).
In a worker that has built other requests' letters, some 90% of the lines are found here (a PDF:
12% fewer instructions).
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from typing import Any

from foiletters.write.weasyprint_speedups.lever import Replacements

# Every style property read by split_first_line, Layout.setup/set_text, get_font_description,
# font_features, line_size and first_line_metrics in WeasyPrint 70.
STYLE_KEYS = (
    "white_space", "font_size", "font_family", "font_style", "font_stretch", "font_weight",
    "font_variation_settings", "direction", "font_language_override", "lang", "text_decoration_line",
    "font_kerning", "font_variant_ligatures", "font_variant_position", "font_variant_caps",
    "font_variant_numeric", "font_variant_alternates", "font_variant_east_asian", "font_feature_settings",
    "word_spacing", "letter_spacing", "overflow_wrap", "tab_size", "hyphens", "hyphenate_limit_chars",
    "hyphenate_limit_zone", "hyphenate_character", "word_break",
)
LIMIT = 5_000  # lines kept (under 1 KB each, 4 MB in all); the least recently used go first

_cache: OrderedDict[tuple, tuple] = OrderedDict()
_tokens = itertools.count()  # one per font configuration, never used again (an id may be)
statistics = {"hits": 0, "misses": 0}


def font_token(font_config: Any) -> int:
    """A number for the fonts a font configuration holds: another configuration, or a font added, another number."""
    token = font_config.__dict__.get("_foiletters_token")
    if token is None:
        token = font_config.__dict__["_foiletters_token"] = next(_tokens)
    return token


def clear() -> None:
    _cache.clear()
    statistics.update(hits=0, misses=0)


def line_break_cache() -> Replacements:
    from weasyprint.layout import inline, preferred
    from weasyprint.text import fonts, line_break

    split_first_line = line_break.split_first_line
    layout_class = line_break.Layout
    add_font_face = fonts.FontConfiguration.add_font_face

    def counted_add_font_face(self: Any, rule_descriptors: Any, url_fetcher: Any) -> Any:
        # A font face added changes the key of every line (it may change how any line is set); one asked for
        # again (each letter's style sheet) is a file WeasyPrint already has, and changes nothing.
        try:
            return add_font_face(self, rule_descriptors, url_fetcher)
        finally:
            folder = self.__dict__.get("_folder")
            faces = sum(1 for _ in folder.iterdir()) if folder is not None and folder.is_dir() else 0
            if faces != self.__dict__.get("_foiletters_faces", 0):
                self.__dict__["_foiletters_faces"] = faces
                self.__dict__["_foiletters_token"] = next(_tokens)

    def cached_split_first_line(text: str, style: Any, context: Any, max_width: Any, justification_spacing: Any,
                                is_line_start: bool = True, minimum: bool = False) -> tuple:
        try:
            key = (text, max_width, justification_spacing, is_line_start, minimum, font_token(style.font_config),
                   *[style[name] for name in STYLE_KEYS])
            found = _cache.get(key)
        except TypeError:  # a property whose value cannot be a key: computed every time
            return split_first_line(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        if found is not None:
            _cache.move_to_end(key)
            statistics["hits"] += 1
            attributes, rest = found
            layout = object.__new__(layout_class)
            layout.__dict__.update(attributes)
            return (layout, *rest)
        statistics["misses"] += 1
        layout, *rest = split_first_line(text, style, context, max_width, justification_spacing, is_line_start,
                                         minimum)
        # The layout is released (its Pango objects gone): only plain values remain, copied.
        _cache[key] = (dict(layout.__dict__), tuple(rest))
        if len(_cache) > LIMIT:
            _cache.popitem(last=False)
        return (layout, *rest)

    return [(line_break, "split_first_line", cached_split_first_line),
            (inline, "split_first_line", cached_split_first_line),
            (preferred, "split_first_line", cached_split_first_line),
            (fonts.FontConfiguration, "add_font_face", counted_add_font_face)]
