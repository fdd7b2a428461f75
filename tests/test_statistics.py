"""The statistics counted from answer files with known dates and outcomes (tests/statistics_cases.py, whose
comments count each request's working days by hand), figure by figure."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import write
from statistics_cases import AS_OF, write_cases

from foiletters.cli import main
from foiletters.render.house import TemplateSet
from foiletters.stats import periods
from foiletters.stats.command import statistics_of
from foiletters.stats.counting import FIGURES, KEYS

ON = dt.date.fromisoformat(AS_OF)
Q4 = periods.quarter(2025, 4)  # January to March 2026
Q1 = periods.quarter(2026, 1)  # April to June 2026
Q2 = periods.quarter(2026, 2)  # July to September 2026


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_cases(tmp_path_factory.mktemp("cases") / "answers")


def _figures(cases: Path, period: periods.Period, on: dt.date = ON) -> dict[str, object]:
    figures = statistics_of([cases], TemplateSet(None), on, period)
    return {name: figures[name] for name in [f"{k}.{f}" for k in KEYS for f in FIGURES]} | figures.values


def _only(figures: dict[str, object], expected: dict[str, object]) -> None:
    """Every figure named is as expected, and every other count is 0 (or None for a share or median)."""
    for name, value in figures.items():
        zero = None if name.endswith(("in_time_share", "median_working_days")) else 0
        assert value == expected.get(name, zero), f"{name}: {value}, not {expected.get(name, zero)}"
    assert not set(expected) - set(figures), set(expected) - set(figures)


def test_the_last_quarter_of_2025_26(cases: Path):
    # Received 1 January to 31 March 2026: A (FOIA, in time, 20 days), M (FOIA, in time, 19 days) and B
    # (FOISA, late, 21 days). M's review was requested on 27 March.
    _only(_figures(cases, Q4), {
        "foia.received": 2, "foia.time.in_time": 2, "foia.time.in_time_share": 100.0,
        "foia.time.median_working_days": 19.5, "foia.outcome.released_in_full": 1,  # A
        "foia.outcome.partly_withheld": 1, "foia.exemption.s21": 1, "foia.review.requested": 1,  # M
        "foisa.received": 1, "foisa.time.late": 1, "foisa.time.in_time_share": 0.0,
        "foisa.time.median_working_days": 21, "foisa.outcome.not_held": 1,  # B
        # In total: 3 received, 2 of 3 in time (66.7%), median of 19, 20, 21 days = 20.
        "all.received": 3, "all.time.in_time": 2, "all.time.late": 1, "all.time.in_time_share": 66.7,
        "all.time.median_working_days": 20, "all.outcome.released_in_full": 1, "all.outcome.partly_withheld": 1,
        "all.outcome.not_held": 1, "all.review.requested": 1,
    })


def test_the_first_quarter_of_2026_27(cases: Path):
    # Received 1 April to 30 June: C D E F I J K L N P R under FOIA (11), F under the EIR too, O under the EISR.
    _only(_figures(cases, Q1), {
        # FOIA in time: C (20), F (19), K (3), L (18), N (18), P (2); D within its extension (32); E late (21);
        # I withdrawn and J lapsed; R without a received date. In time: 7 of the 8 whose time was up (87.5%);
        # median of 2, 3, 18, 18, 19, 20, 21, 32 = 18.5.
        "foia.received": 11, "foia.time.in_time": 6, "foia.time.extended": 1, "foia.time.late": 1,
        "foia.time.withdrawn_or_lapsed": 2, "foia.time.not_known": 1, "foia.time.in_time_share": 87.5,
        "foia.time.median_working_days": 18.5,
        # Outcomes: F's FOIA part, N and R released in full; C partly withheld; D withheld in full; E on cost;
        # K vexatious; L NCND; P transferred; I and J withdrawn or lapsed.
        "foia.outcome.released_in_full": 3, "foia.outcome.partly_withheld": 1, "foia.outcome.withheld_in_full": 1,
        "foia.outcome.refused_cost": 1, "foia.outcome.refused_vexatious": 1, "foia.outcome.ncnd": 1,
        "foia.outcome.transferred": 1, "foia.outcome.withdrawn_or_lapsed": 2,
        "foia.exemption.s40(2)": 1, "foia.exemption.s43(2)": 1, "foia.exemption.s31(1)": 1,  # C, D, L; not s12
        # M's review (requested in Q4) completed on 24 April, upheld in part; its ICO complaint lodged 20 May.
        "foia.review.completed": 1, "foia.review.outcome.upheld_in_part": 1, "foia.appeal.lodged": 1,
        "eir.received": 1, "eir.time.in_time": 1, "eir.time.in_time_share": 100.0,
        "eir.time.median_working_days": 19, "eir.outcome.withheld_in_full": 1, "eir.exemption.reg 12(5)(e)": 1,
        "eisr.received": 1, "eisr.time.extended": 1, "eisr.time.in_time_share": 100.0,
        "eisr.time.median_working_days": 38, "eisr.outcome.released_in_full": 1,  # O
        # In total F counts once (in time, partly withheld: released under FOIA, withheld under the EIR), and O
        # joins: 12 received; in time 6, extended D and O, late E: 8 of 9 (88.9%); median of 2, 3, 18, 18, 19,
        # 20, 21, 32, 38 = 19.
        "all.received": 12, "all.time.in_time": 6, "all.time.extended": 2, "all.time.late": 1,
        "all.time.withdrawn_or_lapsed": 2, "all.time.not_known": 1, "all.time.in_time_share": 88.9,
        "all.time.median_working_days": 19,
        "all.outcome.released_in_full": 3, "all.outcome.partly_withheld": 2, "all.outcome.withheld_in_full": 1,
        "all.outcome.refused_cost": 1, "all.outcome.refused_vexatious": 1, "all.outcome.ncnd": 1,
        "all.outcome.transferred": 1, "all.outcome.withdrawn_or_lapsed": 2,
        "all.review.completed": 1, "all.review.outcome.upheld_in_part": 1, "all.appeal.lodged": 1,
    })


def test_the_quarter_in_progress_as_of_31_july(cases: Path):
    # G (overdue since 30 July), H and Q (answered 3 August, after the day counted) are open. N's review was
    # requested on 10 July; its outcome is dated after the day. M's complaint was decided, not upheld.
    _only(_figures(cases, Q2), {
        "foia.received": 3, "foia.time.open": 3, "foia.time.open_overdue": 1, "foia.time.in_time_share": 0.0,
        "foia.outcome.open": 3, "foia.review.requested": 1, "foia.appeal.decided": 1,
        "foia.appeal.outcome.not_upheld": 1,
        "all.received": 3, "all.time.open": 3, "all.time.open_overdue": 1, "all.time.in_time_share": 0.0,
        "all.outcome.open": 3, "all.review.requested": 1, "all.appeal.decided": 1, "all.appeal.outcome.not_upheld": 1,
    })


def test_a_later_day_counts_what_happened_by_then(cases: Path):
    # On 10 August Q's response of 3 August has been sent: in time (3 August a holiday in Scotland, so for
    # FOIA too: day 18 still), 18 days. G is still open and overdue; H (due 17 August) is not.
    figures = _figures(cases, Q2, dt.date(2026, 8, 10))
    assert (figures["foia.time.in_time"], figures["foia.time.open"], figures["foia.time.open_overdue"]) == (1, 2, 1)
    assert figures["foia.time.median_working_days"] == 18 and figures["foia.outcome.released_in_full"] == 1
    # And before a request arrived it is not counted at all: on 31 March only A, B and M had.
    assert _figures(cases, Q4, dt.date(2026, 3, 31))["all.received"] == 3
    early = _figures(cases, Q4, dt.date(2026, 3, 31))
    assert early["all.time.open"] == 2 and early["foia.review.requested"] == 1  # A and B not yet answered


def test_a_year_and_a_range_add_up_their_quarters(cases: Path):
    year = _figures(cases, periods.year(2026))  # April 2026 to March 2027: Q1 and Q2
    q1, q2 = _figures(cases, Q1), _figures(cases, Q2)
    for name in ("all.received", "foia.time.in_time", "all.outcome.open", "all.review.requested", "eir.received"):
        assert year[name] == q1[name] + q2[name], name
    spanned = _figures(cases, periods.days(dt.date(2026, 3, 31), dt.date(2026, 4, 1)))
    assert spanned["all.received"] == 2 + 4  # A and B on 31 March; C, D, E and O (under the EISR) on 1 April
    assert spanned["eisr.received"] == 1 and spanned["foia.received"] == 4


def test_periods_financial_and_calendar():
    assert (Q1.start, Q1.end, Q1.label) == (dt.date(2026, 4, 1), dt.date(2026, 6, 30), "Q1 2026/27")
    assert periods.quarter(2025, 4).start == dt.date(2026, 1, 1)
    calendar = periods.parse_quarter("2026q1", financial=False)
    assert calendar and (calendar.start, calendar.end, calendar.label) == (dt.date(2026, 1, 1),
                                                                          dt.date(2026, 3, 31), "Q1 2026")
    assert periods.quarter_of(dt.date(2026, 3, 31)) == Q4 and periods.quarter_of(dt.date(2026, 4, 1)) == Q1
    assert periods.last_full_quarter(ON) == Q1 and periods.last_full_quarter(dt.date(2026, 6, 30)) == Q1
    assert periods.parse_quarter("2026Q5") is None


def test_the_command_writes_the_table_csv_json_and_each_return(cases: Path, tmp_path: Path, capsys):
    templates = write(tmp_path, "templates/statistics.yaml", """\
quarters: calendar
returns:
  ours:
    title: Our return
    columns:
      - {column: Late, figure: all.time.late}
      - {column: Received, figure: all.received}
      - {column: s43, figure: foia.exemption.s43(2)}
      - {column: s42, figure: foia.exemption.s42(1)}
""").parent
    out = tmp_path / "out"
    # Calendar quarters: 2026Q2 is April to June, the financial Q1 counted above.
    assert main(["stats", str(cases), "--quarter", "2026Q2", "--as-of", AS_OF, "-o", str(out),
                 "--templates", str(templates)]) == 0
    printed = capsys.readouterr().out
    assert "Requests received Q2 2026, 1 April 2026 to 30 June 2026, as of 31 July 2026" in printed
    assert "Answered within an extended limit" in printed and "Exemption reg 12(5)(e) (EIR)" in printed
    rows = list(csv.reader((out / "ours-2026Q2.csv").read_text(encoding="utf-8").splitlines()))
    assert rows == [["Late", "Received", "s43", "s42"], ["1", "12", "1", "0"]]
    data = json.loads((out / "statistics-2026Q2.json").read_text(encoding="utf-8"))
    assert data["period"] == {"label": "Q2 2026", "start": "2026-04-01", "end": "2026-06-30"}
    assert data["as_of"] == AS_OF and data["figures"]["all.time.in_time_share"] == 88.9
    lines = (out / "statistics-2026Q2.csv").read_text(encoding="utf-8").splitlines()
    table = {row["name"]: row for row in csv.DictReader(lines)}
    assert table["eisr.time.median_working_days"]["value"] == "38"
    assert table["foia.time.open_overdue"]["figure"] == "FOIA: Still open, past the due date"
    assert (out / "central-government-2026Q2.csv").is_file()  # the packaged returns too


def test_the_command_refuses_what_it_cannot_count(cases: Path, tmp_path: Path, capsys):
    broken = write(tmp_path / "answers", "Z.yaml", "reference: Z/1\nsubject: x\nreceived: 2026-13-01\n")
    out = tmp_path / "out"
    assert main(["stats", str(cases), str(broken), "--as-of", AS_OF, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "Z.yaml:3" in err and "no statistics were written" in err and "Traceback" not in err
    assert not out.exists()
    assert main(["stats", str(cases), "--quarter", "2026-Q9", "-o", str(out)]) == 2
    assert "is not a quarter: write it as 2026Q1" in capsys.readouterr().err
    assert main(["stats", str(cases), "--quarter", "2026Q1", "--year", "2026", "-o", str(out)]) == 2
    bad = write(tmp_path, "house/statistics.yaml", "returns:\n  r:\n    title: R\n    columns:\n"
                "      - {column: A, figure: all.exemption.s21}\n").parent
    assert main(["stats", str(cases), "-o", str(out), "--templates", str(bad)]) == 2
    assert "statistics.yaml:5" in capsys.readouterr().err
    assert not out.exists()


def test_the_log_outcome_agrees_with_the_statistics(cases: Path):
    from foiletters.load.answerfile import load
    from foiletters.publish.record import outcome

    house = TemplateSet(None)
    expected = {"A": "released", "B": "not held", "C": "partly released", "D": "refused", "E": "refused",
                "F": "partly released", "L": "refused", "M": "partly released"}
    assert {name: outcome(load(cases / f"{name}.yaml").answers, house) for name in expected} == expected


def test_the_statistics_page_is_the_same_bytes_from_the_same_files_and_hides_small_counts(cases: Path,
                                                                                           tmp_path: Path):
    from foiletters.publish.statistics_page import statistics_page
    from foiletters.stats.collect import answer_files, summaries

    answers = summaries(answer_files([cases]), TemplateSet(None))[0]
    first = statistics_page(answers, TemplateSet(None), "Example Council")
    assert first == statistics_page(list(reversed(answers)), TemplateSet(None), "Example Council")
    assert sorted(first) == [f"statistics/{n}" for n in ("answered-in-time.svg", "exemptions.svg", "index.html",
                                                         "outcomes.svg", "requests-by-quarter.svg")]
    svg = first["statistics/outcomes.svg"].decode()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    page = first["statistics/index.html"].decode()
    assert "as they stood on 14 August 2026" in page  # N's review outcome: the newest day in the files
    house = write(tmp_path, "templates/statistics.yaml", "show_counts_below: 3\n").parent
    hidden = statistics_page(answers, TemplateSet(house), "Example Council")["statistics/index.html"].decode()
    assert "fewer than 3" in hidden and '<td class="number">fewer than 3</td>' in hidden
    assert '<td class="number">12</td>' in hidden  # 12 received in Q1 2026/27 stays


def test_the_statistics_settings_are_no_letter_s_wording(tmp_path: Path):
    house = write(tmp_path, "templates/profile.yaml", "organisation: Example Council\n").parent
    before = TemplateSet(house).fingerprint(dt.date(2026, 3, 4))
    write(house, "statistics.yaml", "quarters: calendar\n")
    assert TemplateSet(house).fingerprint(dt.date(2026, 3, 4)) == before  # no letter of the log is built again


def test_the_log_s_page_follows_a_changed_answer_file_and_no_other_change(tmp_path: Path):
    from foiletters.publish.statistics_page import write_statistics
    from foiletters.stats.collect import answer_files

    answers = write_cases(tmp_path / "answers")
    site, cache = tmp_path / "site", tmp_path / "cache"
    assert (site / "statistics" / "index.html") in write_statistics(site, answer_files([answers]), TemplateSet(None),
                                                                    cache)
    assert write_statistics(site, answer_files([answers]), TemplateSet(None), cache) == []
    # H is answered: the page (as of the newest day, still 14 August) counts one open request fewer.
    h = answers / "H.yaml"
    h.write_text(h.read_text(encoding="utf-8") + "date: 2026-07-24\nquestions:\n  - number: '1.'\n"
                 "    text: Opening hours?\n    answer: Nine to five.\n", encoding="utf-8")
    changed = write_statistics(site, answer_files([answers]), TemplateSet(None), cache)
    assert site / "statistics" / "index.html" in changed
    page = (site / "statistics" / "index.html").read_text(encoding="utf-8")
    assert '<tr><th scope="row">Still open</th><td class="number">1</td></tr>' in page  # G alone


def test_the_period_asked_for():
    from foiletters.errors import FoilettersError
    from foiletters.stats.command import choose_period
    from foiletters.stats.settings import Settings

    financial, calendar = Settings(), Settings(quarters="calendar")
    assert choose_period(financial, ON) == Q1  # the last full quarter by 31 July: April to June
    assert choose_period(calendar, ON) == periods.quarter(2026, 2, financial=False)  # the same months
    assert choose_period(financial, ON, year=2025).span == "1 April 2025 to 31 March 2026"
    assert choose_period(calendar, ON, year=2025).span == "1 January 2025 to 31 December 2025"
    ranged = choose_period(financial, ON, start=dt.date(2026, 7, 1))
    assert (ranged.start, ranged.end, ranged.slug) == (dt.date(2026, 7, 1), ON, "2026-07-01--2026-07-31")
    for wrong in ({"end": ON}, {"start": ON, "end": dt.date(2026, 1, 1)}, {"quarter": "2026Q1", "year": 2026}):
        with pytest.raises(FoilettersError):
            choose_period(financial, ON, **wrong)
