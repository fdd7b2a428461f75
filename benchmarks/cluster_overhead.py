"""The cost of building the log on a Dask cluster instead of the process pool, on the same machine.

    .venv/bin/python benchmarks/cluster_overhead.py [--count 200] [--workers 2] [--rounds 2]

Starts a LocalCluster of WORKERS processes of one thread each (as `dask worker --nthreads 1`
would on other machines; its start is not timed, as a real cluster is already running), then
builds COUNT generated letters (as log_1000.py generates them, with requesters, private values
and attachments) into a fresh site ROUNDS times each way, alternating: `foiletters log --jobs
WORKERS` and `foiletters log --cluster ADDRESS`, each a fresh process. Prints both medians and
the cluster's overhead (the target: under 10%), and checks the two sites are the same bytes.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from log_1000 import generate, timed_log  # noqa: E402


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    from distributed import LocalCluster

    with tempfile.TemporaryDirectory() as scratch, LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        work = Path(scratch)
        answers = work / "answers"
        answers.mkdir()
        generate(answers, args.count, personal=True)
        pool, dask = [], []
        for round_ in range(args.rounds):
            seconds, result = timed_log(answers, work / f"pool{round_}", args.workers)
            pool.append(seconds)
            print(f"process pool: {seconds:.1f} s ({result.get('summary') or result})", flush=True)
            seconds, result = timed_log(answers, work / f"dask{round_}", None, ("--cluster", cluster.scheduler_address))
            dask.append(seconds)
            print(f"cluster:      {seconds:.1f} s ({result.get('summary') or result})", flush=True)
        same = all(files(work / f"pool{r}") == files(work / f"dask{r}") for r in range(args.rounds))
    p, d = statistics.median(pool), statistics.median(dask)
    print(f"{args.count} letters, {args.workers} workers, median of {args.rounds}: process pool {p:.1f} s "
          f"(min {min(pool):.1f}, max {max(pool):.1f}), Dask cluster {d:.1f} s (min {min(dask):.1f}, "
          f"max {max(dask):.1f}): the cluster's overhead {d / p - 1:+.1%}; the sites are "
          f"{'the same bytes' if same else 'DIFFERENT'}")


if __name__ == "__main__":
    main()
