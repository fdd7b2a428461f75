"""Errors that an officer or the governance team can fix, reported as file:line:col.

Everything that is the user's to fix derives from `FoilettersError` (a click
`ClickException`), so the command line prints a message and an exit status, never
a traceback. Anything else is a bug in foiletters and keeps its traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import click


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file: where it is, which field, what is wrong and what would be right."""

    file: str
    line: int
    column: int
    field: str
    message: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f" {self.field}:" if self.field else ""
        expected = f"; {self.expected}" if self.expected else ""
        return printable(f"{where}:{field} {self.message}{expected}")


# Control characters, and what a terminal or editor takes for a new line: a message quotes what was
# typed, and one line must stay one line and never carry a terminal's escape codes.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """The text with each control character written as an escape (\\x07), as Python would quote it."""
    return _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)


def display_path(path: Path) -> str:
    """A path as the officer typed it: relative to the working folder when it is below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class FoilettersError(click.ClickException):
    """A mistake in the user's input; printed without a traceback."""

    exit_code = 2


class AnswerFileError(FoilettersError):
    """All the problems found in one or more answer files, reported together."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} found; no letter was written."
        super().__init__("\n".join([*map(str, self.problems), summary]))

    def format_message(self) -> str:
        return self.message

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        click.echo(self.format_message(), err=True)


class TemplateError(FoilettersError):
    """A mistake in a template or boilerplate file of the organisation or the package."""
