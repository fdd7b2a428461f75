"""Files that an answer file names: only plain file names, only beside the answer file."""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import re
import stat
from collections.abc import Iterator
from pathlib import Path

from foiletters.errors import Problem
from foiletters.load import characters
from foiletters.load.model import RESERVED_NAMES

_PLAIN_NAME = re.compile(r"^[^\x00-\x1f\x7f-\x9f/\\:*?\"<>|\u2028\u2029\ufffe\uffff\ud800-\udfff]+$")
MAX_NAME_BYTES = 200  # below every file system's limit (255), leaving room for the temporary name


def beside(folder: Path, name: str) -> tuple[Path | None, str]:
    """The file `name` in `folder`, or a reason why that name is not allowed."""
    stem = name.split(".", 1)[0].rstrip(" ").upper()
    if not _PLAIN_NAME.fullmatch(name) or name in (".", "..") or name.startswith("."):
        return None, f"{name!r} is not a plain file name (no folders, no '..', no special characters)"
    if stem in RESERVED_NAMES:
        return None, f"{name!r} is a name that Windows keeps for a device, not a file"
    if name.endswith((".", " ")) or name.startswith(" "):
        return None, f"{name!r} starts or ends with a space or a dot, which Windows drops from file names"
    if len(name.encode("utf-8", errors="surrogatepass")) > MAX_NAME_BYTES:
        return None, f"the file name is {len(name)} characters long, more than a file name can be"
    path = folder / name
    try:
        if path.is_symlink() or (path.exists() and path.resolve().parent != folder.resolve()):
            return None, f"{name!r} is a link to elsewhere; only files beside the answer file are read"
    except OSError as exc:
        return None, f"{name!r} cannot be looked at ({exc.strerror})"
    return path, ""


_reads: contextvars.ContextVar[dict[Path, str] | None] = contextvars.ContextVar("reads", default=None)


@contextlib.contextmanager
def recording_reads() -> Iterator[dict[Path, str]]:
    """`with recording_reads() as reads:` fills `reads` with {path: sha256} of the bytes each bounded read
    returned: the log records the hash of the very bytes a letter was built from, not of the file later."""
    reads: dict[Path, str] = {}
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def read_bytes_at_most(path: Path, limit: int) -> bytes:
    """At most limit + 1 bytes of a regular file, however large it has grown since it was looked at."""
    with path.open("rb") as handle:
        return handle.read(limit + 1)


def read_bounded(path: Path, shown: str, limit: int, what: str, expected: str) -> tuple[bytes, Problem | None]:
    """A regular file's bytes, or why not: missing, a folder or device, unreadable, or over the limit."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            return b"", Problem(shown, 0, 0, "", "this is a folder, not a file", "name a file")
        if not stat.S_ISREG(info.st_mode):  # a device or pipe: reading it may never end
            return b"", Problem(shown, 0, 0, "", "this is not a regular file (a device or a pipe)", "name a file")
        raw = b"" if info.st_size > limit else read_bytes_at_most(path, limit)
    except FileNotFoundError:
        return b"", Problem(shown, 0, 0, "", "there is no such file", "check the path")
    except OSError as exc:
        return b"", Problem(shown, 0, 0, "", f"the file cannot be read ({exc.strerror})", "")
    if info.st_size > limit or len(raw) > limit:
        size = max(info.st_size, len(raw))
        return b"", Problem(shown, 1, 1, "", f"{what} is {_size(size)}, larger than the limit of {_size(limit)}",
                            expected)
    if (reads := _reads.get()) is not None:
        reads[path] = hashlib.sha256(raw).hexdigest()
    return raw, None


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MB" if n >= 2**20 else f"{-(-n // 1024)} kB"


def decode_utf8(raw: bytes, shown: str) -> tuple[str, Problem | None]:
    """The text of a UTF-8 file, or where it is not UTF-8 (and a lone surrogate named as such)."""
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line_start = raw.rfind(b"\n", 0, exc.start) + 1
        line = raw[: exc.start].count(b"\n") + 1
        column = len(raw[line_start: exc.start].decode("utf-8", errors="replace")) + 1
        with contextlib.suppress(UnicodeDecodeError):
            half = raw[exc.start: exc.start + 3].decode("utf-8", errors="surrogatepass")
            if characters.UNHOLDABLE.fullmatch(half):
                message, expected = characters.describe(half)
                return "", Problem(shown, line, column, "", message, expected)
        return "", Problem(shown, line, column, "", "the file is not UTF-8 text",
                           "save it as UTF-8 (in Notepad: Save As → Encoding: UTF-8)")
