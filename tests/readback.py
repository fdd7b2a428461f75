"""Read built letters back, as a person's tools would: text, styles, structure."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph
from pypdf import PdfReader

WORD = re.compile(r"[0-9A-Za-z£%\u00C0-\u024F]+")
PAGE_LINE = re.compile(r"^\s*(page\s+)?\d+\s*(of|/)\s*\d+\s*$", re.I)


def docx_blocks(path: Path) -> list[Paragraph | Table]:
    doc = Document(str(path))
    blocks: list[Paragraph | Table] = []
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            blocks.append(Paragraph(element, doc))
        elif tag == "tbl":
            blocks.append(Table(element, doc))
    return blocks


def docx_text(path: Path) -> str:
    parts = []
    for block in docx_blocks(path):
        if isinstance(block, Paragraph):
            parts.append(block.text)
        else:
            for row in block.rows:
                seen: list[object] = []
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.append(cell._tc)
                        parts.append(cell.text)
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    """The PDF's text without its footers: page x of y, and the reference (the file's name) from page 2."""
    text = "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    return "\n".join(line for line in text.splitlines()
                     if not PAGE_LINE.match(line) and line.strip() != path.stem)


def words(text: str) -> list[str]:
    return WORD.findall(text.replace("\u2019", "'").replace("\u2018", "'"))
