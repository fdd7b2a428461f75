"""Where a cold `foiletters build` spends its time: the critical path of one letter, both processes.

    .venv/bin/python benchmarks/cold_build_timeline.py [answers/FOI795053096.yaml] [--runs 10] [--against TREE]

Each run is a fresh `foiletters build ANSWER -o NEW_FOLDER` (DOCX and PDF) from a copy of src/ with
its bytecode compiled, as `pip install` leaves it, started through a small wrapper that marks, in
both processes, when things happen (milliseconds since the process was started):
- main: the wrapper's first line (the interpreter's own start-up before it), the PDF process
  forked, the rendering handed over (load, check, render and the DOCX done), the PDF back, the
  files written, the PDF process shut down, Python's exit begun, and the process gone;
- PDF process: forked, WeasyPrint imported (and whatever else it prepares before the rendering
  comes), the rendering received, the PDF laid out.
It prints the median of each mark over --runs, and the CPU time (user + system, both processes).
With --against another source tree (e.g. a checkout of main), the two alternate run by run under the
same load, and the ratios of their wall and CPU times are printed, run by run, median, min and max.
"""

from __future__ import annotations

import argparse
import compileall
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run as `python -c WRAPPER ARGS...`: marks events into $TIMELINE as "pid event seconds" (monotonic).
WRAPPER = r"""
import os, sys, time
def mark(what, _path=os.environ["TIMELINE"]):
    with open(_path, "a") as out:
        out.write(f"{os.getpid()} {what} {time.perf_counter()}\n")
mark("main: interpreter started")
import atexit
atexit.register(mark, "main: Python's exit begun")  # registered first, so run last
import foiletters.write.files as files, foiletters.write.pdf_process as pp
for name, before, after in (("_prepare", "child: forked", "child: prepared (WeasyPrint imported)"),
                            ("_to_pdf", "child: rendering received", "child: PDF laid out")):
    def wrapped(*args, _original=getattr(pp, name), _before=before, _after=after):
        mark(_before)
        result = _original(*args)
        mark(_after)
        return result
    wrapped.__module__, wrapped.__qualname__ = pp.__name__, name  # pickled by name, found in the fork
    setattr(pp, name, wrapped)
def method(cls, name, before, after):
    original = getattr(cls, name)
    def wrapped(*args, **kwargs):
        mark(before)
        result = original(*args, **kwargs)
        mark(after)
        return result
    setattr(cls, name, wrapped)
method(pp.PdfProcess, "__init__", "main: forking", "main: forked")
method(pp.PdfProcess, "to_pdf", "main: rendering sent (DOCX done)", "main: PDF received")
method(pp.PdfProcess, "__exit__", "main: shutdown begun", "main: shutdown done")
original_write_set = files.write_set
def write_set(*args, **kwargs):
    mark("main: writing")
    original_write_set(*args, **kwargs)
    mark("main: written")
files.write_set = write_set
from foiletters.cli import entry_point
sys.argv[0] = "foiletters"
entry_point()
"""


def compiled_copy(tree: Path, into: Path) -> Path:
    shutil.copytree(tree / "src", into, ignore=shutil.ignore_patterns("__pycache__"))
    compileall.compile_dir(into, quiet=1)
    return into


def run_once(src: Path, answer: Path, out: Path, timeline: Path) -> tuple[dict[str, float], float, float]:
    """One build: its marks (ms since the start), wall seconds and CPU seconds (both processes)."""
    env = {**os.environ, "PYTHONPATH": str(src), "TIMELINE": str(timeline)}
    timeline.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", WRAPPER, "build", str(answer), "-o", str(out)], check=True,
                   capture_output=True, cwd=ROOT, env=env)
    end = time.perf_counter()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    marks = {"main: process started": 0.0}
    for line in timeline.read_text().splitlines():
        _, what, seconds = line[:line.index(" ")], line[line.index(" ") + 1:line.rindex(" ")], line[line.rindex(" "):]
        marks[what] = (float(seconds) - start) * 1000
    marks["main: process gone"] = (end - start) * 1000
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return marks, end - start, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer_file", nargs="?", type=Path, default=ROOT / "answers" / "FOI795053096.yaml")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--against", type=Path, help="another source tree (with src/), run alternately")
    args = parser.parse_args()
    answer = args.answer_file.resolve()
    trees = {"this tree": ROOT} | ({f"against ({args.against})": args.against.resolve()} if args.against else {})
    results: dict[str, list[tuple[dict[str, float], float, float]]] = {name: [] for name in trees}
    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        sources = {name: compiled_copy(tree, work / f"src{i}") for i, (name, tree) in enumerate(trees.items())}
        for name, src in sources.items():  # a first build of each, not timed (the disk's caches)
            run_once(src, answer, work / f"warm{name[:4]}", work / "timeline")
        for run in range(args.runs):
            for name, src in sources.items():
                results[name].append(run_once(src, answer, work / f"out{run}{name[:4]}", work / "timeline"))
    print(f"{answer.name}: median of {args.runs} cold builds, ms since the process was started")
    for name, runs in results.items():
        print(f"\n{name}")
        order = sorted({what for marks, _, _ in runs for what in marks}, key=lambda w: statistics.median(
            marks.get(w, 0.0) for marks, _, _ in runs))
        for what in order:
            values = [marks[what] for marks, _, _ in runs if what in marks]
            print(f"  {what:<42} {statistics.median(values):7.0f}   (min {min(values):5.0f}, max {max(values):5.0f})")
        walls, cpus = [wall for _, wall, _ in runs], [cpu for _, _, cpu in runs]
        print(f"  {'wall':<42} {statistics.median(walls) * 1000:7.0f}   (min {min(walls) * 1000:5.0f}, "
              f"max {max(walls) * 1000:5.0f})")
        print(f"  {'CPU, both processes':<42} {statistics.median(cpus) * 1000:7.0f}   (min {min(cpus) * 1000:5.0f}, "
              f"max {max(cpus) * 1000:5.0f})")
    if args.against:
        new, old = results.values()
        for label, index in (("wall", 1), ("CPU", 2)):
            ratios = sorted(n[index] / o[index] for n, o in zip(new, old, strict=True))
            print(f"this tree / against, {label}, run by run: median {statistics.median(ratios):.2f}x "
                  f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f})")


if __name__ == "__main__":
    main()
