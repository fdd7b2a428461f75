"""The forms in which the requester's details and the `private:` values are written.

A `Form` is a sequence of normalised words (see `normalise.py`) that must not be published, and
what it is, in words that never quote it ("the requester's surname with a title"). People write a
name, an email address, an address or a phone number in many ways; each way is a form:

- the name: forename and surname in either order, with or without a title (Mr, Mrs, Ms, Miss, Mx,
  Dr …), with initials or middle names, the surname alone (reported as "also an ordinary word"
  when it is one: "the Hall", "brown"), a double-barrelled surname with or without its hyphen and
  each part alone, the name run together (as pasted text with a zero-width space shows it);
- the email address with "@" and "." or written out ("at", "[at]", "dot"), and its local part and
  its domain alone when they are particular to the requester;
- the address lines that identify the requester: a house name, the house number and street (the
  street type as written or abbreviated: Road/Rd, Crescent/Cres), the street without the number,
  the postcode with or without its space; a line that is only a town, county or country, and a
  line of the house's own address, are not searched alone;
- the phone number, compared as digits (`024 7697 5408`, `+44 (0)24 76975408`: `phone_number()`);
- the addressee line, the salutation and the requester's own reference;
- each `private:` value, as whole words at any length ("Jo"), refused when it cannot be told from
  ordinary text (a single character, an ordinary word).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from foiletters.load.model import AnswerFile
from foiletters.publish.normalise import normal, words

DATA = Path(__file__).resolve().parent.parent / "data" / "privacy"
POSTCODE = re.compile(r"^([a-z]{1,2}\d[a-z\d]?) ?(\d[a-z]{2})$")
MIN_PHONE_DIGITS = 7


@dataclass(frozen=True)
class Form:
    words: tuple[str, ...]
    what: str  # "the requester's surname with a title": which value and which form, never the value
    fillers: frozenset[str] = frozenset()  # words that may stand between its words ("at", "dot" in an email)


@dataclass(frozen=True)
class Unprotectable:
    """A `private:` value that cannot be searched for: why, at `private[index]`."""

    index: int
    why: str


@cache
def vocabulary() -> dict:
    data = yaml.safe_load((DATA / "forms.yaml").read_text(encoding="utf-8"))
    sets = {key: frozenset(normal(str(v)) for v in data[key]) for key in
            ("titles", "post_nominals", "particles", "lead_ins", "email_fillers", "shared_email_domains",
             "address_words", "places")}
    streets: dict[str, frozenset[str]] = {}
    for full, short in data["street_types"].items():
        group = frozenset([normal(full), *(normal(s) for s in short or [])])
        for word in group:
            streets[word] = streets.get(word, frozenset()) | group
    sets["street_types"] = streets  # type: ignore[assignment]
    return sets


@cache
def ordinary_words() -> frozenset[str]:
    lines = (DATA / "ordinary-words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(normal(line) for line in lines if line.strip() and not line.startswith("#"))


def is_ordinary(word: str) -> bool:
    return word in ordinary_words()


# -- the name -----------------------------------------------------------------------------------------


def name_forms(name: str, what: str = "the requester's name") -> list[Form]:
    """Every way of writing a person's name; `what` names whose it is ("the requester's name")."""
    owner = what.removesuffix(" name").removesuffix("'s")  # "the requester"
    vocab = vocabulary()
    raw = name.strip()
    surname_first = "," in raw
    if surname_first:
        last, _, first = raw.partition(",")
        raw = f"{first} {last}"
    tokens = [w.text for w in words(raw)]
    while tokens and tokens[0] in vocab["titles"]:
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1] in vocab["post_nominals"]:
        tokens = tokens[:-1]
    if not tokens:
        return []
    # The surname: the last word of the name as written, with the particles before it ("van der Berg"),
    # and its parts when it was hyphenated ("Quill-Requester": "Quill Requester", "QuillRequester").
    parts = re.split(r"\s+", re.sub(r"[,]", " ", name.strip()))
    hyphenated = [normal(p) for p in parts if re.search(r"\w[-‐‑–—]\w", p)]
    surname = [tokens[-1]]
    if hyphenated and " ".join(tokens).endswith(hyphenated[-1]):
        surname = hyphenated[-1].split()
    start = len(tokens) - len(surname)
    while start > 1 and tokens[start - 1] in vocab["particles"]:
        start -= 1
    surname = tokens[start:]
    forenames = tokens[:start]
    surnames = {tuple(surname), ("".join(surname),), *_split_prefixes(name, surname)}
    core = [w for w in surname if w not in vocab["particles"]]
    surnames |= {(w,) for w in core} if len(core) > 1 or core != surname else set()
    forms: list[Form] = []
    for sur in sorted(surnames):
        alone = f"{owner}'s surname" + (", which is also an ordinary word" if len(sur) == 1 and is_ordinary(sur[0])
                                         else "")
        forms.append(Form(sur, alone))
        forms += [Form((title, *sur), f"{owner}'s surname with a title") for title in sorted(vocab["titles"])]
        if forenames:
            initials = tuple(f[0] for f in forenames)
            full = (*forenames, *sur)
            for sequence, kind in (
                    (full, "name"), ((forenames[0], *sur), "forename and surname"),
                    ((*sur, *forenames), "name, surname first"), ((*sur, forenames[0]), "name, surname first"),
                    ((initials[0], *sur), "surname with an initial"), ((*initials, *sur), "surname with initials"),
                    ((forenames[0], *initials[1:], *sur), "name with a middle initial"),
                    ((*sur, initials[0]), "surname with an initial"),
                    (("".join(full),), "name run together")):
                forms.append(Form(sequence, f"{owner}'s {kind}"))
            forms += [Form((title, *s), f"{owner}'s name with a title")
                      for title in sorted(vocab["titles"]) for s in ((*forenames, *sur), (forenames[0], *sur))]
    return _unique(forms)


def _split_prefixes(name: str, surname: list[str]) -> set[tuple[str, ...]]:
    """A surname as it is also written apart: O'Brien as "O Brien", McDonald as "Mc Donald"."""
    found = set()
    for part in re.split(r"\s+", name):
        pieces = [w.text for w in words(re.sub(r"['’‘`ʼ]", " ", part))]
        if len(pieces) > 1 and "".join(pieces) in surname:
            found.add(tuple(pieces))
    for word in surname:
        for prefix in ("mac", "mc", "fitz"):
            if word.startswith(prefix) and len(word) > len(prefix) + 2:
                found.add((prefix, word[len(prefix):]))
    return found


def _unique(forms: list[Form]) -> list[Form]:
    """One form per sequence of words: the first, which is the most particular description."""
    seen: dict[tuple[tuple[str, ...], frozenset[str]], Form] = {}
    for form in forms:
        if form.words and all(form.words):
            seen.setdefault((form.words, form.fillers), form)
    return list(seen.values())


# -- email, phone, address ----------------------------------------------------------------------------


WHATDOTHEYKNOW = re.compile(r"request-(\d+)-([0-9a-f]{6,})", re.IGNORECASE)


def email_forms(email: str, what: str = "the requester's email address") -> list[Form]:
    vocab = vocabulary()
    local, _, domain = email.strip().rpartition("@")
    if not local:
        local, domain = domain, ""
    local_words = tuple(w.text for w in words(local))
    domain_words = tuple(w.text for w in words(domain))
    fillers = vocab["email_fillers"]
    forms = [Form((*local_words, *domain_words), what, fillers)]
    joined = "".join(local_words)
    particular = len(joined) >= 5 or (len(joined) >= 3 and any(c.isdigit() for c in joined))
    particular = particular and max(map(len, local_words), default=0) >= 3 and not (
        len(local_words) == 1 and is_ordinary(local_words[0]))
    if particular:  # "ann.quill", "aq1977"; not "info" or "foi"
        forms.append(Form(local_words, f"{what} (the part before @)", fillers))
    if domain_words and " ".join(domain_words) not in vocab["shared_email_domains"] and len(domain_words) > 1:
        forms.append(Form(domain_words, f"{what} (its own domain)", fillers))
    for number, code in WHATDOTHEYKNOW.findall(email):  # a request website's reply address
        forms.append(Form(("request", number, code.lower()), f"{what} (a request website's reply address)"))
        forms.append(Form((code.lower(),), f"{what} (a request website's reply address)"))
    return _unique(forms)


def phone_number(digits: str) -> str:
    """A phone number as the digits that identify it: no international prefix, no trunk 0.
    `+44 (0)24 7697 5408`, `0044 24 76975408` and `024 7697 5408` are all `2476975408`."""
    digits = re.sub(r"\D", "", digits)
    if digits.startswith("00"):
        digits = digits[2:]
    if digits.startswith("44"):
        digits = digits[2:]
    return digits.removeprefix("0")


def phone_numbers(written: str) -> list[str]:
    """The digits a phone number is found by (`phone_number`); for one written with another country's code
    (+1 555 …), also without it, since at home it is written without."""
    digits = phone_number(written)
    if len(digits) < MIN_PHONE_DIGITS:
        return []
    found = [digits]
    international = written.strip().startswith(("+", "00")) and not re.sub(r"\D", "", written).lstrip("0") \
        .startswith("44")
    if international:
        found += [digits[n:] for n in (1, 2, 3) if len(digits) - n >= MIN_PHONE_DIGITS + 2]
    return found


def _name_in_email(email: str) -> list[Form]:
    """The name an address like rowena.threlkeld@ or r.threlkeld@ is made of, looked for as a name."""
    local = email.strip().rpartition("@")[0]
    parts = [w.text for w in words(local)]
    if not 2 <= len(parts) <= 3 or not all(p.isalpha() for p in parts) or len(parts[-1]) < 3:
        return []
    return [Form(f.words, f.what + " (from the email address)") for f in name_forms(" ".join(parts))]


def address_forms(lines: list[str], house: list[str], what: str = "the requester's address") -> list[Form]:
    """The lines that identify the requester: up to and including the street, and the postcode; not the
    town, county or country after them, nor a line of the house's own address."""
    vocab = vocabulary()
    streets = vocab["street_types"]
    own = {normal(line) for line in house}
    forms: list[Form] = []
    lines = [part for line in lines for part in line.split(",") if part.strip()]  # "14 Larkspur Crescent, Coventry"
    line_words = [[w.text for w in words(line)] for line in lines]
    street_at = next((i for i, ws in enumerate(line_words)
                      if any(w in streets for w in ws[1:]) or (ws and ws[0][:1].isdigit() and len(ws) > 1)), 0)
    for number, ws in enumerate(line_words, start=1):
        label = f"{what} (line {number})"
        postcode = _postcode(ws)
        if postcode:
            outward, inward = postcode
            forms += [Form((outward, inward), f"{what} (the postcode)"), Form((outward + inward,),
                                                                           f"{what} (the postcode)")]
            ws = ws[:-2] if ws[-2:] == [outward, inward] else ws[:-1]
        joined = " ".join(ws)
        if not ws or joined in own or joined in vocab["places"] or number - 1 > street_at:
            continue
        if all(w in vocab["address_words"] or w.isdigit() for w in ws):
            continue  # "Flat 2" alone identifies no one
        forms += [Form(tuple(v), label) for v in _street_variants(ws, streets)]
        name = [w for w in ws if not w[:1].isdigit()]  # the street without the house number
        if name != ws and name and (len(name) > 1 or not is_ordinary(name[0])) and name[0] not in streets:
            forms += [Form(tuple(v), f"{label} without the house number") for v in _street_variants(name, streets)]
    return _unique(forms)


def _postcode(ws: list[str]) -> tuple[str, str] | None:
    for candidate in (" ".join(ws[-2:]), ws[-1] if ws else ""):
        match = POSTCODE.match(candidate)
        if match and candidate:
            return match.group(1), match.group(2)
    return None


def _street_variants(ws: list[str], streets: dict[str, frozenset[str]]) -> list[list[str]]:
    """The line with each street type as written or abbreviated ("Larkspur Crescent", "Larkspur Cres")."""
    choices = [sorted(streets[w]) if w in streets and i > 0 else [w] for i, w in enumerate(ws)]
    return [list(v) for v in itertools.islice(itertools.product(*choices), 64)]


# -- everything private in one answer file ---------------------------------------------------------------


def private_forms(answers: AnswerFile, house: list[str]) -> tuple[list[Form], list[str], list[Unprotectable]]:
    """The forms to look for, the phone numbers (as `phone_number` gives them) and the `private:` values
    that cannot be searched for."""
    forms: list[Form] = []
    phones: list[str] = []
    requester = answers.requester
    if requester is not None:
        if requester.name:
            forms += name_forms(requester.name)
        if requester.email:
            forms += email_forms(requester.email)
            forms += _name_in_email(requester.email)
        forms += address_forms(requester.address, house)
        if requester.phone:
            phones += phone_numbers(requester.phone)
        if requester.addressee:
            forms += _addressee_forms(requester.addressee, "the addressee line")
        if requester.salutation:
            forms += _addressee_forms(requester.salutation, "the salutation")
        if requester.reference and words(requester.reference):
            forms.append(Form(tuple(w.text for w in words(requester.reference)), "the requester's own reference"))
    refused: list[Unprotectable] = []
    for index, value in enumerate(answers.private):
        why = unprotectable(value)
        if why:
            refused.append(Unprotectable(index, why))
            continue
        forms.append(Form(tuple(w.text for w in words(value)), f"the value private[{index}]"))
        if "@" in value:
            forms += email_forms(value, f"the value private[{index}]")
        if not re.search(r"[^\d\s()+.\-]", value):
            phones += phone_numbers(value)
    return _unique(forms), sorted(set(phones)), refused


def _addressee_forms(text: str, what: str) -> list[Form]:
    """An addressee line or a salutation: the name in it, whatever is said before it."""
    vocab = vocabulary()
    ws = [w.text for w in words(text)]
    while ws and ws[0] in vocab["lead_ins"]:
        ws = ws[1:]
    if not ws:
        return []
    forms = [Form(tuple(ws), what)]
    if len(ws) > 1 or ws[0] not in vocab["titles"]:
        name = " ".join(ws)
        forms += [Form(f.words, f.what.replace("the requester's", f"{what}:")) for f in name_forms(name)
                  if len(f.words) > 1 or not is_ordinary(f.words[0]) or len(ws) == 1]
    return forms


def unprotectable(value: str) -> str | None:
    """Why a `private:` value cannot be told from ordinary text, or None when it can be searched for."""
    ws = [w.text for w in words(value)]
    if not ws:
        return "it has no letters or digits, so it cannot be looked for"
    if len(ws) == 1 and len(ws[0]) == 1:
        return "a single character is in every text: write the whole word or name it stands for"
    if len(ws) == 1 and is_ordinary(ws[0]):
        return ("it is an ordinary word, which the letter's own wording may hold: write the name or phrase it "
                "is part of")
    return None
