"""`exemption-details`: what an exemption's wording and its law need beside the citation.

- the library's parameters: required ones are the law's (an error), `good_practice` ones guidance's
  (a warning); unknown or malformed ones are mistakes;
- a cost-limit refusal's arithmetic (`cost.py`): under the limit, or over it only by counting what
  may not be counted, is an error;
- the dates: FOIA s22(1)(a) and EISR/EIR's future publication must be in the future; FOISA s27(1)(a)
  within twelve weeks of the request; EIR reg 14(4) (EISR reg 13(d)) the estimated time of
  completion for reg 12(4)(d) material.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from decimal import Decimal
from typing import Any

from foiletters.check.citations import Answer
from foiletters.check.cost import SOURCES, cost_of, hours_text as _hours, money_text as _pounds
from foiletters.check.deadlines import working_days_after
from foiletters.check.prose import MONTHS
from foiletters.check.rules import Checker
from foiletters.load.items import Estimate, Exemption
from foiletters.render.exemptions import Entry
from foiletters.render.markdown import is_web_address

FIXED_KEYS = ("cite", "because", "reasoning", "options", "public_interest", "ncnd", "estimate")
# The notice of a refusal under s12 or s14 is s17(5), not s17(1); FOISA s16(4) and (5).
PROCEDURAL_SOURCE = {"FOIA": "FOIA s17(5)", "FOISA": "FOISA s16(4)-(5)"}
_MONTH_NUMBER = {name[:3]: i for i, name in enumerate(calendar.month_name) if name}
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+{MONTHS}\s+(\d{{4}})\b", re.IGNORECASE)
_MONTH_YEAR = re.compile(rf"\b{MONTHS}\s+(\d{{4}})\b", re.IGNORECASE)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_TEXT_PAIRS = re.compile(r"(\d[\d,]*)\s+[^.;:\d]{0,60}?(?:×|\bx\b|\bat\b|@|\beach\b|\btaking\b)\s*"
                         r"(?:about\s+|around\s+)?(\d+(?:\.\d+)?)\s*(?:minutes?|mins?)\b", re.IGNORECASE)
_OVER_HOURS = re.compile(r"\b(?:more than|over|exceed\w*|in excess of|at least|beyond|above|upwards of)\s+(?:the\s+)?"
                         r"(\d[\d,]*(?:\.\d+)?)\s*hours?\b", re.IGNORECASE)
_OTHER_UNITS = re.compile(r"\b\d[\d,.]*\s*(?:working\s+)?(?:days?|weeks?|months?)\s+(?:of\s+)?(?:work|staff|officer)",
                          re.IGNORECASE)
_TEXT_HOURS = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*hours?\b", re.IGNORECASE)
COMPLETION_WORDS = re.compile(r"\b(complet|finish|final|expected|due|publish|ready|not known|unknown|"
                              r"no date|not yet (been )?set)", re.IGNORECASE)


def check(checker: Checker, answer: Answer, profile: dict[str, Any]) -> None:
    for citation in answer.citations:
        if citation.cited is None or citation.exemption is None:
            continue
        entry, ex = citation.cited.entry, citation.exemption
        source = PROCEDURAL_SOURCE.get(answer.regime) if entry.kind == "procedural" else None
        _params(checker, answer, entry, ex, citation.here, source)
        if entry.cost_rules and isinstance(ex.estimate, Estimate):
            _cost(checker, answer, entry, ex.estimate, citation.here + ("estimate",), profile)
        elif entry.cost_rules and isinstance(ex.estimate, str):
            _text_estimate(checker, answer, entry, ex.estimate, citation.here + ("estimate",), profile)
        _dates(checker, answer, entry, ex, citation.here)
        if citation.cited.ncnd and not (ex.ncnd or answer.item.ncnd):
            checker.add("exemption-details", answer.regime, citation.loc, f"{citation.cite} is the subsection that "
                        f"allows neither confirming nor denying, but the answer does not say `ncnd: yes`: the "
                        f"letter would print {entry.cite}'s wording, which confirms that the information is held",
                        "add `ncnd: yes` (or cite the exemption itself to withhold information you confirm you "
                        "hold)", answer.key, detail="ncnd")


def _params(checker: Checker, answer: Answer, entry: Entry, ex: Exemption, here: tuple[Any, ...],
            source: str | None) -> None:
    regime, key = answer.regime, answer.key
    params = ex.params
    given = {**params, **({"estimate": ex.estimate} if ex.estimate is not None else {})}
    for name, param in entry.params.items():
        if given.get(name):
            continue
        if param.required:
            why = f" ({param.source})" if param.source else ""
            checker.add("exemption-details", regime, here, f"{entry.cite} needs `{name}`{why}",
                        f"add `{name}:` ({param.description})", key, source=source, detail=name)
        elif param.good_practice and not _said_elsewhere(name, answer, ex):
            checker.add("exemption-details", regime, here, f"{entry.cite} is better with `{name}` "
                        f"({param.good_practice})", f"add `{name}:` ({param.description}), or accept this "
                        "finding with the reason", key, severity="warning", source=param.good_practice, detail=name)
    for name, value in params.items():
        if name == "estimate" and "estimate" not in entry.params:
            continue  # reported below, for a text or an activities estimate alike
        if name not in entry.params:
            accepted = ", ".join([*FIXED_KEYS, *[p for p in entry.params if p != "estimate"]])
            checker.add("exemption-details", regime, here + (name,), f"{entry.cite} takes no `{name}`",
                        f"expected one of: {accepted}", key, detail=name)
        elif not isinstance(value, str):
            checker.add("exemption-details", regime, here + (name,), f"`{name}` must be text",
                        "write it as text, in quotes if it starts with a symbol", key, detail=name)
        elif entry.params[name].choices and value not in (entry.params[name].choices or []):
            checker.add("exemption-details", regime, here + (name,), f"{entry.cite} has no {name} {value!r}",
                        f"write one of: {', '.join(entry.params[name].choices or [])}", key, detail=name)
        elif name == "link" and not is_web_address(value):
            checker.add("exemption-details", regime, here + (name,), f"{value!r} is not a web address",
                        "a link starts with https://", key, detail=name)
    if ex.estimate is not None and "estimate" not in entry.params:
        checker.add("exemption-details", regime, here + ("estimate",), f"{entry.cite} takes no `estimate`",
                    "an estimate belongs to a cost-limit refusal (s12, FOISA s12(1), reg 12(4)(b))", key,
                    detail="estimate")
    for index, option in enumerate(ex.options):
        if option not in entry.options:
            checker.add("exemption-details", regime, here + ("options", index),
                        f"{entry.cite} has no option {option!r}", f"its options: {', '.join(entry.options) or 'none'}",
                        key, detail="options")


def _said_elsewhere(name: str, answer: Answer, ex: Exemption) -> bool:
    """A detail the officer wrote in the answer's own words instead (reg 12(4)(d)'s completion)."""
    if name != "completion":
        return False
    text = " ".join(t or "" for t in (answer.item.answer, ex.because, ex.reasoning, answer.item.harm))
    return COMPLETION_WORDS.search(text) is not None


def _cost(checker: Checker, answer: Answer, entry: Entry, estimate: Estimate, here: tuple[Any, ...],
          profile: dict[str, Any]) -> None:
    rules = entry.cost_rules
    assert rules is not None
    cost = cost_of(estimate, rules, profile)
    source, key, regime = SOURCES[rules], answer.key, answer.regime
    if rules == "FOISA" and cost.rate > 15:
        checker.add("exemption-details", regime, here + ("rate",), f"the estimate counts staff time at £{cost.rate} "
                    "an hour; FOISA allows no more than £15 an hour", "use £15 or less",
                    key, source="Fees for Required Disclosure (Scotland) Regulations 2004, reg 3(2)(b)")
        return
    if rules == "FOIA" and cost.rate != 25:
        checker.add("exemption-details", regime, here + ("rate",), f"the estimate counts staff time at £{cost.rate} "
                    "an hour; the Fees Regulations fix it at £25", "leave out `rate` (and `cost_rate` in the profile)",
                    key, source="Fees Regulations 2004, reg 4(4)")
        return
    assert cost.limit is not None
    _aggregation(checker, answer, estimate, rules, here)
    wrong = ", ".join(f"{a.what} ({a.kind})" for a in cost.counted_but_not_lawful)
    if cost.cost <= cost.limit:
        checker.add("exemption-details", regime, here, f"the estimate comes to {cost.hours_text} hours, "
                    f"£{cost.cost_text}, which does not exceed the limit of £{_pounds(cost.limit)}: "
                    f"{entry.cite} does not apply", "answer the request, or show the work the estimate leaves out",
                    key, source=source)
    elif cost.lawful_cost <= cost.limit:
        checker.add("exemption-details", regime, here, f"the estimate exceeds £{_pounds(cost.limit)} only by "
                    f"counting {wrong}, which the limit may not count: without it, {_hours(cost.lawful_hours)} "
                    f"hours, £{_pounds(cost.lawful_cost)}", "answer the request; " + _what_counts(rules),
                    key, source=source)
    elif cost.counted_but_not_lawful:
        checker.add("exemption-details", regime, here, f"the estimate counts {wrong}, which the limit may not "
                    f"count (it is still over the limit without it: {_hours(cost.lawful_hours)} hours)",
                    "set `counts: no` on it, or leave it out; " + _what_counts(rules), key,
                    severity="warning", source=source)


def _what_counts(rules: str) -> str:
    if rules == "FOIA":
        return "only determining whether it is held, locating, retrieving and extracting count (reg 4(3))"
    return "determining whether it is held, and whether it should be given, does not count (reg 3(2)(a))"


def _aggregation(checker: Checker, answer: Answer, estimate: Estimate, rules: str, here: tuple[Any, ...]) -> None:
    received = checker.request.answers.received
    for index, other in enumerate(estimate.aggregated):
        at = here + ("aggregated", index)
        if rules == "FOIA" and other.requester == "other":
            checker.add("exemption-details", answer.regime, at + ("requester",), f"request {other.reference} is "
                        "from another person: FOIA aggregates only requests from one person, or from persons "
                        "acting in concert or in a campaign", "leave it out of the estimate", answer.key,
                        source="Fees Regulations 2004, reg 5(1)-(2)")
        if rules == "FOISA" and other.requester != "other":
            checker.add("exemption-details", answer.regime, at + ("requester",), f"request {other.reference} is "
                        "from the same person: the Scottish Fees Regulations aggregate only requests from "
                        "different persons for the same information, which is then made public",
                        "leave it out of the estimate", answer.key,
                        source="Fees for Required Disclosure (Scotland) Regulations 2004, reg 6")
    if rules == "FOIA" and received and estimate.aggregated:
        days = [other.received for other in estimate.aggregated] + [received]
        span = working_days_after(min(days), max(days), "FOIA") + 1
        if span > 60:
            checker.add("exemption-details", answer.regime, here + ("aggregated",), f"the aggregated requests "
                        f"arrived over {span} working days; FOIA aggregates only those received within 60 "
                        "consecutive working days", "leave out the requests outside that period", answer.key,
                        source="Fees Regulations 2004, reg 5(2)(b)")


def _text_estimate(checker: Checker, answer: Answer, entry: Entry, text: str, here: tuple[Any, ...],
                   profile: dict[str, Any]) -> None:
    """An estimate written as text: its hours read from 'N items at M minutes' and 'N hours'."""
    rules = entry.cost_rules
    limit = Decimal(600) if rules == "FOISA" else Decimal(str(profile.get("cost_limit", 450)))
    rate = Decimal(15) if rules == "FOISA" else Decimal(25)
    limit_hours = limit / rate
    if _OTHER_UNITS.search(text) or any(Decimal(h.replace(",", "")) >= limit_hours
                                        for h in _OVER_HOURS.findall(text)):
        return  # "more than 18 hours", "three weeks of work": over the limit, or not in hours
    pairs = [Decimal(q.replace(",", "")) * Decimal(m) / 60 for q, m in _TEXT_PAIRS.findall(text)]
    # The limit itself ("the 18 hours limit") is not the estimate.
    totals = [h for h in (Decimal(h.replace(",", "")) for h in _TEXT_HOURS.findall(text)) if h != limit_hours]
    if not pairs and not totals:
        return
    hours = max([sum(pairs, Decimal(0)), *totals])
    if hours * rate <= limit:
        checker.add("exemption-details", answer.regime, here, f"the estimate comes to {_hours(hours)} hours, "
                    f"£{_pounds(hours * rate)} at £{rate} an hour, which does not exceed the limit of "
                    f"£{_pounds(limit)}: {entry.cite} does not apply",
                    "answer the request, or give the estimate as `activities` with all the work", answer.key,
                    source=SOURCES[rules or "FOIA"])


def _dates(checker: Checker, answer: Answer, entry: Entry, ex: Exemption, here: tuple[Any, ...]) -> None:
    publication = ex.params.get("publication")
    if "publication" not in entry.params or not isinstance(publication, str):
        return
    letter = checker.request.answers
    first, last = _date_span(publication)
    regime, key = answer.regime, answer.key
    if last is not None and letter.date and last < letter.date:
        checker.add("exemption-details", regime, here + ("publication",), f"the publication date "
                    f"({publication}) is before the letter's date: {entry.cite} is for information held for "
                    "publication at a future date", "if it is published, cite the exemption for information "
                    "accessible by other means (s21, FOISA s25) with the link", key)
        return
    if regime != "FOISA":
        return
    received = letter.received or letter.date
    if received is None:
        return
    limit = received + dt.timedelta(weeks=12)
    source = "FOISA s27(1)(a)"
    if first is None:
        checker.add("exemption-details", regime, here + ("publication",), f"{entry.cite} needs publication no "
                    f"later than twelve weeks after the request ({limit:%d %B %Y}), but the date cannot be told "
                    f"from {publication!r}", "give the date, e.g. 'on our website on 30 May 2026'", key,
                    severity="warning", source=source, detail="publication")
    elif first > limit:
        checker.add("exemption-details", regime, here + ("publication",), f"the publication ({publication}) is "
                    f"more than twelve weeks after the request: s27(1) needs it by {limit:%d %B %Y}",
                    "use another exemption, or publish by that date", key, source=source)
    elif last is not None and last > limit:
        checker.add("exemption-details", regime, here + ("publication",), f"{publication!r} may be more than "
                    f"twelve weeks after the request ({limit:%d %B %Y})", "give the day of publication", key,
                    severity="warning", source=source, detail="publication")


def _date_span(text: str) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day a publication text can mean: '30 May 2026' is one day, 'May 2026' a month."""
    for match in _ISO.finditer(text):
        try:
            day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            continue
        return day, day
    for match in _DAY_MONTH_YEAR.finditer(text):
        try:
            day = dt.date(int(match[3]), _MONTH_NUMBER[match[2][:3].title()], int(match[1]))
        except (ValueError, KeyError):
            continue
        return day, day
    for match in _MONTH_YEAR.finditer(text):
        month, year = _MONTH_NUMBER.get(match[1][:3].title()), int(match[2])
        if month:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    return None, None
