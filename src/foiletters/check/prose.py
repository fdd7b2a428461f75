"""Reading what an officer's text says: sentences, and what in them is a citation, a date or a figure.

The rules judge statements, not words: "we do not hold this" says something about the
information; "confirming or denying whether we hold it would itself disclose personal data"
does not. A statement is hypothetical when it is about whether, or if, something is held.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# Citations, Acts' years, dates and time limits are not figures about the information.
CITATION = re.compile(
    r"\b(sections?|ss?\.?|regulations?|regs?\.?|r\.|articles?|art\.?|schedules?|sch\.?|parts?|paragraphs?|para\.?)"
    r"\s*\d+[A-Za-z]{0,2}(\s*\(\w{1,5}\))*((\s*(,|and|or|to|&)\s*)\(?\w{1,5}\)?(\s*\(\w{1,5}\))*)*"
    r"|\b(act|regulations|order|rules|code)\s+(of\s+)?(19|20)\d\d\b|\(\w{1,5}\)", re.IGNORECASE)
MONTHS = (r"(january|february|march|april|may|june|july|august|september|october|november|december|"
          r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
DATE = re.compile(rf"\b\d{{1,2}}(st|nd|rd|th)?\s+{MONTHS}(\s+\d{{4}})?\b|\b{MONTHS}\s+\d{{4}}\b|"
                  r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b(19|20)\d\d(/\d\d)?\b", re.IGNORECASE)
PERIOD = re.compile(r"\b(\d+|one|two|three|four|five|six|twelve|twenty|forty)\s+(working\s+|calendar\s+)?"
                    r"(days?|weeks?|months?|years?|hours?)\b", re.IGNORECASE)
REFERENCE = re.compile(r"\b[A-Z]{2,}[-/ ]?\d[\w/-]*\b|\b\d{3,}[-/]\d+\b|\b0\d{3,4}\s?\d{3}\s?\d{3,4}\b|"
                       r"\b[A-Z]{1,2}\d{1,2}[A-Z]?\s+\d[A-Z]{2}\b")
HYPOTHETICAL = re.compile(r"\b(whether|if|would|could|might|neither|nor|should not be taken|"
                          r"if held|were held|if it exists|does not confirm|not confirm)\b", re.IGNORECASE)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)|https?://\S+|\S+@\S+\.\w+")
_SENTENCE = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n|\n\s*[-*•]\s+|\n\s*\d+[.)]\s+")


def plain(text: str | None) -> str:
    """Markdown as words: links as their text, no emphasis marks."""
    if not text:
        return ""
    return re.sub(r"[*_`#>|]", " ", _LINK.sub(lambda m: m.group(1) or " ", text))


def sentences(text: str | None) -> Iterator[str]:
    for sentence in _SENTENCE.split(plain(text)):
        if sentence and sentence.strip():
            yield " ".join(sentence.split())


def without_non_figures(sentence: str) -> str:
    """The sentence with citations, dates, time limits and references blanked out."""
    for pattern in (CITATION, DATE, PERIOD, REFERENCE):
        sentence = pattern.sub(" ", sentence)
    return sentence


def is_hypothetical(sentence: str) -> bool:
    return HYPOTHETICAL.search(sentence) is not None
