"""`foiletters check` on letters written as answer files: each rule's defects caught, and lawful letters
in the shapes other authorities use passed with no finding at all.

tests/check_cases/<rule>/ holds, side by side, the defects a rule catches (`defect-*.yaml`) and lawful
letters it must pass (`clean-*.yaml`). A line that a finding must point at ends with a marker:

    cite: s12  # <- exemption-details error

(several on one line: `# <- regime-rights error; regime-rights warning`). Every finding of a case must
be marked, and every marker found: a clean case has no marker and no finding but information.
`# house: NAME` in a case's header builds it with the house templates folder tests/check_cases/houses/NAME
(wording of other authorities), else with the repository's templates/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT

from foiletters.check import rules
from foiletters.check.run import check
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet

CASES_FOLDER = Path(__file__).parent / "check_cases"
# houses/: house templates folders the cases use. letters/: the cases of the other letters of a request's
# life, which their own tests run.
OTHER_FOLDERS = {"houses", "letters"}
CASES = sorted(p for p in CASES_FOLDER.glob("*/*.yaml") if p.parent.name not in OTHER_FOLDERS)
# The response's rules; those of the other letters of a request's life have their cases in letters/.
RESPONSE_RULES = [name for name in rules.RULES if name not in {r.name for r in getattr(rules, "LIFE_RULES", [])}]
MARKER = re.compile(r"#\s*<-\s*(?P<marks>[a-z-]+\s+(error|warning|info)(\s*;\s*[a-z-]+\s+(error|warning|info))*)\s*$")
HOUSE = re.compile(r"^#\s*house:\s*(?P<name>[\w-]+)\s*$", re.MULTILINE)
_houses: dict[str, TemplateSet] = {}


def _house(case: Path) -> TemplateSet:
    match = HOUSE.search(case.read_text(encoding="utf-8"))
    folder = CASES_FOLDER / "houses" / match["name"] if match else ROOT / "templates"
    return _houses.setdefault(str(folder), TemplateSet(folder))


def _expected(case: Path) -> list[tuple[str, str, int]]:
    lines = case.read_text(encoding="utf-8").splitlines()
    return sorted((*mark.split(), number) for number, line in enumerate(lines, 1)
                  if (m := MARKER.search(line)) for mark in m["marks"].split(";"))


def test_every_rule_has_defects_and_lawful_letters_side_by_side():
    for rule in RESPONSE_RULES:
        folder = CASES_FOLDER / rule
        assert list(folder.glob("defect-*.yaml")), f"{rule} has no defect case"
        assert list(folder.glob("clean-*.yaml")), f"{rule} has no lawful letter"
    assert {p.name for p in CASES_FOLDER.iterdir() if p.is_dir()} - set(RESPONSE_RULES) <= OTHER_FOLDERS
    for case in CASES:
        assert case.name.startswith(("defect-", "clean-")), case
        assert bool(_expected(case)) == case.name.startswith("defect-"), f"{case}: markers and name disagree"


@pytest.mark.parametrize("case", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_each_case_gets_exactly_its_findings(case: Path):
    findings = check(load(case), _house(case))
    got = sorted((f.rule, f.severity, f.problem.line) for f in findings
                 if not f.accepted and (f.severity != "info" or f.rule == "deadline-unchecked"))
    shown = "\n".join(str(f) for f in findings)
    assert got == _expected(case), f"{case.relative_to(CASES_FOLDER)}:\n{shown}"
    if case.name.startswith("defect-"):
        assert any(f.rule == case.parent.name for f in findings), "a defect case breaks its folder's rule"
    for finding in findings:
        assert finding.source  # every finding cites the law or guidance it enforces
        assert finding.problem.expected or finding.accepted  # and says what to write instead
