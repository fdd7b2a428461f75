"""One request's public copy: the letter without the requester, checked for private words and
hidden content, written into the log's folder for that request."""

from __future__ import annotations

import hashlib
import tempfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

from foiletters.check.run import check_answers, check_letter, stop_on_errors
from foiletters.errors import display_path
from foiletters.load.answerfile import Request
from foiletters.load.model import Attachment
from foiletters.publish import life_log, privacy
from foiletters.publish.attachment_audit import Hidden, audit_attachment
from foiletters.publish.house_logo import for_the_site
from foiletters.publish.readers import Reading, read_attachment
from foiletters.publish.readers.findings import safe
from foiletters.publish.record import Record, record_of
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, render
from foiletters.write.logo import HOUSE_PREFIX


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
    released: list[str] = field(default_factory=list)  # the positions of released matches, for the private records


def publish_one(request: Request, templates: TemplateSet) -> Published:
    """The public letters (PDF, DOCX) and attachments of a request, checked; raise HeldBack or AnswerFileError.

    Each attachment is read once: the bytes searched for private words and hidden content are the
    bytes published and the bytes whose hash is recorded, even if the file changes meanwhile."""
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
    public = Request(answers.model_copy(update={"requester": None}), request.source, request.data)
    rendering = render(public, templates)
    stop_on_errors(check_letter(public, templates, rendering))
    # The other letters of the request's life that are published and reviewed, each checked by its own rules.
    others = life_log.log_letters(answers, templates)
    renderings = {}
    for letter in others:
        stop_on_errors(check_answers(public, templates, letter))
        renderings[id(letter)] = render(public, templates, letter)
        stop_on_errors(check_letter(public, templates, renderings[id(letter)], letter))
    also = [(life_log.entry(answers, letter, templates), renderings[id(letter)]) for letter in others]
    copies = {str(a.file): (request.folder / str(a.file)).read_bytes() for a in _published_attachments(request)}
    hashes = {name: hashlib.sha256(data).hexdigest() for name, data in copies.items()}
    with tempfile.TemporaryDirectory(prefix="foiletters-attachments-") as staging:
        for name, data in copies.items():  # the copies that are checked, under their own names (readers go by suffix)
            (Path(staging) / name).write_bytes(data)
        search, hidden = search_public_copy(request, templates, rendering, also, Path(staging), hashes)
    if search.leaks or search.unreadable or hidden:
        held = HeldBack(privacy.held_back_reasons(search) + [f"{shown}: attachment {label}: {safe(h.where)}: "
                                                             f"{safe(h.what)}" for label, h in hidden], leak=True)
        held.hashes = hashes
        raise held
    from foiletters.write.docx import to_docx
    from foiletters.write.pdf import to_pdf

    record = record_of(answers, templates)
    stem = answers.file_stem
    outputs = {f"{stem}.pdf": to_pdf(rendering), f"{stem}.docx": to_docx(rendering)}
    record.files = {"pdf": f"{stem}.pdf", "docx": f"{stem}.docx"}
    bodies = [(life_log.entry(answers, None, templates), _body(rendering.html))]
    for shown_entry, other in also:
        outputs[shown_entry["pdf"]] = to_pdf(other)
        outputs[shown_entry["docx"]] = to_docx(other)
        bodies.append((shown_entry, _body(other.html)))
    if others:
        record.letters = sorted((e for e, _ in bodies), key=lambda e: e["date"])
        record.review = life_log.review_outcome(answers, others)
    for attachment in _published_attachments(request):
        outputs[str(attachment.file)] = copies[str(attachment.file)]  # the bytes checked, copied, never moved
        record.files[f"attachment:{attachment.title or attachment.file}"] = str(attachment.file)
    # In the order the cache keeps them (its JSON's keys are sorted): a record built now and the same record read
    # back next run are then alike, so the next run finds its pages unchanged instead of rendering them again.
    record.files = dict(sorted(record.files.items()))
    released = [f"{leak.key}: {leak.what}" for leak in search.released]
    return Published(record, life_log.page_html(bodies) if others else bodies[0][1], outputs, hashes, released)


def search_public_copy(request: Request, templates: TemplateSet, rendering: Rendering,
                       others: list[tuple[dict, Rendering]] = (), attachments_folder: Path | None = None,
                       staged: dict[str, str] | None = None) -> tuple[privacy.Search, list[tuple[str, Hidden]]]:
    """Everything the log would publish of a request, searched for private words (`privacy.Search`, with
    each match's context for the officer's terminal), and its attachments' hidden and active content (each
    with how the report names its attachment). `attachments_folder`: where the attachments' copies to
    check are (the answer file's folder by default); `staged`: the sha256 of each copy's bytes, when the
    copies were written there for this check and do not change (`_reading`)."""
    answers = request.answers
    collector = privacy.Collector(request, privacy.searcher_for(request, templates))
    collector.answer_file()
    collector.csv_tables(read_attachment)
    attachments = _published_attachments(request)
    names = [f"{answers.file_stem}.pdf", f"{answers.file_stem}.docx", *(str(a.file) for a in attachments)]
    properties = {"title": rendering.title, "subject": rendering.subject, "author": rendering.author,
                  "keywords": rendering.reference}
    privacy.search_letter(collector, rendering.html, properties, names)
    for entry, other in others:  # the other letters of the request's life that the log publishes beside it
        privacy.search_letter(collector, other.html, {"title": other.title}, [entry["pdf"], entry["docx"]],
                              label=f"letter:{entry['kind']} {entry['date']}", described=f"the {entry['title']}")
    hidden: list[tuple[str, Hidden]] = []
    for index, attachment in enumerate(answers.attachments):
        if attachment not in attachments:
            continue
        path = (attachments_folder or request.folder) / str(attachment.file)
        reading = _reading(path, (staged or {}).get(str(attachment.file)))
        collector.attachment(index, str(attachment.file), reading)
        label = collector.attachment_label(index, str(attachment.file))
        hidden += [(label, h) for h in audit_attachment(path, reading) if h.what not in reading.problems]
    return collector.search, hidden


# The readings of the last few attachments a worker read, by file name and the sha256 of their bytes: letters
# that attach the same file (a shared spreadsheet of figures) read and audit it once per worker, not once each.
_READINGS: OrderedDict[tuple[str, str], Reading] = OrderedDict()
READINGS_KEPT = 4
MAX_KEPT_TEXT = 1_000_000  # characters of text: a larger attachment is read again, to keep a worker's memory flat


def _reading(path: Path, digest: str | None) -> Reading:
    """The attachment's reading (`read_attachment`). A staged copy (`digest`: the sha256 of the bytes staged,
    which nothing changes while they are checked) is read once per worker for its name and bytes: a reading
    depends on nothing else. The privacy search of each letter still looks through all of its text for that
    letter's own private words."""
    if digest is None:
        return read_attachment(path)
    key = (path.name, digest)
    if key in _READINGS:
        _READINGS.move_to_end(key)
    else:
        reading = read_attachment(path)
        if sum(len(text) for _, text in reading.pieces) > MAX_KEPT_TEXT:
            return reading
        _READINGS[key] = reading
        if len(_READINGS) > READINGS_KEPT:
            _READINGS.popitem(last=False)
    kept = _READINGS[key]  # a copy of its lists: what one letter's check does with it stays that letter's
    return Reading(list(kept.pieces), list(kept.findings), list(kept.problems), kept.encoding)


def _published_attachments(request: Request) -> list[Attachment]:
    return [a for a in request.answers.attachments if a.file and not a.sent_separately]


def _body(html: str) -> str:
    """The letter's body as HTML, for embedding in the request's page."""
    body = lxml.html.fromstring(html).find("body")
    # The house's logo: its address (house/logo.svg) means nothing on the site, which shows its PNG among its assets.
    for image in body.iter("img") if body is not None else []:
        if (image.get("src") or "").startswith(HOUSE_PREFIX):
            for_the_site(image)
    return "".join(lxml.html.tostring(child, encoding="unicode") for child in body) if body is not None else ""
