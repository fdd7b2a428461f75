"""Attachments for the privacy corpus, built as officers' programs write them (python-docx, openpyxl,
pypdf, Pillow, WeasyPrint through foiletters), each holding a private value in one of its parts."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
from docx.oxml import parse_xml
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.workbook.defined_name import DefinedName
from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject)

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _document() -> docx.Document:
    document = docx.Document()
    document.core_properties.author = ""
    document.core_properties.last_modified_by = ""
    return document


def docx_runs(path: Path, value: str) -> None:
    """The value split across runs of one paragraph, as Word leaves it after an edit."""
    document = _document()
    paragraph = document.add_paragraph("Prepared for ")
    half = len(value) // 2
    paragraph.add_run(value[:half]).bold = True
    paragraph.add_run(value[half:]).italic = True
    document.save(path)


def docx_header(path: Path, value: str) -> None:
    document = _document()
    document.add_paragraph("Routes")
    document.sections[0].header.paragraphs[0].text = f"Copy to {value}"
    document.save(path)


def docx_property(path: Path, value: str) -> None:
    document = _document()
    document.add_paragraph("Routes")
    document.core_properties.title = f"Reply to {value}"
    document.save(path)


def docx_text_box(path: Path, value: str) -> None:
    document = _document()
    paragraph = document.add_paragraph("Routes")
    paragraph._p.append(parse_xml(
        f'<w:r {W} xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:pict><w:txbxContent>'
        f'<w:p><w:r><w:t>{value}</w:t></w:r></w:p></w:txbxContent></w:pict></w:r>'))
    document.save(path)


def docx_external_image(path: Path, value: str) -> None:
    document = _document()
    document.add_paragraph("Routes")
    document.save(path)
    _rezip(path, {"word/_rels/document.xml.rels": lambda xml: xml.replace(
        "</Relationships>", f'<Relationship Id="rIdX" Type="{REL}/image" Target="http://tracker.example/p.png" '
        'TargetMode="External"/></Relationships>')})


def docx_bomb(path: Path, value: str) -> None:
    """A small file with a part that unpacks to 60 MB of spaces."""
    document = _document()
    document.add_paragraph("Routes")
    document.save(path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b" " * (60 * 1024 * 1024))


def _rezip(path: Path, edit: dict[str, Callable[[str], str]]) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    for name, change in edit.items():
        parts[name] = change(parts[name].decode()).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _workbook() -> openpyxl.Workbook:
    book = openpyxl.Workbook()
    book.properties.creator = None
    book.active.title = "Routes"
    book.active.append(["Route", "Buses"])
    book.active.append(["A1", 3])
    return book


def xlsx_rich_text(path: Path, value: str) -> None:
    """The value in one cell as rich-text pieces of two fonts."""
    book = _workbook()
    half = len(value) // 2
    book.active["C1"] = CellRichText(TextBlock(InlineFont(b=True), value[:half]), value[half:])
    book.save(path)


def xlsx_sheet_name(path: Path, value: str) -> None:
    book = _workbook()
    book.create_sheet(value[:31])
    book.save(path)


def xlsx_defined_name(path: Path, value: str) -> None:
    book = _workbook()
    name = "".join(c for c in value.title() if c.isalpha())
    book.defined_names[name] = DefinedName(name, attr_text="Routes!$A$1")
    book.save(path)


def xlsx_cell(path: Path, value: str) -> None:
    book = _workbook()
    book.active["A3"] = value
    book.save(path)


def xlsm_macros(path: Path, value: str) -> None:
    book = _workbook()
    book.save(path)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("xl/vbaProject.bin", b"\x00" * 64)


def pdf_page_text(path: Path, value: str) -> None:
    """A letter's PDF as foiletters writes it: the text in compressed streams."""
    from foiletters.load.answerfile import load
    from foiletters.render.house import TemplateSet
    from foiletters.render.letter import render
    from foiletters.write.pdf import to_pdf

    source = path.parent / "_note" / "FOI1.yaml"
    source.parent.mkdir(exist_ok=True)
    source.write_text("reference: FOI1\ndate: 2026-03-04\nsubject: a note\nquestions:\n  - number: '1.'\n"
                      f"    text: Who asked?\n    answer: \"{value}\"\n", encoding="utf-8")
    path.write_bytes(to_pdf(render(load(source), TemplateSet(None))))


def pdf_without_text_map(path: Path, value: str) -> None:
    """A letter's PDF whose fonts lost their map from glyphs to letters: its text reads as nonsense."""
    import pikepdf

    pdf_page_text(path, value)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/Font" and "/ToUnicode" in obj:
                del obj["/ToUnicode"]
        pdf.save(path)


def _pdf(path: Path, build: Callable[[PdfWriter], None]) -> None:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    build(writer)
    writer.write(path)


def pdf_form_field(path: Path, value: str) -> None:
    def build(writer: PdfWriter) -> None:
        field = DictionaryObject({
            NameObject("/FT"): NameObject("/Tx"), NameObject("/T"): TextStringObject("applicant"),
            NameObject("/V"): TextStringObject(value), NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([FloatObject(10), FloatObject(10), FloatObject(90), FloatObject(30)])})
        ref = writer._add_object(field)
        writer.pages[0][NameObject("/Annots")] = ArrayObject([ref])
        writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([ref])})

    _pdf(path, build)


def pdf_bookmark(path: Path, value: str) -> None:
    _pdf(path, lambda writer: writer.add_outline_item(title=f"Letter to {value}", page_number=0))


def pdf_metadata(path: Path, value: str) -> None:
    _pdf(path, lambda writer: writer.add_metadata({"/Title": f"Reply to {value}"}))


def pdf_link(path: Path, value: str) -> None:
    """An ordinary link annotation: allowed, but its target is searched."""
    def build(writer: PdfWriter) -> None:
        action = DictionaryObject({NameObject("/S"): NameObject("/URI"), NameObject("/URI"): TextStringObject(value)})
        link = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(50), FloatObject(20)]),
            NameObject("/A"): action, NameObject("/Border"): ArrayObject([NumberObject(0)] * 3)})
        writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(link)])

    _pdf(path, build)


def pdf_outlines(path: Path, value: str) -> None:
    """A page that draws its words as outlines: no text for a search to read."""
    from pypdf.generic import StreamObject

    def build(writer: PdfWriter) -> None:
        stream = StreamObject()
        stream.set_data(b"0 0 m 50 50 l 100 0 l h f")
        writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)

    _pdf(path, build)


def docx_comment_author(path: Path, value: str) -> None:
    document = _document()
    paragraph = document.add_paragraph("Routes")
    document.add_comment(paragraph.runs, text="Check", author=value, initials="RT")
    document.save(path)


def pdf_embedded_file(path: Path, value: str) -> None:
    _pdf(path, lambda writer: writer.add_attachment("notes.txt", value.encode()))


def pdf_javascript(path: Path, value: str) -> None:
    """JavaScript in the document's name tree, run when it opens."""
    def build(writer: PdfWriter) -> None:
        script = DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                                   NameObject("/JS"): TextStringObject("app.alert('hello');")})
        names = DictionaryObject({NameObject("/Names"): ArrayObject([TextStringObject("a"),
                                                                     writer._add_object(script)])})
        writer._root_object[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): names})

    _pdf(path, build)


def pdf_encrypted(path: Path, value: str) -> None:
    _pdf(path, lambda writer: writer.encrypt("secret", algorithm="RC4-128"))


def pdf_scan(path: Path, value: str) -> None:
    """A page that is only a picture, as a scanner writes it: its words cannot be searched."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (400, 200), "white")
    ImageDraw.Draw(image).text((20, 80), value, fill="black")
    buffer = io.BytesIO()
    image.save(buffer, "PDF")
    path.write_bytes(buffer.getvalue())


def csv_utf8(path: Path, value: str) -> None:
    path.write_text(f"Route,Contact\nA1,{value}\n", encoding="utf-8")


def csv_cp1252(path: Path, value: str) -> None:
    path.write_bytes(f"Route,Contact\nCafé,{value}\n".encode("cp1252"))


def csv_utf16(path: Path, value: str) -> None:
    path.write_bytes(f"Route\tContact\r\nA1\t{value}\r\n".encode("utf-16"))


def text_undecodable(path: Path, value: str) -> None:
    path.write_bytes(b"Route,Contact\nA1,caf\x81\x8d\n")


def text_plain(path: Path, value: str) -> None:
    path.write_text(f"Notes\n{value}\n", encoding="utf-8")
