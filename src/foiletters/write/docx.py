"""The letter as DOCX: the rendered HTML mapped onto Word's named styles.

The document starts from `reference.docx` (the house's `templates/reference.docx` when
there is one, else the packaged one), so every paragraph, list, table and link carries a
named style that the governance team can restyle in Word, and its footer (page x of y,
the letter's reference from page 2) is theirs too.
Templates choose styles with two attributes on any element: `data-docx-style` (the
paragraph style of the paragraphs inside) and `data-docx-run` (the character style of
their text); `data-docx-break="page"` starts the element on a new page;
`data-docx-align` (left, center, right, justify) aligns the paragraphs inside, as the style sheet
aligns them in the PDF; `data-docx-layout="columns"` lays the element's child blocks side by side,
each in a column of a borderless table that is marked as layout, not data (no header row, no
banding: screen readers do not announce it as a table of data), as a CSS flex row does in the PDF.

Word's own structure: headings in Heading 1-3; bullets and numbered lists as Word list
paragraphs (numbered lists keep the officer's numbers as text, see `list`); table header
rows marked to repeat on each page and rows that do not split; links as hyperlinks; a
table of class `very-wide` on a landscape page of its own, as in the PDF (the parts of a table
split by the rendering follow one another there). Core properties are fitted to the 255
characters Word holds (`_fitted`).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import re
from dataclasses import dataclass, replace
from functools import lru_cache, cache
from pathlib import Path

import docx
import lxml.html
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.pkgwriter import PackageWriter
from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from docx.shared import Pt
from docx.styles import BabelFish

from foiletters.load.characters import NOT_XML
from foiletters.render.letter import Rendering
from foiletters.render.table_parts import LONG_RUN, bold_width
from foiletters.write.zipnorm import normalised_members

REFERENCE = Path(__file__).resolve().parent.parent / "data" / "reference.docx"
LITERAL_NUMBERS = "FOI numbers as text"
HEADINGS = {"h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3"}
BLOCKS = {"p", "div", "section", "ul", "ol", "table", "h1", "h2", "h3", "blockquote", "hr"}
# What a letter's HTML may hold that is no text of the letter: an inline style sheet recolours the PDF, and
# must not show in Word as words.
NOT_TEXT = {"style", "script", "link", "meta", "title", "head", "template"}
# Characters that XML 1.0 (and so Word) cannot hold. The loader refuses them in answer files and
# data files, with their line; only a template's own text can still bring one here, and then it is
# replaced rather than written into a document Word would not open.
_NOT_XML = NOT_XML


@dataclass(frozen=True)
class Context:
    """What an element inherits from the elements around it."""

    paragraph_style: str = "Normal"
    run_style: str | None = None
    bold: bool = False
    italic: bool = False
    link: str | None = None
    with_table: bool = False  # the notes under a table: they stay on the table's page
    align: str | None = None  # data-docx-align: the paragraphs' alignment, when not the style's
    in_column: bool = False  # inside a column of a layout table: the style's indent is the column's edge
    lang: str | None = None  # the text's language when the HTML gives one (a letterhead's second language)


# data-docx-align's values, as Word's paragraph alignments.
ALIGNMENTS = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
              "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
COLUMN_GAP = 454  # twips (8 mm) between the columns of a layout table, as letter.css's gap


def to_docx(rendering: Rendering) -> bytes:
    reference = _reference(rendering.word_styles or REFERENCE)
    document = _opened(reference)
    root = lxml.html.document_fromstring(rendering.html)
    _Writer(document, _style_ids(reference, document), rendering.house).blocks(root.find("body"), Context())
    _footer_reference(document, rendering.reference)
    _properties(document, rendering)
    return normalised_members(_members(document), rendering.date)


_OPENED: dict[bytes, Document] = {}


def _opened(reference: bytes) -> Document:
    """A reference.docx as python-docx opens it: opened once per process and reference.docx, and copied
    for each letter (a copy takes half the time of opening the package again; nothing of one letter
    reaches another, since each writes into its own copy)."""
    if reference not in _OPENED:
        if len(_OPENED) >= 4:
            _OPENED.clear()
        _OPENED[reference] = docx.Document(io.BytesIO(reference))
    return copy.deepcopy(_OPENED[reference])


class _Members:
    """The package's members as python-docx's writer makes them, kept in memory instead of zipped: the
    archive is written once, normalised (`normalised_members`), instead of zipped, read back and zipped
    again."""

    def __init__(self) -> None:
        self.members: list[tuple[str, bytes]] = []

    def write(self, pack_uri, blob: bytes) -> None:  # noqa: ANN001 - python-docx's PackURI
        self.members.append((pack_uri.membername, blob))


def _members(document: Document) -> list[tuple[str, bytes]]:
    """What `Document.save` writes into the archive, member by member (python-docx's OpcPackage.save, whose
    PackageWriter takes a file, not a place to put the members)."""
    package = document.part.package
    parts = package.parts
    for part in parts:
        part.before_marshal()
    out = _Members()
    PackageWriter._write_content_types_stream(out, parts)  # noqa: SLF001 - the steps of PackageWriter.write
    PackageWriter._write_pkg_rels(out, package.rels)  # noqa: SLF001
    PackageWriter._write_parts(out, parts)  # noqa: SLF001
    return out.members


def _reference(path: Path) -> bytes:
    """The bytes of a reference.docx, read once per process (and again when the file changes)."""
    stat = path.stat()
    return _read_reference(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=4)
def _read_reference(path: Path, mtime_ns: int, size: int) -> bytes:  # noqa: ARG001 - the cache key
    return path.read_bytes()


def _footer_reference(document: Document, reference: str) -> None:
    """The letter's reference at the top of the footer of every page but the first, as in the PDF.

    reference.docx has a different first page (Word's "Different First Page"), whose footer
    holds the page number only; the footer of the other pages gets the reference, in its
    own paragraph in the Footer style, above whatever the governance team put there.
    """
    footer = document.sections[0].footer
    if footer.is_linked_to_previous:  # a reference.docx without a footer: make one
        footer.is_linked_to_previous = False
    first = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    line = first.insert_paragraph_before(reference) if first.text.strip() else first
    if not line.text:
        line.add_run(reference)
    with contextlib.suppress(KeyError):  # a reference.docx without a Footer style keeps Word's default
        line.style = document.styles["Footer"]
    line.alignment = first.alignment


# python-docx refuses a core property longer than this (and Word cuts it there): a longer subject,
# title or organisation is fitted, its full text staying in the letter itself.
MAX_PROPERTY = 255


def _fitted(text: str) -> str:
    """A core property's text: on one line, without characters XML cannot hold, and cut to MAX_PROPERTY
    characters with an ellipsis, at a space when there is one near the end."""
    text = _NOT_XML.sub("\ufffd", _WHITESPACE.sub(" ", text)).strip()
    if len(text) <= MAX_PROPERTY:
        return text
    cut = text[:MAX_PROPERTY - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > MAX_PROPERTY * 3 // 4 else cut).rstrip() + "\u2026"


def _properties(document: Document, rendering: Rendering) -> None:
    props = document.core_properties
    props.title = _fitted(rendering.title)
    props.subject = _fitted(rendering.subject)
    props.author = props.last_modified_by = _fitted(rendering.author)
    props.language = rendering.language
    props.keywords = _fitted(rendering.reference)
    props.version = _fitted(f"templates {rendering.templates_version}")  # which wording the letter had
    stamp = dt.datetime.combine(rendering.date, dt.time(), tzinfo=dt.UTC)
    props.created = props.modified = stamp
    props.revision = 1


class _Writer:
    """Appends the letter's paragraphs, lists and tables to the document's body.

    The WordprocessingML elements are made here directly, rather than through python-docx's
    Paragraph, Run and Table objects: each of their properties searches the XML again
    (a run's bold, a paragraph's text, a cell of a table), which made a letter's DOCX take
    twice the time it takes now. python-docx still opens and saves the package, and keeps
    the sections, footers, numbering and core properties.
    """

    def __init__(self, document: Document, style_ids: dict[tuple[WD_STYLE_TYPE, str], str | None],
                 house: Path | None = None):
        self.document = document
        self.house = house  # the house templates folder, which holds the logo
        self.body = document.element.body
        self.container = self.body  # where blocks are appended: the body, or a layout table's cell
        self.pending_break = False
        self.landscape = False  # the current section is a landscape page for a very wide table
        self._literal_numbers: int | None = None
        self._style_ids = style_ids
        self._font_sizes: dict[str, int] = {}

    # -- blocks ------------------------------------------------------------------------------

    def blocks(self, element, context: Context) -> None:  # noqa: ANN001 - lxml element
        context = self._inherit(element, context)
        loose: list = []  # inline content between blocks: becomes a paragraph of its own
        if element.text and element.text.strip():
            loose.append(element.text)
        for child in element:
            if not isinstance(child.tag, str) or child.tag in NOT_TEXT:  # comments, style sheets
                if isinstance(child.tag, str) and child.tail and child.tail.strip():
                    loose.append(child.tail)
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
        elif element.get("data-docx-layout") == "columns":
            self.columns(element, self._inherit(element, context))
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
        align = element.get("data-docx-align")
        if align in ALIGNMENTS:
            context = replace(context, align=align)
        if element.get("lang"):  # so that Word's spelling and screen readers take the text as that language
            context = replace(context, lang=element.get("lang"))
        if "table-notes" in (element.get("class") or "").split():
            context = replace(context, with_table=True)
        return context

    def paragraph(self, style: str, context: Context):  # noqa: ANN201 - a w:p element
        """A new paragraph of the named style at the end of the letter."""
        if self.landscape and not context.with_table:
            self._orientation(landscape=False)
        paragraph = self._styled_paragraph(style)
        if self.pending_break:
            _child(paragraph.get_or_add_pPr(), "w:pageBreakBefore")  # after w:pStyle, the only property yet
            self.pending_break = False
        if context.in_column:  # a column's text starts at its edge, whatever indent the style gives
            paragraph.get_or_add_pPr().ind_left = 0
        if context.align:
            paragraph.get_or_add_pPr().jc_val = ALIGNMENTS[context.align]
        self._append(paragraph)
        return paragraph

    def _styled_paragraph(self, style: str, paragraph=None):  # noqa: ANN001, ANN202
        """A paragraph (new, or the one given) in the named paragraph style."""
        paragraph = _element("w:p") if paragraph is None else paragraph
        style_id = self._style_id(WD_STYLE_TYPE.PARAGRAPH, style)
        if style_id is not None:  # the default paragraph style is no style at all, as Word writes it
            _child(_child(paragraph, "w:pPr"), "w:pStyle", val=style_id)
        return paragraph

    def _append(self, element) -> None:  # noqa: ANN001
        """At the end of the body (before the body's own section properties, which stay last), or of the
        layout table's cell being written."""
        last = self.container[-1] if len(self.container) else None
        if last is not None and last.tag == _SECT_PR:
            last.addprevious(element)
        else:
            self.container.append(element)

    def _style_id(self, kind: WD_STYLE_TYPE, name: str | None, fallback: str | None = "Normal") -> str | None:
        """The id of a style given by name; the fallback's when reference.docx has no such style of
        that kind (Word's default, not a crash); None for the default style."""
        ids = self._style_ids
        key = (kind, BabelFish.ui2internal(name)) if name else None
        if key not in ids:
            key = (kind, BabelFish.ui2internal(fallback)) if fallback else None
        return ids.get(key) if key else None

    def _has_style(self, kind: WD_STYLE_TYPE, name: str) -> bool:
        return (kind, BabelFish.ui2internal(name)) in self._style_ids

    def _font_size(self, paragraph_style: str) -> int:
        """The font size (EMU) a paragraph style sets itself, or 10pt: read once per style and letter."""
        if paragraph_style not in self._font_sizes:
            name = paragraph_style if self._has_style(WD_STYLE_TYPE.PARAGRAPH, paragraph_style) else "Normal"
            try:
                size = self.document.styles[name].font.size
            except KeyError:
                size = None
            self._font_sizes[paragraph_style] = size or Pt(10)
        return self._font_sizes[paragraph_style]

    # -- sections ----------------------------------------------------------------------------

    def _orientation(self, landscape: bool) -> None:
        """Start a new section on a new page, landscape or portrait (A4 either way).

        The new section keeps the footers of the letter (page x of y and the reference), and
        is not a "first page", so its pages show the reference like every page after the first.
        """
        if len(self.body) <= 1:  # nothing written yet (only the body's w:sectPr): turn the first page instead
            section = self.document.sections[-1]
        else:
            section = self.document.add_section(WD_SECTION.NEW_PAGE)
            section.different_first_page_header_footer = False
        short, long = sorted((section.page_width, section.page_height))
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (long, short) if landscape else (short, long)
        self.landscape = landscape
        self.pending_break = False  # the section starts on a new page anyway

    # -- lists ----------------------------------------------------------------------------------
    # Bullets and numbered lists are Word's own list paragraphs (List Bullet, List Number and
    # their nested styles, each attached to a Word numbering), so that Word, LibreOffice and
    # the PDFs they export know them as lists. Numbered lists carry their numbers as text,
    # attached to a numbering that draws no number of its own: the letter shows exactly the
    # numbers the officer wrote, and they survive copying, text extraction and the disclosure
    # log (the published letters' "1." and "2." are compared word for word).

    def list(self, element, context: Context, level: int) -> None:  # noqa: ANN001
        numbered = element.tag == "ol"
        base = "List Number" if numbered else "List Bullet"
        style = base if level == 1 else f"{base} {min(level, 3)}"
        start = element.get("start")
        number = int(start) if start and start.isdigit() else 1
        for item in element.iterchildren("li"):
            paragraph = self.paragraph(style, context)
            if numbered:
                num_pr = paragraph.get_or_add_pPr().get_or_add_numPr()
                num_pr.get_or_add_ilvl().val = min(level, 9) - 1
                num_pr.get_or_add_numId().val = self._literal_numbering()
                number_run = _child(paragraph, "w:r")
                _child(number_run, "w:t").text = f"{number}."
                _child(number_run, "w:tab")
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

    def _literal_numbering(self) -> int:
        """The numId of a Word numbering whose levels draw nothing: the list's numbers are text.

        It is added to the document's numbering part once per letter (named, so that a
        reference.docx saved by Word can bring its own), and leaves the indents to the
        List Number styles.
        """
        if self._literal_numbers is None:
            numbering = self.document.part.numbering_part.element
            abstract_ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
            abstract = next((a for a in numbering.findall(qn("w:abstractNum"))
                             if a.find(qn("w:name")) is not None
                             and a.find(qn("w:name")).get(qn("w:val")) == LITERAL_NUMBERS), None)
            if abstract is None:
                abstract = _literal_abstract_num(max(abstract_ids, default=0) + 1)
                first_num = numbering.find(qn("w:num"))  # abstractNums come before nums
                if first_num is not None:
                    first_num.addprevious(abstract)
                else:
                    numbering.append(abstract)
            num = numbering.add_num(int(abstract.get(qn("w:abstractNumId"))))
            self._literal_numbers = int(num.numId)
        return self._literal_numbers

    # -- columns -----------------------------------------------------------------------------------

    def columns(self, element, context: Context) -> None:  # noqa: ANN001
        """The element's child blocks side by side: a one-row table across the text's width, of equal
        columns, without borders or header, marked as layout (tblLook: no first row, no banding). Word
        and LibreOffice both draw such a table as the columns the PDF shows."""
        parts = [child for child in element if isinstance(child.tag, str) and child.tag not in NOT_TEXT]
        if not parts:
            return
        if self.landscape:
            self._orientation(landscape=False)
        if self.pending_break:  # a table cannot carry the break: an empty paragraph before it does
            self.paragraph("Normal", context)
        section = self.document.sections[-1]
        available = (section.page_width - section.left_margin - section.right_margin) // 635  # twips
        width = available // len(parts)
        table = _layout_table([width] * len(parts))
        row = _child(table, "w:tr")
        _child(_child(row, "w:trPr"), "w:cantSplit")
        self._append(table)
        outer = self.container
        column_context = replace(context, in_column=True)
        try:
            for n, part in enumerate(parts):
                cell = _child(row, "w:tc")
                properties = _child(cell, "w:tcPr")
                _child(properties, "w:tcW", type="dxa", w=str(width))
                if n < len(parts) - 1:  # the gap between columns, inside the left one
                    _child(_child(properties, "w:tcMar"), "w:right", w=str(COLUMN_GAP), type="dxa")
                self.container = cell
                if part.tag in BLOCKS:
                    self.block(part, column_context)
                else:
                    self._loose([part], column_context)
                if cell.find(qn("w:p")) is None:  # a cell ends with a paragraph, or Word calls the file broken
                    _child(cell, "w:p")
        finally:
            self.container = outer

    # -- tables ----------------------------------------------------------------------------------

    def table(self, element, context: Context) -> None:  # noqa: ANN001
        landscape = "very-wide" in (element.get("class") or "").split()
        if landscape != self.landscape:
            self._orientation(landscape)
        context = replace(context, with_table=landscape)
        caption = element.find("caption")
        if caption is not None:
            self.inline_content(self.paragraph("Caption", context), caption, replace(context, bold=True))
        rows = [(tr, tr.getparent().tag == "thead") for tr in element.iter("tr")]
        if not rows:
            return
        cells = [[(cell, _span(cell)) for cell in tr if cell.tag in ("td", "th")] for tr, _ in rows]
        width = max(sum(span for _, span in row) for row in cells)
        if self.pending_break:  # a table cannot carry the break: an empty paragraph before it does
            self.paragraph("Normal", context)
        style = element.get("data-docx-style") or "FOI Table"
        if not self._has_style(WD_STYLE_TYPE.TABLE, style):
            style = "Table Grid"
        # "FOI Table Wide" → "Table Text Wide": the cells' paragraph style of that size.
        cell_style = (style.replace("FOI Table", "Table Text") if self._has_style(WD_STYLE_TYPE.TABLE, style)
                      else "Normal")
        widths = self._column_widths(cells, width, cell_style)
        table = _table(self._style_id(WD_STYLE_TYPE.TABLE, style, fallback=None), widths)
        for (_tr, header), row in zip(rows, cells, strict=True):
            tr = _child(table, "w:tr")
            tr_pr = _child(tr, "w:trPr")
            _child(tr_pr, "w:cantSplit")  # a row is never split across two pages
            if header:
                _child(tr_pr, "w:tblHeader")  # repeat on every page
            c = 0
            for cell_element, span in row:
                span = min(c + span, width) - c
                paragraph = self._styled_paragraph(cell_style, _cell(tr, sum(widths[c:c + span]), span))
                cell_context = replace(context, paragraph_style=cell_style,
                                       bold=context.bold or (cell_element.tag == "th" and header))
                self.inline_content(paragraph, cell_element, cell_context)
                c += span
            for column in range(c, width):  # a short row: the rest of the grid, empty
                _cell(tr, widths[column], 1)
        self._append(table)

    def _column_widths(self, cells: list[list[tuple]], width: int, cell_style: str) -> list[int]:
        """Widths (EMU) from the content, as a browser lays out a table: each data column in
        proportion to its longest word, the row labels what the data leave, from a fifth to two
        fifths of the width of the page (of a landscape page for a very wide table)."""
        section = self.document.sections[-1]
        available = section.page_width - section.left_margin - section.right_margin
        size = self._font_size(cell_style)
        padding = Pt(10) if size >= Pt(10) else Pt(7)  # the cell margins, and a little air
        need = [0] * width
        spanned: list[tuple[int, int, int]] = []
        for row in cells:
            c = 0
            for cell, span in row:
                longest = max((bold_width(w[:LONG_RUN], other=650) for w in (cell.text_content() or "").split()),
                              default=0.5)
                wanted = int(longest * size + padding)
                if span == 1 and c < width:
                    need[c] = max(need[c], wanted)
                else:
                    spanned.append((c, min(c + span, width), wanted))
                c += span
        for start, end, wanted in spanned:  # a header over several columns widens them evenly
            short = wanted - sum(need[start:end])
            if short > 0 and start > 0:
                for column in range(start, end):
                    need[column] += short // (end - start) + 1
        data = sum(need[1:])
        label = min(max(available - data, available // 5), available * 2 // 5)
        scale = (available - label) / data if data else 1.0  # the data columns share the rest
        twip = 635  # Word stores widths in twentieths of a point: whole ones, so that they add up
        return [int(w) // twip * twip for w in [label] + [n * scale for n in need[1:]]]

    # -- inline content ------------------------------------------------------------------------

    def inline_content(self, paragraph, element, context: Context) -> None:  # noqa: ANN001
        if element.text:
            self.text(paragraph, element.text, context)
        for child in element:
            if isinstance(child.tag, str):
                self.inline(paragraph, child, context)
            if child.tail:
                self.text(paragraph, child.tail, context)

    def inline(self, paragraph, element, context: Context) -> None:  # noqa: ANN001
        tag = element.tag
        if tag == "br":
            _child(_child(paragraph, "w:r"), "w:br")
            return
        if tag in NOT_TEXT:
            return
        if tag == "img":
            self.image(paragraph, element)
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

    def image(self, paragraph, element) -> None:  # noqa: ANN001
        """The house's logo (`<img src="house/logo.svg">`) as a picture in the run, at the height the letter
        gives it (data-height, e.g. 18mm); an SVG drawn as a PNG (see logo.py)."""
        from foiletters.write.logo import logo_png

        png = logo_png(self.house, element.get("src") or "", element.get("data-height") or "")
        inline = self.document.part.new_pic_inline(io.BytesIO(png.data), None, png.height)
        doc_pr = inline.find(qn("wp:docPr"))
        if doc_pr is not None and element.get("alt"):  # the picture's alternative text, as in the PDF
            doc_pr.set("descr", element.get("alt"))
        _child(_child(paragraph, "w:r"), "w:drawing").append(inline)

    def text(self, paragraph, text: str, context: Context) -> None:  # noqa: ANN001
        text = _NOT_XML.sub("\ufffd", _WHITESPACE.sub(" ", text))
        if not text:
            return
        if not _has_runs(paragraph):  # a paragraph does not start with a space
            text = text.lstrip()
            if not text:
                return
        if context.link:
            link = _child(paragraph, "w:hyperlink")
            link.set(qn("r:id"), self.document.part.relate_to(context.link, RELATIONSHIP_TYPE.HYPERLINK,
                                                                 is_external=True))
            link.append(self._run(text, context, context.run_style or "Hyperlink"))
        else:
            paragraph.append(self._run(text, context, context.run_style))

    def _run(self, text: str, context: Context, style: str | None):  # noqa: ANN202 - a w:r element
        run = _element("w:r")
        style_id = self._style_id(WD_STYLE_TYPE.CHARACTER, style, fallback=None) if style else None
        if style_id is not None or context.bold or context.italic or context.lang:
            properties = _child(run, "w:rPr")  # in the schema's order: rStyle, b, i, lang
            if style_id is not None:
                _child(properties, "w:rStyle", val=style_id)
            if context.bold:
                _child(properties, "w:b")
            if context.italic:
                _child(properties, "w:i")
            if context.lang:
                _child(properties, "w:lang", val=context.lang)
        t = _child(run, "w:t")
        t.text = text
        if text != text.strip():
            t.set(_XML_SPACE, "preserve")
        return run


_WHITESPACE = re.compile(r"\s+")
_XML_SPACE = qn("xml:space")
_SECT_PR = qn("w:sectPr")
_P_PR = qn("w:pPr")


def _child(parent, tag: str, **attributes: str):  # noqa: ANN001, ANN202 - lxml elements
    """A new WordprocessingML element at the end of `parent`, with its w: attributes."""
    element = _element(tag)
    for name, value in attributes.items():
        element.set(_w(name), value)
    parent.append(element)
    return element


@cache
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    prefixed = NamespacePrefixedTag(tag)
    return prefixed.clark_name, prefixed.nsmap


def _element(tag: str):  # noqa: ANN202 - an lxml element
    """A loose element of the tag ("w:p"), of python-docx's class for it, declaring the tag's namespace: what
    python-docx's `OxmlElement` makes, without working out the tag's names again for each of a letter's
    thousand elements."""
    clark, nsmap = _tag(tag)
    return oxml_parser.makeelement(clark, nsmap=nsmap)


@cache
def _w(name: str) -> str:
    return qn(f"w:{name}")


def _has_runs(paragraph) -> bool:  # noqa: ANN001
    """Whether a paragraph has content yet (runs or hyperlinks), beside its properties."""
    return len(paragraph) > 1 or (len(paragraph) == 1 and paragraph[0].tag != _P_PR)


def _span(cell) -> int:  # noqa: ANN001
    return max(1, int(cell.get("colspan", "1") or 1))


_STYLE_IDS: dict[bytes, dict[tuple[WD_STYLE_TYPE, str], str | None]] = {}


def _style_ids(reference: bytes, document: Document) -> dict[tuple[WD_STYLE_TYPE, str], str | None]:
    """The ids of reference.docx's styles by kind and name, read once per reference.docx: python-docx
    finds a style by name by walking every style of styles.xml, for each paragraph and run."""
    if reference not in _STYLE_IDS:
        if len(_STYLE_IDS) >= 4:
            _STYLE_IDS.clear()
        _STYLE_IDS[reference] = _read_style_ids(document)
    return _STYLE_IDS[reference]


def _read_style_ids(document: Document) -> dict[tuple[WD_STYLE_TYPE, str], str | None]:
    ids: dict[tuple[WD_STYLE_TYPE, str], str | None] = {}
    styles = document.styles.element
    for style in styles.style_lst:
        ids.setdefault((style.type, style.name_val), style.styleId)
    default = styles.default_for(WD_STYLE_TYPE.PARAGRAPH)
    if default is not None:  # the default paragraph style is no style at all, as Word writes it
        ids[(WD_STYLE_TYPE.PARAGRAPH, default.name_val)] = None
    return ids


def _table(style_id: str | None, widths: list[int]):  # noqa: ANN202 - a w:tbl element
    """A table of fixed column widths (EMU) in a named table style, without its rows yet."""
    table = _element("w:tbl")
    properties = _child(table, "w:tblPr")
    if style_id is not None:
        _child(properties, "w:tblStyle", val=style_id)
    _child(properties, "w:tblW", type="auto", w="0")
    _child(properties, "w:tblLayout", type="fixed")  # the grid's widths, which LibreOffice follows
    _child(properties, "w:tblLook", firstColumn="1", firstRow="1", lastColumn="0", lastRow="0", noHBand="0",
           noVBand="1", val="04A0")
    grid = _child(table, "w:tblGrid")
    for width in widths:
        _child(grid, "w:gridCol", w=str(width // 635))
    return table


def _layout_table(widths: list[int]):  # noqa: ANN202 - a w:tbl element
    """A table for laying out, not for data: `widths` in twips, no borders, no cell margins at its sides,
    no header row, nothing highlighted (tblLook 0600: no first row or column, no banding)."""
    table = _element("w:tbl")
    properties = _child(table, "w:tblPr")
    _child(properties, "w:tblW", type="dxa", w=str(sum(widths)))
    borders = _child(properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        _child(borders, f"w:{side}", val="nil")
    _child(properties, "w:tblLayout", type="fixed")
    margins = _child(properties, "w:tblCellMar")
    for side in ("left", "right"):
        _child(margins, f"w:{side}", w="0", type="dxa")
    _child(properties, "w:tblLook", firstColumn="0", firstRow="0", lastColumn="0", lastRow="0", noHBand="1",
           noVBand="1", val="0600")
    grid = _child(table, "w:tblGrid")
    for width in widths:
        _child(grid, "w:gridCol", w=str(width))
    return table


def _cell(row, width: int, span: int):  # noqa: ANN001, ANN202 - the cell's w:p
    """A cell at the end of a table row, `width` EMU wide (which Word follows) across `span` grid columns."""
    cell = _child(row, "w:tc")
    properties = _child(cell, "w:tcPr")
    _child(properties, "w:tcW", type="dxa", w=str(width // 635))
    if span > 1:
        _child(properties, "w:gridSpan", val=str(span))
    return _child(cell, "w:p")


def _literal_abstract_num(abstract_id: int):  # noqa: ANN202 - an lxml element
    """A Word numbering definition of nine levels that draw no number and add no tab."""
    abstract = _element("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), str(abstract_id))
    multi = _element("w:multiLevelType")
    multi.set(qn("w:val"), "multilevel")
    name = _element("w:name")
    name.set(qn("w:val"), LITERAL_NUMBERS)
    abstract.append(multi)
    abstract.append(name)
    for level in range(9):
        lvl = _element("w:lvl")
        lvl.set(qn("w:ilvl"), str(level))
        for tag, value in (("w:start", "1"), ("w:numFmt", "none"), ("w:suff", "nothing"), ("w:lvlText", ""),
                           ("w:lvlJc", "left")):
            child = _element(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    return abstract
