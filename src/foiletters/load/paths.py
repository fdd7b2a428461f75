"""Files that an answer file names: only plain file names, only beside the answer file."""

from __future__ import annotations

import re
from pathlib import Path

from foiletters.load.model import RESERVED_NAMES

_PLAIN_NAME = re.compile(r"^[^\x00-\x1f/\\:*?\"<>|]+$")


def beside(folder: Path, name: str) -> tuple[Path | None, str]:
    """The file `name` in `folder`, or a reason why that name is not allowed."""
    stem = name.split(".", 1)[0].upper()
    if not _PLAIN_NAME.fullmatch(name) or name in (".", "..") or name.startswith(".") or stem in RESERVED_NAMES:
        return None, f"{name!r} is not a plain file name (no folders, no '..', no special characters)"
    path = folder / name
    if path.is_symlink() or (path.exists() and path.resolve().parent != folder.resolve()):
        return None, f"{name!r} is a link to elsewhere; only files beside the answer file are read"
    return path, ""
