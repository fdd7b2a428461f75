"""The baseline a template change is compared with: the house templates at a git revision."""

from __future__ import annotations

import io
import subprocess
import tarfile
from pathlib import Path

from foiletters.errors import FoilettersError, display_path


def templates_at_revision(house: Path, revision: str, into: Path) -> Path | None:
    """Extract the house templates folder as it was at `revision` into `into`; None if it did not exist then."""
    house = house.resolve()
    top = _git(house, "rev-parse", "--show-toplevel").decode().strip()
    relative = house.relative_to(Path(top).resolve()).as_posix()
    listing = _git(Path(top), "ls-tree", "-d", "--name-only", revision, "--", relative or ".")
    if not listing.strip():
        return None
    archive = _git(Path(top), "archive", "--format=tar", revision, "--", relative)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")  # "data": no links or paths outside `into`
    return into / relative


def _git(where: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", "-C", str(where), *args], capture_output=True, check=False)
    except FileNotFoundError:
        raise FoilettersError("git is not installed: compare with a folder of earlier builds instead "
                              "(--against-builds DIR)") from None
    if done.returncode != 0:
        message = done.stderr.decode(errors="replace").strip().splitlines()
        raise FoilettersError(f"cannot read the templates of {display_path(where)} at that revision from git: "
                              f"{message[-1] if message else 'git failed'}; is the folder in a git repository, "
                              "and is the revision right?")
    return done.stdout
