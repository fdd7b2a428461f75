"""Incremental runs of the disclosure log on an existing site: old code against new, side by side.

    .venv/bin/python benchmarks/log_incremental.py SITE_COPY [--base /tmp/base/src] [--repeats 5] [--jobs N]

SITE_COPY is a folder holding `answers/` and the log built from them, `site/` (with its cache
`.site.foiletters-cache` beside it), e.g. a copy of a 10,000-letter log that log_10000.py built.
It is changed: work on a copy. With --base (the src/ folder of other code, e.g. a checkout of main),
the old code runs on a second copy made beside it (SITE_COPY.base: the site's files hard-linked, as
the log only ever replaces a file by renaming a new one into place; the answers and the cache
copied), so that each code keeps its own bookkeeping. Each round runs, as fresh `foiletters log`
processes, one after the other, taking turns at going first:
- a run with nothing changed, with each code;
- a run with one answer file changed (the same file in both copies, a different one each round,
  its subject revised), with each.
It prints the median, min and max of each, the ratios new/old, and the main process's peak memory
(RSS) and CPU time (which the machine's load changes less than the time). `--jobs` as for the log.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_RUN = """
import json, resource, sys
from foiletters.cli import main
try:
    main(sys.argv[1:])
except SystemExit as stop:
    status = stop.code
else:
    status = 0
me = resource.getrusage(resource.RUSAGE_SELF)
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"status": status, "main_peak_mb": me.ru_maxrss / 1024, "main_cpu": me.ru_utime + me.ru_stime,
                  "worker_peak_mb": children.ru_maxrss / 1024}))
"""


def one_run(src: Path, folder: Path, jobs: int | None) -> dict[str, object]:
    """One fresh `foiletters log` process with the code in `src`: its time, summary line and resources."""
    args = ["log", str(folder / "answers"), "--out", str(folder / "site"), "--templates", str(ROOT / "templates")]
    args += ["--jobs", str(jobs)] if jobs else []
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}  # as installed
    env["PYTHONPATH"] = str(src)
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", _RUN, *args], capture_output=True, text=True, env=env,
                          cwd=folder, check=False)
    seconds = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {"status": "crashed"}
    summary = next((line for line in lines if " published (" in line), "")
    if result["status"] not in (0, None):
        print(f"  run failed ({src}): {summary or done.stderr[-1500:]}", flush=True)
    return {"seconds": seconds, "summary": summary, **result}


def second_copy(folder: Path) -> Path:
    """SITE_COPY.base: the answers and the cache copied, the site's files hard-linked."""
    other = folder.with_name(folder.name + ".base")
    if other.exists():
        shutil.rmtree(other)
    other.mkdir()
    shutil.copytree(folder / "answers", other / "answers")
    shutil.copytree(folder / ".site.foiletters-cache", other / ".site.foiletters-cache", symlinks=True)
    shutil.copytree(folder / "site", other / "site", symlinks=True, copy_function=os.link)
    # The cache names each answer file by its path: the copy's, or every letter would be built again.
    was, now = (json.dumps(str(f / "answers") + os.sep)[1:-1] for f in (folder, other))
    for name in ("manifest.json", "statistics.json"):
        path = other / ".site.foiletters-cache" / name
        if path.is_file():
            path.write_text(path.read_text(encoding="utf-8").replace(was, now), encoding="utf-8")
    return other


def revise(answer_file: Path) -> None:
    text = answer_file.read_text(encoding="utf-8")
    answer_file.write_text(text.replace("subject: ", "subject: revised ", 1), encoding="utf-8")


def spread(values: list[float], unit: str = "s") -> str:
    return (f"median {statistics.median(values):.2f} {unit} (min {min(values):.2f}, max {max(values):.2f}, "
            f"{len(values)} runs)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site_copy", type=Path)
    parser.add_argument("--base", type=Path, help="the source folder (src/) of the code to compare with")
    parser.add_argument("--new", type=Path, default=ROOT / "src", help="the source folder of the code to time")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    folder = args.site_copy.resolve()
    codes = {"new": args.new.resolve()} | ({"old": args.base.resolve()} if args.base else {})
    folders = {"new": folder} | ({"old": second_copy(folder)} if args.base else {})
    files = sorted((folder / "answers").glob("*.yaml"))
    print(f"{len(files)} answer files in {folder}; codes: " + ", ".join(f"{k} {v}" for k, v in codes.items()),
          flush=True)
    for name, src in codes.items():  # first, so that each site is as its code leaves it: not timed
        warm = one_run(src, folders[name], args.jobs)
        print(f"  warm-up ({name}): {warm['seconds']:.2f} s, {warm['summary']}", flush=True)
    results: dict[str, dict[str, list[dict[str, object]]]] = {k: {"nothing": [], "one": []} for k in codes}
    for repeat in range(args.repeats):
        turn = list(codes) if repeat % 2 == 0 else list(reversed(codes))
        for name in turn:
            run = one_run(codes[name], folders[name], args.jobs)
            if "(0 built" not in str(run["summary"]):
                print(f"  nothing changed, but ({name}): {run['summary']}", flush=True)
            results[name]["nothing"].append(run)
        changed = files[(repeat + 1) * len(files) // (args.repeats + 2)].name
        for name in turn:
            revise(folders[name] / "answers" / changed)
        for name in turn:
            run = one_run(codes[name], folders[name], args.jobs)
            if "(1 built" not in str(run["summary"]):
                print(f"  one changed, but ({name}): {run['summary']}", flush=True)
            results[name]["one"].append(run)
        print(f"  round {repeat + 1}: " + "; ".join(
            f"{name} {r['nothing'][-1]['seconds']:.2f} s / {r['one'][-1]['seconds']:.2f} s"
            for name, r in results.items()), flush=True)
    for kind, label in (("nothing", "Nothing changed"), ("one", "One answer file changed")):
        print(f"{label}, {len(files)} letters:")
        for name, r in results.items():
            runs = r[kind]
            print(f"  {name}: {spread([x['seconds'] for x in runs])}; main process CPU "
                  f"{spread([x['main_cpu'] for x in runs])}; main peak RSS "
                  f"{spread([x['main_peak_mb'] for x in runs], 'MB')}"
                  + (f"; worker peak RSS {max(x['worker_peak_mb'] for x in runs):.0f} MB" if kind == "one" else ""))
        if "old" in results:
            new = [x["seconds"] for x in results["new"][kind]]
            old = [x["seconds"] for x in results["old"][kind]]
            cpu_new = [x["main_cpu"] for x in results["new"][kind]]
            cpu_old = [x["main_cpu"] for x in results["old"][kind]]
            print(f"  ratio new/old: time {statistics.median(new) / statistics.median(old):.2f}, main process CPU "
                  f"{statistics.median(cpu_new) / statistics.median(cpu_old):.2f}")


if __name__ == "__main__":
    main()
