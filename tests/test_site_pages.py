"""A long disclosure log is split into index pages that each read without JavaScript."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import search_files
from conftest import ROOT

from foiletters.publish import site as site_module
from foiletters.publish.run import run_log

SEEDS_NEWEST_FIRST = ["FOI795053096", "FOI641692083", "FOI413132846", "REQ07585"]


def _build(tmp_path: Path) -> Path:
    answers = tmp_path / "answers"
    if not answers.exists():
        answers.mkdir()
        for answer_file in sorted((ROOT / "answers").glob("*.yaml")):
            shutil.copy(answer_file, answers)
    out = tmp_path / "site"
    assert run_log(answers, out, ROOT / "templates", jobs=1, echo=lambda line: None)
    return out


def _listed(page: Path) -> list[str]:
    return re.findall(r'<tr data-year="\d+"[^>]*data-reference="([^"]+)"', page.read_text(encoding="utf-8"))


def test_the_index_is_split_into_pages_that_link_to_each_other(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(site_module, "PAGE_SIZE", 3)
    out = _build(tmp_path)
    first, second = out / "index.html", out / "index-2.html"
    assert _listed(first) == SEEDS_NEWEST_FIRST[:3] and _listed(second) == SEEDS_NEWEST_FIRST[3:]
    text = first.read_text(encoding="utf-8")
    assert "4 responses" in text and "page 1 of 2: requests 1 to 3" in text
    assert '<a href="index.html" aria-current="page">1</a>' in text and 'href="index-2.html" rel="next"' in text
    later = second.read_text(encoding="utf-8")
    assert "page 2 of 2: requests 4 to 4" in later and 'href="index.html" rel="prev"' in later
    assert 'data-pages="2" data-total="4"' in later
    # The search index carries what a row shows, so that a search lists requests of every page.
    oldest = search_files.rows(out)[0]
    assert oldest[0] == "REQ07585" and oldest[1] == "" and oldest[3] and oldest[6]
    assert search_files.manifest(out)["filters"]["year"]

    monkeypatch.setattr(site_module, "PAGE_SIZE", 1000)  # the log fits one page again: the second page goes
    out = _build(tmp_path)
    assert not second.exists() and _listed(first) == SEEDS_NEWEST_FIRST
    assert "aria-label=\"Pages of the log\"" not in first.read_text(encoding="utf-8")
