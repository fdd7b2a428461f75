"""The answer files the statistics count: every one given (folders, files), published or not, summarised.

`foiletters stats` reads every file and stops on any that cannot be read (no figure is right while one is
missing). The disclosure log keeps each file's summary in its cache, beside the site, and reads a file
again only when its bytes, the exemption library or foiletters change; a broken file is the log's own
run to report, and the page counts the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path

from typing import TYPE_CHECKING

from foiletters import __version__
from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.render.house import PACKAGED, TemplateSet
from foiletters.write import cache_json
from foiletters.write.files import write_atomically

if TYPE_CHECKING:  # the model and the figures are imported where a file is read: the log's run with nothing
    from foiletters.stats.facts import Facts  # changed reads none
    from foiletters.stats.summary import Summary

CACHE_FORMAT = "2"  # changes when a summary's fields change


def answer_files(paths: Iterable[Path]) -> list[Path]:
    """The answer files named, and the `*.yaml` files of the folders named, each once, in order."""
    found: dict[Path, None] = {}
    for path in paths:
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            found.setdefault(file, None)
    return list(found)


def summaries(files: list[Path], templates: TemplateSet) -> tuple[list[Summary], list[Problem]]:
    """The summary of every answer file that loads, and the problems of those that do not."""
    from foiletters.load.answerfile import load
    from foiletters.stats.summary import summary_of

    loaded, problems = [], []
    for file in files:
        if not file.is_file():
            problems.append(Problem(display_path(file), 0, 0, "", "there is no such answer file or folder"))
            continue
        try:
            loaded.append(summary_of(load(file).answers, templates.library))
        except AnswerFileError as error:
            problems += error.problems
    return loaded, problems


class CachedSummaries:
    """The summaries of the answer files that load, kept in `cache` (a JSON file): a file is read again only
    when its bytes, the exemption library or foiletters changed since the last run. `digest` names all the
    inputs, so that the log can tell, without reading a summary (or the cache), that its page would come out
    the same. `hashes`: the files' SHA-256, where the caller has taken them already (the log has)."""

    def __init__(self, files: list[Path], templates: TemplateSet, cache: Path,
                 hashes: Mapping[Path, str] | None = None):
        self.templates, self.cache = templates, cache
        self.depends = _library_digest(templates)
        given = hashes or {}
        self.hashes = {str(file): given.get(file) or hashlib.sha256(file.read_bytes()).hexdigest() for file in files}
        listed = json.dumps([self.depends, sorted(self.hashes.items())])
        self.digest = hashlib.sha256(listed.encode()).hexdigest()

    def summaries(self, fresh: Mapping[Path, tuple[str, dict]] | None = None) -> list[Summary]:
        """The summaries, read from the cache, from `fresh` (a file's hash and summary, as a caller that read it
        made them: the log's workers do) or from the files."""
        from foiletters.stats.summary import from_json

        return [from_json(data) for data in self.summary_data(fresh)]

    def summary_data(self, fresh: Mapping[Path, tuple[str, dict]] | None = None) -> list[dict]:
        """The summaries as the cache keeps them (JSON), of the files that load, in the files' order."""
        from foiletters.load.answerfile import load
        from foiletters.stats.summary import summary_of, to_json

        try:
            kept = json.loads(self.cache.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        old = kept.get("files", {}) if kept.get("key") == self.depends else {}
        # A file that moved (its folder did) keeps its summary: found by its name and hash.
        moved = {(Path(name).name, e.get("hash")): e for name, e in old.items() if name not in self.hashes}
        entries: dict[str, dict] = {}
        for file, digest in self.hashes.items():
            entry = old.get(file) or moved.get((Path(file).name, digest))
            made = (fresh or {}).get(Path(file))
            if (entry is None or entry.get("hash") != digest) and made is not None and made[0] == digest:
                entry = {"hash": digest, "summary": made[1]}
            if entry is None or entry.get("hash") != digest:
                try:
                    summary = to_json(summary_of(load(Path(file)).answers, self.templates.library))
                except AnswerFileError:  # the log's own run reports it
                    summary = None
                entry = {"hash": digest, "summary": summary}
            entries[file] = entry
        if entries != old or kept.get("key") != self.depends:
            write_atomically(self.cache, cache_json.dumps({"key": self.depends, "files": entries}, sort_keys=True))
        return [e["summary"] for e in entries.values() if e["summary"] is not None]


def _library_digest(templates: TemplateSet) -> str:
    """What a summary depends on beside its file: foiletters and the exemption library (its citations)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}".encode())
    # Named within their folders, not by where foiletters or the house is installed: the summaries stay good
    # when the same files are somewhere else (another checkout, another virtual environment).
    folders = [("packaged", PACKAGED / "exemptions")] + (
        [("house", templates.house / "exemptions")] if templates.house else [])
    for label, folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            digest.update(f"\0{label}/{path.name}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def newest_date(found: Iterable[Summary]) -> dt.date | None:
    """The newest day any answer file records (a letter, a reply to one, a closure, an appeal): the day the
    log counts its figures as of, so that the same files always give the same page."""
    return max((day for summary in found for day in summary.dates()), default=None)


def facts_for(found: Iterable[Summary], as_of: dt.date) -> list[Facts]:
    from foiletters.stats.facts import facts_of

    return [f for s in found if (f := facts_of(s, as_of)) is not None]
