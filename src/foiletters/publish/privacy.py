"""The requester's details and other private words must never reach the public log.

The public copy of a letter is rendered without the requester (it opens "Dear Sir/Madam"),
and then everything that would be published (the letter's text and properties, attachment
names and contents) is searched for each private value: the requester's name (and the name
without a title), email address, and the address lines that identify them (the street and
the postcode), and every value the officer lists under `private:`. A request in which one
turns up is held back, and the build says which value was found where, without quoting it:
the build's output goes to terminals, CI logs and the log's cache, which are not private.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from foiletters.errors import display_path
from foiletters.load import yaml_source
from foiletters.load.answerfile import Request
from foiletters.load.schema_errors import field_path

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "rev", "lord", "lady"}
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
MIN_LENGTH = 4  # shorter values ("Jo") would match inside ordinary words


@dataclass(frozen=True)
class PrivateValue:
    value: str
    what: str  # "the requester's name", "private[2]" (which value, never the value itself)


@dataclass(frozen=True)
class Leak:
    private: PrivateValue
    where: str  # "the letter", "attachment routes.csv", "questions[2].text (FOI1.yaml:14:11)"

    def __str__(self) -> str:
        return f"{self.private.what} appears in {self.where}"


def private_values(request: Request) -> list[PrivateValue]:
    answers = request.answers
    found: list[PrivateValue] = []
    requester = answers.requester
    if requester is not None:
        if requester.name:
            found.append(PrivateValue(requester.name, "the requester's name"))
            words = [w for w in re.split(r"\s+", requester.name.strip()) if w.strip(".").lower() not in TITLES]
            if len(words) >= 2:
                found.append(PrivateValue(" ".join(words), "the requester's name"))
        if requester.email:
            found.append(PrivateValue(requester.email, "the requester's email address"))
        for number, line in enumerate(requester.address, start=1):
            if any(c.isdigit() for c in line):  # the street and the postcode; not the town, which the council shares
                found.append(PrivateValue(line, f"line {number} of the requester's address"))
                for code in POSTCODE.findall(line):
                    found.append(PrivateValue(code, "the requester's postcode"))
    found += [PrivateValue(v, f"the value private[{index}]") for index, v in enumerate(answers.private)]
    unique = {(_normal(p.value), p.what): p for p in found if len(_normal(p.value)) >= MIN_LENGTH}
    return list(unique.values())


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().lower()


def find_in_text(values: list[PrivateValue], text: str, where: str) -> list[Leak]:
    haystack = _normal(text)
    return [Leak(v, where) for v in values if _normal(v.value) in haystack]


def find_in_answer_file(values: list[PrivateValue], request: Request) -> list[Leak]:
    """Where in the answer file each private value stands, outside the fields that hold it privately."""
    leaks: list[Leak] = []
    shown = display_path(request.source)

    def walk(node: Any, loc: tuple[Any, ...]) -> None:
        if loc and loc[0] in ("requester", "private"):
            return
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*loc, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*loc, index))
        elif isinstance(node, str):
            mark = yaml_source.mark_of(request.data, loc)
            field = field_path(loc)
            at = f"{shown}:{mark.line}:{mark.column}" if mark else shown
            leaks.extend(find_in_text(values, node, f"{field} ({at})"))

    walk(request.data, ())
    return leaks


def find_in_file(values: list[PrivateValue], path: Path, name: str) -> list[Leak]:
    """Search an attachment: text files as text, Office files part by part (their XML holds the text)."""
    data = path.read_bytes()
    texts = [data.decode("utf-8", errors="replace")]
    if path.suffix.lower() == ".pdf":  # its text is in compressed streams: read it as a reader would
        texts += _pdf_texts(path)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            texts = [archive.read(info).decode("utf-8", errors="replace") for info in archive.infolist()
                     if info.filename.endswith((".xml", ".rels")) and info.file_size < 50_000_000]
        texts = [re.sub(r"<[^>]+>", " ", t) for t in texts]
    found = {leak.private: leak for text in texts for leak in find_in_text(values, text, f"attachment {name}")}
    return list(found.values())  # once per value, however many parts of the file hold it


def _pdf_texts(path: Path) -> list[str]:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(path)
        return [page.extract_text() or "" for page in reader.pages] + [str(reader.metadata or "")]
    except (PyPdfError, ValueError, KeyError, OSError):  # the attachment audit reports a PDF it cannot open
        return []
