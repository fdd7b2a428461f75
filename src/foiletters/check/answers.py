"""Check the answers themselves: every question answered, no small counts that identify people."""

from __future__ import annotations

import re
from typing import Any

from foiletters.check.exemptions import items_with_regime
from foiletters.check.rules import Checker
from foiletters.load.answerfile import tables_with_locs, walk_items
from foiletters.load.model import Item, Table, covered_keys, parse_number
from foiletters.render.house import TemplateSet

SMALL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# A count of people in prose: "3 children", "two members of staff". Counts of other things
# ("2 contracts") identify nobody, so only nouns for people are looked for.
PEOPLE = (r"(children|child|young people|people|persons?|individuals?|staff|employees?|officers?|pupils?|"
          r"students?|patients?|families|residents?|members?|clients?|victims?|offenders?|applicants?|"
          r"cases?|referrals?|deaths?|claimants?|tenants?|workers?|carers?|adults?|men|women|boys|girls)")
# "One case per child" is how figures are counted, not a count.
COUNT_IN_PROSE = re.compile(r"\b(\d+|" + "|".join(SMALL_WORDS) + r")\s+" + PEOPLE + r"\b(?!\s+per\b)",
                            re.IGNORECASE)
WHOLE_COUNT = re.compile(r"^\s*(\d+|" + "|".join(SMALL_WORDS) + r")\.?\s*$", re.IGNORECASE)


def check_unanswered(checker: Checker) -> None:
    answers = checker.request.answers
    walked = list(walk_items(dict(enumerate(answers.questions)), ("questions",)))
    by_loc = {loc: item for loc, _, item in walked}
    covered = _covered_locs(walked, by_loc)
    answered: set[tuple[Any, ...]] = set()
    for loc, _, item in reversed(walked):  # parts before their question
        parts = [loc + ("parts", i) for i in range(len(item.parts))]
        if item.has_answer or loc in covered or (parts and all(p in answered for p in parts)):
            answered.add(loc)
    for loc, key, item in walked:
        if not item.is_question or loc in answered or _under_an_answer(loc, by_loc):
            continue
        if item.parts:
            continue  # its unanswered parts are reported one by one
        label = " ".join(by_loc[loc[:end]].number or "" for end in range(2, len(loc) + 1, 2))
        checker.add("unanswered", _regime(checker, item), loc + ("number",),
                    f"question {label} has no answer",
                    "give `answer`, a `table`, `not_held` or an `exemption`, or cover it with a `covers:` entry"
                    + (f" (or answer question {label.rsplit(' ', 1)[0]} as a whole)" if len(loc) > 2 else ""),
                    key)


def _under_an_answer(loc: tuple[Any, ...], by_loc: dict[tuple[Any, ...], Item]) -> bool:
    """A part of a question that is answered as a whole needs no answer of its own."""
    parent = loc[:-2]
    while len(parent) >= 2 and parent in by_loc:
        if by_loc[parent].has_answer:
            return True
        parent = parent[:-2]
    return False


def _covered_locs(walked: list[tuple[tuple[Any, ...], str, Item]],
                  by_loc: dict[tuple[Any, ...], Item]) -> set[tuple[Any, ...]]:
    """Every question a `covers:` entry answers: '3 to 6c' is 3, 6c and all between, parts included."""
    order = [loc for loc, _, item in walked if item.is_question]
    by_key = {key: loc for loc, key, item in walked if item.is_question}
    covered: set[tuple[Any, ...]] = set()
    for _, _, item in walked:
        if not item.covers or not item.has_answer:
            continue
        for span in re.split(r"\s*,\s*|\s+and\s+", item.covers.strip()):
            ends = covered_keys(span)
            if len(ends) == 2 and ends[0] in by_key and ends[1] in by_key:
                first, last = order.index(by_key[ends[0]]), order.index(by_key[ends[1]])
                covered.update(order[first:last + 1])
            covered.update(by_key[k] for k in ends if k in by_key)
    # A covered question's parts are covered with it, unless some of them have answers of their
    # own: then the covering entry is a note on the question ("The data provided for Question 8
    # is as of 31st March"), and each part still needs its answer.
    answered_alone = {c for c in covered if any(p.has_answer for p in by_loc[c].parts)}
    return {loc for loc in order if loc in covered or
            any(loc[:len(c)] == c for c in covered - answered_alone)}


def _regime(checker: Checker, item: Item) -> str:
    return item.regime or checker.request.answers.regime


def check_small_numbers(checker: Checker, templates: TemplateSet) -> None:
    answers = checker.request.answers
    below = int(templates.profile(answers.date).get("small_numbers_below", 5))
    for loc, key, item, regime in items_with_regime(checker):
        personal = templates.regime(regime).personal_data
        if item.exemption and templates.library.find(regime, item.exemption.cite) == \
                templates.library.find(regime, personal):
            continue
        if item.answer:
            found = _small_count(item.answer, below)
            if found:
                checker.add("small-numbers", regime, loc + ("answer",),
                            f"the answer gives a count of {found!r}, below {below}, which may identify people",
                            f"give a total or '<{below}', withhold it under {personal}, or accept this finding "
                            "with the reason it is safe", key)
        for field, table in tables_with_locs(item, loc):
            cell = _small_cell(table, below)
            if cell:
                checker.add("small-numbers", regime, field,
                            f"the table has a count of {cell!r}, below {below}, which may identify people",
                            f"combine rows or years, show '<{below}', withhold it under {personal}, or accept "
                            "this finding with the reason it is safe", key)


def _small_count(text: str, below: int) -> str | None:
    whole = WHOLE_COUNT.match(text)
    matches = [whole] if whole else list(COUNT_IN_PROSE.finditer(text))
    for match in matches:
        word = match.group(1).lower()
        value = SMALL_WORDS.get(word) or (int(word) if word.isdigit() else 0)
        if 0 < value < below:
            return match.group(0).strip()
    return None


def _small_cell(table: Table, below: int) -> str | None:
    for row in table.rows or []:  # a CSV table's rows were read into it when the answer file was loaded
        for cell in row[1:]:
            number = parse_number(cell)
            if number is not None and number == int(number) and 0 < number < below and "." not in cell \
                    and "£" not in cell and "%" not in cell:
                return cell
    return None
