"""`foiletters templates check`: render every letter with the templates in force, strictly, and
show what a template change does to each letter's text against a baseline.

Errors (the exit status is 1): a template syntax error, an undefined name, a letter dated where
no boilerplate version applies, boilerplate versions whose dates overlap, a letter that does not
render. Warnings: a house template that no letter renders. Information: versions written ahead
of their date, gaps between versions, answer files that cannot be loaded.
"""

from __future__ import annotations

import datetime as dt
import difflib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from foiletters.errors import AnswerFileError, FoilettersError, display_path
from foiletters.governance import listing
from foiletters.governance.house_contents import check_house
from foiletters.governance.baseline import templates_at_revision
from foiletters.governance.letter_lines import docx_lines, html_lines
from foiletters.load.answerfile import Request, load
from foiletters.load.letters import Letter
from foiletters.render.exemptions import TEMPLATE_PARTS
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render
from foiletters.render.life import output_stem

ONE_DAY = dt.timedelta(days=1)


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    info: list[str] = field(default_factory=list)
    changed: dict[str, list[str]] = field(default_factory=dict)  # answer file -> unified diff lines
    unchanged: list[str] = field(default_factory=list)
    letters: int = 0

    @property
    def failed(self) -> bool:
        return bool(self.errors)


def check_templates(templates: TemplateSet, answer_files: list[Path], as_of: dt.date, *,
                    against_revision: str | None = None, against_builds: Path | None = None) -> Report:
    report = Report()
    report.errors += check_house(templates)
    _syntax(templates, report)
    _versions(templates, as_of, report)
    requests = _load_all(answer_files, report)
    renderings = _render_all(templates, requests, report)
    _never_rendered(templates, report)
    if against_builds is not None:
        _compare_with_builds(renderings, against_builds, report)
    elif against_revision is not None:
        _compare_with_revision(templates, against_revision, renderings, report)
    return report


@dataclass(frozen=True)
class Rendered:
    """One letter of an answer file, rendered with the templates in force."""

    request: Request
    letter: Letter | None  # None: the response
    rendering: Rendering

    @property
    def stem(self) -> str:
        return output_stem(self.request.answers, self.letter)


def _letters_of(request: Request) -> list[tuple[str, Letter | None]]:
    """Every letter of an answer file with the name the report gives it: the file for its response (as always),
    the file with the kind and date for the other letters of the request's life."""
    shown = display_path(request.source)
    found: list[tuple[str, Letter | None]] = [(shown, None)] if request.answers.date else []
    return found + [(f"{shown} ({letter.kind} of {letter.date.isoformat()})", letter)
                    for letter in request.answers.letters]


def _syntax(templates: TemplateSet, report: Report) -> None:
    """Parse every template and library wording, so that one no letter reaches is checked too."""
    env = templates.env
    files = [path for _, path, _ in listing.letter_templates(templates)]
    files += [v.path for block in templates.blocks() for v in templates.boilerplate_versions(block)]
    for path in files:
        try:
            env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except jinja2.TemplateSyntaxError as exc:
            report.errors.append(f"{display_path(path)}:{exc.lineno}: template syntax error: {exc.message}")
    try:
        for regime in templates.regimes.regimes:
            for cite, entry in templates.library.entries(regime).items():
                for part in TEMPLATE_PARTS:
                    if getattr(entry, part) is not None:
                        templates.template(f"library:{regime}/{cite}/{part}")
    except FoilettersError as error:
        report.errors.append(error.format_message())


def _versions(templates: TemplateSet, as_of: dt.date, report: Report) -> None:
    for block in templates.blocks():
        versions = templates.boilerplate_versions(block)
        for earlier, later in zip(versions, versions[1:], strict=False):
            if earlier.until is not None and earlier.until >= later.start:
                report.errors.append(f"{display_path(later.path)}: boilerplate {block!r} has two versions on "
                                     f"{later.start:%d %B %Y}: {earlier.path.name} runs until "
                                     f"{earlier.until:%d %B %Y}; end it the day before, or start this one later")
            elif earlier.until is not None and later.start > earlier.until + ONE_DAY:
                report.info.append(f"{display_path(earlier.path)}: boilerplate {block!r} has no version from "
                                   f"{earlier.until + ONE_DAY:%d %B %Y} to {later.start - ONE_DAY:%d %B %Y}; a "
                                   "letter dated then cannot be built")
        if versions and versions[-1].until is not None:
            report.info.append(f"{display_path(versions[-1].path)}: boilerplate {block!r} has no version after "
                               f"{versions[-1].until:%d %B %Y}; a letter dated later cannot be built")
    for version in listing.future_versions(templates, as_of):
        report.info.append(f"{display_path(version.path)}: boilerplate {version.block!r} is written ahead: it "
                           f"applies from {version.start:%d %B %Y}, after {as_of:%d %B %Y}")


def _load_all(answer_files: list[Path], report: Report) -> list[Request]:
    requests = []
    for path in answer_files:
        try:
            requests.append(load(path))
        except AnswerFileError as error:  # the officer's to fix, not the templates'
            report.info.append(f"{display_path(path)}: not checked, the answer file has problems "
                               f"(run `foiletters check {display_path(path)}`): {error.problems[0]}")
    return requests


def _render_all(templates: TemplateSet, requests: list[Request], report: Report) -> dict[str, Rendered]:
    """Every letter of every answer file: the response and each of its `letters`, each through its kind's
    template."""
    renderings = {}
    for request in requests:
        for shown, letter in _letters_of(request):
            on = request.answers.date if letter is None else letter.date
            try:
                renderings[shown] = Rendered(request, letter, render(request, templates, letter))
            except FoilettersError as error:
                report.errors.append(f"{shown} (dated {on:%d %B %Y}): the letter does not render: "
                                     f"{error.format_message()}")
    report.letters = len(renderings)
    return renderings


def _never_rendered(templates: TemplateSet, report: Report) -> None:
    """House templates that no letter used: a mistake in them would go unseen until one does."""
    if templates.house is None:
        return
    used = {Path(t.filename).resolve() for t in templates.env.cache.values() if t.filename}  # type: ignore[union-attr]
    for name, path, origin in listing.letter_templates(templates):
        if origin == "house" and path.resolve() not in used:
            report.warnings.append(f"{display_path(path)}: no letter renders the house template {name!r}; check "
                                   "that it is included where it should be, or add an example answer file that "
                                   "uses it")


def _compare(report: Report, name: str, before: list[str], after: list[str], before_label: str) -> None:
    diff = list(difflib.unified_diff(before, after, f"{name} ({before_label})", f"{name} (templates now)",
                                     lineterm="", n=1))
    if diff:
        report.changed[name] = diff
    else:
        report.unchanged.append(name)


def _compare_with_revision(templates: TemplateSet, revision: str, renderings: dict[str, Rendered],
                           report: Report) -> None:
    if templates.house is None:
        report.info.append("there is no house templates folder to compare with a git revision")
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = templates_at_revision(templates.house, revision, Path(scratch))
        earlier = TemplateSet(folder)
        for shown, now in renderings.items():
            try:
                before = html_lines(render(now.request, earlier, now.letter).html)
            except FoilettersError as error:
                report.info.append(f"{shown}: did not render with the templates at {revision}: "
                                   f"{error.format_message()}")
                continue
            _compare(report, shown, before, html_lines(now.rendering.html), f"templates at {revision}")


def _compare_with_builds(renderings: dict[str, Rendered], builds: Path, report: Report) -> None:
    from foiletters.write.docx import to_docx

    for shown, now in renderings.items():
        earlier = builds / f"{now.stem}.docx"  # as `foiletters build` names it: REFERENCE[-KIND-DATE].docx
        if not earlier.is_file():
            report.info.append(f"{shown}: no earlier build {display_path(earlier)} to compare with")
            continue
        _compare(report, shown, docx_lines(earlier.read_bytes()), docx_lines(to_docx(now.rendering)),
                 f"built in {display_path(builds)}")
