"""Check the rendered letter: the review and regulator rights of every regime it answers under."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import lxml.html

from foiletters.check.exemptions import JURISDICTION
from foiletters.check.rules import Checker
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering


def letter_text(rendering: Rendering) -> str:
    """The letter's words, with runs of white space as one space, for looking phrases up."""
    return re.sub(r"\s+", " ", lxml.html.fromstring(rendering.html).text_content())


def check_rights(checker: Checker, templates: TemplateSet, text: str, on: dt.date | None = None,
                 loc: tuple[Any, ...] = ("date",), regimes: list[str] | None = None) -> None:
    """`text`: the letter's words, as `letter_text` gives them; `on`: the letter's date (the response's when
    None); `loc`: the field the finding points at; `regimes`: the laws the letter is under (the response's)."""
    answers = checker.request.answers
    on = on or answers.date
    text = text.lower()
    # A regime of the other jurisdiction is the `regime-mix` finding's to report, not this one's.
    for key in [r for r in regimes or answers.regimes if JURISDICTION[r] == JURISDICTION[answers.regime]]:
        regime = templates.regime(key)
        regulator = templates.regulator(key, on)
        wanted = [*regime.letter_must_say, regulator["name"], regulator["address"]]
        missing = [phrase for phrase in dict.fromkeys(wanted) if _normal(phrase) not in text]
        if missing:
            checker.add("regime-rights", key, loc, f"the templates in force on {on:%d %B %Y} "
                        f"do not give the {regime.short} rights: the letter lacks " +
                        ", ".join(repr(m) for m in missing),
                        "the governance team adds them to the review or regulator boilerplate "
                        "(templates/boilerplate/review/ or regulator/) in force on that date")


def _normal(phrase: str) -> str:
    return re.sub(r"\s+", " ", phrase).lower()
