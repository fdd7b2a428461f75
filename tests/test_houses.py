"""Any authority's letters from data and wording only: the example houses of examples/houses/ (a police
force, a Scottish agency, an NHS trust) built in both formats and read back, `templates check` on every
house of the repository, and the list of names house wording may use, which cannot drift from the code."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from conftest import ROOT, write
from docx import Document
from pypdf import PdfReader
from readback import docx_blocks, docx_text, pdf_text, words

from foiletters.build import build
from foiletters.errors import TemplateError
from foiletters.governance.house_contents import check_house
from foiletters.governance.template_check import check_templates
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render
from foiletters.render.wording import EVERY, format_date, names, names_markdown
from foiletters.write.docx import to_docx

HOUSES = ROOT / "examples" / "houses"
EXAMPLE_HOUSES = sorted(p for p in HOUSES.iterdir() if (p / "templates").is_dir())
EVERY_HOUSE = [ROOT / "templates", *(h / "templates" for h in EXAMPLE_HOUSES)]


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """Every example house's letters, built as DOCX and PDF: {reference as written: {format: path}}."""
    out = tmp_path_factory.mktemp("houses")
    built = {}
    for house in EXAMPLE_HOUSES:
        templates = TemplateSet(house / "templates")
        for answer_file in sorted(house.glob("*.yaml")):
            result = build(answer_file, out / house.name, templates)
            built[load(answer_file).answers.reference] = {p.suffix.lstrip("."): p for p in result.files}
    return built


def both(letters: dict[str, dict[str, Path]], reference: str) -> tuple[str, str]:
    return pdf_text(letters[reference]["pdf"]), docx_text(letters[reference]["docx"])


def test_there_are_three_authorities_of_other_kinds():
    assert {h.name for h in EXAMPLE_HOUSES} >= {"northmoor-police", "lochside-agency", "riverside-trust"}
    for house in EXAMPLE_HOUSES:
        folder = house / "templates"
        assert (folder / "profile.yaml").is_file() and list(folder.glob("*.css")) and list(folder.glob("logo.*"))
        assert list(house.glob("*.yaml")), f"{house.name} has no letters"


@pytest.mark.parametrize("folder", EVERY_HOUSE, ids=lambda p: p.parent.name if p.name == "templates" else p.name)
def test_every_house_is_data_and_wording_and_passes_templates_check(folder: Path):
    templates = TemplateSet(folder)
    assert check_house(templates) == []
    answer_files = sorted(folder.parent.glob("*.yaml")) if folder.parent != ROOT else \
        sorted((ROOT / "answers").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
    report = check_templates(templates, answer_files, dt.date(2026, 1, 1))
    assert report.errors == [] and report.warnings == []
    # Every letter of every file: the response (when it has been sent) and each of its `letters`.
    sent = [load(path).answers for path in answer_files]
    assert report.letters == sum(len(a.letters) + (a.date is not None) for a in sent)


def test_references_are_printed_as_written_everywhere(letters):
    for reference in ("123/2024", "ABC/19/01234", "XYZ 12345", "FOI-1234-2425/AB", "0042"):
        pdf, docx = both(letters, reference)
        assert reference in pdf and reference in docx  # the heading
        assert letters[reference]["pdf"].stem == letters[reference]["docx"].stem == re.sub(r"[/ ]", "-", reference)
        properties = Document(str(letters[reference]["docx"])).core_properties
        assert properties.keywords == reference and properties.title.endswith(reference)
        assert PdfReader(letters[reference]["pdf"]).metadata.title.endswith(reference)
        footer = Document(str(letters[reference]["docx"])).sections[0].footer.paragraphs[0].text
        assert footer == reference
    full = "\n".join(page.extract_text() for page in PdfReader(letters["123/2024"]["pdf"]).pages[1:])
    assert "123/2024" in full.splitlines()  # the running reference of page 2 on


def test_police_letter_several_exemptions_ncnd_and_reasons_in_annex(letters):
    for text in both(letters, "123/2024"):
        lines = text.splitlines()
        # the metadata block, with the requester's own reference and dates in the house's format
        for line in ("Reference No: 123/2024", "Your ref: JR/ANPR/7", "Request received: 2nd April 2024",
                     "Date of response: 3rd May 2024"):
            assert line in lines
        assert "Dear Mr Reyes" in lines and "REQUEST" in lines and "RESPONSE" in lines
        assert "Further to my letter of 30th April 2024" in text
        # both citations listed with their library titles, then pointed to the annex
        assert "s31(1) – Law enforcement" in text and "s24(1) – National security" in text
        assert text.count("Our reasons are set out in Annex A.") == 2
        annex = text[text.index("\nAnnex A"):]
        # one harm section and one public interest test for s31 and s24 together
        assert annex.count("Publishing the locations would show") == 1
        # (question 2's for s31 and s24 together; question 3's for its NCND under s24, which is qualified)
        assert annex.count("Factors in favour of disclosure") == 2
        assert annex.count("Openness about how the force uses surveillance technology.") == 1
        # one NCND statement under both sections, and no wording that would confirm or deny
        assert annex.count("neither confirm nor deny") == 1
        assert "We rely on s23(5) and s24(2)" in " ".join(annex.split())
        # the signature block: the officer, the job title, the department
        tail = lines[lines.index("Yours sincerely"):]
        assert tail[1:4] == ["Sam Okafor", "Disclosure Officer", "Information Management Department"]
        assert "by 2nd July 2024" in text  # 40 working days after the letter, in the house's format


def test_schedule_of_documents_is_a_table_in_both_formats(letters):
    pdf, _ = both(letters, "ABC/19/01234")
    assert "Inspection report, Moorgate custody suite 3 May 2023 s40(2) (released in part)" in pdf
    tables = [b for b in docx_blocks(letters["ABC/19/01234"]["docx"]) if not hasattr(b, "text")]
    schedule = next(t for t in tables if t.rows[0].cells[0].text == "Document")
    assert [c.text for c in schedule.rows[0].cells] == ["Document", "Date", "Exemptions applied"]
    assert [c.text for c in schedule.rows[3].cells] == ["Legal advice on the review's findings", "12 June 2023",
                                                        "s42(1) (withheld)"]


def test_scottish_letter_bilingual_letterhead_whole_request_answer_and_enclosures(letters):
    pdf, docx = both(letters, "XYZ 12345")
    for text in (pdf, docx):
        lines = text.splitlines()
        assert "Sgioba Còraichean Fiosrachaidh" in lines and "Information Rights Team" in lines
        assert lines.index("Information Rights Team") < lines.index("Sgioba Còraichean Fiosrachaidh")  # stacked
        assert "For the attention of A. Byrne, Ardan Anglers" in lines and "Dear Alex" in lines
        assert "3 May 2024" in lines
        assert lines.index("3 May 2024") < lines.index("For the attention of A. Byrne, Ardan Anglers")  # above
        assert "We answered" in lines
        # the explanation first, then the list (the house's `exemptions_list: after`), one test for both
        assert text.index("commercially sensitive") < text.index("The exemptions we have applied are:")
        assert text.count("Factors in favour of disclosure") == 1
        assert "s33(1)(b) – Commercial interests" in text
        assert lines[lines.index("Enclosed:") + 1].endswith("Loch Ardan sampling results 2023 (spreadsheet)")
        assert "Corporate Services Directorate" in lines
    # the house's own font (Liberation Serif, in its templates folder) is the PDF's
    fonts = {str(f["/BaseFont"]) for page in PdfReader(letters["XYZ 12345"]["pdf"]).pages
             for f in page["/Resources"]["/Font"].values()}
    assert any(f.endswith("+Lochside-Serif") for f in fonts) and any(f.endswith("+Lochside-Serif-Bold") for f in fonts)


def test_trust_letter_inline_answer_label_right_date_and_addressee(letters):
    for text in both(letters, "FOI-1234-2425/AB"):
        lines = text.splitlines()
        assert "Response: The Trust spent £4,812,300 on agency nursing staff in 2023/24." in lines
        assert "05/11/2024" in lines and "Received: 08/10/2024" in lines
        assert "Your reference: DH-2024-118" in lines
        assert "Ms D. Hollis, Health Reporter" in lines and "Dear Ms Hollis" in lines
        assert lines[lines.index("Yours sincerely") + 1:][:2] == ["Dr Chris Patel", "Head of Information Governance"]
        assert "Information requested" in lines


# Each logo's mark in the PDF: an SVG is drawn as vector paths (its colour that nothing else of the
# letter has: the star's gold, the loch's light blue), a PNG as an image.
LOGO_IN_PDF = {"123/2024": b"0.94902 0.760784 0.188235 rg", "XYZ 12345": b"0.498039 0.819608 0.878431 rg",
               "FOI-1234-2425/AB": None}


@pytest.mark.parametrize("reference", list(LOGO_IN_PDF))
def test_logo_in_both_formats(letters, reference: str):
    document = Document(str(letters[reference]["docx"]))
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    image = shape._inline.graphic.graphicData.pic.blipFill.blip.embed
    assert document.part.related_parts[image].content_type == "image/png"
    assert shape._inline.docPr.get("descr")  # its alternative text: the organisation
    first = PdfReader(letters[reference]["pdf"]).pages[0]
    if LOGO_IN_PDF[reference] is None:
        images = [x for x in first["/Resources"]["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"]
        assert images
    else:
        assert LOGO_IN_PDF[reference] in first.get_contents().get_data()


def test_the_same_house_letter_gives_the_same_bytes(letters, tmp_path: Path):
    house = HOUSES / "northmoor-police"
    again = build(house / "123-2024.yaml", tmp_path, TemplateSet(house / "templates"))
    for path in again.files:
        assert path.read_bytes() == letters["123/2024"][path.suffix.lstrip(".")].read_bytes()


# -- what a house may hold -------------------------------------------------------------------------------


def _house(tmp_path: Path, files: dict[str, str]) -> TemplateSet:
    for name, text in files.items():
        write(tmp_path / "templates", name, text)
    return TemplateSet(tmp_path / "templates")


@pytest.mark.parametrize(("text", "expected"), [
    ("<p>{% if requester.name %}Hello{% endif %}</p>", "{% if %} is template programming"),
    ("<p>{% for p in profile.publications %}{{ p }}{% endfor %}</p>", "{% for %} is template programming"),
    ("{% set x = 1 %}<p>{{ x }}</p>", "{% set %} is template programming"),
    ('{% include "default:boilerplate/reuse/2000-01-01.html.j2" %}', "{% include %} is template programming"),
    ("<p>{{ profile.email|upper }}</p>", "only {{ name }} or {{ name.field }}"),
    ('<p>{{ "a" if letter.subject else "b" }}</p>', "only {{ name }} or {{ name.field }}"),
    ("<p>{{ secrets }}</p>", "'secrets' is not a name wording may use"),
])
def test_programming_in_wording_is_reported_with_file_and_line(tmp_path: Path, text: str, expected: str):
    templates = _house(tmp_path, {"boilerplate/reuse/2000-01-01.html.j2": "{# a comment is fine #}\n" + text})
    problems = check_house(templates)
    assert expected in problems[0]
    assert problems[0].startswith(f"{tmp_path / 'templates' / 'boilerplate/reuse/2000-01-01.html.j2'}:2")


def test_wording_of_names_dates_and_working_days_passes(tmp_path: Path):
    templates = _house(tmp_path, {
        "boilerplate/reuse/2000-01-01.html.j2": "<p>{{ profile.email }} {{ dates.sent }} "
                                                 "{{ working_days_after_sent.40 }} {{ regulator.name }}</p>",
        "exemptions/foia.yaml": "regime: FOIA\nentries:\n  s21:\n    wording: |\n      <p>{{ lead }}see "
                                "{{ link }} ({{ exemption.title }}).</p>\n      <p>{{ options }}</p>\n",
    })
    problems = check_house(templates)
    assert len(problems) == 1 and "foia.yaml:6 (s21 wording): 'options' is not a name" in problems[0]


def test_a_house_template_or_unknown_file_is_reported(tmp_path: Path):
    templates = _house(tmp_path, {"letter.html.j2": '{% extends "default:letter.html.j2" %}',
                                  "notes.exe": "x", "logo.svg": "<svg/>", "fonts/OFL.txt": "licence"})
    problems = check_house(templates)
    assert len(problems) == 2
    assert "letter.html.j2: a house holds wording and settings, not templates of its own" in problems[0]
    assert "notes.exe: a house holds settings" in problems[1]


# -- the names wording may use: documented from the code, and all of them really there -----------------------


def test_the_docs_list_of_names_is_generated_from_the_code():
    assert (ROOT / "docs" / "wording-names.md").read_text(encoding="utf-8") == names_markdown(), \
        "run: python -m foiletters.render.wording > docs/wording-names.md"


def test_every_documented_name_and_field_renders(tmp_path: Path):
    """A house wording that uses every name and field the docs list renders without an undefined name."""
    used = []
    for name in names():
        if name.where != EVERY:
            continue
        if name.name.startswith("working_days_after"):
            used.append(f"{{{{ {name.name}.20 }}}}")
        used += [f"{{{{ {name.name}.{field} }}}}" if name.fields else f"{{{{ {name.name} }}}}"
                 for field, _ in name.fields or [("", "")]]
    templates = _house(tmp_path, {"boilerplate/reuse/2000-01-01.html.j2": "<p>" + " | ".join(used) + "</p>"})
    assert check_house(templates) == []
    request = load(HOUSES / "northmoor-police" / "123-2024.yaml")
    html = render(request, templates).html
    assert "JR/ANPR/7" in html and "2 April 2024" in html  # requester.reference, dates.received (house default)


@pytest.mark.parametrize(("example", "expected"), [
    ("3 May 2024", "1 February 2025"), ("3rd May 2024", "1st February 2025"), ("03 May 2024", "01 February 2025"),
    ("Friday 3 May 2024", "Saturday 1 February 2025"), ("03/05/2024", "01/02/2025"), ("3.5.24", "1.2.25"),
])
def test_date_formats_are_written_as_the_house_writes_3_may_2024(example: str, expected: str):
    assert format_date(dt.date(2025, 2, 1), example) == expected


def test_ordinals():
    assert [format_date(dt.date(2024, 1, d), "3rd May 2024").split()[0] for d in (1, 2, 3, 4, 11, 12, 13, 21, 22,
                                                                                      23, 31)] == \
        ["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "23rd", "31st"]


def test_a_date_format_that_is_not_3_may_2024_is_refused():
    with pytest.raises(TemplateError, match="layout.date_format"):
        format_date(dt.date(2025, 2, 1), "%d %B %Y")


# -- the look: an inline style sheet, and what the letter may load -------------------------------------------


def test_an_inline_style_sheet_does_not_show_as_text_in_the_docx():
    html = ("<html><head><style>p { color: red }</style></head><body><style>.x { color: blue }</style>"
            "<p>Hello</p></body></html>")
    rendering = Rendering(html=html, reference="R/1", title="t", subject="s", author="a", date=dt.date(2024, 1, 1))
    text = "\n".join(p.text for p in Document(io.BytesIO(to_docx(rendering))).paragraphs)
    assert "color" not in text and "Hello" in text


def test_a_house_style_sheet_cannot_load_a_file_outside_the_house(tmp_path: Path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG")
    house = HOUSES / "riverside-trust" / "templates"
    templates = _house(tmp_path / "copy", {"profile.yaml": (house / "profile.yaml").read_text(),
                                           "house.css": "body { background: url(../../secret.png) }"})
    (tmp_path / "copy" / "templates" / "logo.png").write_bytes((house / "logo.png").read_bytes())
    from foiletters.write.pdf import to_pdf

    rendering = render(load(HOUSES / "riverside-trust" / "FOI-1234-2425-AB.yaml"), templates)
    with pytest.raises(TemplateError, match="may not be loaded"):
        to_pdf(rendering)


def test_a_logo_outside_the_house_folder_is_refused(tmp_path: Path):
    templates = _house(tmp_path, {"profile.yaml": "layout:\n  logo: ../logo.png\n"})
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    with pytest.raises(TemplateError, match="inside the templates folder"):
        render(load(HOUSES / "riverside-trust" / "FOI-1234-2425-AB.yaml"), templates)


def test_answer_files_of_the_old_format_render_as_before(built_letters):
    """The Coventry house's letters, now of data and wording only, still say what they said: the seeds'
    test compares them with the published text; here the features they do not use stay out."""
    text = docx_text(built_letters["FOI795053096"]["docx"])
    assert "Request ID: FOI795053096" in text
    for absent in ("REQUEST", "Annex A", "Enclosed:", "Your reference:", "We have applied the following"):
        assert absent not in words(text) and absent not in text


def test_the_log_prints_references_as_written_in_folders_named_safely(tmp_path: Path):
    """A reference with slashes is printed as written on the log's pages and in its feed, while its folder is
    the file name made from it (a folder `123/` would hold two requests, and be removed as unknown)."""
    import json

    from foiletters.publish.run import run_log

    house = HOUSES / "northmoor-police"
    out = tmp_path / "site"
    for _ in range(2):  # the second run keeps what the first published
        assert run_log(house, out, house / "templates", echo=lambda line: None, base_url="https://log.example/")
    assert sorted(p.name for p in (out / "requests").iterdir()) == ["123-2024", "ABC-19-01234"]
    page = (out / "requests" / "123-2024" / "index.html").read_text(encoding="utf-8")
    assert "<h1>123/2024: " in page and (out / "requests" / "123-2024" / "123-2024.pdf").is_file()
    # the logo: not the letter's address of it (house/logo.svg), which means nothing on the site, but its PNG
    assert ' src="house/' not in page and '<img src="../../assets/house/logo-16mm.png"' in page
    assert (out / "assets" / "house" / "logo-16mm.png").read_bytes().startswith(b"\x89PNG")
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="requests/ABC-19-01234/index.html">ABC/19/01234</a>' in index
    feed = next(out.glob("*.atom")).read_text(encoding="utf-8")
    assert "<title>123/2024: " in feed and "requests/123-2024/index.html" in feed
    data = {r["reference"]: r for r in json.loads((out / "index.json").read_text(encoding="utf-8"))}
    assert data["ABC/19/01234"]["url"] == "https://log.example/requests/ABC-19-01234/index.html"


def test_several_annexes_are_named_in_order(letters):
    for text in both(letters, "0042"):
        lines = text.splitlines()
        assert "Annex A" in lines
        answers_annex = next(line for line in lines if line.startswith("Annex B: "))
        assert answers_annex == "Annex B: The force's use of body-worn video; 0042"
        assert lines.index("Annex A") < lines.index(answers_annex)
        assert "Freedom of Information Request 0042" in lines
        assert "Dear Sir/Madam" in lines and "Yours faithfully" in lines  # no requester: the house's valediction


def test_a_misspelt_layout_setting_is_an_error_naming_file_line_and_the_right_name(tmp_path: Path):
    templates = _house(tmp_path, {"profile.yaml": "organisation: X\nlayout:\n  date_postion: right\n"
                                                  "  exemptions_list: later\n  labels:\n    anser: Response\n"})
    with pytest.raises(TemplateError) as error:
        templates.profile(dt.date(2024, 1, 1))
    lines = str(error.value).splitlines()
    assert lines[0].endswith("profile.yaml:3: layout.date_postion: there is no such setting; did you mean "
                             "'date_position'?")
    assert lines[1].endswith("profile.yaml:6: layout.labels.anser: there is no such setting; did you mean 'answer'?")
    assert lines[2].endswith("profile.yaml:4: layout.exemptions_list: 'later' is not one of before, after")
