"""Time the disclosure log on a thousand generated answer files, against LibreOffice.

    .venv/bin/python benchmarks/log_1000.py [--count 1000] [--jobs N] [--skip-libreoffice]

Generates COUNT answer files modelled on the seed letters in answers/ (each a copy of a seed
with its own reference, date, subject and figures, so that sizes, tables and exemptions follow
the seeds'), prints the distribution it generated, then prints:
- the full build (DOCX + PDF + site) as a fresh process: time and letters per second;
- a rebuild with one answer file changed, as a fresh process;
- the peak memory (RSS) of a worker, after a quarter of the batch and after all of it;
- LibreOffice converting the same DOCX files to PDF (`soffice --headless --convert-to pdf`),
  with as many soffice processes, each with its own profile, as foiletters used workers.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "answers").glob("*.yaml"))
SUBJECTS = ["school admissions", "pothole repairs", "council tax arrears", "parking fines", "library opening hours",
            "children in care", "social worker caseloads", "adult social care", "fly-tipping", "housing repairs",
            "street lighting", "air quality", "planning enforcement", "agency staff spend", "bus subsidies"]


def generate(folder: Path, count: int, seed: int = 7, *, personal: bool = False) -> dict[str, object]:
    """COUNT answer files in `folder`; with `personal`, each has a requester and a private value, and every
    other one a spreadsheet attachment, so that the log's privacy search and attachment audit have work."""
    rng = random.Random(seed)
    sources = [(path, path.read_text(encoding="utf-8")) for path in SEEDS]
    sizes, tables, exemptions, questions, kinds, attached = [], [], [], [], {}, 0
    if personal:
        _spreadsheet(folder / "figures.xlsx")
    for number in range(count):
        path, text = sources[number % len(sources)]
        reference = f"FOI{900000000 + number}"
        year = 2019 + number % 7
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        text = re.sub(r"(?m)^reference: .*$", f"reference: {reference}", text)
        text = re.sub(r"(?m)^date: .*$", f"date: {date}", text)
        text = re.sub(r"(?m)^reviewed_for_publication: .*$", f"reviewed_for_publication: {date}", text)
        text = re.sub(r"(?m)^subject: .*$", f"subject: {rng.choice(SUBJECTS)} ({number})", text)
        # Figures change from letter to letter; the shape of the answers does not.
        text = re.sub(r'(?<=\[)"?(\d{2,4})"?(?=[,\]])', lambda m: f'"{int(m.group(1)) + rng.randint(0, 9)}"', text)
        if personal:
            text = _personal(text, number)
            attached += "figures.xlsx" in text
        (folder / f"{reference}.yaml").write_text(text, encoding="utf-8")
        for name in re.findall(r"(?m)^\s+csv: (\S+)", text):
            shutil.copy(path.parent / name, folder / name)
        sizes.append(len(text))
        tables.append(len(re.findall(r"(?m)^\s+(?:table|tables):", text)))
        exemptions.append(len(re.findall(r"(?m)^\s+exemption:", text)))
        questions.append(len(re.findall(r"(?m)^\s+- number:", text)))
        kinds[path.stem] = kinds.get(path.stem, 0) + 1
    return {"answer files": count, "modelled on": kinds,
            "size (bytes) median/max": (int(statistics.median(sizes)), max(sizes)),
            "questions and parts per file, median/max": (statistics.median(questions), max(questions)),
            "files with tables": f"{sum(1 for t in tables if t) / count:.0%}",
            "tables per file, mean": round(statistics.mean(tables), 2),
            "files with exemptions": f"{sum(1 for e in exemptions if e) / count:.0%}",
            "files with attachments": f"{attached / count:.0%}"}


def _personal(text: str, number: int) -> str:
    """The requester's details and a private value, and every other letter the spreadsheet attached."""
    # The surname in letters only: the privacy search looks for each part of a name, and a part "2" is found in
    # every figure of the letter (the letter would be held back, as it should be).
    surname = "Varnham" + "".join("bcdfghjklm"[int(digit)] for digit in str(number))
    requester = (f"requester:\n  name: Ms Quilla {surname}\n  email: q.varnham{number}@example.org\n"
                 f"  phone: 07700 9{number:05d}\n  address: [\"{number + 1} Larkspur Row\", Coventry, \"CV1 9ZZ\"]\n"
                 f"private: [\"Varnham case {number}\"]\n")
    text = re.sub(r"(?m)^(subject: .*\n)", lambda m: m.group(1) + requester, text, count=1)
    if number % 2:
        attachment = "  - file: figures.xlsx\n    title: the spreadsheet of figures\n"
        if re.search(r"(?m)^attachments:\n", text):
            text = re.sub(r"(?m)^attachments:\n", lambda m: m.group(0) + attachment, text, count=1)
        else:
            text += "\nattachments:\n" + attachment
    return text


def _spreadsheet(path: Path) -> None:
    """A small spreadsheet with nothing hidden in it and no author, as an officer would attach."""
    from openpyxl import Workbook

    book = Workbook()
    book.properties.creator = None
    sheet = book.active
    sheet.title = "Figures"
    sheet.append(["Year", "Count"])
    for year in range(2019, 2026):
        sheet.append([year, 100 + year % 17])
    book.save(path)


def timed_log(answers: Path, site: Path, jobs: int | None,
              extra: tuple[str, ...] = ()) -> tuple[float, dict[str, object]]:
    """One fresh `foiletters log` process; its time, its summary line, and its workers' peak RSS."""
    code = f"""
import json, resource, sys
from pathlib import Path
from foiletters.cli import main
status = main(["log", {str(answers)!r}, "--out", {str(site)!r}, "--templates", {str(ROOT / 'templates')!r}]
              + ({['--jobs', str(jobs)]!r} if {jobs!r} else []) + {list(extra)!r})
children = resource.getrusage(resource.RUSAGE_CHILDREN)
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({{"status": status, "worker_peak_mb": children.ru_maxrss / 1024, "main_peak_mb": me.ru_maxrss / 1024,
                  "cpu_seconds": children.ru_utime + children.ru_stime + me.ru_utime + me.ru_stime}}))
"""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=False)
    elapsed = time.perf_counter() - start
    lines = done.stdout.strip().splitlines()
    summary = next((line for line in lines if " published (" in line), "")
    result = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else {"error": done.stderr[-2000:]}
    if result.get("status"):
        result["error"] = done.stderr[-3000:]
    return elapsed, {"summary": summary, **result}


# One soffice invocation stops converting after about 250 files (seen with LibreOffice 7.4 here):
# each process converts its share in runs of this many.
LIBREOFFICE_RUN = 200


def libreoffice(docx_files: list[Path], processes: int) -> tuple[float, int, float] | None:
    """Seconds for `processes` soffice lanes, each with its own profile, to convert the files; how many it did;
    the CPU seconds soffice used."""
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as scratch:
        lanes = [docx_files[i::processes] for i in range(processes)]
        profiles = [(Path(scratch) / f"profile{i}").as_uri() for i in range(processes)]
        for profile in profiles:  # a new profile makes soffice restart once: not part of the timing
            subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--terminate_after_init"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        out = Path(scratch) / "pdf"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        with ThreadPoolExecutor(processes) as pool:
            list(pool.map(lambda lane: _convert(soffice, lane[0], lane[1], out), zip(profiles, lanes, strict=True)))
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
        return elapsed, len(list(out.glob("*.pdf"))), cpu


def _convert(soffice: str, profile: str, files: list[Path], out: Path) -> None:
    for first in range(0, len(files), LIBREOFFICE_RUN):
        subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
                        "--outdir", str(out), *map(str, files[first:first + LIBREOFFICE_RUN])],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--skip-libreoffice", action="store_true")
    args = parser.parse_args()
    jobs = args.jobs or os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        answers, quarter = work / "answers", work / "quarter"
        answers.mkdir()
        quarter.mkdir()
        print("Generated:", json.dumps(generate(answers, args.count), indent=1))
        for path in sorted(answers.glob("*.yaml"))[: max(1, args.count // 4)]:
            shutil.copy(path, quarter)
        for extra in answers.glob("*.csv"):
            shutil.copy(extra, quarter)

        seconds, small = timed_log(quarter, work / "site-quarter", jobs)
        print(f"A quarter ({args.count // 4} letters): {seconds:.1f} s; worker peak RSS "
              f"{small.get('worker_peak_mb', 0):.0f} MB")
        full_time, full = timed_log(answers, work / "site", jobs)
        rate = args.count / full_time
        print(f"Full build, {args.count} letters (DOCX + PDF + site), fresh process, {jobs} workers: "
              f"{full_time:.1f} s, {rate:.1f} letters per second")
        print(f"  {full.get('summary')}")
        print(f"  worker peak RSS {full.get('worker_peak_mb', 0):.0f} MB (a quarter of the batch: "
              f"{small.get('worker_peak_mb', 0):.0f} MB); main process {full.get('main_peak_mb', 0):.0f} MB")
        seconds, again = timed_log(answers, work / "site", jobs)
        print(f"Second run, nothing changed: {seconds:.2f} s ({again.get('summary')})")
        changed = sorted(answers.glob("*.yaml"))[args.count // 2]
        changed.write_text(changed.read_text(encoding="utf-8").replace("subject: ", "subject: revised ", 1),
                           encoding="utf-8")
        seconds, one = timed_log(answers, work / "site", jobs)
        print(f"Rebuild with one answer file changed: {seconds:.2f} s ({one.get('summary')})")
        if not args.skip_libreoffice:
            docx = sorted((work / "site" / "requests").glob("*/*.docx"))
            result = libreoffice(docx, jobs)
            if result is None:
                print("LibreOffice: soffice is not installed")
            else:
                lo, converted, _cpu = result
                print(f"LibreOffice, {len(docx)} DOCX → PDF only ({converted} converted), {jobs} soffice processes "
                      f"in runs of {LIBREOFFICE_RUN}: {lo:.1f} s, {converted / lo:.1f} letters per second; "
                      f"foiletters, DOCX and PDF together: {rate:.1f} (ratio {rate / (converted / lo):.2f})")
                print(f"  a letter's time on one core: foiletters {full_time * jobs / args.count * 1000:.0f} ms "
                      f"(DOCX, PDF and site), LibreOffice {lo * jobs / max(converted, 1) * 1000:.0f} ms (PDF)")


if __name__ == "__main__":
    main()
