"""The PDF of every letter: well-formed (qpdf), tagged PDF/UA-1 (pdfua, and the structure read
back with pikepdf), only the packaged fonts, and the layout of the published letters."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from conftest import ANSWER_FILES, MINIMAL, write
from docx import Document
from docx.oxml.ns import qn
from pdfua import validate
from pypdf import PdfReader

from foiletters.build import build

STEMS = [p.stem for p in ANSWER_FILES]
MM = 72 / 25.4


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing: scripts/setup installs it (scripts/system-packages.txt)")
        pytest.skip(f"{name} is not installed (scripts/system-packages.txt)")
    return path


@pytest.mark.parametrize("stem", STEMS)
def test_qpdf_finds_no_error(stem: str, built_letters):
    qpdf = _tool("qpdf")
    result = subprocess.run([qpdf, "--check", str(built_letters[stem]["pdf"])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr  # 2: errors, 3: warnings
    assert "No syntax or stream encoding errors found" in result.stdout


@pytest.mark.parametrize("stem", STEMS)
def test_pdfua_checker_finds_nothing(stem: str, built_letters):
    report = validate(str(built_letters[stem]["pdf"]))
    assert [(f.rule_id, f.message) for f in report.findings] == []
    # pdfua 0.1.3's empty-heading rule (UA-14-001) fails on any heading whose /K is an array,
    # as WeasyPrint writes them; test_tagged_structure checks the headings instead.
    assert {o.rule_id for o in report.skipped} <= {"UA-14-001"}, [o.skipped_reason for o in report.skipped]


def test_pdfua_checker_would_notice_an_untagged_pdf(tmp_path: Path):
    """The check is not vacuous: a plain WeasyPrint PDF, untagged, fails it."""
    import weasyprint

    path = tmp_path / "plain.pdf"
    weasyprint.HTML(string="<html><body><h1>Hello</h1><p>World</p></body></html>").write_pdf(path)
    rules = {f.rule_id for f in validate(str(path)).findings}
    assert {"UA-01-005", "UA-01-002", "UA-06-001"} <= rules


def _struct_elements(pdf: pikepdf.Pdf):
    """Every structure element reachable from the structure tree root, depth first."""
    stack = [pdf.Root.StructTreeRoot]
    while stack:
        node = stack.pop()
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/StructElem":
                yield kid
                stack.append(kid)


def _marks_content(element: pikepdf.Dictionary) -> bool:
    kids = element.get("/K")
    for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
        if isinstance(kid, int) or (isinstance(kid, pikepdf.Dictionary)
                                    and (kid.get("/Type") == "/MCR" or _marks_content(kid))):
            return True
    return False


@pytest.mark.parametrize("stem", STEMS)
def test_tagged_structure(stem: str, built_letters):
    path = built_letters[stem]["pdf"]
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert root.ViewerPreferences.DisplayDocTitle is True
        assert str(root.Lang) == "en-GB"
        with pdf.open_metadata() as xmp:
            title = xmp["dc:title"]
            assert title == str(pdf.docinfo["/Title"]) and title.endswith(f" response {path.stem}")
            assert xmp["pdfuaid:part"] == "1"
            assert xmp["dc:creator"] == [str(pdf.docinfo["/Author"])]
        elements = list(_struct_elements(pdf))
        roles = [str(e.S) for e in elements]
        assert "/H1" in roles and "/P" in roles
        assert all(_marks_content(e) for e in elements if str(e.S).startswith("/H")), "an empty heading"
        assert all("/Alt" in e for e in elements if e.S == "/Figure")
        headers = [e for e in elements if e.S == "/TH"]
        assert all(str(e.A.Scope) in ("/Row", "/Column") for e in headers)
        if "/Table" in roles:
            assert {"/Row", "/Column"} <= {str(e.A.Scope) for e in headers}
        # Every marked sequence belongs to an element of the tree: the page margins (page x of y,
        # the reference) are artifacts, not content of nothing.
        reachable = {e.objgen for e in elements}
        nums = root.StructTreeRoot.ParentTree.Nums
        for i in range(0, 2 * len(pdf.pages), 2):
            assert all(ref is None or ref.objgen in reachable for ref in nums[i + 1]), f"page {nums[i]}"
        links = [e for e in elements if e.S == "/Link"]
        for page in pdf.pages:
            for annotation in page.get("/Annots", []):
                if annotation.Subtype == "/Link":
                    assert str(annotation.get("/Contents", "")).strip(), "a link without a description"
                    assert "/StructParent" in annotation
        assert len(links) >= 2  # the website and the email address of the letterhead


@pytest.mark.parametrize("stem", STEMS)
def test_only_the_packaged_fonts_are_used_embedded_and_subset(stem: str, built_letters):
    with pikepdf.open(built_letters[stem]["pdf"]) as pdf:
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                name = str(font.BaseFont).lstrip("/")
                assert name.split("+", 1)[-1].startswith("Letter-Sans") and len(name.split("+")[0]) == 6, name
                descriptor = (font.DescendantFonts[0] if "/DescendantFonts" in font else font).FontDescriptor
                assert "/FontFile2" in descriptor, f"{name} is not embedded"


def test_a_character_the_font_lacks_never_brings_in_a_system_font(tmp_path: Path, house):
    """The letter looks the same on every machine: no fallback to whatever fonts a machine has."""
    answer = write(tmp_path, "a.yaml", MINIMAL.replace("Twelve.", "Twelve (十二) ✓ 🙂.") +  # check stops it unless
                   "accepted:\n  - rule: missing-glyphs\n    reason: the boxes are what this test looks at\n")
    pdf = next(p for p in build(answer, tmp_path / "out", house).files if p.suffix == ".pdf")
    with pikepdf.open(pdf) as document:
        fonts = {str(f.BaseFont).split("+", 1)[-1] for page in document.pages for f in page.Resources.Font.values()}
    assert fonts == {"Letter-Sans", "Letter-Sans-Bold"}


def test_reference_in_the_footer_from_page_two(built_letters):
    pages = [page.extract_text() for page in PdfReader(str(built_letters["FOI795053096"]["pdf"])).pages]
    assert len(pages) >= 2
    footers = [text.strip().splitlines()[-2:] for text in pages]
    assert footers[0][-1] == f"Page 1 of {len(pages)}" and "FOI795053096" not in footers[0][0]
    for number, footer in enumerate(footers[1:], start=2):
        assert footer == ["FOI795053096", f"Page {number} of {len(pages)}"]


def test_a_very_wide_table_gets_a_landscape_page_of_its_own(built_letters):
    reader = PdfReader(str(built_letters["FOI641692083"]["pdf"]))
    sizes = [(round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages]
    landscape = [i for i, size in enumerate(sizes) if size == (297, 210)]
    assert len(landscape) == 1 and set(sizes) == {(210, 297), (297, 210)}
    page = reader.pages[landscape[0]]
    text = page.extract_text()
    assert text.lstrip().startswith("Year 2020-21 2021-22")  # the 21-column table, on a page of its own
    assert "Notes: Some children may have had more than one placement" in text  # with its notes
    assert reader.pages[landscape[0] + 1].extract_text().lstrip().startswith("7.")  # then portrait again


@pytest.fixture(scope="module")
def laid_out(house) -> dict:
    """The pages of two letters as WeasyPrint lays them out, box by box: {stem: pages}."""
    import weasyprint

    from foiletters.load.answerfile import load
    from foiletters.render.letter import render
    from foiletters.write.pdf import BASE_URL, _fetcher, _fonts

    pages = {}
    for source in (p for p in ANSWER_FILES if p.stem in ("FOI641692083", "FOI413132846")):
        html = weasyprint.HTML(string=render(load(source), house).html, base_url=BASE_URL, url_fetcher=_fetcher())
        pages[source.stem] = html.render(font_config=_fonts()).pages
    return pages


def test_every_table_fits_the_width_of_its_page(laid_out):
    """No table of the letter of wide tables reaches past the right margin."""
    widths = []
    for page in laid_out["FOI641692083"]:
        html = page._page_box.children[0]
        right_margin = html.content_box_x() + html.width
        for box in page._page_box.descendants():
            if box.element_tag == "table" and type(box).__name__ == "TableBox":
                widths.append(box.border_box_x() + box.border_width() - right_margin)
    assert len(widths) >= 4 and max(widths) <= 0.5, widths  # CSS px past the margin


@pytest.mark.parametrize("stem", ["FOI641692083", "FOI413132846"])
def test_rows_and_short_paragraphs_are_not_split_across_pages(stem: str, laid_out):
    lines: dict[object, list[int]] = {}  # paragraph → its lines on each page it is on
    rows: dict[object, set[int]] = {}  # table body row → the pages it is on
    for number, page in enumerate(laid_out[stem]):
        for box in page._page_box.descendants():
            if box.element is None:
                continue
            if box.element_tag == "p" and type(box).__name__ == "BlockBox":
                lines.setdefault(box.element, []).append(sum(type(c).__name__ == "LineBox" for c in box.children))
            elif box.element_tag == "tbody":
                for row in box.children:
                    rows.setdefault(row.element, set()).add(number)
    split = [parts for parts in lines.values() if len(parts) > 1]
    assert all(min(parts) >= 3 for parts in split), split  # three lines at least on each side
    assert all(len(pages) == 1 for pages in rows.values())
    assert lines and (rows or stem != "FOI641692083")


@pytest.mark.parametrize("stem", STEMS)
def test_table_header_rows_repeat_and_rows_stay_whole(stem: str, built_letters):
    """The CSS asks for it; the tagged PDF shows it: each table's header rows are a THead, and a
    table that runs onto another page starts there with its header rows again."""
    with pikepdf.open(built_letters[stem]["pdf"]) as pdf:
        elements = list(_struct_elements(pdf))
    for table in (e for e in elements if e.S == "/Table"):
        kids = [k for k in table.K if isinstance(k, pikepdf.Dictionary)]
        assert kids and kids[0].S == "/THead", stem


def test_a_long_table_repeats_its_header_on_every_page_in_both_formats(tmp_path: Path, house):
    rows = "".join(f'        - ["Area {n}", "{100 + n}"]\n' for n in range(1, 121))
    answer = write(tmp_path, "a.yaml", MINIMAL.replace("    answer: Twelve.\n", "    table:\n"
                                                       "      columns: [District name, Households]\n"
                                                       f"      rows:\n{rows}"))
    files = {p.suffix: p for p in build(answer, tmp_path / "out", house).files}
    pages = [page.extract_text() for page in PdfReader(str(files[".pdf"])).pages]
    with_rows = [text for text in pages if "Area 1" in text]
    assert len(with_rows) >= 2
    assert all("District name Households" in text for text in with_rows)
    table = Document(str(files[".docx"])).tables[0]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert table.rows[1]._tr.trPr.find(qn("w:tblHeader")) is None
