"""Render a request through the templates into one HTML document: the letter.

This rendering is the single source of both outputs: the PDF writer lays it out with
WeasyPrint, the DOCX writer maps the same elements onto Word's named styles.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from foiletters import __version__
from foiletters.check.deadlines import deadline
from foiletters.errors import TemplateError, display_path
from foiletters.load.answerfile import Request
from foiletters.load.model import AnswerFile, Item, item_regimes
from foiletters.load.tables import header_rows
from foiletters.render.house import TemplateSet
from foiletters.render.markdown import to_html
from foiletters.render.table_parts import table_parts

LETTER_TEMPLATE = "letter.html.j2"
WORD_STYLES = "reference.docx"  # the Word styles of the DOCX; a house copy in templates/ replaces the packaged one


@dataclass(frozen=True)
class Rendering:
    """The letter as HTML, with the document properties both formats carry."""

    html: str
    reference: str
    title: str
    subject: str
    author: str
    date: dt.date
    templates_version: str = ""  # the fingerprint of the templates in force: which wording the letter had
    language: str = "en-GB"
    word_styles: Path | None = None  # the reference.docx in force (the house's, else the packaged one); None: packaged


def render(request: Request, templates: TemplateSet) -> Rendering:
    answers = request.answers
    on = answers.date
    profile = templates.profile(on)
    regime = templates.regime(answers.regime)
    library = templates.library
    regime_keys = item_regimes(answers)

    def exemption_context(item: Item) -> dict[str, Any]:
        lead = f"For {item.covers_phrase}, " if item.covers else ""
        return {"letter": answers, "regime": templates.regime(regime_keys[id(item)]), "profile": profile,
                "lead": lead}

    def exemption_wording(item: Item, part: str) -> Markup:
        """A part of the library's wording of the item's exemption: wording, ncnd_wording or closing."""
        ex = item.exemption
        assert ex is not None
        key = regime_keys[id(item)]
        entry = library.find(key, ex.cite)
        declared = dict.fromkeys(entry.params if entry else (), None)
        context = {**exemption_context(item), **declared, **ex.params, "options": ex.options}
        return library.render(key, ex.cite, part, context)

    def not_held(item: Item) -> Markup:
        key = regime_keys[id(item)]
        context = {**exemption_context(item), "options": []}
        return library.render(key, templates.regime(key).not_held, "wording", context) + to_html(item.not_held)

    title = document_title(regime.name, answers.reference)
    context = {
        "document_title": title,
        "letter": answers,
        "sent": on,  # the date of the letter being rendered: the frame prints it, and it picks the wording
        "requester": answers.requester,
        "regime": regime,
        "regulator": templates.regulator(answers.regime, on),
        "profile": profile,
        "boilerplate": lambda block: templates.boilerplate(block, on),
        "regimes": [templates.regime(key) for key in answers.regimes],
        "answered_under": _answered_under(answers, templates),
        "timeliness": deadline(answers),
        "exemption_wording": exemption_wording,
        "regime_of": lambda item: templates.regime(regime_keys[id(item)]),
        "not_held": not_held,
        "header_rows": header_rows,
        "table_parts": table_parts,
        "foiletters_version": __version__,
        "templates_version": templates.fingerprint(on),
    }
    template = templates.template(LETTER_TEMPLATE)
    try:
        html = template.render(context)
    except jinja2.TemplateError as exc:
        raise _template_error(exc) from None
    return Rendering(
        html=html,
        reference=answers.reference,
        title=title,
        subject=answers.subject,
        author=str(profile.get("organisation", "")),
        date=on,
        templates_version=templates.fingerprint(on),
        word_styles=templates.data_files(WORD_STYLES)[-1],
    )


def document_title(law: str, reference: str) -> str:
    """The title of both formats: the kind of request, then its reference, as a reader's tab or
    window shows it ("Freedom of Information response FOI123456789", "Environmental Information
    (Scotland) response …"): the law's name without "Act 2000" or "Regulations 2004"."""
    return f"{_LAW_YEAR.sub('', law).strip()} response {reference}"


_LAW_YEAR = re.compile(r"\s+(Act|Regulations)\s+\d{4}\s*$")


def _answered_under(answers: AnswerFile, templates: TemplateSet) -> list[dict[str, Any]]:
    """For a letter under more than one regime: each regime other than the letter's, with its questions."""
    if len(answers.regimes) < 2:
        return []
    labels: dict[str, list[str]] = {}

    def walk(items: list[Item], inherited: str, prefix: str) -> None:
        for item in items:
            key = item.regime or inherited
            label = f"{prefix} {item.number.strip().rstrip('.')}".strip() if item.number else prefix
            if item.regime and item.regime != inherited:
                labels.setdefault(key, []).append(label or item.covers_phrase.removeprefix("Questions ")
                                                  .removeprefix("Question "))
            walk(item.parts, key, label)

    walk(answers.questions, answers.regime, "")
    return [{"regime": templates.regime(key), "questions": labels[key]} for key in answers.regimes[1:]]


def _template_error(exc: jinja2.TemplateError) -> TemplateError:
    """Name the template file and line where Jinja found the mistake."""
    where = ""
    tb = exc.__traceback__
    while tb is not None:  # Jinja maps template frames to their template file and line
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".yaml")):
            where = f"{display_path(Path(filename))}:{tb.tb_lineno}: "
        tb = tb.tb_next
    if isinstance(exc, jinja2.TemplateSyntaxError):
        where = f"{display_path(Path(exc.filename or exc.name or '?'))}:{exc.lineno}: "
    return TemplateError(f"{where}{type(exc).__name__}: {exc.message}")
