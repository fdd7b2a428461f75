"""The house's logo on the log's request pages: published as a PNG asset of the site.

The letter names its logo `house/logo.svg`, an address only the PDF writer's fetcher and the DOCX
writer resolve. On a request's page (`requests/STEM/index.html`) it points instead to
`assets/house/…png`: the same PNG the DOCX shows (write/logo.py: an SVG drawn by CairoSVG in its safe
mode, so the site never serves the house's SVG, with whatever scripts it might hold, as a page of its
own). The PNGs are written with the site's pages as one set (site.py, `site_state.write_pages`), those
the current letters show and no other, so a logo no letter uses any more is removed with the next run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from foiletters.errors import TemplateError

if TYPE_CHECKING:  # imported where a logo is drawn: the log's site asks for `logo_tags` of every letter
    import lxml.html

SITE_FOLDER = "assets/house/"
FROM_REQUEST_PAGE = "../../"  # a request's page is requests/STEM/index.html
_LENGTH_IN_NAME = re.compile(r"[^0-9A-Za-z.]+")
_LOGO = re.compile(r'<img [^>]*src="' + re.escape(FROM_REQUEST_PAGE + SITE_FOLDER) + r'[^>]*>')


def for_the_site(image: lxml.html.HtmlElement) -> None:
    """Point an <img> of the letter's house logo at its PNG among the site's assets; the letter's own address and
    height stay on it (data-house-src, data-height), for `site_logos` to draw the PNG from."""
    from foiletters.write.logo import HOUSE_PREFIX

    src = image.get("src") or ""
    name = PurePosixPath(src.removeprefix(HOUSE_PREFIX))
    height = image.get("data-height") or ""
    png = name if name.suffix.lower() == ".png" else \
        name.with_name(f"{name.stem}-{_LENGTH_IN_NAME.sub('', height) or 'logo'}.png")  # an SVG at that height
    image.set("data-house-src", src)
    image.set("src", f"{FROM_REQUEST_PAGE}{SITE_FOLDER}{png.as_posix()}")


def logo_tags(page: str) -> list[str]:
    """The <img> tags of house logos in a letter's HTML for its request page, each once, in order."""
    return list(dict.fromkeys(_LOGO.findall(page))) if SITE_FOLDER in page else []


def site_logos(tags: Iterable[str], house: Path | None) -> dict[str, bytes]:
    """The PNGs the request pages' letters show (their logos' <img> tags, `logo_tags`), by their path in the
    site. A logo the house folder no longer holds is left out: its page shows the organisation's name (the
    image's alternative text) instead."""
    shown = sorted(set(tags))  # the same logo is on every page: each <img> is read once
    if not shown:
        return {}
    import lxml.html

    from foiletters.write.logo import logo_png

    logos: dict[str, bytes] = {}
    for tag in shown:
        image = lxml.html.fragment_fromstring(tag)
        path = image.get("src", "").removeprefix(FROM_REQUEST_PAGE)
        if path in logos or not path.startswith(SITE_FOLDER) or ".." in path.split("/"):
            continue
        try:
            logos[path] = logo_png(house, image.get("data-house-src") or "", image.get("data-height") or "").data
        except TemplateError:
            continue
    return logos
