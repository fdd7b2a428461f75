"""The letters of a request's life in the disclosure log: which are published, and how its page shows them.

A letter reaches the log only when the house publishes its kind (profile.yaml `published_letters`:
acknowledgements and clarification requests usually not) and it has been reviewed for publication: dated on or
before the answer file's `reviewed_for_publication`, or with its own. The response stays the request's main
letter (its files keep `<reference>.pdf`); the others follow in the order they were sent, each as
`<reference>-<kind>-<date>.pdf` beside it.
"""

from __future__ import annotations

import datetime as dt

from foiletters.load.letters import Letter
from foiletters.load.model import AnswerFile
from foiletters.render.house import TemplateSet
from foiletters.render.life import letter_title, output_stem

DEFAULT_PUBLISHED = ("response", "extension", "refusal", "review", "transfer")


def published_kinds(templates: TemplateSet, on: dt.date) -> tuple[str, ...]:
    return tuple(templates.profile(on).get("published_letters", DEFAULT_PUBLISHED))


def reviewed(answers: AnswerFile, letter: Letter) -> bool:
    """A letter is reviewed when it has its own mark, or the file's mark is on or after its date: a letter added
    after the file was reviewed waits for its own."""
    if letter.reviewed_for_publication is not None:
        return True
    return answers.reviewed_for_publication is not None and letter.date <= answers.reviewed_for_publication


def log_letters(answers: AnswerFile, templates: TemplateSet) -> list[Letter]:
    """The letters besides the response that go to the log, oldest first."""
    return sorted((letter for letter in answers.letters
                   if letter.kind in published_kinds(templates, letter.date) and reviewed(answers, letter)),
                  key=lambda letter: letter.date)


def log_date(answers: AnswerFile) -> dt.date:
    """The day that picks the request's wording in the log: the response's, else the newest letter's."""
    if answers.date is not None:
        return answers.date
    return max([letter.date for letter in answers.letters] + ([answers.closed.date] if answers.closed else []))


def entry(answers: AnswerFile, letter: Letter | None, templates: TemplateSet) -> dict[str, str]:
    """What the request's page and the index say of one published letter: its kind, the house's name for it,
    its date, its own reference (a review's) and its files."""
    on = answers.date if letter is None else letter.date
    assert on is not None
    stem = output_stem(answers, letter)
    return {"kind": "response" if letter is None else letter.kind,
            "title": letter_title(templates, "response" if letter is None else letter.kind, on),
            "date": on.isoformat(), "reference": getattr(letter, "reference", None) or answers.reference,
            "pdf": f"{stem}.pdf", "docx": f"{stem}.docx"}


def review_outcome(answers: AnswerFile, letters: list[Letter]) -> str | None:
    """The outcome of the newest published review, for the index and the CSV; None when none was held."""
    reviews = [letter for letter in letters if letter.kind == "review"]
    return reviews[-1].outcome if reviews else None


def page_html(bodies: list[tuple[dict[str, str], str]]) -> str:
    """The letters' bodies together for the request's page, oldest first, each under its name and date
    (data/site/letters.html.j2)."""
    import jinja2
    from markupsafe import Markup

    from foiletters.publish.site import SITE
    from foiletters.render.filters import long_date

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SITE)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["long_date"] = lambda iso: long_date(dt.date.fromisoformat(iso))
    def lowered(body: str) -> str:  # under the page's h2 and each letter's h3: the letter's h1 and h2 are h4, h5
        for level, to in (("h2", "h5"), ("h1", "h4")):
            body = body.replace(f"<{level}", f"<{to}").replace(f"</{level}>", f"</{to}>")
        return body

    letters = [(shown, Markup(lowered(body))) for shown, body in sorted(bodies, key=lambda pair: pair[0]["date"])]
    return env.get_template("letters.html.j2").render(letters=letters)
