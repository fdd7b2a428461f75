"""What the log's site holds, file by file, and the sets that change it.

Each published request is one set (`write.files.write_set`): its PDF, DOCX, attachments and the
letter's HTML in the cache, with a record, `sets/STEM.json` in the cache, that lists the site's
files it holds and its manifest entry. The site's pages (index, request pages, CSV, JSON, feed,
search index, assets) are one more set, recorded in `site.json`. A record is renamed into place
at the moment its set is, so the records always say exactly which files foiletters wrote.

From them a run knows, before it builds anything, which files of the site are its own: it removes
those the current letters no longer hold, and never deletes any other. A file it did not write is
named, and the run will not publish into its folder, unless the house keeps it (`--keep`, or
`log_keep:` in the house profile: `.git`, `robots.txt`, `CNAME`).
"""

from __future__ import annotations

import contextlib
import fnmatch
import json
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foiletters.write import cache_json
from foiletters.write.files import is_leftover, journals, recover, remove_leftovers, write_atomically, write_set

REQUESTS = "requests"
SITE_RECORD = "site.json"
SETS_INDEX, SETS_INDEX_FORMAT = "sets-index.json", "1"  # in the cache: what each set's record holds (`read_state`)
# What an earlier foiletters (whose cache had no records of files) wrote at the top of a site.
_EARLIER_PAGES = ["index.html", "index.json", "index.csv", "feed.atom", "search-index.json", "assets/site.css",
                  "assets/site.js"]


@dataclass
class SiteState:
    """The site's folder, its cache, and what the records say each set holds.

    `letters` gives each request's set as `{"files": [...], "key": ...}` (the site's files it holds, the key it
    was built from); `full_record` reads the whole record (with its manifest entry) when it is needed. `files`:
    the site's files as the run found them at its start (`recover_site`), None when not listed."""

    site: Path
    cache: Path
    letters: dict[str, dict[str, Any]] = field(default_factory=dict)  # stem -> its set: files and key
    pages: list[str] = field(default_factory=list)  # the site's pages, as the site's set record lists them
    files: set[str] | None = None
    _letter_names: set[str] | None = None

    @property
    def journal_folder(self) -> Path:
        return self.cache / "journal"

    def record_path(self, stem: str) -> Path:
        return self.cache / "sets" / f"{stem}.json"

    def letter_path(self, stem: str) -> Path:
        return self.cache / "letters" / f"{stem}.html"

    def full_record(self, stem: str) -> dict[str, Any]:
        """The set's record as written (its files and its manifest entry); {} when there is none."""
        try:
            return json.loads(self.record_path(stem).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def has_letter(self, stem: str) -> bool:
        """The letter's HTML is in the cache (the folder is listed once in a run)."""
        if self._letter_names is None:
            try:
                self._letter_names = {entry.name for entry in os.scandir(self.cache / "letters")}
            except OSError:
                self._letter_names = set()
        return f"{stem}.html" in self._letter_names

    def in_site(self, relative: str) -> bool:
        """A file of the site is there (looked up in the run's listing where there is one)."""
        if self.files is not None and relative in self.files:
            return True
        return (self.site / relative).is_file()  # not listed: a file the house keeps, or written since

    def known(self) -> set[str]:
        """Every file of the site (relative, with `/`) that foiletters wrote."""
        files = set(self.pages)
        for record in self.letters.values():
            files.update(record.get("files", []))
        return files


def recover_site(site: Path, cache: Path, keep: list[str] = ()) -> list[str]:
    """Before anything else: undo the sets a killed run left half-replaced, and delete its temporary files.

    Returns the files now in the site (relative, with `/`) but those the house keeps, for `unknown_files`:
    one walk of the site (tens of thousands of files in a large log) serves both."""
    for journal in journals(cache / "journal"):
        recover(journal)
    remove_leftovers(cache)
    kept = _keep_pattern(keep)
    found = []
    # (folder, relative path with `/` after it, whether its files are listed, whether its leftovers are ours)
    stack = [(str(site), "", True, True)]
    while stack:
        directory, prefix, listed, ours = stack.pop()
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except (FileNotFoundError, NotADirectoryError):
            continue
        folders = []
        for entry in entries:
            relative = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                # A folder the house keeps is not listed, and a hidden one (`.git`) holds no leftovers of ours.
                inner = (listed and not _is_kept(relative, kept), ours and not entry.name.startswith("."))
                if any(inner):
                    folders.append((entry.path, relative + "/", *inner))
            elif ours and is_leftover(entry.name):
                Path(entry.path).unlink(missing_ok=True)
            elif listed and not _is_kept(relative, kept):
                found.append(relative)
        stack += reversed(folders)  # a folder's files, then its folders' in order (as `os.walk` gives them)
    return found


def recover_letter(site: Path, cache: Path, stem: str) -> None:
    """The set of one request that a worker was writing when it died: undone, or completed if it was in place."""
    recover(cache / "journal" / f"letter-{stem}.journal")
    folder = site / REQUESTS / stem
    if folder.is_dir():
        remove_leftovers(folder)
    remove_leftovers(cache / "letters", [f"{stem}.html"])
    remove_leftovers(cache / "sets", [f"{stem}.json"])


def read_state(site: Path, cache: Path, earlier_records: list[dict[str, Any]]) -> SiteState:
    """The records of the sets; for a site built by an earlier foiletters, what it wrote (its manifest's records).

    A log of 10,000 requests has 10,000 records: what each holds is kept in one index beside them
    (`sets-index.json`) with each record file's identity (inode, size, times), and a record is read again only
    when its file is not the one the index saw (a record is always replaced by renaming a new file into place)."""
    state = SiteState(site, cache)
    index_path = cache / SETS_INDEX
    try:
        index = json.loads(index_path.read_text(encoding="utf-8"))
        seen = index.get("sets", {}) if index.get("format") == SETS_INDEX_FORMAT else {}
    except (OSError, ValueError, AttributeError):
        seen = {}
    now: dict[str, list[Any]] = {}
    try:
        entries = sorted(os.scandir(cache / "sets"), key=lambda entry: entry.name)
    except OSError:
        entries = []
    for entry in entries:
        if not entry.name.endswith(".json"):
            continue
        try:
            status = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        identity = [status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns]
        stem = entry.name[:-len(".json")]
        known = seen.get(stem)
        if isinstance(known, list) and len(known) == 3 and known[0] == identity:
            files, key = known[1], known[2]
        else:
            try:
                record = json.loads(Path(entry.path).read_text(encoding="utf-8"))
                files, key = list(record.get("files", [])), record.get("entry", {}).get("key")
            except (OSError, ValueError, AttributeError):
                continue
        state.letters[stem] = {"files": files, "key": key}
        now[stem] = [identity, files, key]
    if now != seen:
        with contextlib.suppress(OSError):  # only an index: without it the records are read one by one
            write_atomically(index_path, cache_json.dumps({"format": SETS_INDEX_FORMAT, "sets": now}))
    try:
        state.pages = json.loads((cache / SITE_RECORD).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError):
        if not state.letters and earlier_records:  # the cache of an earlier foiletters: take its site as ours once
            state.pages = list(_EARLIER_PAGES)
            for record in earlier_records:
                folder = f"{REQUESTS}/{record['reference']}"
                state.pages += [f"{folder}/index.html", *(f"{folder}/{n}" for n in record["files"].values())]
    return state


def is_kept(relative: str, keep: list[str]) -> bool:
    """A file the house keeps in the site: a pattern matches its path, or a folder it is in (`.git`)."""
    return _is_kept(relative, _keep_pattern(keep))


def _keep_pattern(keep: Iterable[str]) -> re.Pattern[str] | None:
    """The house's patterns as one regular expression (None: none), for the tens of thousands of files of a log."""
    patterns = [fnmatch.translate(pattern.strip("/")) for pattern in keep]
    return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None


def _is_kept(relative: str, kept: re.Pattern[str] | None) -> bool:
    if kept is None:
        return False
    parts = relative.split("/")
    return any(kept.match("/".join(parts[:i])) for i in range(1, len(parts) + 1))


def unknown_files(state: SiteState, files: list[str]) -> list[str]:
    """The site's files (`recover_site`'s) that foiletters did not write."""
    known = state.known()
    return [name for name in files if name not in known]


def folder_of(relative: str) -> str | None:
    """The request (its stem) whose folder holds a file of the site, or None for the site's own folders."""
    parts = relative.split("/")
    return parts[1] if len(parts) >= 3 and parts[0] == REQUESTS else None


def write_letter_set(state: SiteState, stem: str, files: dict[str, bytes], letter_html: str,
                     entry: dict[str, Any]) -> None:
    """Publish one request's files as a set: the ones it held before and holds no more are removed with it."""
    folder = f"{REQUESTS}/{stem}"
    names = {f"{folder}/{name}": data for name, data in files.items()}
    earlier = _earlier_letter_files(state, stem)
    record = {"files": sorted([*names, f"{folder}/index.html"]), "entry": entry}
    write_set({state.site / name: data for name, data in names.items()} |
              {state.letter_path(stem): letter_html.encode("utf-8")},
              state.journal_folder / f"letter-{stem}.journal",
              remove=[state.site / name for name in earlier if name not in names and not name.endswith("/index.html")],
              record=(state.record_path(stem), json.dumps(record, sort_keys=True).encode("utf-8")))
    state.letters[stem] = {"files": record["files"], "key": entry.get("key")}


def remove_letter_set(state: SiteState, stem: str) -> None:
    """Take a request's files out of the site (its page goes with the site's pages)."""
    earlier = _earlier_letter_files(state, stem)
    write_set({}, state.journal_folder / f"letter-{stem}.journal",
              remove=[state.site / name for name in earlier if not name.endswith("/index.html")] +
              [state.letter_path(stem), state.record_path(stem)])
    state.letters.pop(stem, None)
    _remove_empty(state.site / REQUESTS / stem)


def write_pages(state: SiteState, pages: dict[Path, bytes], kept: set[str] = frozenset()) -> list[Path]:
    """Write the site's pages as one set: those whose bytes changed, and remove the ones no longer written.
    `kept`: pages (relative, with `/`) that are unchanged (not rendered again): part of the set as they are."""
    names = {path.relative_to(state.site).as_posix(): data for path, data in pages.items()}
    changed = {state.site / name: data for name, data in names.items()
               if not (state.site / name).is_file() or (state.site / name).read_bytes() != data}
    names |= dict.fromkeys(kept - names.keys(), b"")
    gone = [state.site / name for name in state.pages if name not in names]
    if changed or gone or not (state.cache / SITE_RECORD).is_file():
        write_set(changed, state.journal_folder / "site.journal", remove=gone,
                  record=(state.cache / SITE_RECORD, json.dumps({"files": sorted(names)}).encode("utf-8")))
    state.pages = sorted(names)
    for path in gone:
        _remove_empty(path.parent)
    return list(changed)


def _earlier_letter_files(state: SiteState, stem: str) -> list[str]:
    return list(state.letters.get(stem, {}).get("files", []))


def _remove_empty(folder: Path) -> None:
    """Remove the request folders a removal left empty (never one that holds anything)."""
    while folder.is_dir() and folder.name != REQUESTS and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent
