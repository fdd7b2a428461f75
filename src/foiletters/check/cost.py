"""The arithmetic of a cost-limit refusal: what counts, at what rate, against which limit.

FOIA s12 with the Freedom of Information and Data Protection (Appropriate Limit and Fees)
Regulations 2004 (SI 2004/3244, https://www.legislation.gov.uk/uksi/2004/3244):
- reg 3(2), (3): the appropriate limit is £600 for an authority in Part I of Schedule 1 to FOIA
  and £450 for any other (the house profile's `cost_limit`);
- reg 4(3): only the time spent determining whether the information is held, locating it,
  retrieving it and extracting it may be counted (not considering exemptions, nor redacting);
- reg 4(4): staff time at £25 an hour;
- reg 5: requests by one person, or persons acting in concert or in a campaign, for the same or
  similar information, received within 60 consecutive working days, may be aggregated.
FOISA s12 with the Freedom of Information (Fees for Required Disclosure) (Scotland) Regulations
2004 (SSI 2004/467, https://www.legislation.gov.uk/ssi/2004/467):
- reg 3(1): projected costs are those of locating, retrieving and providing the information;
- reg 3(2)(a): nothing for determining whether it is held, or whether it should be given;
- reg 3(2)(b): staff time at no more than £15 an hour;
- reg 5: the prescribed amount is £600;
- reg 6: requests by *different* persons on the same subject may be aggregated, when the authority
  makes the information public within 20 working days of the first.
The physical work of blanking out what is withheld is part of providing it (the Scottish
Information Commissioner's fees FAQ); deciding what to withhold is not.
The EIR and EISRs have no cost limit: the burden is weighed under reg 12(4)(b) / reg 10(4)(b).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from foiletters.load.items import Activity, Estimate, Exemption
from foiletters.render.exemptions import Entry

COUNTED = {
    "FOIA": {"determining", "locating", "retrieving", "extracting"},
    "FOISA": {"locating", "retrieving", "providing", "redacting"},
}
RATE = {"FOIA": Decimal(25), "FOISA": Decimal(15)}  # FOIA: the rate; FOISA: the most that may be used
FOISA_LIMIT = Decimal(600)
FOIA_LIMITS = (Decimal(450), Decimal(600))
SOURCES = {
    "FOIA": "FOIA s12 and the Fees Regulations 2004, regs 3 and 4",
    "FOISA": "FOISA s12(1) and the Fees for Required Disclosure (Scotland) Regulations 2004, regs 3 and 5",
}


@dataclass(frozen=True)
class CostedActivity:
    what: str
    kind: str
    hours: Decimal
    counted: bool  # what the estimate counts (the officer's `counts`, else the law's)
    lawful: bool  # what the law lets it count
    arithmetic: str  # '3,000 × 3 minutes = 150 hours'


@dataclass(frozen=True)
class Cost:
    """An estimate computed: the hours the estimate counts, the cost, and what the law would count."""

    activities: list[CostedActivity]
    rate: Decimal
    limit: Decimal | None  # None: the regime has no cost limit

    @property
    def hours(self) -> Decimal:
        return sum((a.hours for a in self.activities if a.counted), Decimal(0))

    @property
    def lawful_hours(self) -> Decimal:
        return sum((a.hours for a in self.activities if a.lawful), Decimal(0))

    @property
    def cost(self) -> Decimal:
        return self.hours * self.rate

    @property
    def lawful_cost(self) -> Decimal:
        return self.lawful_hours * self.rate

    @property
    def hours_text(self) -> str:
        return hours_text(self.hours)

    @property
    def cost_text(self) -> str:
        return money_text(self.cost)

    @property
    def counted_but_not_lawful(self) -> list[CostedActivity]:
        return [a for a in self.activities if a.counted and not a.lawful]


def estimate_cost(exemption: Exemption, entry: Entry | None, profile: dict[str, Any]) -> Cost | None:
    """The computed estimate of an exemption whose `estimate` is given as activities, else None."""
    if entry is None or not isinstance(exemption.estimate, Estimate):
        return None
    return cost_of(exemption.estimate, entry.cost_rules, profile)


def cost_of(estimate: Estimate, rules: str | None, profile: dict[str, Any]) -> Cost:
    """The estimate under `rules` (FOIA, FOISA, or None for a regime without a cost limit)."""
    counted = COUNTED.get(rules or "")
    activities = []
    for activity in estimate.activities:
        lawful = activity.kind in counted if counted is not None else True
        hours = _hours(activity)
        activities.append(CostedActivity(activity.what, activity.kind, hours,
                                         lawful if activity.counts is None else activity.counts, lawful,
                                         _arithmetic(activity, hours)))
    if rules == "FOISA":
        rate = Decimal(str(estimate.rate)) if estimate.rate else RATE["FOISA"]
        limit: Decimal | None = FOISA_LIMIT
    elif rules == "FOIA":
        rate = Decimal(str(estimate.rate)) if estimate.rate else Decimal(str(profile.get("cost_rate", 25)))
        limit = Decimal(str(profile.get("cost_limit", 450)))
    else:
        rate = Decimal(str(estimate.rate)) if estimate.rate else Decimal(str(profile.get("cost_rate", 25)))
        limit = None
    return Cost(activities, rate, limit)


def _hours(activity: Activity) -> Decimal:
    if activity.hours is not None:
        return Decimal(str(activity.hours))
    return Decimal(activity.quantity) * Decimal(str(activity.minutes)) / 60


def _arithmetic(activity: Activity, hours: Decimal) -> str:
    if activity.hours is not None:
        return f"{hours_text(hours)} hour{'s' * (hours != 1)}"
    minutes = hours_text(Decimal(str(activity.minutes)))
    each = f"{minutes} minute{'s' * (Decimal(str(activity.minutes)) != 1)}"
    if activity.quantity == 1:
        return f"{each} = {hours_text(hours)} hours"
    return f"{activity.quantity:,} × {each} = {hours_text(hours)} hours"


def hours_text(value: Decimal) -> str:
    """150 -> '150'; 62.5 -> '62.5'; 1333.333 -> '1,333.3'."""
    rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.1f}"
    return text[:-2] if text.endswith(".0") else text


def money_text(value: Decimal) -> str:
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    text = f"{rounded:,.2f}"
    return text[:-3] if text.endswith(".00") else text
