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
from collections.abc import Iterable
from pathlib import Path

from foiletters import __version__
from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.load.answerfile import load
from foiletters.render.house import PACKAGED, TemplateSet
from foiletters.stats.facts import Facts, facts_of
from foiletters.stats.summary import Summary, from_json, summary_of, to_json
from foiletters.write.files import write_atomically

CACHE_FORMAT = "1"  # changes when a summary's fields change


def answer_files(paths: Iterable[Path]) -> list[Path]:
    """The answer files named, and the `*.yaml` files of the folders named, each once, in order."""
    found: dict[Path, None] = {}
    for path in paths:
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            found.setdefault(file, None)
    return list(found)


def summaries(files: list[Path], templates: TemplateSet) -> tuple[list[Summary], list[Problem]]:
    """The summary of every answer file that loads, and the problems of those that do not."""
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


def cached_summaries(files: list[Path], templates: TemplateSet, cache: Path) -> list[Summary]:
    """The summaries of the answer files that load, each read again only when it (or what it depends on)
    changed since the last run; `cache` is the JSON file that keeps them."""
    try:
        kept = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    depends = _library_digest(templates)
    if kept.get("key") != depends:
        kept = {}
    old, new = kept.get("files", {}), {}
    found = []
    for file in files:
        digest = hashlib.sha256(file.read_bytes()).hexdigest()
        entry = old.get(str(file))
        if entry is None or entry.get("hash") != digest:
            try:
                entry = {"hash": digest, "summary": to_json(summary_of(load(file).answers, templates.library))}
            except AnswerFileError:
                entry = {"hash": digest, "summary": None}
        new[str(file)] = entry
        if entry["summary"] is not None:
            found.append(from_json(entry["summary"]))
    if new != old or not kept:
        write_atomically(cache, json.dumps({"key": depends, "files": new}, sort_keys=True).encode("utf-8"))
    return found


def _library_digest(templates: TemplateSet) -> str:
    """What a summary depends on beside its file: foiletters and the exemption library (its citations)."""
    digest = hashlib.sha256(f"{CACHE_FORMAT}\0{__version__}".encode())
    folders = [PACKAGED / "exemptions"] + ([templates.house / "exemptions"] if templates.house else [])
    for folder in folders:
        for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
            digest.update(f"\0{path}\0".encode() + path.read_bytes())
    return digest.hexdigest()


def newest_date(found: Iterable[Summary]) -> dt.date | None:
    """The newest day any answer file records (a letter, a reply to one, a closure, an appeal): the day the
    log counts its figures as of, so that the same files always give the same page."""
    return max((day for summary in found for day in summary.dates()), default=None)


def facts_for(found: Iterable[Summary], as_of: dt.date) -> list[Facts]:
    return [f for s in found if (f := facts_of(s, as_of)) is not None]
