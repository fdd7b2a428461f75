"""Check the exemptions an answer file cites: right regime, complete, public interest test, NCND."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from foiletters.check.rules import Checker
from foiletters.load.answerfile import walk_items
from foiletters.load.model import Item, item_regimes
from foiletters.render.exemptions import Entry, Library, citation_key
from foiletters.render.markdown import is_web_address

# Words that say information is kept back: such an answer needs the exemption that allows it.
WITHHELD = re.compile(r"\b(withh[eo]ld(ing)?|redact(ed|ions?)?|not (be )?disclosed|exempt(ion)? from disclosure|"
                      r"refus(e|ed|ing) to (disclose|provide|release))\b", re.IGNORECASE)
# In an NCND answer, words or figures that confirm or deny that the information is held.
HELD_OR_NOT = re.compile(r"\b(not held|do(es)? not hold|we hold|is held|are held|holds?)\b|\d", re.IGNORECASE)
# Citations and the years of Acts are not figures about the information.
CITATION = re.compile(r"\b(sections?|s\.?|regulations?|regs?\.?|article|art\.?|schedule|part)\s*\d+[a-z]?"
                      r"(\s*\(\w+\))*|\b(act|regulations|order)\s+(19|20)\d\d\b|\(\w{1,4}\)", re.IGNORECASE)
FIXED_KEYS = ("cite", "because", "reasoning", "options", "public_interest", "ncnd")


def items_with_regime(checker: Checker) -> Iterator[tuple[tuple[Any, ...], str, Item, str]]:
    answers = checker.request.answers
    regimes = item_regimes(answers)
    for loc, key, item in walk_items(dict(enumerate(answers.questions)), ("questions",)):
        yield loc, key, item, regimes[id(item)]


# Environmental information goes under the environmental regime of the same jurisdiction.
JURISDICTION = {"FOIA": "UK", "EIR": "UK", "FOISA": "Scotland", "EISR": "Scotland"}
ENVIRONMENTAL = {"UK": "EIR", "Scotland": "EISR"}


def check_exemptions(checker: Checker, library: Library) -> None:
    letter_regime = checker.request.answers.regime
    for loc, key, item, regime in items_with_regime(checker):
        if item.regime and JURISDICTION[item.regime] != JURISDICTION[letter_regime]:
            right = ENVIRONMENTAL[JURISDICTION[letter_regime]]
            checker.add("regime-mix", letter_regime, loc + ("regime",), f"a {letter_regime} letter cannot answer "
                        f"under {item.regime}, which is the law of another jurisdiction",
                        f"write `regime: {right}` for environmental information", key)
        ex = item.exemption
        if ex is None:
            if item.answer and WITHHELD.search(item.answer):
                checker.add("withheld-without-exemption", regime, loc + ("answer",),
                            "the answer says information is withheld, but no exemption is cited",
                            "add `exemption:` with the `cite` that allows withholding it", key)
            continue
        here = loc + ("exemption",)
        entry = library.find(regime, ex.cite)
        if entry is None:
            _unknown(checker, library, regime, here, ex.cite, key)
            continue
        _details(checker, entry, regime, here, ex.params, ex.options, key)
        if entry.kind == "qualified":
            pi = ex.public_interest
            missing = [name for name, given in (("for", pi and pi.for_disclosure), ("against", pi and
                       pi.against_disclosure), ("conclusion", pi and pi.conclusion)) if not given]
            if missing:
                checker.add("public-interest", regime, here, f"{entry.cite} is a qualified exemption, but the "
                            f"public interest test has no {', no '.join(missing)}",
                            "add `public_interest:` with `for:` and `against:` (lists of factors) and "
                            "`conclusion:` (why the balance favours withholding)", key)
        if ex.ncnd:
            _ncnd(checker, entry, regime, loc, item, key)


def _unknown(checker: Checker, library: Library, regime: str, here: tuple[Any, ...], cite: str, key: str) -> None:
    elsewhere = [(other, library.find(other, cite)) for other in library.other_regimes(cite) if other != regime]
    if elsewhere:
        suggestions = [e.equivalents[regime] for _, e in elsewhere if e and regime in e.equivalents]
        hint = (f"under {regime} cite {' or '.join(dict.fromkeys(suggestions))}" if suggestions else
                f"answer under {regime}'s own exception, or mark this question `regime: {elsewhere[0][0]}`")
        checker.add("wrong-regime", regime, here + ("cite",),
                    f"{cite} belongs to {', '.join(o for o, _ in elsewhere)}, not {regime}", hint, key)
        return
    known = library.entries(regime)
    close = difflib.get_close_matches(citation_key(cite), list(known), n=3, cutoff=0.5)
    hint = (f"did you mean {' or '.join(known[c].cite for c in close)}?" if close else
            f"the {regime} library has: {', '.join(e.cite for e in known.values())}")
    checker.add("exemption-unknown", regime, here + ("cite",), f"{cite!r} is not in the {regime} exemption library",
                hint, key)


def _details(checker: Checker, entry: Entry, regime: str, here: tuple[Any, ...], params: dict[str, Any],
             options: list[str], key: str) -> None:
    for name, param in entry.params.items():
        if param.required and not params.get(name):
            why = f" ({param.source})" if param.source else ""
            checker.add("exemption-details", regime, here, f"{entry.cite} needs `{name}`{why}",
                        f"add `{name}:` ({param.description})", key)
    for name, value in params.items():
        if name not in entry.params:
            accepted = ", ".join([*FIXED_KEYS, *entry.params])
            checker.add("exemption-details", regime, here + (name,), f"{entry.cite} takes no `{name}`",
                        f"expected one of: {accepted}", key)
        elif not isinstance(value, str):
            checker.add("exemption-details", regime, here + (name,), f"`{name}` must be text", "", key)
        elif entry.params[name].choices and value not in entry.params[name].choices:
            checker.add("exemption-details", regime, here + (name,), f"{entry.cite} has no {name} {value!r}",
                        f"write one of: {', '.join(entry.params[name].choices)}", key)
        elif name == "link" and not is_web_address(value):
            checker.add("exemption-details", regime, here + (name,), f"{value!r} is not a web address",
                        "a link starts with https://", key)
    for index, option in enumerate(options):
        if option not in entry.options:
            checker.add("exemption-details", regime, here + ("options", index),
                        f"{entry.cite} has no option {option!r}", f"its options: {', '.join(entry.options) or 'none'}",
                        key)


def _ncnd(checker: Checker, entry: Entry, regime: str, loc: tuple[Any, ...], item: Item, key: str) -> None:
    if not entry.ncnd:
        checker.add("ncnd-not-allowed", regime, loc + ("exemption", "ncnd"),
                    f"{entry.cite} has no provision to neither confirm nor deny",
                    "remove `ncnd: yes`, or cite the exemption whose NCND subsection applies", key)
        return
    shown = [name for name, value in (("answer", item.answer), ("table", item.all_tables),
                                      ("not_held", item.not_held is not None)) if value]
    for name in shown:
        checker.add("ncnd-leak", regime, loc + (name if name != "table" else _table_field(item),),
                    f"this answer neither confirms nor denies under {entry.ncnd}, but its `{name}` says what is held",
                    f"remove `{name}` from this question", key)
    ex = item.exemption
    assert ex is not None
    for name in ("because", "reasoning"):
        text = CITATION.sub(" ", getattr(ex, name) or "")
        if HELD_OR_NOT.search(text):
            checker.add("ncnd-leak", regime, loc + ("exemption", name),
                        f"the {name} of an NCND answer says whether information is held "
                        f"({HELD_OR_NOT.search(text).group(0)!r})",
                        "explain the harm of confirming or denying, without figures or whether it is held", key)


def _table_field(item: Item) -> str:
    return "table" if item.table is not None else "tables"
