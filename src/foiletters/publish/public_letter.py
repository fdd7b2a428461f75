"""One request's public copy: the letter without the requester, checked for private words and
hidden content, written into the log's folder for that request."""

from __future__ import annotations

import hashlib
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from foiletters.check.letter_text import letter_text
from foiletters.check.run import check_answers, check_letter, stop_on_errors
from foiletters.errors import display_path
from foiletters.load.answerfile import Request
from foiletters.publish import privacy
from foiletters.publish.record import Record, record_of
from foiletters.render.house import TemplateSet
from foiletters.render.letter import render


class HeldBack(Exception):
    """A request that is not published: why, and whether it is the officer's to fix now."""

    def __init__(self, reasons: list[str], *, leak: bool):
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.leak = leak  # private or hidden content: an error; not yet reviewed: information
        self.hashes: dict[str, str] = {}  # attachment name -> sha256 of the bytes checked, when they were read


@dataclass
class Published:
    record: Record
    letter_html: str  # the letter's body, for its page in the log
    files: dict[str, bytes] = field(default_factory=dict)  # name in the request's folder -> the bytes to publish
    hashes: dict[str, str] = field(default_factory=dict)  # attachment name -> sha256 of the bytes checked


def publish_one(request: Request, templates: TemplateSet) -> Published:
    """The public letter (PDF, DOCX) and its attachments, checked; raise HeldBack or AnswerFileError.

    Each attachment is read once: the bytes searched for private words and hidden content are the
    bytes published and the bytes whose hash is recorded, even if the file changes meanwhile."""
    answers = request.answers
    shown = display_path(request.source)
    if answers.reviewed_for_publication is None:
        raise HeldBack([f"{shown}: not marked as reviewed for publication (add `reviewed_for_publication: "
                        "YYYY-MM-DD` when it has been)"], leak=False)
    findings = check_answers(request, templates)
    stop_on_errors(findings)
    values = privacy.private_values(request)
    leaks = privacy.find_in_answer_file(values, request)
    public = Request(answers.model_copy(update={"requester": None}), request.source, request.data)
    rendering = render(public, templates)
    stop_on_errors(check_letter(public, templates, rendering))
    leaks += privacy.find_in_text(values, letter_text(rendering), "the letter")
    attachments = [a for a in answers.attachments if a.file and not a.sent_separately]
    hidden: list[str] = []
    copies = {str(a.file): (request.folder / str(a.file)).read_bytes() for a in attachments}  # copied, never moved
    with tempfile.TemporaryDirectory(prefix="foiletters-attachments-") as staging:
        for name, data in copies.items():
            path = Path(staging) / name  # the copy that is checked, under its own name (readers go by its suffix)
            path.write_bytes(data)
            leaks += privacy.find_in_file(values, path, name)
            hidden += [f"{shown}: attachment {h}" for h in _audit(path)]
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in copies.items()}
    if leaks or hidden:
        held = HeldBack([f"{shown}: {leak}" if not str(leak.where).startswith(shown) else str(leak)
                        for leak in leaks] + hidden, leak=True)
        held.hashes = hashes
        raise held
    from foiletters.write.docx import to_docx
    from foiletters.write.pdf import to_pdf

    record = record_of(answers, templates)
    stem = answers.file_stem
    outputs = {f"{stem}.pdf": to_pdf(rendering), f"{stem}.docx": to_docx(rendering)}
    record.files = {"pdf": f"{stem}.pdf", "docx": f"{stem}.docx"}
    for attachment in attachments:
        outputs[str(attachment.file)] = copies[str(attachment.file)]
        record.files[f"attachment:{attachment.title or attachment.file}"] = str(attachment.file)
    return Published(record, _body(rendering.html), outputs, hashes)


def _audit(path: Path) -> list[str]:
    from foiletters.publish.attachment_audit import audit_attachment

    return [str(hidden) for hidden in audit_attachment(path)]


def _body(html: str) -> str:
    """The letter's body as HTML, for embedding in the request's page."""
    body = lxml.html.fromstring(html).find("body")
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) if body is not None else ""
