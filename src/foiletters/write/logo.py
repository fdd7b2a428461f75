"""The house's logo for the DOCX: its PNG as it is, or its SVG drawn as a PNG.

The PDF draws an SVG logo itself (WeasyPrint, through the restricted fetcher of pdf.py); Word needs
a picture, so an SVG is drawn with CairoSVG at 300 dots per inch of the height the letter gives it.
CairoSVG draws the same bytes from the same SVG, so the DOCX stays the same for the same input, and it
runs in its safe mode: no XML entities, and no file or address fetched (only data: URLs are drawn), so
an SVG cannot make the build read a file or call a server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from docx.shared import Emu, Mm

from foiletters.errors import TemplateError

HOUSE_PREFIX = "house/"
DOTS_PER_INCH = 300
_LENGTH = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(mm|cm|pt|in)\s*$")
_EMU_PER = {"mm": 36000, "cm": 360000, "pt": 12700, "in": 914400}


@dataclass(frozen=True)
class Picture:
    data: bytes  # PNG
    height: Emu


def height_of(text: str) -> Emu:
    """'18mm', '2cm', '40pt', '0.75in' in EMU; 18 mm when not given."""
    match = _LENGTH.match(text or "")
    if not match:
        if text:
            raise TemplateError(f"profile.yaml: layout.logo_height {text!r} is not a length such as 18mm or 2cm")
        return Mm(18)
    return Emu(int(float(match.group(1)) * _EMU_PER[match.group(2)]))


def logo_png(house: Path | None, src: str, height: str) -> Picture:
    if house is None or not src.startswith(HOUSE_PREFIX):
        raise TemplateError(f"refused to fetch {src!r}: a picture that may not be loaded; a letter shows only the "
                            "house's logo (layout.logo, a file of the templates folder)")
    path = (house / src.removeprefix(HOUSE_PREFIX)).resolve()
    if not path.is_relative_to(house.resolve()) or not path.is_file():
        raise TemplateError(f"the logo {src!r} is not a file of the templates folder {house}")
    size = height_of(height)
    return Picture(_png(path, path.stat().st_mtime_ns, int(size)), size)


@lru_cache(maxsize=8)
def _png(path: Path, mtime_ns: int, height_emu: int) -> bytes:  # noqa: ARG001 - mtime is the cache key
    data = path.read_bytes()
    if path.suffix.lower() == ".png":
        return data
    if path.suffix.lower() != ".svg":
        raise TemplateError(f"{path.name}: a logo is a PNG or SVG file")
    import cairosvg

    pixels = round(height_emu / 914400 * DOTS_PER_INCH)
    try:  # not unsafe: no XML entities, no external files; only data: URLs are drawn (CairoSVG's safe_fetch)
        return cairosvg.svg2png(bytestring=data, output_height=pixels, unsafe=False)
    except Exception as error:  # a malformed SVG: the governance team's to fix, named
        raise TemplateError(f"{path.name}: the logo cannot be drawn: {error}") from None
