"""A large log's incremental runs: what they keep between runs never changes what the site says.

Each shortcut a run takes (the sets' index, the letters' logos, the Statistics page's figures, the feed and
pages kept as they are, the related requests over arrays) must give the site a build from nothing gives.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from conftest import ROOT

from foiletters.cli import main
from foiletters.publish import site_state
from foiletters.publish.batch import cache_folder
from foiletters.publish.similar import Similarity, text_digest

REVIEWED = "\nreviewed_for_publication: 2026-11-20\n"
SEEDS = ["FOI641692083", "FOI795053096", "REQ07585"]


def _answers(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in SEEDS:
        text = (ROOT / "answers" / f"{name}.yaml").read_text(encoding="utf-8")
        text = "\n".join(line for line in text.splitlines() if not line.startswith("reviewed_for_publication:"))
        (folder / f"{name}.yaml").write_text(text + REVIEWED, encoding="utf-8")
    return folder


def _log(answers: Path, out: Path, capsys) -> str:
    assert main(["log", str(answers), "--out", str(out), "--templates", str(ROOT / "templates")]) == 0
    return capsys.readouterr().out


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_runs_after_changes_give_the_site_a_build_from_nothing_gives(tmp_path: Path, capsys):
    answers = _answers(tmp_path / "answers")
    site = tmp_path / "site"
    assert "3 published (3 built" in _log(answers, site, capsys)
    # A reworded subject: the index, the feed, the data and the related requests change; the figures do not.
    _edit(answers / "REQ07585.yaml", "subject: ", "subject: revised ")
    assert "3 published (1 built, 2 unchanged" in _log(answers, site, capsys)
    fresh = tmp_path / "fresh"
    _log(answers, fresh, capsys)
    assert _files(site) == _files(fresh)
    # The response sent a day later: the Statistics page's figures change too.
    statistics = (site / "statistics" / "index.html").read_bytes()
    _edit(answers / "FOI795053096.yaml", "\ndate: 2026-03-04", "\ndate: 2026-03-05")
    assert "3 published (1 built, 2 unchanged" in _log(answers, site, capsys)
    again = tmp_path / "again"
    _log(answers, again, capsys)
    assert _files(site) == _files(again)
    assert (site / "statistics" / "index.html").read_bytes() != statistics


def test_a_run_with_the_new_bookkeeping_missing_builds_nothing_and_changes_no_file(tmp_path: Path, capsys):
    """The cache of an earlier foiletters (no sets' index, no logos, the Statistics page's old inputs) is read as
    it is: no letter is built again and the site's files stay the same bytes."""
    answers = _answers(tmp_path / "answers")
    site = tmp_path / "site"
    _log(answers, site, capsys)
    before = _files(site)
    cache = cache_folder(site)
    (cache / site_state.SETS_INDEX).unlink()
    (cache / "logos.json").unlink()
    (cache / "file-hashes.json").unlink()
    (cache / "site-digest").unlink()  # else the pages are not worked out at all
    pages = json.loads((cache / "pages.json").read_text(encoding="utf-8"))
    del pages["feed"]
    (cache / "pages.json").write_text(json.dumps(pages), encoding="utf-8")
    inputs = json.loads((cache / "statistics-page.json").read_text(encoding="utf-8"))
    (cache / "statistics-page.json").write_text(json.dumps({"digest": "earlier", "files": inputs["files"]}),
                                                encoding="utf-8")
    assert "3 published (0 built, 3 unchanged" in _log(answers, site, capsys)
    assert _files(site) == before
    assert (cache / site_state.SETS_INDEX).is_file()


def test_the_sets_index_gives_what_the_records_say_and_follows_a_replaced_record(tmp_path: Path, capsys):
    answers = _answers(tmp_path / "answers")
    site = tmp_path / "site"
    _log(answers, site, capsys)
    cache = cache_folder(site)
    indexed = site_state.read_state(site, cache, [])
    (cache / site_state.SETS_INDEX).unlink()
    read_one_by_one = site_state.read_state(site, cache, [])
    assert indexed.letters == read_one_by_one.letters
    assert {stem: s["key"] for stem, s in indexed.letters.items()} == {
        stem: indexed.full_record(stem)["entry"]["key"] for stem in indexed.letters}
    # A record replaced (as a set is, by renaming a new file into place) is read again, not taken from the index.
    record_path = cache / "sets" / "REQ07585.json"
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["entry"]["key"] = "another"
    replacement = record_path.with_name("replacement")
    replacement.write_text(json.dumps(record), encoding="utf-8")
    replacement.replace(record_path)
    assert site_state.read_state(site, cache, []).letters["REQ07585"]["key"] == "another"


def test_related_requests_over_arrays_score_as_the_plain_ranking_does():
    rng = random.Random(3)
    vocabulary = [f"{word}{n}" for n in range(40) for word in ("bins", "roads", "school", "care", "parking")]
    texts = {f"R{i:03d}": " ".join(rng.choice(vocabulary[: rng.randint(20, len(vocabulary))])
                                   for _ in range(rng.randint(3, 30))) for i in range(400)}
    texts |= {"same-a": "pothole repairs on the ring road", "same-b": "pothole repairs on the ring road"}
    index = Similarity(texts)
    order = sorted(texts, key=lambda key: (rng.random(), key))
    together = index.like_earlier(order)
    earlier: set[str] = set()
    for key in order:
        assert together[key] == index.like(key, among=set(earlier)), key
        earlier.add(key)
    assert any(len(found) == 5 for found in together.values())


def test_words_counted_last_run_give_the_very_scores_counting_again_gives():
    """The log keeps each request's words as counted; a run with one request changed counts only that one, and
    every vector (the same floats, in the same order) and every ranking is what counting them all gives."""
    rng = random.Random(5)
    vocabulary = [f"{word}{n}" for n in range(30) for word in ("bins", "roads", "schools", "care", "parking")]
    texts = {f"R{i:03d}": " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 30))) for i in range(200)}
    last_run = Similarity(texts)
    known = {key: (text_digest(texts[key]), dict(last_run.counts[key])) for key in texts}
    texts["R007"] = "revised " + texts["R007"] + " schools3 schools3 potholes"
    known["R008"] = (text_digest("another text"), {"stale": 9})  # counts of a text that is not this one's are not used
    again, fresh = Similarity(texts, known), Similarity(texts)
    assert [list(v.items()) for v in again.vectors.values()] == [list(v.items()) for v in fresh.vectors.values()]
    order = sorted(texts)
    assert again.like_earlier(order) == fresh.like_earlier(order)
    assert again.counts["R007"]["pothole"] == 1 and "stale" not in again.counts["R008"]
    taken = Similarity({"X": "bins"}, {"X": (text_digest("bins"), {"roads1": 2})})
    assert taken.counts["X"] == {"roads1": 2}  # taken, not counted


def test_answer_files_in_a_moved_folder_are_not_built_again(tmp_path: Path, capsys):
    """The cache names answer files by their path; a folder moved (or a CI checkout in another place) with the
    same files builds nothing again, and the site stays the same bytes."""
    answers = _answers(tmp_path / "answers")
    site = tmp_path / "site"
    _log(answers, site, capsys)
    before = _files(site)
    moved = answers.rename(tmp_path / "elsewhere")
    assert "3 published (0 built, 3 unchanged" in _log(moved, site, capsys)
    assert _files(site) == before
    statistics = json.loads((cache_folder(site) / "statistics.json").read_text(encoding="utf-8"))
    assert sorted(statistics["files"]) == sorted(str(p) for p in moved.glob("*.yaml"))
    _edit(moved / "REQ07585.yaml", "subject: ", "subject: revised ")
    assert "3 published (1 built, 2 unchanged" in _log(moved, site, capsys)


def test_the_run_after_a_change_renders_nothing_again(tmp_path: Path, capsys):
    """A letter built in a run and its record read back from the cache in the next are the same: with nothing
    changed since, that next run renders no page and writes no data file again (a letter with an attachment,
    whose files' order once differed between the two)."""
    answers = _answers(tmp_path / "answers")
    (answers / "figures.csv").write_text("Year,Officers\n2024,310\n", encoding="utf-8")
    _edit(answers / "FOI795053096.yaml", REVIEWED,
          "\nattachments:\n  - file: figures.csv\n    title: the figures" + REVIEWED)
    site = tmp_path / "site"
    _log(answers, site, capsys)
    _edit(answers / "FOI795053096.yaml", "subject: ", "subject: revised ")
    assert "(1 built, 2 unchanged" in _log(answers, site, capsys)
    pages = (cache_folder(site) / "pages.json").read_bytes()
    written = {p: p.stat().st_mtime_ns for p in site.rglob("*") if p.is_file() and "assets" not in p.parts}
    (cache_folder(site) / "site-digest").unlink()  # the pages worked out again, from the records read back
    assert "(0 built, 3 unchanged" in _log(answers, site, capsys)
    assert (cache_folder(site) / "pages.json").read_bytes() == pages
    assert {p: p.stat().st_mtime_ns for p in written} == written


def test_rows_worked_out_again_only_where_they_can_change_are_what_working_out_every_row_gives():
    """One run to the next, some requests reworded (a rare word added, a common one dropped, words that cross
    the line where a word is too common to rank by): the rows kept from last run and those worked out again
    are, together, the very scores and rankings working out every row gives; and with nothing reworded, none
    is worked out again."""
    rng = random.Random(19)
    vocabulary = [f"{word}{n}" for n in range(12) for word in ("bins", "roads", "schools", "care", "parking")]
    texts = {f"R{i:03d}": " ".join(rng.choice(vocabulary) for _ in range(rng.randint(3, 25))) for i in range(240)}
    order = sorted(texts)
    last = Similarity(texts)
    found = last.like_earlier(order)
    assert sum(map(len, found.values())) > 200  # rankings worth keeping
    edits = [lambda t: t + " potholes", lambda t: t.replace("bins1", ""), lambda t: "roads3 " * 3 + t,
             lambda t: " ".join(t.split()[::-1]), lambda t: t + " " + " ".join(vocabulary[:5])]
    worked_again = []
    for round_ in range(12):
        for key in rng.sample(order, rng.randint(1, 4)):
            texts[key] = rng.choice(edits)(texts[key])
        now = Similarity(texts)
        counted = {key: dict(c) for key, c in last.counts.items()}
        since = now.like_earlier_since(order, counted, found)
        assert since == Similarity(texts).like_earlier(order), round_
        worked_again.append(len(now._vectors))  # vectors worked out: those the rows worked out again needed
        last, found = now, since
    assert min(worked_again) < len(order)  # some rounds did not need every vector
    unchanged = Similarity(texts)
    assert unchanged.like_earlier_since(order, {k: dict(c) for k, c in last.counts.items()}, found) == found
    assert not unchanged._vectors  # nothing reworded: no row, so no vector, worked out again
