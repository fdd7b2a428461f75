"""`regime-rights`: the rendered letter gives the particulars its law requires of a first response.

What the statute asks (errors):
- FOIA s17(7): particulars of the authority's procedure for complaints about its handling of
  requests (a review), or that it has none; and of the right conferred by s50 (a complaint to the
  Information Commissioner).
- EIR reg 14(5): that the applicant may make representations under reg 11 (a review); and the
  enforcement and appeal provisions of FOIA applied by reg 18 (the Information Commissioner).
- FOISA s19: the authority's procedure for complaints, and the rights of application to the
  authority (a review, s20(1)) and to the Scottish Information Commissioner (s47(1)).
- EISR reg 13(e): the rights of review (reg 16) and of application to the Scottish Information
  Commissioner (reg 17).
A letter gives them in any words: "review", "complain", "appeal", "reconsider"; "the Information
Commissioner", "the ICO"; written over several lines; in Welsh ("adolygiad", "Comisiynydd
Gwybodaeth"); or by pointing to an enclosed sheet of the requester's rights.
Good practice (warnings): the time to ask for a review, the regulator's postal address (ICO
guidance; for Scotland the Scottish Information Commissioner's), and, under FOISA and the EISRs,
the six months to apply to the Commissioner (s47(4)(b)).
A Scottish letter that sends the requester to the ICO for a review or a complaint about the request
(or an English, Welsh or Northern Irish one to the Scottish Commissioner) misstates the rights: an
error. Naming the ICO in another role (data protection) is no defect.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from foiletters.check.exemptions import JURISDICTION
from foiletters.check.rules import Checker
from foiletters.render.house import TemplateSet

REVIEW = re.compile(r"\b(review|reconsider\w*|complain\w*|complaints?|appeal\w*|representations?|dissatisfied|"
                    r"unhappy|not satisfied|adolygiad|adolygu|cwyn|cwynion|apelio)\b", re.IGNORECASE)
ICO = re.compile(r"\b((?<!scottish )information commissioner|ico\b|ico\.org\.uk|comisiynydd gwybodaeth|"
                 r"swyddfa'r comisiynydd)", re.IGNORECASE)
SIC = re.compile(r"\b(scottish information commissioner|commissioner for scotland|foi\.scot|itspublicknowledge|"
                 r"scottish commissioner)", re.IGNORECASE)
ENCLOSED = re.compile(r"\b(enclosed|attached|accompanying|overleaf|leaflet|sheet|appendix|annex)\b[^.]{0,120}"
                      r"\b(rights?|review|appeal|complain\w*|hawliau)\b|\b(rights?|review|appeal|complain\w*)\b"
                      r"[^.]{0,120}\b(enclosed|attached|accompanying|overleaf|leaflet|sheet)\b", re.IGNORECASE)
TIME_TO_ASK = re.compile(r"\b(\d+|forty|twenty|two|three|six)\s+(working\s+|calendar\s+)?(days?|months?|weeks?)\b|"
                         r"\b\d+\s+diwrnod\b|\bdiwrnod gwaith\b", re.IGNORECASE)
SIX_MONTHS = re.compile(r"\b(six|6)\s+months?\b|\bchwe mis\b", re.IGNORECASE)
OTHER_ROLE = re.compile(r"\b(data protection|personal data|subject access|uk gdpr|gdpr|dpa|data rights|"
                        r"your (own )?data|privacy)\b", re.IGNORECASE)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def check_rights(checker: Checker, templates: TemplateSet, text: str, on: dt.date | None = None,
                 loc: tuple[Any, ...] = ("date",), regimes: list[str] | None = None) -> None:
    """`text`: the letter's words, as `letter_text` gives them; `on`: the letter's date (the response's when
    None); `loc`: the field the findings point at; `regimes`: the laws the letter is under (the response's)."""
    answers = checker.request.answers
    on = on or answers.date
    flat = " ".join(text.split())
    enclosed = ENCLOSED.search(flat) is not None
    # A regime of the other jurisdiction is the `regime-mix` finding's to report, not this one's.
    regimes = [r for r in regimes or answers.regimes if JURISDICTION[r] == JURISDICTION[answers.regime]]
    scottish = JURISDICTION[answers.regime] == "Scotland"
    regulator_name = SIC if scottish else ICO
    missing = []
    if not enclosed:
        if not REVIEW.search(flat):
            missing.append("the right to ask for a review (or to complain to us)")
        if not regulator_name.search(flat):
            missing.append("the right to apply to the " + ("Scottish Information Commissioner" if scottish
                                                          else "Information Commissioner"))
    if missing:
        law = ", ".join(templates.regime(r).short for r in regimes)
        checker.add("regime-rights", answers.regime, loc, f"the letter does not give {' or '.join(missing)}, "
                    f"which a {law} response must", "the governance team adds them to the review or regulator "
                    "boilerplate (templates/boilerplate/review/ or regulator/) in force on the letter's date, or "
                    "points to an enclosed sheet of the requester's rights")
    _wrong_regulator(checker, flat, scottish, loc)
    if enclosed or missing:
        return
    _good_practice(checker, templates, flat, regimes, on, loc)


def _wrong_regulator(checker: Checker, flat: str, scottish: bool, loc: tuple[Any, ...]) -> None:
    other = ICO if scottish else SIC
    for sentence in _SENTENCE.split(flat):
        found = other.search(sentence)
        if not found or OTHER_ROLE.search(sentence):
            continue
        if not re.search(r"\b(review|complain\w*|appeal\w*|apply|application|decision|unhappy|dissatisfied|"
                         r"not satisfied|contact|write|refer)\b", sentence, re.IGNORECASE):
            continue
        right, wrong = (("the Scottish Information Commissioner (FOISA s47, EISR reg 17)", "the ICO") if scottish
                        else ("the Information Commissioner (FOIA s50, EIR reg 18)", "the Scottish Information "
                              "Commissioner"))
        checker.add("regime-rights", checker.request.answers.regime, loc, f"the letter sends the requester to "
                    f"{wrong} ({found.group(0)!r}) for a review or a complaint about this request; under this "
                    f"law it is {right}", "the governance team corrects the review or regulator boilerplate in "
                    "force on the letter's date")
        return


def _good_practice(checker: Checker, templates: TemplateSet, flat: str, regimes: list[str], on: dt.date | None,
                   loc: tuple[Any, ...]) -> None:
    answers = checker.request.answers
    regulator = templates.regulator(answers.regime, on)
    postcode = re.search(r"[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\s*$", regulator["address"])
    lacking = []
    if not TIME_TO_ASK.search(flat):
        lacking.append("how long the requester has to ask for a review")
    if postcode and re.sub(r"\s+", "", postcode.group(0)).lower() not in re.sub(r"\s+", "", flat).lower():
        lacking.append(f"the {regulator['name']}'s postal address")
    if any(r in ("FOISA", "EISR") for r in regimes) and not SIX_MONTHS.search(flat):
        lacking.append("the six months to apply to the Commissioner (FOISA s47(4)(b))")
    if lacking:
        checker.add("regime-rights", answers.regime, loc, "the letter does not give " + ", or ".join(lacking),
                    "the governance team adds it to the review or regulator boilerplate in force on the letter's "
                    "date", severity="warning",
                    source="ICO guidance and the s45 Code of Practice (2018); the Scottish Information "
                    "Commissioner's guidance on refusal notices")
