"""What the requester got, from the answers of a response: one outcome per request, or per law.

The disclosure log's index (publish/record.py) and the statistics both derive it here, so that they agree:
the log shows the broad outcome (`log_outcome`), the statistics the categories that the returns count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from foiletters.load.model import AnswerFile, Item
from foiletters.render.exemptions import Entry, Library, citation_key

# The outcome of a request, in the order the statistics list them. The last four are not from the
# response's answers: a refusal letter, a transfer, a closure, or no reply yet.
OUTCOMES = ("released_in_full", "partly_withheld", "withheld_in_full", "not_held", "ncnd", "refused_cost",
            "refused_vexatious", "transferred", "withdrawn_or_lapsed", "open")
# The log's index says less: what a reader of the letter sees.
LOG_OUTCOMES = {"released_in_full": "released", "partly_withheld": "partly released", "withheld_in_full": "refused",
                "ncnd": "refused", "refused_cost": "refused", "refused_vexatious": "refused",
                "not_held": "not held"}


@dataclass(frozen=True)
class Citation:
    """One exemption as an answer cites it, with its regime and its library entry (None when unknown)."""

    regime: str
    cite: str  # as the library writes it when the library has it, else as the answer file does
    entry: Entry | None
    ncnd: bool

    @property
    def ground(self) -> str:
        """not-held, cost (FOIA and FOISA s12), vexatious (s14), or withheld: what the citation does."""
        if self.entry is not None and self.entry.kind == "not-held":
            return "not-held"
        if self.entry is not None and self.entry.kind == "procedural":
            return "cost" if citation_key(self.cite).startswith("s12") else "vexatious"
        return "withheld"


def answered_items(answers: AnswerFile) -> list[tuple[Item, str]]:
    """Every question, part or `covers` entry that has an answer, with the law it is answered under (its own,
    else its question's, else the answer file's), in the order written."""
    found: list[tuple[Item, str]] = []

    def walk(items: list[Item], inherited: str) -> None:
        for item in items:
            regime = item.regime or inherited
            if item.has_answer:
                found.append((item, regime))
            walk(item.parts, regime)

    walk(answers.questions, answers.regime)
    return found


def citations(item: Item, regime: str, library: Library) -> list[Citation]:
    found = []
    for exemption in item.all_exemptions:
        entry = library.find(regime, exemption.cite)
        found.append(Citation(regime, entry.cite if entry else exemption.cite, entry, item.ncnd or exemption.ncnd))
    return found


def outcome_of(items: Iterable[tuple[Item, str]], library: Library) -> str:
    """The outcome of a response over the given answers (all of them, or those under one law).

    Released where an answer gives information (text or a table) or a scheduled document is released;
    withheld where an exemption is cited or a document withheld; a withheld answer that neither confirms
    nor denies counts as NCND. A refusal on cost (s12) or as vexatious or repeated (s14) is the outcome
    only when nothing else was released or withheld, as such refusals cover the whole request.
    """
    released = withheld = not_held = ncnd = False
    procedural: set[str] = set()
    for item, regime in items:
        released |= bool(item.answer or item.all_tables)
        not_held |= item.not_held is not None
        for citation in citations(item, regime, library):
            ground = citation.ground
            if ground == "not-held":
                not_held = True
            elif ground in ("cost", "vexatious"):
                procedural.add(ground)
            elif citation.ncnd:
                ncnd = True
            else:
                withheld = True
        for document in item.documents:
            released |= document.decided in ("released", "redacted")
            withheld |= document.decided in ("redacted", "withheld")
    if procedural and not released and not withheld and not ncnd:
        return "refused_cost" if "cost" in procedural else "refused_vexatious"
    withheld |= bool(procedural)
    if (withheld or ncnd) and released:
        return "partly_withheld"
    if withheld:
        return "withheld_in_full"
    if ncnd:
        return "ncnd"
    if not_held and not released:
        return "not_held"
    return "released_in_full"


def log_outcome(answers: AnswerFile, library: Library) -> str:
    """released, partly released, refused or not held: the disclosure log's outcome of a response."""
    return LOG_OUTCOMES[outcome_of(answered_items(answers), library)]
