"""`foiletters due`: the requests still open, by the date their response is due.

A request is open while its response has not been sent, it was not closed (`closed:`), and no letter ended it
(a refusal, or a transfer or advice to ask elsewhere). A response counts as sent when the answer file has its
`date`, not after the day looked at, and every question is answered: `foiletters new` writes today's date
into a file whose answers are still to be written, and such a draft is still open. Its due date counts every
letter in the file: 20 working days from receipt, again from a clarification's answer, to an extension's date
(check/life_dates.py). Only public facts are listed: never the requester.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from foiletters.check.answers import check_unanswered
from foiletters.check.findings import apply_acceptances
from foiletters.check.life_dates import due_on
from foiletters.check.rules import Checker
from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.load.answerfile import Request, load
from foiletters.render.house import TemplateSet

COLUMNS = ["reference", "subject", "law", "received", "due", "overdue", "next_letter", "file"]
ENDING = ("refusal", "transfer")  # letters after which no response is due


@dataclass(frozen=True)
class OpenRequest:
    reference: str
    subject: str
    law: str
    received: dt.date | None
    due: dt.date | None  # None: the clock is stopped (an unanswered clarification), or no `received`
    overdue: bool
    next_letter: str
    file: str


def answer_files(paths: list[Path]) -> list[Path]:
    """The answer files given, a folder standing for the `.yaml` files in it."""
    found: list[Path] = []
    for path in paths:
        found += sorted(path.glob("*.yaml")) if path.is_dir() else [path]
    return found


def response_sent(request: Request, today: dt.date) -> bool:
    answers = request.answers
    if answers.date is None or answers.date > today:
        return False
    checker = Checker(request)
    check_unanswered(checker)
    return not any(f.blocks_build for f in apply_acceptances(checker.findings, answers))


def open_request(request: Request, templates: TemplateSet, today: dt.date) -> OpenRequest | None:
    answers = request.answers
    if response_sent(request, today) or answers.closed is not None or \
            any(letter.kind in ENDING for letter in answers.letters):
        return None
    due = due_on(answers, today)
    final = None if due is None or due.waiting else due.final
    if due is None:
        next_letter = "response (no `received` date: the due date is unknown)"
    elif due.waiting:
        asked = max(c.date for c in answers.letters_of("clarification") if c.answered is None)
        lapse = templates.profile(asked).get("clarification_lapses_after_days")
        lapses = f"; lapses on {asked + dt.timedelta(days=int(lapse)):%Y-%m-%d}" if lapse else ""
        next_letter = f"none: waiting for the answer to the clarification of {asked:%Y-%m-%d}{lapses}"
    elif not answers.letters:
        next_letter = "acknowledgement, then the response"
    else:
        next_letter = "response" + (" (extended)" if due.extended_to else "")
    return OpenRequest(answers.reference, answers.subject, answers.regime, answers.received, final,
                       final is not None and final < today, next_letter, display_path(request.source))


def open_requests(paths: list[Path], templates: TemplateSet, today: dt.date) -> tuple[list[OpenRequest],
                                                                                       list[Problem]]:
    """The open requests among the answer files, soonest due first (unknown due dates last), and the problems of
    the files that could not be read."""
    rows, problems = [], []
    for path in answer_files(paths):
        try:
            request = load(path)
        except AnswerFileError as error:  # the other files are still listed
            problems += error.problems
            continue
        row = open_request(request, templates, today)
        if row is not None:
            rows.append(row)
    return sorted(rows, key=lambda r: (r.due is None, r.due or dt.date.max, r.reference)), problems


def _cells(row: OpenRequest) -> list[str]:
    return [row.reference, row.subject, row.law, row.received.isoformat() if row.received else "",
            row.due.isoformat() if row.due else "", "yes" if row.overdue else "", row.next_letter, row.file]


def as_csv(rows: list[OpenRequest]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_cells(row) for row in rows)
    return buffer.getvalue()


def as_table(rows: list[OpenRequest], today: dt.date) -> str:
    """Columns padded for a terminal; an overdue request marked OVERDUE in its own column."""
    header = ["Reference", "Subject", "Law", "Received", "Due", "", "Next letter"]
    body = [[*_cells(row)[:5], "OVERDUE" if row.overdue else "", row.next_letter] for row in rows]
    for cells in body:
        cells[1] = cells[1] if len(cells[1]) <= 40 else cells[1][:39] + "…"
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(r, widths, strict=True)).rstrip()
             for r in [header, *body]]
    overdue = sum(row.overdue for row in rows)
    lines.append(f"{len(rows)} open request{'s' * (len(rows) != 1)} on {today:%d %B %Y}, {overdue} overdue")
    return "\n".join(lines)
