"""`foiletters check` on the letters of a request's life: every rule of check/letters.py catches its case at
its line, and a lawful letter of every kind passes with no finding at all.

Each file in check_cases/letters/ starts `# expect: RULE at line N` (a defect) or `# expect: nothing`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, write

from foiletters.check.rules import LIFE_RULES, RULES
from foiletters.check.run import check
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet

CASES = sorted((Path(__file__).parent / "check_cases" / "letters").glob("*.yaml"))
EXPECT = re.compile(r"^# expect: (?:(?P<rule>[a-z-]+) at line (?P<line>\d+)|(?P<nothing>nothing))")
# Rules whose case needs a house template rather than an answer file: tested below.
TESTED_WITH_A_HOUSE = {"review-rights"}


def _expected(case: Path) -> tuple[str | None, int]:
    match = EXPECT.match(case.read_text(encoding="utf-8"))
    assert match, f"{case.name} must start with '# expect: RULE at line N' or '# expect: nothing'"
    return (None, 0) if match["nothing"] else (match["rule"], int(match["line"]))


def test_every_letter_rule_has_a_case_and_every_kind_a_lawful_letter():
    caught = {_expected(case)[0] for case in CASES}
    assert {rule.name for rule in LIFE_RULES} - TESTED_WITH_A_HOUSE <= caught
    passing = {load(case).answers.letters[0].kind for case in CASES if _expected(case)[0] is None}
    assert passing == {"acknowledgement", "clarification", "extension", "refusal", "review", "transfer"}


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_each_letter_case(case: Path, house: TemplateSet):
    rule, line = _expected(case)
    findings = check(load(case), house)
    if rule is None:
        assert [str(f) for f in findings] == []  # no finding at all, not even information
        return
    caught = [f for f in findings if f.rule == rule]
    assert caught, f"{rule} was not reported; got {[str(f) for f in findings]}"
    assert line in [f.problem.line for f in caught], [str(f) for f in caught]
    finding = caught[0]
    assert finding.source and finding.problem.expected
    others = [str(f) for f in findings if f.rule != rule and f.severity != "info"]
    assert others == []


def test_the_law_cited_follows_the_regime(house: TemplateSet):
    late = [f for f in check(load(ROOT / "tests/check_cases/letters/review-late.yaml"), house)
            if f.rule == "review-late"]
    assert late[0].source == "EIR reg 11(4): 40 working days"
    assert RULES["review-late"].source_for("FOIA").startswith("s45 Code of Practice (2018)")
    assert RULES["review-late"].source_for("FOISA") == "FOISA s21(1): 20 working days"


def test_a_foia_review_past_20_working_days_is_a_warning_and_still_builds(tmp_path: Path, house: TemplateSet):
    from foiletters.build import build

    text = (ROOT / "tests/check_cases/letters/review-pass-foia.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "late.yaml", text.replace("date: 2026-03-09", "date: 2026-03-20"))
    built = build(path, tmp_path / "out", house, formats=("docx",))
    assert [(f.rule, f.severity) for f in built.findings] == [("review-late", "warning")]
    assert "beyond the 20 working days expected" in str(built.findings[0])


def test_the_response_is_not_checked_as_another_letter(house: TemplateSet):
    """An extension notice names exemptions without their public interest test, and a review outcome gives no
    review rights: neither is reported by the response's rules (public-interest, regime-rights)."""
    findings = check(load(ROOT / "examples" / "life.yaml"), house)
    assert [str(f) for f in findings] == []


def test_a_review_without_the_court_of_session_is_an_error_in_scotland(tmp_path: Path):
    from foiletters.build import build
    from foiletters.errors import AnswerFileError

    folder = tmp_path / "templates" / "boilerplate" / "after-review"
    write(folder, "2000-01-01.html.j2", "<p>Apply to the {{ regulator.name }}, {{ regulator.address }}.</p>\n")
    house = TemplateSet(tmp_path / "templates")
    case = ROOT / "tests/check_cases/letters/review-pass.yaml"
    findings = [f for f in check(load(case), house) if f.rule == "review-rights"]
    assert [f.severity for f in findings] == ["error"]
    assert "'six months', 'Court of Session'" in str(findings[0]) and "FOISA s21(10)" in str(findings[0])
    with pytest.raises(AnswerFileError, match="review-rights"):
        build(case, tmp_path / "out", house, formats=("docx",))


def test_an_extension_may_name_an_absolute_exemption_beside_a_qualified_one(tmp_path: Path, house: TemplateSet):
    text = (ROOT / "tests/check_cases/letters/extension-exemptions.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "both.yaml", text.replace("      - cite: s32(1)\n",
                                                     "      - cite: s32(1)\n      - cite: s43(2)\n"))
    assert [str(f) for f in check(load(path), house)] == []
