"""A set of answer files with known dates and outcomes, for the statistics' tests: each says, in its
comment, the working days counted by hand (FOIA and the EIR skip the bank holidays of every part of
the UK; FOISA and the EISR only Scotland's) and where it falls.

2026's bank holidays that matter here: Good Friday 3 April (everywhere), Easter Monday 6 April (not in
Scotland), 4 May and 25 May (everywhere), 15 June (Scotland only, so FOIA skips it too), 13 July (Northern
Ireland only, so FOIA and the EIR skip it), 3 August (Scotland only). Financial quarters: Q4 2025/26 is
January to March 2026, Q1 2026/27 April to June, Q2 2026/27 July to September.
"""

from __future__ import annotations

from pathlib import Path

AS_OF = "2026-07-31"

CASES = {
    # Received Tuesday 31 March (the last day of Q4 2025/26). Days from Wednesday 1 April: 1, 2 April (2);
    # 3 and 6 April are holidays; 7-10 (6), 13-17 (11), 20-24 (16), 27-30 April (20): due 30 April,
    # answered on it: in time, 20 working days. Released in full.
    "A": """reference: A/2026
received: 2026-03-31
date: 2026-04-30
subject: bin collections
questions:
  - number: "1."
    text: How many bins?
    answer: Forty.
""",
    # FOISA, received the same day: Easter Monday is a working day in Scotland, so 1, 2, 6 April (3), 7-10
    # (7), 13-17 (12), 20-24 (17), 27-29 April (20): due 29 April; answered 30 April: late, 21 working
    # days. Not held.
    "B": """reference: B/2026
regime: FOISA
received: 2026-03-31
date: 2026-04-30
subject: ferry timetables
questions:
  - number: "1."
    text: The 2001 timetable.
    not_held: yes
""",
    # Received Monday 5 January (Q4 2025/26): 6-9 (4), 12-16 (9), 19-23 (14), 26-30 January (19): in time,
    # 19 days. An answer and s21: partly withheld. Review requested 27 March (Q4), its outcome dated 24 April
    # (Q1 2026/27), upheld in part; a complaint to the ICO lodged 20 May (Q1), not upheld on 15 July (Q2); an
    # appeal to the tribunal lodged 20 July, which is not a complaint to the regulator: not counted.
    "M": """reference: M/2026
received: 2026-01-05
date: 2026-01-30
subject: parking permits
questions:
  - number: "1."
    text: How many permits?
    answer: 310.
  - number: "2."
    text: The permit policy.
    exemption:
      cite: s21
      url: https://www.example.gov.uk/permits
letters:
  - kind: review
    date: 2026-04-24
    requested: {received: 2026-03-27}
    outcome: upheld-in-part
    findings: The policy link was out of date.
appeals:
  - lodged: 2026-05-20
    decided: 2026-07-15
    outcome: not-upheld
  - to: tribunal
    lodged: 2026-07-20
""",
    # Received 1 April (Q1 2026/27); a clarification sent 2 April, answered Friday 10 April: the clock starts
    # again, 13-17 (5), 20-24 (10), 27 April-1 May (15), 4 May a holiday, 5-8 (19), 11 May (20): due 11 May,
    # answered on it: in time, 20 days. An answer and s40(2): partly withheld.
    "C": """reference: C/2026
received: 2026-04-01
date: 2026-05-11
subject: staff numbers
letters:
  - kind: clarification
    date: 2026-04-02
    unclear: Which year?
    answered: 2026-04-10
questions:
  - number: "1."
    text: How many staff?
    answer: 52.
  - number: "2."
    text: Their names.
    exemption: {cite: s40(2)}
""",
    # Received 1 April: 2 April (1), 7-10 (5), 13-17 (10), 20-24 (15), 27 April-1 May (20): due 1 May.
    # Extended on 28 April (public interest) to 29 May; answered 20 May: within the extension, after
    # 4 May (holiday), 5-8 (24), 11-15 (29), 18-20 (32): 32 days. s43(2) alone: withheld in full.
    "D": """reference: D/2026
received: 2026-04-01
date: 2026-05-20
subject: a contract
letters:
  - kind: extension
    date: 2026-04-28
    reason: public-interest
    until: 2026-05-29
    exemptions: [{cite: s43(2)}]
questions:
  - number: "1."
    text: The contract.
    exemption:
      cite: s43(2)
      public_interest: {for: [Openness.], against: [Prices.], conclusion: Withheld.}
""",
    # Received 1 April, due 1 May (as D), answered Tuesday 5 May (4 May a holiday): late, 21 days.
    # Refused under s12 alone: refused on cost (s12 is no exemption: not counted among them).
    "E": """reference: E/2026
received: 2026-04-01
date: 2026-05-05
subject: every email
questions:
  - number: "1."
    text: Every email since 2010.
    exemption: {cite: s12, estimate: 40 hours, advice: Ask for one year.}
""",
    # FOIA with an EIR part. Received Tuesday 30 June (the last day of Q1 2026/27): 1-3 July (3), 6-10
    # (8), 13 July a holiday in Northern Ireland, 14-17 (12), 20-24 (17), 27-28 July (19): answered 28 July,
    # in time under both, 19 days. FOIA: released in full; EIR: reg 12(5)(e), withheld in full; in the total,
    # once, partly withheld.
    "F": """reference: F/2026
received: 2026-06-30
date: 2026-07-28
subject: a landfill site
questions:
  - number: "1."
    text: The site's opening hours.
    answer: Nine to five.
  - number: "2."
    text: The operator's tonnage report.
    regime: EIR
    exemption:
      cite: reg 12(5)(e)
      public_interest: {for: [Openness.], against: [Trade.], conclusion: Withheld.}
""",
    # Received 1 July (Q2): 2-3 (2), 6-10 (7), 13 a holiday, 14-17 (11), 20-24 (16), 27-30 July (20): due
    # 30 July; on 31 July still open, and overdue.
    "G": """reference: G/2026
received: 2026-07-01
subject: road gritting
letters:
  - kind: acknowledgement
    date: 2026-07-02
""",
    # Received 20 July: open on 31 July, not yet due.
    "H": """reference: H/2026
received: 2026-07-20
subject: libraries
letters:
  - kind: acknowledgement
    date: 2026-07-21
""",
    # Received 15 April (Q1), withdrawn 20 April.
    "I": """reference: I/2026
received: 2026-04-15
subject: a festival
closed: {date: 2026-04-20, reason: withdrawn}
""",
    # Received 1 May (Q1); a clarification never answered; closed as lapsed on 15 June.
    "J": """reference: J/2026
received: 2026-05-01
subject: something unclear
letters:
  - kind: clarification
    date: 2026-05-05
    unclear: What is meant by 'everything'?
closed: {date: 2026-06-15, reason: lapsed}
""",
    # Received Friday 1 May (Q1); refused as vexatious on 7 May: 4 May a holiday, 5-7 May: in time, 3 days.
    "K": """reference: K/2026
received: 2026-05-01
subject: the same again
letters:
  - kind: refusal
    date: 2026-05-07
    cite: s14(1)
    because: The fortieth request on this in a month.
""",
    # Received 1 May: 5-8 (4), 11-15 (9), 18-22 (14), 25 a holiday, 26-29 May (18): answered 29 May, in
    # time, 18 days. Neither confirmed nor denied under s31.
    "L": """reference: L/2026
received: 2026-05-01
date: 2026-05-29
subject: an investigation
questions:
  - number: "1."
    text: Are you investigating X?
    exemption: {cite: s31(1), ncnd: yes}
    harm: It would prejudice the investigation.
    public_interest: {for: [Openness.], against: [Justice.], conclusion: Neither confirmed nor denied.}
""",
    # Received Monday 1 June (Q1): 2-5 (4), 8-12 (9), 15 June a holiday in Scotland (so for FOIA too),
    # 16-19 (13), 22-26 June (18): answered 26 June, in time, 18 days. Released in full. A review requested
    # 10 July (Q2) whose outcome is dated 14 August, after the day counted: requested, not completed.
    "N": """reference: N/2026
received: 2026-06-01
date: 2026-06-26
subject: park benches
questions:
  - number: "1."
    text: How many benches?
    answer: 212.
letters:
  - kind: review
    date: 2026-08-14
    requested: {received: 2026-07-10}
    outcome: upheld
    findings: The count was right.
""",
    # EISR, received 1 April: in Scotland 2 April (1), 6-10 (6), 13-17 (11), 20-24 (16), 27-30 April (20):
    # due 30 April; extended (complex, reg 7) on 20 April to 29 May; answered 28 May: 1 May (21), 4 May a
    # holiday, 5-8 (25), 11-15 (30), 18-22 (35), 25 a holiday, 26-28 (38): within the extension, 38 days.
    "O": """reference: O/2026
regime: EISR
received: 2026-04-01
date: 2026-05-28
subject: air quality
letters:
  - kind: extension
    date: 2026-04-20
    reason: complex
    until: 2026-05-29
questions:
  - number: "1."
    text: The monitoring data.
    answer: Attached.
""",
    # Received 1 June (Q1), transferred on 3 June: 2-3 June, in time, 2 days.
    "P": """reference: P/2026
received: 2026-06-01
subject: a hospital
letters:
  - kind: transfer
    date: 2026-06-03
    to: {name: The Health Board}
""",
    # Received 6 July (Q2), answered 3 August, after the day counted: on 31 July still open and not due
    # (7-10 (4), 13 a holiday, 14-17 (8), 20-24 (13), 27-31 (18)). On 10 August: 3 August is a holiday in
    # Scotland, so FOIA skips it; the response on it is day 18 still: in time.
    "Q": """reference: Q/2026
received: 2026-07-06
date: 2026-08-03
subject: bridges
questions:
  - number: "1."
    text: How many bridges?
    answer: Nine.
""",
    # No received date: counted in the quarter of its letter (Q1), its time not known. Released in full.
    "R": """reference: R/2026
date: 2026-05-15
subject: allotments
questions:
  - number: "1."
    text: How many allotments?
    answer: 80.
""",
}


def write_cases(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CASES.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder
