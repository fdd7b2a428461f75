"""The built letters themselves: same text in both formats, Word structure, PDF pages, same bytes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ANSWER_FILES, MINIMAL, ROOT, write
from docx import Document
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph
from pypdf import PdfReader
from readback import docx_blocks, docx_text, pdf_text, words

from foiletters.build import build
from foiletters.render.house import TemplateSet

STEMS = [p.stem for p in ANSWER_FILES]


@pytest.mark.parametrize("stem", STEMS)
def test_docx_and_pdf_carry_the_same_text(stem: str, built_letters):
    letter = built_letters[stem]
    assert words(docx_text(letter["docx"])) == words(pdf_text(letter["pdf"]))


def test_a_paragraph_added_to_a_template_appears_in_both_formats(tmp_path: Path):
    house = tmp_path / "templates"
    write(house, "letter.html.j2", '{% extends "default:letter.html.j2" %}\n'
          '{% block opening %}{{ super() }}<p>Our offices close at noon on Fridays.</p>{% endblock %}\n')
    answer = write(tmp_path, "a.yaml", MINIMAL)
    built = build(answer, tmp_path / "out", TemplateSet(house))
    files = {p.suffix: p for p in built.files}
    sentence = "Our offices close at noon on Fridays"
    assert sentence in docx_text(files[".docx"])
    assert sentence in " ".join(pdf_text(files[".pdf"]).split())


@pytest.mark.parametrize("stem", ["FOI795053096", "FOI641692083"])
def test_building_twice_gives_the_same_bytes(stem: str, built_letters, house, tmp_path: Path):
    source = next(p for p in ANSWER_FILES if p.stem == stem)
    again = {p.suffix.lstrip("."): p for p in build(source, tmp_path, house).files}
    for fmt in ("docx", "pdf"):
        assert again[fmt].read_bytes() == built_letters[stem][fmt].read_bytes(), fmt


def test_weasyprint_speed_ups_change_no_byte_of_the_pdf(built_letters, tmp_path: Path):
    """The letters built in this process (with the speed-ups) against the same letters built by plain WeasyPrint."""
    from foiletters.write import weasyprint_speedups

    if not weasyprint_speedups.applicable():
        pytest.skip(f"the speed-ups are written for {weasyprint_speedups.KNOWN}, not the versions installed")
    stems = ["FOI641692083", "REQ07585"]  # tables, merged headers, lists, a second page
    sources = [str(p) for p in ANSWER_FILES if p.stem in stems]
    code = ("import sys; from pathlib import Path; from foiletters.build import build; "
            "from foiletters.render.house import TemplateSet; house = TemplateSet(Path(sys.argv[1])); "
            "[build(Path(a), Path(sys.argv[2]), house, formats=('pdf',)) for a in sys.argv[3:]]")
    subprocess.run([sys.executable, "-c", code, str(ROOT / "templates"), str(tmp_path), *sources], check=True,
                   env={**os.environ, "FOILETTERS_PLAIN_WEASYPRINT": "1"})
    for stem in stems:
        assert (tmp_path / f"{stem}.pdf").read_bytes() == built_letters[stem]["pdf"].read_bytes(), stem


def test_word_styles_are_named_and_question_labels_are_text(built_letters):
    path = built_letters["FOI413132846"]["docx"]
    paragraphs = [b for b in docx_blocks(path) if isinstance(b, Paragraph)]
    styles = {p.style.name for p in paragraphs}
    assert {"Letterhead", "Letter Date", "Heading 1", "Question Part", "List Number"} <= styles
    heading = next(p for p in paragraphs if p.style.name == "Heading 1")
    assert heading.text.startswith("Freedom of Information Act 2000 (FOIA)")
    # Question labels are literal text, never Word numbering.
    q5a = next(p for p in paragraphs if p.text.startswith("5a. How many children in total"))
    assert q5a._p.pPr is None or q5a._p.pPr.numPr is None
    assert any(r.style.name == "Request" for r in q5a.runs)


def test_bullets_are_real_word_lists(built_letters):
    doc = Document(str(built_letters["REQ07585"]["docx"]))
    bullets = [p for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) >= 9
    style = doc.styles["List Bullet"].element
    assert style.pPr.numPr is not None  # the style carries Word's bullet numbering


def test_tables_have_named_style_repeating_header_and_merged_headers(built_letters):
    doc = Document(str(built_letters["FOI641692083"]["docx"]))
    wide = next(t for t in doc.tables if len(t.columns) == 21)
    assert wide.style.name == "FOI Table Very Wide"  # the template picks a smaller style for 21 columns
    assert wide.rows[3].cells[1].paragraphs[0].style.name == "Table Text Very Wide"
    header_rows = [row for row in wide.rows
                   if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None]
    assert len(header_rows) == 3
    first = [c.text for c in wide.rows[0].cells]
    assert first[:5] == ["Year", "2020-21", "2020-21", "2020-21", "2020-21"]  # one cell spanning four columns
    assert wide.rows[0].cells[1]._tc is wide.rows[0].cells[4]._tc
    assert [c.text for c in wide.rows[2].cells][1:5] == ["Own", "Private", "Own", "Private"]


def test_hyperlinks_are_links(built_letters):
    doc = Document(str(built_letters["FOI413132846"]["docx"]))
    targets = [rel.target_ref for rel in doc.part.rels.values() if rel.reltype.endswith("/hyperlink")]
    assert any(t.startswith("https://explore-education-statistics.service.gov.uk/") for t in targets)
    assert "mailto:infogov@coventry.gov.uk" in targets


def test_document_properties(built_letters):
    props = Document(str(built_letters["FOI795053096"]["docx"])).core_properties
    assert props.title == "Freedom of Information response FOI795053096"
    assert props.author == "Coventry City Council"
    assert props.subject == "Children's Social Care Services"
    meta = PdfReader(str(built_letters["FOI795053096"]["pdf"])).metadata
    assert meta.author == "Coventry City Council"
    assert "FOI795053096" in meta.title


def test_pdf_is_a4_with_page_numbers_and_packaged_fonts(built_letters):
    reader = PdfReader(str(built_letters["FOI641692083"]["pdf"]))
    box = reader.pages[0].mediabox
    assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
    pages = len(reader.pages)
    raw = "\n".join(p.extract_text() for p in reader.pages)
    assert f"Page 1 of {pages}" in raw and f"Page {pages} of {pages}" in raw
    fonts = {str(f["/BaseFont"]) for page in reader.pages
             for f in page["/Resources"]["/Font"].values()}
    assert fonts and all("+Letter-Sans" in f for f in fonts), fonts  # subset of the @font-face family


def test_annex_starts_on_a_new_page(built_letters):
    reader = PdfReader(str(built_letters["FOI641692083"]["pdf"]))
    starts = [i for i, page in enumerate(reader.pages)
              if (page.extract_text() or "").lstrip().startswith("Looked after children data; FOI641692083")]
    assert starts and starts[0] > 0
    doc = Document(str(built_letters["FOI641692083"]["docx"]))
    annex = next(p for p in doc.paragraphs if p.text.startswith("Looked after children data; FOI641692083"))
    assert annex.paragraph_format.page_break_before


def test_letter_date_picks_the_boilerplate_in_force(tmp_path: Path, house: TemplateSet):
    texts = {}
    for date in ("2020-11-24", "2024-10-31", "2024-11-01"):
        answer = write(tmp_path, f"{date}.yaml", MINIMAL.replace("2026-03-04", date))
        built = build(answer, tmp_path / date, house, formats=("docx",))
        texts[date] = docx_text(built.files[0])
    assert "PO BOX 15" in texts["2020-11-24"] and "casework@ico.org.uk" in texts["2020-11-24"]
    assert "freedom of information request does not confer" in texts["2020-11-24"]
    assert "PO Box 15" in texts["2024-10-31"] and "FOI/EIR request does not confer" in texts["2024-10-31"]
    assert "PO Box 7097" in texts["2024-11-01"] and "CV6 9SL" in texts["2024-11-01"]
    assert "icocasework@ico.org.uk" in texts["2024-11-01"]


def test_requester_name_changes_greeting_and_valediction(tmp_path: Path, house: TemplateSet):
    answer = write(tmp_path, "a.yaml", MINIMAL + "requester:\n  name: Ms Ada Lovelace\n")
    text = docx_text(build(answer, tmp_path / "out", house, formats=("docx",)).files[0])
    assert "Dear Ms Ada Lovelace" in text and "Yours sincerely" in text and "Sir/Madam" not in text


def test_page_break_before_a_table_is_kept(tmp_path: Path):
    import datetime as dt
    import io

    from foiletters.render.letter import Rendering
    from foiletters.write.docx import to_docx

    html = ('<html><body><p>Letter</p><section data-docx-break="page"><table><tbody><tr><th>a</th><td>1</td></tr>'
            '</tbody></table></section></body></html>')
    data = to_docx(Rendering(html=html, reference="FOI1", title="t", subject="s", author="a",
                             date=dt.date(2026, 1, 1)))
    doc = Document(io.BytesIO(data))
    assert [p.paragraph_format.page_break_before for p in doc.paragraphs] == [None, True]
    assert doc.element.body.index(doc.tables[0]._tbl) == doc.element.body.index(doc.paragraphs[1]._p) + 1
