"""Faults during `foiletters log` and `foiletters build`: a full disk, two runs at once, a worker or the run
killed, answer files sharing a reference, files left over or not ours, a file changed while the log runs.

After each, the site and the output folder are complete and consistent: `_consistent` checks that the
site's files are exactly those the cache's records list, that every file the index links to is there,
that each letter reads, and that no temporary file, backup or journal is left.

The full-disk tests mount a small tmpfs, which needs root: without it they are skipped, except under
CI=true (CI runs as root), where they fail.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from conftest import MINIMAL, write
from pypdf import PdfReader

from foiletters.cli import main
from foiletters.publish.batch import build_log, cache_folder
from foiletters.publish.lock import SiteLock

NO_HOUSE = ["--templates", "/nonexistent/no-house-templates"]
REVIEWED = "reviewed_for_publication: 2026-03-05\n"
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # messages name files as the officer typed them: relative to here


def _answer(folder: Path, reference: str, answer: str = "Twelve.", extra: str = "", name: str | None = None) -> Path:
    text = MINIMAL.replace("FOI1000001", reference).replace("Twelve.", answer) + extra + REVIEWED
    return write(folder, name or f"{reference}.yaml", text)


def _answers(tmp_path: Path, count: int = 2) -> Path:
    folder = tmp_path / "answers"
    for n in range(count):
        _answer(folder, f"FOI{n + 1}")
    return folder


def _log(answers: Path, site: Path, capsys: pytest.CaptureFixture[str] | None = None, *args: str) -> tuple[int, str]:
    status = main(["log", str(answers), "--out", str(site), *NO_HOUSE, *args])
    if capsys is None:
        return status, ""
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def _command(answers: Path, site: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "foiletters", "log", str(answers), "--out", str(site), *NO_HOUSE, *args]


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _consistent(site: Path, kept: tuple[str, ...] = ()) -> dict[str, dict]:
    """Check the site against the cache's records; return the index's entries by reference."""
    cache = cache_folder(site)
    left = [p for folder in (site, cache) for p in folder.rglob(".*") if p.name.endswith((".part", ".old"))]
    assert not left, f"left by an interrupted write: {left}"
    assert not list((cache / "journal").glob("*")), "a journal was left"
    known = set(json.loads((cache / "site.json").read_text())["files"])
    for record in (cache / "sets").glob("*.json"):
        known |= set(json.loads(record.read_text())["files"])
    on_disk = {name for name in _files(site) if not name.startswith(kept)}
    assert on_disk == known, f"not in the records: {on_disk - known}; missing: {known - on_disk}"
    entries = {e["reference"]: e for e in json.loads((site / "index.json").read_text(encoding="utf-8"))}
    records = {r.stem: json.loads(r.read_text())["entry"] for r in (cache / "sets").glob("*.json")}
    assert {e["record"]["reference"] for e in records.values()} == set(entries)  # the index lists each set
    for entry in json.loads((cache / "manifest.json").read_text())["letters"].values():
        if "record" in entry and entry["record"]["reference"] in entries:  # what the manifest says is published
            assert records[entry["stem"]]["key"] == entry["key"], entry["record"]["reference"]
    folders = {p.name for p in (site / "requests").iterdir()} if (site / "requests").is_dir() else set()
    assert folders == {unquote(e["url"]).split("/")[1] for e in entries.values()}
    for entry in entries.values():
        for url in [entry["url"], entry["pdf"], entry["docx"], *entry["attachments"]]:
            assert (site / unquote(url)).is_file(), url
        assert PdfReader(site / unquote(entry["pdf"])).pages
        with zipfile.ZipFile(site / unquote(entry["docx"])) as docx:
            assert "word/document.xml" in docx.namelist()
    return entries


def _text(site: Path, reference: str, kept: tuple[str, ...] = ()) -> str:
    entry = _consistent(site, kept)[reference]
    return "".join(page.extract_text() for page in PdfReader(site / unquote(entry["pdf"])).pages)


def _cannot_run(reason: str) -> None:
    if ON_CI:
        pytest.fail(f"{reason}; under CI this test must run (CI runs as root)", pytrace=False)
    pytest.skip(reason)


# -- a full disk ------------------------------------------------------------------------------------------

@pytest.fixture
def small_disk(tmp_path: Path):
    """A 3 MB tmpfs: a disk that fills up."""
    if os.geteuid() != 0:
        _cannot_run("mounting a small tmpfs (a disk that fills up) needs root")
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True,
                             text=True, check=False)
    if mounted.returncode:
        _cannot_run(f"mount -t tmpfs failed: {mounted.stderr.strip()}")
    yield disk
    subprocess.run(["umount", "-l", str(disk)], check=False)


def _fill(disk: Path, leave: int) -> Path:
    """Fill the disk, then free `leave` bytes."""
    filler = disk / "filler"
    with filler.open("wb") as out:
        try:
            while True:
                out.write(b"\0" * 65536)
                out.flush()
        except OSError:
            pass
    os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def test_a_full_disk_leaves_the_built_letter_whole_and_names_the_file(small_disk: Path, capsys):
    answer_file = _answer(small_disk.parent / "answers", "FOI1")
    out = small_disk / "out"
    assert main(["build", str(answer_file), "-o", str(out), *NO_HOUSE]) == 0
    before = _files(out)
    capsys.readouterr()
    _answer(answer_file.parent, "FOI1", "Thirteen.")
    # Room for the new DOCX, not for the PDF too: today's DOCX must not stand beside yesterday's PDF.
    filler = _fill(small_disk, len(before["FOI1.docx"]) + 8192)
    assert main(["build", str(answer_file), "-o", str(out), *NO_HOUSE]) == 74
    err = capsys.readouterr().err
    assert "FOI1.pdf: could not be written (the disk is full)" in err and "Traceback" not in err
    assert _files(out) == before
    filler.unlink()
    assert main(["build", str(answer_file), "-o", str(out), *NO_HOUSE]) == 0
    assert "Thirteen." in "".join(p.extract_text() for p in PdfReader(out / "FOI1.pdf").pages)


def test_a_full_disk_during_the_log_keeps_the_published_letter(small_disk: Path, capsys):
    answers = _answers(small_disk.parent, 2)
    site = small_disk / "site"
    assert _log(answers, site, capsys)[0] == 0
    before = _files(site)
    _answer(answers, "FOI2", "Thirteen.")
    filler = _fill(small_disk, len(before["requests/FOI2/FOI2.pdf"]) + 8192)
    status, out = _log(answers, site, capsys)
    assert status == 1, out
    assert "FOI2.yaml: " in out and "could not be written (the disk is full)" in out
    assert "left as published before: FOI2" in out
    assert _files(site) == before
    _consistent(site)
    filler.unlink()
    status, out = _log(answers, site, capsys)
    assert status == 0 and "1 built" in out
    assert "Thirteen." in _text(site, "FOI2")


# -- a killed build, between two of its files ---------------------------------------------------------------

def test_a_build_killed_between_its_files_is_undone_by_the_next(tmp_path: Path):
    answer_file = _answer(tmp_path, "FOI1")
    out = tmp_path / "out"
    assert main(["build", str(answer_file), "-o", str(out), *NO_HOUSE]) == 0
    before = _files(out)
    _answer(tmp_path, "FOI1", "Thirteen.")
    # Killed (no cleanup at all) when the new DOCX is in place and the PDF is about to follow.
    result = _killed_when_replacing(".pdf", ["build", str(answer_file), "-o", str(out), "--templates", "/nonexistent"])
    assert result.returncode == -9, result.stderr
    assert (out / "FOI1.docx").read_bytes() != before["FOI1.docx"]  # half a set: the new DOCX, the old PDF
    assert list(out.glob(".FOI1.journal"))
    other = _answer(tmp_path / "other", "FOI2")
    assert main(["build", str(other), "-o", str(out), *NO_HOUSE]) == 0  # any build into the folder mends it first
    after = _files(out)
    assert {name: after[name] for name in before} == before
    assert set(after) == set(before) | {"FOI2.docx", "FOI2.pdf"}


# -- one site, one run ------------------------------------------------------------------------------------

def test_a_second_run_on_the_same_site_says_which_run_has_it(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 1)
    site = tmp_path / "site"
    with SiteLock(cache_folder(site), site):
        status, out = _log(answers, site, capsys)
        assert status == 75
        assert "another foiletters log is publishing into this site" in out and f"process {os.getpid()}" in out
        assert not site.exists()
        waiting = subprocess.Popen(_command(answers, site, "--wait"), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        time.sleep(1.5)
        assert waiting.poll() is None  # waits for the lock
    output, _ = waiting.communicate(timeout=120)
    assert waiting.returncode == 0, output
    _consistent(site)


def test_two_runs_at_once_leave_one_consistent_site(tmp_path: Path):
    answers = _answers(tmp_path, 3)
    site = tmp_path / "site"
    runs = [subprocess.Popen(_command(answers, site, "--jobs", "1", *extra), stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True) for extra in ([], ["--wait"], [])]
    outputs = [run.communicate(timeout=180)[0] for run in runs]
    results = [(run.returncode, output) for run, output in zip(runs, outputs, strict=True)]
    assert results[1][0] == 0, results[1][1]
    for status, output in results:
        assert status in (0, 75), output
        if status == 75:
            assert "another foiletters log is publishing into this site" in output
    assert len(_consistent(site)) == 3


def test_a_lock_left_by_a_killed_run_is_taken_over(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 1)
    site = tmp_path / "site"
    lock = cache_folder(site) / "lock"
    lock.parent.mkdir(parents=True)
    lock.write_text(json.dumps({"pid": 999_999_999, "since": "2026-01-01T00:00:00", "host": "gone"}))
    assert _log(answers, site, capsys)[0] == 0
    _consistent(site)


# -- a worker, or the run, killed ---------------------------------------------------------------------------

def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def _wait_for_workers(process: subprocess.Popen, count: int) -> list[int]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(_children(process.pid)) < count:
        time.sleep(0.01)
    workers = _children(process.pid)
    assert len(workers) >= count, "the run started no workers"
    return workers


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc (Linux)")
def test_a_killed_worker_is_named_and_the_other_letters_are_published(tmp_path: Path):
    answers = _answers(tmp_path, 4)
    # The workers start before the run has given them letters (they load WeasyPrint meanwhile), and one killed
    # then holds none: another takes its letters and all are published. A moment later each holds one; the
    # run is tried again (on a new site) in the rare case the kill still came before that.
    for attempt in range(4):
        site = tmp_path / f"site{attempt}"
        process = subprocess.Popen(_command(answers, site, "--jobs", "2"), stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True)
        _wait_for_workers(process, 1)
        time.sleep(0.2)
        with contextlib.suppress(ProcessLookupError):  # (a child that was not a worker, gone since)
            os.kill(_wait_for_workers(process, 1)[0], signal.SIGKILL)  # as the out-of-memory killer does
        output, _ = process.communicate(timeout=180)
        assert "Traceback" not in output
        if process.returncode == 0:  # it held no letter: nothing was lost
            assert "4 published" in output and len(_consistent(site)) == 4, output
            continue
        break
    assert process.returncode == 1, output
    assert "Traceback" not in output and "BrokenProcessPool" not in output
    assert "3 published" in output and "1 failed" in output
    assert "the worker process building this letter was killed by signal 9 (SIGKILL), as the system's " \
           "out-of-memory killer does" in output
    died = [line for line in output.splitlines() if "was killed by signal 9" in line]
    assert len(died) == 1 and ".yaml: " in died[0]
    assert len(_consistent(site)) == 3
    finished = subprocess.run(_command(answers, site, "--jobs", "2"), capture_output=True, text=True, check=False)
    assert finished.returncode == 0 and "1 built, 3 unchanged" in finished.stdout, finished.stdout
    assert len(_consistent(site)) == 4


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="finds the workers through /proc (Linux)")
def test_the_workers_end_when_the_run_is_killed_and_the_next_run_completes(tmp_path: Path):
    answers = _answers(tmp_path, 4)
    site = tmp_path / "site"
    process = subprocess.Popen(_command(answers, site, "--jobs", "2"), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    workers = _wait_for_workers(process, 2)
    time.sleep(0.5)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)], "workers outlived the run"
    finished = subprocess.run(_command(answers, site, "--jobs", "2"), capture_output=True, text=True, check=False)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert len(_consistent(site)) == 4


def test_a_worker_killed_while_replacing_a_letter_is_undone_by_the_next_run(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 1)
    site = tmp_path / "site"
    assert _log(answers, site, capsys)[0] == 0
    before = _files(site)
    _answer(answers, "FOI1", "Thirteen.")
    _killed_when_replacing(".docx", ["log", str(answers), "--out", str(site), "--jobs", "1", "--templates",
                                     "/nonexistent"])
    status, out = _log(answers, site, capsys)
    assert status == 0, out
    assert "Thirteen." in _text(site, "FOI1")
    assert set(_files(site)) == set(before)


# -- answer files that share a reference -------------------------------------------------------------------

def test_two_answer_files_with_one_reference_publish_neither_and_keep_the_earlier(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 2)
    site = tmp_path / "site"
    assert _log(answers, site, capsys)[0] == 0
    before = _files(site / "requests" / "FOI2")
    _answer(answers, "FOI2", "Fourteen.")  # the final letter, changed
    _answer(answers, "foi2", "A draft.", name="FOI2-draft.yaml")  # a draft copy: the same file name, in other case
    status, out = _log(answers, site, capsys)
    assert status == 1
    assert "FOI2-draft.yaml: reference foi2 gives the same file name as the reference of answers/FOI2.yaml" in out
    assert "FOI2.yaml: reference FOI2 gives the same file name as the reference of answers/FOI2-draft.yaml" in out
    assert _files(site / "requests" / "FOI2") == before  # what was published stays as it was
    entries = _consistent(site)
    assert set(entries) == {"FOI1", "FOI2"}
    assert "Twelve." in _text(site, "FOI2")
    (answers / "FOI2-draft.yaml").unlink()
    status, out = _log(answers, site, capsys)
    assert status == 0 and "1 built" in out
    assert "Fourteen." in _text(site, "FOI2")


def test_a_new_reference_shared_by_two_files_publishes_neither(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 1)
    _answer(answers, "FOI 9/2026", name="a.yaml")
    _answer(answers, "FOI-9-2026", name="b.yaml")  # another reference, the same file name
    site = tmp_path / "site"
    status, out = _log(answers, site, capsys)
    assert status == 1 and "a.yaml: reference FOI 9/2026 gives the same file name" in out
    assert set(_consistent(site)) == {"FOI1"}


def test_build_refuses_two_letters_that_would_write_the_same_file(tmp_path: Path, capsys):
    first = _answer(tmp_path / "a", "FOI1")
    second = _answer(tmp_path / "b", "foi1")
    third = _answer(tmp_path / "c", "FOI3", extra="attachments:\n  - file: FOI4.pdf\n")
    (third.parent / "FOI4.pdf").write_bytes(b"%PDF-1.4 an attachment")
    fourth = _answer(tmp_path / "d", "FOI4")
    out = tmp_path / "out"
    status = main(["build", str(first), str(second), str(third), str(fourth), "-o", str(out), *NO_HOUSE])
    err = capsys.readouterr().err
    assert status == 2
    assert "a/FOI1.yaml: the letter (FOI1, FOI1.docx) would have the file name of the letter (foi1, foi1.docx)" in err
    assert "c/FOI3.yaml: the attachment FOI4.pdf would have the file name of the letter (FOI4, FOI4.pdf)" in err
    assert not out.exists() or not list(out.iterdir())


# -- the site is exactly the current set -------------------------------------------------------------------

def test_a_renamed_attachment_leaves_no_old_copy_published(tmp_path: Path, capsys):
    answers = tmp_path / "answers"
    _answer(answers, "FOI1", extra="attachments:\n  - file: figures.csv\n")
    (answers / "figures.csv").write_text("Year,Count\n2025,12\n")
    site = tmp_path / "site"
    assert _log(answers, site, capsys)[0] == 0
    assert (site / "requests" / "FOI1" / "figures.csv").is_file()
    (answers / "figures.csv").rename(answers / "figures-redacted.csv")
    _answer(answers, "FOI1", extra="attachments:\n  - file: figures-redacted.csv\n")
    assert _log(answers, site, capsys)[0] == 0
    assert not (site / "requests" / "FOI1" / "figures.csv").exists()
    assert _consistent(site)["FOI1"]["attachments"] == ["requests/FOI1/figures-redacted.csv"]
    (answers / "FOI1.yaml").unlink()
    status, out = _log(answers, site, capsys)
    assert status == 0 and "removed from the log: FOI1" in out
    assert not (site / "requests").exists() or not list((site / "requests").iterdir())
    _consistent(site)


def test_a_file_foiletters_did_not_write_is_never_deleted_and_stops_that_folder(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 2)
    site = tmp_path / "site"
    assert _log(answers, site, capsys)[0] == 0
    (site / "robots.txt").write_text("User-agent: *\n")
    before = _files(site)
    _answer(answers, "FOI1", "Thirteen.")
    status, out = _log(answers, site, capsys)
    assert status == 2
    assert "robots.txt: foiletters did not write this file, so it will not publish into the site" in out
    assert "--keep robots.txt" in out and _files(site) == before
    status, out = _log(answers, site, capsys, "--keep", "robots.txt")
    assert status == 0 and (site / "robots.txt").read_text() == "User-agent: *\n"
    _consistent(site, kept=("robots.txt",))
    (site / "requests" / "FOI2" / "notes.txt").write_text("the officer's own notes")
    _answer(answers, "FOI2", "Fifteen.")
    folder = _files(site / "requests" / "FOI2")
    status, out = _log(answers, site, capsys, "--keep", "robots.txt")
    assert status == 1 and "requests/FOI2/notes.txt: foiletters did not write this file" in out
    assert _files(site / "requests" / "FOI2") == folder  # not published into, nothing deleted
    assert "Fifteen." not in _text(site, "FOI2", kept=("robots.txt", "requests/FOI2/notes.txt"))


def test_the_house_profile_lists_what_the_site_keeps(tmp_path: Path, capsys):
    answers = _answers(tmp_path, 1)
    house = write(tmp_path / "house", "profile.yaml", "log_keep: [.git, CNAME]\n").parent
    site = tmp_path / "site"
    write(site / ".git", "HEAD", "ref: refs/heads/main\n")
    write(site, "CNAME", "foi.example.gov.uk\n")
    status = main(["log", str(answers), "--out", str(site), "--templates", str(house)])
    assert status == 0, capsys.readouterr()
    assert (site / ".git" / "HEAD").is_file() and (site / "CNAME").is_file()
    _consistent(site, kept=(".git/", "CNAME"))


def test_a_site_folder_that_would_publish_the_answers_or_the_cache_is_refused(tmp_path: Path, capsys,
                                                                             monkeypatch: pytest.MonkeyPatch):
    answers = _answers(tmp_path, 1)
    monkeypatch.chdir(tmp_path)
    for out, why in ((".", "is the current folder"), ("answers", "is answers: the site would publish what it holds"),
                     (str(tmp_path), "is the current folder")):
        assert main(["log", "answers", "--out", out, *NO_HOUSE]) == 2
        assert why in capsys.readouterr().err
    assert not cache_folder(tmp_path / "answers").exists()
    write(tmp_path / "pub" / "records", "FOI1.yaml", MINIMAL)  # answers inside the site: they would be published
    assert main(["log", "pub/records", "--out", "pub", *NO_HOUSE]) == 2
    assert "holds pub/records: the site would publish it" in capsys.readouterr().err
    assert sorted(p.name for p in (tmp_path / "pub").iterdir()) == ["records"]
    assert sorted(p.name for p in answers.iterdir()) == ["FOI1.yaml"]


# -- a file changed while the log runs ----------------------------------------------------------------------

def test_the_hash_recorded_is_that_of_the_version_built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The officer saves a new version of an answer file, and of a CSV table, just after the log has read each:
    the letters are of the versions read, their recorded hashes are of those versions, so the next run
    sees the new ones and builds them."""
    from foiletters.load import paths

    answers = tmp_path / "answers"
    _answer(answers, "FOI1", "Version A.")
    write(answers, "FOI2.yaml", MINIMAL.replace("FOI1000001", "FOI2").replace(
        "    answer: Twelve.", "    table:\n      csv: t.csv") + REVIEWED)
    (answers / "t.csv").write_text("Year,Count\n2025,111\n")
    newer = {answers / "FOI1.yaml": (answers / "FOI1.yaml").read_text().replace("Version A.", "Version B."),
             answers / "t.csv": "Year,Count\n2025,222\n"}
    read, run = paths.read_bytes_at_most, os.getpid()

    def saved_meanwhile(path: Path, limit: int) -> bytes:
        data = read(path, limit)
        if path in newer and os.getpid() != run:  # a worker (forked from here) has read it: the officer saves it
            path.write_text(newer.pop(path))
        return data

    monkeypatch.setattr(paths, "read_bytes_at_most", saved_meanwhile)
    site = tmp_path / "site"
    assert build_log(sorted(answers.glob("*.yaml")), site, None, jobs=1).ok
    assert "Version A." in _text(site, "FOI1") and "111" in _text(site, "FOI2")
    monkeypatch.undo()
    again = build_log(sorted(answers.glob("*.yaml")), site, None, jobs=1)
    assert again.built == 2
    assert "Version B." in _text(site, "FOI1") and "222" in _text(site, "FOI2")


def test_a_reference_with_slashes_and_spaces_has_a_folder_of_its_file_name_and_encoded_links(tmp_path: Path, capsys):
    answers = tmp_path / "answers"
    _answer(answers, "ABC/19/01234", extra='attachments:\n  - file: "Table #1 (50%) Année.csv"\n', name="abc.yaml")
    (answers / "Table #1 (50%) Année.csv").write_text("Year,Count\n2025,12\n")
    site = tmp_path / "site"
    assert _log(answers, site, capsys)[0] == 0
    entry = _consistent(site)["ABC/19/01234"]
    assert entry["url"] == "requests/ABC-19-01234/index.html"
    assert entry["attachments"] == ["requests/ABC-19-01234/Table%20%231%20%2850%25%29%20Ann%C3%A9e.csv"]
    page = (site / "requests" / "ABC-19-01234" / "index.html").read_text(encoding="utf-8")
    assert "<h1>ABC/19/01234: Test matters</h1>" in page
    assert 'href="Table%20%231%20%2850%25%29%20Ann%C3%A9e.csv"' in page
    assert 'href="requests/ABC-19-01234/index.html">ABC/19/01234</a>' in (site / "index.html").read_text()


def _killed_when_replacing(suffix: str, args: list[str]) -> subprocess.CompletedProcess:
    """`foiletters ARGS` in a process that is killed (SIGKILL: no cleanup at all) as it moves a file ending
    in `suffix` into place."""
    code = f"""
import os, signal
replace = os.replace
def dying(source, target, *a, **k):
    if str(target).endswith({suffix!r}):
        os.kill(os.getpid(), signal.SIGKILL)
    return replace(source, target, *a, **k)
os.replace = dying
from foiletters.cli import main
main({args!r})
"""
    return subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=False)
