"""What the log's search index costs a run, at the size of a built log: the split index against one file.

    .venv/bin/python benchmarks/search_index_cost.py SITE_CACHE [--repeats 5]
    .venv/bin/python benchmarks/search_index_cost.py --records search-index.json   (an earlier log's index)

Takes the records of a built log (its cache's `sets/`, as `foiletters log` keeps them) and, in a scratch
folder, writes the search index as a run of the log does, side by side in one run, alternating:
- split (publish/search_index.py): a fresh build, then runs with nothing changed and with one request's
  title changed (a different request each time);
- one file (as foiletters did before: `search-index.json` with every title and question, rendered again,
  compared with the file on disk and written whenever any request changed).
Prints CPU time and wall time (median, min and max) and the bytes written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from foiletters.publish.record import Record
from foiletters.publish.search_index import search_files
from foiletters.render.filters import long_date


def records_of(cache: Path) -> list[Record]:
    return [Record.from_json(json.loads(path.read_text(encoding="utf-8"))["entry"]["record"])
            for path in sorted((cache / "sets").glob("*.json"))]


def records_from_index(path: Path) -> list[Record]:
    return [Record(reference=e["reference"], title=e["title"], date=e["date"], received=None, due=None,
                   regime=e["regimes"][0], regimes=e["regimes"], outcome=e["outcome"], exemptions=e["exemptions"],
                   questions=e["questions"], templates_version="", stem=e["reference"])
            for e in json.loads(path.read_text(encoding="utf-8"))]


def _digests(records: list[Record]) -> dict[str, str]:
    """As the site gives them (a digest of each record, taken once a run for its pages too)."""
    return {r.reference: hashlib.sha256(repr(r).encode()).hexdigest() for r in records}


def split_run(site: Path, cache: Path, records: list[Record], digests: dict[str, str]) -> int:
    files, kept = search_files(site, records, cache, digests)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in (site / "search").iterdir():
        if path not in files and path not in kept:
            path.unlink()
    return sum(len(data) for data in files.values())


def one_file_run(site: Path, records: list[Record]) -> int:
    """foiletters' search index before: one JSON file of every request, rendered and compared each run."""
    newest = sorted(records, key=lambda r: (r.date, r.reference), reverse=True)
    data = json.dumps([{"reference": r.reference, "title": r.title, "questions": r.questions, "date": r.date,
                        "date_text": long_date(dt.date.fromisoformat(r.date)), "year": r.year, "regimes": r.regimes,
                        "outcome": r.outcome, "exemptions": r.exemptions} for r in newest],
                      ensure_ascii=False).encode()
    path = site / "search-index.json"
    if not path.is_file() or path.read_bytes() != data:
        path.write_bytes(data)
        return len(data)
    return 0


def timed(call) -> tuple[float, float, int]:  # noqa: ANN001
    cpu, wall = time.process_time(), time.perf_counter()
    written = call()
    return time.process_time() - cpu, time.perf_counter() - wall, written


def spread(values: list[float]) -> str:
    median, least, most = (statistics.median(values) * 1000, min(values) * 1000, max(values) * 1000)
    return f"median {median:.0f} ms (min {least:.0f}, max {most:.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cache", type=Path, nargs="?", help="a built log's cache (.SITE.foiletters-cache)")
    parser.add_argument("--records", type=Path, help="or an earlier log's search-index.json")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if not args.cache and not args.records:
        sys.exit("give a log's cache folder or --records search-index.json")
    records = records_from_index(args.records) if args.records else records_of(args.cache)
    print(f"{len(records)} requests", flush=True)
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        split_site, split_cache, old_site = work / "split", work / "cache", work / "one"
        split_cache.mkdir()
        old_site.mkdir()
        cpu, wall, written = timed(lambda: split_run(split_site, split_cache, records, _digests(records)))
        print(f"split, fresh build: CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms, {written / 1e6:.2f} MB "
              f"in {len(list((split_site / 'search').iterdir()))} files", flush=True)
        cpu, wall, written = timed(lambda: one_file_run(old_site, records))
        print(f"one file, fresh build: CPU {cpu * 1000:.0f} ms, wall {wall * 1000:.0f} ms, {written / 1e6:.2f} MB")
        figures: dict[str, list[tuple[float, float, int]]] = {}
        for repeat in range(args.repeats):
            digests = _digests(records)
            figures.setdefault("split, nothing changed", []).append(
                timed(lambda: split_run(split_site, split_cache, records, digests)))  # noqa: B023
            # (one file, nothing changed: the site skips it by the records' digests, as it still does)
            changed = (repeat + 1) * len(records) // (args.repeats + 2)
            records[changed] = replace(records[changed], title=f"revised {repeat} {records[changed].title}")
            digests = _digests(records)
            figures.setdefault("split, one request changed", []).append(
                timed(lambda: split_run(split_site, split_cache, records, digests)))  # noqa: B023
            figures.setdefault("one file, one request changed", []).append(timed(lambda: one_file_run(old_site,
                                                                                                      records)))
        for label, runs in figures.items():
            print(f"{label}: CPU {spread([r[0] for r in runs])}; wall {spread([r[1] for r in runs])}; "
                  f"{statistics.median(r[2] for r in runs) / 1e3:.0f} kB written", flush=True)
        split = statistics.median(r[0] for r in figures["split, one request changed"])
        one = statistics.median(r[0] for r in figures["one file, one request changed"])
        print(f"one request changed, CPU: split {split * 1000:.0f} ms against one file {one * 1000:.0f} ms: "
              f"ratio {one / split:.1f}")


if __name__ == "__main__":
    main()
