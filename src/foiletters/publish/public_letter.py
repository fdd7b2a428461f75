"""One request's public copy: the letter without the requester, checked for private words and
hidden content, written into the log's folder for that request."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from foiletters.check.letter_text import letter_text
from foiletters.check.run import check_answers, check_letter, stop_on_errors
from foiletters.errors import display_path
from foiletters.load.answerfile import Request
from foiletters.publish import life_log, privacy
from foiletters.publish.record import Record, record_of
from foiletters.render.house import TemplateSet
from foiletters.render.letter import render
from foiletters.write.files import write_atomically


class HeldBack(Exception):
    """A request that is not published: why, and whether it is the officer's to fix now."""

    def __init__(self, reasons: list[str], *, leak: bool):
        super().__init__("; ".join(reasons))
        self.reasons = reasons
        self.leak = leak  # private or hidden content: an error; not yet reviewed: information


@dataclass
class Published:
    record: Record
    letter_html: str  # the letter's body, for its page in the log
    files: list[Path] = field(default_factory=list)


def publish_one(request: Request, templates: TemplateSet, folder: Path) -> Published:
    """Write the public letter (PDF, DOCX) and its attachments into `folder`; raise HeldBack or AnswerFileError."""
    answers = request.answers
    shown = display_path(request.source)
    if answers.reviewed_for_publication is None:
        raise HeldBack([f"{shown}: not marked as reviewed for publication (add `reviewed_for_publication: "
                        "YYYY-MM-DD` when it has been)"], leak=False)
    if answers.date is None:
        raise HeldBack([f"{shown}: no response has been sent yet: the log publishes a request with its response"],
                       leak=False)
    findings = check_answers(request, templates)
    stop_on_errors(findings)
    values = privacy.private_values(request)
    leaks = privacy.find_in_answer_file(values, request)
    public = Request(answers.model_copy(update={"requester": None}), request.source, request.data)
    rendering = render(public, templates)
    stop_on_errors(check_letter(public, templates, rendering))
    leaks += privacy.find_in_text(values, letter_text(rendering), "the letter")
    # The other letters of the request's life that are published and reviewed, each checked by its own rules.
    others = life_log.log_letters(answers, templates)
    renderings = {}
    for letter in others:
        stop_on_errors(check_answers(public, templates, letter))
        renderings[id(letter)] = render(public, templates, letter)
        stop_on_errors(check_letter(public, templates, renderings[id(letter)], letter))
        leaks += privacy.find_in_text(values, letter_text(renderings[id(letter)]),
                                      f"the {life_log.entry(answers, letter, templates)['title']}")
    attachments = [a for a in answers.attachments if a.file and not a.sent_separately]
    hidden: list[str] = []
    for attachment in attachments:
        path = request.folder / str(attachment.file)
        leaks += privacy.find_in_file(values, path, str(attachment.file))
        hidden += [f"{shown}: attachment {h}" for h in _audit(path)]
    if leaks or hidden:
        raise HeldBack([f"{shown}: {leak}" if not str(leak.where).startswith(shown) else str(leak)
                        for leak in leaks] + hidden, leak=True)
    from foiletters.write.docx import to_docx
    from foiletters.write.pdf import to_pdf

    record = record_of(answers, templates)
    stem = answers.file_stem
    outputs = {f"{stem}.pdf": to_pdf(rendering), f"{stem}.docx": to_docx(rendering)}
    record.files = {"pdf": f"{stem}.pdf", "docx": f"{stem}.docx"}
    bodies = [(life_log.entry(answers, None, templates), _body(rendering.html))]
    for letter in others:
        shown_entry = life_log.entry(answers, letter, templates)
        outputs[shown_entry["pdf"]] = to_pdf(renderings[id(letter)])
        outputs[shown_entry["docx"]] = to_docx(renderings[id(letter)])
        bodies.append((shown_entry, _body(renderings[id(letter)].html)))
    if others:
        record.letters = sorted((e for e, _ in bodies), key=lambda e: e["date"])
        record.review = life_log.review_outcome(answers, others)
    for attachment in attachments:
        outputs[str(attachment.file)] = (request.folder / str(attachment.file)).read_bytes()  # copied, never moved
        record.files[f"attachment:{attachment.title or attachment.file}"] = str(attachment.file)
    written = []
    for name, data in outputs.items():
        write_atomically(folder / name, data)
        written.append(folder / name)
    return Published(record, life_log.page_html(bodies) if others else bodies[0][1], written)


def _audit(path: Path) -> list[str]:
    from foiletters.publish.attachment_audit import audit_attachment

    return [str(hidden) for hidden in audit_attachment(path)]


def _body(html: str) -> str:
    """The letter's body as HTML, for embedding in the request's page."""
    body = lxml.html.fromstring(html).find("body")
    # The house's logo is in the PDF and DOCX beside the page; its address (house/logo.svg) means nothing on the site.
    for image in body.iter("img") if body is not None else []:
        if (image.get("src") or "").startswith("house/"):
            image.drop_tree()
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) if body is not None else ""
