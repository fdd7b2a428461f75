"""A letter's files are the same bytes whether it is built alone, among others, in any order or with any --jobs.

Workers keep WeasyPrint, its fonts and style sheets for their life and freeze them out of garbage
collection after their first letter: nothing of one letter may show in the next. (The cluster's
build is compared with the process pool's in test_cluster.py.)
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOT

from foiletters.publish.batch import build_log

SEEDS = ["FOI413132846", "FOI641692083", "FOI795053096", "REQ07585"]
LETTER = "FOI795053096"


def _built(tmp_path: Path, name: str, files: list[str], jobs: int) -> dict[str, bytes]:
    answers = tmp_path / f"answers-{name}"
    answers.mkdir()
    for stem in files:
        shutil.copy(ROOT / "answers" / f"{stem}.yaml", answers)
    for csv in (ROOT / "answers").glob("*.csv"):
        shutil.copy(csv, answers)
    # The order given is the order of the work: the letter comes after the others on one worker.
    run = build_log([answers / f"{stem}.yaml" for stem in files], tmp_path / name, ROOT / "templates", jobs=jobs)
    assert run.ok and len(run.published) == len(files)
    folder = tmp_path / name / "requests" / LETTER
    # The letter's own files; its page (index.html) lists the related requests of the batch, so it may differ.
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != "index.html"}


def test_a_letter_is_the_same_bytes_alone_among_others_in_any_order_and_with_any_jobs(tmp_path: Path):
    alone = _built(tmp_path, "alone", [LETTER], jobs=1)
    assert set(alone) == {f"{LETTER}.pdf", f"{LETTER}.docx"}
    others = [s for s in SEEDS if s != LETTER]
    assert _built(tmp_path, "last", [*others, LETTER], jobs=1) == alone
    assert _built(tmp_path, "reversed", [LETTER, *others[::-1]], jobs=2) == alone
