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
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from log_1000 import generate  # noqa: E402 - beside this file

from foiletters.check.deadlines import is_working_day  # noqa: E402
from foiletters.render.house import TemplateSet  # noqa: E402
from foiletters.stats import periods  # noqa: E402
from foiletters.load.answerfile import load  # noqa: E402
from foiletters.publish.statistics_page import write_statistics  # noqa: E402
from foiletters.stats.collect import answer_files, facts_for, newest_date  # noqa: E402
from foiletters.stats.summary import summary_of  # noqa: E402
from foiletters.stats.counting import count  # noqa: E402
from foiletters.stats.output import write_files  # noqa: E402
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
        start = time.perf_counter()
        loaded = [load(file).answers for file in files]
        loading = time.perf_counter() - start
        # The bank holidays' tables, made once per process by the `holidays` library (its import included),
        # as `check` makes them: timed on their own, then the counting.
        start = time.perf_counter()
        for year in {d.year for a in loaded for d in (a.received, a.date) if d}:
            for law in ("FOIA", "FOISA"):
                is_working_day(dt.date(year, 1, 1), law)
        tables = time.perf_counter() - start
        start = time.perf_counter()
        chosen = settings(templates)
        found = [summary_of(a, templates.library) for a in loaded]
        as_of = newest_date(found)
        facts = facts_for(found, as_of)
        quarters = periods.quarters_between(min(f.received for f in facts), as_of, chosen.financial)
        every = [count(facts, q) for q in quarters]
        whole = count(facts, periods.days(quarters[0].start, quarters[-1].end))
        write_files(Path(scratch) / "out", every[-1], as_of, chosen)
        counting = time.perf_counter() - start
        print(f"{len(loaded)} answer files ({sum(1 for f in facts if f.total.timing == 'open')} open, "
              f"{sum(len(f.reviews) for f in facts)} reviews), {len(quarters)} quarters, "
              f"{whole['all.received']} requests in all")
        print(f"Loading them: {loading:.2f} s ({1000 * loading / len(loaded):.1f} ms a file)")
        print(f"The bank holidays' tables (once per process, the `holidays` library's import included): "
              f"{tables:.3f} s")
        print(f"Beyond loading and those: {counting:.3f} s to summarise the files, count every quarter, per law "
              f"and in total, and write one period's CSV and JSON (goal: under 0.5 s); {counting / loading:.1%} "
              f"of loading; with the tables {tables + counting:.3f} s")
        # The log's Statistics page: its first run reads every file; the second finds them unchanged.
        site, cache = Path(scratch) / "site", Path(scratch) / "cache"
        for run in ("first", "second"):
            start = time.perf_counter()
            changed = write_statistics(site, files, templates, cache)
            print(f"The log's Statistics page, {run} run: {time.perf_counter() - start:.2f} s "
                  f"({len(changed)} files written)")

if __name__ == "__main__":
    main()
