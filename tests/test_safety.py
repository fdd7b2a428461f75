"""Answer text is data; templates fail loudly; the PDF renderer fetches only packaged assets."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, write
from pypdf import PdfReader
from readback import docx_text, pdf_text

from foiletters.build import build
from foiletters.errors import AnswerFileError, TemplateError
from foiletters.render.letter import Rendering, render
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet
from foiletters.write.pdf import to_pdf


def _letter_with_answer(tmp_path: Path, answer: str) -> Path:
    return write(tmp_path, "a.yaml", MINIMAL.replace("    answer: Twelve.", "    answer: |\n      " + answer))


@pytest.mark.parametrize("text", ["{{ 7 * 7 }} and {% if true %}x{% endif %}", "{{ profile.email }}", "{# hidden #}"])
def test_jinja_in_answers_is_printed_literally(tmp_path: Path, house: TemplateSet, text: str):
    built = build(_letter_with_answer(tmp_path, text), tmp_path / "out", house)
    files = {p.suffix: p for p in built.files}
    assert text in docx_text(files[".docx"])
    assert text in " ".join(pdf_text(files[".pdf"]).split())


@pytest.mark.parametrize(("markdown", "shown", "absent"), [
    ("<script>alert(1)</script>", "<script>alert(1)</script>", "<script"),
    ('<link rel="attachment" href="file:///etc/passwd">', '<link rel="attachment"', "<link rel=\"attachment"),
    ("![x](file:///etc/passwd)", "![x](file:///etc/passwd)", "<img"),
    ("[click](file:///etc/passwd)", "[click](file:///etc/passwd)", 'href="file:'),
    ("[click](javascript:alert(1))", "[click](javascript:alert(1))", 'href="javascript:'),
    ('<iframe src="http://169.254.169.254/">', "<iframe", "<iframe"),
])
def test_html_and_unsafe_links_in_answers_are_text(tmp_path: Path, house: TemplateSet, markdown: str, shown: str,
                                                   absent: str):
    request = load(_letter_with_answer(tmp_path, markdown))
    html = render(request, house).html
    assert absent not in html.split("<body>", 1)[1].replace("&lt;", "\u2039")
    built = build(request.source, tmp_path / "out", house, formats=("docx",))
    assert shown in docx_text(built.files[0])


def test_link_parameter_must_be_a_web_address(tmp_path: Path, house: TemplateSet):
    path = write(tmp_path, "a.yaml", MINIMAL.replace("    answer: Twelve.",
                 "    exemption:\n      cite: s21\n      where: our site\n      link: file:///etc/passwd"))
    with pytest.raises(AnswerFileError) as caught:
        build(path, tmp_path / "out", house)
    message = caught.value.format_message()
    assert "questions[0].exemption.link: [exemption-details] 'file:///etc/passwd' is not a web address" in message


@pytest.mark.parametrize("element", [
    '<link rel="attachment" href="file:///etc/passwd">',
    '<img src="file:///etc/passwd">',
    '<img src="http://169.254.169.254/latest/meta-data/">',
    '<img src="http://127.0.0.1:9/x.png">',
    '<link rel="stylesheet" href="../../../../etc/passwd">',
    '<style>@import url("file:///etc/hostname");</style>',
])
def test_renderer_refuses_every_resource_but_packaged_assets(element: str):
    html = f'<html><head><link rel="stylesheet" href="letter.css"></head><body>{element}<p>x</p></body></html>'
    rendering = Rendering(html=html, reference="FOI1", title="t", subject="s", author="a", date=dt.date(2026, 1, 1))
    with pytest.raises(TemplateError) as caught:
        to_pdf(rendering)
    assert "may not be loaded" in str(caught.value.message)


def test_packaged_stylesheet_and_fonts_are_allowed():
    html = '<html><head><link rel="stylesheet" href="letter.css"></head><body><p>Hello</p></body></html>'
    pdf = to_pdf(Rendering(html=html, reference="FOI1", title="t", subject="s", author="a", date=dt.date(2026, 1, 1)))
    fonts = [str(f["/BaseFont"]) for f in PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()]
    assert fonts and all("+Letter-Sans" in f for f in fonts)


def test_undefined_name_in_a_template_is_an_error_with_file_and_line(tmp_path: Path):
    house = tmp_path / "templates"
    write(house, "letter.html.j2", '{% extends "default:letter.html.j2" %}\n'
          '{% block opening %}\n<p>{{ profile.emial }}</p>\n{% endblock %}\n')
    with pytest.raises(TemplateError) as caught:
        build(write(tmp_path, "a.yaml", MINIMAL), tmp_path / "out", TemplateSet(house))
    message = caught.value.message
    assert "letter.html.j2:3:" in message and "emial" in message
    assert not (tmp_path / "out").exists()


def test_templates_cannot_be_loaded_from_outside_the_template_folders(tmp_path: Path):
    house = tmp_path / "templates"
    write(tmp_path, "secret.html.j2", "SECRET")
    write(house, "letter.html.j2", '{% include "../secret.html.j2" %}')
    with pytest.raises(TemplateError):
        build(write(tmp_path, "a.yaml", MINIMAL), tmp_path / "out", TemplateSet(house))


@pytest.mark.parametrize("linked", ["boilerplate/reuse/2020-01-01.html.j2", "profile.yaml", "boilerplate"])
def test_a_link_out_of_the_house_templates_folder_is_refused(tmp_path: Path, linked: str):
    secret = write(tmp_path / "elsewhere", "secret.html.j2", "SECRET")
    house = tmp_path / "templates"
    link = house / linked
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret if linked != "boilerplate" else secret.parent)
    with pytest.raises(TemplateError) as caught:
        TemplateSet(house)
    assert linked in caught.value.message and "points outside" in caught.value.message


def test_a_link_inside_the_house_templates_folder_is_allowed(tmp_path: Path):
    house = tmp_path / "templates"
    target = write(house / "parts", "note.html.j2", "a note")
    (house / "note.html.j2").symlink_to(target)
    assert TemplateSet(house).template("note.html.j2").render() == "a note"


def test_help_and_failed_builds_do_not_import_weasyprint(tmp_path: Path):
    bad = write(tmp_path, "bad.yaml", "reference: FOI1\n")
    code = ("import sys; from foiletters.cli import main; main(['--help']); main(['build', '--help']);"
            f"main(['build', {str(bad)!r}]); print('weasyprint' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip().endswith("False")
