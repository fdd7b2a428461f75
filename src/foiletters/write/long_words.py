"""Long words in the PDF: a run of characters that cannot break (a long URL, a reference in a table
cell, a pasted hash) may break anywhere, so that it wraps inside its line or cell instead of
running off the page and over the next column.

WeasyPrint breaks lines where Pango finds a break opportunity: at spaces, after "/" and after
a hyphen before a letter. A run without one that is longer than LONG_RUN characters is put in
a `<span class="long-word">` (letter.css: `overflow-wrap: anywhere`) and cut into pieces of
LONG_RUN characters with `<wbr>` between them. The pieces matter for time: WeasyPrint measures
the narrowest a table cell can be by laying out the rest of a text once for each break
opportunity, so a single text of n characters that may break anywhere costs n² (a 10,000
character word in a cell took five minutes); pieces of LONG_RUN characters cost n × LONG_RUN.
A whitespace-free text longer than LONG_TEXT characters is cut into pieces whatever its
slashes and hyphens, for the same reason.

Only the text of the body is changed, never a tag, an attribute or the head (the title and
metadata keep their text); the DOCX is written from the rendering as it is, since Word and
LibreOffice break an over-long word themselves. Text without such a run is returned as it is.
"""

from __future__ import annotations

import re

from foiletters.load.limits import LONG_RUN  # not from render/: the PDF process imports this early

LONG_TEXT = 200  # characters without a space: beyond this, cut into pieces whatever its break points

# A character of text as it stands in the HTML: an entity counts as one, and is never cut.
_CHAR = r"(?:&#?\w+;|[^\s<>&])"
# A candidate: more than LONG_RUN characters without a space, in text or in a tag (told apart below).
_CANDIDATE = re.compile(rf"[^\s<>]{{{LONG_RUN + 1},}}")
# Inside it: the runs between Pango's break opportunities ("/" and a hyphen before a letter).
_RUN = re.compile(r"(?:(?!/|-(?=[^\W\d_]))(?:&#?\w+;|[^\s<>&]))+")
_ONE = re.compile(_CHAR)


def with_break_points(html: str) -> str:
    """The HTML with its long runs of text marked and cut; a letter has few, so only they are looked at."""
    body = html.find("<body")
    if body < 0:
        return html
    parts, end = [], 0
    for match in _CANDIDATE.finditer(html, body):
        start = match.start()
        if html.rfind("<", 0, start) > html.rfind(">", 0, start):  # inside a tag: an attribute's value
            continue
        marked = _token(match.group(0))
        if marked != match.group(0):
            parts += [html[end:start], marked]
            end = match.end()
    return "".join(parts) + html[end:] if parts else html


def _token(token: str) -> str:
    if len(_ONE.findall(token)) > LONG_TEXT:
        return _pieces(token)
    return _RUN.sub(lambda run: _pieces(run.group(0)) if len(_ONE.findall(run.group(0))) > LONG_RUN
                    else run.group(0), token)


def _pieces(run: str) -> str:
    chars = _ONE.findall(run)
    pieces = ["".join(chars[i:i + LONG_RUN]) for i in range(0, len(chars), LONG_RUN)]
    return '<span class="long-word">' + "<wbr>".join(pieces) + "</span>"
