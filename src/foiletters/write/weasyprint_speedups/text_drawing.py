"""Lines of text drawn once per worker: the glyphs of a line that the worker has drawn before are replayed.

To draw a line, WeasyPrint makes its Pango layout again (`reactivate`: a Pango context, font
description and layout, then shaping), then walks the glyphs in Python, building the `TJ` string
and filling the font's glyph widths and Unicode mapping (`draw_first_line`). A line's glyphs
depend only on its text, its justification spacing and its style's text properties
(line_breaks.STYLE_KEYS), never on where it stands: the position is the text matrix, set apart.

`draw_text` here is WeasyPrint 70's, with the line drawn by `_draw_line`: it first computes what
the line writes (the operators, and for each glyph its font, Unicode text and width) and then
applies it, so that what was computed can be kept and applied again to another page or letter.
Applying does what WeasyPrint does: a glyph's width and text are set in its font only if the
font has none yet, in the same order. A line is replayed only when the document already holds
every font it uses (else it is drawn afresh); lines with ellipses, missing glyphs or colour and
bitmap fonts are always drawn by WeasyPrint's own code. Same bytes: tests/test_pdf_speedups.py.
In a warm worker some 90% of the lines are replayed (a PDF: 14% fewer instructions).
"""

from __future__ import annotations

from array import array
from collections import OrderedDict
from typing import Any

from foiletters.write.weasyprint_speedups.lever import Replacements
from foiletters.write.weasyprint_speedups.line_breaks import STYLE_KEYS, font_token

LIMIT = 5_000  # lines kept (some 1.5 KB each, 8 MB in all); the least recently used go first
_cache: OrderedDict[tuple, tuple] = OrderedDict()
statistics = {"hits": 0, "misses": 0}


def clear() -> None:
    _cache.clear()
    statistics.update(hits=0, misses=0)


def drawn_line_cache() -> Replacements:
    import weasyprint.draw
    from weasyprint.draw import text
    from weasyprint.layout.percent import percentage
    from weasyprint.text.ffi import FROM_UNITS, ffi, pango
    from weasyprint.text.fonts import get_pango_font_key

    original_draw_first_line = text.draw_first_line
    draw_text_decoration, draw_emojis, get_color = text.draw_text_decoration, text.draw_emojis, text.get_color
    old_pango = pango.pango_version() < 14802
    glyph_empty, unknown_flag = pango.PANGO_GLYPH_EMPTY, pango.PANGO_GLYPH_UNKNOWN_FLAG

    def record_line(stream: Any, textbox: Any) -> tuple | None:
        """What drawing the line writes, computed without writing it; None where WeasyPrint must draw it."""
        layout = textbox.pango_layout
        if not textbox.text.strip() or textbox.style["font_size"] < 1e-6:
            return ((), (), ((), (), (), ()), False)
        pango.pango_layout_set_single_paragraph_mode(layout.layout, True)
        first_line, _ = layout.get_first_line()
        fonts: list[tuple[Any, Any]] = []  # (font key, font) in the order first met
        operators: list[tuple] = []  # ("size", font number, size) or ("show", string)
        # Each glyph's first time in the line (later ones change no font): font number, glyph, text, width.
        seen: set[tuple[int, int]] = set()
        font_numbers, glyph_ids, texts, widths_of = array("B"), array("I"), [], array("i")
        previous_pango_font = None
        string = ""
        font_number = -1
        utf8_text = None
        run = first_line.runs[0]
        while run != ffi.NULL:
            glyph_item = run.data
            run = run.next
            glyph_string = glyph_item.glyphs
            glyphs_info = glyph_string.glyphs
            num_glyphs = glyph_string.num_glyphs
            clusters = glyph_string.log_clusters
            pango_font = glyph_item.item.analysis.font
            if pango_font != previous_pango_font:
                previous_pango_font = pango_font
                key = get_pango_font_key(pango_font)[0]
                font, font_size = stream.add_font(pango_font)
                if font.svg or font.png or font.colr:
                    return None
                if old_pango:
                    font_size = textbox.style["font_size"]
                font_number = next((i for i, (k, _) in enumerate(fonts) if k == key), None)
                if font_number is None:
                    font_number = len(fonts)
                    fonts.append((key, font))
                if string:
                    operators.append(("show", string))
                string = ""
                operators.append(("size", font_number, 1 if font.bitmap else font_size))
            string += "<"
            widths = font.widths
            item = glyph_item.item
            for i, glyph_info in enumerate(glyphs_info[0:num_glyphs]):
                glyph_id = glyph_info.glyph
                geometry = glyph_info.geometry
                width = geometry.width
                if glyph_id == glyph_empty:
                    string += f">{-width / font_size}<"
                    continue
                if glyph_id & unknown_flag:
                    return None
                offset = item.offset
                t1 = clusters[i]
                if item.analysis.level % 2:  # rtl
                    t2 = item.length if i == 0 else clusters[i - 1]
                else:
                    t2 = item.length if i == num_glyphs - 1 else clusters[i + 1]
                utf8_text = utf8_text or layout.text.encode()
                unicode_text = utf8_text[offset + t1:offset + t2].decode()
                offset = geometry.x_offset / font_size
                rise = geometry.y_offset / 1000
                if rise:
                    if string[-1] == "<":
                        string = string[:-1]
                    else:
                        string += ">"
                    if string:
                        operators.append(("show", string))
                    operators.append(("rise", -rise))
                    string = ""
                    if offset:
                        string = f"{-offset}"
                    string += f"<{glyph_id:02x}>" if font.bitmap else f"<{glyph_id:04x}>"
                    operators.append(("show", string))
                    operators.append(("rise", 0))
                    string = "<"
                else:
                    if offset:
                        string += f">{-offset}<"
                    string += f"{glyph_id:02x}" if font.bitmap else f"{glyph_id:04x}"
                if glyph_id in widths:
                    logical_width = widths[glyph_id]
                else:
                    pango.pango_font_get_glyph_extents(pango_font, glyph_id, stream.ink_rect, stream.logical_rect)
                    logical_width = round(stream.logical_rect.width * 1000 * FROM_UNITS / font_size)
                if (font_number, glyph_id) not in seen:
                    seen.add((font_number, glyph_id))
                    font_numbers.append(font_number)
                    glyph_ids.append(glyph_id)
                    texts.append(unicode_text)
                    widths_of.append(logical_width)
                kerning = logical_width + offset - width * 1000 * FROM_UNITS / font_size
                if kerning:
                    string += f">{int(kerning)}<"
            if string[-1] == "<":
                string = string[:-1]
            else:
                string += ">"
        operators.append(("show", string))
        glyphs = (font_numbers, glyph_ids, tuple(texts), widths_of)
        return tuple(key for key, _ in fonts), tuple(operators), glyphs, True

    def apply_line(stream: Any, line: tuple, matrix: Any) -> None:
        font_keys, operators, glyphs, with_matrix = line
        if not with_matrix:
            return
        fonts = [stream._fonts[key] for key in font_keys]
        stream.set_text_matrix(*matrix.values)
        # As WeasyPrint fills them while it walks the glyphs: a glyph's text and width, if the font has none.
        for font_number, glyph_id, unicode_text, width in zip(*glyphs, strict=True):
            font = fonts[font_number]
            if glyph_id not in font.to_unicode:
                font.to_unicode[glyph_id] = unicode_text
            if glyph_id not in font.widths:
                font.widths[glyph_id] = width
        for operator in operators:
            if operator[0] == "show":
                stream.show_text(operator[1])
            elif operator[0] == "size":
                stream.set_font_size(fonts[operator[1]].hash, operator[2])
            else:
                stream.set_text_rise(operator[1])

    def draw_line(stream: Any, textbox: Any, text_overflow: Any, block_ellipsis: Any, matrix: Any) -> list:
        """Draw the line as WeasyPrint's draw_first_line does, from the cache when the line was drawn before."""
        layout, style = textbox.pango_layout, textbox.style
        if text_overflow == "ellipsis" or block_ellipsis != "none":
            layout.reactivate(style)
            try:
                return original_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
            finally:
                layout.deactivate()
        try:
            key = (layout.text, layout.justification_spacing, font_token(style.font_config),
                   *[style[name] for name in STYLE_KEYS])
            line = _cache.get(key)
        except TypeError:  # a property whose value cannot be a key
            key, line = None, None
        if line is not None and all(font_key in stream._fonts for font_key in line[0]):
            _cache.move_to_end(key)
            statistics["hits"] += 1
            apply_line(stream, line, matrix)
            return []
        statistics["misses"] += 1
        layout.reactivate(style)
        try:
            line = record_line(stream, textbox)
            if line is None:
                return original_draw_first_line(stream, textbox, text_overflow, block_ellipsis, matrix)
            apply_line(stream, line, matrix)
        finally:
            layout.deactivate()
        if key is not None:
            _cache[key] = line
            if len(_cache) > LIMIT:
                _cache.popitem(last=False)
        return []

    def draw_text(stream: Any, textbox: Any, offset_x: Any, text_overflow: Any, block_ellipsis: Any) -> None:
        """WeasyPrint 70's draw_text, with the line drawn by draw_line (which makes the Pango layout if needed)."""
        assert textbox.style["font_size"]
        if textbox.style["visibility"] != "visible":
            return
        text_decoration_values = textbox.style["text_decoration_line"]
        text_decoration_color = get_color(textbox.style, "text_decoration_color")
        if "underline" in text_decoration_values or "overline" in text_decoration_values:
            if textbox.style["text_decoration_thickness"] in ("auto", "from-font"):
                thickness = textbox.pango_layout.underline_thickness
            else:
                thickness = percentage(textbox.style["text_decoration_thickness"], textbox.style,
                                       textbox.style["font_size"])
        if "overline" in text_decoration_values:
            offset_y = textbox.baseline - textbox.pango_layout.ascent + thickness / 2
            draw_text_decoration(stream, textbox, offset_x, offset_y, thickness, text_decoration_color)
        if "underline" in text_decoration_values:
            if textbox.style["text_underline_offset"] == "auto":
                underline_offset = - textbox.pango_layout.underline_position
            else:
                underline_offset = percentage(textbox.style["text_underline_offset"], textbox.style,
                                              textbox.style["font_size"])
            offset_y = textbox.baseline + underline_offset + thickness / 2
            draw_text_decoration(stream, textbox, offset_x, offset_y, thickness, text_decoration_color)
        x, y = textbox.position_x, textbox.position_y + textbox.baseline
        stream.set_color(textbox.style["color"])
        stream.begin_text()
        emojis = draw_line(stream, textbox, text_overflow, block_ellipsis, text.Matrix(d=-1, e=x, f=y))
        stream.end_text()
        draw_emojis(stream, textbox.style, x, y, emojis)
        if "line-through" in text_decoration_values:
            thickness = textbox.pango_layout.strikethrough_thickness
            offset_y = textbox.baseline - textbox.pango_layout.strikethrough_position
            draw_text_decoration(stream, textbox, offset_x, offset_y, thickness, text_decoration_color)

    return [(text, "draw_text", draw_text), (weasyprint.draw, "draw_text", draw_text)]
