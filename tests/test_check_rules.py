"""`foiletters check`: the command, acceptances, and the real answer files passing clean.

Each rule's defects and lawful letters are in check_cases/ (tests/test_check_cases.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ANSWER_FILES, ROOT, write

from foiletters.check.rules import RULES
from foiletters.check.run import check
from foiletters.cli import main
from foiletters.errors import AnswerFileError
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet

CASES = Path(__file__).parent / "check_cases"


def test_the_real_answer_files_pass_clean(house: TemplateSet):
    for path in ANSWER_FILES:
        findings = check(load(path), house)
        open_findings = [str(f) for f in findings if f.severity != "info" and not f.accepted]
        assert open_findings == [], path.name


def test_check_command_exit_status_and_output(tmp_path: Path, capsys):
    case = CASES / "unanswered" / "defect-original.yaml"
    assert main(["check", str(case)]) == 1
    out = capsys.readouterr().out
    assert "defect-original.yaml:10:" in out and "error [unanswered]" in out and "(FOIA s1(1))" in out
    assert "1 error, 0 warnings" in out
    clean = [str(p) for p in ANSWER_FILES]
    assert main(["check", *clean]) == 0
    warning = CASES / "small-numbers" / "defect-original.yaml"
    assert main(["check", str(warning)]) == 0
    assert main(["check", "--strict", str(warning)]) == 1


def test_check_reports_an_unreadable_file_and_goes_on(tmp_path: Path, capsys):
    broken = write(tmp_path, "broken.yaml", "reference: FOI1\ndate: someday\nsubject: x\n")
    good = ROOT / "examples" / "simple.yaml"
    assert main(["check", str(broken), str(good)]) == 2
    out = capsys.readouterr().out
    assert "broken.yaml:2:7: date:" in out and "could not be read" in out
    assert "simple.yaml: 0 errors, 0 warnings" in out


def test_an_accepted_finding_is_listed_with_its_reason_and_does_not_stop_the_build(tmp_path: Path,
                                                                                      house: TemplateSet):
    text = (CASES / "unanswered" / "defect-original.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "FOI3000008.yaml", text)
    with pytest.raises(AnswerFileError, match=r"\[unanswered\] question 2\. has no answer"):
        from foiletters.build import build
        build(path, tmp_path / "out", house, formats=("docx",))
    path.write_text(text + "accepted:\n  - rule: unanswered\n    question: '2'\n"
                    "    reason: The requester withdrew this question by phone.\n", encoding="utf-8")
    findings = check(load(path), house)
    accepted = [f for f in findings if f.accepted]
    assert [f.rule for f in accepted] == ["unanswered"]
    assert "accepted: The requester withdrew this question by phone." in str(accepted[0])
    from foiletters.build import build
    assert build(path, tmp_path / "out", house, formats=("docx",)).files


def test_an_acceptance_for_another_question_does_not_hide_the_finding(tmp_path: Path, house: TemplateSet):
    text = (CASES / "unanswered" / "defect-original.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "x.yaml", text + "accepted:\n  - rule: unanswered\n    question: '1'\n"
                 "    reason: Not this one.\n")
    assert [f.accepted for f in check(load(path), house) if f.rule == "unanswered"] == [None]


def test_rules_listing_names_every_rule_and_its_law(capsys):
    assert main(["check", "--rules"]) == 0
    out = capsys.readouterr().out
    for rule in RULES.values():
        assert f"{rule.name} ({rule.severity}) — {rule.source}" in out


def test_accepting_a_rule_that_does_not_exist_is_a_mistake_with_a_suggestion(tmp_path: Path, capsys):
    text = (CASES / "unanswered" / "defect-original.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "x.yaml", text + "accepted:\n  - rule: unanswerd\n    reason: A typo in the rule.\n")
    assert main(["check", str(path)]) == 2
    assert "accepted[0].rule: there is no rule 'unanswerd'; did you mean 'unanswered'?" in capsys.readouterr().out


def test_characters_the_pdf_cannot_draw_stop_a_pdf_but_not_a_word_only_build(tmp_path: Path, house: TemplateSet):
    from foiletters.build import build

    path = write(tmp_path, "glyphs.yaml", (CASES / "missing-glyphs" / "defect-original.yaml").read_text("utf-8"))
    with pytest.raises(AnswerFileError, match=r"\[missing-glyphs\]"):
        build(path, tmp_path / "out", house)
    assert not (tmp_path / "out").exists()
    built = build(path, tmp_path / "out", house, formats=("docx",))
    assert [f.suffix for f in built.files] == [".docx"]
    assert [(f.rule, f.severity) for f in built.findings if f.rule == "missing-glyphs"] == [("missing-glyphs",
                                                                                           "warning")]
