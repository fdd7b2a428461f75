"""The pipeline for one letter: load → check → render → write."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from foiletters.check.findings import Finding
from foiletters.check.run import check_answers, check_letter, stop_on_errors
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render
from foiletters.write.files import write_atomically

FORMATS = ("docx", "pdf")
PDF_ONLY_RULES = {"missing-glyphs"}


@dataclass
class Built:
    reference: str
    files: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)  # of `check`, none of them blocking


def build(answer_file: Path, out_dir: Path, templates: TemplateSet, formats: tuple[str, ...] = FORMATS,
          pdf_writer: Callable[[Rendering], bytes] | None = None) -> Built:
    """Build one answer file into `out_dir`. Nothing is written unless everything succeeds.

    `pdf_writer` makes the PDF; by default `write.pdf.to_pdf` in this process.
    """
    request = load(answer_file)
    findings = check_answers(request, templates)
    stop_on_errors(findings)
    rendering = render(request, templates)
    findings += check_letter(request, templates, rendering)
    if "pdf" not in formats:  # Word draws with fonts of its own what the PDF's fonts cannot: a warning, not a stop
        findings = [replace(f, severity="warning") if f.rule in PDF_ONLY_RULES and f.severity == "error" else f
                    for f in findings]
    stop_on_errors(findings)
    stem = request.answers.file_stem  # the reference as a file name: `123/2024` -> `123-2024`
    outputs: dict[Path, bytes] = {}
    # Render every format in memory first, so that a failure in one leaves no file of the other.
    if "docx" in formats:
        from foiletters.write.docx import to_docx

        outputs[out_dir / f"{stem}.docx"] = to_docx(rendering)
    if "pdf" in formats:
        if pdf_writer is None:
            from foiletters.write.pdf import to_pdf as pdf_writer
        outputs[out_dir / f"{stem}.pdf"] = pdf_writer(rendering)
    for path, data in outputs.items():
        write_atomically(path, data)
    built = Built(request.answers.reference, list(outputs), findings)
    for attachment in request.answers.attachments:
        if attachment.file and not attachment.sent_separately:
            target = out_dir / attachment.file
            write_atomically(target, (request.folder / attachment.file).read_bytes())  # copied, never moved
            built.files.append(target)
    return built

