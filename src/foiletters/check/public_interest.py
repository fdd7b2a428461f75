"""`public-interest`: a qualified exemption applies only when the public interest in maintaining it
outweighs that in disclosure, and the refusal says why (FOIA s17(3); EIR reg 12(1)(b) and 14(3)(b);
FOISA s16(2); EISR reg 10(1)(b) and 13(b)).

- The test may be written as `public_interest:` (for, against, conclusion), shared by all the
  exemptions of an answer or given for one; or argued in prose: in the answer, the exemption's
  `because`/`reasoning`, the harm section, or the house's own wording of the exemption. No test at
  all is an error; a test without its factors on either side is a warning (the ICO's guidance sets
  them out).
- A conclusion that favours disclosure, for information that is withheld, contradicts itself.
- Qualified: the library's `kind`, and the qualified parts of absolute entries: FOIA s40(2) under the
  second or third condition (s40(3B), s40(4A); s2(3)(fa)), and NCND under s40(5B) other than (a)(i).
- A FOISA answer that neither confirms nor denies under s18 gives no public interest test: s18(2)
  disapplies s16(2). Refusals under s12 and s14 have none (they are not exemptions).
- In the letter (read after rendering): an EIR or EISR exception states the presumption in favour
  of disclosure (EIR reg 12(2), EISR reg 10(2)), good practice the ICO expects (a warning); and a
  written test reaches the letter even where the house rewrote the wording (an error).
"""

from __future__ import annotations

import re
from typing import Any

from foiletters.check.citations import Answer
from foiletters.check.prose import plain, sentences
from foiletters.check.rules import Checker
from foiletters.load.items import PublicInterest
from foiletters.render.exemptions import Library

ARGUED = re.compile(r"public interest", re.IGNORECASE)
WEIGHED = re.compile(r"\b(outweigh\w*|balance\w*|favour\w*|weigh\w*|maintain\w*|in the public interest|"
                     r"not in the public interest|contrary to the public interest)\b", re.IGNORECASE)
CONCLUDING = re.compile(r"\b(balance|conclu\w+|overall|therefore|decided|determined|outweigh\w*)\b", re.IGNORECASE)
FOR_DISCLOSURE = re.compile(
    r"\b(public interest|balance)(\s+\w+){0,4}?\s+((lies|falls|rests|is|comes down|tips)\s+(firmly\s+|clearly\s+)?"
    r"(in\s+favour\s+of|in|with|towards|on\s+the\s+side\s+of)|in\s+favour\s+of|favou?rs?)\s+(the\s+)?"
    r"(disclos|releas|publish)\w*"
    r"|\b(interest|case|arguments?|factors?)\s+(in|for)\s+(favour\s+of\s+)?(the\s+)?(disclos\w*|releas\w*|openness|"
    r"transparency)(\s+\w+){0,3}?\s+(clearly\s+|therefore\s+|significantly\s+)?outweighs?\b"
    r"|\boutweighs?\s+(the\s+)?(public\s+)?interest\s+in\s+(maintaining|withholding|applying|the\s+exemption)",
    re.IGNORECASE)
NEGATED = re.compile(r"\b(not|n't|cannot|no longer|nor)\b", re.IGNORECASE)
PRESUMPTION = re.compile(r"presumption", re.IGNORECASE)
# A factor conceded on the way to the other conclusion: "there is a public interest in favour of disclosure,
# but it is outweighed"; "although the public interest favours disclosure in part, …".
CONCEDED_AFTER = re.compile(r"\b(but|however|nevertheless|outweighed|yet|although)\b", re.IGNORECASE)
CONCEDED_BEFORE = re.compile(r"\b(although|though|while|whilst|despite|recognise\w*|acknowledge\w*|accept\w*)\b",
                             re.IGNORECASE)
FOISA_NCND = {"FOISA"}


def check(checker: Checker, answer: Answer, library: Library) -> None:
    item, regime, key = answer.item, answer.regime, answer.key
    withheld = [c for c in answer.citations if c.cited and c.cited.entry.kind not in ("procedural", "not-held")]
    if not withheld:
        return
    shared = item.public_interest
    for citation in withheld:
        cited, ex = citation.cited, citation.exemption
        assert cited is not None
        qualified = cited.qualified or (ex is not None and ex.params.get("condition") in ("second", "third"))
        if not qualified:
            continue
        if regime in FOISA_NCND and answer.ncnd:
            continue  # s18(2): no s16(2) statement in a notice that neither confirms nor denies
        own = ex.public_interest if ex is not None else None
        tests = [t for t in (own, shared) if t is not None]
        if not tests and ex is None:  # a document's exemption: the test of the answer's exemption of that entry
            tests = [e.public_interest for c in answer.citations if (e := c.exemption) is not None and
                     e.public_interest is not None and c.cited is not None and c.cited.entry is cited.entry]
        prose = _prose(answer, library, citation)
        if not tests and not prose:
            why = "" if cited.entry.kind == "qualified" else " (it is qualified when cited under this condition)"
            checker.add("public-interest", regime, citation.here, f"{citation.cite} is a qualified "
                        f"{'exception' if regime in ('EIR', 'EISR') else 'exemption'}{why}, but no public interest "
                        "test is given", "add `public_interest:` with `for:` and `against:` (the factors) and "
                        "`conclusion:` (why the balance favours withholding), or argue it in `reasoning`", key)
            continue
        for test in tests:
            missing = [name for name, given in (("factors for disclosure", test.for_disclosure),
                                                ("factors against", test.against_disclosure),
                                                ("conclusion", test.conclusion)) if not given]
            # A conclusion that itself weighs the two sides sets out the test (FOIA s17(3) asks for reasons).
            weighed = bool(test.conclusion) and bool(ARGUED.search(test.conclusion or "")) and \
                len((test.conclusion or "").split()) >= 20
            if missing and not prose and not weighed:
                checker.add("public-interest", regime, citation.here if test is own else answer.loc +
                            ("public_interest",), f"the public interest test of {citation.cite} has no "
                            f"{' and no '.join(missing)}", "set out the factors on each side and the conclusion "
                            "(ICO guidance on the public interest test)", key, severity="warning",
                            source="ICO guidance: the public interest test", detail="public_interest")
    _contradictions(checker, answer)


def _prose(answer: Answer, library: Library, citation: Any) -> bool:
    """Whether the answer, or the house's wording of the exemption, argues the public interest in words."""
    ex = citation.exemption
    texts = [answer.item.answer, answer.item.harm]
    if ex is not None:
        texts += [ex.because, ex.reasoning]
    for other in answer.citations:
        if other.exemption is not None:
            texts += [other.exemption.because, other.exemption.reasoning]
    entry = citation.cited.entry
    texts += [re.sub(r"\{[{%#].*?[}%#]\}", " ", entry.wording), entry.closing or ""]
    return any(ARGUED.search(s) and WEIGHED.search(s) for t in texts for s in sentences(plain(t)))


def _contradictions(checker: Checker, answer: Answer) -> None:
    """A conclusion in favour of disclosure, on information the answer withholds."""
    item = answer.item
    candidates: list[tuple[tuple[Any, ...], str | None, bool]] = []
    tests: list[tuple[tuple[Any, ...], PublicInterest]] = []
    if item.public_interest:
        tests.append((answer.loc + ("public_interest",), item.public_interest))
    for citation in answer.citations:
        ex = citation.exemption
        if ex is not None and ex.public_interest:
            tests.append((citation.here + ("public_interest",), ex.public_interest))
        if ex is not None:
            candidates += [(citation.here + (n,), getattr(ex, n), False) for n in ("because", "reasoning")]
    candidates += [(here + ("conclusion",), t.conclusion, True) for here, t in tests]
    candidates.append((answer.loc + ("answer",), item.answer, False))
    for field, text, is_conclusion in candidates:
        for sentence in sentences(text):
            if not is_conclusion and not CONCLUDING.search(sentence):
                continue
            match = FOR_DISCLOSURE.search(sentence)
            if match is None or PRESUMPTION.search(sentence[:match.end()]):
                continue
            if NEGATED.search(sentence[max(0, match.start() - 40):match.end()]) or \
                    CONCEDED_AFTER.search(sentence[match.end():]) or CONCEDED_BEFORE.search(sentence[:match.start()]):
                continue
            checker.add("public-interest", answer.regime, field, "the public interest conclusion favours "
                        f"disclosure ({match.group(0)!r}), but the information is withheld",
                        "release the information, or give the conclusion the balance really reached", answer.key)
            return


def check_letter(checker: Checker, library: Library, text: str) -> None:
    """The rendered letter: EIR and EISR exceptions state the presumption; written tests reach the letter."""
    from foiletters.check.citations import answers as all_answers

    words = _words(text)
    presumption_wanted: set[str] = set()
    for answer in all_answers(checker, library):
        for citation in answer.citations:
            cited = citation.cited
            if cited is None or not cited.qualified or cited.entry.kind == "not-held":
                continue
            if answer.regime in ("EIR", "EISR"):
                presumption_wanted.add(answer.regime)
        for here, test in _tests(answer):
            wanted = _opening(test.conclusion)
            if wanted and wanted not in words:
                checker.add("public-interest", answer.regime, here + ("conclusion",), "the letter does not set out "
                            "this public interest test: the conclusion is not in the letter's text",
                            "the governance team keeps the public interest test in the house's wording "
                            "(parts/public-interest.html.j2 or the exemption's wording)", answer.key)
    if presumption_wanted and "presumption" not in words and "rhagdybiaeth" not in words:
        for regime in sorted(presumption_wanted):
            source = "EIR reg 12(2)" if regime == "EIR" else "EISR reg 10(2)"
            checker.add("public-interest", regime, ("questions",), "the letter does not say that the public interest "
                        "test applied a presumption in favour of disclosure", "the governance team keeps the "
                        "presumption in the wording of the public interest test", severity="warning", source=source)


def _tests(answer: Answer) -> list[tuple[tuple[Any, ...], PublicInterest]]:
    """The written tests the letter must print. Only an `exemption`'s own test for now: the shared test of
    several `exemptions` is the templates' to print once they render several exemptions for one answer."""
    ex = answer.item.exemption
    if ex is not None and ex.public_interest:
        return [(answer.loc + ("exemption", "public_interest"), ex.public_interest)]
    return []


def _opening(text: str | None) -> str:
    """The first words of a conclusion as the letter prints them, for finding it in the letter's text."""
    return " ".join(_words(plain(text)).split()[:6])


def _words(text: str | None) -> str:
    """Letters and digits only, lower case: the same in the answer file and in the rendered letter."""
    return " " + " ".join(re.findall(r"\w+", (text or "").lower())) + " "

