"""Run every rule of `foiletters check` on one answer file.

The rules about the answers run before the letter is rendered (a bad exemption detail
would otherwise fail inside its wording); the rules about the letter's text run on the
rendering. `build` stops at the first stage that has an error.
"""

from __future__ import annotations

from foiletters.check.answers import check_small_numbers, check_unanswered
from foiletters.check.exemptions import check_exemptions
from foiletters.check.findings import Finding, apply_acceptances, unmatched_acceptances
from foiletters.check.glyphs import check_glyphs
from foiletters.check.letter_text import letter_text
from foiletters.check.public_interest import check_letter as check_public_interest_in_letter
from foiletters.check.rights import check_rights
from foiletters.check.rules import Checker
from foiletters.check.timeliness import check_timeliness
from foiletters.errors import AnswerFileError, FoilettersError
from foiletters.load.answerfile import Request
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render


def check_answers(request: Request, templates: TemplateSet) -> list[Finding]:
    """The findings about the answer file itself, accepted ones marked."""
    checker = Checker(request)
    check_exemptions(checker, templates.library, templates.profile(request.answers.date) if request.answers.date
                     else {})
    check_unanswered(checker)
    check_small_numbers(checker, templates)
    check_timeliness(checker)
    return sorted(apply_acceptances(checker.findings, request.answers))


def check_letter(request: Request, templates: TemplateSet, rendering: Rendering) -> list[Finding]:
    """The findings about the rendered letter: the rights of every regime it answers under, and its characters."""
    checker = Checker(request)
    text = letter_text(rendering)  # parsed once for every rule about the letter's words
    check_rights(checker, templates, text)
    check_public_interest_in_letter(checker, templates.library, text)
    check_glyphs(checker, text)
    return sorted(apply_acceptances(checker.findings, request.answers))


def check(request: Request, templates: TemplateSet) -> list[Finding]:
    """Every finding for one answer file, as `foiletters check` reports them."""
    findings = check_answers(request, templates)
    if any(f.blocks_build for f in findings):
        try:
            rendering = render(request, templates)
        except FoilettersError:  # the answer findings already say what to fix
            return findings
    else:
        rendering = render(request, templates)
    findings = findings + check_letter(request, templates, rendering)
    return sorted(findings + unmatched(request, findings))


def unmatched(request: Request, findings: list[Finding]) -> list[Finding]:
    """Acceptances that accept none of `findings` (every finding of the answer file and its letter)."""
    return unmatched_acceptances(findings, request.answers, request.problem,
                                 "foiletters check: an acceptance names a finding of this answer file")


def stop_on_errors(findings: list[Finding]) -> None:
    """Raise the findings that stop a build (errors not accepted) as the answer file's problems."""
    errors = [f.as_problem() for f in findings if f.blocks_build]
    if errors:
        raise AnswerFileError(errors)
