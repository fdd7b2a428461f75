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
from foiletters.check.letters import check_life_letter, check_life_rights
from foiletters.check.public_interest import check_letter as check_public_interest_in_letter
from foiletters.check.rights import check_rights
from foiletters.check.rules import Checker
from foiletters.check.timeliness import check_timeliness
from foiletters.errors import AnswerFileError, FoilettersError
from foiletters.load.answerfile import Request
from foiletters.load.letters import Letter
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render


def check_answers(request: Request, templates: TemplateSet, letter: Letter | None = None) -> list[Finding]:
    """The findings about the answer file itself for one letter (the response when `letter` is None), accepted
    ones marked. Another letter of the request's life is checked by its kind's rules (check/letters.py),
    never by the response's."""
    checker = Checker(request)
    if letter is None:
        check_exemptions(checker, templates.library, templates.profile(request.answers.date)
                         if request.answers.date else {})
        check_unanswered(checker)
        check_small_numbers(checker, templates)
        check_timeliness(checker)
    else:
        check_life_letter(checker, templates, _index(request, letter), letter)
    return sorted(apply_acceptances(checker.findings, request.answers))


def check_letter(request: Request, templates: TemplateSet, rendering: Rendering,
                 letter: Letter | None = None) -> list[Finding]:
    """The findings about the rendered letter: the rights of every regime it answers under (or that its kind
    must give), and its characters."""
    checker = Checker(request)
    text = letter_text(rendering)  # parsed once for every rule about the letter's words
    if letter is None:
        check_rights(checker, templates, text)
        check_public_interest_in_letter(checker, templates.library, text)
    else:
        check_life_rights(checker, templates, _index(request, letter), letter, text)
    check_glyphs(checker, text, rendering)
    return sorted(apply_acceptances(checker.findings, request.answers))


def check(request: Request, templates: TemplateSet) -> list[Finding]:
    """Every finding for one answer file, as `foiletters check` reports them: the response's (when it has
    been sent) and every other letter's."""
    findings: list[Finding] = []
    letters: list[Letter | None] = [*([None] if request.answers.date else []), *request.answers.letters]
    for letter in letters:
        found = check_answers(request, templates, letter)
        try:
            rendering = render(request, templates, letter)
        except FoilettersError:  # the answer findings already say what to fix
            if not any(f.blocks_build for f in found):
                raise
            findings += found
            continue
        findings += found + check_letter(request, templates, rendering, letter)
    findings = sorted(set(findings))
    return sorted(findings + unmatched(request, findings))


def _index(request: Request, letter: Letter) -> int:
    return next(i for i, other in enumerate(request.answers.letters) if other is letter)


def unmatched(request: Request, findings: list[Finding]) -> list[Finding]:
    """Acceptances that accept none of `findings` (every finding of the answer file and its letters)."""
    return unmatched_acceptances(findings, request.answers, request.problem,
                                 "foiletters check: an acceptance names a finding of this answer file")


def stop_on_errors(findings: list[Finding]) -> None:
    """Raise the findings that stop a build (errors not accepted) as the answer file's problems."""
    errors = [f.as_problem() for f in findings if f.blocks_build]
    if errors:
        raise AnswerFileError(errors)
