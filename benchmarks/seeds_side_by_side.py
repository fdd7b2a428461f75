"""The seeds' build time with two versions of foiletters, side by side in one run.

    .venv/bin/python benchmarks/seeds_side_by_side.py BEFORE_SRC [AFTER_SRC] [--runs 5]

BEFORE_SRC and AFTER_SRC are `src` folders (AFTER_SRC: this checkout's). Make the one before
with `git worktree add /tmp/before <commit>` or `git archive <commit> src | tar -x -C /tmp/before`.
Every answer file of answers/ and examples/ is built (DOCX and PDF) in a fresh process, the two
versions taking turns, so that the machine's load falls on both alike; prints the median of
the whole set's time for each and their ratio (machine noise is the same for both).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "answers").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


def build_all(src: Path) -> tuple[float, float]:
    """The wall time and the CPU time (of the builds' processes) of building every seed."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    start, used = time.perf_counter(), _children_cpu()
    with tempfile.TemporaryDirectory() as out:
        for seed in SEEDS:
            subprocess.run([sys.executable, "-m", "foiletters", "build", str(seed), "-o", out], check=True,
                           capture_output=True, cwd=ROOT, env=env)
    return time.perf_counter() - start, _children_cpu() - used


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path, nargs="?", default=ROOT / "src")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times: dict[str, list[tuple[float, float]]] = {"before": [], "after": []}
    build_all(args.before), build_all(args.after)  # warm the file cache for both
    for _ in range(args.runs):
        for name in ("before", "after"):
            times[name].append(build_all(getattr(args, name)))
    print(f"{len(SEEDS)} seed letters (DOCX + PDF, a fresh process each), median of {args.runs} runs "
          f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):")
    medians = {}
    for name in ("before", "after"):
        wall, cpu = (statistics.median(t[i] for t in times[name]) for i in (0, 1))
        medians[name] = wall, cpu
        print(f"  {name:<6} {getattr(args, name)}: wall {wall:.2f} s, CPU {cpu:.2f} s   "
              f"wall {[round(t[0], 2) for t in times[name]]}")
    print(f"  after / before: wall {medians['after'][0] / medians['before'][0]:.3f}, "
          f"CPU {medians['after'][1] / medians['before'][1]:.3f}")


if __name__ == "__main__":
    main()
