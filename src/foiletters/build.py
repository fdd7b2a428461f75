"""The pipeline for one letter: load → check → render → write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from foiletters.check.findings import Finding
from foiletters.check.run import check_answers, check_letter, stop_on_errors
from foiletters.errors import AnswerFileError, FoilettersError, Problem, display_path
from foiletters.load.answerfile import Request, load
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render
from foiletters.render.life import output_stem, pick_letter
from foiletters.write.files import journals, recover, remove_leftovers, write_set

FORMATS = ("docx", "pdf")
PDF_ONLY_RULES = {"missing-glyphs"}


@dataclass
class Built:
    reference: str
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # of `check`, none of them blocking


def build(answer_file: Path, out_dir: Path, templates: TemplateSet, formats: tuple[str, ...] = FORMATS,
          pdf_writer: Callable[[Rendering], bytes] | None = None, kind: str | None = None) -> Built:
    """Build one letter of an answer file into `out_dir`: the newest in the file, or the newest of `kind`
    (acknowledgement, clarification, extension, response, refusal, review, transfer). Nothing is written
    unless everything succeeds.

    `pdf_writer` makes the PDF; by default `write.pdf.to_pdf` in this process.
    """
    recover_out_folder(out_dir)
    return build_request(load(answer_file), out_dir, templates, formats, pdf_writer, kind)


def build_files(answer_files: list[Path], out_dir: Path, templates: TemplateSet, formats: tuple[str, ...] = FORMATS,
                pdf_writer: Callable[[Rendering], bytes] | None = None,
                on_built: Callable[[Built], None] | None = None,
                kind: str | None = None) -> tuple[list[Built], list[Problem]]:
    """Build several answer files into one folder: the letters built, and the problems of those that were not.

    Every file is loaded first, so that two letters that would write a file of the same name (the same
    reference, or an attachment named like another letter, compared as a case-insensitive file system
    would) are both refused, naming each other, before either is written. The others are built.
    """
    recover_out_folder(out_dir)
    problems: list[Problem] = []
    requests: list[Request] = []
    for answer_file in answer_files:
        try:
            requests.append(load(answer_file))
        except AnswerFileError as error:
            problems += error.problems
    clashes = output_clashes(requests, formats, kind)
    problems += [problem for request in requests for problem in clashes.get(id(request), [])]
    built = []
    for request in requests:
        if id(request) in clashes:
            continue
        try:
            pick_letter(request.answers, kind)
        except FoilettersError as error:  # no letter of that kind in this file: the others are still built
            problems.append(Problem(display_path(request.source), 0, 0, "letters", error.format_message()))
            continue
        try:
            built.append(build_request(request, out_dir, templates, formats, pdf_writer, kind))
        except AnswerFileError as error:  # the other files are still built
            problems += error.problems
            continue
        if on_built:
            on_built(built[-1])
    return built, problems


def output_clashes(requests: list[Request], formats: tuple[str, ...] = FORMATS,
                   kind: str | None = None) -> dict[int, list[Problem]]:
    """For each request (by id) that would write a file another one writes too, a problem naming the other."""
    owners: dict[str, list[tuple[Request, str]]] = {}
    for request in requests:
        for name, what in _output_names(request, formats, kind).items():
            owners.setdefault(name.casefold(), []).append((request, what))
    clashes: dict[int, list[Problem]] = {}
    for shared in owners.values():
        for request, what in shared:
            for other, other_what in shared:
                if other is not request:
                    clashes.setdefault(id(request), []).append(Problem(
                        display_path(request.source), 0, 0, "", f"{what} would have the file name of {other_what} "
                        f"of {display_path(other.source)}; neither letter is written",
                        "give each request its own reference, and each attachment its own name"))
    return clashes


def _output_names(request: Request, formats: tuple[str, ...], kind: str | None = None) -> dict[str, str]:
    answers = request.answers
    try:
        letter = pick_letter(answers, kind)
    except FoilettersError:  # reported when it is built
        return {}
    stem = output_stem(answers, letter)
    names = {f"{stem}.{suffix}": f"the letter ({answers.reference}, {stem}.{suffix})" for suffix in formats}
    for attachment in answers.attachments if letter is None else []:  # the response's attachments
        if attachment.file and not attachment.sent_separately:
            names.setdefault(str(attachment.file), f"the attachment {attachment.file}")
    return names


def recover_out_folder(out_dir: Path) -> None:
    """Undo any letter whose files a killed build left half-replaced (its journal says which)."""
    for journal in journals(out_dir):
        recover(journal)


def build_request(request: Request, out_dir: Path, templates: TemplateSet, formats: tuple[str, ...] = FORMATS,
                  pdf_writer: Callable[[Rendering], bytes] | None = None, kind: str | None = None) -> Built:
    """Check, render and write one letter of a loaded answer file (the newest, or the newest of `kind`): its
    DOCX, PDF and (the response's) attachments as one set."""
    letter = pick_letter(request.answers, kind)
    findings = check_answers(request, templates, letter)
    stop_on_errors(findings)
    rendering = render(request, templates, letter)
    findings += check_letter(request, templates, rendering, letter)
    if "pdf" not in formats:  # Word draws with fonts of its own what the PDF's fonts cannot: a warning, not a stop
        findings = [replace(f, severity="warning") if f.rule in PDF_ONLY_RULES and f.severity == "error" else f
                    for f in findings]
    stop_on_errors(findings)
    # The reference as a file name (`123/2024` -> `123-2024`); another letter than the response adds its kind
    # and date: `123-2024-extension-2026-03-02`.
    stem = output_stem(request.answers, letter)
    outputs: dict[Path, bytes] = {}
    # Render every format in memory first, so that a failure in one leaves no file of the other.
    if "docx" in formats:
        from foiletters.write.docx import to_docx

        outputs[out_dir / f"{stem}.docx"] = to_docx(rendering)
    if "pdf" in formats:
        if pdf_writer is None:
            from foiletters.write.pdf import to_pdf as pdf_writer
        outputs[out_dir / f"{stem}.pdf"] = pdf_writer(rendering)
    for attachment in request.answers.attachments if letter is None else []:  # the response's attachments
        if attachment.file and not attachment.sent_separately:
            outputs[out_dir / attachment.file] = (request.folder / attachment.file).read_bytes()  # copied, not moved
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_leftovers(out_dir, [path.name for path in outputs])  # of an earlier build of these files, killed
    write_set(outputs, out_dir / f".{stem}.journal")  # the letter's files replaced together, or not at all
    return Built(request.answers.reference, list(outputs), findings)
