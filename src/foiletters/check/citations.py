"""What each answer cites, resolved against the library once, for every rule to read.

An answer cites exemptions in `exemption`, in `exemptions` (several for the same information,
with one shared public interest test, harm section and NCND statement), and in its schedule of
documents (each document with the exemptions applied to it). A `covers` entry's exemptions count
for every question it covers, and a question's for its parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from foiletters.check.rules import Checker
from foiletters.load.answerfile import walk_items
from foiletters.load.model import Exemption, Item, _question_id, item_regimes
from foiletters.render.exemptions import Cited, Library, _within, citation_key


@dataclass(frozen=True)
class Citation:
    """One citation of an answer: where it is written, the exemption it is in (None for a document's), and
    what it resolves to (None when the library has no such entry)."""

    loc: tuple[Any, ...]  # the field of the `cite` (or of the document's exemption)
    cite: str
    exemption: Exemption | None
    cited: Cited | None

    @property
    def here(self) -> tuple[Any, ...]:
        """The exemption's own field, for findings about it as a whole."""
        return self.loc[:-1] if self.exemption is not None else self.loc


@dataclass(frozen=True)
class Answer:
    """An item of `questions` with its regime, question key and citations."""

    loc: tuple[Any, ...]
    key: str | None  # the question it answers ('8v'), a `covers` entry's questions ('3to6c'), or None
    item: Item
    regime: str
    citations: list[Citation]
    general_ncnd: bool = False  # it cites FOISA s18(1), the NCND provision of the exemptions it names

    @property
    def ncnd(self) -> bool:
        return self.item.is_ncnd or self.general_ncnd or any(c.ncnd for c in self.resolved)

    @property
    def resolved(self) -> list[Cited]:
        return [c.cited for c in self.citations if c.cited is not None]


# FOISA s18(1) lets an authority refuse to reveal whether information exists or is held, where it would be
# exempt under one of ss28-35, 38, 39(1) or 41: letters cite it beside that exemption ("section 18(1) in
# conjunction with section 38(1)(b)"). It is the answer's NCND, not an exemption of its own.
GENERAL_NCND = {"FOISA": "s18"}


def answers(checker: Checker, library: Library) -> Iterator[Answer]:
    regimes = item_regimes(checker.request.answers)
    for loc, key, item in walk_items(dict(enumerate(checker.request.answers.questions)), ("questions",)):
        regime = regimes[id(item)]
        cited = list(citations(item, loc, regime, library))
        general = GENERAL_NCND.get(regime)
        own = [c for c in cited if not (general and c.cited is None and _within(citation_key(c.cite), general))]
        yield Answer(loc, question_key(key, item), item, regime, own, general_ncnd=len(own) < len(cited))


def question_key(key: str, item: Item) -> str | None:
    """The key an acceptance names this entry by: its question's, its `covers` text's, or None."""
    if item.number is not None:
        return key
    if item.covers:
        return _question_id(item.covers)
    return None


def citations(item: Item, loc: tuple[Any, ...], regime: str, library: Library) -> Iterator[Citation]:
    if item.exemption is not None:
        yield Citation(loc + ("exemption", "cite"), item.exemption.cite, item.exemption,
                       library.resolve(regime, item.exemption.cite))
    for index, ex in enumerate(item.exemptions):
        yield Citation(loc + ("exemptions", index, "cite"), ex.cite, ex, library.resolve(regime, ex.cite))
    for d, document in enumerate(item.documents):
        for e, cite in enumerate(document.exemptions):
            yield Citation(loc + ("documents", d, "exemptions", e), cite, None, library.resolve(regime, cite))


def covering(all_answers: list[Answer]) -> dict[str, list[Answer]]:
    """For each question key, the `covers` entries that answer it (by the keys their text names)."""
    order = [a.key for a in all_answers if a.item.is_question and a.key]
    found: dict[str, list[Answer]] = {}
    for answer in all_answers:
        if not answer.item.covers:
            continue
        for span in re.split(r"\s*,\s*|\s+and\s+", answer.item.covers.strip()):
            ends = [_question_id(p) for p in re.split(r"\s*(?:\bto\b|–|-)\s*", span) if p.strip()]
            keys = set(ends)
            if len(ends) == 2 and ends[0] in order and ends[1] in order:
                keys.update(order[order.index(ends[0]):order.index(ends[1]) + 1])
            for key in keys:
                found.setdefault(key, []).append(answer)
    return found
