"""The DOCX of every letter: a well-formed OOXML package, Word's own structure, styles the
governance team can change in reference.docx, and a file LibreOffice opens with its text intact."""

from __future__ import annotations

import io
import os
import posixpath
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import ANSWER_FILES, MINIMAL, ROOT, write
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import RGBColor
from lxml import etree
from readback import docx_text, pdf_text, words

from foiletters.build import build
from foiletters.render.house import TemplateSet

STEMS = [p.stem for p in ANSWER_FILES]
PACKAGED_REFERENCE = ROOT / "src" / "foiletters" / "data" / "reference.docx"
R_ID = qn("r:id")
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
TYPES_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


# -- the package -------------------------------------------------------------------------------------


def ooxml_problems(data: bytes) -> list[str]:
    """What is wrong with a DOCX as an Open Packaging Conventions package, and with its references.

    Every part parses as XML; [Content_Types].xml gives every part a type (by default for its
    extension, or by override; each part of the document and its properties its own type) and
    overrides no part that is missing; every internal
    relationship points at a part that exists; every r:id of a part is one of its relationships;
    every style, numbering and footer that the document names is defined.
    """
    problems = []
    package = zipfile.ZipFile(io.BytesIO(data))
    names = [n for n in package.namelist() if not n.endswith("/")]
    xml = {}
    for name in names:
        if name.endswith((".xml", ".rels")):
            try:
                xml[name] = etree.fromstring(package.read(name))
            except etree.XMLSyntaxError as error:
                problems.append(f"{name}: not XML: {error}")
    types = xml.get("[Content_Types].xml")
    if types is None:
        return [*problems, "no [Content_Types].xml"]
    defaults = {d.get("Extension").lower() for d in types.iter(f"{TYPES_NS}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{TYPES_NS}Override")}
    for name in names:
        if name != "[Content_Types].xml" and name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"{name}: no content type")
        elif name.startswith(("word/", "docProps/")) and name.endswith(".xml") and name not in overrides:
            problems.append(f"{name}: no content type of its own (only the default for .xml)")
    problems += [f"{name}: content type of a missing part" for name in overrides - set(names)]
    for rels_name in (n for n in names if n.endswith(".rels")):
        folder, base = posixpath.split(rels_name)
        source = posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels"))
        targets = {}
        for rel in xml[rels_name].iter(f"{RELS_NS}Relationship"):
            targets[rel.get("Id")] = rel.get("Target")
            if rel.get("TargetMode") != "External":
                target = posixpath.normpath(posixpath.join(posixpath.dirname(source), rel.get("Target")))
                if target.lstrip("/") not in names:
                    problems.append(f"{rels_name}: {rel.get('Id')} points at a missing part {target}")
        if source in xml:
            for element in xml[source].iter():
                for attribute in (R_ID, qn("r:embed"), qn("r:link")):
                    if element.get(attribute) and element.get(attribute) not in targets:
                        problems.append(f"{source}: {element.get(attribute)} is not a relationship")
    document, styles, numbering = (xml.get(f"word/{n}.xml") for n in ("document", "styles", "numbering"))
    if document is None or styles is None:
        return [*problems, "no word/document.xml or word/styles.xml"]
    style_ids = {s.get(qn("w:styleId")) for s in styles.iter(qn("w:style"))}
    for part in (n for n in xml if n.startswith("word/") and n.endswith(".xml")):
        for tag in ("w:pStyle", "w:rStyle", "w:tblStyle"):
            for element in xml[part].iter(qn(tag)):
                if element.get(qn("w:val")) not in style_ids:
                    problems.append(f"{part}: {tag} {element.get(qn('w:val'))} is not a style")
    num_ids = {n.get(qn("w:numId")) for n in numbering.iter(qn("w:num"))} if numbering is not None else set()
    for element in document.iter(qn("w:numId")):
        if element.get(qn("w:val")) not in num_ids | {"0"}:
            problems.append(f"word/document.xml: numId {element.get(qn('w:val'))} is not a numbering")
    return problems


@pytest.mark.parametrize("stem", STEMS)
def test_every_docx_is_a_well_formed_package(stem: str, built_letters):
    assert ooxml_problems(built_letters[stem]["docx"].read_bytes()) == []


def test_the_package_check_would_notice_a_broken_file(built_letters):
    data = built_letters["FOI795053096"]["docx"].read_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for name in source.namelist():
            content = source.read(name)
            if name == "[Content_Types].xml":
                content = content.replace(b'PartName="/word/numbering.xml"', b'PartName="/word/numbers.xml"')
            if name == "word/document.xml":
                content = content.replace(b'w:pStyle w:val="Heading1"', b'w:pStyle w:val="NoSuchStyle"', 1)
            if name != "word/footer1.xml":
                broken.writestr(name, content)
    problems = ooxml_problems(out.getvalue())
    assert any("word/numbering.xml: no content type of its own" in p for p in problems)
    assert any("content type of a missing part" in p for p in problems)
    assert any("NoSuchStyle is not a style" in p for p in problems)
    assert any("missing part" in p and "footer1.xml" in p for p in problems)


# -- Word's structure ---------------------------------------------------------------------------------


def test_numbered_lists_are_word_lists_with_the_officers_numbers(built_letters):
    doc = Document(str(built_letters["FOI413132846"]["docx"]))
    items = [p for p in doc.paragraphs if p.style.name == "List Number"]
    assert [p.text.split("\t")[0] for p in items] == ["1.", "2."]
    numbering = doc.part.numbering_part.element
    for item in items:
        num_id = item._p.pPr.numPr.numId.val
        assert num_id != 0  # a list paragraph, not numbering switched off
        num = next(n for n in numbering.findall(qn("w:num")) if n.numId == num_id)
        abstract = next(a for a in numbering.findall(qn("w:abstractNum"))
                        if a.get(qn("w:abstractNumId")) == str(num.abstractNumId.val))
        level = abstract.find(qn("w:lvl"))
        assert level.find(qn("w:numFmt")).get(qn("w:val")) == "none"  # Word draws no second number
    # Question labels stay text, never Word numbering.
    label = next(p for p in doc.paragraphs if p.text.startswith("1. In your authority"))
    assert label._p.pPr is None or label._p.pPr.numPr is None


@pytest.mark.parametrize("stem", STEMS)
def test_headings_links_footers_and_properties(stem: str, built_letters):
    path = built_letters[stem]["docx"]
    doc = Document(str(path))
    reference = path.stem
    assert any(p.style.name == "Heading 1" and p.text.endswith(reference) for p in doc.paragraphs)
    links = doc.element.body.findall(f".//{qn('w:hyperlink')}")
    assert len(links) >= 2 and all("".join(link.itertext()).strip() for link in links)
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    first = section.first_page_footer._element
    others = section.footer._element
    for footer in (first, others):
        fields = " ".join(t.text for t in footer.iter(qn("w:instrText")))
        assert "PAGE" in fields.split() and "NUMPAGES" in fields.split()
    assert reference in "".join(others.itertext()) and reference not in "".join(first.itertext())
    props = doc.core_properties
    assert props.title.endswith(f" response {reference}") and props.author == "Coventry City Council"
    assert props.subject and props.language == "en-GB"


def test_titles_name_the_law(built_letters):
    titles = {stem: Document(str(built_letters[stem]["docx"])).core_properties.title for stem in
              ("FOI795053096", "eir", "foisa", "eisr")}
    assert titles == {"FOI795053096": "Freedom of Information response FOI795053096",
                      "eir": "Environmental Information response EIR123456789",
                      "foisa": "Freedom of Information (Scotland) response FOISA123456789",
                      "eisr": "Environmental Information (Scotland) response EISR123456789"}


def test_table_rows_repeat_their_headers_and_never_split(built_letters):
    doc = Document(str(built_letters["FOI795053096"]["docx"]))
    for table in doc.tables:
        rows = [row._tr.trPr for row in table.rows]
        assert all(pr is not None and pr.find(qn("w:cantSplit")) is not None for pr in rows)
        assert rows[0].find(qn("w:tblHeader")) is not None


def test_a_very_wide_table_gets_a_landscape_section(built_letters):
    doc = Document(str(built_letters["FOI641692083"]["docx"]))
    orientations = [s.orientation for s in doc.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    landscape = doc.sections[1]
    assert (landscape.page_width, landscape.page_height) == (doc.sections[0].page_height, doc.sections[0].page_width)
    assert not landscape.different_first_page_header_footer  # its page shows the reference too
    # The 21-column table and its notes are in the landscape section: between the two section breaks.
    body = list(doc.element.body.iterchildren())
    breaks = [i for i, el in enumerate(body) if el.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    wide = next(t for t in doc.tables if len(t.columns) == 21)._tbl
    assert len(breaks) == 2 and breaks[0] < body.index(wide) < breaks[1]
    notes = body[body.index(wide) + 1]
    assert "".join(notes.itertext()).startswith("Notes: Some children")
    widths = [c.width for c in next(t for t in doc.tables if len(t.columns) == 21).columns]
    assert sum(widths) <= landscape.page_width - landscape.left_margin - landscape.right_margin


# -- the governance team's styles ----------------------------------------------------------------------


def _restyled_reference(target: Path) -> None:
    """reference.docx with Normal in Georgia and Heading 1 in dark red, as the governance team would save it."""
    doc = Document(str(PACKAGED_REFERENCE))
    doc.styles["Normal"].font.name = "Georgia"
    doc.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    target.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(target))


def test_a_restyled_reference_docx_in_templates_is_followed(tmp_path: Path):
    house = tmp_path / "templates"
    _restyled_reference(house / "reference.docx")
    answer = write(tmp_path, "a.yaml", MINIMAL)
    restyled = Document(str(build(answer, tmp_path / "house", TemplateSet(house), formats=("docx",)).files[0]))
    assert restyled.styles["Normal"].font.name == "Georgia"
    assert restyled.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)
    heading = next(p for p in restyled.paragraphs if p.style.name == "Heading 1")
    assert heading.runs and all(r.font.name is None and r.font.color.rgb is None for r in heading.runs)  # no override
    packaged = Document(str(build(answer, tmp_path / "packaged", TemplateSet(tmp_path / "none"),
                                  formats=("docx",)).files[0]))
    assert packaged.styles["Normal"].font.name == "Arial"


def test_changing_reference_docx_changes_the_templates_version(tmp_path: Path):
    import datetime as dt

    house = tmp_path / "templates"
    house.mkdir()
    before = TemplateSet(house).fingerprint(dt.date(2026, 1, 1))
    _restyled_reference(house / "reference.docx")
    assert TemplateSet(house).fingerprint(dt.date(2026, 1, 1)) != before


def test_the_packaged_reference_docx_is_what_the_tool_makes(tmp_path: Path):
    """reference.docx is made by tools/make_reference_docx.py: its styles are the tool's."""
    made = Document(str(PACKAGED_REFERENCE))
    styles = {s.name for s in made.styles}
    assert {"Letterhead", "Letter Date", "Addressee", "Question Part", "Request", "Hyperlink", "FOI Table",
            "FOI Table Wide", "FOI Table Very Wide", "Table Text", "Table Text Wide", "Table Text Very Wide",
            "List Bullet", "List Number", "Heading 1", "Heading 2", "Heading 3"} <= styles
    fonts = made.styles.element.findall(f".//{qn('w:rFonts')}")
    assert not any(k.endswith("Theme") or k.endswith("theme") for f in fonts for k in f.attrib)  # Arial, not Calibri


# -- LibreOffice -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def through_libreoffice(built_letters, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every built DOCX converted to PDF by LibreOffice, in one soffice run: {stem: pdf}."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing: scripts/setup installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed: scripts/system-packages.txt lists it")
    out = tmp_path_factory.mktemp("libreoffice")
    profile = tmp_path_factory.mktemp("libreoffice-profile")  # its own, so that it runs beside any other soffice
    docx_files = [str(built_letters[stem]["docx"]) for stem in STEMS]
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                             "--convert-to", "pdf", "--outdir", str(out), *docx_files],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return {stem: out / f"{built_letters[stem]['docx'].stem}.pdf" for stem in STEMS}


@pytest.mark.parametrize("stem", STEMS)
def test_libreoffice_opens_every_docx_and_keeps_its_text(stem: str, built_letters, through_libreoffice):
    converted = through_libreoffice[stem]
    assert converted.is_file(), f"LibreOffice could not convert {stem}.docx"
    assert words(pdf_text(converted)) == words(docx_text(built_letters[stem]["docx"]))


def test_a_subject_longer_than_a_document_property_is_fitted_and_kept_whole_in_the_letter(tmp_path: Path, house):
    import pikepdf

    subject = " ".join(f"matter{i}" for i in range(150))  # 1,039 characters; Word's properties hold 255
    answer = write(tmp_path, "a.yaml", MINIMAL.replace("subject: test matters", f"subject: {subject}"))
    files = {p.suffix: p for p in build(answer, tmp_path / "out", house).files}
    fitted = Document(str(files[".docx"])).core_properties.subject
    assert len(fitted) <= 255 and fitted.endswith("\u2026") and subject.startswith(fitted[:-1].rstrip())
    with pikepdf.open(files[".pdf"]) as pdf:
        assert str(pdf.docinfo["/Subject"]) == subject
        with pdf.open_metadata() as xmp:
            assert xmp["dc:description"] == subject
    assert "matter149" in pdf_text(files[".pdf"]) and "matter149" in docx_text(files[".docx"])
