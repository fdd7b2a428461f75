"""The log's search index (publish/search_index.py): split into small files, and written incrementally.

Built here from records, as `write_site` passes them, into a folder that stands for the site: the files
a call returns are written, those it keeps stay, the others go (as site_state.write_pages does).
Whatever the runs before it, the index is the same bytes as a fresh build's.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import search_files

from foiletters.publish import search_index
from foiletters.publish.record import Record
from foiletters.publish.search_index import search_files as index_files
from foiletters.publish.search_index import words

TOPICS = ["Children's social care caseloads", "Potholes on the A45", "Café licences in Année Street",
          "Air quality monitoring", "Parking fines 2017/18"]


def _record(number: int, *, title: str | None = None, date: str | None = None) -> Record:
    topic = TOPICS[number % len(TOPICS)]
    return Record(reference=f"FOI{number:05d}", title=title or f"{topic} ({number})",
                  date=date or f"20{20 + number // 400:02d}-{1 + number // 40 % 10:02d}-{1 + number % 28:02d}",
                  received=None, due=None, regime="FOIA", regimes=["FOIA"],
                  outcome=["released", "refused", "partly released"][number % 3],
                  exemptions=[["s21"], [], ["s40(2)", "s43"]][number % 3],
                  questions=[f"How many {topic.lower()} were there?", f"Question {number} of the series"],
                  templates_version="1", stem=f"FOI{number:05d}", review="upheld" if number % 7 == 0 else None)


def _run(site: Path, cache: Path | None, records: list[Record]) -> tuple[set[str], set[str]]:
    """One run of the log's search index into `site`; returns (the files written, those kept)."""
    files, kept = index_files(site, records, cache)
    for path, data in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    for path in (site / "search").iterdir():
        if path not in files and path not in kept:
            path.unlink()
    return ({p.relative_to(site).as_posix() for p in files}, {p.relative_to(site).as_posix() for p in kept})


def _fresh(tmp_path: Path, records: list[Record]) -> dict[str, bytes]:
    site = tmp_path / "fresh"
    if site.exists():
        for path in (site / "search").iterdir():
            path.unlink()
    _run(site, None, records)
    return search_files.search_file_bytes(site)


@pytest.fixture
def log(tmp_path: Path) -> tuple[Path, Path, list[Record]]:
    site, cache = tmp_path / "site", tmp_path / "cache"
    cache.mkdir()
    records = [_record(n) for n in range(1001)]  # three files of rows
    _run(site, cache, records)
    return site, cache, records


def test_words_are_folded_as_the_search_box_folds_them():
    assert words("Année's CAFÉ, 2017/18 — children’s") == ["annees", "cafe", "2017", "18", "childrens"]
    assert words("co\u00adoperation and e-mail") == ["cooperation", "and", "e", "mail"]


def test_the_index_is_in_small_files_and_finds_what_a_search_would(log):
    site, _, records = log
    index = search_files.manifest(site)
    assert index["requests"] == 1001 and len(index["rows"]) == 3
    assert all(len(prefix) <= 2 for prefix in index["words"])
    newest = sorted(records, key=lambda r: (r.date, r.reference), reverse=True)
    found = search_files.search(site, "annee", "licen")
    assert found == [r.reference for r in newest if "Année" in r.title]
    assert search_files.search(site, "caseload") == [r.reference for r in newest if "caseload" in r.title]
    years = {r.reference: r.year for r in records}
    kept = {row[0] for row in search_files.rows(site)}
    assert kept == set(years)
    assert max(len(data) for data in search_files.search_file_bytes(site).values()) < 100_000


def test_a_run_with_nothing_changed_writes_nothing(log):
    site, cache, records = log
    written, kept = _run(site, cache, records)
    assert written == set() and kept == set(search_files.search_file_bytes(site))


def test_one_changed_request_rewrites_only_the_files_its_words_and_row_are_in(log, tmp_path: Path):
    site, cache, records = log
    before = search_files.search_file_bytes(site)
    records[10] = replace(records[10], title="Revised: potholes")
    written, kept = _run(site, cache, records)
    assert written and len(written) <= 6, written  # its row's file, index.json, and the words re-, po-, and gone
    assert {n for n in written if n.startswith("search/rows-")} == {next(n for n in written if "rows-1." in n)}
    assert all(before[name] == data for name, data in search_files.search_file_bytes(site).items() if name in kept)
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)
    assert search_files.search(site, "revised") == ["FOI00010"]


def test_a_new_request_is_added_without_renumbering_the_others(log, tmp_path: Path):
    site, cache, records = log
    records.append(_record(1001, title="Brand new zebra crossings", date="2030-01-01"))
    written, _ = _run(site, cache, records)
    new = search_files.manifest(site)
    prefixes = {w[:2] for w in words(" ".join([records[-1].title, *records[-1].questions]))}
    assert written == {"search/index.json", new["rows"][-1], *(new["words"][p] for p in prefixes)}
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)
    assert search_files.search(site, "zebra") == ["FOI01001"]


@pytest.mark.parametrize("change", ["removed", "inserted among older ones", "reordered by a new date"])
def test_a_change_that_renumbers_the_requests_rebuilds_the_same_index_as_a_fresh_build(log, tmp_path: Path,
                                                                                       change: str):
    site, cache, records = log
    if change == "removed":
        del records[5]
    elif change == "inserted among older ones":
        records.append(_record(1300, title="An old request found late", date="2019-06-01"))
    else:
        records[3] = replace(records[3], date="2031-01-01")
    _run(site, cache, records)
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)
    written, _ = _run(site, cache, records)
    assert written == set()


def test_many_runs_in_a_row_leave_the_same_index_as_a_fresh_build(log, tmp_path: Path):
    site, cache, records = log
    for step in range(6):
        records[step * 97] = replace(records[step * 97], questions=[f"A new question {step} on bus lanes"],
                                     exemptions=["s21"] if step % 2 else [])
        records.append(_record(1001 + step, date="2032-01-01"))
        _run(site, cache, records)
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)
    newest = sorted(records, key=lambda r: (r.date, r.reference), reverse=True)
    assert search_files.search(site, "bus", "lanes") == [r.reference for r in newest if "bus lanes" in r.questions[0]]
    assert len(search_files.search(site, "bus", "lanes")) == 6


def test_a_cache_that_does_not_match_the_site_rebuilds_it(log, tmp_path: Path):
    """A run killed after it wrote its cache but before the site's pages were replaced, or a site restored
    from a backup: the cache does not say what the site holds, so the index is built again, right."""
    site, cache, records = log
    earlier = search_files.search_file_bytes(site)
    records[0] = replace(records[0], title="Killed before the pages were written")
    index_files(site, records, cache)  # its files never written
    records[1] = replace(records[1], title="The next run")
    assert search_files.search_file_bytes(site) == earlier
    _run(site, cache, records)
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)
    (cache / search_index.STATE).write_text("{not json", encoding="utf-8")
    records[2] = replace(records[2], title="After a broken cache")
    _run(site, cache, records)
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)
    for bucket in (cache / search_index.WORDS).iterdir():  # the words cached for each request, lost
        bucket.unlink()
    records[3] = replace(records[3], title="Words lost")
    _run(site, cache, records)
    assert search_files.search_file_bytes(site) == _fresh(tmp_path, records)


def test_the_filters_list_every_request_of_each_choice(log):
    site, _, records = log
    index, references = search_files.manifest(site), [row[0] for row in search_files.rows(site)]
    chosen = {(kind, choice): {references[n] for n in search_files.numbers(gaps)}
              for kind, choices in index["filters"].items() for choice, gaps in choices.items()}
    assert chosen["outcome", "refused"] == {r.reference for r in records if r.outcome == "refused"}
    assert chosen["exemption", "s43"] == {r.reference for r in records if "s43" in r.exemptions}
    assert chosen["year", "2020"] == {r.reference for r in records if r.year == 2020}
    assert references == [r.reference for r in sorted(records, key=lambda r: (r.date, r.reference))]
    reviewed = next(row for row in search_files.rows(site) if row[0] == "FOI00007")
    assert reviewed[6] == "refused (internal review: upheld)" and reviewed[7] == "none"


def test_a_row_links_to_its_request_page_as_the_index_does(tmp_path: Path):
    records = [_record(1), replace(_record(2), reference="123/2024", stem="123-2024"),
               replace(_record(3), reference="Année 7", stem="Année-7")]
    _run(tmp_path / "site", None, records)
    links = {row[0]: row[1] for row in search_files.rows(tmp_path / "site")}
    assert links == {"FOI00001": "",  # the script writes requests/FOI00001/index.html
                     "123/2024": "requests/123-2024/index.html", "Année 7": "requests/Ann%C3%A9e-7/index.html"}
