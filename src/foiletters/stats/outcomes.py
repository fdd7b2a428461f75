"""What the requester got, from the answers of a response: one outcome per request, or per law.

The disclosure log's index (publish/record.py) and the statistics both derive it here, so that they agree:
the log shows the broad outcome (`log_outcome`), the statistics the categories that the returns count.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from foiletters.load.model import AnswerFile, Item
from foiletters.render.exemptions import Library, citation_key

# The outcome of a request, in the order the statistics list them. The last four are not from the
# response's answers: a refusal letter, a transfer, a closure, or no reply yet.
OUTCOMES = ("released_in_full", "partly_withheld", "withheld_in_full", "not_held", "ncnd", "refused_cost",
            "refused_vexatious", "transferred", "withdrawn_or_lapsed", "open")
# The log's index says less: what a reader of the letter sees.
LOG_OUTCOMES = {"released_in_full": "released", "partly_withheld": "partly released", "withheld_in_full": "refused",
                "ncnd": "refused", "refused_cost": "refused", "refused_vexatious": "refused",
                "not_held": "not held"}


@dataclass(frozen=True)
class Cited:
    """One exemption as an answer cites it: as the library writes it (as the answer file does when the library
    has no such entry), what it does, and whether it neither confirms nor denies."""

    cite: str
    ground: str  # withheld; not-held; cost (FOIA and FOISA s12); vexatious (s14)
    ncnd: bool


@dataclass(frozen=True)
class Answer:
    """The answers given under one law, as their outcome needs them: whether any gives information (text or a
    table), says it is not held, and which exemptions they cite; each schedule's decisions."""

    regime: str
    released: bool
    not_held: bool
    cited: tuple[Cited, ...]  # each once, in the order first cited
    documents: tuple[str, ...]  # the decisions taken on scheduled documents: released, redacted, withheld


def answers_of(answers: AnswerFile, library: Library) -> list[Answer]:
    """The answers of a response (questions, parts, `covers` entries), one entry per law they are answered
    under (an answer's own, else its question's, else the answer file's), in the order the laws first come."""
    laws: dict[str, list] = {}  # law -> [released, not held, cited, documents]

    def walk(items: list[Item], inherited: str) -> None:
        for item in items:
            regime = item.regime or inherited
            exemptions = [item.exemption, *item.exemptions] if item.exemption else item.exemptions
            released = bool(item.answer or item.table or item.tables)
            if released or exemptions or item.not_held is not None or item.documents:
                law = laws.setdefault(regime, [False, False, {}, {}])
                law[0] |= released
                law[1] |= item.not_held is not None
                for exemption in exemptions:
                    cited = _cited(exemption.cite, regime, item.ncnd or exemption.ncnd, library)
                    law[2].setdefault(cited, None)
                for document in item.documents:
                    law[3].setdefault(document.decided, None)
            if item.parts:
                walk(item.parts, regime)

    walk(answers.questions, answers.regime)
    return [Answer(regime, released, not_held, tuple(cited), tuple(documents))
            for regime, (released, not_held, cited, documents) in laws.items()]


@lru_cache(maxsize=4096)  # a thousand answer files cite a few dozen exemptions between them
def _cited(cite: str, regime: str, ncnd: bool, library: Library) -> Cited:
    entry = library.find(regime, cite)
    ground = "withheld"
    if entry is not None and entry.kind == "not-held":
        ground = "not-held"
    elif entry is not None and entry.kind == "procedural":
        ground = "cost" if citation_key(entry.cite).startswith("s12") else "vexatious"
    return Cited(entry.cite if entry else cite, ground, ncnd)


def outcome_of(answers: Iterable[Answer]) -> str:
    """The outcome of a response over the given answers (all of them, or those under one law).

    Released where an answer gives information (text or a table) or a scheduled document is released;
    withheld where an exemption is cited or a document withheld; a withheld answer that neither confirms
    nor denies counts as NCND. A refusal on cost (s12) or as vexatious or repeated (s14) is the outcome
    only when nothing else was released or withheld, as such refusals cover the whole request.
    """
    released = withheld = not_held = ncnd = False
    procedural: set[str] = set()
    for answer in answers:
        released |= answer.released
        not_held |= answer.not_held
        for cited in answer.cited:
            if cited.ground == "not-held":
                not_held = True
            elif cited.ground in ("cost", "vexatious"):
                procedural.add(cited.ground)
            elif cited.ncnd:
                ncnd = True
            else:
                withheld = True
        released |= any(d in ("released", "redacted") for d in answer.documents)
        withheld |= any(d in ("redacted", "withheld") for d in answer.documents)
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
    return LOG_OUTCOMES[outcome_of(answers_of(answers, library))]
