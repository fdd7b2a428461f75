"""Writing output files so that a failed or killed build never leaves half a file, or half a letter.

`write_atomically` writes one file: beside the target, then renamed over it.

`write_set` writes a letter's files (its DOCX, its PDF, its attachments, and in the log its page's
bookkeeping) as one set: all replaced, or none. It goes in three steps:

1. Every new file is written beside its target under a temporary name (`.NAME.RANDOM.part`) and
   flushed to the disk. A full disk, or any other failure, here removes the temporary files and
   names the file that could not be written: nothing else has changed.
2. A journal lists each target, its temporary file and a backup name. Each old file is kept under
   its backup name (`.NAME.RANDOM.old`, a hard link: the target is never missing) and the new one
   renamed over it; files the set no longer holds are moved to their backup names.
3. The set is in place when its journal goes (or, with a `record`, when the record is renamed into
   place, the journal saying which record that is). Only then are the backups deleted.

A process killed before step 3 leaves the journal, and `recover` (which every run calls before
anything else) undoes the set from it: the old files are back, the new ones gone. Killed after it,
`recover` (while the journal is there) or `remove_leftovers` (once it is gone) deletes the backups.
A renaming is atomic; a write is not, and never happens to a file under its own name.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterable
from pathlib import Path

from foiletters.errors import FoilettersError, display_path

TEMPORARY, BACKUP = ".part", ".old"
# `.NAME.RANDOM.part` (tempfile's random letters) and `.NAME.RANDOM.old` (8 hex digits): only ours match.
_LEFTOVER = re.compile(r"^\.(.+)\.(?:[A-Za-z0-9_]+\.part|[0-9a-f]{8}\.old)$")


class NotWritten(FoilettersError):
    """A file of a set could not be written: the set was not changed."""

    exit_code = 74  # EX_IOERR, as for any other file the disk refuses

    def __init__(self, path: Path, error: OSError):
        why = "the disk is full" if error.errno in (errno.ENOSPC, errno.EDQUOT) else (error.strerror or str(error))
        super().__init__(f"{display_path(path)}: could not be written ({why}); the files that were there "
                         "before are back in place, unchanged")
        self.path, self.error = path, error


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target, then rename over it: readers see the old file or the new, never a part."""
    temporary = _write_temporary(path, data)
    try:
        temporary.replace(path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_temporary(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).chmod(0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_set(files: dict[Path, bytes], journal: Path, *, remove: Iterable[Path] = (),
              record: tuple[Path, bytes] | None = None) -> None:
    """Replace `files` (target -> bytes) and delete `remove`, all together or not at all.

    `journal` is where the set's journal is kept while it is written (one per set, e.g. per letter).
    With `record` (a path and its bytes: what the set holds, for the caller's bookkeeping), the record
    is written with the set and is in place exactly when the set is. Raises `NotWritten` naming the
    file that failed; what was there before is then back in place.
    """
    targets = dict(files)
    if record is not None:
        targets[record[0]] = record[1]
    temporaries: dict[Path, Path] = {}
    try:
        for path, data in targets.items():
            try:
                temporaries[path] = _write_temporary(path, data)
            except OSError as error:
                raise NotWritten(path, error) from None
        steps = {"targets": [_step(journal, path, temporaries[path]) for path in files],
                 "remove": [_step(journal, path, None) for path in remove if path.exists() and path not in files]}
        if record is not None:
            steps["record"] = _step(journal, record[0], temporaries[record[0]])
            steps["record_sha256"] = hashlib.sha256(record[1]).hexdigest()
        try:
            write_atomically(journal, json.dumps(steps).encode("utf-8"))
        except OSError as error:
            raise NotWritten(journal, error) from None
    except BaseException:
        for temporary in temporaries.values():
            temporary.unlink(missing_ok=True)
        raise
    try:
        for step in steps["targets"]:
            target, temporary, backup = _paths(journal, step)
            if step["existed"]:
                _keep(target, backup)
            temporary.replace(target)
        for step in steps["remove"]:
            target, _, backup = _paths(journal, step)
            target.replace(backup)
        if record is not None:  # the moment the set is in place
            target, temporary, _ = _paths(journal, steps["record"])
            temporary.replace(target)
    except OSError as error:
        _undo(journal, steps)
        raise NotWritten(target, error) from None
    except BaseException:
        _undo(journal, steps)
        raise
    _finish(journal, steps)


def recover(journal: Path) -> str | None:
    """Complete or undo the set an interrupted process left at `journal`: 'undone', 'completed' or None."""
    try:
        steps = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):  # a journal is written atomically: this is not one of ours
        return None
    if not isinstance(steps, dict) or not isinstance(steps.get("targets"), list) or "remove" not in steps:
        return None
    if "record" in steps:
        target, _, _ = _paths(journal, steps["record"])
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == steps["record_sha256"]:
            _finish(journal, steps)
            return "completed"
    _undo(journal, steps)
    return "undone"


def journals(folder: Path) -> list[Path]:
    """The journals of sets in `folder` (hidden files: `.NAME.journal`, or any in a folder of journals)."""
    return sorted(p for p in folder.glob("*.journal") if p.name.startswith(".") or folder.name == "journal") \
        if folder.is_dir() else []


def is_leftover(name: str) -> bool:
    """A temporary or backup file of ours (`.NAME.RANDOM.part`, `.NAME.RANDOM.old`) by its name."""
    return _LEFTOVER.match(name) is not None


def remove_leftovers(folder: Path, names: Iterable[str] | None = None) -> None:
    """Delete the temporary and backup files a killed process left in `folder` and below it (beside
    the files `names` only, if given). Hidden folders (`.git`) are not ours and are not looked into.

    Call it after `recover`: a backup still wanted is named in a journal, and recovery has used it.
    """
    wanted = None if names is None else set(names)
    for directory, folders, found in os.walk(folder):
        folders[:] = [] if wanted is not None else [f for f in folders if not f.startswith(".")]
        for name in found:
            match = _LEFTOVER.match(name)
            if match and (wanted is None or match.group(1) in wanted):
                (Path(directory) / name).unlink(missing_ok=True)


def _step(journal: Path, target: Path, temporary: Path | None) -> dict[str, object]:
    backup = target.with_name(f".{target.name}.{secrets.token_hex(4)}{BACKUP}")
    return {"target": os.path.relpath(target, journal.parent),
            "temporary": os.path.relpath(temporary, journal.parent) if temporary else None,
            "backup": os.path.relpath(backup, journal.parent), "existed": target.exists()}


def _paths(journal: Path, step: dict[str, object]) -> tuple[Path, Path, Path]:
    def at(name: object) -> Path:
        return journal.parent / str(name)

    return at(step["target"]), at(step["temporary"]), at(step["backup"])


def _keep(target: Path, backup: Path) -> None:
    """The old file under its backup name, the target still in place (a hard link), or moved if links fail."""
    try:
        os.link(target, backup)
    except OSError:
        target.replace(backup)


def _undo(journal: Path, steps: dict) -> None:
    for step in [*steps["targets"], *steps["remove"]]:
        target, temporary, backup = _paths(journal, step)
        if step["temporary"] is not None:
            temporary.unlink(missing_ok=True)
        if backup.exists():
            _put_back(backup, target)
        elif not step["existed"]:
            target.unlink(missing_ok=True)  # new in this set (and perhaps already renamed into place)
    if "record" in steps:  # not in place, or the set would not be undone: only its temporary file is left
        _paths(journal, steps["record"])[1].unlink(missing_ok=True)
    journal.unlink(missing_ok=True)


def _put_back(backup: Path, target: Path) -> None:
    # Renaming a file onto another link to itself does nothing (POSIX): the backup would stay beside it.
    if target.exists() and backup.samefile(target):
        backup.unlink()
    else:
        backup.replace(target)


def _finish(journal: Path, steps: dict) -> None:
    journal.unlink(missing_ok=True)
    for step in [*steps["targets"], *steps["remove"]]:
        _, _, backup = _paths(journal, step)
        backup.unlink(missing_ok=True)
