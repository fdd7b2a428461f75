"""`foiletters new`: an answer file to start from, with the request's questions already in it.

The request, pasted as the requester wrote it, is split into questions where its lines are
numbered (1. 2) Q3 4a.) and into parts where they are lettered or in roman numerals
(a) b. (i) ii.); text before the first question is the request's own text. Labels are kept
exactly as written, since the letter prints them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from foiletters.errors import FoilettersError, display_path
from foiletters.load.model import reference_problem
from foiletters.write.files import write_atomically

TEMPLATE = Path(__file__).resolve().parent.parent / "data" / "new" / "answer-file.yaml.j2"
QUESTION = re.compile(r"^\s*(?P<label>(?:Q(?:uestion)?\s*\.?\s*)?\d{1,3}[a-z]?(?:[.):]|\s*-)?)\s+(?P<text>\S.*)$",
                      re.IGNORECASE)
PART = re.compile(r"^\s*(?P<label>\(?(?:[a-h]|[ivx]{1,5})[.)])\s+(?P<text>\S.*)$", re.IGNORECASE)


@dataclass
class Question:
    number: str
    text: str
    parts: list[Question] = field(default_factory=list)


# A pasted email's greeting and sign-off are not the request, and the sign-off names the requester.
GREETING = re.compile(r"^\s*(dear|hello|hi|to whom)\b.*$", re.IGNORECASE)
SIGN_OFF = re.compile(r"^\s*(thanks|thank you|many thanks|kind regards|best regards|regards|best wishes|"
                      r"yours (sincerely|faithfully)|sincerely)\b", re.IGNORECASE)


def _without_greeting_and_sign_off(text: str) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if lines and GREETING.match(lines[first]):
        lines = lines[first + 1:]
    for index, line in enumerate(lines):
        if SIGN_OFF.match(line) and (index == 0 or not lines[index - 1].strip()):
            return lines[:index]
    return lines


def split_request(text: str) -> tuple[str, list[Question]]:
    """The request's own text before the questions, and its numbered questions with their parts."""
    preamble: list[str] = []
    questions: list[Question] = []
    current: Question | None = None
    for line in _without_greeting_and_sign_off(text):
        question, part = QUESTION.match(line), PART.match(line)
        if question and not (part and questions and _is_roman_part(part["label"], current)):
            current = Question(question["label"].strip(), question["text"].strip())
            questions.append(current)
        elif part and questions:
            current = Question(part["label"].strip(), part["text"].strip())
            questions[-1].parts.append(current)
        elif current is not None:
            current.text = (current.text + "\n" + line.strip()).strip() if line.strip() else current.text + "\n"
        else:
            preamble.append(line)
    for q in questions:
        q.text = _tidy(q.text)
        for p in q.parts:
            p.text = _tidy(p.text)
    return "\n".join(preamble).strip(), questions


def _is_roman_part(label: str, current: Question | None) -> bool:
    return current is not None and bool(re.fullmatch(r"\(?[ivx]+[.)]", label, re.IGNORECASE))


def _tidy(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def yaml_text(value: str, indent: int = 0) -> str:
    """A YAML scalar that reads back as exactly `value`: a literal block for several lines, else quoted."""
    lines = value.split("\n")
    if len(lines) > 1 and not any(line != line.strip() for line in lines if line) and value == value.strip():
        pad = " " * indent
        return "|-\n" + "\n".join(f"{pad}{line}" if line else "" for line in lines)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def new_answer_file(reference: str, target: Path, *, regime: str = "FOIA", request: str = "",
                    subject: str = "", received: dt.date | None = None, today: dt.date | None = None) -> Path:
    problem = reference_problem(reference)
    if problem:
        raise FoilettersError(problem)
    if target.exists():
        raise FoilettersError(f"{display_path(target)} already exists: it is not overwritten. Give another "
                              "file with -o, or delete it first")
    preamble, questions = split_request(request)
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=False, keep_trailing_newline=True,
                             trim_blocks=True, lstrip_blocks=True)
    env.filters["yaml"] = yaml_text
    text = env.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
        reference=reference, regime=regime.upper(), today=today or dt.date.today(), received=received,
        subject=subject, request_text=preamble, questions=questions, path=display_path(target))
    write_atomically(target, text.encode("utf-8"))
    return target
