"""One digest of everything the log's pages are made from, so that a run that changed none of it leaves the
pages alone without working them out again.

The pages (index, request pages, data files, feed, search index, Statistics page) are a function of the
requests' records, the templates and the house, the site's base address and the answer files counted by
the Statistics page. Each record is a function of its set's key (`batch._key_of`: the answer file, the
files it reads, the templates in force on its date, foiletters itself), so the keys stand for the records.
At 10,000 requests, working out that no page changed (the related requests, a digest of every record,
the search index's manifest, the statistics' summaries) is most of a run with nothing to build. The digest
covers foiletters' own files too, so that its code changed between two runs (in development) counts.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from foiletters import __version__
from foiletters.render.house import TemplateSet
from foiletters.write.files import write_atomically

if TYPE_CHECKING:
    from foiletters.publish.record import Record
    from foiletters.publish.site_state import SiteState

PACKAGE = Path(__file__).resolve().parent.parent
NAME = "site-digest"  # in the cache, written once the pages it stands for are in place


def site_digest(records: list[Record], state: SiteState, templates: TemplateSet, base_url: str,
                answer_hashes: Mapping[Path, str], log_format: str) -> str | None:
    """The digest of the pages' inputs; None when a record's key is not known (nothing is then skipped)."""
    digest = hashlib.sha256(f"{log_format}\0{__version__}\0{base_url}\0".encode())
    keys = []
    for record in records:
        key = state.letters.get(record.stem, {}).get("key")
        if not key:
            return None
        keys.append(f"{record.stem}\0{key}")
    for line in sorted(keys):
        digest.update(f"{line}\n".encode())
    for path in sorted(answer_hashes):  # the Statistics page counts every answer file, published or not
        digest.update(f"{path}\0{answer_hashes[path]}\n".encode())
    from foiletters.publish import site

    digest.update(f"{site.PAGE_SIZE}\0{site.FEED_SIZE}\0".encode())
    # foiletters itself (its code and its packaged templates, so that a change between two releases counts too)
    # and the house's folder.
    for folder in [PACKAGE, *([templates.house] if templates.house else [])]:
        digest.update(_folder_digest(folder).encode())
    return digest.hexdigest()


def unchanged(state: SiteState, digest: str | None) -> bool:
    """The pages were last written from these inputs, and each of them is still in the site."""
    if digest is None or not state.pages:
        return False
    try:
        saved = (state.cache / NAME).read_text(encoding="utf-8")
    except OSError:
        return False
    return saved == digest and all(state.in_site(name) for name in state.pages)


def remember(state: SiteState, digest: str | None) -> None:
    if digest is not None:
        with contextlib.suppress(OSError):  # only a shortcut: without it the next run works the pages out
            write_atomically(state.cache / NAME, digest.encode("utf-8"))


def forget(state: SiteState) -> None:
    """Before the pages change: a run stopped while writing them works them out again."""
    with contextlib.suppress(OSError):
        (state.cache / NAME).unlink(missing_ok=True)


def _folder_digest(folder: Path) -> str:
    """Every file of a folder of templates and data, by its path and bytes (Python's caches left out)."""
    digest = hashlib.sha256()
    for root, folders, files in os.walk(folder):
        folders[:] = sorted(f for f in folders if f != "__pycache__")
        for name in sorted(files):
            path = Path(root, name)
            digest.update(f"{path.relative_to(folder).as_posix()}\0".encode())
            with contextlib.suppress(OSError):
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()
