"""The rendered letter's words, for the rules about what the letter says and for the privacy search."""

from __future__ import annotations

import re

import lxml.html

from foiletters.check.rights import check_rights  # noqa: F401 - its place for callers: the rights in the letter
from foiletters.render.letter import Rendering

# Elements that end a line: their text and the next are separate words, however the HTML is laid out
# ("<p>Wycliffe House</p><p>Water Lane</p>" is "Wycliffe House Water Lane", not "Wycliffe HouseWater Lane").
BLOCKS = ("p", "div", "li", "td", "th", "tr", "br", "h1", "h2", "h3", "h4", "h5", "h6", "address", "dd", "dt",
          "section", "header", "footer", "table", "ul", "ol", "blockquote")


def letter_text(rendering: Rendering) -> str:
    """The letter's words, with runs of white space as one space, for looking phrases up."""
    tree = lxml.html.fromstring(rendering.html)
    for element in tree.iter(*BLOCKS):
        element.tail = " " + (element.tail or "")
    return re.sub(r"\s+", " ", tree.text_content())

