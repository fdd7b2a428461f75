"""The disclosure log: every answer file built into a public site, incrementally, without personal data."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import search_files
from conftest import ROOT, write
from pypdf import PdfReader

from foiletters.cli import main
from foiletters.publish.batch import build_log, cache_folder

REVIEWED = "\nreviewed_for_publication: 2026-11-20\n"
SEEDS = ["FOI413132846", "FOI641692083", "FOI795053096", "REQ07585"]


def _answers(tmp_path: Path, names: list[str] = SEEDS, *, reviewed: bool = True) -> Path:
    folder = tmp_path / "answers"
    folder.mkdir(exist_ok=True)
    for name in names:
        text = (ROOT / "answers" / f"{name}.yaml").read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.startswith("reviewed_for_publication:"))
        (folder / f"{name}.yaml").write_text(text + (REVIEWED if reviewed else "\n"), encoding="utf-8")
    return folder


def _log(answers: Path, out: Path, capsys, *args: str) -> tuple[int, str]:
    status = main(["log", str(answers), "--out", str(out), "--templates", str(ROOT / "templates"), *args])
    return status, capsys.readouterr().out


@pytest.fixture(scope="module")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("log")
    answers = _answers(tmp)
    run = build_log(sorted(answers.glob("*.yaml")), tmp / "site", ROOT / "templates", jobs=2)
    assert run.ok and len(run.published) == 4 and run.workers == 2
    from foiletters.publish.run import run_log
    assert run_log(answers, tmp / "site", ROOT / "templates", echo=lambda line: None)
    return answers, tmp / "site"


def test_the_site_lists_every_request_with_its_letter_and_data(seed_site: tuple[Path, Path]):
    _, site = seed_site
    index = (site / "index.html").read_text(encoding="utf-8")
    for reference in SEEDS:
        assert f'href="requests/{reference}/index.html"' in index
        page = (site / "requests" / reference / "index.html").read_text(encoding="utf-8")
        assert f'href="{reference}.pdf"' in page and f'href="{reference}.docx"' in page
        assert "Dear Sir/Madam" in page  # the letter itself, as HTML
        assert PdfReader(site / "requests" / reference / f"{reference}.pdf").pages
    rows = list(csv.DictReader(io.StringIO((site / "index.csv").read_text(encoding="utf-8"))))
    assert [r["reference"] for r in rows] == ["FOI795053096", "FOI641692083", "FOI413132846", "REQ07585"]
    assert set(rows[0]) >= {"sent", "received", "due", "regime", "outcome", "exemptions"}
    entries = {e["reference"]: e for e in json.loads((site / "index.json").read_text(encoding="utf-8"))}
    assert entries["FOI795053096"]["outcome"] == "partly released"
    assert entries["FOI795053096"]["exemptions"] == ["s40(2)"]
    assert entries["REQ07585"]["outcome"] == "released"
    assert entries["FOI413132846"]["exemptions"] == ["s21"]
    feed = (site / "feed.atom").read_text(encoding="utf-8")
    assert feed.count("<entry>") == 4 and "FOI795053096: Children" in feed
    assert search_files.search(site, "caseload")  # a word of the questions, not of the titles
    # The newest request's page points to the earlier ones that asked the like.
    page = (site / "requests" / "FOI795053096" / "index.html").read_text(encoding="utf-8")
    assert "Related earlier requests" in page and "../FOI413132846/index.html" in page
    # The Statistics page is part of the site the log writes, linked from every page, with its charts.
    assert 'href="statistics/index.html"' in index
    statistics = (site / "statistics" / "index.html").read_text(encoding="utf-8")
    assert "requests-by-quarter.svg" in statistics and (site / "statistics" / "requests-by-quarter.svg").is_file()


def test_a_second_run_renders_nothing_and_one_change_rebuilds_one(tmp_path: Path, capsys):
    answers = _answers(tmp_path, SEEDS[2:])
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 0 and "2 published (2 built, 0 unchanged" in out
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*") if p.is_file()}
    status, out = _log(answers, tmp_path / "site", capsys)
    assert "2 published (0 built, 2 unchanged" in out
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "site").rglob("*") if p.is_file()} == before
    changed = answers / "REQ07585.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("cohorts of children", "groups of children"),
                       encoding="utf-8")
    status, out = _log(answers, tmp_path / "site", capsys)
    assert "2 published (1 built, 1 unchanged" in out
    assert "Groups of children" in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")


def test_a_template_change_rebuilds_only_the_letters_it_reaches(tmp_path: Path, capsys):
    answers = _answers(tmp_path, SEEDS[2:])  # dated 2026 and 2020
    house = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", house)
    args = ["log", str(answers), "--out", str(tmp_path / "site"), "--templates", str(house)]
    assert main(args) == 0
    capsys.readouterr()
    (house / "boilerplate" / "reuse" / "2025-01-01.html.j2").write_text("<p>New re-use wording.</p>\n")
    assert main(args) == 0
    assert "2 published (1 built, 1 unchanged" in capsys.readouterr().out
    page = (tmp_path / "site" / "requests" / "FOI795053096" / "index.html").read_text(encoding="utf-8")
    assert "New re-use wording." in page


def test_a_broken_answer_file_does_not_stop_the_others(tmp_path: Path, capsys):
    answers = _answers(tmp_path, ["REQ07585"])
    write(answers, "FOI1.yaml", "reference: FOI1\ndate: 2026-13-01\nsubject: x\n" + REVIEWED)
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 1
    assert "1 published" in out and "1 failed" in out
    assert "FOI1.yaml:2:7: date:" in out
    assert (tmp_path / "site" / "requests" / "REQ07585" / "REQ07585.pdf").is_file()


def test_only_reviewed_requests_are_published_and_unpublished_ones_disappear(tmp_path: Path, capsys):
    answers = _answers(tmp_path, SEEDS[2:])
    site = tmp_path / "site"
    assert _log(answers, site, capsys)[0] == 0
    unmarked = answers / "REQ07585.yaml"
    unmarked.write_text(unmarked.read_text(encoding="utf-8").replace(REVIEWED, "\n"), encoding="utf-8")
    (answers / "FOI795053096.yaml").unlink()
    status, out = _log(answers, site, capsys)
    assert status == 0
    assert "not published: " in out and "REQ07585.yaml: not marked as reviewed for publication" in out
    assert "removed from the log: FOI795053096" in out and "removed from the log: REQ07585" in out
    assert not (site / "requests" / "REQ07585").exists() and not (site / "requests" / "FOI795053096").exists()
    for name in ("index.html", "index.csv", "index.json", "feed.atom", *search_files.search_file_bytes(site)):
        text = (site / name).read_text(encoding="utf-8")
        assert "REQ07585" not in text and "FOI795053096" not in text, name
    assert search_files.manifest(site)["requests"] == 0 and search_files.word_index(site) == {}


PRIVATE = {"name": "Ann Quill-Requester", "email": "ann.quill@example.org", "street": "14 Larkspur Crescent",
           "postcode": "CV9 9ZZ", "private": "Mr Thaddeus Blenkinsop"}


def _planted(answers: Path, *, leak_in_request: bool) -> Path:
    text = (ROOT / "answers" / "FOI795053096.yaml").read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("reviewed_for_publication:"))
    text += (f"\nrequester:\n  name: Ms {PRIVATE['name']}\n  email: {PRIVATE['email']}\n"
             f"  address: [{PRIVATE['street']}, Coventry, {PRIVATE['postcode']}]\n"
             f"private: [{PRIVATE['private']}]\n" + REVIEWED)
    if leak_in_request:
        text = text.replace("subject: Children's Social Care Services", f"subject: care, asked by {PRIVATE['name']}")
    return write(answers, "FOI795053096.yaml", text)


def _every_public_byte(site: Path) -> str:
    """Every file of the site as text: PDFs with their text and metadata, DOCX part by part, unpacked."""
    texts = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        texts.append(data.decode("utf-8", errors="replace"))
        if path.suffix == ".pdf":
            reader = PdfReader(path)
            texts += [page.extract_text() for page in reader.pages] + [str(reader.metadata)]
            texts.append(str(reader.xmp_metadata.rdf_root.toxml()) if reader.xmp_metadata else "")
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                texts += [archive.read(n).decode("utf-8", errors="replace") for n in archive.namelist()]
    return "\n".join(texts).lower()


def test_nothing_in_the_public_log_identifies_the_requester(tmp_path: Path, capsys):
    answers = _answers(tmp_path, ["REQ07585"])
    _planted(answers, leak_in_request=False)
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 0 and "2 published" in out
    everything = _every_public_byte(tmp_path / "site")
    assert "foi795053096" in everything and "dear sir/madam" in everything  # the search does see the letter
    for value in PRIVATE.values():
        assert value.lower() not in everything, value
    assert "quill-requester" not in everything and "larkspur" not in everything


def test_a_request_whose_text_names_the_requester_is_held_back_and_says_where(tmp_path: Path, capsys):
    answers = _answers(tmp_path, ["REQ07585"])
    _planted(answers, leak_in_request=True)
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 1
    assert "held back: " in out and "FOI795053096.yaml:6:25: subject: the requester's name" in out
    assert 'releases: - at: "subject:6:25"' in out  # how to release it, once checked
    assert not (tmp_path / "site" / "requests" / "FOI795053096").exists()
    assert PRIVATE["name"].lower() not in _every_public_byte(tmp_path / "site")
    # The report says which value, not the value: it goes to terminals, CI logs and the log's cache.
    cache = (cache_folder(tmp_path / "site") / "manifest.json").read_text(encoding="utf-8")
    assert PRIVATE["name"] not in out and PRIVATE["name"] not in cache


def test_a_private_value_in_an_answer_is_held_back(tmp_path: Path, capsys):
    answers = _answers(tmp_path, ["REQ07585"])
    path = _planted(answers, leak_in_request=False)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "is 16.", f"is 16, as {PRIVATE['private']} confirmed."), encoding="utf-8")
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 1 and ": questions[0].answer: the value private[0]" in out
    assert PRIVATE["private"] not in out


def test_an_interrupted_log_leaves_no_part_file_and_goes_on_where_it_stopped(tmp_path: Path):
    answers = _answers(tmp_path)
    site = tmp_path / "site"
    manifest = cache_folder(site) / "manifest.json"
    command = [sys.executable, "-m", "foiletters", "log", str(answers), "--out", str(site), "--jobs", "1",
               "--templates", str(ROOT / "templates")]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (manifest.is_file() and '"record"' in manifest.read_text()):
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not [p for p in site.rglob("*") if p.name.endswith(".part")]
    done = json.loads(manifest.read_text())["letters"]
    assert 1 <= sum("record" in entry for entry in done.values()) < 4
    stale = site / "requests" / ".FOI413132846.pdf.x1y2.part"  # as a kill in the middle of a write leaves
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"%PDF-1.7 half")
    finished = subprocess.run(command, capture_output=True, text=True, check=False)
    assert not stale.exists()
    assert finished.returncode == 0, finished.stdout + finished.stderr
    built = int(finished.stdout.split(" built, ")[0].rsplit("(", 1)[1])
    assert built == 4 - sum("record" in entry for entry in done.values())


def test_similar_lists_earlier_answer_files_that_asked_the_like(capsys):
    assert main(["similar", "average caseload of social workers", "--answers", str(ROOT / "answers")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(("answers/FOI795053096.yaml", "answers/FOI413132846.yaml"))
    assert "caseload" in out[0]
    assert main(["similar", "zebra crossings on the ring road", "--answers", str(ROOT / "answers")]) == 0
    assert "No earlier answer file asked anything like it." in capsys.readouterr().out


def test_an_ncnd_answer_leaks_nothing_into_the_log(tmp_path: Path, capsys):
    answers = tmp_path / "answers"
    write(answers, "FOI7000001.yaml", """\
reference: FOI7000001
date: 2026-03-04
received: 2026-02-10
subject: a member of staff
questions:
  - number: "1."
    text: Has the head of the parks team been disciplined since 2020?
    exemption:
      cite: s40(2)
      ncnd: yes
      because: Confirming or denying would itself disclose personal data of the person concerned.
reviewed_for_publication: 2026-03-05
""")
    status, _ = _log(answers, tmp_path / "site", capsys)
    assert status == 0
    everything = _every_public_byte(tmp_path / "site")
    assert "neither confirm nor deny" in everything
    for leak in ("not held", "do not hold", "we hold", "disciplinary hearing"):
        assert leak not in everything
    entry = json.loads((tmp_path / "site" / "index.json").read_text(encoding="utf-8"))[0]
    assert entry["outcome"] == "refused" and entry["exemptions"] == ["s40(2)"]


def test_an_attachment_with_a_hidden_sheet_is_held_back_with_what_is_hidden(tmp_path: Path, capsys):
    from openpyxl import Workbook

    answers = tmp_path / "answers"
    book = Workbook()
    book.properties.creator = None
    book.active.title = "Figures"
    book.active.append(["Year", "Count"])
    staff = book.create_sheet("Staff")
    staff.append(["Name", "Warrant number"])
    staff.sheet_state = "hidden"
    answers.mkdir()
    book.save(answers / "figures.xlsx")
    write(answers, "FOI7000002.yaml", """\
reference: FOI7000002
date: 2026-03-04
received: 2026-02-10
subject: officer numbers
questions:
  - number: "1."
    text: How many officers were there in 2025?
    answer: Please see the attached spreadsheet.
attachments:
  - file: figures.xlsx
    title: the spreadsheet of figures
reviewed_for_publication: 2026-03-05
""")
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 1
    # The sheet by its number: its name, like anything else quoted from a file, stays out of logs.
    assert "held back: " in out and "attachment attachments[0] (figures.xlsx): sheet no. 2: the sheet is hidden" in out
    assert not (tmp_path / "site" / "requests" / "FOI7000002").exists()
    staff.sheet_state = "visible"
    book.remove(staff)
    book.save(answers / "figures.xlsx")
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 0, out
    assert (tmp_path / "site" / "requests" / "FOI7000002" / "figures.xlsx").is_file()
    page = (tmp_path / "site" / "requests" / "FOI7000002" / "index.html").read_text(encoding="utf-8")
    assert 'href="figures.xlsx">the spreadsheet of figures</a>' in page


def test_ctrl_c_stops_the_log_cleanly(tmp_path: Path):
    answers = _answers(tmp_path)
    site = tmp_path / "site"
    command = [sys.executable, "-m", "foiletters", "log", str(answers), "--out", str(site), "--jobs", "2",
               "--templates", str(ROOT / "templates")]
    # Ctrl-C sends SIGINT to the whole foreground group: the command and its workers.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    manifest = cache_folder(site) / "manifest.json"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not manifest.is_file():
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGINT)
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Aborted." in output and "Traceback" not in output
    assert not [p for p in site.rglob("*") if p.name.endswith(".part")]


def test_the_requester_named_inside_an_attachment_holds_the_request_back(tmp_path: Path, capsys):
    from docx import Document

    answers = _answers(tmp_path, ["REQ07585"])
    path = _planted(answers, leak_in_request=False)
    letter = Document()
    letter.core_properties.author = ""
    letter.add_paragraph(f"Summary prepared for {PRIVATE['name']}.")
    letter.add_paragraph(f"Copy to {PRIVATE['name']}.")
    letter.save(answers / "summary.docx")
    path.write_text(path.read_text(encoding="utf-8") + "attachments:\n  - file: summary.docx\n", encoding="utf-8")
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 1
    assert out.count("attachment attachments[0] (summary.docx), word/document.xml, at character ") == 2
    assert out.count(": the requester's name (to release it") == 2
    assert PRIVATE["name"].lower() not in _every_public_byte(tmp_path / "site")


def test_the_requester_named_inside_a_pdf_attachment_holds_the_request_back(tmp_path: Path, capsys):
    from foiletters.load.answerfile import load as load_answers
    from foiletters.render.letter import render
    from foiletters.render.house import TemplateSet
    from foiletters.write.pdf import to_pdf

    answers = _answers(tmp_path, ["REQ07585"])
    path = _planted(answers, leak_in_request=False)
    # The name only in the page's text, which is compressed: not in the PDF's properties or raw bytes.
    note = write(tmp_path / "note", "FOI1.yaml", "reference: FOI1\ndate: 2026-03-04\nsubject: a note\n"
                 f"questions:\n  - number: '1.'\n    text: Who asked?\n    answer: {PRIVATE['name']}\n")
    (answers / "note.pdf").write_bytes(to_pdf(render(load_answers(note), TemplateSet(None))))
    assert PRIVATE["name"].encode() not in (answers / "note.pdf").read_bytes()
    path.write_text(path.read_text(encoding="utf-8") + "attachments:\n  - file: note.pdf\n", encoding="utf-8")
    status, out = _log(answers, tmp_path / "site", capsys)
    assert status == 1 and "attachment attachments[0] (note.pdf), page 1, at character" in out


def test_a_worker_reads_a_shared_attachment_once_and_a_changed_one_again(tmp_path: Path):
    """Letters in one worker that attach a spreadsheet of the same name: the same bytes are read once, and
    other bytes under that name (a hidden sheet, the requester's name in a cell) are read and held back."""
    from openpyxl import Workbook

    from foiletters.publish import batch, public_letter

    def book(folder: Path, *, hidden: bool) -> None:
        workbook = Workbook()
        workbook.properties.creator = None
        workbook.active.title = "Figures"
        workbook.active.append(["Year", "Count"])
        workbook.active.append(["2025", "Ann Quill" if hidden else "12"])
        if hidden:
            workbook.create_sheet("Staff").sheet_state = "hidden"
        workbook.save(folder / "figures.xlsx")

    sources = []
    for number, hidden in ((1, False), (2, False), (3, True)):
        folder = tmp_path / f"answers{number}"
        folder.mkdir()
        book(folder, hidden=hidden)
        if number == 2:
            shutil.copy(tmp_path / "answers1" / "figures.xlsx", folder / "figures.xlsx")  # the same bytes
        sources.append(write(folder, f"FOI700001{number}.yaml", f"""\
reference: FOI700001{number}
date: 2026-03-04
received: 2026-02-10
subject: officer numbers
requester:
  name: Ms Ann Quill
questions:
  - number: "1."
    text: How many officers were there in 2025?
    answer: Please see the attached spreadsheet.
attachments:
  - file: figures.xlsx
    title: the spreadsheet of figures
reviewed_for_publication: 2026-03-05
"""))
    batch.start_worker(str(ROOT / "templates"))
    public_letter._READINGS.clear()
    first, _ = batch.build_answer_file(str(sources[0]))
    kept = dict(public_letter._READINGS)
    second, _ = batch.build_answer_file(str(sources[1]))
    assert first.record and second.record and not first.held and not second.held
    assert len(kept) == 1 and list(public_letter._READINGS) == list(kept)  # read once, for both letters
    third, published = batch.build_answer_file(str(sources[2]))
    assert published is None and third.leak
    reasons = "\n".join(third.held)
    assert "sheet no. 2: the sheet is hidden" in reasons
    assert "(figures.xlsx), xl/worksheets/sheet1.xml, at character 17: the requester's name" in reasons
    assert len(public_letter._READINGS) == 2
