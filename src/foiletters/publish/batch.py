"""`foiletters log`: build every answer file into the disclosure log, in parallel and incrementally.

A letter is rebuilt only when its key changes: the answer file, the files it reads (CSV
tables, attachments), the templates in force on its date, or foiletters itself. The keys
and the public index entries are kept in a manifest beside the site (never in it), written
after each letter, so that an interrupted run loses at most the letters in progress and the
next run goes on from there. A broken answer file does not stop the others.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from foiletters import __version__
from foiletters.errors import AnswerFileError, FoilettersError, display_path
from foiletters.load.answerfile import Request, load, walk_items
from foiletters.publish.public_letter import HeldBack, publish_one
from foiletters.publish.record import Record
from foiletters.render.house import TemplateSet
from foiletters.write.files import write_atomically

LOG_FORMAT = "1"  # changes when the log's own output changes, so that every letter is built again
REQUESTS = "requests"
CHECKPOINT_SECONDS = 2.0  # how often the manifest is saved during a run (and always at its end)


@dataclass
class Outcome:
    """What became of one answer file in this run."""

    source: str
    record: Record | None = None
    letter_html: str = ""
    held: list[str] = field(default_factory=list)
    leak: bool = False
    problems: list[str] = field(default_factory=list)
    built: bool = False  # rendered in this run (not reused)
    entry: dict[str, Any] = field(default_factory=dict)  # the manifest's entry: key, hashes, date, files read


@dataclass
class LogRun:
    published: list[Outcome] = field(default_factory=list)
    held: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    built: int = 0
    reused: int = 0
    removed: list[str] = field(default_factory=list)
    workers: int = 1

    @property
    def ok(self) -> bool:
        return not self.failed and not any(o.leak for o in self.held)


# -- the work of one letter, in a worker process ----------------------------------------------------

_templates: TemplateSet | None = None
_letters_built = 0


def _start_worker(templates_dir: str | None, pooled: bool = True) -> None:
    global _templates
    if pooled:  # Ctrl-C is the main process's to handle: it lets the letters in progress finish, then stops
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _templates = TemplateSet(Path(templates_dir) if templates_dir else None)
    from foiletters.write.pdf import load_weasyprint

    load_weasyprint()  # once per worker, not once per letter


def _count_letter() -> None:
    global _letters_built
    _letters_built += 1
    if _letters_built == 1:  # WeasyPrint, its fonts and the style sheets are loaded now, for the worker's life
        from foiletters.write.weasyprint_speedups import freeze_long_lived

        freeze_long_lived()


def _publish(source: str, out: str, cache: str) -> Outcome:
    assert _templates is not None
    outcome = Outcome(source)
    try:
        request = load(Path(source))
        date, deps = request.answers.date, _dependencies(request)
        answer_hash = _hash_file(Path(source))
        outcome.entry = {"key": _key_of(Path(source), answer_hash, _templates, date, deps),
                         "answer_hash": answer_hash, "date": date.isoformat(), "deps": deps}
        folder = Path(out) / REQUESTS / request.answers.reference
        published = publish_one(request, _templates, folder)
    except HeldBack as held:
        outcome.held, outcome.leak = held.reasons, held.leak
        outcome.entry |= {"held": held.reasons, "leak": held.leak}
        return outcome
    except AnswerFileError as error:
        outcome.problems = [str(p) for p in error.problems]
        return outcome
    except FoilettersError as error:
        outcome.problems = [f"{display_path(Path(source))}: {error.format_message()}"]
        return outcome
    outcome.record, outcome.letter_html, outcome.built = published.record, published.letter_html, True
    _count_letter()
    outcome.entry["record"] = published.record.to_json()
    write_atomically(Path(cache) / "letters" / f"{published.record.reference}.html",
                     published.letter_html.encode("utf-8"))
    return outcome


# -- the run ------------------------------------------------------------------------------------------


def cache_folder(out: Path) -> Path:
    """Beside the site, not in it: the site folder holds only what is published."""
    return out.parent / f".{out.name}.foiletters-cache"


def build_log(answer_files: list[Path], out: Path, templates_dir: Path | None, *, jobs: int | None = None,
              on_progress: Callable[[Outcome], None] | None = None, total: Callable[[int], None] | None = None,
              cluster: str | None = None) -> LogRun:
    templates = TemplateSet(templates_dir)
    cache = cache_folder(out)
    for stale in [*out.rglob(".*.part"), *cache.rglob(".*.part")]:  # left by a run that was killed mid-write
        stale.unlink(missing_ok=True)
    manifest_path = cache / "manifest.json"
    manifest = _read_manifest(manifest_path)
    run = LogRun()
    todo: list[str] = []
    reused: list[Outcome] = []
    for path in answer_files:
        entry = manifest.get(str(path))
        # Only an answer file seen before, unchanged, can be reused; any other is built, and its key worked
        # out by the worker that builds it (loading a thousand new files here would hold up the workers).
        answer_hash = _hash_file(path)
        if entry and entry.get("answer_hash") == answer_hash and "date" in entry and entry.get("key") == \
                _key_of(path, answer_hash, templates, dt.date.fromisoformat(entry["date"]), entry["deps"]) \
                and _outputs_exist(out, cache, entry):
            reused.append(_outcome_from(entry, str(path)))
        else:
            todo.append(str(path))
    run.reused = len(reused)
    if total:
        total(len(todo))
    outcomes = list(reused)
    saved = -CHECKPOINT_SECONDS  # the first letter is saved at once, then every few seconds
    for outcome in _run(todo, out, cache, templates_dir, jobs, run, cluster):
        manifest[outcome.source] = outcome.entry if not outcome.problems else {}
        if time.monotonic() - saved > CHECKPOINT_SECONDS:  # an interrupted run keeps what it had built by then
            _write_manifest(manifest_path, manifest)
            saved = time.monotonic()
        run.built += outcome.built
        outcomes.append(outcome)
        if on_progress:
            on_progress(outcome)
    for source in set(manifest) - {str(p) for p in answer_files}:  # answer files that are gone
        del manifest[source]
    _write_manifest(manifest_path, manifest)
    _sort(outcomes, run)
    run.removed = _unpublish(out, cache, {o.record.reference for o in run.published if o.record})
    return run


def _run(todo: list[str], out: Path, cache: Path, templates_dir: Path | None, jobs: int | None,
         run: LogRun, cluster: str | None = None) -> Iterator[Outcome]:
    if not todo:
        return
    if cluster:  # the same letters built on a Dask cluster (publish/cluster.py), written here
        from foiletters.publish.cluster import run_on_cluster

        yield from run_on_cluster(todo, out, cache, templates_dir, cluster,
                                  on_workers=lambda count: setattr(run, "workers", count))
        return
    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    run.workers = workers
    house = str(templates_dir) if templates_dir else None
    if workers == 1:  # one letter, or asked for one process: no pool to start
        _start_worker(house, pooled=False)
        for source in todo:
            yield _publish(source, str(out), str(cache))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(house,)) as pool:
        pending = {pool.submit(_publish, source, str(out), str(cache)) for source in todo}
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _sort(outcomes: list[Outcome], run: LogRun) -> None:
    seen: dict[str, str] = {}
    for outcome in sorted(outcomes, key=lambda o: o.source):
        if outcome.problems:
            run.failed.append(outcome)
        elif outcome.held:
            run.held.append(outcome)
        elif outcome.record:
            reference = outcome.record.reference
            if reference in seen:
                outcome.problems = [f"{display_path(Path(outcome.source))}: reference {reference} is also the "
                                    f"reference of {display_path(Path(seen[reference]))}; each request needs its own"]
                run.failed.append(outcome)
                continue
            seen[reference] = outcome.source
            run.published.append(outcome)


def _unpublish(out: Path, cache: Path, published: set[str]) -> list[str]:
    """Remove from the site every request that is no longer published."""
    removed = []
    folder = out / REQUESTS
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        if path.is_dir() and path.name not in published:
            shutil.rmtree(path)
            (cache / "letters" / f"{path.name}.html").unlink(missing_ok=True)
            removed.append(path.name)
    return removed


# -- keys -----------------------------------------------------------------------------------------------


def _hash_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _dependencies(request: Request) -> list[str]:
    """The files an answer file reads: its CSV tables and attachments, beside it."""
    items = walk_items(dict(enumerate(request.answers.questions)), ("questions",))
    names = [t.csv for _, _, item in items for t in item.all_tables if t.csv]
    names += [a.file for a in request.answers.attachments if a.file and not a.sent_separately]
    return sorted(set(names))


def _key_of(path: Path, answer_hash: str, templates: TemplateSet, date: dt.date, deps: list[str]) -> str:
    """What a letter depends on, hashed: when it is unchanged, so is the letter."""
    digest = hashlib.sha256(f"{LOG_FORMAT}\0{__version__}\0{templates.fingerprint(date)}\0{answer_hash}".encode())
    for name in deps:
        digest.update(f"\0{name}\0{_hash_file(path.parent / name)}".encode())
    return digest.hexdigest()


def _outputs_exist(out: Path, cache: Path, entry: dict[str, Any]) -> bool:
    record = entry.get("record")
    if record is None:
        return "held" in entry
    folder = out / REQUESTS / record["reference"]
    return all((folder / name).is_file() for name in record["files"].values()) and \
        (cache / "letters" / f"{record['reference']}.html").is_file()


def _outcome_from(entry: dict[str, Any], source: str) -> Outcome:
    if "record" in entry:
        return Outcome(source, Record.from_json(entry["record"]))
    return Outcome(source, held=entry["held"], leak=entry.get("leak", False))


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("letters", {}) if data.get("format") == LOG_FORMAT else {}


def _write_manifest(path: Path, letters: dict[str, Any]) -> None:
    data = json.dumps({"format": LOG_FORMAT, "letters": letters}, sort_keys=True, separators=(",", ":"))
    write_atomically(path, data.encode("utf-8"))


def failures(run: LogRun) -> list[str]:
    return [p for o in run.failed for p in o.problems]
