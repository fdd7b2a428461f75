"""The Markdown officers write in answers, as safe HTML.

Raw HTML in an answer is shown as text (markdown-it's `html=False`), images are not
Markdown here (a letter's pictures come from templates), and links go only to the web
or to an email address: nothing an officer pastes can make the renderer fetch a file.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it import MarkdownIt
from markupsafe import Markup

ALLOWED_LINK_SCHEMES = ("http://", "https://", "mailto:")


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(ALLOWED_LINK_SCHEMES)


def is_web_address(url: str) -> bool:
    return url.strip().lower().startswith(("http://", "https://"))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "breaks": False, "typographer": False})
    md.disable(["image", "html_block", "html_inline"])
    md.validateLink = _safe_link
    return md


def to_html(text: str | None) -> Markup:
    """Markdown → HTML. The result is escaped by markdown-it, so it is marked safe for Jinja."""
    if not text:
        return Markup("")
    return _rendered(text) if len(text) <= KEPT_TEXT else Markup(_parser().render(text))


KEPT_TEXT = 4000  # characters: a longer text is rendered each time, so that what a worker keeps stays small


@lru_cache(maxsize=1024)
def _rendered(text: str) -> Markup:
    """The same text gives the same HTML: rendered once per process (the exemption library's and the house's
    paragraphs, the same in many letters, and a letter's own text, which its checks render again)."""
    return Markup(_parser().render(text))

