"""Check the answers themselves: every question answered, no small counts that identify people."""

from __future__ import annotations

import re
from typing import Any

from foiletters.check.citations import question_key
from foiletters.check.exemptions import items_with_regime
from foiletters.check.prose import sentences, without_non_figures
from foiletters.check.rules import Checker
from foiletters.load.answerfile import tables_with_locs, walk_items
from foiletters.load.model import Item, Table, covered_keys, parse_number
from foiletters.render.house import TemplateSet

SMALL_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
# A count of people in prose: "3 children", "two members of staff"; or of what happened to people:
# "2 complaints, 1 upheld", "three dismissals". Counts of other things ("2 contracts") identify nobody,
# so only nouns for people and for events about people are looked for.
PEOPLE = (r"(children|child|young people|people|persons?|individuals?|staff|employees?|officers?|pupils?|"
          r"students?|patients?|families|residents?|members?|clients?|victims?|offenders?|applicants?|"
          r"cases?|referrals?|deaths?|claimants?|tenants?|workers?|carers?|adults?|men|women|boys|girls|"
          r"complaints?|grievances?|allegations?|incidents?|dismissals?|suspensions?|exclusions?|arrests?|"
          r"hearings?|investigations?|disciplinar\w*|sanctions?|warnings?|convictions?|cautions?|injur(y|ies)|"
          r"assaults?|admissions?|births?|leavers?|resignations?|tribunals?|prosecutions?|concerns?|"
          r"safeguarding|whistleblowing)")
# What happened to some of them: "1 upheld", "2 were dismissed".
OUTCOME = (r"((were|was|have been|has been)\s+)?(upheld|dismissed|suspended|excluded|arrested|charged|convicted|"
           r"disciplined|sacked|resigned|died|injured|substantiated|proven|partially upheld)")
# "One case per child" is how figures are counted, not a count.
COUNT_IN_PROSE = re.compile(r"\b(\d+|" + "|".join(SMALL_WORDS) + r")\s+(((?!per\b)\w+\s+){0,2}?" + PEOPLE
                            + r"\b(?!\s+per\b)|" + OUTCOME + r"\b)", re.IGNORECASE)
# Cells that hide a small count: '<5', '*', 'c', '[c]', 'fewer than 5'.
SUPPRESSED = re.compile(r"^\s*(<\s*\d+|\*|\[?c\]?|\[x\]|~|suppressed|redacted|(fewer|less) than \d+|under \d+|"
                        r"[01]\s*(-|–|to)\s*[4-9])\s*$", re.IGNORECASE)
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
    for loc, written_key, item, regime in items_with_regime(checker):
        key = question_key(written_key, item)
        personal = templates.regime(regime).personal_data
        personal_entry = templates.library.find(regime, personal)
        if any(templates.library.find(regime, ex.cite) is personal_entry for ex in item.all_exemptions):
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
            revealed = _revealed_by_difference(table)
            if revealed:
                checker.add("small-numbers", regime, field, f"the hidden cell {revealed[0]!r} ({revealed[1]}) can be "
                            f"worked out from the total and the other cells: it is {revealed[2]}",
                            "hide a second cell of that row or column too, or give the total as a range or not at "
                            "all", key)



def _small_count(text: str, below: int) -> str | None:
    whole = WHOLE_COUNT.match(text)
    # Dates, citations and time limits are not counts ("1 April", "section 2 of", "3 working days").
    matches = [whole] if whole else [m for sentence in sentences(text)
                                     for m in COUNT_IN_PROSE.finditer(without_non_figures(sentence))]
    for match in matches:
        word = match.group(1).lower()
        if re.match(r"\w+\s+(of|or)\b", match.group(0)):  # "one of the complaints", "one or more cases"
            continue
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


def _revealed_by_difference(table: Table) -> tuple[str, str, str] | None:
    """A suppressed cell that its column's (or row's) published total and the other cells give away."""
    rows = [list(r) for r in table.rows or []]
    data = [r for r in rows if r and not re.search(r"\btotal\b", r[0], re.IGNORECASE)]
    totals = [r for r in rows if r and re.search(r"\btotal\b", r[0], re.IGNORECASE)]
    if table.total and table.total.cells:
        totals.append([table.total.label, *table.total.cells])
    width = max((len(r) for r in rows), default=0)
    for total_row in totals:
        for col in range(1, min(width, len(total_row))):
            found = _one_hidden([r[col] for r in data if col < len(r)], total_row[col])
            if found:
                hidden, value = found
                row = next(r for r in data if col < len(r) and r[col] == hidden)
                return hidden, f"row {row[0]!r}", value
    headers = table.columns or []
    total_cols = [i for i, h in enumerate(headers) if i and re.search(r"\btotal\b", str(h), re.IGNORECASE)]
    for col in total_cols:
        for row in data:
            if col < len(row):
                found = _one_hidden([c for i, c in enumerate(row[1:], 1) if i != col and i not in total_cols],
                                    row[col])
                if found:
                    return found[0], f"row {row[0]!r}", found[1]
    return None


def _one_hidden(cells: list[str], total: str) -> tuple[str, str] | None:
    hidden = [c for c in cells if SUPPRESSED.match(c or "")]
    whole = parse_number(total or "")
    if len(hidden) != 1 or whole is None:
        return None
    others = [parse_number(c) for c in cells if c not in hidden and (c or "").strip() not in ("", "-", "–", "—")]
    if any(n is None for n in others):
        return None
    value = whole - sum(others)  # type: ignore[arg-type]
    return hidden[0], str(int(value)) if value == value.to_integral() else str(value)
