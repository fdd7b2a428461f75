"""Template governance: `foiletters templates list` and `templates check` on a copy of the house templates
in a git repository of its own, changed the way the governance team changes them."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

from foiletters.cli import main
from foiletters.governance.template_check import check_templates
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet

GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_SYSTEM": os.devnull}
LETTERS = ["FOI795053096", "REQ07585"]  # dated 2026 and 2020: either side of two boilerplate changes


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The house templates and two answer files, committed in a repository of their own."""
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    (tmp_path / "answers").mkdir()
    for name in LETTERS:
        shutil.copy(ROOT / "answers" / f"{name}.yaml", tmp_path / "answers")
    for args in (["init", "-q"], ["add", "."], ["commit", "-qm", "house templates"]):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, env={**os.environ, **GIT_ENV})
    monkeypatch.chdir(tmp_path)
    return tmp_path


REGULATOR = Path("templates/boilerplate/regulator/2021-01-01.html.j2")


def test_a_changed_paragraph_shows_as_a_diff_of_the_letters_it_reaches(repo: Path, capsys):
    REGULATOR.write_text(REGULATOR.read_text() +
                         "<p>You can also call the Information Commissioner's helpline on 0303 123 1113.</p>\n")
    assert main(["templates", "check"]) == 0
    out = capsys.readouterr().out
    assert "--- answers/FOI795053096.yaml (templates at HEAD)\n+++ answers/FOI795053096.yaml (templates now)" in out
    assert "+You can also call the Information Commissioner's helpline on 0303 123 1113." in out
    # The 2020 letter is under the version of before 2021: the change does not reach it.
    assert "answers/REQ07585.yaml (templates now)" not in out
    assert "2 letters rendered; 1 changed, 1 unchanged; 0 errors" in out
    assert main(["templates", "check", "--fail-on-change"]) == 1


def test_a_changed_address_shows_the_old_and_new_lines(repo: Path, capsys):
    profile = Path("templates/profile.yaml")
    profile.write_text(profile.read_text().replace("PO Box 7097", "PO Box 7098"))
    assert main(["templates", "check"]) == 0
    out = capsys.readouterr().out
    assert "-PO Box 7097\n+PO Box 7098" in out


def test_an_undefined_name_is_an_error_naming_the_template_and_line(repo: Path, capsys):
    REGULATOR.write_text("<p>Write to us.</p>\n<p>{{ regulator.telephone }}</p>\n")
    assert main(["templates", "check"]) == 1
    out = capsys.readouterr().out
    assert "error: answers/FOI795053096.yaml (dated 04 March 2026): the letter does not render: " in out
    assert "templates/boilerplate/regulator/2021-01-01.html.j2:2: UndefinedError" in out
    assert "telephone" in out


def test_a_syntax_error_is_found_even_where_no_letter_goes(repo: Path, capsys):
    Path("templates/boilerplate/reuse/2030-01-01.html.j2").write_text("<p>{% if x %}never closed</p>\n")
    assert main(["templates", "check", "--as-of", "2026-11-01"]) == 1
    out = capsys.readouterr().out
    assert "error: templates/boilerplate/reuse/2030-01-01.html.j2:1: template syntax error: Unexpected end" in out
    assert ("info: templates/boilerplate/reuse/2030-01-01.html.j2: boilerplate 'reuse' is written ahead: it applies "
            "from 01 January 2030, after 01 November 2026") in out


def test_overlapping_versions_and_a_letter_in_a_gap_are_errors(repo: Path, capsys):
    folder = Path("templates/boilerplate/reuse")
    (folder / "2021-01-01.html.j2").rename(folder / "2021-01-01--2026-12-31.html.j2")
    (folder / "2026-06-01.html.j2").write_text("<p>New re-use wording.</p>\n")
    assert main(["templates", "check"]) == 1
    out = capsys.readouterr().out
    assert ("error: templates/boilerplate/reuse/2026-06-01.html.j2: boilerplate 'reuse' has two versions on "
            "01 June 2026: 2021-01-01--2026-12-31.html.j2 runs until 31 December 2026") in out
    (folder / "2026-06-01.html.j2").unlink()
    (folder / "2021-01-01--2026-12-31.html.j2").rename(folder / "2021-01-01--2025-12-31.html.j2")
    (folder / "2026-06-01.html.j2").write_text("<p>New re-use wording.</p>\n")
    assert main(["templates", "check"]) == 1
    out = capsys.readouterr().out
    assert "boilerplate 'reuse' has no version from 01 January 2026 to 31 May 2026" in out
    assert ("error: answers/FOI795053096.yaml (dated 04 March 2026): the letter does not render: no version of "
            "boilerplate 'reuse' applies on 04 March 2026") in out


def test_a_house_template_of_its_own_is_an_error_and_unused_a_warning(repo: Path, capsys):
    Path("templates/parts").mkdir()
    Path("templates/parts/footnote.html.j2").write_text("<p>A footnote nobody includes.</p>\n")
    assert main(["templates", "check"]) == 1
    out = capsys.readouterr().out
    assert ("error: templates/parts/footnote.html.j2: a house holds wording and settings, not templates of its own "
            "(parts/footnote.html.j2 replaces the packaged template)") in out
    assert "warning: templates/parts/footnote.html.j2: no letter renders the house template" in out


def test_compare_with_a_folder_of_earlier_builds(repo: Path, tmp_path: Path, capsys):
    assert main(["build", "answers/FOI795053096.yaml", "-o", "published", "--format", "docx"]) == 0
    profile = Path("templates/profile.yaml")
    profile.write_text(profile.read_text().replace("024 7697 5408", "024 7697 0000"))
    assert main(["templates", "check", "--against-builds", "published"]) == 0
    out = capsys.readouterr().out
    assert "(built in published)" in out
    assert "-Phone: 024 7697 5408\n+Phone: 024 7697 0000" in out
    assert "REQ07585.yaml: no earlier build" in out


def test_list_shows_what_is_in_force_and_where_it_comes_from(repo: Path, capsys):
    assert main(["templates", "list", "--as-of", "2020-06-01"]) == 0
    out = capsys.readouterr().out
    assert "In force on 01 June 2020 (templates version " in out
    lines = {line.split()[0]: line for line in out.splitlines()[1:] if line.startswith("  ")}
    assert "templates/boilerplate/reuse/2000-01-01.html.j2" in lines["boilerplate/reuse"]
    assert " house " in lines["boilerplate/reuse"]
    assert " packaged " in lines["boilerplate/closing"]
    assert " house over packaged " in lines["exemptions/foia.yaml"]
    assert main(["templates", "list", "--as-of", "2019-06-01"]) == 0
    assert "Written ahead, not yet in force:" in capsys.readouterr().out


def test_the_repository_templates_pass_their_own_check():
    answer_files = sorted((ROOT / "answers").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))
    report = check_templates(TemplateSet(ROOT / "templates"), answer_files, dt.date.today())
    assert report.errors == [] and report.warnings == []
    # Every letter of each file: its response and the other letters of the request's life (examples/life.yaml).
    assert report.letters == sum(1 + len(load(path).answers.letters) for path in answer_files)


def test_each_letter_records_the_templates_version_it_used(built_letters: dict[str, dict[str, Path]]):
    from docx import Document
    from pypdf import PdfReader

    from foiletters.load.answerfile import load

    letter = built_letters["FOI795053096"]
    expected = TemplateSet(ROOT / "templates").fingerprint(load(ROOT / "answers" / "FOI795053096.yaml").answers.date)
    assert Document(str(letter["docx"])).core_properties.version == f"templates {expected}"
    assert PdfReader(letter["pdf"]).metadata["/foiletterstemplates"]  # WeasyPrint lowers custom keys == expected
