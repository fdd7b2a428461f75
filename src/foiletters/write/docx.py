"""The letter as DOCX: the rendered HTML mapped onto Word's named styles.

The document starts from the packaged `reference.docx`, so every paragraph, list,
table and link carries a named style that the governance team can restyle in Word.
Templates choose styles with two attributes on any element: `data-docx-style` (the
paragraph style of the paragraphs inside) and `data-docx-run` (the character style of
their text); `data-docx-break="page"` starts the element on a new page.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from pathlib import Path

import docx
import lxml.html
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt
from docx.text.paragraph import Paragraph

from foiletters.render.letter import Rendering
from foiletters.write.zipnorm import normalised_zip

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference.docx"
HEADINGS = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
BLOCKS = {"p", "div", "section", "ul", "ol", "table", "h1", "h2", "h3", "blockquote", "hr"}
# Characters that XML 1.0 (and so Word) cannot hold.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class Context:
    """What an element inherits from the elements around it."""

    paragraph_style: str = "Normal"
    run_style: str | None = None
    bold: bool = False
    italic: bool = False
    link: str | None = None


def to_docx(rendering: Rendering) -> bytes:
    document = docx.Document(str(REFERENCE))
    root = lxml.html.document_fromstring(rendering.html)
    _Writer(document).blocks(root.find("body"), Context())
    _properties(document, rendering)
    buffer = io.BytesIO()
    document.save(buffer)
    return normalised_zip(buffer.getvalue(), rendering.date)


def _properties(document: Document, rendering: Rendering) -> None:
    props = document.core_properties
    props.title = rendering.title
    props.subject = rendering.subject
    props.author = rendering.author
    props.last_modified_by = rendering.author
    props.language = rendering.language
    props.keywords = rendering.reference
    props.version = f"templates {rendering.templates_version}"  # which wording the letter had
    stamp = dt.datetime.combine(rendering.date, dt.time(), tzinfo=dt.UTC)
    props.created = props.modified = stamp
    props.revision = 1


class _Writer:
    def __init__(self, document: Document):
        self.document = document
        self.pending_break = False

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, element, context: Context) -> None:  # noqa: ANN001 - lxml element
        context = self._inherit(element, context)
        loose: list = []  # inline content between blocks: becomes a paragraph of its own
        if element.text and element.text.strip():
            loose.append(element.text)
        for child in element:
            if not isinstance(child.tag, str):  # comments
                continue
            if child.tag in BLOCKS:
                self._loose(loose, context)
                self.block(child, context)
                if child.tail and child.tail.strip():
                    loose.append(child.tail)
            else:
                loose.append(child)
        self._loose(loose, context)

    def _loose(self, loose: list, context: Context) -> None:
        if loose:
            paragraph = self.paragraph(context.paragraph_style, context)
            for part in loose:
                if isinstance(part, str):
                    self.text(paragraph, part, context)
                else:
                    self.inline(paragraph, part, context)
            loose.clear()

    def block(self, element, context: Context) -> None:  # noqa: ANN001
        tag = element.tag
        if tag == "p":
            context = self._inherit(element, context)
            self.inline_content(self.paragraph(context.paragraph_style, context), element, context)
        elif tag in HEADINGS:
            context = self._inherit(element, context)
            self.inline_content(self.paragraph(HEADINGS[tag], context), element, context)
        elif tag in ("ul", "ol"):
            self.list(element, context, level=1)
        elif tag == "table":
            self.table(element, self._inherit(element, context))
        elif tag == "hr":
            return
        else:  # div, section, blockquote
            self.blocks(element, context)

    def _inherit(self, element, context: Context) -> Context:  # noqa: ANN001
        style = element.get("data-docx-style")
        run = element.get("data-docx-run")
        if style:
            context = replace(context, paragraph_style=style)
        if run:
            context = replace(context, run_style=run)
        if element.get("data-docx-break") == "page":
            self.pending_break = True
        return context

    def paragraph(self, style: str, context: Context) -> Paragraph:
        paragraph = self.document.add_paragraph(style=self._style(style))
        if self.pending_break:
            paragraph.paragraph_format.page_break_before = True
            self.pending_break = False
        return paragraph

    def _style(self, name: str, fallback: str | None = "Normal") -> str | None:
        """The style's name if reference.docx has it, else the fallback (Word's default, not a crash)."""
        try:
            self.document.styles[name]
        except KeyError:
            return fallback
        return name

    # -- lists ----------------------------------------------------------------------------------
    # Bullets are Word's own list paragraphs. Numbered lists use the List Number style's
    # indents but carry their numbers as text: the letter shows exactly the numbers the
    # officer wrote, and they survive copying, text extraction and the disclosure log.

    def list(self, element, context: Context, level: int) -> None:  # noqa: ANN001
        numbered = element.tag == "ol"
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 1 else f"{base} {min(level, 3)}"
        start = element.get("start")
        number = int(start) if start and start.isdigit() else 1
        for item in element.iterchildren("li"):
            paragraph = self.paragraph(style, context)
            if numbered:
                num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = 0
                num_pr.get_or_add_numId().val = 0  # no automatic numbering: the number is text
                paragraph.add_run(f"{number}.\t")
                number += 1
            first = True
            if item.text and item.text.strip():
                self.text(paragraph, item.text, context)
                first = False
            for child in item:
                if child.tag in ("ul", "ol"):
                    self.list(child, context, level + 1)
                elif child.tag == "p":
                    target = paragraph if first else self.paragraph(
                        f"List Continue{'' if level == 1 else ' 2'}", context)
                    self.inline_content(target, child, context)
                    first = False
                elif isinstance(child.tag, str):
                    self.inline(paragraph, child, context)
                    first = False
                if child.tail and child.tail.strip():
                    self.text(paragraph, child.tail, context)

    # -- tables ----------------------------------------------------------------------------------

    def table(self, element, context: Context) -> None:  # noqa: ANN001
        caption = element.find("caption")
        if caption is not None:
            self.inline_content(self.paragraph("Caption", context), caption, replace(context, bold=True))
        rows = [(tr, tr.getparent().tag == "thead") for tr in element.iter("tr")]
        if not rows:
            return
        width = max(sum(int(c.get("colspan", "1") or 1) for c in tr if c.tag in ("td", "th")) for tr, _ in rows)
        if self.pending_break:  # a table cannot carry the break: an empty paragraph before it does
            self.paragraph("Normal", context)
        table = self.document.add_table(rows=len(rows), cols=width)
        table.style = self._style(element.get("data-docx-style") or "FOI Table", fallback="Table Grid")
        # "FOI Table Wide" → "Table Text Wide": the cells' paragraph style of that size.
        cell_style = table.style.name.replace("FOI Table", "Table Text") if table.style is not None else "Normal"
        for r, (tr, header) in enumerate(rows):
            if header:
                tr_pr = table.rows[r]._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))  # repeat on every page
            c = 0
            for cell_element in (c_ for c_ in tr if c_.tag in ("td", "th")):
                span = max(1, int(cell_element.get("colspan", "1") or 1))
                cell = table.cell(r, c)
                if span > 1:
                    cell = cell.merge(table.cell(r, min(c + span, width) - 1))
                paragraph = cell.paragraphs[0]
                paragraph.style = self._style(cell_style)
                cell_context = replace(context, paragraph_style=cell_style,
                                       bold=context.bold or (cell_element.tag == "th" and header))
                self.inline_content(paragraph, cell_element, cell_context)
                c += span
        self._column_widths(table, rows, width, cell_style)

    def _column_widths(self, table, rows, width: int, cell_style: str) -> None:  # noqa: ANN001
        """Widths from the content, as a browser lays out a table: each data column as wide as
        its longest cell, the row labels the rest of the page (at least a fifth of it)."""
        section = self.document.sections[-1]
        available = section.page_width - section.left_margin - section.right_margin
        text_style = self.document.styles[self._style(cell_style)]
        size = text_style.font.size or Pt(10)
        char = size * 0.68  # a generous mean advance of Arial's characters, bold included
        padding = Pt(10) if size >= Pt(10) else Pt(5)
        need = [0] * width
        spanned: list[tuple[int, int, int]] = []
        for tr, _ in rows:
            c = 0
            for cell in (c_ for c_ in tr if c_.tag in ("td", "th")):
                span = max(1, int(cell.get("colspan", "1") or 1))
                longest = max((len(w) for w in (cell.text_content() or "").split()), default=1)
                if span == 1 and c < width:
                    need[c] = max(need[c], int(longest * char + padding))
                else:
                    spanned.append((c, min(c + span, width), int(longest * char + padding)))
                c += span
        for start, end, wanted in spanned:  # a header over several columns widens them evenly
            short = wanted - sum(need[start:end])
            if short > 0 and start > 0:
                for column in range(start, end):
                    need[column] += short // (end - start) + 1
        data = sum(need[1:])
        label = max(available - data, available // 5)
        scale = min(1.0, (available - label) / data) if data else 1.0
        widths = [label] + [int(n * scale) for n in need[1:]]
        table.autofit = False
        for index, column in enumerate(table.columns):  # the grid, which LibreOffice follows
            column.width = Emu(widths[index])
        for row in table.rows:  # and each cell, which Word follows
            for index, cell in enumerate(row.cells):
                cell.width = Emu(widths[index])

    # -- inline content ------------------------------------------------------------------------

    def inline_content(self, paragraph: Paragraph, element, context: Context) -> None:  # noqa: ANN001
        if element.text:
            self.text(paragraph, element.text, context)
        for child in element:
            if isinstance(child.tag, str):
                self.inline(paragraph, child, context)
            if child.tail:
                self.text(paragraph, child.tail, context)

    def inline(self, paragraph: Paragraph, element, context: Context) -> None:  # noqa: ANN001
        tag = element.tag
        if tag == "br":
            paragraph.add_run().add_break()
            return
        if tag in ("strong", "b"):
            context = replace(context, bold=True)
        elif tag in ("em", "i"):
            context = replace(context, italic=True)
        elif tag == "a" and element.get("href"):
            context = replace(context, link=element.get("href"))
        run_style = element.get("data-docx-run")
        if run_style:
            context = replace(context, run_style=run_style)
        self.inline_content(paragraph, element, context)

    def text(self, paragraph: Paragraph, text: str, context: Context) -> None:
        text = _NOT_XML.sub("\ufffd", re.sub(r"\s+", " ", text))
        if not text:
            return
        if not paragraph.text:
            text = text.lstrip()
            if not text:
                return
        if context.link:
            self._hyperlink(paragraph, text, context)
            return
        run = paragraph.add_run(text)
        self._format(run, context)

    def _format(self, run, context: Context) -> None:  # noqa: ANN001
        if context.run_style:
            run.style = self._style(context.run_style, fallback=None)
        if context.bold:
            run.bold = True
        if context.italic:
            run.italic = True

    def _hyperlink(self, paragraph: Paragraph, text: str, context: Context) -> None:
        assert context.link is not None
        r_id = paragraph.part.relate_to(context.link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), r_id)
        paragraph._p.append(link)
        run = paragraph.add_run(text)
        self._format(run, context)
        if not context.run_style:
            run.style = self._style("Hyperlink", fallback=None)
        link.append(run._r)  # move the run inside the hyperlink
