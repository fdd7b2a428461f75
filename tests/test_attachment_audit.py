"""The attachment audit finds what a reader of a published attachment would not see, in real files built here."""

from __future__ import annotations

import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import openpyxl
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.workbook.defined_name import DefinedName
from pypdf import PdfWriter
from pypdf.annotations import Text
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, StreamObject, TextStringObject

from foiletters.publish import attachment_audit
from foiletters.publish.attachment_audit import Hidden, audit_attachment
from foiletters.publish.readers import limits
from foiletters.publish.readers.findings import in_full

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def found(path: Path) -> set[tuple[str, str]]:
    """What the audit finds, as the officer's own terminal shows it (with what it quotes of the file)."""
    return {(in_full(h.where), in_full(h.what)) for h in audit_attachment(path)}


def rezip(path: Path, add: dict[str, str | bytes] | None = None, edit: dict[str, Callable[[str], str]] | None = None):
    """Rewrite an Office file's zip with parts added or edited (python-docx and openpyxl cannot write them all)."""
    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name, change in (edit or {}).items():
        parts[name] = change(parts[name].decode()).encode()
    for name, data in (add or {}).items():
        parts[name] = data.encode() if isinstance(data, str) else data
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def add_rel(rel_id: str, rel_type: str, target: str) -> Callable[[str], str]:
    return lambda xml: xml.replace(
        "</Relationships>", f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>')


# ---------------------------------------------------------------------------------------------------------------
# Spreadsheets


def workbook() -> openpyxl.Workbook:
    """A clean workbook: one visible sheet 'Data', no names in its properties."""
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = "Routes"
    wb.properties.creator = None
    return wb


def xlsx(tmp_path: Path, wb: openpyxl.Workbook, name: str = "book.xlsx") -> Path:
    path = tmp_path / name
    wb.save(path)
    return path


def test_a_clean_spreadsheet_has_nothing_hidden(tmp_path):
    wb = workbook()
    wb.active["B2"] = "black on yellow"
    wb.active["B2"].fill = PatternFill("solid", fgColor="FFFF00")
    wb.active["B3"] = 7
    wb.active["B3"].number_format = "0.00;-0.00"
    assert audit_attachment(xlsx(tmp_path, wb)) == []


def test_hidden_and_very_hidden_sheets(tmp_path):
    wb = workbook()
    wb.create_sheet("Staff").sheet_state = "hidden"
    wb.create_sheet("Pay").sheet_state = "veryHidden"
    path = xlsx(tmp_path, wb)
    assert found(path) == {
        ("sheet 'Staff'", "the sheet is hidden"),
        ("sheet 'Pay'", "the sheet is very hidden (it can only be shown with Excel's macro tools)"),
    }
    # What is said in logs names the sheet by its number, never by its name (which may be a person's).
    assert str(audit_attachment(path)[0]) == "book.xlsx: sheet no. 2: the sheet is hidden"
    assert audit_attachment(path)[0].in_full() == "book.xlsx: sheet 'Staff': the sheet is hidden"


def test_hidden_rows_and_columns(tmp_path):
    wb = workbook()
    ws = wb.active
    ws.row_dimensions[14].hidden = True
    for row in (3, 4, 5):
        ws.row_dimensions[row].hidden = True
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions.group("H", "J", hidden=True)
    assert found(xlsx(tmp_path, wb)) == {
        ("sheet 'Data' row 14", "the row is hidden"),
        ("sheet 'Data' rows 3 to 5", "the rows are hidden"),
        ("sheet 'Data' column D", "the column is hidden"),
        ("sheet 'Data' columns H to J", "the columns are hidden"),
    }


def test_rows_and_columns_with_no_size(tmp_path):
    path = xlsx(tmp_path, workbook())
    rezip(path, edit={"xl/worksheets/sheet1.xml": lambda xml: xml.replace(
        "<sheetData>", '<cols><col min="6" max="6" width="0" customWidth="1"/></cols><sheetData>').replace(
        "</sheetData>", '<row r="20" ht="0" customHeight="1"/></sheetData>').replace(
        "<sheetFormatPr ", '<sheetFormatPr zeroHeight="1" ')})
    assert found(path) == {
        ("sheet 'Data' row 20", "the row has no height, so it cannot be seen"),
        ("sheet 'Data' column F", "the column has no width, so it cannot be seen"),
        ("sheet 'Data'", "rows not given a height of their own are hidden (the sheet's default row height is 0)"),
    }


def test_comments_and_notes(tmp_path):
    wb = workbook()
    wb.active["B3"] = "total"
    wb.active["B3"].comment = Comment("Check with HR before sending", "J Smith")
    assert found(xlsx(tmp_path, wb)) == {("comment on sheet 'Data' cell B3", "a comment by J Smith")}


def test_threaded_comments_are_named_by_their_people_and_not_counted_twice(tmp_path):
    wb = workbook()
    wb.active["B3"] = "total"
    # Excel keeps a plain copy of each threaded comment for older versions, its author "tc={id}".
    wb.active["B3"].comment = Comment("[Threaded comment] ...", "tc={00000000-0000-0000-0000-000000000001}")
    path = xlsx(tmp_path, wb)
    threaded = ('<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
                '<threadedComment ref="B3" personId="{P1}" id="{C1}"><text>Is this right?</text></threadedComment>'
                '<threadedComment ref="B3" personId="{P2}" id="{C2}" parentId="{C1}"><text>Yes</text>'
                '</threadedComment></ThreadedComments>')
    persons = ('<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
               '<person displayName="Anne Example" id="{P1}"/><person displayName="Bob Example" id="{P2}"/>'
               '</personList>')
    rezip(path, add={"xl/threadedComments/threadedComment1.xml": threaded, "xl/persons/person.xml": persons},
          edit={"xl/worksheets/_rels/sheet1.xml.rels": add_rel(
              "rIdT", "http://schemas.microsoft.com/office/2017/10/relationships/threadedComment",
              "../threadedComments/threadedComment1.xml")})
    assert found(path) == {
        ("comment on sheet 'Data' cell B3", "a comment by Anne Example"),
        ("comment on sheet 'Data' cell B3", "a reply to a comment by Bob Example"),
    }


def test_hidden_defined_names(tmp_path):
    wb = workbook()
    wb.defined_names["StaffList"] = DefinedName("StaffList", attr_text="Data!$A$1:$A$9", hidden=True)
    wb.defined_names["Shown"] = DefinedName("Shown", attr_text="Data!$A$1")
    assert found(xlsx(tmp_path, wb)) == {
        ("defined name 'StaffList'", "the name is hidden; it refers to 'Data!$A$1:$A$9'")}


def test_who_wrote_and_last_saved_the_spreadsheet(tmp_path):
    wb = workbook()
    wb.properties.creator = "J Smith"
    wb.properties.lastModifiedBy = "K Jones"
    assert found(xlsx(tmp_path, wb)) == {
        ("document properties", "author: J Smith"), ("document properties", "last modified by: K Jones")}


def test_openpyxls_own_default_author_is_reported_too(tmp_path):
    wb = openpyxl.Workbook()
    assert found(xlsx(tmp_path, wb)) == {("document properties", "author: openpyxl")}


def test_external_links_pivot_caches_embedded_files_and_macros(tmp_path):
    path = xlsx(tmp_path, workbook(), "book.xlsm")
    link = (f'<externalLink xmlns="{SML}"><externalBook xmlns:r="{REL}" r:id="rId1"><sheetDataSet>'
            '<sheetData sheetId="0"><row r="1"><cell r="A1"><v>30000</v></cell></row></sheetData>'
            '</sheetDataSet></externalBook></externalLink>')
    link_rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                 f'<Relationship Id="rId1" Type="{REL}/externalLinkPath" Target="file:///C:/Users/jsmith/pay.xlsx" '
                 'TargetMode="External"/></Relationships>')
    pivot = (f'<pivotCacheDefinition xmlns="{SML}" recordCount="3"><cacheSource type="worksheet">'
             '<worksheetSource ref="A1:C4" sheet="Staff"/></cacheSource></pivotCacheDefinition>')
    rezip(path, add={"xl/externalLinks/externalLink1.xml": link,
                     "xl/externalLinks/_rels/externalLink1.xml.rels": link_rels,
                     "xl/pivotCache/pivotCacheDefinition1.xml": pivot,
                     "xl/embeddings/Microsoft_Word_Document.docx": b"PK",
                     "xl/vbaProject.bin": b"\x00"})
    assert found(path) == {
        ("external link",
         "a link to another workbook (file:///C:/Users/jsmith/pay.xlsx), with copies of values from it"),
        ("pivot table cache", "a pivot table keeps its own copy of its source data (from sheet 'Staff' A1:C4, "
                              "3 records), even if that sheet is hidden or deleted"),
        ("embedded file 'Microsoft_Word_Document.docx'", "a file embedded in this one, with all of its own content"),
        ("macros", "the file contains macros (a VBA project), which can hold text of their own"),
    }


def test_hidden_pictures_and_shapes(tmp_path):
    wb = workbook()
    wb.active["B3"].comment = Comment("note", "J Smith")  # so that the sheet has relationships to add to
    path = xlsx(tmp_path, wb)
    drawing = ('<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing">'
               '<xdr:twoCellAnchor><xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Old box" hidden="1"/></xdr:nvSpPr>'
               '</xdr:sp></xdr:twoCellAnchor></xdr:wsDr>')
    rezip(path, add={"xl/drawings/drawing9.xml": drawing}, edit={"xl/worksheets/_rels/sheet1.xml.rels": add_rel(
        "rIdD", f"{REL}/drawing", "/xl/drawings/drawing9.xml")})
    assert ("sheet 'Data' object 'Old box'", "the picture or shape is hidden") in found(path)


def test_values_hidden_by_colour_or_number_format(tmp_path):
    wb = workbook()
    ws = wb.active
    ws["C1"] = "white on white"
    ws["C1"].font = Font(color="FFFFFF")
    ws["C2"] = "yellow on yellow"
    ws["C2"].font = Font(color="FFFF00")
    ws["C2"].fill = PatternFill("solid", fgColor="FFFF00")
    ws["C3"] = 41000
    ws["C3"].number_format = ";;;"
    assert found(xlsx(tmp_path, wb)) == {
        ("sheet 'Data' cells C1, C2", "the text is the same colour as the cell's background"),
        ("sheet 'Data' cell C3", "the number format (;;;) hides the value"),
    }


# ---------------------------------------------------------------------------------------------------------------
# Word documents


def document() -> docx.Document:
    """A clean document: no author or last editor in its properties."""
    doc = docx.Document()
    doc.core_properties.author = ""
    doc.core_properties.last_modified_by = ""
    return doc


def save(tmp_path: Path, doc: docx.Document, name: str = "letter.docx") -> Path:
    path = tmp_path / name
    doc.save(path)
    return path


def test_a_clean_document_has_nothing_hidden(tmp_path):
    doc = document()
    doc.add_paragraph("Dear Sir/Madam")
    doc.add_paragraph().add_run("shown").font.hidden = False  # <w:vanish w:val="0"/>: not hidden
    assert audit_attachment(save(tmp_path, doc)) == []


def test_document_comments(tmp_path):
    doc = document()
    doc.add_paragraph("First")
    paragraph = doc.add_paragraph("Second")
    doc.add_comment(paragraph.runs, text="Are we sure?", author="J Smith", initials="JS")
    assert found(save(tmp_path, doc)) == {("comment on paragraph 2", "a comment by J Smith")}


def test_tracked_changes_in_the_body_and_a_header(tmp_path):
    doc = document()
    doc.add_paragraph("First")
    paragraph = doc.add_paragraph("Second ")
    paragraph._p.append(parse_xml(f'<w:ins {W} w:id="1" w:author="J Smith"><w:r><w:t>new words</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(f'<w:del {W} w:id="2" w:author="K Jones"><w:r><w:delText>old words</w:delText>'
                                  '</w:r></w:del>'))
    moved = doc.add_paragraph()
    moved._p.append(parse_xml(f'<w:moveFrom {W} w:id="3" w:author="K Jones"><w:r><w:t>moved</w:t></w:r></w:moveFrom>'))
    moved._p.append(parse_xml(f'<w:moveTo {W} w:id="4" w:author="K Jones"><w:r><w:t>moved</w:t></w:r></w:moveTo>'))
    header = doc.sections[0].header.paragraphs[0]
    header.text = "Our ref"
    header._p.append(parse_xml(f'<w:del {W} w:id="5" w:author="K Jones"><w:r><w:delText>draft</w:delText></w:r>'
                               '</w:del>'))
    assert found(save(tmp_path, doc)) == {
        ("tracked change (insertion) in paragraph 2", "text inserted by J Smith: 'new words'"),
        ("tracked change (deletion) in paragraph 2", "text deleted by K Jones, still in the file: 'old words'"),
        ("tracked change (move) in paragraph 3", "text moved away by K Jones, still in the file at its old place: "
                                                  "'moved'"),
        ("tracked change (move) in paragraph 3", "text moved here by K Jones: 'moved'"),
        ("tracked change (deletion) in header 1 paragraph 1", "text deleted by K Jones, still in the file: 'draft'"),
    }


def test_hidden_text_direct_and_by_style(tmp_path):
    doc = document()
    paragraph = doc.add_paragraph("Visible ")
    paragraph.add_run("and the requester's home address").font.hidden = True
    style = doc.styles.add_style("Secret", WD_STYLE_TYPE.CHARACTER)
    style.font.hidden = True
    doc.add_paragraph().add_run("styled away", style="Secret")
    assert found(save(tmp_path, doc)) == {
        ("hidden text in paragraph 1", "text formatted as hidden: 'and the requester's home address'"),
        ("hidden text in paragraph 2", "text in the hidden style 'Secret': 'styled away'"),
    }


def test_who_wrote_the_document_and_its_custom_properties(tmp_path):
    doc = document()
    doc.core_properties.author = "J Smith"
    doc.core_properties.last_modified_by = "K Jones"
    path = save(tmp_path, doc)
    custom = ('<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Owner">'
              '<vt:lpwstr>J Smith</vt:lpwstr></property></Properties>')
    rezip(path, add={"docProps/custom.xml": custom}, edit={"_rels/.rels": add_rel(
        "rIdC", f"{REL}/custom-properties", "docProps/custom.xml")})
    assert found(path) == {
        ("document properties", "author: J Smith"),
        ("document properties", "last modified by: K Jones"),
        ("custom document properties", "Owner: J Smith"),
    }


def test_a_spreadsheet_named_docx_cannot_be_opened(tmp_path):
    path = xlsx(tmp_path, workbook())
    renamed = path.rename(tmp_path / "letter.docx")
    [hidden] = audit_attachment(renamed)
    assert hidden.where == "file" and hidden.what.startswith("the file cannot be opened: ")


# ---------------------------------------------------------------------------------------------------------------
# PDF


def pdf(tmp_path: Path, build: Callable[[PdfWriter], None] = lambda writer: None, name: str = "a.pdf") -> Path:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    build(writer)
    path = tmp_path / name
    writer.write(path)
    return path


def test_a_clean_pdf_has_nothing_hidden(tmp_path):
    assert audit_attachment(pdf(tmp_path, lambda w: w.add_metadata({"/Title": "Routes", "/Creator": "Word"}))) == []


def test_pdf_author_and_comments(tmp_path):
    def build(writer: PdfWriter) -> None:
        writer.add_metadata({"/Author": "J Smith"})
        writer.add_annotation(0, Text(rect=(10, 10, 30, 30), text="Check this", title_bar="K Jones"))

    assert found(pdf(tmp_path, build)) == {
        ("document properties", "author: J Smith"), ("comment on page 1", "a comment by K Jones")}


def test_pdf_attachments_javascript_unapplied_redactions_and_hidden_layers(tmp_path):
    def build(writer: PdfWriter) -> None:
        name = NameObject
        writer.add_attachment("staff.xlsx", b"not really")
        writer._root_object[name("/OpenAction")] = DictionaryObject(
            {name("/S"): name("/JavaScript"), name("/JS"): TextStringObject("app.alert(1)")})
        writer.add_annotation(0, DictionaryObject({name("/Type"): name("/Annot"), name("/Subtype"): name("/Redact"),
                                                   name("/Rect"): ArrayObject([FloatObject(0)] * 4)}))
        layer = DictionaryObject({name("/Type"): name("/OCG"), name("/Name"): TextStringObject("Draft notes")})
        writer._root_object[name("/OCProperties")] = DictionaryObject({
            name("/OCGs"): ArrayObject([layer]), name("/D"): DictionaryObject({name("/OFF"): ArrayObject([layer])})})

    assert found(pdf(tmp_path, build)) == {
        ("attached file 'staff.xlsx'", "a file attached to the document, with all of its own content"),
        ("JavaScript", "the file contains JavaScript (1 script), which can change what a reader sees"),
        ("active content", "an action that runs when the file is opened (OpenAction)"),
        ("redaction on page 1", "a redaction marked but not applied: what it covers is still in the file"),
        ("layer 'Draft notes'", "the layer is hidden when the file is opened"),
    }


def test_a_pdf_saved_in_stages_keeps_its_earlier_versions(tmp_path):
    original = pdf(tmp_path)
    with original.open("ab") as file:  # an incremental update: a new trailer after the first
        file.write(b"\ntrailer\n<< /Size 1 >>\nstartxref\n0\n%%EOF\n")
    assert ("earlier versions", "the file was saved in stages (incremental updates): earlier versions of its "
            "content may still be inside it") in found(original)


def test_a_pdf_locked_by_a_password_cannot_be_opened(tmp_path):
    path = pdf(tmp_path, lambda w: w.encrypt("secret", algorithm="RC4-128"))
    assert found(path) == {("file", "the file cannot be opened: it is protected by a password")}


# ---------------------------------------------------------------------------------------------------------------
# Text, other types, damaged and hostile files


@pytest.mark.parametrize("data", [b"Route,Buses\nA1,3\n", "Café,€5\n".encode("cp1252"), b""])
def test_text_files_hide_nothing(tmp_path, data):
    path = tmp_path / "routes.csv"
    path.write_bytes(data)
    assert audit_attachment(path) == []


@pytest.mark.parametrize("data", [b"PK\x03\x04\x00\x00binary", b"caf\x81\x8d"])
def test_a_text_file_that_is_not_text(tmp_path, data):
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    assert audit_attachment(path) == [
        Hidden("notes.txt", "file", "the file is not text (it is neither UTF-8, UTF-16 nor Windows-1252)")]


@pytest.mark.parametrize(("name", "what"), [
    ("old.xls", "this file type (.xls) cannot be checked for hidden content; save it as .xlsx"),
    ("old.doc", "this file type (.doc) cannot be checked for hidden content; save it as .docx"),
    ("sheet.ods", "this file type (.ods) cannot be checked for hidden content; save it as .xlsx"),
    ("text.odt", "this file type (.odt) cannot be checked for hidden content; save it as .docx"),
    ("slides.pptx", "this file type (.pptx) cannot be checked for hidden content"),
    ("README", "this file has no extension, so its type cannot be checked for hidden content"),
])
def test_types_that_cannot_be_checked(tmp_path, name, what):
    path = tmp_path / name
    path.write_bytes(b"\xd0\xcf\x11\xe0whatever")
    assert audit_attachment(path) == [Hidden(name, "file", what)]


@pytest.mark.parametrize("name", ["broken.xlsx", "broken.docx", "broken.pdf"])
def test_random_bytes_cannot_be_opened(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(random.Random(1).randbytes(2000))
    [hidden] = audit_attachment(path)
    assert hidden.where == "file" and hidden.what.startswith("the file cannot be opened: ")


def test_a_missing_file_cannot_be_opened(tmp_path):
    assert audit_attachment(tmp_path / "gone.xlsx") == [
        Hidden("gone.xlsx", "file", "the file cannot be opened: there is no such file")]


def test_the_extension_is_read_whatever_its_case(tmp_path):
    wb = workbook()
    wb.create_sheet("Staff").sheet_state = "hidden"
    assert found(xlsx(tmp_path, wb, "BOOK.XLSX")) == {("sheet 'Staff'", "the sheet is hidden")}


def test_a_file_that_unpacks_too_large_is_refused_before_it_is_parsed(tmp_path, monkeypatch):
    path = xlsx(tmp_path, workbook())
    monkeypatch.setattr(limits, "MAX_UNPACKED_BYTES", 1000)
    assert found(path) == {("file", "the file unpacks to more than 1,000 bytes, over the limit for checking; "
                                    "it cannot be checked")}


def test_a_document_type_declaration_is_refused(tmp_path):
    path = save(tmp_path, document())
    rezip(path, edit={"docProps/core.xml": lambda xml: xml.replace(
        "<cp:coreProperties", '<!DOCTYPE x [<!ENTITY a "aaaaaaaa">]><cp:coreProperties', 1)})
    assert found(path) == {("file", "the file contains an XML document type declaration, which Office files never "
                                    "have; it cannot be checked safely")}


@pytest.mark.parametrize("kind", ["xlsx", "docx", "pdf"])
def test_damaged_files_never_raise(tmp_path, kind):
    if kind == "xlsx":
        good = xlsx(tmp_path, workbook()).read_bytes()
    elif kind == "docx":
        good = save(tmp_path, document()).read_bytes()
    else:
        good = pdf(tmp_path, lambda w: w.add_metadata({"/Author": "J Smith"})).read_bytes()
    rng = random.Random(kind)
    for attempt in range(12):
        data = bytearray(good)
        if attempt % 2:
            del data[rng.randrange(len(data)):]
        else:
            for _ in range(8):
                data[rng.randrange(len(data))] = rng.randrange(256)
        path = tmp_path / f"damaged{attempt}.{kind}"
        path.write_bytes(bytes(data))
        result = audit_attachment(path)
        assert all(isinstance(h, Hidden) and h.file == path.name for h in result)


def test_a_pdf_author_kept_only_in_its_xmp_metadata(tmp_path):
    xmp = (b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
           b'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq>'
           b'<rdf:li>J Smith</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>')

    def build(writer: PdfWriter) -> None:
        stream = StreamObject()
        stream.set_data(xmp)
        stream[NameObject("/Type")] = NameObject("/Metadata")
        stream[NameObject("/Subtype")] = NameObject("/XML")
        writer._root_object[NameObject("/Metadata")] = writer._add_object(stream)

    assert found(pdf(tmp_path, build)) == {("document properties (XMP)", "author: J Smith")}


def test_a_file_with_very_many_findings_is_summed_up(tmp_path, monkeypatch):
    wb = workbook()
    for row in range(2, 40, 2):
        wb.active.row_dimensions[row].hidden = True
    monkeypatch.setattr(attachment_audit, "MAX_FINDINGS", 5)
    result = audit_attachment(xlsx(tmp_path, wb))
    assert len(result) == 5
    assert result[-1] == Hidden("book.xlsx", "file", "and 15 more things not listed")


def test_a_part_that_unpacks_far_beyond_its_packed_size_is_refused_before_it_is_read(tmp_path):
    path = save(tmp_path, document())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b" " * (20 * 1024 * 1024))
    [hidden] = audit_attachment(path)
    assert hidden.where == "file" and "times its packed size" in hidden.what and "zip bomb" in hidden.what


def test_a_part_whose_header_understates_its_size_is_read_no_further_than_it_says(tmp_path):
    """A zip bomb that lies: its headers declare 1 KB for a part that unpacks to 30 MB. Reading stops at the
    size declared, and the part is reported as damaged (its checksum does not match), not read to its end."""
    import struct

    path = save(tmp_path, document())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/padding.xml", b" " * (30 * 1024 * 1024))
    data = bytearray(path.read_bytes())
    name = b"word/padding.xml"
    local, central = data.find(name) - 30, data.rfind(name) - 46  # the headers before the part's name
    assert data[local:local + 4] == b"PK\x03\x04" and data[central:central + 4] == b"PK\x01\x02"
    struct.pack_into("<I", data, local + 22, 1024)  # the uncompressed size, in both headers
    struct.pack_into("<I", data, central + 24, 1024)
    path.write_bytes(bytes(data))
    [hidden] = audit_attachment(path)
    assert hidden.where == "file" and hidden.what.startswith("the file cannot be opened: the part ")
    assert "is damaged" in hidden.what
