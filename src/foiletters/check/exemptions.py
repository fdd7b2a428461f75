"""Check the exemptions an answer file cites: known, of the right regime, allowed to neither confirm nor deny.

Every citation of an answer counts: `exemption`, each of `exemptions`, and the exemptions of its
schedule of documents. The other rules about exemptions (details, public interest, NCND leaks,
withholding) are in modules of their own and read the same citations (`citations.py`).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from foiletters.check import details, ncnd, public_interest, withheld
from foiletters.check.citations import Answer, Citation, answers, covering
from foiletters.check.rules import Checker
from foiletters.load.answerfile import walk_items
from foiletters.load.model import Item, item_regimes
from foiletters.render.exemptions import Library, citation_key, citation_keys

# Environmental information goes under the environmental regime of the same jurisdiction.
JURISDICTION = {"FOIA": "UK", "EIR": "UK", "FOISA": "Scotland", "EISR": "Scotland"}
ENVIRONMENTAL = {"UK": "EIR", "Scotland": "EISR"}


def items_with_regime(checker: Checker) -> Iterator[tuple[tuple[Any, ...], str, Item, str]]:
    answers_ = checker.request.answers
    regimes = item_regimes(answers_)
    for loc, key, item in walk_items(dict(enumerate(answers_.questions)), ("questions",)):
        yield loc, key, item, regimes[id(item)]


def check_exemptions(checker: Checker, library: Library, profile: dict[str, Any] | None = None) -> None:
    letter_regime = checker.request.answers.regime
    every = list(answers(checker, library))
    covers = covering(every)
    by_loc = {a.loc: a for a in every}
    for answer in every:
        item, regime, key = answer.item, answer.regime, answer.key
        if item.regime and JURISDICTION[item.regime] != JURISDICTION[letter_regime]:
            right = ENVIRONMENTAL[JURISDICTION[letter_regime]]
            checker.add("regime-mix", letter_regime, answer.loc + ("regime",), f"a {letter_regime} letter cannot "
                        f"answer under {item.regime}, which is the law of another jurisdiction",
                        f"write `regime: {right}` for environmental information", key)
        for citation in answer.citations:
            if citation.cited is None:
                _unknown(checker, library, regime, citation, key)
        if answer.general_ncnd and not answer.citations:
            checker.add("exemption-unknown", regime, answer.loc, "FOISA s18(1) applies only with the exemption "
                        "the information would fall under (one of sections 28 to 35, 38, 39(1) or 41)",
                        "cite that exemption too, e.g. `exemptions: [s18(1), s38(1)(b)]`", key)
        withheld.check(checker, answer, _elsewhere(answer, covers, by_loc))
        ncnd.check_not_held(checker, answer)
        if not answer.resolved:
            continue
        details.check(checker, answer, profile or {})
        public_interest.check(checker, answer, library)
        if answer.ncnd:
            ncnd.check(checker, answer)


def _elsewhere(answer: Answer, covers: dict[str, list[Answer]], by_loc: dict[tuple[Any, ...], Answer]) -> bool:
    """Whether an exemption for this answer's information is cited elsewhere: by a `covers` entry that names
    its question, or by the question it is a part of."""
    if answer.key and any(a.citations for a in covers.get(answer.key, [])):
        return True
    parent = answer.loc[:-2]
    while len(parent) >= 2 and parent in by_loc:
        if by_loc[parent].citations or (by_loc[parent].key and
                                        any(a.citations for a in covers.get(by_loc[parent].key or "", []))):
            return True
        parent = parent[:-2]
    return False


def _unknown(checker: Checker, library: Library, regime: str, citation: Citation, key: str | None) -> None:
    cite, here = citation.cite, citation.loc
    keys = citation_keys(cite)
    parts = [library.resolve(regime, k) for k in keys]
    if len(keys) > 1 and all(parts):
        named = " and ".join(dict.fromkeys(p.entry.cite for p in parts if p))
        checker.add("exemption-unknown", regime, here, f"{cite!r} names several exemptions ({named})",
                    "list each under `exemptions:` (one `cite` each), with one shared `public_interest` if you "
                    "weigh them together", key)
        return
    elsewhere = [(other, library.resolve(other, cite)) for other in library.other_regimes(cite) if other != regime]
    # The law of the same jurisdiction first: s12 on an EIR request is FOIA's (FOISA has one too).
    near = [(o, c) for o, c in elsewhere if JURISDICTION[o] == JURISDICTION[regime]]
    elsewhere = near or elsewhere
    same_section = library.of_section(regime, cite)
    # A citation of this regime's law that the library lacks (FOIA s27(2) when only s27(1) is there) is
    # missing from the library; it is another regime's only when this law has no such provision (s12 on
    # an EIR request), or the library's entry for the section takes no subsections (FOISA's s40).
    bare_section = any(citation_key(e.cite) == citation_key(cite).split("(")[0] and not e.parts
                       for e in same_section)
    ours = library.in_the_law(regime, cite) and not bare_section
    if elsewhere and not ours:
        suggestions = [c.entry.equivalents[regime] for _, c in elsewhere if c and regime in c.entry.equivalents]
        hint = (f"under {regime} cite {' or '.join(dict.fromkeys(suggestions))}" if suggestions else
                f"answer under {regime}'s own exception, or mark this question `regime: {elsewhere[0][0]}`")
        checker.add("wrong-regime", regime, here, f"{cite} belongs to {', '.join(o for o, _ in elsewhere)}, "
                    f"not {regime}", hint, key)
        return
    known = library.entries(regime)
    if same_section:
        listed = " or ".join(e.cite for e in same_section)
        part = "regulation" if cite.strip().lower().startswith("reg") else "section"
        checker.add("exemption-unknown", regime, here, f"{cite!r} is not in the {regime} exemption library, "
                    f"which has {listed} of that {part}",
                    f"cite {listed} if that is what you rely on; or the governance team adds {cite} to "
                    f"templates/exemptions/ (an entry, or `parts:` of the entry it belongs to)", key)
        return
    if ours:
        checker.add("exemption-unknown", regime, here, f"{cite!r} is a provision of the {regime} law that the "
                    f"exemption library does not have", "the governance team adds it to templates/exemptions/ "
                    "with its title, kind and wording", key)
        return
    close = difflib.get_close_matches(citation_keys(cite)[0], list(known), n=3, cutoff=0.5)
    hint = (f"did you mean {' or '.join(known[c].cite for c in close)}?" if close else
            f"the {regime} library has: {', '.join(e.cite for e in known.values())}")
    checker.add("exemption-unknown", regime, here, f"{cite!r} is not in the {regime} exemption library", hint, key)
