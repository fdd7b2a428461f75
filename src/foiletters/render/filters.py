"""Jinja filters that templates use to format a letter's data."""

from __future__ import annotations

import datetime as dt

import jinja2
from markupsafe import Markup, escape

from foiletters.errors import TemplateError
from foiletters.render.markdown import is_web_address, to_html


def long_date(value: dt.date) -> str:
    """04 March 2026: the day as two digits, as the organisation's letters write it."""
    return value.strftime("%d %B %Y")


def upper_first(value: str | Markup) -> str | Markup:
    """Capitalise the first letter only (unlike Jinja's `capitalize`, which lowers the rest)."""
    text = str(value)
    index = 0
    if isinstance(value, Markup):  # skip leading tags such as <strong>, and the space between them
        while index < len(text) and (text[index] == "<" or text[index].isspace()):
            index = text.find(">", index) + 1 or len(text) if text[index] == "<" else index + 1
    if index >= len(text):
        return value
    result = text[:index] + text[index].upper() + text[index + 1:]
    return Markup(result) if isinstance(value, Markup) else result


def lines(values: list[str]) -> Markup:
    """Lines of text joined by line breaks, each escaped."""
    return Markup("<br>").join(escape(v) for v in values)


def labelled(html: Markup, label: str | None) -> Markup:
    """Put a question's own label (1., 2a, Q3, i)) before its text, as literal text."""
    if not label:
        return html
    tag = Markup('<span class="label">{}</span> ').format(label)
    if html.startswith("<p>"):
        return Markup("<p>") + tag + Markup(html[3:])
    return Markup("<p>") + tag + Markup("</p>\n") + html


def cite_words(cite: str) -> str:
    """A citation as a sentence says it: 's14(1)' -> 'section 14(1)', 'reg 12(4)(b)' -> 'regulation 12(4)(b)'."""
    text = cite.strip()
    for short, word in (("regulation", "regulation"), ("reg.", "regulation"), ("reg", "regulation"),
                        ("section", "section"), ("s.", "section"), ("s", "section")):
        if text.lower().startswith(short) and text[len(short):len(short) + 1].strip(" ").isdigit() or \
                text.lower().startswith(short + " "):
            return f"{word} {text[len(short):].strip()}"
    return text


def web_address(url: str) -> str:
    """A link target from an answer file: only web addresses, never file: or javascript:."""
    if not is_web_address(url):
        raise TemplateError(f"{url!r} is not a web address; a link must start with https:// or http://")
    return url


@jinja2.pass_context
def house_date(context: jinja2.runtime.Context, value: dt.date) -> str:
    """A date in the house's format (profile.yaml's `layout.date_format`)."""
    from foiletters.render.wording import DEFAULT_DATE_FORMAT, format_date

    profile = context.get("profile") or {}
    return format_date(value, profile.get("layout", {}).get("date_format", DEFAULT_DATE_FORMAT))


def lead_in(html: Markup, label: str | None) -> Markup:
    """Start the first paragraph of `html` with a label in bold: 'Response: The council holds …'."""
    if not label:
        return html
    tag = Markup('<strong class="answer-label">{}</strong> ').format(label)
    start = html.find("<p")
    end = html.find(">", start) + 1 if start >= 0 else 0
    if start < 0 or html[start + 2:start + 3] not in (">", " "):
        return Markup('<p class="answer-label"><strong>{}</strong></p>\n').format(label) + html
    return Markup(html[:end]) + tag + Markup(html[end:])


def and_join(values: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    values = [str(v) for v in values]
    return " and ".join(values) if len(values) < 3 else ", ".join(values[:-1]) + " and " + values[-1]


def install(env: jinja2.Environment) -> None:
    env.filters.update(markdown=to_html, long_date=long_date, house_date=house_date, and_join=and_join,
                       upper_first=upper_first, lines=lines, labelled=labelled, lead_in=lead_in, cite_words=cite_words,
                       web_address=web_address)
