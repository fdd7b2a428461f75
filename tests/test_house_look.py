"""A house's look in both formats, read back from the built files as their readers see them: a letterhead in two
languages side by side, the date against the right margin (in WeasyPrint's PDF, in the DOCX, and in the PDF
LibreOffice makes of the DOCX), and the characters a house's own fonts can draw."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from readback import docx_blocks

from foiletters.build import build
from foiletters.render.house import TemplateSet

HOUSES = ROOT / "examples" / "houses"
LOCHSIDE = HOUSES / "lochside-agency"
RIVERSIDE = HOUSES / "riverside-trust"
_WORD_BOX = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def side_by_side_house(folder: Path) -> Path:
    """Lochside's house with its letterhead's two languages side by side instead of one above the other."""
    shutil.copytree(LOCHSIDE, folder)
    profile = folder / "templates" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    assert "letterhead_languages: stacked" in text
    profile.write_text(text.replace("letterhead_languages: stacked", "letterhead_languages: side-by-side"),
                       encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """The side-by-side letter and the trust's letter (date on the right), as DOCX, PDF and LibreOffice's PDF
    of the DOCX (one soffice run for both)."""
    out = tmp_path_factory.mktemp("look")
    house = side_by_side_house(out / "lochside")
    letters = {}
    for name, answer_file, templates in (("side-by-side", house / "XYZ 12345.yaml", house / "templates"),
                                         ("right", RIVERSIDE / "FOI-1234-2425-AB.yaml", RIVERSIDE / "templates")):
        result = build(answer_file, out / name, TemplateSet(templates))
        letters[name] = {p.suffix.lstrip("."): p for p in result.files}
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        if os.environ.get("CI") == "true":
            pytest.fail("soffice is missing: scripts/setup installs libreoffice-writer-nogui")
        pytest.skip("LibreOffice (soffice) is not installed: scripts/system-packages.txt lists it")
    converted = out / "libreoffice"
    profile = tmp_path_factory.mktemp("libreoffice-profile")  # its own, so that it runs beside any other soffice
    result = subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                             "--convert-to", "pdf", "--outdir", str(converted),
                             *(str(files["docx"]) for files in letters.values())],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    for files in letters.values():
        files["libreoffice"] = converted / f"{files['docx'].stem}.pdf"
        assert files["libreoffice"].is_file()
    return letters


def first_page_words(pdf: Path) -> tuple[float, list[tuple[float, float, float, float, str]]]:
    """The page's width and the words of its first page with their boxes, as `pdftotext -bbox` reads them."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    return width, [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in _WORD_BOX.findall(html)]


def box(words: list[tuple[float, float, float, float, str]], word: str) -> tuple[float, float, float, float]:
    return next(b[:4] for b in words if b[4] == word)


@pytest.mark.parametrize("made_by", ["pdf", "libreoffice"])
def test_a_letterhead_in_two_languages_side_by_side_has_its_lines_side_by_side(built, made_by: str):
    """Each English line of the letterhead has its Gaelic line beside it, to its right, on the same line."""
    width, words = first_page_words(built["side-by-side"][made_by])
    for english, gaelic in (("Team", "Sgioba"), ("Address:", "Seòladh:"), ("Inverlochan", "Inbhir"),
                            ("Phone:", "Fòn:")):
        left, right = box(words, english), box(words, gaelic)
        assert abs(left[1] - right[1]) < 2, (english, gaelic, left, right)  # the same line
        assert right[0] > left[2] + 10 and right[0] > width * 0.4, (english, gaelic, left, right)  # to its right


def test_the_docx_letterhead_side_by_side_is_a_layout_table_of_two_columns(built):
    from test_word_files import ooxml_problems

    assert ooxml_problems(built["side-by-side"]["docx"].read_bytes()) == []
    table = next(b for b in docx_blocks(built["side-by-side"]["docx"]) if not hasattr(b, "text"))
    assert len(table.rows) == 1 and len(table.columns) == 2
    english, gaelic = (cell.paragraphs for cell in table.rows[0].cells)
    assert english[0].text == "Information Rights Team" and gaelic[0].text == "Sgioba Còraichean Fiosrachaidh"
    assert all(p.style.name == "Letterhead" and p.paragraph_format.left_indent == 0 for p in english + gaelic)
    cells = table.rows[0].cells
    languages = {n: {r.get(qn("w:val")) for r in cells[n]._tc.iter(qn("w:lang"))} for n in (0, 1)}
    assert languages == {0: set(), 1: {"gd"}}  # the Gaelic column's text is marked as Gaelic, as in the PDF
    tbl = table._tbl
    look = tbl.tblPr.find(qn("w:tblLook"))
    assert look.get(qn("w:firstRow")) == "0" and look.get(qn("w:firstColumn")) == "0"  # layout, not data
    assert tbl.find(f".//{qn('w:tblHeader')}") is None and tbl.tblPr.find(qn("w:tblStyle")) is None
    borders = tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"} and len(borders) == 6


def test_a_stacked_letterhead_stays_paragraphs_one_above_the_other(tmp_path: Path):
    result = build(LOCHSIDE / "XYZ 12345.yaml", tmp_path, TemplateSet(LOCHSIDE / "templates"), formats=("docx",))
    document = Document(str(result.files[0]))
    assert not any("Sgioba" in cell.text for table in document.tables for cell in table._cells)
    lines = [p.text for p in document.paragraphs]
    assert lines.index("Information Rights Team") < lines.index("Sgioba Còraichean Fiosrachaidh")


@pytest.mark.parametrize("made_by", ["pdf", "libreoffice"])
def test_the_date_on_the_right_ends_at_the_right_margin(built, made_by: str):
    width, words = first_page_words(built["right"][made_by])
    date, dear = box(words, "05/11/2024"), box(words, "Dear")
    margin = width - date[2]
    assert margin < width * 0.2 and date[0] > width / 2, (date, width)  # against the right margin
    assert dear[0] < width * 0.2  # and the salutation against the left


def test_the_docx_date_on_the_right_is_right_aligned_and_other_dates_are_not(built, tmp_path: Path):
    date = next(p for p in Document(str(built["right"]["docx"])).paragraphs if p.text == "05/11/2024")
    assert date.style.name == "Letter Date" and date.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    other = build(LOCHSIDE / "XYZ 12345.yaml", tmp_path, TemplateSet(LOCHSIDE / "templates"), formats=("docx",))
    date = next(p for p in Document(str(other.files[0])).paragraphs if p.text == "3 May 2024")
    assert date.alignment is None  # the Letter Date style's own


# -- the characters a house's own fonts draw ------------------------------------------------------------------

OGHAM = "ᚁᚂᚃ"  # Irish Ogham: in no packaged font
ANSWER = "We enclose the sampling results for 2023."


def ogham_font(path: Path) -> None:
    """A font of squares for the Ogham letters (and a space), made here so that no font file is needed."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    letters = {ord(c): f"uni{ord(c):04X}" for c in OGHAM}
    names = [".notdef", "space", *letters.values()]
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "space":
            pen.moveTo((100, 0))
            for point in ((100, 700), (500, 700), (500, 0)):
                pen.lineTo(point)
            pen.closePath()
        glyphs[name] = pen.glyph()
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", **letters})
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({name: (600, 100) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": "Lochside Ogham", "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    builder.save(str(path))


def house_with_text(folder: Path, text: str, ogham: bool) -> tuple[Path, TemplateSet]:
    """Lochside's house and letter, the letter's answer starting with `text`; with `ogham`, the house's style
    sheet loads an Ogham font of its folder too."""
    shutil.copytree(LOCHSIDE, folder)
    answer_file = folder / "XYZ 12345.yaml"
    source = answer_file.read_text(encoding="utf-8")
    assert ANSWER in source
    answer_file.write_text(source.replace(ANSWER, f"{text} {ANSWER}"), encoding="utf-8")
    if ogham:
        ogham_font(folder / "templates" / "fonts" / "Ogham.ttf")
        with (folder / "templates" / "house.css").open("a", encoding="utf-8") as sheet:
            sheet.write('\n@font-face { font-family: "Lochside Ogham"; src: url("fonts/Ogham.ttf"); }\n'
                        'html { font-family: "Lochside Serif", "Lochside Ogham"; }\n')
    return answer_file, TemplateSet(folder / "templates")


def glyph_findings(answer_file: Path, templates: TemplateSet) -> list[str]:
    from foiletters.check.run import check
    from foiletters.load.answerfile import load

    return [str(f) for f in check(load(answer_file), templates) if f.rule == "missing-glyphs"]


def test_a_character_only_the_house_font_has_is_not_refused_and_is_drawn_with_it(tmp_path: Path):
    from pypdf import PdfReader

    answer_file, templates = house_with_text(tmp_path / "house", OGHAM, ogham=True)
    assert glyph_findings(answer_file, templates) == []
    result = build(answer_file, tmp_path / "out", templates, formats=("pdf",))
    reader = PdfReader(result.files[0])
    assert f"{OGHAM} {ANSWER}" in " ".join(page.extract_text() for page in reader.pages)
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert any(f.endswith("+Lochside-Ogham") for f in fonts), fonts


def test_a_character_the_house_fonts_lack_is_still_refused(tmp_path: Path):
    answer_file, templates = house_with_text(tmp_path / "house", OGHAM, ogham=False)  # Liberation Serif: no Ogham
    (message,) = glyph_findings(answer_file, templates)
    assert "'ᚁ' (U+1681 OGHAM LETTER BEITH)" in message and "empty boxes" in message
    answer_file, templates = house_with_text(tmp_path / "ogham", "中", ogham=True)  # in none of its fonts
    (message,) = glyph_findings(answer_file, templates)
    assert "U+4E2D" in message


def test_welsh_and_gaelic_letters_are_drawn_by_the_house_and_packaged_fonts(tmp_path: Path):
    answer_file, templates = house_with_text(tmp_path / "house", "Dŵr, tŷ, ẅ, ỳ; Gàidhlig, fòn.", ogham=True)
    assert glyph_findings(answer_file, templates) == []


def test_the_punctuation_taken_as_drawn_without_reading_the_fonts_is_in_every_packaged_font():
    from foiletters.check.glyphs import ALSO_SURELY_DRAWN, FONTS, SURELY_DRAWN, _cmap, _stamp

    fonts = sorted(FONTS.glob("*.ttf"))
    assert len(fonts) == 4  # regular, bold, italic, bold italic
    for path in fonts:
        drawn = _cmap(path, *_stamp(path))
        assert {ord(c) for c in ALSO_SURELY_DRAWN} <= drawn, path.name
        assert set(range(0x20, 0x7F)) | set(range(0xA0, SURELY_DRAWN)) <= drawn, path.name


# -- the logo on the log's pages ---------------------------------------------------------------------------------


def test_the_log_publishes_the_logo_in_use_with_its_pages_and_removes_it_when_no_letter_shows_it(tmp_path: Path):
    from docx.image.png import Png

    from foiletters.publish.run import run_log

    house = tmp_path / "northmoor"
    shutil.copytree(HOUSES / "northmoor-police", house)
    site = tmp_path / "site"
    assert run_log(house, site, house / "templates", echo=lambda line: None)
    logo = site / "assets" / "house" / "logo-16mm.png"
    assert Png.from_stream(__import__("io").BytesIO(logo.read_bytes())).px_height == round(16 / 25.4 * 300)
    for request in ("123-2024", "ABC-19-01234"):
        page = (site / "requests" / request / "index.html").read_text(encoding="utf-8")
        assert '<img src="../../assets/house/logo-16mm.png" alt="Northmoor Constabulary"' in page
    profile = house / "templates" / "profile.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("  logo: logo.svg\n", "  logo: logo.svg\n  logo_height: 20mm\n", 1)
                       .replace("  logo_height: 16mm\n", ""), encoding="utf-8")
    assert run_log(house, site, house / "templates", echo=lambda line: None)
    assert not logo.exists() and (site / "assets" / "house" / "logo-20mm.png").is_file()  # the new one only
    profile.write_text(text.replace("  logo: logo.svg\n", ""), encoding="utf-8")
    assert run_log(house, site, house / "templates", echo=lambda line: None)
    assert not (site / "assets" / "house").exists()  # no letter shows a logo: none is published
    assert "<img" not in (site / "requests" / "123-2024" / "index.html").read_text(encoding="utf-8")
