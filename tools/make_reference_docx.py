"""Make src/foiletters/data/reference.docx: the Word styles that every built letter uses.

Run once when the set of styles changes; afterwards the governance team restyles the
file in Word (or LibreOffice) and foiletters follows. Styles the DOCX writer uses:
paragraphs Normal, Heading 1-3, Letterhead, Letter Date, Addressee, Question Part,
List Bullet (2, 3), List Number (2, 3); characters Request, Strong, Emphasis,
Hyperlink; tables FOI Table, FOI Table Wide, FOI Table Very Wide, each with its
paragraph style for the cells' text: Table Text, Table Text Wide, Table Text Very Wide
(a very wide table gets a landscape page of its own, so its type need not be tiny).
Of the table styles of python-docx's template, only Table Grid (FOI Table's base) is kept.

The page: A4, the footer "Page x of y" (PAGE and NUMPAGES fields) on every page, with a
different first page so that the DOCX writer can put the letter's reference above the
page number from page 2 on. The document's language is English (UK), for Word's
proofing and for screen readers. Fonts: Arial, which Word has everywhere and which
LibreOffice replaces with the metric-compatible Liberation Sans of the PDF.

    .venv/bin/python tools/make_reference_docx.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "src" / "foiletters" / "data" / "reference.docx"


def field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = f" {instruction} "
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def main() -> None:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin", "top_margin"):
        setattr(section, side, Cm(2))
    section.bottom_margin = Cm(2.2)

    styles = doc.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "Arial")
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.1
    # The language of every run unless a style says otherwise (w:docDefaults).
    defaults = styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    language = run_defaults.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        run_defaults.append(language)
    language.set(qn("w:val"), "en-GB")
    language.set(qn("w:eastAsia"), "en-GB")

    for level, size in ((1, 11), (2, 11), (3, 11)):
        heading = styles[f"Heading {level}"]
        heading.font.name, heading.font.size, heading.font.bold = "Arial", Pt(size), True
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.font.italic = False
        heading.paragraph_format.space_before, heading.paragraph_format.space_after = Pt(12), Pt(10)

    def paragraph_style(name: str, indent_cm: float = 0, after: float = 8):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        style.paragraph_format.left_indent = Cm(indent_cm)
        style.paragraph_format.space_after = Pt(after)
        return style

    paragraph_style("Letterhead", indent_cm=10, after=4)
    paragraph_style("Letter Date", after=12).paragraph_format.space_before = Pt(12)
    addressee = paragraph_style("Addressee", after=0)
    addressee.paragraph_format.space_before = Pt(12)  # below the letterhead, once: the lines of the
    addressee.element.get_or_add_pPr().append(OxmlElement("w:contextualSpacing"))  # address have no space between
    paragraph_style("Question Part", indent_cm=0.8)

    request = styles.add_style("Request", WD_STYLE_TYPE.CHARACTER)
    request.font.bold = True
    request.quick_style = True
    link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
    link.font.color.rgb = RGBColor(0x0B, 0x4F, 0x9C)
    link.font.underline = True

    table = styles.add_style("FOI Table", WD_STYLE_TYPE.TABLE)
    table.base_style = styles["Table Grid"]
    table.font.size = Pt(10)
    table.paragraph_format.space_after = Pt(0)
    # The text in table cells: a paragraph style per table size (LibreOffice ignores a
    # table style's font size, Word does not; a paragraph style works in both).
    for name, size in (("Table Text", 10), ("Table Text Wide", 8), ("Table Text Very Wide", 8)):
        text = paragraph_style(name, after=0)
        text.font.size = Pt(size)
        text.paragraph_format.line_spacing = 1.0
    # Smaller type and cell margins for tables of many columns (the template picks the style).
    for name, size, margin in (("FOI Table Wide", 8, 60), ("FOI Table Very Wide", 8, 50)):
        wide = styles.add_style(name, WD_STYLE_TYPE.TABLE)
        wide.base_style = table
        wide.font.size = Pt(size)
        wide.paragraph_format.space_after = Pt(0)
        tbl_pr = wide.element.find(qn("w:tblPr"))
        if tbl_pr is None:  # python-docx has no accessor for a style's table properties
            tbl_pr = OxmlElement("w:tblPr")
            wide.element.append(tbl_pr)
        margins = OxmlElement("w:tblCellMar")
        for side in ("left", "right"):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(margin))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.append(margins)

    # Numbered lists carry the officer's numbers as text, then a tab (the DOCX writer attaches
    # them to a numbering that draws nothing), so the styles hold the indents: the number
    # hangs 0.63 cm left of the text, as Word's own bullets do.
    for level, name in enumerate(("List Number", "List Number 2", "List Number 3"), start=1):
        indent = styles[name].paragraph_format
        indent.left_indent, indent.first_line_indent = Cm(0.63 * level), Cm(-0.63)
        indent.tab_stops.add_tab_stop(Cm(0.63 * level))

    footer_style = styles["Footer"]
    footer_style.font.size = Pt(9)
    section.different_first_page_header_footer = True
    for footer in (section.first_page_footer, section.footer):
        line = footer.paragraphs[0]
        line.style = footer_style
        line.alignment = 1  # centre
        line.add_run("Page ")
        field(line, "PAGE")
        line.add_run(" of ")
        field(line, "NUMPAGES")

    # The body of the reference is empty: letters bring their own text.
    body = doc.element.body
    for p in list(body.iterchildren(qn("w:p"))):
        body.remove(p)
    doc.core_properties.author = ""
    doc.core_properties.title = ""
    doc.core_properties.language = "en-GB"
    # Arial everywhere: python-docx's template gives the headings and the document defaults
    # the theme's fonts (Calibri, Cambria), whose attributes win over a named font.
    theme_attributes = [qn(f"w:{name}") for name in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")]
    for fonts in styles.element.iter(qn("w:rFonts")):
        for attribute in theme_attributes:
            fonts.attrib.pop(attribute, None)
    default_fonts = run_defaults.find(qn("w:rFonts"))
    for script in ("ascii", "hAnsi", "eastAsia", "cs"):
        default_fonts.set(qn(f"w:{script}"), "Arial")
    # python-docx's template carries a thumbnail of another document, which file browsers would
    # show, and Word 2010's copy of the styles (stylesWithEffects), which would go stale.
    package_rels = doc.part.package.rels
    for r_id, rel in list(package_rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package_rels[r_id]
    for r_id, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            del doc.part.rels[r_id]
    _drop_unused_table_styles(styles)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    doc.save(OUT)
    print(f"wrote {OUT}", file=sys.stderr)


# The table styles a letter may use; python-docx's template brings a hundred more (Light
# Shading Accent 1 and the like), nine tenths of styles.xml, which every letter would parse,
# write and compress again. A house that wants one adds it to its reference.docx in Word.
KEPT_TABLE_STYLES = {"Normal Table", "Table Grid", "FOI Table", "FOI Table Wide", "FOI Table Very Wide"}


def _drop_unused_table_styles(styles) -> None:  # noqa: ANN001 - python-docx Styles
    for style in list(styles.element.style_lst):
        if style.type == WD_STYLE_TYPE.TABLE and style.name_val not in KEPT_TABLE_STYLES and not style.default:
            styles.element.remove(style)


if __name__ == "__main__":
    main()
