"""What a house's wording may say: the names it may use, and the dates in the house's own format.

A house (an authority's `templates/` folder) holds data and wording only. Its wording is HTML whose
only template syntax is `{{ name }}` (or `{{ name.field }}`) from the names listed here; the
packaged templates do the programming (which paragraphs a letter has, loops, conditions), so a
governance officer never has to. `NAMES` is the list that docs/wording-names.md is generated from
(`python -m foiletters.render.wording > docs/wording-names.md`; a test fails when the two differ)
and that `foiletters templates check` checks house wording against.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape
from pydantic import BaseModel

from foiletters.check.deadlines import add_working_days
from foiletters.errors import TemplateError

# -- dates in the house's format -----------------------------------------------------------------

DEFAULT_DATE_FORMAT = "03 May 2024"
# The example date a house writes its format with: Friday 3 May 2024.
_EXAMPLE = dt.date(2024, 5, 3)
_TOKENS = [  # longest first: how each part of the example is written, and what it stands for
    ("Friday", "%A"), ("Fri", "%a"), ("May", "%B"), ("2024", "%Y"), ("3rd", "{ordinal}"), ("03", "%d"),
    ("05", "%m"), ("24", "%y"), ("3", "{day}"), ("5", "{month}"),
]
_TOKEN = re.compile("|".join(re.escape(t) for t, _ in _TOKENS))


def date_format(example: str) -> str:
    """The format of a date written as the house writes 3 May 2024 (a Friday): '3 May 2024', '3rd May 2024',
    '03/05/2024', 'Friday 3 May 2024'."""
    if not isinstance(example, str) or "24" not in example or "%" in example:
        raise TemplateError(f"profile.yaml: layout.date_format {example!r} is not 3 May 2024 written as your letters "
                            "write dates: e.g. '3 May 2024', '3rd May 2024', '03 May 2024' or 'Friday 3 May 2024'")
    mapping = dict(_TOKENS)
    return _TOKEN.sub(lambda m: mapping[m.group(0)], example)


def format_date(value: dt.date, example: str = DEFAULT_DATE_FORMAT) -> str:
    """A date in the house's format, given as the house writes 3 May 2024."""
    pattern = date_format(example)
    day = value.day
    suffix = "th" if 11 <= day % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    pattern = pattern.replace("{ordinal}", f"{day}{suffix}").replace("{day}", str(day)) \
        .replace("{month}", str(value.month))
    return value.strftime(pattern)


@dataclass(frozen=True)
class WorkingDaysAfter:
    """`working_days_after_sent.20`: the date that many working days after a date, in the house's format."""

    start: dt.date | None
    regime: str
    example: str

    def __getitem__(self, count: int) -> str:
        if self.start is None:
            raise TemplateError("a wording counts working days from a date this letter does not have")
        return format_date(add_working_days(self.start, int(count), self.regime), self.example)


# -- the names house wording may use ----------------------------------------------------------------


LIBRARY = "exemption library wording"
EVERY = "every wording"


@dataclass(frozen=True)
class Name:
    name: str
    description: str
    fields: tuple[tuple[str, str], ...] = ()  # (field, description): what `{{ name.field }}` may say
    where: str = EVERY


def _model_fields(model: type[BaseModel], skip: tuple[str, ...] = ()) -> tuple[tuple[str, str], ...]:
    """The fields of an answer-file model with their descriptions, as the schema gives them."""
    return tuple((name, field.description or "") for name, field in model.model_fields.items() if name not in skip)


DATES = (
    ("sent", "The letter's date."),
    ("received", "The date the request was received."),
    ("due", "The date the response was due: 20 working days after receipt, or the extended date."),
    ("further_to", "The date of the earlier letter this one follows ('Further to my letter of …')."),
    ("clarified", "The date the requester's clarification arrived."),
    ("extended_until", "The date to which the response was extended."),
)


def names() -> list[Name]:
    """Every name house wording may use, with its fields: the code the docs are generated from."""
    from foiletters.load.model import AnswerFile, Requester
    from foiletters.render.exemptions import Entry
    from foiletters.render.house import PACKAGED, Regime, Regulator
    from foiletters.load.datafile import read_yaml

    profile = read_yaml(PACKAGED / "profile.yaml")
    profile_fields = tuple((key, "") for key in profile if key != "changes")
    return [
        Name("letter", "The answer file: the request and its response.",
             _model_fields(AnswerFile, skip=("questions", "letters", "appeals", "accepted", "releases", "private",
                                             "attachments", "date", "received", "clarified", "further_to"))),
        Name("requester", "The requester (private: never published). Its fields are empty in the disclosure log's "
             "copy, and where the answer file does not give them.",
             _model_fields(Requester)),
        Name("profile", "The house's profile.yaml as in force on the letter's date: every key it has, "
             "e.g. these packaged ones.", profile_fields),
        Name("regime", "The law the letter answers under.", _model_fields(Regime)),
        Name("regulator", "The regulator of that law, as in force on the letter's date.", _model_fields(Regulator,
                                                                                                          ("changes",))),
        Name("dates", "Dates of the request, already written in the house's `layout.date_format`; empty where "
             "the answer file has none.", DATES),
        Name("working_days_after_sent", "`{{ working_days_after_sent.40 }}`: the date 40 (or any number of) "
             "working days after the letter's date, in the house's format, counted as the law counts them."),
        Name("working_days_after_received", "`{{ working_days_after_received.20 }}`: the same, counted from the "
             "date the request was received."),
        Name("publications", "profile.yaml's `publications` written as one phrase: 'A, B and C', each with its "
             "link where it has a `url`."),
        Name("valediction", "'Yours sincerely' to a requester greeted by name or salutation, 'Yours faithfully' to "
             "'Dear Sir/Madam': profile.yaml's `layout.labels.valediction_named` and `valediction_unnamed`."),
        Name("lead", "Who the answer is for, as 'For Questions 3 to 6, ' (empty when the answer is on the question "
             "itself or the whole request): a wording that starts with it gets its first letter capitalised.",
             where=LIBRARY + ", boilerplate/ncnd"),
        Name("ncnd_citations", "The subsections under which an answer neither confirms nor denies, as one phrase: "
             "'s23(5) and s24(2)'.", where="boilerplate/ncnd"),
        Name("annex", "The name of the annex that gives the reasons ('Annex A').", where="boilerplate/reasons-pointer"),
        Name("under", "The law of the answer whose public interest test this is (an answer may be under another law "
             "than the letter's).", _model_fields(Regime), where="boilerplate/public-interest"),
        Name("exemption", "The exemption being explained.", (("cite", "The citation as the officer wrote it"),
                                                             ("title", Entry.model_fields["title"].description
                                                              or "Its title in the exemption library")),
             where=LIBRARY),
        Name("question", "The question being answered: `number` (its label) and `covers` ('Questions 3 to 6').",
             (("number", "The question's label as the requester wrote it"),
              ("covers", "The questions an answer covers, e.g. 'Questions 3 to 6c'")),
             where=LIBRARY),
        Name("<param>", "Each parameter the library entry declares (`params:`), as the officer gave it beside "
             "`cite`.", where=LIBRARY),
    ]


def names_markdown() -> str:
    """docs/wording-names.md: the list above, as a governance officer reads it."""
    lines = ["# The names house wording may use", "",
             "Generated from the code (`src/foiletters/render/wording.py`) by "
             "`python -m foiletters.render.wording > docs/wording-names.md`; a test fails when they differ.", "",
             "A house's wording (`boilerplate/`, the `wording` of `exemptions/*.yaml`) is HTML whose only template "
             "syntax is `{{ name }}` or `{{ name.field }}` from this list. Dates are already in the house's "
             "format (`layout.date_format` in profile.yaml). What a house writes is escaped when it comes from an "
             "answer file.", ""]
    for name in names():
        lines += [f"## `{name.name}`", "", f"{name.description} *(In {name.where}.)*", ""]
        for field, description in name.fields:
            lines.append(f"- `{name.name}.{field}`" + (f": {description}" if description else ""))
        if name.fields:
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def known(top: str, where: str) -> bool:
    """Whether a top-level name may be used in a wording: `where` is LIBRARY or `boilerplate/<block>`."""
    return any(name.name == top and (name.where == EVERY or where in name.where.split(", ")) for name in names())


def phrase(items: list[Any]) -> Markup:
    """'A, B and C', each escaped, with its link where it has one: profile.yaml's publications."""
    parts = []
    for item in items:
        title = item.get("title", "") if isinstance(item, dict) else str(item)
        url = item.get("url") if isinstance(item, dict) else None
        parts.append(Markup('<a href="{}">{}</a>').format(url, title) if url else escape(title))
    if len(parts) < 2:
        return Markup("").join(parts)
    return Markup(", ").join(parts[:-1]) + Markup(" and ") + parts[-1]


if __name__ == "__main__":
    print(names_markdown(), end="")
