"""The disclosure log shows a request's published letters together: only the kinds the house publishes, and
each only once it has been reviewed for publication."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from conftest import ROOT, write

from foiletters.cli import main

LIFE = (ROOT / "examples" / "life.yaml").read_text(encoding="utf-8")


def _log(answers: Path, out: Path, capsys) -> str:
    assert main(["log", str(answers), "--out", str(out), "--templates", str(ROOT / "templates"), "-j", "1"]) == 0
    return capsys.readouterr().out


def test_the_log_publishes_each_reviewed_letter_of_a_published_kind(tmp_path: Path, capsys):
    answers = tmp_path / "answers"
    # Reviewed on 10 March: the response and the extension notice before it; the review of 2 April waits.
    path = write(answers, "life.yaml", LIFE + "reviewed_for_publication: 2026-03-10\n")
    site = tmp_path / "site"
    _log(answers, site, capsys)
    folder = site / "requests" / "FOI424242"
    assert sorted(p.name for p in folder.iterdir()) == [
        "FOI424242-extension-2026-02-06.docx", "FOI424242-extension-2026-02-06.pdf",
        "FOI424242.docx", "FOI424242.pdf", "index.html"]  # no acknowledgement or clarification: the house's setting
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.index("Extension notice of") < page.index("Response of")
    assert "Internal review outcome" not in page
    row = next(csv.DictReader(io.StringIO((site / "index.csv").read_text(encoding="utf-8"))))
    assert row["review"] == ""

    # The review gets its own mark: it joins the page after the response, and the index says its outcome.
    marked = "    outcome: upheld-in-part\n    reviewed_for_publication: 2026-04-03\n"
    text = path.read_text(encoding="utf-8").replace("    outcome: upheld-in-part\n", marked)
    path.write_text(text, encoding="utf-8")
    _log(answers, site, capsys)
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert page.index("Response of") < page.index("Internal review outcome of")
    assert 'href="FOI424242-review-2026-04-02.pdf"' in page
    assert "<dt>Internal review</dt><dd>upheld in part</dd>" in page
    assert "Request for clarification" not in page and "the 2022 tender" not in page.split("Response of")[0]
    row = next(csv.DictReader(io.StringIO((site / "index.csv").read_text(encoding="utf-8"))))
    assert row["review"] == "upheld-in-part"
    entry = json.loads((site / "index.json").read_text(encoding="utf-8"))[0]
    assert [(e["kind"], e["date"]) for e in entry["letters"]] == [
        ("extension", "2026-02-06"), ("response", "2026-03-05"), ("review", "2026-04-02")]
    assert "(internal review: upheld in part)" in (site / "index.html").read_text(encoding="utf-8")


def test_a_file_of_letters_only_is_not_published_yet_and_does_not_stop_the_log(tmp_path: Path, capsys):
    answers = tmp_path / "answers"
    text = (ROOT / "tests/check_cases/letters/refusal-pass.yaml").read_text(encoding="utf-8")
    write(answers, "refusal.yaml", text + "reviewed_for_publication: 2026-01-21\n")
    write(answers, "simple.yaml", (ROOT / "examples/simple.yaml").read_text(encoding="utf-8")
          + "reviewed_for_publication: 2026-03-05\n")
    out = _log(answers, tmp_path / "site", capsys)
    assert "no response has been sent yet" in out
    assert (tmp_path / "site" / "requests" / "FOI123456789" / "index.html").is_file()
