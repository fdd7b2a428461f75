"""Response deadlines in working days, against a table worked out by hand.

Every expected date below was counted by hand on a printed calendar, not with the `holidays`
package or the code under test. Day 0 is the day of receipt (or of clarification); day 1 is the
first working day after it; the response is due on day 20.

FOIA / EIR: a working day excludes Saturdays, Sundays and the bank holidays of ANY part of the
UK (FOIA s10(6)). FOISA / EISR: Saturdays, Sundays and Scottish bank holidays only (FOISA s73).
"""

from __future__ import annotations

import datetime as dt

import pytest

from foiletters.check.deadlines import add_working_days, deadline, extension_cap, is_working_day
from foiletters.load.model import AnswerFile


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# --- The hand table: bank holidays on weekdays (substitute days where the day itself is a weekend) ---
#
# Easter Sunday: 31 Mar 2024, 20 Apr 2025, 5 Apr 2026.
ENGLAND_WALES = {
    2024: {
        "2024-01-01": "New Year's Day (Mon)",
        "2024-03-29": "Good Friday",
        "2024-04-01": "Easter Monday",
        "2024-05-06": "Early May (first Mon)",
        "2024-05-27": "Spring (last Mon May)",
        "2024-08-26": "Summer (last Mon Aug)",
        "2024-12-25": "Christmas Day (Wed)",
        "2024-12-26": "Boxing Day (Thu)",
    },
    2025: {
        "2025-01-01": "New Year's Day (Wed)",
        "2025-04-18": "Good Friday",
        "2025-04-21": "Easter Monday",
        "2025-05-05": "Early May (first Mon)",
        "2025-05-26": "Spring (last Mon May)",
        "2025-08-25": "Summer (last Mon Aug)",
        "2025-12-25": "Christmas Day (Thu)",
        "2025-12-26": "Boxing Day (Fri)",
    },
    2026: {
        "2026-01-01": "New Year's Day (Thu)",
        "2026-04-03": "Good Friday",
        "2026-04-06": "Easter Monday",
        "2026-05-04": "Early May (first Mon)",
        "2026-05-25": "Spring (last Mon May)",
        "2026-08-31": "Summer (last Mon Aug)",
        "2026-12-25": "Christmas Day (Fri)",
        "2026-12-28": "Boxing Day substitute (26 Dec is a Sat)",
    },
}
SCOTLAND = {
    2024: {
        "2024-01-01": "New Year's Day (Mon)",
        "2024-01-02": "2 January (Tue)",
        "2024-03-29": "Good Friday",
        "2024-05-06": "Early May (first Mon)",
        "2024-05-27": "Spring (last Mon May)",
        "2024-08-05": "Summer (first Mon Aug)",
        "2024-12-02": "St Andrew's Day substitute (30 Nov is a Sat)",
        "2024-12-25": "Christmas Day (Wed)",
        "2024-12-26": "Boxing Day (Thu)",
    },
    2025: {
        "2025-01-01": "New Year's Day (Wed)",
        "2025-01-02": "2 January (Thu)",
        "2025-04-18": "Good Friday",
        "2025-05-05": "Early May (first Mon)",
        "2025-05-26": "Spring (last Mon May)",
        "2025-08-04": "Summer (first Mon Aug)",
        "2025-12-01": "St Andrew's Day substitute (30 Nov is a Sun)",
        "2025-12-25": "Christmas Day (Thu)",
        "2025-12-26": "Boxing Day (Fri)",
    },
    2026: {
        "2026-01-01": "New Year's Day (Thu)",
        "2026-01-02": "2 January (Fri)",
        "2026-04-03": "Good Friday",
        "2026-05-04": "Early May (first Mon)",
        "2026-05-25": "Spring (last Mon May)",
        "2026-08-03": "Summer (first Mon Aug)",
        "2026-11-30": "St Andrew's Day (Mon)",
        "2026-12-25": "Christmas Day (Fri)",
        "2026-12-28": "Boxing Day substitute (26 Dec is a Sat)",
    },
}
NORTHERN_IRELAND = {
    year: {
        **ENGLAND_WALES[year],
        **extra,
    }
    for year, extra in {
        2024: {"2024-03-18": "St Patrick's Day substitute (17 Mar is a Sun)",
               "2024-07-12": "Battle of the Boyne (Fri)"},
        2025: {"2025-03-17": "St Patrick's Day (Mon)",
               "2025-07-14": "Battle of the Boyne substitute (12 Jul is a Sat)"},
        2026: {"2026-03-17": "St Patrick's Day (Tue)",
               "2026-07-13": "Battle of the Boyne substitute (12 Jul is a Sun)"},
    }.items()
}
NATIONS = {"England & Wales": ENGLAND_WALES, "Scotland": SCOTLAND, "Northern Ireland": NORTHERN_IRELAND}
# Holidays just outside the table that the counts below run into.
# 2027: 1 Jan is a Fri; 2 Jan is a Sat, so Scotland's substitute is Mon 4 Jan 2027.
# 2022-23: 25 Dec 2022 a Sun, 26 Dec a Mon -> Boxing Day Mon 26 Dec, Christmas substitute Tue 27 Dec;
#          1 Jan 2023 a Sun -> E&W/NI New Year substitute Mon 2 Jan; Scotland 2 Jan (Mon) and
#          New Year substitute Tue 3 Jan.
EXTRA_UK = {"2027-01-01", "2022-12-26", "2022-12-27", "2023-01-02"}
EXTRA_SCOTLAND = {"2027-01-04", "2023-01-03"}

ALL_REGIMES = ("FOIA", "EIR", "FOISA", "EISR")
UK_WIDE = ("FOIA", "EIR")
SCOTTISH = ("FOISA", "EISR")


def _holiday_rows():
    """(date, nation names, description): every weekday holiday of the table, once."""
    found: dict[str, tuple[list[str], str]] = {}
    for nation, table in NATIONS.items():
        for days in table.values():
            for day, what in days.items():
                found.setdefault(day, ([], what))[0].append(nation)
    return sorted((day, nations, what) for day, (nations, what) in found.items())


HOLIDAY_ROWS = _holiday_rows()


def test_hand_table_is_well_formed():
    for nation, table in NATIONS.items():
        for year, days in table.items():
            # 8 in England & Wales, 9 in Scotland, 10 in Northern Ireland, every year
            assert len(days) == {"England & Wales": 8, "Scotland": 9, "Northern Ireland": 10}[nation]
            for day in days:
                assert d(day).year == year
                assert d(day).weekday() < 5, f"{day} ({nation}) is a weekend day: use the substitute"


@pytest.mark.parametrize("regime", ALL_REGIMES)
@pytest.mark.parametrize(("day", "nations", "what"), HOLIDAY_ROWS,
                         ids=[f"{day}-{'+'.join(n[:3] for n in nations)}-{what}"
                              for day, nations, what in HOLIDAY_ROWS])
def test_every_holiday_in_the_hand_table(day, nations, what, regime):
    # FOIA/EIR: a holiday anywhere in the UK stops the clock; FOISA/EISR: only Scotland's.
    expected_working = regime in SCOTTISH and "Scotland" not in nations
    assert is_working_day(d(day), regime) is expected_working, f"{day} {what} ({', '.join(nations)}) under {regime}"


SPOT_CASES = [
    # (day, {regime: working?}, id)
    ("2025-03-17", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "st-patricks-2025-mon"),
    ("2024-03-18", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "st-patricks-2024-substitute"),
    ("2026-03-17", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "st-patricks-2026-tue"),
    ("2025-01-02", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "2-january-2025"),
    ("2026-01-02", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "2-january-2026"),
    ("2025-12-01", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "st-andrews-2025-substitute-mon"),
    ("2024-12-02", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "st-andrews-2024-substitute-mon"),
    ("2026-11-30", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "st-andrews-2026-mon"),
    ("2025-04-21", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "easter-monday-2025"),
    ("2025-04-18", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "good-friday-2025"),
    ("2025-07-14", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "boyne-2025-substitute"),
    ("2024-07-12", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "boyne-2024-fri"),
    ("2025-08-04", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "scottish-summer-2025-first-mon-aug"),
    ("2025-08-25", {"FOIA": False, "EIR": False, "FOISA": True, "EISR": True}, "ew-summer-2025-last-mon-aug"),
    ("2026-12-28", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "boxing-day-2026-substitute"),
    ("2022-12-27", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "christmas-2022-substitute-tue"),
    ("2023-01-02", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "new-year-2023-substitute-mon"),
    ("2023-01-03", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "scot-new-year-2023-substitute-tue"),
    ("2027-01-04", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "scot-2-january-2027-substitute"),
    # The weekend days themselves are not working days either (their substitutes are above).
    ("2025-11-30", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "st-andrews-2025-sun"),
    ("2025-07-12", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "boyne-2025-sat"),
    ("2026-12-26", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "boxing-day-2026-sat"),
    # Ordinary days.
    ("2025-12-24", {"FOIA": True, "EIR": True, "FOISA": True, "EISR": True}, "christmas-eve-2025-wed"),
    ("2025-12-31", {"FOIA": True, "EIR": True, "FOISA": True, "EISR": True}, "new-years-eve-2025-wed"),
    ("2026-12-29", {"FOIA": True, "EIR": True, "FOISA": True, "EISR": True}, "2026-12-29-tue"),
    ("2025-04-22", {"FOIA": True, "EIR": True, "FOISA": True, "EISR": True}, "easter-tuesday-2025"),
    ("2025-03-15", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "saturday"),
    ("2025-03-16", {"FOIA": False, "EIR": False, "FOISA": False, "EISR": False}, "sunday"),
]


@pytest.mark.parametrize(("day", "expected"), [(day, exp) for day, exp, _ in SPOT_CASES],
                         ids=[case_id for _, _, case_id in SPOT_CASES])
def test_is_working_day_spot_cases(day, expected):
    assert {regime: is_working_day(d(day), regime) for regime in ALL_REGIMES} == expected


@pytest.mark.parametrize("regime", ALL_REGIMES)
def test_ordinary_weekdays_in_2025_are_working_days(regime):
    """Every Mon-Fri of 2025 not in the hand table (for the regime's nations) is a working day."""
    off = {day for table in NATIONS.values() for day in table[2025]} if regime in UK_WIDE else set(SCOTLAND[2025])
    day = d("2025-01-01")
    while day.year == 2025:
        assert is_working_day(day, regime) is (day.weekday() < 5 and day.isoformat() not in off), day
        day += dt.timedelta(days=1)


# --- 20 working days, counted by hand -----------------------------------------------------------------
# (regime, received, expected due date, id); the comment under each shows the count.
DUE_CASES = [
    # Easter 2025: Good Fri 18 Apr, Easter Mon 21 Apr (not Scotland), early May Mon 5 May.
    ("FOIA", "2025-04-17", "2025-05-20", "FOIA-thu-before-good-friday-2025"),
    # 0 Thu 17; Fri 18 GF, Mon 21 EM off; 1-4 Tue 22-Fri 25; 5-9 28 Apr-2 May; Mon 5 May off;
    # 10-13 Tue 6-Fri 9; 14-18 12-16 May; 19 Mon 19; 20 Tue 20 May
    ("FOISA", "2025-04-17", "2025-05-19", "FOISA-thu-before-good-friday-2025"),
    # 0 Thu 17; Fri 18 GF off; 1 Mon 21 (Easter Mon works in Scotland); 2-5 22-25; 6-10 28 Apr-2 May;
    # Mon 5 May off; 11-14 6-9 May; 15-19 12-16 May; 20 Mon 19 May
    ("EIR", "2025-04-17", "2025-05-20", "EIR-thu-before-good-friday-2025"),  # as FOIA
    ("EISR", "2025-04-17", "2025-05-19", "EISR-thu-before-good-friday-2025"),  # as FOISA
    # Easter 2024: Good Fri 29 Mar, Easter Mon 1 Apr.
    ("FOIA", "2024-03-28", "2024-04-29", "FOIA-thu-before-good-friday-2024"),
    # 0 Thu 28 Mar; 29 GF, 1 Apr EM off; 1-4 2-5 Apr; 5-9 8-12; 10-14 15-19; 15-19 22-26; 20 Mon 29 Apr
    ("FOISA", "2024-03-28", "2024-04-26", "FOISA-thu-before-good-friday-2024"),
    # 0 Thu 28 Mar; 29 GF off; 1 Mon 1 Apr; 2-5 2-5 Apr; 6-10 8-12; 11-15 15-19; 16-20 22-26 -> Fri 26 Apr
    # Easter 2026: Good Fri 3 Apr, Easter Mon 6 Apr, early May Mon 4 May.
    ("FOIA", "2026-04-02", "2026-05-05", "FOIA-thu-before-good-friday-2026"),
    # 0 Thu 2 Apr; 3 GF, 6 EM off; 1-4 7-10 Apr; 5-9 13-17; 10-14 20-24; 15-19 27 Apr-1 May;
    # Mon 4 May off; 20 Tue 5 May
    ("FOISA", "2026-04-02", "2026-05-01", "FOISA-thu-before-good-friday-2026"),
    # 0 Thu 2 Apr; 3 GF off; 1 Mon 6 Apr; 2-5 7-10; 6-10 13-17; 11-15 20-24; 16-20 27 Apr-1 May -> Fri 1 May
    # St Patrick's Day substitute 2024 (Mon 18 Mar) followed by Easter 2024.
    ("FOIA", "2024-03-15", "2024-04-17", "FOIA-across-st-patricks-2024-and-easter"),
    # 0 Fri 15 Mar; Mon 18 off (NI); 1-4 19-22; 5-8 Mon 25-Thu 28; Fri 29 GF, Mon 1 Apr EM off;
    # 9-12 2-5 Apr; 13-17 8-12 Apr; 18 Mon 15; 19 Tue 16; 20 Wed 17 Apr
    ("FOISA", "2024-03-15", "2024-04-15", "FOISA-across-st-patricks-2024-and-easter"),
    # 0 Fri 15 Mar; 1 Mon 18; 2-5 19-22; 6-9 25-28; Fri 29 GF off; 10 Mon 1 Apr; 11-14 2-5 Apr;
    # 15-19 8-12 Apr; 20 Mon 15 Apr
    # Received on a Saturday: day 0 is the Saturday, day 1 the next working day.
    ("FOIA", "2025-03-15", "2025-04-14", "FOIA-received-saturday-before-st-patricks-2025"),
    # 0 Sat 15 Mar; Mon 17 off (NI); 1-4 Tue 18-Fri 21; 5-9 24-28; 10-14 31 Mar-4 Apr; 15-19 7-11 Apr;
    # 20 Mon 14 Apr
    ("FOISA", "2025-03-15", "2025-04-11", "FOISA-received-saturday-before-st-patricks-2025"),
    # 0 Sat 15 Mar; 1-5 17-21; 6-10 24-28; 11-15 31 Mar-4 Apr; 16-20 7-11 Apr -> Fri 11 Apr
    # Received on a bank holiday: day 0 is still that day.
    ("FOIA", "2025-04-21", "2025-05-20", "FOIA-received-on-easter-monday-2025"),
    # 0 Mon 21 Apr (EM); 1-4 22-25; 5-9 28 Apr-2 May; Mon 5 May off; 10-13 6-9; 14-18 12-16; 19 Mon 19; 20 Tue 20
    ("FOISA", "2025-05-05", "2025-06-03", "FOISA-received-on-early-may-2025"),
    # 0 Mon 5 May (early May); 1-4 6-9; 5-9 12-16; 10-14 19-23; Mon 26 May spring off; 15-18 27-30;
    # 19 Mon 2 Jun; 20 Tue 3 Jun
    ("FOIA", "2025-05-05", "2025-06-03", "FOIA-received-on-early-may-2025"),  # same count as FOISA
    # Battle of the Boyne (NI) in July, then Scotland's first Monday in August.
    ("FOIA", "2025-07-11", "2025-08-12", "FOIA-across-boyne-2025-and-scot-summer"),
    # 0 Fri 11 Jul; Mon 14 off (NI); 1-4 15-18; 5-9 21-25; 10-14 28 Jul-1 Aug; Mon 4 Aug off (Scot);
    # 15-18 5-8 Aug; 19 Mon 11; 20 Tue 12 Aug
    ("FOISA", "2025-07-11", "2025-08-11", "FOISA-across-boyne-2025-and-scot-summer"),
    # 0 Fri 11 Jul; 1 Mon 14; 2-5 15-18; 6-10 21-25; 11-15 28 Jul-1 Aug; Mon 4 Aug off; 16-19 5-8 Aug;
    # 20 Mon 11 Aug
    ("FOIA", "2026-07-10", "2026-08-11", "FOIA-across-boyne-2026-and-scot-summer"),
    # 0 Fri 10 Jul; Mon 13 off (NI); 1-4 14-17; 5-9 20-24; 10-14 27-31; Mon 3 Aug off (Scot); 15-18 4-7 Aug;
    # 19 Mon 10; 20 Tue 11 Aug
    ("FOISA", "2026-07-10", "2026-08-10", "FOISA-across-boyne-2026-and-scot-summer"),
    # 0 Fri 10 Jul; 1 Mon 13; 2-5 14-17; 6-10 20-24; 11-15 27-31; Mon 3 Aug off; 16-19 4-7 Aug; 20 Mon 10 Aug
    # Scotland's summer holiday (first Mon Aug) vs England & Wales's (last Mon Aug).
    ("FOIA", "2025-08-01", "2025-09-02", "FOIA-across-both-august-holidays-2025"),
    # 0 Fri 1 Aug; Mon 4 off; 1-4 5-8; 5-9 11-15; 10-14 18-22; Mon 25 off (E&W); 15-18 26-29; 19 Mon 1 Sep;
    # 20 Tue 2 Sep
    ("FOISA", "2025-08-01", "2025-09-01", "FOISA-across-both-august-holidays-2025"),
    # 0 Fri 1 Aug; Mon 4 off; 1-4 5-8; 5-9 11-15; 10-14 18-22; 15 Mon 25 Aug (works); 16-19 26-29; 20 Mon 1 Sep
    ("EISR", "2025-08-01", "2025-09-01", "EISR-across-both-august-holidays-2025"),  # as FOISA
    # St Andrew's Day then Christmas and New Year.
    ("FOIA", "2025-11-28", "2025-12-31", "FOIA-across-st-andrews-2025-and-christmas"),
    # 0 Fri 28 Nov; Mon 1 Dec off (Scot); 1-4 2-5 Dec; 5-9 8-12; 10-14 15-19; 15-17 22-24; 25, 26 off;
    # 18 Mon 29; 19 Tue 30; 20 Wed 31 Dec
    ("FOISA", "2025-11-28", "2025-12-31", "FOISA-across-st-andrews-2025-and-christmas"),  # same count
    ("FOIA", "2024-11-29", "2025-01-03", "FOIA-across-st-andrews-2024-christmas-new-year"),
    # 0 Fri 29 Nov; Mon 2 Dec off (Scot); 1-4 3-6; 5-9 9-13; 10-14 16-20; 15 Mon 23; 16 Tue 24; 25, 26 off;
    # 17 Fri 27; 18 Mon 30; 19 Tue 31; 1 Jan, 2 Jan (Scot) off; 20 Fri 3 Jan 2025
    ("FOISA", "2024-11-29", "2025-01-03", "FOISA-across-st-andrews-2024-christmas-new-year"),  # same count
    # Before Christmas 2025.
    ("FOIA", "2025-12-19", "2026-01-22", "FOIA-received-fri-before-christmas-2025"),
    # 0 Fri 19 Dec; 1-3 Mon 22-Wed 24; 25, 26 off; 4-6 Mon 29-Wed 31; 1 Jan, 2 Jan (Scot) off;
    # 7-11 5-9 Jan; 12-16 12-16 Jan; 17 Mon 19; 18 Tue 20; 19 Wed 21; 20 Thu 22 Jan
    ("FOISA", "2025-12-19", "2026-01-22", "FOISA-received-fri-before-christmas-2025"),  # same count
    ("FOIA", "2025-12-24", "2026-01-27", "FOIA-received-christmas-eve-2025"),
    # 0 Wed 24 Dec; 25, 26 off; 1-3 29-31 Dec; 1, 2 Jan off; 4-8 5-9 Jan; 9-13 12-16; 14-18 19-23;
    # 19 Mon 26; 20 Tue 27 Jan
    ("FOISA", "2025-12-24", "2026-01-27", "FOISA-received-christmas-eve-2025"),  # same count
    # Across New Year 2025-26.
    ("FOIA", "2025-12-31", "2026-01-30", "FOIA-received-new-years-eve-2025"),
    # 0 Wed 31 Dec; 1, 2 Jan off; 1-5 5-9 Jan; 6-10 12-16; 11-15 19-23; 16-20 26-30 -> Fri 30 Jan
    ("FOISA", "2025-12-31", "2026-01-30", "FOISA-received-new-years-eve-2025"),  # same count
    ("FOISA", "2026-01-02", "2026-01-30", "FOISA-received-on-2-january-2026"),
    # 0 Fri 2 Jan (Scottish bank holiday, still day 0); 1-5 5-9 Jan; 6-10 12-16; 11-15 19-23; 16-20 26-30
    ("FOIA", "2026-01-02", "2026-01-30", "FOIA-received-on-2-january-2026"),  # same count
    # Christmas 2026 (Boxing Day substitute Mon 28 Dec) and New Year 2027 (Scottish 2 Jan substitute Mon 4 Jan).
    ("FOIA", "2026-12-18", "2027-01-21", "FOIA-received-fri-before-christmas-2026"),
    # 0 Fri 18 Dec; 1-4 21-24; Fri 25, Mon 28 off; 5-7 29-31; Fri 1 Jan, Mon 4 Jan (Scot) off;
    # 8-11 5-8 Jan; 12-16 11-15; 17 Mon 18; 18 Tue 19; 19 Wed 20; 20 Thu 21 Jan
    ("FOISA", "2026-12-18", "2027-01-21", "FOISA-received-fri-before-christmas-2026"),  # same count
    ("FOIA", "2026-12-24", "2027-01-27", "FOIA-received-christmas-eve-2026"),
    # 0 Thu 24 Dec; 25, 28 off; 1-3 29-31; 1 Jan, 4 Jan off; 4-7 5-8 Jan; 8-12 11-15; 13-17 18-22;
    # 18 Mon 25; 19 Tue 26; 20 Wed 27 Jan
    # Christmas 2022: 25 Dec a Sunday -> Mon 26 Boxing Day, Tue 27 Christmas substitute;
    # 1 Jan 2023 a Sunday -> Mon 2 Jan (E&W substitute / Scottish 2 Jan), Tue 3 Jan (Scottish substitute).
    ("FOIA", "2022-12-23", "2023-01-26", "FOIA-christmas-2022-substitutes"),
    # 0 Fri 23 Dec; 26, 27 off; 1-3 28-30 Dec; 2, 3 Jan off; 4-6 Wed 4-Fri 6 Jan; 7-11 9-13; 12-16 16-20;
    # 17-20 Mon 23-Thu 26 Jan
    ("FOISA", "2022-12-23", "2023-01-26", "FOISA-christmas-2022-substitutes"),  # same count
    # An ordinary run with no holidays: 4 whole weeks.
    ("FOIA", "2025-06-02", "2025-06-30", "FOIA-june-2025-no-holidays"),
    # 0 Mon 2 Jun; 1-4 3-6; 5-9 9-13; 10-14 16-20; 15-19 23-27; 20 Mon 30 Jun
]


@pytest.mark.parametrize(("regime", "received", "due"), [case[:3] for case in DUE_CASES],
                         ids=[case[3] for case in DUE_CASES])
def test_add_working_days_20(regime, received, due):
    assert add_working_days(d(received), 20, regime) == d(due)


def answers(regime="FOIA", date="2027-06-30", received=None, clarified=None, extension=None) -> AnswerFile:
    return AnswerFile(reference="FOI1", regime=regime, date=d(date), subject="x",
                      received=d(received) if received else None,
                      clarified=d(clarified) if clarified else None,
                      extension=extension)


@pytest.mark.parametrize(("regime", "received", "due"), [case[:3] for case in DUE_CASES],
                         ids=[case[3] for case in DUE_CASES])
def test_deadline_due(regime, received, due):
    result = deadline(answers(regime, date=due, received=received))
    assert result is not None
    assert result.regime == regime
    assert result.clock_start == d(received)
    assert result.due == d(due)
    assert result.extended_to is None
    assert result.final == d(due)
    assert result.sent == d(due)
    assert not result.late
    assert result.working_days_late == 0


def test_add_zero_working_days_is_the_start_even_on_a_holiday():
    assert add_working_days(d("2025-12-25"), 0, "FOIA") == d("2025-12-25")
    assert add_working_days(d("2025-12-25"), 1, "FOIA") == d("2025-12-29")  # 26 off, 27-28 weekend


def test_no_received_date_no_deadline():
    assert deadline(answers("FOIA", received=None)) is None


# --- Clarification restarts the clock ---------------------------------------------------------------
CLARIFIED_CASES = [
    ("FOIA", "2025-04-08", "FOIA-clarified-2025-03-10"),
    # 0 Mon 10 Mar; 1-4 11-14; Mon 17 off (NI); 5-8 18-21; 9-13 24-28; 14-18 31 Mar-4 Apr; 19 Mon 7; 20 Tue 8 Apr
    ("FOISA", "2025-04-07", "FOISA-clarified-2025-03-10"),
    # 0 Mon 10 Mar; 1-4 11-14; 5-9 17-21 (17 Mar works); 10-14 24-28; 15-19 31 Mar-4 Apr; 20 Mon 7 Apr
    ("EIR", "2025-04-08", "EIR-clarified-2025-03-10"),  # as FOIA
]


@pytest.mark.parametrize(("regime", "due"), [case[:2] for case in CLARIFIED_CASES],
                         ids=[case[2] for case in CLARIFIED_CASES])
def test_clarification_restarts_the_clock(regime, due):
    result = deadline(answers(regime, date="2025-06-30", received="2025-03-03", clarified="2025-03-10"))
    assert result.clock_start == d("2025-03-10")
    assert result.due == d(due)


def test_without_clarification_the_clock_runs_from_receipt():
    # 0 Mon 3 Mar; 1-4 4-7; 5-9 10-14; Mon 17 off (NI); 10-13 18-21; 14-18 24-28; 19 Mon 31; 20 Tue 1 Apr
    result = deadline(answers("FOIA", date="2025-06-30", received="2025-03-03"))
    assert result.clock_start == d("2025-03-03")
    assert result.due == d("2025-04-01")


# --- Extension caps ---------------------------------------------------------------------------------
CAP_CASES = [
    ("FOIA", "public-interest", None, "2025-05-01", "FOIA-public-interest-40-days"),
    # 0 Mon 3 Mar; ... 20 Tue 1 Apr (above); 21-23 2-4 Apr; 24-28 7-11; 29-32 Mon 14-Thu 17;
    # Fri 18 GF, Mon 21 EM off; 33-36 22-25; 37-40 Mon 28 Apr-Thu 1 May
    ("EIR", "complex", None, "2025-05-01", "EIR-complex-40-days"),  # same count as FOIA
    ("EISR", "complex", None, "2025-04-29", "EISR-complex-40-days"),
    # 0 Mon 3 Mar; 1-4 4-7; 5-9 10-14; 10-14 17-21; 15-19 24-28; 20-24 31 Mar-4 Apr; 25-29 7-11;
    # 30-33 14-17; Fri 18 GF off; 34-38 Mon 21-Fri 25 (Easter Mon works); 39 Mon 28; 40 Tue 29 Apr
    ("FOISA", "public-interest", None, None, "FOISA-public-interest-none"),
    ("FOISA", "complex", None, None, "FOISA-complex-none"),
    ("EIR", "public-interest", None, None, "EIR-has-no-public-interest-extension"),
    ("FOIA", "public-interest", "2025-03-10", "2025-05-09", "FOIA-public-interest-from-clarification"),
    # 0 Mon 10 Mar; ... 20 Tue 8 Apr (above); 21-23 9-11; 24-27 14-17; 18 GF, 21 EM off; 28-31 22-25;
    # 32-36 28 Apr-2 May; Mon 5 May off; 37-40 Tue 6-Fri 9 May
]


@pytest.mark.parametrize(("regime", "reason", "clarified", "cap"), [case[:4] for case in CAP_CASES],
                         ids=[case[4] for case in CAP_CASES])
def test_extension_cap(regime, reason, clarified, cap):
    found = extension_cap(answers(regime, date="2025-06-30", received="2025-03-03", clarified=clarified,
                                  extension={"reason": reason, "until": d("2025-05-01")}))
    assert found == (d(cap) if cap else None)


def test_no_extension_no_cap():
    assert extension_cap(answers("FOIA", date="2025-06-30", received="2025-03-03")) is None


# --- Lateness -----------------------------------------------------------------------------------------
LATE_CASES = [
    # (regime, received, letter date, extension until, working days late, id)
    ("FOIA", "2025-03-03", "2025-04-01", None, 0, "on-the-due-date"),  # due Tue 1 Apr
    ("FOIA", "2025-03-03", "2025-03-28", None, 0, "before-the-due-date"),
    ("FOIA", "2025-03-03", "2025-04-04", None, 3, "three-working-days-after"),  # Wed 2, Thu 3, Fri 4 Apr
    ("FOIA", "2025-03-03", "2025-04-02", None, 1, "one-working-day-after"),
    ("FOIA", "2025-03-03", "2025-04-05", None, 3, "saturday-after-counts-no-more"),  # Sat 5 is not working
    ("FOIA", "2025-11-28", "2026-01-07", None, 3, "across-new-year"),
    # due Wed 31 Dec 2025; Thu 1, Fri 2 Jan off; Mon 5, Tue 6, Wed 7 -> 3 (7 calendar days)
    ("FOIA", "2025-04-17", "2025-05-23", None, 3, "after-easter-due-date"),  # due Tue 20 May; 21, 22, 23
    ("FOISA", "2025-03-15", "2025-04-16", None, 3, "FOISA-three-after"),  # due Fri 11 Apr; Mon 14, 15, 16
    ("FOIA", "2025-03-03", "2025-04-30", "2025-05-01", 0, "within-extension"),
    ("FOIA", "2025-03-03", "2025-05-01", "2025-05-01", 0, "on-extended-date"),
    ("FOIA", "2025-03-03", "2025-05-06", "2025-05-01", 2, "after-extension"),  # Fri 2; Mon 5 May off; Tue 6
]


@pytest.mark.parametrize(("regime", "received", "sent", "until", "days_late"),
                         [case[:5] for case in LATE_CASES], ids=[case[5] for case in LATE_CASES])
def test_lateness(regime, received, sent, until, days_late):
    extension = {"reason": "public-interest" if regime == "FOIA" else "complex", "until": d(until)} if until else None
    result = deadline(answers(regime, date=sent, received=received, extension=extension))
    assert result.working_days_late == days_late
    assert result.late is (days_late > 0)
    if until:
        assert result.extended_to == d(until)
        assert result.final == d(until)


def test_the_uk_calendar_imported_alone_gives_the_days_holidays_uk_gives():
    """check/deadlines.py imports `holidays`' UK module without the library's 250 other countries: the bank
    holidays of each part of the UK, 2000-2040, are those `holidays.UK` gives."""
    import subprocess
    import sys

    code = ("import sys; from foiletters.check.deadlines import UK_PARTS, _bank_holidays\n"
            "alone = {(p, y): _bank_holidays((p,), y) for p in UK_PARTS for y in range(2000, 2041)}\n"
            "assert 'holidays.countries' not in sys.modules, 'the countries were imported'\n"
            "import holidays\n"
            "assert all(frozenset(holidays.UK(subdiv=p, years=y)) == days for (p, y), days in alone.items())\n"
            "print(sum(map(len, alone.values())))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 4 * 41 * 8  # at least eight bank holidays a year in every part
