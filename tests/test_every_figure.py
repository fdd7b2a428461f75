"""Every cell and every character of the rendering reaches the page, in the PDF and in the DOCX as
LibreOffice lays it out: tables of 1 to MAX_COLUMNS columns (a sample of widths) and words up to
the longest a field may hold (MAX_WORD), read back by two independent extractors (pypdf and
poppler's pdftotext), at 7 pt or more, and with no two words drawn over each other."""

from __future__ import annotations

import random
import re
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import write
from docx import Document
from pypdf import PdfReader
from readback import PAGE_LINE
from test_accessible_pdf import _tool

from foiletters.build import build
from foiletters.load import limits
from foiletters.render.table_parts import table_parts

WIDTHS = (1, 2, 9, 15, 21, 22, 40, 100, limits.MAX_COLUMNS)
ROWS = 3
STEM = "FOI1000001"
_rnd = random.Random(15)
LONG_WORDS = ["".join(_rnd.choice("abcdefghijkmnopqrstuvwxyz23456789") for _ in range(n))
              for n in (31, 120, limits.MAX_WORD)]


def _cell(table: int, row: int, column: int) -> str:
    return f"t{table}r{row}c{column:03d}q"  # unique, and never a part of another


def _answer_file() -> dict:
    questions = []
    for t, width in enumerate(WIDTHS):
        columns = [f"t{t}label"] + [f"t{t}h{c:03d}q" for c in range(1, width)]
        rows = [[_cell(t, r, c) for c in range(width)] for r in range(ROWS)]
        questions.append({"number": f"{t + 1}.", "text": f"Table of {width} columns?",
                          "table": {"columns": columns, "rows": rows}})
    # The long words: in a narrow cell of a wide table, in a cell of a short one, and in a paragraph.
    words = {"columns": ["Item", "Reference", "Count"], "rows": [[f"w{i}", word, str(i)]
                                                                  for i, word in enumerate(LONG_WORDS)]}
    questions.append({"number": f"{len(WIDTHS) + 1}.", "text": "The references?", "table": words,
                      "answer": "They are " + " and ".join(LONG_WORDS) + " in all."})
    wide = questions[WIDTHS.index(22)]["table"]["rows"]
    wide[1][5] = LONG_WORDS[-1]
    return {"reference": STEM, "date": "2026-03-04", "subject": "Every figure", "questions": questions}


def _expected_strings() -> list[str]:
    data = _answer_file()
    expected = list(LONG_WORDS)
    for question in data["questions"]:
        table = question["table"]
        expected += table["columns"] + [cell for row in table["rows"] for cell in row]
    return expected


@pytest.fixture(scope="module")
def letter(tmp_path_factory: pytest.TempPathFactory, house) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("every-figure")
    answer = write(folder, "every.yaml", yaml.safe_dump(_answer_file(), width=10**9))
    built = {p.suffix: p for p in build(answer, folder / "out", house).files}
    soffice = _tool("soffice")
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(folder / "lo"), str(built[".docx"])],
                   check=True, capture_output=True, timeout=300)
    return {"pdf": built[".pdf"], "docx": built[".docx"], "libreoffice": folder / "lo" / f"{STEM}.pdf"}


def _without_footers(pages: list[str]) -> str:
    """The text of the pages without their footers (page x of y, the reference), without white space."""
    kept = [line for page in pages for line in page.splitlines()
            if not PAGE_LINE.match(line) and line.strip() != STEM]
    return re.sub(r"\s+", "", "".join(kept)).replace("\u200b", "")


def _pypdf_text(path: Path) -> str:
    return _without_footers([page.extract_text() or "" for page in PdfReader(str(path)).pages])


def _pdftotext_text(path: Path) -> str:
    text = subprocess.run([_tool("pdftotext"), "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout
    return _without_footers(text.split("\f"))


@pytest.mark.parametrize("made_by", ["pdf", "libreoffice"])
@pytest.mark.parametrize("extractor", [_pypdf_text, _pdftotext_text], ids=["pypdf", "pdftotext"])
def test_every_cell_and_every_word_is_in_the_pdf(letter, made_by: str, extractor):
    text = extractor(letter[made_by])
    missing = [s for s in _expected_strings() if s not in text]
    assert not missing, f"{len(missing)} missing from the {made_by} PDF, such as {missing[:5]}"


@pytest.mark.parametrize("made_by", ["pdf", "libreoffice"])
def test_no_text_is_set_below_7_points(letter, made_by: str):
    sizes: list[float] = []

    def visit(text, cm, tm, font, size):  # noqa: ANN001 - pypdf's visitor
        if text.strip():
            scale = abs(tm[3] * cm[3] + tm[2] * cm[1]) or abs(tm[0] * cm[0])  # the matrices' vertical scale
            sizes.append(size * scale)

    for page in PdfReader(str(letter[made_by])).pages:
        page.extract_text(visitor_text=visit)
    assert sizes and min(sizes) >= 7 - 0.01, min(sizes)


_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


@pytest.mark.parametrize("made_by", ["pdf", "libreoffice"])
def test_no_two_words_overlap(letter, made_by: str):
    html = subprocess.run([_tool("pdftotext"), "-bbox", str(letter[made_by]), "-"], check=True, capture_output=True,
                          text=True).stdout
    overlaps = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        boxes = sorted((float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD_BOX.findall(page))
        for i, (x0, y0, x1, y1, word) in enumerate(boxes):  # sorted by left edge: a sweep to the right
            for u0, v0, u1, v1, other in boxes[i + 1:]:
                if u0 >= x1 - 0.5:
                    break
                # Boxes reach from the font's ascent to its descent: neighbouring lines of LibreOffice's
                # single spacing touch by a point. Text drawn over text overlaps by far more.
                if min(y1, v1) - max(y0, v0) > 0.3 * min(y1 - y0, v1 - v0) and min(x1, u1) - max(x0, u0) > 0.5:
                    overlaps.append((number, word, other))
    assert not overlaps, overlaps[:5]


def test_a_table_too_wide_for_a_landscape_page_is_split_with_its_row_labels(letter):
    """In the DOCX as in the PDF: parts of the table, each a table with the row labels first."""
    doc = Document(str(letter["docx"]))
    tables = [t for t in doc.tables if t.cell(0, 0).text.startswith("t8label")]  # the table of 200 columns
    assert len(tables) > 1
    shown = []
    for table in tables:
        assert [row.cells[0].text for row in table.rows] == ["t8label"] + [_cell(8, r, 0) for r in range(ROWS)]
        shown += [c.text for c in table.rows[0].cells[1:]]
    assert shown == [f"t8h{c:03d}q" for c in range(1, limits.MAX_COLUMNS)]
    captions = [p.text for p in doc.paragraphs if p.style.name == "Caption"]
    assert f"Part 2 of {len(tables)}" in " ".join(captions)
    # 15 columns of these cells fit a landscape page: one table; 21 do not (the seeds' 21 columns of short
    # figures do, test_word_files): two parts.
    parts = {w: [len(t.columns) for t in doc.tables if t.cell(0, 0).text.startswith(f"t{WIDTHS.index(w)}label")]
             for w in (15, 21)}
    assert parts == {15: [15], 21: [11, 11]}


def test_column_groups_keep_every_column_once_and_slice_headers_over_them():
    from foiletters.load.model import Table

    levels = {"Year": [str(y) for y in range(2000, 2010)], "Month": [f"Month {m:02d}" for m in range(1, 13)]}
    table = Table(levels=levels, rows=[["Area"] + ["1,234,567"] * 120], caption="By month")
    parts = table_parts(table)
    assert len(parts) > 1 and all(p.size == "very-wide" for p in parts)
    assert [c for p in parts for c in range(p.first, p.last + 1)] == list(range(2, 122))
    for part in parts:
        assert [sum(cell.span for cell in row[1:]) for row in part.header] == [part.last - part.first + 1] * 2
        assert part.rows[0][0] == "Area"
    years = [cell.text for p in parts for cell in p.header[0][1:]]
    assert set(years) == set(levels["Year"]) and len(years) >= len(levels["Year"])  # a year over a boundary: twice


def test_the_split_tables_are_a_well_formed_tagged_pdf(letter):
    from pdfua import validate

    result = subprocess.run([_tool("qpdf"), "--check", str(letter["pdf"])], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert [(f.rule_id, f.message) for f in validate(str(letter["pdf"])).findings] == []


def test_long_runs_are_cut_into_pieces_in_the_text_only():
    import html as html_module

    from foiletters.write.long_words import with_break_points

    link = "https://example.org/" + "a" * 100
    page = (f"<html><head><title>{'t' * 100}</title></head><body><p><a href=\"{link}\">{link}</a> "
            f"{'c&amp;' * 40} https://example.org/{'d' * 29}/e-{'f' * 29}</p></body></html>")
    marked = with_break_points(page)
    assert marked.startswith(f"<html><head><title>{'t' * 100}</title>")  # the head as it was
    assert f'href="{link}"' in marked  # attributes as they were
    pieces = re.findall(r'<span class="long-word">(.*?)</span>', marked)
    assert len(pieces) == 2  # the link's text and the run of entities; runs of 29 between slashes are left
    for run in pieces:
        assert all(len(html_module.unescape(p)) <= 30 and "&amp" not in p.replace("&amp;", "")
                   for p in run.split("<wbr>"))
    text = re.sub(r"</?span[^>]*>|<wbr>", "", marked)
    assert text == page  # nothing but break points added
