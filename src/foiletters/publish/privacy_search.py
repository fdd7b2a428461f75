"""Finding the forms of private values in a text, as whole words.

The text is cut into normalised words (`normalise.words`), and a form matches where its words
follow one another, whole: a surname Hall is found in "Mr Hall" and "the Hall", never in
"Hallmark" or "Whitehall". A phone number is found in any run of digits that reads as it, however
it is spaced and whichever prefix it has. Where several forms match at one place, the longest is
reported (the name with its title rather than the surname alone).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import unquote

from foiletters.publish.normalise import Word, folded, words
from foiletters.publish.privacy_forms import MIN_PHONE_DIGITS, Form, phone_number

_NOT_DIGITS = re.compile(r"\D")
MAX_FILLERS = 2  # "ann (dot) quill [at] example": words that may stand between the words of an email form
MAX_PHONE_GROUPS = 7  # digit groups a phone number is written in: "+44 (0) 24 7697 5408" is six
MAX_PHONE_GAP = 4  # characters between two groups of a phone number: " (", ") ", " - "
# Request websites (WhatDoTheyKnow and the other Alaveteli sites): a link to a user's profile, and the
# address a request's replies go to, name the person who asked whoever they are.
REQUEST_SITES = (r"whatdotheyknow\.com|asktheeu\.org|righttoknow\.org\.au|fyi\.org\.nz|alaveteli\.org|"
                 r"ask\.fragdenstaat\.de|fragdenstaat\.de|tuderechoasaber\.es|informata\.mk|nuestrosdatos\.cl")
REQUEST_SITE_USER = re.compile(
    rf"(?:{REQUEST_SITES})/+(?:[a-z]{{2}}(?:_[a-z]{{2}})?/+)?(?:user|profile|users)/+[\w.%-]+", re.IGNORECASE)
REQUEST_REPLY_ADDRESS = re.compile(r"\brequest[-_.]\d+[-_.][0-9a-f]{6,}\b", re.IGNORECASE)


@dataclass(frozen=True)
class Found:
    start: int  # the span of the searched text that matched
    end: int
    what: str  # which value, which form
    words: tuple[str, ...] = ()  # the words matched, normalised: the same match wherever it is found


class Searcher:
    def __init__(self, forms: list[Form], phones: list[str]):
        self.by_first: dict[str, list[Form]] = defaultdict(list)
        for form in forms:
            self.by_first[form.words[0]].append(form)
        for group in self.by_first.values():
            group.sort(key=lambda f: -len(f.words))
        self.phones = {p: "the requester's phone number" for p in phones}
        # The longest word of each form: a text without any of them, run together, cannot hold a form.
        self.anchors = sorted({max(form.words, key=len) for form in forms})
        # Nor can a text that lacks any one word of each form: the words each form needs, all of them.
        self.needed = sorted({frozenset(form.words) for form in forms}, key=sorted)
        self.vocabulary = sorted({word for form in forms for word in form.words})

    def __bool__(self) -> bool:
        return bool(self.by_first or self.phones)

    def find(self, text: str) -> list[Found]:
        """Every place in `text` where a form matches: the longest at each place, none inside another."""
        if not self or not text:
            return []
        if not self._may_hold(text):
            return _request_sites(text)
        ws = words(text)
        found = [*self._forms(ws), *self._phones(ws, text), *_request_sites(text)]
        found.sort(key=lambda f: (f.start, -f.end))
        kept: list[Found] = []
        for match in found:
            if kept and match.start < kept[-1].end:
                continue
            kept.append(match)
        return kept

    def _may_hold(self, text: str) -> bool:
        """False only when no form can match in `text`: every word of a text is in its letters and digits run
        together (`folded`), so a form can match only where each of its words is in them. (A postcode's
        outward code in the house's own address, a title in the letter's wording, is not enough to cut the
        whole letter into words.)"""
        run_together = folded(text)
        if any(anchor in run_together for anchor in self.anchors):
            present = {word for word in self.vocabulary if word in run_together}
            if any(needed <= present for needed in self.needed):
                return True
        digits = _NOT_DIGITS.sub("", run_together) if self.phones else ""
        return any(phone in digits for phone in self.phones)

    def _forms(self, ws: list[Word]) -> list[Found]:
        found = []
        for i, word in enumerate(ws):
            for form in self.by_first.get(word.text, ()):
                end = _match(form, ws, i)
                if end is not None:
                    found.append(Found(word.start, ws[end].end, form.what, tuple(w.text for w in ws[i:end + 1])))
                    break  # the longest form here; the shorter ones are inside it
        return found

    def _phones(self, ws: list[Word], text: str) -> list[Found]:
        if not self.phones:
            return []
        found = []
        for i, first in enumerate(ws):
            if not first.text.isdigit():
                continue
            digits = ""
            for j in range(i, min(i + MAX_PHONE_GROUPS, len(ws))):
                word = ws[j]
                if not word.text.isdigit() or (j > i and word.start - ws[j - 1].end > MAX_PHONE_GAP):
                    break
                digits += word.text
                if len(digits) >= MIN_PHONE_DIGITS and phone_number(digits) in self.phones:
                    found.append(Found(first.start, word.end, self.phones[phone_number(digits)],
                                       (phone_number(digits),)))
                    break
        return found


def _request_sites(text: str) -> list[Found]:
    """Links to a request website's user profiles, and its reply addresses, in any text."""
    if "request" not in text.lower() and "/" not in text and "%" not in text:
        return []
    decoded = unquote(text) if "%" in text else text
    found = [Found(m.start(), m.end(), "a link to a request website's user profile", (m.group().lower(),))
             for m in REQUEST_SITE_USER.finditer(decoded)]
    found += [Found(m.start(), m.end(), "a request website's reply address (it names the requester)",
                    (m.group().lower(),)) for m in REQUEST_REPLY_ADDRESS.finditer(decoded)]
    return found


def _match(form: Form, ws: list[Word], i: int) -> int | None:
    """The index of the last word of `form` matched from `ws[i]`, or None."""
    at = i
    for expected in form.words[1:]:
        at += 1
        skipped = 0
        while at < len(ws) and ws[at].text != expected and ws[at].text in form.fillers and skipped < MAX_FILLERS:
            at += 1
            skipped += 1
        if at >= len(ws) or ws[at].text != expected:
            return None
    return at
