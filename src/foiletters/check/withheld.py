"""`withheld-without-exemption`: an answer that keeps information back must name the exemption that
allows it (FOIA s17(1)(b); EIR reg 14(3)(a); FOISA s16(1)(c); EISR reg 13(b)).

It reads what the answer says: "withheld", "redacted", "removed", "not provided", "unable to provide",
"not disclosed" about information. An exemption counts wherever it is cited for the same information:
in this answer (`exemption`, `exemptions`, the schedule of documents), in a `covers` entry that names
this question, in the question this is a part of, or named in the answer's own words ("exempt under
section 40(2)"). A not-held answer ("we are unable to provide this as it is not held") and a pointer
to where it is published withhold nothing. A document of the schedule marked withheld or redacted
needs its exemptions.
"""

from __future__ import annotations

import re

from foiletters.check.citations import Answer
from foiletters.check.prose import CITATION, sentences
from foiletters.check.rules import Checker

INFORMATION = (r"(information|data|details?|names?|figures?|numbers?|text|documents?|records?|parts?|sections?|"
               r"content|personal|identif\w+|some|certain|remainder|rest|it|this|these|them|copy|copies|reports?|breakdown|"
               r"amounts?|costs?|charges?|list|full|specific|emails?|minutes|correspondence|addresses|salar\w+)")
STRONG = re.compile(r"\b(withh[eo]ld(ing|en)?|redact(ed|ions?|ing)?|exempt(ed)?\s+from\s+disclosure)\b", re.IGNORECASE)
NOT_GIVEN = re.compile(
    r"\bnot\s+(been\s+|be\s+)?(disclosed|released|provided|supplied|shared)\b(?!\s+(by|to)\b)"
    r"|\b(unable|not able|cannot|can ?not|can't|won't|will not|declined?|refused?|refusing)\s+(to\s+)?"
    r"(disclose|release|provide|supply|share|give|send)\b"
    r"|\b(has|have|had)\s+been\s+(removed|omitted|excluded|blanked( out)?|obscured|anonymised)\b"
    r"|\b(removed|omitted|excluded)\s+(from|to protect|in order)\b", re.IGNORECASE)
ABOUT_INFORMATION = re.compile(rf"\b{INFORMATION}\b", re.IGNORECASE)
NOT_HELD = re.compile(r"\b(not held|do(es)? not hold|don'?t hold|no (such |relevant )?(information|records?|data)|"
                      r"not recorded|does not exist|do not exist|not (collated|kept|captured|retained|recorded)|"
                      r"not (centrally )?(recorded|held)|is not something we (hold|record)|"
                      r"do(es)? not (record|collect|keep|capture|retain|have)|not (currently )?available|"
                      r"not (been )?collected)\b", re.IGNORECASE)
ELSEWHERE = re.compile(r"\b(published|available (on|at|from|via|online)|website|link|www\.|https?://|"
                       r"publicly available|accessible)\b", re.IGNORECASE)
# Sayings that nothing is kept back: "nothing has been withheld", "released in full", "no redactions".
NOTHING_WITHHELD = re.compile(r"\b(nothing|no information|none of it|no part of it|no redactions?|without (any )?"
                              r"redactions?|not (been )?(withheld|redacted)|unredacted|"
                              r"(released|disclosed|provided|attached|supplied|sent) in full)\b", re.IGNORECASE)
NOT_ABOUT_DISCLOSURE = re.compile(r"\b(payments?|salary|wages?|deduct\w*|fees?|grant|funding|consent)\s+"
                                  r"(\w+\s+){0,2}withh[eo]ld", re.IGNORECASE)


def withholds(text: str | None) -> str | None:
    """The words of `text` that say information is kept back; None when it says no such thing."""
    for sentence in sentences(text):
        if NOT_HELD.search(sentence) or ELSEWHERE.search(sentence) or NOT_ABOUT_DISCLOSURE.search(sentence) or \
                NOTHING_WITHHELD.search(sentence):
            continue
        strong = STRONG.search(sentence)
        if strong:
            return strong.group(0)
        weak = NOT_GIVEN.search(sentence)
        if weak and ABOUT_INFORMATION.search(sentence):
            return weak.group(0)
    return None


def check(checker: Checker, answer: Answer, cited_elsewhere: bool) -> None:
    item, regime, key = answer.item, answer.regime, answer.key
    for index, document in enumerate(item.documents):
        if document.decided in ("withheld", "redacted") and not document.exemptions and not answer.citations:
            checker.add("withheld-without-exemption", regime, answer.loc + ("documents", index),
                        f"the schedule says {document.title!r} is {document.decided}, but names no exemption",
                        "give its `exemptions:` (e.g. [s40(2)])", key)
    if answer.citations or cited_elsewhere:
        return
    texts = [("answer", item.answer)] + [("table notes", t.notes) for t in item.all_tables]
    for name, text in texts:
        said = withholds(text)
        if said and not _names_a_provision(text):
            checker.add("withheld-without-exemption", regime, answer.loc + ("answer",) if name == "answer" else
                        answer.loc, f"the {name} says information is kept back ({said!r}), but no exemption is "
                        "cited", "add `exemption:` (or `exemptions:`) with the `cite` that allows withholding it",
                        key)
            return


def _names_a_provision(text: str | None) -> bool:
    """The answer names the exemption in its own words: 'exempt under Section 40(2)', 'regulation 13'."""
    return bool(text) and CITATION.search(text or "") is not None and re.search(
        r"\b(section|s\.?|regulation|reg\.?)\s*\d", text or "", re.IGNORECASE) is not None
