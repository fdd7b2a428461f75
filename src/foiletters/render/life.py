"""Render a letter of a request's life other than the response: `<kind>.html.j2`, on the frame.

Every kind gets the frame's names (frame_context) with `sent` the letter's own date, which also picks the
wording in force, and `this`, the letter as the answer file gives it. The names each kind needs beside:
- `due`: the response's due date as the letters sent by this letter's date left it (life_dates.due_on);
- `parts` (extension): each law's part with its regime and the library's entries of the exemptions named;
- `entry` (refusal): the library's entry of the provision cited; `review_due` (review): its deadlines;
- the answer helpers of parts/items.html.j2, for a review's new answers and the request's questions.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from foiletters.check.life_dates import due_on, review_due
from foiletters.errors import FoilettersError
from foiletters.load.answerfile import Request
from foiletters.load.letters import KINDS, Letter
from foiletters.load.model import AnswerFile, file_stem, item_regimes
from foiletters.render.exemptions import Entry
from foiletters.render.house import TemplateSet
from foiletters.render.letter import Rendering, answer_context, document_title, frame_context, render_template


def library_entry(templates: TemplateSet, regime: str, cite: str) -> Entry | None:
    """The library's entry of a citation, else of the provision it is part of: a notice may name s35(1)(a) where
    the library has s35(1) (the title is the same)."""
    while True:
        entry = templates.library.find(regime, cite)
        shorter = re.sub(r"\([^()]*\)\s*$", "", cite.strip())
        if entry is not None or shorter == cite.strip() or not re.search(r"\d", shorter):
            return entry
        cite = shorter


def letter_regimes(answers: AnswerFile, letter: Letter) -> list[str]:
    """The laws a letter is under: the request's, and an extension notice's parts' (a FOIA and an EIR part)."""
    found = list(answers.regimes)
    for part in letter.all_parts(answers.regime) if letter.kind == "extension" else []:
        if part.regime and part.regime not in found:
            found.append(part.regime)
    return found


def template_name(kind: str) -> str:
    return "letter.html.j2" if kind == "response" else f"{kind}.html.j2"


def letter_title(templates: TemplateSet, kind: str, on: dt.date) -> str:
    """What the house calls a kind of letter ("extension notice"): profile.yaml's `letter_names`."""
    return str(templates.profile(on).get("letter_names", {}).get(kind, kind))


def pick_letter(answers: AnswerFile, kind: str | None) -> Letter | None:
    """The letter to build: the newest of `kind` (the newest in the file when None); None for the response."""
    kind = kind or answers.newest_kind
    if kind not in KINDS:
        raise FoilettersError(f"there is no kind of letter {kind!r}: choose one of {', '.join(KINDS)}")
    if kind == "response":
        if answers.date is None:
            raise FoilettersError(f"{answers.reference} has no response yet: give the answer file's `date` "
                                  "when the response is sent")
        return None
    found = answers.letters_of(kind)
    if not found:
        sent = sorted({letter.kind for letter in answers.letters} | ({"response"} if answers.date else set()))
        raise FoilettersError(f"{answers.reference} has no {kind} letter under `letters`; it has: "
                              f"{', '.join(sent) or 'none'}")
    return max(enumerate(found), key=lambda pair: (pair[1].date, pair[0]))[1]


def output_stem(answers: AnswerFile, letter: Letter | None) -> str:
    """`<reference>` for the response; `<reference>-<kind>-<YYYY-MM-DD>` for another letter (a review with its
    own reference: that reference's)."""
    if letter is None:
        return answers.file_stem
    reference = getattr(letter, "reference", None) or answers.reference
    return f"{file_stem(reference)}-{letter.kind}-{letter.date.isoformat()}"


def life_regime_keys(answers: AnswerFile, letter: Letter) -> dict[int, str]:
    """The regime of every item the letter prints: the request's, and a review's new answers (their own, else
    the letter's)."""
    return item_regimes(answers, letter.answers if letter.kind == "review" else [])


def _signed(answers: AnswerFile, letter: Letter) -> dict[str, Any]:
    """Who signs a letter, for which department, further to which letter: the letter's own, else the response's."""
    return {name: getattr(letter, name) or getattr(answers, name) for name in ("signed_by", "department")} | {
        "further_to": letter.further_to}


def render_life_letter(request: Request, templates: TemplateSet, letter: Letter) -> Rendering:
    answers = request.answers
    on = letter.date
    title = document_title(templates.regime(answers.regime).name, answers.reference,
                           letter_title(templates, letter.kind, on))
    keys = life_regime_keys(answers, letter)
    context: dict[str, Any] = {
        **frame_context(answers, templates, on, title, signed=_signed(answers, letter)),
        **answer_context(answers, templates, on, keys),
        # parts/public-interest.html.j2 asks the regime of what it is about: a refusal's is the request's.
        "regime_of": lambda item: templates.regime(keys.get(id(item), answers.regime)),
        "this": letter,
        "due": due_on(answers, on),
        "library": lambda regime, cite: templates.library.find(regime, cite),
        "regime_named": templates.regime,
        "regulator_of": lambda regime: templates.regulator(regime, on),
    }
    if letter.kind == "extension":
        context["regimes"] = [templates.regime(key) for key in letter_regimes(answers, letter)]  # each part's rights
        context["parts"] = [{"part": part, "regime": templates.regime(part.regime or answers.regime),
                             "entries": [(ex, library_entry(templates, part.regime or answers.regime, ex.cite))
                                         for ex in part.exemptions]}
                            for part in letter.all_parts(answers.regime)]
    if letter.kind == "refusal":
        context["entry"] = templates.library.find(answers.regime, letter.cite)
    if letter.kind == "review":
        expected, latest = review_due(letter, answers.regime)
        context["review_due"] = {"expected": expected, "latest": latest}
    return render_template(template_name(letter.kind), context, answers, templates, on, title)
