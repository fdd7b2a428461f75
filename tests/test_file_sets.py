"""A letter's files as one set (`write.files.write_set`): all replaced or none, whatever fails or is killed when."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from foiletters.write import files
from foiletters.write.files import NotWritten, recover, write_set


def _folder(tmp_path: Path) -> dict[str, bytes]:
    return {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in sorted(tmp_path.rglob("*")) if p.is_file()}


@pytest.fixture
def old(tmp_path: Path) -> dict[str, bytes]:
    """A letter as an earlier build left it: its DOCX, PDF and an attachment."""
    for name in ("FOI1.docx", "FOI1.pdf", "old.csv"):
        (tmp_path / name).write_bytes(f"old {name}".encode())
    return _folder(tmp_path)


def _new(tmp_path: Path) -> dict[Path, bytes]:
    return {tmp_path / name: f"new {name}".encode() for name in ("FOI1.docx", "FOI1.pdf", "new.csv")}


def test_a_set_replaces_every_file_and_removes_what_it_no_longer_holds(tmp_path: Path, old: dict[str, bytes]):
    write_set(_new(tmp_path), tmp_path / ".FOI1.journal", remove=[tmp_path / "old.csv"])
    assert _folder(tmp_path) == {"FOI1.docx": b"new FOI1.docx", "FOI1.pdf": b"new FOI1.pdf", "new.csv": b"new new.csv"}


def test_a_rename_that_fails_half_way_puts_every_old_file_back(tmp_path: Path, old: dict[str, bytes],
                                                               monkeypatch: pytest.MonkeyPatch):
    replace = os.replace

    def refused(source, target):  # noqa: ANN001 - os.replace's arguments
        if str(target).endswith("new.csv"):  # the DOCX and PDF are in place by now
            raise OSError(errno.EACCES, "Permission denied", str(target))
        return replace(source, target)

    monkeypatch.setattr(files.os, "replace", refused)
    with pytest.raises(NotWritten, match=r"new\.csv: could not be written \(Permission denied\)"):
        write_set(_new(tmp_path), tmp_path / ".FOI1.journal", remove=[tmp_path / "old.csv"])
    monkeypatch.undo()
    assert _folder(tmp_path) == old


def test_a_full_disk_for_the_second_file_leaves_the_first_unwritten(tmp_path: Path, old: dict[str, bytes],
                                                                  monkeypatch: pytest.MonkeyPatch):
    fsync, calls = os.fsync, []

    def full(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(fd)

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(NotWritten, match=r"FOI1\.pdf: could not be written \(the disk is full\)"):
        write_set(_new(tmp_path), tmp_path / ".FOI1.journal")
    assert _folder(tmp_path) == old


KILLED_AT = """
import os, signal, sys
from pathlib import Path
from foiletters.write import files
when, folder = sys.argv[1], Path(sys.argv[2])
replace, unlink = os.replace, os.unlink
def dying_replace(source, target, *a, **k):
    if when == "record" and str(target).endswith("record.json"):
        os.kill(os.getpid(), signal.SIGKILL)
    return replace(source, target, *a, **k)
def dying_unlink(path, *a, **k):
    if (when == "backups" and str(path).endswith(".old")) or (when == "journal" and str(path).endswith(".journal")):
        os.kill(os.getpid(), signal.SIGKILL)
    return unlink(path, *a, **k)
os.replace, os.unlink = dying_replace, dying_unlink
files.write_set({folder / n: f"new {n}".encode() for n in ("FOI1.docx", "FOI1.pdf", "new.csv")},
                folder / ".FOI1.journal", remove=[folder / "old.csv"], record=(folder / "record.json", b"{}"))
"""


@pytest.mark.parametrize(("when", "outcome"), [("record", "undone"), ("journal", "completed"), ("backups", None)])
def test_a_kill_before_the_record_is_undone_and_after_it_completed(tmp_path: Path, old: dict[str, bytes],
                                                                   when: str, outcome: str | None):
    killed = subprocess.run([sys.executable, "-c", KILLED_AT, when, str(tmp_path)], capture_output=True, check=False)
    assert killed.returncode == -9, killed.stderr
    assert recover(tmp_path / ".FOI1.journal") == outcome  # None: no journal, the set was in place
    files.remove_leftovers(tmp_path)
    if outcome == "undone":  # every file as it was: the new ones gone, the removed one back
        assert _folder(tmp_path) == old
    else:  # the set was in place when the process died: recovery only deletes the backups
        assert _folder(tmp_path) == {"FOI1.docx": b"new FOI1.docx", "FOI1.pdf": b"new FOI1.pdf",
                                     "new.csv": b"new new.csv", "record.json": b"{}"}
