"""Growth: the disclosure log at 10,000 letters against 1,000, in the same run.

    .venv/bin/python benchmarks/log_10000.py [--count 10000] [--small 1000] [--jobs N] [--repeats 5] [--keep DIR]

Generates COUNT answer files as log_1000.py does (with requesters, private values and
attachments), then prints:
- the full build of the first SMALL of them and of all COUNT (fresh processes, fresh sites) and
  the ratio of the two times (the target: at most 10.5 for 10 times the letters);
- at COUNT, a run with nothing changed and a run with one answer file changed, REPEATS times
  each: median, min and max;
- the workers' peak memory (RSS) for the small build and the full one;
- the index pages' and search index's sizes, and in headless Chromium (Playwright, when installed)
  the first paint of index.html, the time from typing a search to its result, and axe-core's
  findings (site_in_browser.py, which measures any built site).
Takes long (10,000 letters are over ten minutes on two cores): run it in the background. With --keep,
it works in DIR (new or empty) and leaves the answers and the built log there, as log_incremental.py
takes them (`DIR/answers`, `DIR/site`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import site_in_browser  # noqa: E402
from log_1000 import generate, timed_log  # noqa: E402


def spread(times: list[float]) -> str:
    return f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, {len(times)} runs)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--keep", type=Path, default=None, help="work in this folder and leave the log there")
    args = parser.parse_args()
    jobs = args.jobs or os.cpu_count() or 1
    if args.keep is not None and args.keep.exists() and any(args.keep.iterdir()):
        parser.error(f"{args.keep} is not empty")
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch) if args.keep is None else args.keep
        work.mkdir(parents=True, exist_ok=True)
        answers, small = work / "answers", work / "small"
        answers.mkdir()
        small.mkdir()
        mix = generate(answers, args.count, personal=True)
        print(f"{args.count} generated letters ({mix['modelled on']}), {jobs} workers", flush=True)
        for path in sorted(answers.glob("*.yaml"))[: args.small]:
            shutil.copy(path, small)
        for extra in [*answers.glob("*.csv"), *answers.glob("*.xlsx")]:
            shutil.copy(extra, small)

        small_time, small_log = timed_log(small, work / "site-small", jobs)
        print(f"{args.small} letters: {small_time:.1f} s ({small_log.get('summary')}); worker peak RSS "
              f"{small_log.get('worker_peak_mb', 0):.0f} MB", flush=True)
        full_time, full_log = timed_log(answers, work / "site", jobs)
        print(f"{args.count} letters: {full_time:.1f} s ({full_log.get('summary')}); worker peak RSS "
              f"{full_log.get('worker_peak_mb', 0):.0f} MB; main process {full_log.get('main_peak_mb', 0):.0f} MB")
        print(f"  ratio {full_time / small_time:.2f} for {args.count / args.small:.0f} times the letters "
              f"({args.count / full_time:.1f} against {args.small / small_time:.1f} letters per second)", flush=True)

        unchanged = [timed_log(answers, work / "site", jobs)[0] for _ in range(args.repeats)]
        print(f"Nothing changed, {args.count} letters: {spread(unchanged)}", flush=True)
        files = sorted(answers.glob("*.yaml"))
        one = []
        for repeat in range(args.repeats):
            changed = files[(repeat + 1) * len(files) // (args.repeats + 2)]
            changed.write_text(changed.read_text(encoding="utf-8").replace("subject: ", "subject: revised ", 1),
                               encoding="utf-8")
            seconds, result = timed_log(answers, work / "site", jobs)
            if "1 built" not in result.get("summary", ""):
                print(f"  (not one letter built: {result.get('summary')})")
            one.append(seconds)
        print(f"One answer file changed, {args.count} letters: {spread(one)}", flush=True)

        for line in site_in_browser.measure(work / "site", runs=args.repeats):
            print(line, flush=True)


if __name__ == "__main__":
    main()
