"""What an officer writes beside the law: accepting findings, and a cost estimate, as the letter prints them."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from readback import docx_text

from foiletters.build import build
from foiletters.check.run import check
from foiletters.errors import AnswerFileError
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet

CASES = Path(__file__).parent / "check_cases"


def _flat(path: Path) -> str:
    return " ".join(docx_text(path).split())


def test_an_accepted_missing_detail_prints_no_placeholder(tmp_path: Path, house: TemplateSet):
    case = CASES / "accepted-unmatched" / "clean-covers-and-detail.yaml"
    path = write(tmp_path, "FOI3000121.yaml", case.read_text(encoding="utf-8").replace(
        "      advice: You could ask for one year of records.\n", ""))
    text = path.read_text(encoding="utf-8") + ("  - rule: exemption-details\n    detail: advice\n"
                                               "    reason: Advice was given by telephone.\n")
    path.write_text(text, encoding="utf-8")
    built = build(path, tmp_path / "out", house, formats=("docx",))
    flat = _flat(built.files[0])
    assert "None" not in flat
    assert "duty to provide advice and assistance." in flat


def test_accepting_one_missing_detail_does_not_accept_another(tmp_path: Path, house: TemplateSet):
    case = CASES / "accepted-unmatched" / "clean-covers-and-detail.yaml"
    path = write(tmp_path, "x.yaml", case.read_text(encoding="utf-8").replace(
        "      advice: You could ask for one year of records.\n", ""))
    findings = [f for f in check(load(path), house) if f.rule == "exemption-details"]
    assert sorted((f.detail, f.severity, bool(f.accepted)) for f in findings) == [
        ("advice", "error", False), ("estimate", "warning", True)]


def test_a_question_that_is_not_one_is_refused(tmp_path: Path):
    case = CASES / "unanswered" / "defect-original.yaml"
    path = write(tmp_path, "x.yaml", case.read_text(encoding="utf-8") +
                 "accepted:\n  - rule: unanswered\n    question: '--'\n    reason: For the whole letter.\n")
    with pytest.raises(AnswerFileError, match=r"accepted\[0\]\.question: '--' is not a question: to accept the "
                                              r"finding for the whole letter leave `question` out"):
        load(path)


@pytest.mark.parametrize("written", ["null", "~", "'null'", "None"])
def test_question_null_accepts_for_the_whole_letter(tmp_path: Path, house: TemplateSet, written: str):
    case = CASES / "unanswered" / "defect-original.yaml"
    path = write(tmp_path, "x.yaml", case.read_text(encoding="utf-8") +
                 f"accepted:\n  - rule: unanswered\n    question: {written}\n    reason: The requester withdrew it.\n")
    assert load(path).answers.accepted[0].question is None
    findings = check(load(path), house)
    assert [(f.rule, f.accepted) for f in findings if f.severity != "info"] == [
        ("unanswered", "The requester withdrew it.")]


def test_the_cost_estimate_is_computed_and_printed(tmp_path: Path, house: TemplateSet):
    case = CASES / "exemption-details" / "clean-cost-3000-files.yaml"
    built = build(write(tmp_path, "FOI-COST-1.yaml", case.read_text(encoding="utf-8")), tmp_path / "out", house,
                  formats=("docx",))
    flat = _flat(built.files[0])
    assert "Locating each case file in the archive: 3,000 × 1 minute = 50 hours" in flat
    assert "Extracting whether a complaint was made: 3,000 × 2 minutes = 100 hours" in flat
    assert "Redacting third parties' details: 30 hours (not counted towards the limit" in flat
    assert "In total, 150 hours of work that count towards the limit, which at £25 an hour is £3,750." in flat


def test_a_scottish_estimate_counts_at_the_rate_given(tmp_path: Path, house: TemplateSet):
    case = CASES / "exemption-details" / "clean-foisa-cost.yaml"
    built = build(write(tmp_path, "FOI-COST-1.yaml", case.read_text(encoding="utf-8")), tmp_path / "out", house,
                  formats=("docx",))
    flat = _flat(built.files[0])
    assert "Establishing whether the information is held: 5 hours (not counted" in flat
    assert "In total, 66.7 hours of work that count, which at £15 an hour is £1,000." in flat
