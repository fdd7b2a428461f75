"""The privacy corpus (cases.py), built into one disclosure log and every byte of it searched.

All the cases are built in one run of the log, as an officer's folder of answer files would be. Then:
each case was held back, published or refused as it must be; and no private value of any case is in
any byte of the site (searched by `site_bytes`, which shares nothing with foiletters' own matcher), nor
in what the run printed or kept in its cache.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import search_files
from cases import CASES, Case
from conftest import ROOT
from site_bytes import compact, flat, found_in, site_text

from foiletters.publish.batch import cache_folder
from foiletters.publish.run import run_log


def _yaml(case: Case, reference: str, folder: Path) -> str:
    q = json.dumps
    lines = [f"reference: {q(reference)}", "date: 2026-03-04", "received: 2026-02-10", f"subject: {q(case.subject)}",
             f"requester: {q(case.requester)}"]
    if case.request_text:
        lines.append(f"request_text: {q(case.request_text)}")
    lines += ["questions:", '  - number: "1."', "    text: How many bus routes are there?"]
    if case.table is not None:
        lines += ["    table:", "      columns: [Route, Contact]", "      rows:"]
        lines += [f"        - {q(row)}" for row in case.table]
    elif case.csv_table is not None:
        write, value = case.csv_table
        write(folder / f"{reference}-{case.csv_name}", value)
        lines += ["    table:", f"      csv: {reference}-{case.csv_name}"]
    else:
        lines.append(f"    answer: {q(case.answer)}")
    if case.attachment is not None:
        build, name, value = case.attachment
        build(folder / f"{reference}-{name}", value)  # beside the answer file, as attachments must be
        lines += ["attachments:", f"  - file: {q(f'{reference}-{name}')}", "    title: the attachment"]
    if case.private:
        lines.append(f"private: {q(case.private)}")
    if case.release:
        number, line = next((i, text) for i, text in enumerate(lines, 1) if text.startswith("    answer:"))
        lines += ["releases:", f"  - at: \"questions[0].answer:{number}:{line.index(case.release) + 1}\"",
                  "    reason: checked; the word here is not the requester's name"]
    lines.append("reviewed_for_publication: 2026-03-05")
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    tmp = tmp_path_factory.mktemp("privacy")
    answers = tmp / "answers"
    answers.mkdir()
    sources = {}
    for number, case in enumerate(CASES, start=1):
        reference = case.reference or f"FOIC{number:03d}"
        path = answers / f"case{number:03d}.yaml"
        path.write_text(_yaml(case, reference, answers), encoding="utf-8")
        sources[case.name] = str(path)
    printed: list[str] = []
    site = tmp / "site"
    run_log(answers, site, ROOT / "templates", jobs=2, echo=printed.append)
    manifest = json.loads((cache_folder(site) / "manifest.json").read_text(encoding="utf-8"))["letters"]
    cache = "\n".join(p.read_text(encoding="utf-8", errors="replace")
                      for p in sorted(cache_folder(site).rglob("*")) if p.is_file())
    everything = flat(site_text(site))
    said = flat("\n".join(printed) + "\n" + cache)
    return {"sources": sources, "manifest": manifest, "site": everything, "compact_site": compact(everything),
            "said": said, "printed": printed, "folder": site}


def test_the_corpus_has_a_case_for_every_form():
    assert len(CASES) >= 60
    assert len({case.name for case in CASES}) == len(CASES)
    assert sum(case.expect == "published" for case in CASES) >= 8


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_each_case_is_held_back_published_or_refused_as_it_must_be(corpus: dict, case: Case):
    entry = corpus["manifest"][corpus["sources"][case.name]]
    outcome = "published" if "record" in entry else "held" if entry.get("held") else "failed"
    reasons = [line for line in corpus["printed"] if corpus["sources"][case.name] in line]
    assert outcome == case.expect, reasons
    if case.expect == "held":
        assert entry["leak"], entry  # held for what it holds, not for want of review
        assert any(case.why in reason for reason in entry["held"]), entry["held"]
    for text in case.shown:
        assert flat(text) in corpus["site"], text


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_no_private_value_reaches_any_byte_of_the_site(corpus: dict, case: Case):
    for secret in case.secrets:
        assert not found_in(corpus["site"], corpus["compact_site"], secret), secret


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_what_the_run_says_and_keeps_quotes_no_private_value(corpus: dict, case: Case):
    said = corpus["said"]
    for secret in case.secrets:
        assert not found_in(said, compact(said), secret), secret


def test_a_released_occurrence_is_kept_in_the_private_records(corpus: dict):
    case = next(c for c in CASES if c.release)
    entry = corpus["manifest"][corpus["sources"][case.name]]
    assert entry["released"] and entry["released"][0].startswith("questions[0].answer:")
    assert "surname" in entry["released"][0]


def test_the_search_index_is_searched_and_holds_only_words_the_pages_show(corpus: dict):
    """The search index's words are one by one, not as the phrases they came from: a name or a phone number
    split into its words would not be found by the search above. So every word it holds must be a word the
    site's other files show (where the search above looks for whole values), and every file of it is read."""
    site = corpus["folder"]
    assert set(search_files.search_file_bytes(site)) <= {line for line in site_text(site).splitlines()}
    indexed = search_files.word_index(site)
    assert {"bus", "routes", "many"} <= set(indexed)
    assert not {"rowena", "threlkeld", "larkspur", "7697", "cv9"} & set(indexed)
    shown = set(flat(site_text(site, leave_out="search")).split())
    assert not [word for word in indexed if not set(flat(word).split()) <= shown]
