"""Time `foiletters stats` on a thousand generated answer files: loading them, and counting beyond that.

    .venv/bin/python benchmarks/stats_1000.py [--count 1000]

The files are log_1000.py's (copies of the seed letters with their own reference, date and figures), each
given a received date 10 to 35 days before its response, and every fifth an extension, every seventh a
clarification, every ninth a review and every thirteenth left open, so that every kind of fact is counted.
Prints the time to load the files (what every command pays) and the time beyond it to count the figures
of every quarter they span, per law and in total, and to write one period's CSV and JSON; the goal is
under 0.5 s beyond loading.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from log_1000 import generate  # noqa: E402 - beside this file

from foiletters.check.deadlines import HOLIDAY_PARTS, _bank_holidays  # noqa: E402
from foiletters.render.house import TemplateSet  # noqa: E402
from foiletters.stats import periods  # noqa: E402
from foiletters.load.answerfile import load  # noqa: E402
from foiletters.publish.statistics_page import write_statistics  # noqa: E402
from foiletters.stats.collect import answer_files, facts_for, newest_date  # noqa: E402
from foiletters.stats.summary import summary_of  # noqa: E402
from foiletters.stats.counting import count  # noqa: E402
from rich.console import Console  # noqa: E402

from foiletters.stats.output import print_table, write_files  # noqa: E402
from foiletters.stats.settings import settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def with_lives(folder: Path) -> None:
    """Give each generated file a received date and, by turns, the letters of a request's life."""
    for number, path in enumerate(sorted(folder.glob("*.yaml"))):
        text = path.read_text(encoding="utf-8")
        sent = dt.date.fromisoformat(re.search(r"(?m)^date: (\S+)", text).group(1))
        received = sent - dt.timedelta(days=10 + number % 26)
        letters = []
        if number % 5 == 0:
            letters.append(f"  - kind: extension\n    date: {received + dt.timedelta(days=20)}\n"
                           f"    reason: public-interest\n    until: {sent + dt.timedelta(days=number % 3)}\n")
        if number % 7 == 0:
            letters.append(f"  - kind: clarification\n    date: {received + dt.timedelta(days=1)}\n"
                           f"    unclear: Which year?\n    answered: {received + dt.timedelta(days=3)}\n")
        if number % 9 == 0:
            letters.append(f"  - kind: review\n    date: {sent + dt.timedelta(days=30)}\n    requested: "
                           f"{{received: {sent + dt.timedelta(days=5)}}}\n    outcome: upheld\n    findings: Upheld.\n")
        if number % 13 == 0:
            text = re.sub(r"(?m)^date: .*\n", "", text)
            letters.append(f"  - kind: acknowledgement\n    date: {received + dt.timedelta(days=1)}\n")
        text += f"received: {received}\n"
        if letters:
            text += "letters:\n" + "".join(letters)
        path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        answers = Path(scratch) / "answers"
        answers.mkdir()
        generate(answers, args.count)
        with_lives(answers)
        templates = TemplateSet(ROOT / "templates")
        files = answer_files([answers])
        # As `foiletters stats` does: each file loaded, then summarised (and its model let go), one by one; the
        # two timed apart.
        loading = summarising = 0.0
        found, years = [], set()
        for file in files:
            start = time.perf_counter()
            answers_file = load(file).answers
            middle = time.perf_counter()
            found.append(summary_of(answers_file, templates.library))
            loading, summarising = loading + middle - start, summarising + time.perf_counter() - middle
            years |= {d.year for d in (answers_file.received, answers_file.date) if d}
        # The bank holidays' tables, made once per process by the `holidays` library (its import included),
        # as `check` makes them: timed on their own, then the counting.
        start = time.perf_counter()
        for year in range(min(years), max(years) + 2):  # a due date may fall in the next year
            for parts in set(HOLIDAY_PARTS.values()):
                _bank_holidays(parts, year)
        tables = time.perf_counter() - start
        # What `foiletters stats` does beyond that: the facts as of a day, one period's figures (here the
        # financial year with the most requests), the table and the files.
        marks = [time.perf_counter()]
        chosen = settings(templates)
        as_of = newest_date(found)
        facts = facts_for(found, as_of)
        by_year = Counter(f.received.year for f in facts)
        figures = count(facts, periods.year(max(by_year, key=by_year.__getitem__), chosen.financial))
        marks.append(time.perf_counter())
        print_table(figures, as_of, Console(file=io.StringIO(), width=120))
        marks.append(time.perf_counter())
        write_files(Path(scratch) / "out", figures, as_of, chosen)
        marks.append(time.perf_counter())
        counting, table, writing = (b - a for a, b in zip(marks, marks[1:], strict=False))
        beyond = summarising + marks[-1] - marks[0]
        # And every quarter they span, as the log's page counts its last eight.
        start = time.perf_counter()
        quarters = periods.quarters_between(min(f.received for f in facts), as_of, chosen.financial)
        for quarter in quarters:
            count(facts, quarter)
        every = time.perf_counter() - start
        print(f"{len(found)} answer files ({sum(1 for f in facts if f.total.timing == 'open')} open, "
              f"{sum(len(f.reviews) for f in facts)} reviews); {figures['all.received']} received in "
              f"{figures.period.label}")
        print(f"Loading them: {loading:.2f} s ({1000 * loading / len(found):.1f} ms a file)")
        print(f"The bank holidays' tables (once per process, the `holidays` library's import included): "
              f"{tables:.3f} s")
        print(f"Beyond loading and those: {beyond:.3f} s (goal: under 0.5 s; {beyond / loading:.1%} of loading): "
              f"summarising the files {summarising:.3f} s, their facts and a year's figures per law and in total "
              f"{counting:.3f} s, the table (rich, its import included) {table:.3f} s, the CSV and JSON files "
              f"{writing:.3f} s; with the holidays' tables {tables + beyond:.3f} s")
        print(f"Counting each of the {len(quarters)} quarters they span: {every:.3f} s")
        # The log's Statistics page: its first run reads every file; the second finds them unchanged.
        del found, facts
        gc.collect()
        site, cache = Path(scratch) / "site", Path(scratch) / "cache"
        for run in ("first", "second"):
            start = time.perf_counter()
            changed = write_statistics(site, files, templates, cache)
            print(f"The log's Statistics page, {run} run: {time.perf_counter() - start:.2f} s "
                  f"({len(changed)} files written)")

if __name__ == "__main__":
    main()
