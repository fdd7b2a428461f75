"""Properties of the project as a whole."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import MINIMAL, ROOT, write

from foiletters.build import build


def test_no_code_or_template_names_a_particular_request():
    reference = re.compile(r"\b(FOI|REQ)\d{4,}\b")
    places = [p for folder in (ROOT / "src" / "foiletters", ROOT / "templates") for p in folder.rglob("*")
              if p.is_file() and p.suffix in {".py", ".j2", ".yaml", ".css"}]
    assert places
    example = "FOI123456789"  # the placeholder of examples/simple.yaml, used in help texts
    offenders = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in places
                 for m in reference.finditer(p.read_text(encoding="utf-8")) if m.group(0) != example]
    assert offenders == []


def test_attachments_are_copied_beside_the_letter_and_kept(tmp_path: Path, house):
    write(tmp_path, "routes.csv", "a,b\n1,2\n")
    answer = write(tmp_path, "a.yaml", MINIMAL + "attachments:\n  - file: routes.csv\n"
                   "  - title: the spreadsheet\n    sent_separately: yes\n")
    built = build(answer, tmp_path / "out", house)
    assert (tmp_path / "out" / "routes.csv").read_text() == "a,b\n1,2\n"
    assert (tmp_path / "routes.csv").exists()  # copied, never moved
    assert sorted(p.name for p in built.files) == ["FOI1000001.docx", "FOI1000001.pdf", "routes.csv"]


def test_no_temporary_files_are_left_in_the_output_folder(built_letters):
    folders = {path.parent for letter in built_letters.values() for path in letter.values()}
    assert all(not any(p.name.endswith(".part") for p in folder.iterdir()) for folder in folders)


def test_an_attachment_beyond_the_limit_is_refused_before_it_is_copied(tmp_path: Path, capsys):
    from foiletters.cli import main
    from foiletters.load.limits import MAX_ATTACHMENT_BYTES

    with (tmp_path / "dump.csv").open("wb") as big:
        big.truncate(MAX_ATTACHMENT_BYTES + 1)  # sparse: no 50 MB written to disk
    answer = write(tmp_path, "a.yaml", MINIMAL + "attachments:\n  - file: dump.csv\n")
    assert main(["build", str(answer), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "a.yaml:9:11: attachments[0].file: the file 'dump.csv' is 50 MB, more than the limit of 50 MB" in err
    assert not (tmp_path / "out" / "dump.csv").exists()


def test_a_fresh_build_makes_its_pdf_in_a_second_process_with_the_same_bytes(tmp_path: Path, house):
    """`foiletters build` forks WeasyPrint's process at once; the letter is the one built in-process."""
    import subprocess
    import sys

    answer = ROOT / "answers" / "FOI795053096.yaml"
    done = subprocess.run([sys.executable, "-m", "foiletters", "build", str(answer), "-o", str(tmp_path / "fresh")],
                          capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stderr
    here = build(answer, tmp_path / "here", house)
    for path in here.files:
        assert (tmp_path / "fresh" / path.name).read_bytes() == path.read_bytes(), path.name
    house_folder = write(tmp_path, "templates/letter.html.j2", '{% extends "default:letter.html.j2" %}'
                         '{% block opening %}<img src="file:///etc/passwd" alt="x">{% endblock %}')
    refused = subprocess.run([sys.executable, "-m", "foiletters", "build", str(answer), "-o", str(tmp_path / "no"),
                              "--templates", str(house_folder.parent)], capture_output=True, text=True, cwd=ROOT,
                             check=False)
    assert refused.returncode == 2 and "Traceback" not in refused.stderr
    assert "refused to fetch 'file:///etc/passwd'" in refused.stderr
    assert not (tmp_path / "no").exists() or not list((tmp_path / "no").iterdir())
