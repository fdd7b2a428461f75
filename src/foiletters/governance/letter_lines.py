"""A letter as lines of text, for showing what a template change does to it.

The rendering's blocks (paragraphs, headings, list items, table rows) become one line each;
an earlier build's DOCX is read the same way, so the two can be compared line by line.
"""

from __future__ import annotations

import io
import re

import lxml.html

BLOCKS = {"p", "h1", "h2", "h3", "h4", "caption", "li", "tr"}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def html_lines(html: str) -> list[str]:
    body = lxml.html.fromstring(html).find("body")
    lines = []
    for element in body.iter(*BLOCKS) if body is not None else []:
        if element.tag == "tr":
            line = " | ".join(_clean(cell.text_content()) for cell in element.iterchildren("th", "td"))
        elif element.tag == "li" and element.find("p") is not None:
            continue  # its paragraphs are lines of their own
        elif element.find("br") is not None:  # a heading of two lines
            for br in element.iter("br"):
                br.tail = "\n" + (br.tail or "")
            lines += [_clean(part) for part in element.text_content().split("\n") if part.strip()]
            continue
        else:
            line = _clean(element.text_content())
        if line:
            lines.append(line)
    return lines


def docx_lines(data: bytes) -> list[str]:
    from docx import Document

    document = Document(io.BytesIO(data))
    lines = []
    for element in document.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(node.text or "" for node in element.iter() if node.tag.endswith("}t"))
            lines += [_clean(part) for part in text.split("\n") if part.strip()]
        elif tag == "tbl":
            for row in element.iter("{*}tr"):
                cells = ["".join(t.text or "" for t in cell.iter("{*}t")) for cell in row.iterchildren("{*}tc")]
                lines.append(" | ".join(_clean(c) for c in cells))
    return lines
