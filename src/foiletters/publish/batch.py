"""`foiletters log`: build every answer file into the disclosure log, in parallel and incrementally.

A letter is rebuilt only when its key changes: the answer file, the files it reads (CSV
tables, attachments), the templates in force on its date, or foiletters itself. The keys
and the public index entries are kept in a manifest beside the site (never in it), written
every few seconds, so that an interrupted run loses at most the letters in progress and the
next run goes on from there. A broken answer file does not stop the others.

Under faults (see README, "The disclosure log"): one run at a time holds the site's lock
(`lock.py`); a request's files are replaced as one set, and a killed run's half-replaced set is
undone before anything else (`site_state.py`); answer files that share a reference are refused,
naming each other, and what was published for that reference stays (`refusals.py`); a worker that
dies is named with its letter and the others go on (`pool.py`).

The work of one answer file is `publish_answer_file`: a function of its arguments (an answer
file, the site, the cache) that returns its `Outcome`, in any process that has called
`start_worker` once. Another way to run workers (a cluster) calls the same two functions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foiletters import __version__
from foiletters.errors import FoilettersError, display_path
from foiletters.publish import lock, refusals, site_state
from foiletters.publish.file_hashes import FileHashes
from foiletters.publish.record import Record
from foiletters.publish.site_state import SiteState
from foiletters.render.house import TemplateSet
from foiletters.write import cache_json
from foiletters.write.files import NotWritten, write_atomically

if TYPE_CHECKING:
    from foiletters.load.answerfile import Request
    from foiletters.publish.pool import Pool
    from foiletters.publish.public_letter import Published

# What builds a letter (the answer file's model, the checks, the renderer, the privacy search) is imported
# where a letter is built: a run with nothing to build reads none of it, and starts in a fraction of the time.

LOG_FORMAT = "1"  # changes when the log's own output changes, so that every letter is built again
REQUESTS = site_state.REQUESTS
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
    keep_entry: bool = False  # not built, and its manifest entry (what it published before) stays as it was
    stem: str | None = None  # the request's folder in the site, where known
    # For the Statistics page: the hash of the answer file's bytes as read and their summary (stats/summary.py),
    # made where it was loaded, so that the page's figures need not load it again.
    summary: tuple[str, dict[str, Any]] | None = None


@dataclass
class LogRun:
    published: list[Outcome] = field(default_factory=list)
    held: list[Outcome] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    built: int = 0
    reused: int = 0
    removed: list[str] = field(default_factory=list)
    workers: int = 1
    records: list[Record] = field(default_factory=list)  # what the site lists: this run's and the ones kept
    kept: list[str] = field(default_factory=list)  # references left as an earlier run published them

    @property
    def ok(self) -> bool:
        return not self.failed and not any(o.leak for o in self.held)


# -- the work of one letter, in a worker process ----------------------------------------------------

_templates: TemplateSet | None = None
_letters_built = 0


def start_worker(templates_dir: str | None) -> None:
    """Prepare this process to build letters: the house templates, and WeasyPrint loaded once."""
    global _templates
    lock.forget_in_child()
    _templates = TemplateSet(Path(templates_dir) if templates_dir else None)
    from foiletters.write.pdf import load_weasyprint

    load_weasyprint()  # once per worker, not once per letter
    # What builds a letter (the model, the checks, the renderer, the privacy search: half a second of imports),
    # loaded now rather than when the first letter comes: a worker started early loads it while the run is
    # still looking through the site and the manifest, off the critical path of a run with one letter to build.
    import foiletters.publish.public_letter  # noqa: F401
    import foiletters.stats.summary  # noqa: F401


def _count_letter() -> None:
    global _letters_built
    _letters_built += 1
    if _letters_built == 1:  # WeasyPrint, its fonts and the style sheets are loaded now, for the worker's life
        from foiletters.write.weasyprint_speedups import freeze_long_lived

        freeze_long_lived()


def publish_answer_file(source: str, site: str, cache: str, stem: str | None = None) -> Outcome:
    """Build one answer file into the log's site and return what became of it.

    The request's files (PDF, DOCX, attachments, and the letter's HTML in the cache) are written as
    one set with their record; nothing else of the site is touched. `stem` is the file name the run
    expects from the answer file's reference: if the file now gives another (it was edited during
    the run), nothing is written and the outcome says to run again. The hashes recorded are those of
    the bytes the letter was built from. Call `start_worker` once in the process first.
    """
    outcome, published = build_answer_file(source, stem)
    if published is not None:
        write_built(outcome, published, Path(site), Path(cache))
    return outcome


def build_answer_file(source: str, stem: str | None = None) -> tuple[Outcome, Published | None]:
    """Build one answer file's public letters and files in memory (nothing is written): what became of it,
    and what to publish when it may be (`write_built` writes it). A cluster's worker runs this part."""
    from foiletters.errors import AnswerFileError
    from foiletters.load.answerfile import load
    from foiletters.load.paths import recording_reads
    from foiletters.publish.life_log import log_date
    from foiletters.publish.privacy import without_quotes
    from foiletters.publish.public_letter import HeldBack, publish_one

    assert _templates is not None, "start_worker() first"
    outcome = Outcome(source)
    path = Path(source)
    try:
        with recording_reads() as reads:
            request = load(path)
        answer_hash = reads.get(path, "")
        outcome.summary = _summary(request, answer_hash)
        date, deps = log_date(request.answers), _dependencies(request)  # a file of letters only has no `date`
        published = None
        stop = _refusal(request, stem)
        if stop:
            outcome.problems = [stop]
            return outcome, None
        published = publish_one(request, _templates)
    except HeldBack as held:
        outcome.held, outcome.leak = held.reasons, held.leak
        if held.leak:
            # Held for private or hidden content: checked again next run, and the names of the files it reads
            # (which may be the private words themselves) are not kept in the cache.
            outcome.entry = {"held": held.reasons, "leak": True}
        else:
            hashes = _hashes(path, deps, reads) | held.hashes
            outcome.entry = _entry(answer_hash, date, deps, hashes, request.answers.file_stem) | {
                "held": held.reasons, "leak": False}
        return outcome, None
    except AnswerFileError as error:  # the log's output goes to CI logs: never a value quoted from the file
        outcome.problems = [without_quotes(p) for p in error.problems]
        return outcome, None
    except FoilettersError as error:
        outcome.problems = [without_quotes(f"{display_path(path)}: {error.format_message()}")]
        return outcome, None
    except OSError as error:  # a file it names went away or became unreadable while the log ran
        where = display_path(Path(error.filename)) if error.filename else display_path(path)
        outcome.problems = [f"{display_path(path)}: {where} could not be read ({error.strerror}); nothing of it "
                            "was published: run the log again"]
        return outcome, None
    hashes = _hashes(path, deps, reads) | published.hashes
    outcome.entry = _entry(answer_hash, date, deps, hashes, request.answers.file_stem)
    outcome.record, outcome.letter_html, outcome.built = published.record, published.letter_html, True
    outcome.entry["record"] = published.record.to_json()
    outcome.entry["released"] = published.released  # the run's private records: beside the site, never in it
    _count_letter()
    return outcome, published


def _summary(request: Request, answer_hash: str) -> tuple[str, dict[str, Any]] | None:
    from foiletters.stats.summary import summary_of, to_json

    assert _templates is not None
    try:
        return answer_hash, to_json(summary_of(request.answers, _templates.library))
    except FoilettersError:  # the page's own reading of the file will say nothing of it either
        return None


def write_built(outcome: Outcome, published: Published, site: Path, cache: Path) -> None:
    """Write a built request's files (PDF, DOCX, attachments, and its letter's HTML in the cache) as one set
    with its record; nothing else of the site is touched. On a full disk, its earlier files stay in place."""
    path = Path(outcome.source)
    state = SiteState(site, cache)
    record_path = state.record_path(published.record.stem)
    if record_path.is_file():
        state.letters[published.record.stem] = json.loads(record_path.read_text(encoding="utf-8"))
    try:
        site_state.write_letter_set(state, published.record.stem, published.files, published.letter_html,
                                    outcome.entry)
    except NotWritten as error:  # a full disk: the request's earlier files are back in place, and stay published
        outcome.problems = [f"{display_path(path)}: {error.format_message()}"]
        outcome.record, outcome.built, outcome.keep_entry = None, False, True
        outcome.stem = published.record.stem


def _refusal(request: Request, stem: str | None) -> str:
    shown = display_path(request.source)
    if stem is not None and request.answers.file_stem.casefold() != stem.casefold():
        return (f"{shown}: its reference changed while the log was running ({request.answers.reference}); "
                "nothing of it was published: run the log again")
    for attachment in request.answers.attachments:
        if attachment.file and not attachment.sent_separately and attachment.file.casefold() == "index.html":
            return (f"{shown}: attachments: {attachment.file!r} has the name of the request's page in the log; "
                    "rename the attachment")
    return ""


def _entry(answer_hash: str, date: dt.date, deps: list[str], hashes: dict[str, str], stem: str) -> dict[str, Any]:
    assert _templates is not None
    return {"key": _key_of(answer_hash, _templates, date, hashes), "answer_hash": answer_hash,
            "date": date.isoformat(), "deps": deps, "hashes": hashes, "stem": stem}


def _hashes(path: Path, deps: list[str], reads: dict[Path, str]) -> dict[str, str]:
    """Each file read, by name: the hash load took of the bytes it read (a CSV table), else of the file now."""
    return {name: reads.get(path.parent / name) or _hash_file(path.parent / name) for name in deps}


# -- the run ------------------------------------------------------------------------------------------


def cache_folder(out: Path) -> Path:
    """Beside the site, not in it: the site folder holds only what is published."""
    out = out.resolve()
    return out.parent / f".{out.name}.foiletters-cache"


def build_log(answer_files: list[Path], out: Path, templates_dir: Path | None, *, jobs: int | None = None,
              on_progress: Callable[[Outcome], None] | None = None, total: Callable[[int], None] | None = None,
              base_url: str = "", keep: list[str] | None = None, wait: bool = False,
              answers_dirs: list[Path] | None = None, cluster: str | None = None) -> LogRun:
    """Build the letters and the site, holding the site's lock; raises FoilettersError before building anything
    when the site cannot be published into (another run holds it, a file foiletters did not write)."""
    templates = TemplateSet(templates_dir)
    refusals.check_site_folder(out, answers_dirs or sorted({p.parent for p in answer_files}), templates_dir)
    cache = cache_folder(out)
    with lock.SiteLock(cache, out, wait=wait):
        return _build_log(answer_files, out, cache, templates, templates_dir, jobs, on_progress, total, base_url,
                          [*(keep or []), *_kept_by_house(templates)], cluster)


def _build_log(answer_files: list[Path], out: Path, cache: Path, templates: TemplateSet, templates_dir: Path | None,
               jobs: int | None, on_progress: Callable[[Outcome], None] | None,
               total: Callable[[int], None] | None, base_url: str, keep: list[str],
               cluster: str | None = None) -> LogRun:
    hashes = FileHashes(cache)
    # The answer files changed since the last run will be built: their workers start now, and load what they
    # need (the templates, WeasyPrint) while this process looks through the site and the manifest.
    pool = _start_early([p for p in answer_files if hashes.changed(p)], jobs, templates_dir, cluster)
    try:
        return _build_log_with(answer_files, out, cache, templates, templates_dir, jobs, on_progress, total,
                               base_url, keep, cluster, hashes, pool)
    finally:
        if pool is not None:
            pool.close()


def _build_log_with(answer_files: list[Path], out: Path, cache: Path, templates: TemplateSet,
                    templates_dir: Path | None, jobs: int | None, on_progress: Callable[[Outcome], None] | None,
                    total: Callable[[int], None] | None, base_url: str, keep: list[str], cluster: str | None,
                    hashes: FileHashes, pool: Pool | None) -> LogRun:
    in_site = site_state.recover_site(out, cache, keep)  # before anything else: what a killed run left half-done
    manifest_path = cache / "manifest.json"
    manifest = _read_manifest(manifest_path)
    state = site_state.read_state(out, cache, [e["record"] for e in manifest.values() if "record" in e])
    state.files = set(in_site)
    unknown = site_state.unknown_files(state, in_site)
    outside = [name for name in unknown if site_state.folder_of(name) is None]
    if outside:
        raise FoilettersError(refusals.unknown_message(out, outside, "the site"))
    blocked: dict[str, list[str]] = {}
    for name in unknown:
        blocked.setdefault(str(site_state.folder_of(name)).casefold(), []).append(name)
    run = LogRun()
    todo: list[tuple[str, str | None]] = []
    outcomes: list[Outcome] = []
    claims: dict[str, list[tuple[str, str]]] = {}  # stem, as a case-insensitive file system compares -> sources
    answer_hashes: dict[Path, str] = {}  # taken once: the Statistics page counts the same bytes
    moved = _moved_entries(manifest, answer_files)
    for path in answer_files:
        answer_hashes[path] = answer_hash = hashes.hash(path)
        entry = manifest.get(str(path)) or moved.get((path.name, answer_hash))
        if entry and _unchanged(entry, path, answer_hash, templates, state, hashes):
            manifest[str(path)] = entry  # (under its new path, if its folder was moved)
            outcome = _outcome_from(entry, str(path))
            reference = outcome.record.reference if outcome.record else None
            stem = entry.get("stem")
        else:
            from foiletters.load.answerfile import read_reference
            from foiletters.load.model import file_stem

            outcome, reference = None, read_reference(path)
            stem = file_stem(reference) if reference else None
        if stem:
            claims.setdefault(stem.casefold(), []).append((str(path), reference or stem))
        if outcome is not None:
            outcomes.append(outcome)
        else:
            todo.append((str(path), stem))
    contested = {stem: sources for stem, sources in claims.items() if len(sources) > 1}
    stopped = {source: Outcome(source, keep_entry=True, problems=[why])
               for source, why in refusals.shared_or_blocked(contested, blocked, claims, out).items()}
    held_over = set(contested) | set(blocked)  # folders this run may not change: what was published there stays
    outcomes = [o for o in outcomes if o.source not in stopped] + list(stopped.values())
    todo = [(source, stem) for source, stem in todo if source not in stopped]
    run.reused = len(outcomes) - len(stopped)
    if total:
        total(len(todo))
    saved, unsaved = -CHECKPOINT_SECONDS, False  # the first letter is saved at once, then every few seconds
    for outcome in _run(todo, out, cache, templates_dir, jobs, run, cluster, pool):
        if outcome.keep_entry and outcome.stem:
            held_over.add(outcome.stem.casefold())
        if not outcome.keep_entry:
            manifest[outcome.source] = outcome.entry if not outcome.problems else {}
            unsaved = True
        if unsaved and time.monotonic() - saved > CHECKPOINT_SECONDS:  # an interrupted run keeps what it built
            _write_manifest(manifest_path, manifest)
            saved, unsaved = time.monotonic(), False
        run.built += outcome.built
        outcomes.append(outcome)
        if on_progress:
            on_progress(outcome)
    for outcome in stopped.values():
        if on_progress:
            on_progress(outcome)
    gone = set(manifest) - {str(p) for p in answer_files}  # answer files that are gone
    for source in gone:
        del manifest[source]
    if unsaved or gone or not manifest_path.is_file():  # else the manifest is as it was read or saved
        _write_manifest(manifest_path, manifest)
    hashes.save()
    _sort(outcomes, run)
    if todo:  # as the workers have left it (with nothing to build, as it was read)
        state = site_state.read_state(out, cache, [])
        state.files = set(in_site)  # its pages as the run found them (the workers write no page)
    fresh = {Path(o.source): o.summary for o in outcomes if o.summary is not None}
    _publish_site(run, state, templates, base_url, held_over, answer_files, answer_hashes, fresh)
    return run


def _publish_site(run: LogRun, state: SiteState, templates: TemplateSet, base_url: str, held_over: set[str],
                  answer_files: list[Path], answer_hashes: dict[Path, str],
                  fresh: dict[Path, tuple[str, dict[str, Any]]]) -> None:
    """The site as exactly the current set: this run's letters, those kept over, the pages listing them, and
    the Statistics page, which counts every answer file, published or not."""
    from foiletters.publish.site import write_site
    from foiletters.publish.site_digest import forget as forget_site_digest
    from foiletters.publish.site_digest import remember as remember_site_digest
    from foiletters.publish.site_digest import site_digest
    from foiletters.publish.site_digest import unchanged as site_digest_unchanged
    from foiletters.publish.statistics_page import statistics_files

    current = {o.record.stem.casefold(): o.record for o in run.published if o.record}
    for stem in state.letters:  # what an earlier run published, and this run may not replace
        if stem.casefold() in held_over and stem.casefold() not in current:
            entry = state.full_record(stem).get("entry", {})
            if "record" in entry:
                current[stem.casefold()] = Record.from_json(entry["record"])
                run.kept.append(current[stem.casefold()].reference)
    for stem in sorted(state.letters):
        if stem.casefold() not in current or current[stem.casefold()].stem != stem:
            reference = state.full_record(stem).get("entry", {}).get("record", {}).get("reference", stem)
            site_state.remove_letter_set(state, stem)
            run.removed.append(reference)
    run.records = list(current.values())
    digest = site_digest(run.records, state, templates, base_url, answer_hashes, LOG_FORMAT)
    if not run.removed and site_digest_unchanged(state, digest):
        return  # made from the same inputs as the pages in the site: they are as they would be made now
    forget_site_digest(state)
    # A letter's key stands for its HTML in its page's digest; the HTML is read only for the pages rendered.
    keys = {r.stem: key for r in run.records if (key := state.letters.get(r.stem, {}).get("key"))}
    write_site(state.site, run.records, _Letters(state), templates, base_url=base_url, cache=state.cache, state=state,
               extra=statistics_files(state.site, answer_files, templates, state.cache, answer_hashes, fresh),
               letter_keys=keys)
    remember_site_digest(state, digest)


class _Letters(Mapping[str, str]):
    """The letters' HTML in the cache, by stem, each read when it is asked for."""

    def __init__(self, state: SiteState) -> None:
        self._state = state

    def __getitem__(self, stem: str) -> str:
        path = self._state.letter_path(stem)
        if not path.is_file():
            raise KeyError(stem)
        return path.read_text(encoding="utf-8")

    def __iter__(self) -> Iterator[str]:
        return iter(self._state.letters)

    def __len__(self) -> int:
        return len(self._state.letters)


def _start_early(changed: list[Path], jobs: int | None, templates_dir: Path | None, cluster: str | None,
                 ) -> Pool | None:
    """Workers for the answer files that changed, started before the run knows all it will build."""
    if not changed or cluster:
        return None
    from foiletters.publish.pool import Pool

    workers = max(1, min(jobs or os.cpu_count() or 1, len(changed)))
    if workers > 1:  # they share what this process loaded before them; one worker loads it while this works
        import foiletters.publish.public_letter  # noqa: F401

        _load_before_forking()
    pool = Pool(publish_answer_file, start_worker, (str(templates_dir) if templates_dir else None,))
    pool.start(workers)
    return pool


def _run(todo: list[tuple[str, str | None]], out: Path, cache: Path, templates_dir: Path | None, jobs: int | None,
         run: LogRun, cluster: str | None = None, pool: Pool | None = None) -> Iterator[Outcome]:
    if not todo:
        return
    if cluster:  # the same letters built on a Dask cluster (publish/cluster.py), written here
        from foiletters.publish.cluster import run_on_cluster

        yield from run_on_cluster(todo, out, cache, templates_dir, cluster,
                                  on_workers=lambda count: setattr(run, "workers", count))
        return
    from foiletters.publish.pool import Pool, WorkerDied

    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    if pool is None or pool.size < workers:
        import foiletters.publish.public_letter  # noqa: F401  (once here, before the workers start: they share it)

        if workers > 1:
            _load_before_forking()
    if pool is None:
        pool = Pool(publish_answer_file, start_worker, (str(templates_dir) if templates_dir else None,))
    run.workers = max(workers, pool.size)
    tasks = [(source, str(out), str(cache), stem) for source, stem in todo]
    for task, result in pool.run(tasks, workers):
        if isinstance(result, WorkerDied):
            if task[3]:  # the set it was writing, if any, is undone now (or completed, if it was in place)
                site_state.recover_letter(out, cache, task[3])
            result = Outcome(task[0], keep_entry=True, stem=task[3], problems=[
                f"{display_path(Path(task[0]))}: the worker process building this letter {result}; this letter "
                "was not built, what was published for it before stays, and the other letters went on in a new "
                "worker"])
        yield result


def _load_before_forking() -> None:
    """WeasyPrint and its libraries, imported here once before the workers start, when they are forked from
    this process: they share what it loaded (some half a second of CPU time that each worker spent again)."""
    import multiprocessing

    if "fork" in multiprocessing.get_all_start_methods():  # as `pool.run_tasks` starts them
        from foiletters.write.pdf import load_weasyprint

        load_weasyprint()


def _sort(outcomes: list[Outcome], run: LogRun) -> None:
    for outcome in sorted(outcomes, key=lambda o: o.source):
        if outcome.problems:
            run.failed.append(outcome)
        elif outcome.held:
            run.held.append(outcome)
        elif outcome.record:
            run.published.append(outcome)


def _kept_by_house(templates: TemplateSet) -> list[str]:
    kept = templates.profile(dt.date.today()).get("log_keep") or []
    return [str(k) for k in kept] if isinstance(kept, list) else [str(kept)]


# -- keys -----------------------------------------------------------------------------------------------


def _hash_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else ""


def _dependencies(request: Request) -> list[str]:
    """The files an answer file reads: its CSV tables and attachments, beside it."""
    from foiletters.load.answerfile import walk_items

    items = walk_items(dict(enumerate(request.answers.questions)), ("questions",))
    names = [t.csv for _, _, item in items for t in item.all_tables if t.csv]
    names += [a.file for a in request.answers.attachments if a.file and not a.sent_separately]
    return sorted(set(names))


def _key_of(answer_hash: str, templates: TemplateSet, date: dt.date, hashes: dict[str, str]) -> str:
    """What a letter depends on, hashed: when it is unchanged, so is the letter."""
    digest = hashlib.sha256(f"{LOG_FORMAT}\0{__version__}\0{templates.fingerprint(date)}\0{answer_hash}".encode())
    for name in sorted(hashes):
        digest.update(f"\0{name}\0{hashes[name]}".encode())
    return digest.hexdigest()


def _unchanged(entry: dict[str, Any], path: Path, answer_hash: str, templates: TemplateSet, state: SiteState,
               hashes: FileHashes) -> bool:
    """Reusable: the answer file and what it reads are as when it was built, and its files are in the site.
    `hashes`: the hashes of the files read, taken once in the run (many letters share a spreadsheet)."""
    if entry.get("answer_hash") != answer_hash or "date" not in entry or "hashes" not in entry:
        return False
    now = {name: hashes.hash(path.parent / name) for name in entry["deps"]}
    if entry.get("key") != _key_of(answer_hash, templates, dt.date.fromisoformat(entry["date"]), now):
        return False
    record = entry.get("record")
    if record is None:
        return "held" in entry
    stem = entry.get("stem", "")
    published = state.letters.get(stem, {})
    return published.get("key") == entry["key"] and state.has_letter(stem) and \
        all(state.in_site(name) for name in published.get("files", []) if not name.endswith("index.html"))


def _moved_entries(manifest: dict[str, Any], answer_files: list[Path]) -> dict[tuple[str, str], dict[str, Any]]:
    """The manifest's entries of answer files that are not where they were (the folder moved, or a CI checkout
    in another place), by file name and hash: such a file, unchanged, is not built again."""
    here = {str(path) for path in answer_files}
    return {(Path(source).name, entry["answer_hash"]): entry for source, entry in manifest.items()
            if source not in here and entry.get("answer_hash")}


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
    data = cache_json.dumps({"format": LOG_FORMAT, "letters": letters}, sort_keys=True)
    try:
        write_atomically(path, data)
    except OSError as error:
        raise NotWritten(path, error) from None


def failures(run: LogRun) -> list[str]:
    return [p for o in run.failed for p in o.problems]
