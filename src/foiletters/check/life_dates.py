"""The dates of a request's life: when it is due as the letters stood on a day, and when a review is due.

The law of each date is in check/deadlines.py (the response) and below (reviews, clarifications):
- The due date counts 20 working days from receipt (FOIA s10(1), EIR reg 5(2), FOISA s10(1), EISR reg 5(2)),
  again from the day a clarification was answered (FOIA s1(3), EIR reg 9(4), FOISA s1(3)), and moves to the
  date an extension notice gave (FOIA s10(3), EIR/EISR reg 7(1)).
- An internal review is due, in working days after the review request arrived: FOIA, the s45 Code of
  Practice (2018) part 5: 20 working days, 40 at most in complex cases; EIR reg 11(4): 40; FOISA s21(1) and
  EISR reg 16(4): 20.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from foiletters.check.deadlines import RESPONSE_DAYS, add_working_days
from foiletters.load.letters import Review
from foiletters.load.model import AnswerFile

# Working days after the review request, by regime: (expected, the most allowed).
REVIEW_DAYS = {"FOIA": (20, 40), "EIR": (40, 40), "FOISA": (20, 20), "EISR": (20, 20)}
REVIEW_SOURCES = {"FOIA": "s45 Code of Practice (2018) part 5: 20 working days, 40 at most",
                  "EIR": "EIR reg 11(4): 40 working days", "FOISA": "FOISA s21(1): 20 working days",
                  "EISR": "EISR reg 16(4): 20 working days"}


@dataclass(frozen=True)
class Due:
    """When the response is due, as the letters sent by a day left it."""

    clock_start: dt.date  # received, or the day the newest clarification was answered
    due: dt.date  # 20 working days after the clock started
    extended_to: dt.date | None  # the newest extension notice's date, when one was sent
    waiting: bool  # a clarification was sent and not yet answered: the clock is stopped

    @property
    def final(self) -> dt.date:
        return self.extended_to or self.due


def due_on(answers: AnswerFile, on: dt.date | None = None) -> Due | None:
    """The due date as it stood on `on` (every letter counts when `on` is None); None without `received`."""
    if answers.received is None:
        return None
    before = [letter for letter in answers.letters if on is None or letter.date <= on]
    answered = [c.answered for c in before if c.kind == "clarification" and c.answered
                and (on is None or c.answered <= on)]
    if answers.clarified and (on is None or answers.clarified <= on):
        answered.append(answers.clarified)
    start = max([answers.received, *answered])
    waiting = any(c.kind == "clarification" and (c.answered is None or (on is not None and c.answered > on))
                  for c in before)
    extended = [part.until for letter in before if letter.kind == "extension"
                for part in letter.all_parts(answers.regime)]
    if answers.extension and (on is None or answers.date is None or answers.date <= on):
        extended.append(answers.extension.until)
    return Due(start, add_working_days(start, RESPONSE_DAYS, answers.regime), max(extended, default=None), waiting)


def review_due(review: Review, regime: str) -> tuple[dt.date, dt.date]:
    """The day a review is expected by, and the latest day allowed, after its request arrived."""
    expected, most = REVIEW_DAYS[regime]
    received = review.requested.received
    return add_working_days(received, expected, regime), add_working_days(received, most, regime)
