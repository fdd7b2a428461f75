"""Nothing lost: a failed, refused or killed build leaves the previous letter as it was; attachments
are copied, never moved; files that are not files (pipes, devices) are refused without being read."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import MINIMAL, write

from foiletters.cli import main
from foiletters.write import files

NO_HOUSE = ["--templates", "/nonexistent/no-house-templates"]


def _build(answer_file: Path, out: Path, *args: str) -> int:
    return main(["build", str(answer_file), "-o", str(out), *NO_HOUSE, *args])


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


@pytest.fixture
def previous(tmp_path: Path) -> tuple[Path, Path, dict[str, bytes]]:
    """A good letter built once: its answer file, the output folder and the letter's files."""
    answer_file = write(tmp_path, "FOI1000001.yaml", MINIMAL)
    out = tmp_path / "out"
    assert _build(answer_file, out) == 0
    return answer_file, out, _files(out)


def test_a_killed_build_leaves_the_previous_letter_whole(previous: tuple[Path, Path, dict[str, bytes]]):
    answer_file, out, before = previous
    write(answer_file.parent, answer_file.name, MINIMAL.replace("Twelve.", "Thirteen."))
    # The process dies (SIGKILL: no cleanup at all) while the new DOCX is on its way to the disk.
    code = textwrap.dedent(f"""
        import os, signal
        os.fsync = lambda fd: os.kill(os.getpid(), signal.SIGKILL)
        from foiletters.cli import main
        main(["build", {str(answer_file)!r}, "-o", {str(out)!r}, "--templates", "/nonexistent"])
    """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120, check=False)
    assert result.returncode == -9
    after = _files(out)
    assert {name: after[name] for name in before} == before  # the letter is the old one, whole
    # What the killed process left is a temporary file beside the letter, never a letter's name.
    assert all(name.startswith(".") and name.endswith(".part") for name in set(after) - set(before))


def test_a_failed_write_leaves_the_target_and_no_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "FOI1000001.docx"
    target.write_bytes(b"previous")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "fsync", disk_full)
    with pytest.raises(OSError):
        files.write_atomically(target, b"new")
    assert _files(tmp_path) == {"FOI1000001.docx": b"previous"}


def test_a_failure_in_the_pdf_after_the_docx_writes_neither(previous: tuple[Path, Path, dict[str, bytes]],
                                                            capsys: pytest.CaptureFixture[str]):
    answer_file, out, before = previous
    house = answer_file.parent / "templates"
    write(house, "letter.html.j2", '{% extends "default:letter.html.j2" %}\n{% block opening %}\n'
          '<img src="file:///etc/passwd">\n{% endblock %}\n')
    status = main(["build", str(answer_file), "-o", str(out), "--templates", str(house)])
    err = capsys.readouterr().err
    assert status == 2 and "Traceback" not in err
    assert "file:///etc/passwd" in err and "may not be loaded" in err
    assert _files(out) == before


def test_attachments_are_copied_never_moved(tmp_path: Path):
    answer_file = write(tmp_path, "FOI1000001.yaml", MINIMAL + "attachments:\n  - file: routes.csv\n")
    (tmp_path / "routes.csv").write_bytes(b"Route,Day\nA,Monday\n")
    out = tmp_path / "out"
    assert _build(answer_file, out, "--format", "docx") == 0
    assert (tmp_path / "routes.csv").read_bytes() == b"Route,Day\nA,Monday\n"
    assert (out / "routes.csv").read_bytes() == b"Route,Day\nA,Monday\n"
    # Built into its own folder, the attachment is copied onto itself: still there, unchanged.
    assert _build(answer_file, tmp_path, "--format", "docx") == 0
    assert (tmp_path / "routes.csv").read_bytes() == b"Route,Day\nA,Monday\n"


def _run_in_child(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The command line in a process of its own, so that a read that never ends fails the test, not the run."""
    code = f"import sys; from foiletters.cli import main; sys.exit(main({args!r}))"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_pipes_and_devices_are_refused_without_reading_them(tmp_path: Path):
    pipe = tmp_path / "FOI1000001.yaml"
    os.mkfifo(pipe)  # opening it would wait for a writer for ever
    result = _run_in_child(["build", str(pipe), "-o", str(tmp_path / "out"), *NO_HOUSE])
    assert result.returncode == 2
    assert "this is not a regular file (a device or a pipe)" in result.stderr
    result = _run_in_child(["build", "/dev/zero", "-o", str(tmp_path / "out"), *NO_HOUSE])
    assert result.returncode == 2
    assert "this is not a regular file" in result.stderr

    answer_file = write(tmp_path / "csv", "FOI1000001.yaml", MINIMAL.replace(
        "    answer: Twelve.", "    table:\n      csv: table.csv"))
    os.mkfifo(answer_file.parent / "table.csv")
    result = _run_in_child(["build", str(answer_file), "-o", str(tmp_path / "out"), *NO_HOUSE])
    assert result.returncode == 2
    assert "table.csv: this is not a regular file (a device or a pipe)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_folder_or_a_missing_file_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    assert _build(tmp_path, tmp_path / "out") == 2
    assert _build(tmp_path / "missing.yaml", tmp_path / "out") == 2
    err = capsys.readouterr().err
    assert "this is a folder, not a file" in err and "missing.yaml: there is no such file" in err
    assert not (tmp_path / "out").exists()


def test_an_output_folder_that_cannot_be_made_is_named_without_a_traceback(tmp_path: Path,
                                                                          capsys: pytest.CaptureFixture[str]):
    answer_file = write(tmp_path, "FOI1000001.yaml", MINIMAL)
    (tmp_path / "a-file").write_text("not a folder")
    assert _build(answer_file, tmp_path / "a-file" / "out", "--format", "docx") == 74
    err = capsys.readouterr().err
    assert "Traceback" not in err and "bug in foiletters" not in err
    assert "a-file/out: Not a directory; check that the folder exists and can be written" in err
