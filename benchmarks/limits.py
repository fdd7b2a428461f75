"""Time and peak memory of `foiletters build` at the documented limits (load/limits.py).

    .venv/bin/python benchmarks/limits.py [--runs 3] [--only NAME ...]

Each input is made at the limits in a temporary folder and built (DOCX and PDF) in a fresh
process, as an officer runs it; the median wall time of the runs is printed with the peak
resident memory of the largest process of the build (the build or its PDF helper), and the
CPU time of the build's processes: on a loaded machine the wall time grows with the load, the
CPU time hardly (an idle machine's wall time is about the CPU time, or less: the PDF helper
works beside the main process). The
inputs:
- answer file: the largest answer file, MAX_ANSWER_FILE_BYTES of prose in MAX_ITEMS questions;
- table (cells): a CSV table of MAX_CELLS cells holding MAX_TABLE_TEXT characters;
- table (columns): a table of MAX_COLUMNS columns;
- long word: a table cell and a paragraph each holding a word of MAX_WORD characters;
- attachment: an attachment of MAX_ATTACHMENT_BYTES copied beside the letter;
- all at once: the largest answer file with the largest table as well.
The bound the limits are set for: 30 s and 500 MB for every input, on an idle machine.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from foiletters.load import limits  # noqa: E402

HEAD = {"reference": "FOI1000001", "date": "2026-03-04", "subject": "Records held at the limits"}
WORDS = ["the", "council", "holds", "information", "about", "housing", "repairs", "budget", "children",
         "placements", "year", "total", "records", "district", "officer", "request"]


def prose(rnd: random.Random, size: int) -> str:
    words: list[str] = []
    length = 0
    while length < size:
        word = rnd.choice(WORDS)
        words.append(word)
        length += len(word) + 1
    return " ".join(words)[:size]


def answer_file(folder: Path) -> Path:
    """MAX_ITEMS questions of prose, paragraphs of 700 characters, up to MAX_ANSWER_FILE_BYTES."""
    rnd = random.Random(1)
    per = (limits.MAX_ANSWER_FILE_BYTES - 8000) // limits.MAX_ITEMS - 80
    questions = [{"number": f"{i}.", "text": f"What is held about matter {i}?",
                  "answer": "\n\n".join([prose(rnd, 700) for _ in range(per // 702)] + [prose(rnd, per % 702 + 1)])}
                 for i in range(1, limits.MAX_ITEMS + 1)]
    return _write(folder, {**HEAD, "questions": questions})


def table_cells(folder: Path) -> Path:
    """A CSV table of MAX_CELLS cells (10 columns) holding MAX_TABLE_TEXT characters."""
    rnd = random.Random(2)
    columns = 10
    rows = limits.MAX_CELLS // columns
    per_cell = (limits.MAX_TABLE_TEXT - rows * 8) // (rows * (columns - 1))  # the row labels count too
    with (folder / "data.csv").open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["Area"] + [f"Column {c}" for c in range(1, columns)])
        for r in range(rows):
            writer.writerow([f"Row {r}"] + [prose(rnd, per_cell) for _ in range(1, columns)])
    return _write(folder, {**HEAD, "questions": [{"number": "1.", "text": "What is held?",
                                                  "table": {"csv": "data.csv"}}]})


def table_columns(folder: Path) -> Path:
    """A table of MAX_COLUMNS columns, with as many rows of figures as MAX_CELLS allows."""
    columns = ["Area"] + [f"Month {c}" for c in range(1, limits.MAX_COLUMNS)]
    rows = [[f"District {r}"] + [f"{(r * 7919 + c * 104729) % 100000:,}" for c in range(1, limits.MAX_COLUMNS)]
            for r in range(limits.MAX_CELLS // limits.MAX_COLUMNS)]
    return _write(folder, {**HEAD, "questions": [{"number": "1.", "text": "What is held?",
                                                  "table": {"columns": columns, "rows": rows}}]})


def long_word(folder: Path) -> Path:
    """A word of MAX_WORD characters in a table cell, and another in a paragraph."""
    word = "".join(random.Random(3).choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(limits.MAX_WORD))
    table = {"columns": ["Item", "Reference", "Count"], "rows": [["One", word, "1"], ["Two", "short", "2"]]}
    return _write(folder, {**HEAD, "questions": [
        {"number": "1.", "text": "What is held?", "table": table},
        {"number": "2.", "text": "And the reference?", "answer": f"The reference is {word} in full."}]})


def everything(folder: Path) -> Path:
    """The largest answer file whose first question has the CSV table of MAX_CELLS cells as well."""
    path = answer_file(folder)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["questions"][0]["table"] = yaml.safe_load(table_cells(folder).read_text(encoding="utf-8"))[
        "questions"][0]["table"]
    return _write(folder, data)


def attachment(folder: Path) -> Path:
    """An attachment of MAX_ATTACHMENT_BYTES, copied beside the letter."""
    with (folder / "records.pdf").open("wb") as out:
        chunk = os.urandom(1024 * 1024)
        for _ in range(limits.MAX_ATTACHMENT_BYTES // len(chunk)):
            out.write(chunk)
    return _write(folder, {**HEAD, "questions": [{"number": "1.", "text": "What is held?", "answer": "Attached."}],
                           "attachments": [{"file": "records.pdf", "title": "The records"}]})


def _write(folder: Path, data: dict) -> Path:
    path = folder / "FOI1000001.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, width=10**9, sort_keys=False), encoding="utf-8")
    return path


INPUTS = {"answer file": answer_file, "table (cells)": table_cells, "table (columns)": table_columns,
          "long word": long_word, "attachment": attachment, "all at once": everything}

# Runs one build as a child and prints its wall time and the peak memory of its largest process.
_MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
result = subprocess.run(sys.argv[1:], capture_output=True, text=True)
seconds = time.perf_counter() - start
if result.returncode:
    sys.exit(result.stdout + result.stderr)
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
print(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)
"""


def measure(answer: Path, runs: int) -> tuple[float, float, float]:
    times, cpus, peaks = [], [], []
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "foiletters", "build",
                                     str(answer), "-o", out], capture_output=True, text=True, env=env, cwd=ROOT)
            if result.returncode:
                raise SystemExit(f"{answer}: the build failed:\n{result.stderr}")
            seconds, cpu, kilobytes = result.stdout.split()
            times.append(float(seconds))
            cpus.append(float(cpu))
            peaks.append(int(kilobytes) / 1024)
    return statistics.median(times), statistics.median(cpus), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", nargs="*", choices=list(INPUTS), default=list(INPUTS))
    args = parser.parse_args()
    print(f"foiletters build at the limits: median of {args.runs} runs, peak memory of the largest process")
    print(f"  (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; the bound is for an idle machine)")
    for name in args.only:
        with tempfile.TemporaryDirectory() as folder:
            answer = INPUTS[name](Path(folder))
            seconds, cpu, megabytes = measure(answer, args.runs)
            flag = "" if min(seconds, cpu) <= 30 and megabytes <= 500 else "   over the bound of 30 s / 500 MB"
            print(f"  {name:<16} {seconds:6.1f} s wall {cpu:6.1f} s CPU {megabytes:6.0f} MB{flag}   "
                  f"({INPUTS[name].__doc__.strip()})")


if __name__ == "__main__":
    main()
