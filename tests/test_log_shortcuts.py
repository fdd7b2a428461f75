"""The shortcuts a large log's runs take, each shown to give what the long way gives.

- `FileHashes`: an answer file unchanged since it was hashed is not read again; one that changed is,
  whatever its times say, and a hash taken too soon after a change is not trusted.
- The site's digest: a run whose pages' inputs are unchanged leaves the pages alone, and one whose inputs
  changed (the house, the base address, a page gone) makes them as a build from nothing does; the data
  files are written again when their layout changes.
- Workers started before the run knows its letters (`Pool.start`): more of them than letters is fine, and
  one given no letter is stopped at once.
"""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from conftest import ROOT
from test_log_growth import _answers

from foiletters.cli import main
from foiletters.publish import file_hashes
from foiletters.publish import site as site_module
from foiletters.publish.batch import cache_folder
from foiletters.publish.file_hashes import FileHashes
from foiletters.publish.pool import Pool

def _log(answers: Path, out: Path, capsys, *extra: str, templates: Path = ROOT / "templates") -> str:
    assert main(["log", str(answers), "--out", str(out), "--templates", str(templates), *extra]) == 0
    return capsys.readouterr().out


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _age(path: Path, seconds: float) -> None:
    """Set the file's modification time back (its change time, which cannot be set, stays now)."""
    past = time.time() - seconds
    os.utime(path, (past, past))


# -- FileHashes -------------------------------------------------------------------------------------------

def _saved_with_digest(cache: Path, path: Path, digest: str, taken: float) -> None:
    data = json.loads((cache / file_hashes.NAME).read_text(encoding="utf-8"))
    entry = data["files"][str(path)]
    entry[4], entry[5] = digest, taken
    (cache / file_hashes.NAME).write_text(json.dumps(data), encoding="utf-8")


def test_a_hash_taken_well_after_the_last_change_is_trusted_and_one_taken_soon_after_is_not(tmp_path: Path):
    cache, path = tmp_path / "cache", tmp_path / "a.yaml"
    cache.mkdir()
    path.write_text("subject: bins\n", encoding="utf-8")
    hashes = FileHashes(cache)
    real = hashes.hash(path)
    hashes.save()
    # The cache says another digest, recorded long after the file's times: it is trusted (the file is not read).
    _saved_with_digest(cache, path, "0" * 64, time.time() + 2 * file_hashes.RACY)
    assert FileHashes(cache).hash(path) == "0" * 64
    # Recorded within RACY seconds of the file's last change: a change in the same tick could have left the same
    # times, so the file is read again.
    _saved_with_digest(cache, path, "0" * 64, time.time())
    assert FileHashes(cache).hash(path) == real


def test_a_file_changed_is_read_again_even_with_its_size_and_modification_time_put_back(tmp_path: Path):
    cache, path = tmp_path / "cache", tmp_path / "a.yaml"
    cache.mkdir()
    path.write_text("subject: bins\n", encoding="utf-8")
    _age(path, 60)
    status = path.stat()
    hashes = FileHashes(cache)
    before = hashes.hash(path)
    hashes.save()
    time.sleep(0.02)
    with path.open("r+b") as out:  # the same inode and size, the old modification time put back
        out.write(b"subject: cars\n")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert path.stat().st_size == status.st_size and path.stat().st_mtime_ns == status.st_mtime_ns
    again = FileHashes(cache)
    assert again.hash(path) != before and again.changed(path)


def test_a_file_is_changed_only_when_its_bytes_are_none_hashed_last_run(tmp_path: Path):
    cache, folder = tmp_path / "cache", tmp_path / "answers"
    cache.mkdir()
    folder.mkdir()
    (folder / "a.yaml").write_text("subject: bins\n", encoding="utf-8")
    hashes = FileHashes(cache)
    hashes.hash(folder / "a.yaml")
    hashes.save()
    moved = folder.rename(tmp_path / "checkout")  # the same bytes elsewhere: not changed
    (moved / "b.yaml").write_text("subject: roads\n", encoding="utf-8")
    after = FileHashes(cache)
    assert not after.changed(moved / "a.yaml") and after.changed(moved / "b.yaml")
    assert after.hash(tmp_path / "missing.yaml") == ""


# -- the site's digest ------------------------------------------------------------------------------------

def test_a_run_with_the_pages_inputs_unchanged_leaves_the_pages_and_restores_one_removed(tmp_path: Path, capsys):
    answers, site = _answers(tmp_path / "answers"), tmp_path / "site"
    _log(answers, site, capsys)
    before = _files(site)
    cache = cache_folder(site)
    assert (cache / "site-digest").is_file()
    pages = (cache / "pages.json").stat().st_mtime_ns
    assert "(0 built, 3 unchanged" in _log(answers, site, capsys)
    assert (cache / "pages.json").stat().st_mtime_ns == pages and _files(site) == before
    (site / "index.json").unlink()
    (site / "requests" / "REQ07585" / "index.html").unlink()
    _log(answers, site, capsys)
    assert _files(site) == before


def test_a_change_to_the_house_or_the_base_address_makes_the_pages_a_fresh_build_makes(tmp_path: Path, capsys):
    answers, site = _answers(tmp_path / "answers"), tmp_path / "site"
    house = tmp_path / "house"
    shutil.copytree(ROOT / "templates", house)
    _log(answers, site, capsys, templates=house)
    profile = house / "profile.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace(
        "organisation: Coventry City Council", "organisation: Coventry Council of the City", 1), encoding="utf-8")
    _log(answers, site, capsys, templates=house)  # (the letters too: the profile is part of their key)
    assert "Coventry Council of the City" in (site / "index.html").read_text(encoding="utf-8")
    fresh = tmp_path / "fresh"
    _log(answers, fresh, capsys, templates=house)
    assert _files(site) == _files(fresh)
    _log(answers, site, capsys, "--base-url", "https://example.org/log/", templates=house)
    _log(answers, fresh, capsys, "--base-url", "https://example.org/log/", templates=house)
    assert "https://example.org/log/" in (site / "index.json").read_text(encoding="utf-8")
    assert _files(site) == _files(fresh)


def test_index_json_holds_a_request_to_a_line_and_one_of_an_earlier_layout_is_written_again(tmp_path: Path, capsys,
                                                                                          monkeypatch):
    answers, site = _answers(tmp_path / "answers"), tmp_path / "site"
    # A log an earlier release built, whose index.json was indented (layout 1) ...
    monkeypatch.setattr(site_module, "DATA_FORMAT", 1)
    _log(answers, site, capsys)
    entries = json.loads((site / "index.json").read_text(encoding="utf-8"))
    (site / "index.json").write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")
    # ... run by this one (its code differs, so does the site's digest): no request changed, yet the data files'
    # own digest says their layout, and index.json is written again, a request to a line.
    monkeypatch.undo()
    (cache_folder(site) / "site-digest").unlink()
    _log(answers, site, capsys)
    lines = (site / "index.json").read_text(encoding="utf-8").splitlines()
    assert len(entries) == 3 and lines[0] == "[" and lines[-1] == "]" and len(lines) == 5
    assert [json.loads(line.rstrip(",")) for line in lines[1:-1]] == entries


# -- workers started early ----------------------------------------------------------------------------

def _square(number: int) -> tuple[int, int]:
    return number * number, os.getpid()


def _ready() -> None:
    pass


def test_workers_started_before_their_tasks_take_them_and_more_workers_than_tasks_is_fine():
    with Pool(_square, _ready) as pool:
        pool.start(3)
        assert pool.size == 3
        results = dict(pool.run([(4,)], workers=2))
        assert results[(4,)][0] == 16
        results = dict(pool.run([(n,) for n in range(6)], workers=2))
        assert {task[0]: value for task, (value, _) in results.items()} == {n: n * n for n in range(6)}
        assert len({pid for _, pid in results.values()}) <= 3  # the workers started, none more


def _slow_to_start() -> None:
    time.sleep(60)


def test_workers_started_early_and_given_no_letter_are_stopped_at_once_not_when_they_are_ready():
    """A file touched, not edited, starts a worker that turns out to have nothing to build: the run does not wait
    for it to finish loading WeasyPrint. One given a letter is let finish it."""
    pool = Pool(_square, _slow_to_start)
    pool.start(2)
    processes = [worker.process for worker in pool._workers]
    start = time.monotonic()
    pool.close()
    assert time.monotonic() - start < 20
    assert all(not process.is_alive() for process in processes)
    with Pool(_square, _ready) as pool:
        assert dict(pool.run([(3,)], workers=1))[(3,)][0] == 9
        busy = pool._workers[0].process
    assert busy.exitcode == 0  # asked to end, and ended of itself


def test_the_books_beside_the_site_read_back_as_the_data_written_whatever_the_data_holds():
    """orjson writes the caches; what it does not take (a lone surrogate from a file name, an integer past 64
    bits) the standard library writes, and every kind reads back with `json` as what was written."""
    from collections import Counter

    from foiletters.write import cache_json

    for data in ({"letters": {"b": [1, 2.5, None, True], "a": {"é": "Année"}}, "counts": Counter(bins=2)},
                 {"name": "caf\udce9.csv"}, {"inode": 2**70}, {3: "an integer key"}):
        written = cache_json.dumps(data, sort_keys=True)
        assert json.loads(written.decode("utf-8")) == json.loads(json.dumps(data)), data
    assert cache_json.dumps({"b": 1, "a": 2}, sort_keys=True) == b'{"a":2,"b":1}'
