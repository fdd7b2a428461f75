"""The hashes of the files a log reads (answer files, their CSV tables and attachments), taken once a run,
and kept in the cache by each file's identity so that a file unchanged since the last run is not read again.

A log of 10,000 answer files would otherwise read and hash every one of them on every run, to find the
one that changed. As git's index does, a file's hash is kept with what `stat` says of it (inode, size,
modification and change times, to the nanosecond): while all four are the same, so are its bytes. A
change leaves the same times only when it falls in the same tick of the file system's clock as the
change before it, so a hash is trusted only if it was taken well after the file last changed (`RACY`);
until then the file is read again on each run. The change time cannot be set back (`touch -d` sets the
modification time only), and an editor that replaces a file gives it a new inode.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import time
from pathlib import Path

from foiletters.write import cache_json
from foiletters.write.files import write_atomically

NAME, FORMAT = "file-hashes.json", "1"
# Seconds between a file's last change and the hash taken of it, past which no later change can leave the
# same times (file systems' clocks tick at 2 s at the coarsest, FAT's).
RACY = 3.0


class FileHashes:
    """sha256 of files by path, from the cache where the file is as it was when it was hashed."""

    def __init__(self, cache: Path | None):
        self._path = cache / NAME if cache is not None else None
        self._known: dict[str, list[int | float | str]] = {}
        if self._path is not None:
            with contextlib.suppress(OSError, ValueError, AttributeError):
                data = json.loads(self._path.read_text(encoding="utf-8"))
                if data.get("format") == FORMAT and isinstance(data.get("files"), dict):
                    self._known = data["files"]
        self._now: dict[str, list[int | float | str]] = {}
        self._hashes: dict[Path, str] = {}
        self._digests: set[str] | None = None

    def hash(self, path: Path) -> str:
        """The hash of the file's bytes ("" when it is not a file), read only when it may have changed."""
        if path in self._hashes:
            return self._hashes[path]
        name = str(path)
        try:
            status = path.stat()
        except OSError:
            self._hashes[path] = ""
            return ""
        identity = [status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns]
        known = self._known.get(name)
        if isinstance(known, list) and len(known) == 6 and known[:4] == identity and \
                known[5] - max(status.st_mtime_ns, status.st_ctime_ns) / 1e9 > RACY:
            digest, taken = str(known[4]), known[5]
        else:
            taken = time.time()
            try:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            except (IsADirectoryError, FileNotFoundError):
                digest = ""
            if not digest:
                self._hashes[path] = ""
                return ""
        self._now[name] = [*identity, digest, taken]
        self._hashes[path] = digest
        return digest

    def changed(self, path: Path) -> bool:
        """The file's bytes are none that were hashed here last run (under its path, or another: a folder moved,
        a new checkout): it may need building."""
        if self._digests is None:
            self._digests = {str(known[4]) for known in self._known.values() if isinstance(known, list)
                             and len(known) == 6}
        return self.hash(path) not in self._digests

    def save(self) -> None:
        """Keep this run's hashes (only the files it hashed: those gone are forgotten)."""
        if self._path is None or self._now == self._known:
            return
        data = cache_json.dumps({"format": FORMAT, "files": self._now}, sort_keys=True)
        with contextlib.suppress(OSError):  # only a cache: without it the files are read again next run
            write_atomically(self._path, data)
