"""Render a request through the templates into one HTML document: the letter.

This rendering is the single source of both outputs: the PDF writer lays it out with
WeasyPrint, the DOCX writer maps the same elements onto Word's named styles.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from foiletters import __version__
from foiletters.check.cost import estimate_cost
from foiletters.check.deadlines import deadline
from foiletters.errors import TemplateError, display_path
from foiletters.load.answerfile import Request
from foiletters.load.letters import Letter
from foiletters.load.model import YES, AnswerFile, Exemption, Item, Requester, _all_items, item_regimes
from foiletters.load.tables import header_rows
from foiletters.render import wording
from foiletters.render.house import TemplateSet
from foiletters.render.markdown import to_html
from foiletters.render.rendering import Rendering
from foiletters.render.table_parts import table_parts

LETTER_TEMPLATE = "letter.html.j2"
WORD_STYLES = "reference.docx"  # the Word styles of the DOCX; a house copy in templates/ replaces the packaged one


def render(request: Request, templates: TemplateSet, letter: Letter | None = None) -> Rendering:
    """The response (`letter` None), or one of the answer file's `letters` through its kind's template."""
    if letter is not None:
        from foiletters.render.life import render_life_letter

        return render_life_letter(request, templates, letter)
    answers = request.answers
    on = answers.date
    assert on is not None, "the response needs the answer file's `date`"
    title = document_title(templates.regime(answers.regime).name, answers.reference)
    context = {
        **frame_context(answers, templates, on, title),
        **answer_context(answers, templates, on, item_regimes(answers)),
        "answered_under": _answered_under(answers, templates),
        "timeliness": deadline(answers),
    }
    layout = context["layout"]
    reasons = [item for item in _all_items(answers.questions) if item.all_exemptions]
    names = iter(layout.get("annex_names") or [])
    context["reasons"] = reasons
    context["annexes"] = {"reasons": next(names, "Annex") if layout.get("reasons_in_annex") and reasons else "",
                          "answers": next(names, "") if answers.annex else ""}
    return render_template(LETTER_TEMPLATE, context, answers, templates, on, title)


def answer_context(answers: AnswerFile, templates: TemplateSet, on: dt.date,
                   regime_keys: dict[int, str]) -> dict[str, Any]:
    """What parts/items.html.j2 needs to print answers: their exemptions' and not-held wording.
    `regime_keys`: the regime of every item to be printed, by `id(item)`."""
    profile = templates.profile(on)
    library = templates.library
    shared = wording_context(answers, on, profile, templates.regime(answers.regime), templates)

    def exemption_context(item: Item) -> dict[str, Any]:
        lead = f"For {item.covers_phrase}, " if item.covers else ""
        return {**shared, "regime": templates.regime(regime_keys[id(item)]), "lead": lead,
                "question": {"number": item.number or "", "covers": item.covers_phrase}}

    def exemption_wording(item: Item, part: str, ex: Exemption | None = None) -> Markup:
        """A part of the library's wording of one of the item's exemptions (its only one when not given):
        wording, ncnd_wording or closing."""
        ex = ex or item.exemption
        assert ex is not None
        key = regime_keys[id(item)]
        entry = library.find(key, ex.cite)
        declared = dict.fromkeys(entry.params if entry else (), None)
        context = {**exemption_context(item), **declared, **ex.params, "options": ex.options,
                   "exemption": {"cite": ex.cite, "title": entry.title if entry else ""},
                   "cost": estimate_cost(ex, entry, profile)}
        return library.render(key, ex.cite, part, context)

    def cited(item: Item) -> list[dict[str, str]]:
        """The item's exemptions as the letter lists them: the citation, its library title, and the
        subsection that allows neither confirming nor denying."""
        key = regime_keys[id(item)]
        found = []
        for ex in item.all_exemptions:
            entry = library.find(key, ex.cite)
            found.append({"cite": ex.cite, "title": entry.title if entry else "",
                          "ncnd": (entry.ncnd if entry and entry.ncnd else ex.cite), "exemption": ex})
        return found

    def not_held(item: Item) -> Markup:
        key = regime_keys[id(item)]
        context = {**exemption_context(item), "options": []}
        return library.render(key, templates.regime(key).not_held, "wording", context) + to_html(item.not_held)

    return {
        "exemption_wording": exemption_wording,
        "regime_of": lambda item: templates.regime(regime_keys[id(item)]),
        "not_held": not_held,
        "cited": cited,
        "header_rows": header_rows,
        "table_parts": table_parts,
    }


def frame_context(answers: AnswerFile, templates: TemplateSet, on: dt.date, title: str,
                  signed: Any = None) -> dict[str, Any]:
    """The names frame.html.j2 and every letter's template share. `signed`: what says who signs the letter,
    for which department, further to which letter (a letter of `letters`); the response's own by default."""
    profile = templates.profile(on)
    regime = templates.regime(answers.regime)
    return {
        **wording_context(answers, on, profile, regime, templates),
        "layout": house_layout(profile),
        "document_title": title,
        "sent": on,  # the date of the letter being rendered: the frame prints it, and it picks the wording
        "signed": signed if signed is not None else answers,
        "boilerplate": lambda block: templates.boilerplate(templates.block_for(block, answers.regime, on), on),
        "regimes": [templates.regime(key) for key in answers.regimes],
        "foiletters_version": __version__,
        "templates_version": templates.fingerprint(on),
    }


def render_template(name: str, context: dict[str, Any], answers: AnswerFile, templates: TemplateSet,
                    on: dt.date, title: str) -> Rendering:
    template = templates.template(name)
    try:
        html = template.render(context)
    except jinja2.TemplateError as exc:
        raise _template_error(exc) from None
    return Rendering(
        html=html,
        reference=answers.reference,
        title=title,
        subject=answers.subject,
        author=str(templates.profile(on).get("organisation", "")),
        date=on,
        templates_version=templates.fingerprint(on),
        word_styles=templates.data_files(WORD_STYLES)[-1],
        house=templates.house,
    )


# The layout settings that are yes or no.
LAYOUT_SWITCHES = ("answer_label_inline", "reasons_in_annex")


def house_layout(profile: dict[str, Any]) -> dict[str, Any]:
    """profile.yaml's `layout:`, its yes/no settings as True and False (`yes`, `no`, `true` …)."""
    layout = dict(profile.get("layout") or {})
    for key in LAYOUT_SWITCHES:
        value = layout.get(key)
        layout[key] = str(value).strip().lower() in YES if isinstance(value, str) else bool(value)
    return layout


def wording_context(answers: AnswerFile, on: dt.date, profile: dict[str, Any], regime: Any,
                    templates: TemplateSet) -> dict[str, Any]:
    """The names every wording may use (see render/wording.py, which documents them)."""
    example = profile.get("layout", {}).get("date_format", wording.DEFAULT_DATE_FORMAT)
    labels = profile.get("layout", {}).get("labels", {})
    named = bool(answers.requester and (answers.requester.name or answers.requester.salutation))
    due = deadline(answers)
    values = {"sent": on, "received": answers.received, "due": due.final if due else None,
              "further_to": answers.further_to, "clarified": answers.clarified_on,
              "extended_until": answers.extended_until}
    return {
        "letter": answers,
        "requester": answers.requester or Requester(),  # empty in the log's copy: wording may still name its fields
        "profile": profile,
        "regime": regime,
        "regulator": templates.regulator(answers.regime, on),
        "dates": {name: wording.format_date(value, example) if value else "" for name, value in values.items()},
        "working_days_after_sent": wording.WorkingDaysAfter(on, answers.regime, example),
        "working_days_after_received": wording.WorkingDaysAfter(answers.received, answers.regime, example),
        "publications": wording.phrase(profile.get("publications") or []),
        "valediction": labels.get("valediction_named" if named else "valediction_unnamed", ""),
    }


def document_title(law: str, reference: str, kind: str = "response") -> str:
    """The title of both formats: the kind of request, then its reference, as a reader's tab or
    window shows it ("Freedom of Information response FOI123456789", "Environmental Information
    (Scotland) response …"): the law's name without "Act 2000" or "Regulations 2004"."""
    return f"{_LAW_YEAR.sub('', law).strip()} {kind} {reference}"


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
