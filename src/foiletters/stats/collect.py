"""The answer files the statistics count: every one given (folders, files), published or not."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.load.answerfile import load
from foiletters.load.model import AnswerFile
from foiletters.render.exemptions import Library
from foiletters.stats.facts import Facts, facts_of


def answer_files(paths: Iterable[Path]) -> list[Path]:
    """The answer files named, and the `*.yaml` files of the folders named, each once, in order."""
    found: dict[Path, None] = {}
    for path in paths:
        for file in sorted(path.glob("*.yaml")) if path.is_dir() else [path]:
            found.setdefault(file, None)
    return list(found)


def load_answers(files: list[Path]) -> tuple[list[AnswerFile], list[Problem]]:
    """Every answer file that loads, and the problems of those that do not."""
    loaded, problems = [], []
    for file in files:
        if not file.is_file():
            problems.append(Problem(display_path(file), 0, 0, "", "there is no such answer file or folder"))
            continue
        try:
            loaded.append(load(file).answers)
        except AnswerFileError as error:
            problems += error.problems
    return loaded, problems


def newest_date(answers: Iterable[AnswerFile]) -> dt.date | None:
    """The newest day any answer file records (a letter, a reply to one, a closure, an appeal): the day the
    log counts its figures as of, so that the same files always give the same page."""
    newest = None
    for a in answers:
        days = [a.received, a.date, a.clarified, a.closed.date if a.closed else None]
        days += [letter.date for letter in a.letters]
        days += [getattr(letter, "answered", None) for letter in a.letters_of("clarification")]
        days += [r.requested.received for r in a.letters_of("review")]
        days += [d for appeal in a.appeals for d in (appeal.lodged, appeal.decided)]
        newest = max([d for d in days if d] + ([newest] if newest else []), default=None)
    return newest


def facts_for(answers: Iterable[AnswerFile], library: Library, as_of: dt.date) -> list[Facts]:
    return [f for a in answers if (f := facts_of(a, library, as_of)) is not None]
