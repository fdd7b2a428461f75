"""Neither confirm nor deny: allowed only by an exemption that provides for it, and then nothing in the
answer may reveal whether the information is held.

What reveals it is what the answer *says*: a table, a schedule of documents, a not-held statement, a
figure about the information, or a statement that it is held, exists, or does not. The standard NCND
reasoning ("confirming or denying would itself disclose personal data of the person named") says
nothing of the kind: it is about what confirming *would* do.
"""

from __future__ import annotations

import re
from typing import Any

from foiletters.check.citations import Answer
from foiletters.check.prose import is_hypothetical, sentences, without_non_figures
from foiletters.check.rules import Checker

# A statement that the information is held, exists, or is not (or not so): "we hold", "is not held",
# "no records exist", "there were 2", "the file exists", "we have located".
_THING = (r"(information|files?|records?|data|documents?|reports?|details|correspondence|emails?|letters?|notes|"
          r"minutes|cases?|complaints?|investigations?|allegations?|hearings?|material|footage|intelligence on)")
HELD_STATEMENT = re.compile(
    r"\b(do(es)?\s+not\s+hold|don'?t\s+hold|(is|are|was|were|been)\s+(not\s+)?held|not\s+held|"
    r"(we|it|they|the\s+\w+)\s+(hold|holds|held|retains?|keeps?|has|have)\s+(this|the|that|such|some|a|an|any|no|"
    r"its|their|two|several)?\s*(\w+\s+){0,2}?" + _THING + r"\b|"
    r"(we|it|they)\s+(have|has)\s+(found|located|identified|traced|retrieved|no\s+record)|"
    r"\bno\s+(such\s+)?" + _THING + r"\s+(is|are|was|were|exists?|existed|has been|have been)\b|"
    r"\b" + _THING + r"\s+(\w+\s+){0,3}?(exists?|existed|does\s+not\s+exist|do\s+not\s+exist)\b|"
    r"there\s+(is|are|was|were|have\s+been|has\s+been)\s+(no|none|one|two|three|four|five|several|a\s+number\s+of)\s+"
    r"(\w+\s+){0,2}?" + _THING + r"\b)", re.IGNORECASE)
FIGURE = re.compile(r"(?<![\w.£$€])[£$€]?\d[\d,]*(\.\d+)?%?(?![\w])")
COUNT_WORDS = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen)\s+(?!(exemptions?|"
                         r"sections?|subsections?|conditions?|reasons?|tests?|limbs?|ways?|parts?|questions?|"
                         r"regulations?|months?|weeks?|days?|years?|working)\b)\w+s\b", re.IGNORECASE)
_CLAUSE = re.compile(r",\s+|;\s+|\s+\b(?=but\b|although\b|however\b|though\b)", re.IGNORECASE)


def reveals(text: str | None) -> str | None:
    """The words of `text` that say whether information is held, or give a figure about it; None when none do."""
    for sentence in sentences(text):
        bare = without_non_figures(sentence)
        figure = FIGURE.search(bare) or COUNT_WORDS.search(bare)
        if figure:
            return figure.group(0).strip()
        for clause in _CLAUSE.split(sentence):
            if clause and not is_hypothetical(clause):
                statement = HELD_STATEMENT.search(clause)
                if statement:
                    return statement.group(0)
    return None


def check(checker: Checker, answer: Answer) -> None:
    item, loc, regime, key = answer.item, answer.loc, answer.regime, answer.key
    _allowed(checker, answer)
    cited = ", ".join(dict.fromkeys(c.entry.ncnd or c.cite for c in answer.resolved))
    shown: list[tuple[str, tuple[Any, ...]]] = []
    if item.not_held is not None:
        shown.append(("a not-held statement (`not_held`)", loc + ("not_held",)))
    if item.table is not None:
        shown.append(("a table", loc + ("table",)))
    if item.tables:
        shown.append(("tables", loc + ("tables",)))
    if item.documents:
        shown.append(("a schedule of documents, which says that they exist", loc + ("documents",)))
    for what, field in shown:
        checker.add("ncnd-leak", regime, field, f"this answer neither confirms nor denies under {cited}, but it "
                    f"gives {what}", "remove it from this answer", key)
    texts: list[tuple[str, tuple[Any, ...], str | None]] = [("answer", loc + ("answer",), item.answer),
                                                            ("harm", loc + ("harm",), item.harm)]
    for citation in answer.citations:
        ex = citation.exemption
        if ex is None:
            continue
        texts += [(name, citation.here + (name,), getattr(ex, name)) for name in ("because", "reasoning")]
        texts += _public_interest_texts(ex.public_interest, citation.here + ("public_interest",))
    texts += _public_interest_texts(item.public_interest, loc + ("public_interest",))
    for name, field, text in texts:
        found = reveals(text)
        if found:
            checker.add("ncnd-leak", regime, field, f"the {name} of an answer that neither confirms nor denies "
                        f"says whether information is held ({found!r})", "explain the harm of confirming or "
                        "denying, without figures or whether anything is held", key)


def _public_interest_texts(pi: Any, here: tuple[Any, ...]) -> list[tuple[str, tuple[Any, ...], str | None]]:
    if pi is None:
        return []
    texts: list[tuple[str, tuple[Any, ...], str | None]] = [("public interest conclusion", here + ("conclusion",),
                                                             pi.conclusion)]
    texts += [("public interest factor", here + ("for", i), f) for i, f in enumerate(pi.for_disclosure)]
    texts += [("public interest factor", here + ("against", i), f) for i, f in enumerate(pi.against_disclosure)]
    return texts


def _allowed(checker: Checker, answer: Answer) -> None:
    """Every exemption the answer neither confirms nor denies under must provide for it."""
    shared = answer.item.ncnd or answer.general_ncnd
    for citation in answer.citations:
        cited = citation.cited
        if cited is None or citation.exemption is None:
            continue
        if not (shared or citation.exemption.ncnd) or cited.ncnd or cited.entry.ncnd:
            continue
        field = citation.here + ("ncnd",) if citation.exemption.ncnd else answer.loc + ("ncnd",) if \
            answer.item.ncnd else citation.loc
        checker.add("ncnd-not-allowed", answer.regime, field, f"{cited.entry.cite} has no provision to neither "
                    "confirm nor deny", "remove `ncnd: yes`, or cite the exemption whose NCND subsection applies",
                    answer.key)


# A not-held statement about part of the information ("records before 2021 are not held").
PART_NOT_HELD = re.compile(r"\b(before|after|prior|since|until|only|partly|part|some|earlier|later|other|"
                           r"remaining|rest|except|\d{4})\b", re.IGNORECASE)


def check_not_held(checker: Checker, answer: Answer) -> None:
    """A not-held answer that also prints figures says two things at once: which is it?"""
    item = answer.item
    if item.not_held is None or answer.item.is_ncnd or PART_NOT_HELD.search(item.not_held or ""):
        return
    figures = [c for t in item.all_tables for row in t.rows or [] for c in row[1:] if FIGURE.search(c or "")]
    said = next((FIGURE.search(without_non_figures(s)) for s in sentences(item.answer)
                 if FIGURE.search(without_non_figures(s))), None)
    if figures or said:
        shown = repr(figures[0]) if figures else repr(said.group(0)) if said else ""
        checker.add("ncnd-leak", answer.regime, answer.loc + ("not_held",), f"this answer says the information is "
                    f"not held, but it also gives figures ({shown})", "say which part is not held in `not_held:` "
                    "(e.g. 'Records before 2021 are not held.'), or remove the figures", answer.key,
                    severity="warning", source="FOIA s1(1)(a): the duty to confirm or deny")
