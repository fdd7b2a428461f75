"""`foiletters check` on many answer files: the findings of each, and one exit status for all."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foiletters.check.findings import summary
from foiletters.check.rules import RULES
from foiletters.check.run import check
from foiletters.errors import AnswerFileError, display_path
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet

UNREADABLE = 2  # the exit status when an answer file cannot be loaded at all
FAILED = 1


def check_files(paths: tuple[Path, ...] | list[Path], templates: TemplateSet, *, strict: bool = False,
                echo: Callable[[str], None] = print) -> int:
    """Print the findings of every answer file; return the exit status."""
    status = 0
    for path in paths:
        try:
            findings = check(load(path), templates)
        except AnswerFileError as error:  # cannot be checked until it loads: its problems say why
            for problem in error.problems:
                echo(str(problem))
            echo(f"{display_path(path)}: could not be read; fix the problems above, then check again")
            status = max(status, UNREADABLE)
            continue
        for finding in findings:
            echo(str(finding))
        echo(f"{display_path(path)}: {summary(findings)}")
        failing = [f for f in findings if not f.accepted and (f.severity == "error" or
                                                               (strict and f.severity == "warning"))]
        if failing:
            status = max(status, FAILED)
    return status


def rules_table() -> str:
    """The rules, one paragraph each: name, severity, legal source, and what it checks."""
    blocks = [f"{rule.name} ({rule.severity}) — {rule.source}\n    {rule.summary}" for rule in RULES.values()]
    return "\n".join(blocks)
