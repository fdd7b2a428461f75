"""How long a letter takes, against the office tools: `foiletters build` vs LibreOffice and pandoc.

    .venv/bin/python benchmarks/build_vs_libreoffice.py [answers/FOI795053096.yaml] [--runs 10]

Each timing is the median of --runs fresh processes, as an officer runs them; the build and
LibreOffice's conversion alternate (build, convert, build, convert, ...), so that both see the
same load on a shared machine, and their min and max are printed (the target: the build at most
0.8 times the conversion):
- foiletters: `foiletters build ANSWER -o NEW_FOLDER` (DOCX and PDF, nothing cached between
  runs), split into start-up (the interpreter and the imports a build needs) and the rest
  (load, check, render, write both files);
- LibreOffice: `soffice --headless --convert-to pdf` of the DOCX that foiletters built (its
  profile is made once beforehand, not timed, as on a desktop where LibreOffice has run before);
- pandoc: the letter's HTML (the same rendering both our writers use) to DOCX, when pandoc is
  installed (Debian's pandoc; skipped otherwise).
The ratios say how many foiletters builds fit in the time of one conversion.

With --against another source tree (a checkout of main, say), its build runs too, compiled the same way,
in the same rounds (this tree's build, the other's, the conversion), and both are printed with their
ratios and CPU times (user + system, both processes of a build), so that a change is measured under the
same load as what it changes.

foiletters runs from a copy of src/ with its bytecode compiled, as `pip install` leaves it: where
Python may not write bytecode (PYTHONDONTWRITEBYTECODE, a read-only checkout) the source tree
would be compiled again by every build, some 0.15 s of CPU. --from-source times the tree itself.
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
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# What `foiletters build` imports before it reads the answer file: the pipeline, both writers and
# WeasyPrint (through the writer's own import of it).
IMPORTS = ("import foiletters.build, foiletters.cli, foiletters.write.docx, foiletters.write.pdf as pdf; "
           "pdf.load_weasyprint(); import weasyprint.text.fonts")


def median_seconds(run: Callable[[Path], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            start = time.perf_counter()
            run(Path(folder))
            times.append(time.perf_counter() - start)
    return statistics.median(times), times


def quiet(command: list[str], **kwargs: object) -> None:
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT, **kwargs)  # type: ignore[arg-type]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer_file", nargs="?", type=Path, default=ROOT / "answers" / "FOI795053096.yaml")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--from-source", action="store_true", help="run src/ as it is, compiled by each build")
    parser.add_argument("--against", type=Path, help="another source tree (with src/), built in the same rounds")
    args = parser.parse_args()
    answer = args.answer_file.resolve()
    python = sys.executable
    results: dict[str, float] = {}

    with tempfile.TemporaryDirectory() as work_dir:
        work = Path(work_dir)
        if not args.from_source:  # as installed: a copy of the package with its bytecode
            shutil.copytree(ROOT / "src", work / "src")
            compileall.compile_dir(work / "src", quiet=1)
            os.environ["PYTHONPATH"] = str(work / "src")
        quiet([python, "-m", "foiletters", "build", str(answer), "-o", str(work / "letter")])
        docx = next((work / "letter").glob("*.docx"))
        html = work / "letter.html"
        quiet([python, "-c", "import sys; from pathlib import Path; from foiletters.load.answerfile import load; "
                             "from foiletters.render.house import TemplateSet; from foiletters.render.letter import "
                             "render; Path(sys.argv[2]).write_text(render(load(Path(sys.argv[1])), "
                             "TemplateSet(Path('templates'))).html, encoding='utf-8')", str(answer), str(html)])

        results["python -c pass (interpreter alone)"], _ = median_seconds(
            lambda _out: quiet([python, "-c", "pass"]), args.runs)
        results["start-up: the imports of a build"], _ = median_seconds(
            lambda _out: quiet([python, "-c", IMPORTS]), args.runs)

        cpu: dict[str, list[float]] = {"this tree": [], "against": [], "LibreOffice": []}

        def timed(what: str, command: list[str], **kwargs: object) -> float:
            """One run's wall seconds; its CPU seconds (with those of the processes it waited for) under `what`."""
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            with tempfile.TemporaryDirectory() as out:
                start = time.perf_counter()
                quiet([part.replace("{out}", out) for part in command], **kwargs)
                seconds = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[what].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            return seconds

        build_command = [python, "-m", "foiletters", "build", str(answer), "-o", "{out}"]
        other_env = None
        if args.against:
            other_src = work / "against-src"
            shutil.copytree(args.against.resolve() / "src", other_src, ignore=shutil.ignore_patterns("__pycache__"))
            if not args.from_source:
                compileall.compile_dir(other_src, quiet=1)
            other_env = {**os.environ, "PYTHONPATH": str(other_src)}
            quiet([*build_command[:-1], str(work / "other-warm")], env=other_env)
        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        times, lo_times, other_times = [], [], []
        convert: list[str] = []
        if soffice:
            profile = (work / "lo-profile").as_uri()
            convert = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf"]
            quiet([*convert, "--outdir", str(work / "warm"), str(docx)], timeout=300)  # makes the profile
        for _ in range(args.runs):  # alternating, one of each at a time
            times.append(timed("this tree", build_command))
            if other_env:
                other_times.append(timed("against", build_command, env=other_env))
            if convert:
                lo_times.append(timed("LibreOffice", [*convert, "--outdir", "{out}", str(docx)], timeout=300))
        if lo_times:
            results["LibreOffice: our DOCX to PDF"] = statistics.median(lo_times)
        build = statistics.median(times)
        results["foiletters build (DOCX + PDF)"] = build
        results["  of which the work after start-up"] = build - results["start-up: the imports of a build"]
        pandoc = shutil.which("pandoc")
        if pandoc:
            results["pandoc: the letter's HTML to DOCX"], _ = median_seconds(
                lambda out: quiet([pandoc, "-f", "html", "-t", "docx", "-o", str(out / "letter.docx"), str(html)]),
                args.runs)

    print(f"foiletters from {'src/ as it is' if args.from_source else 'a copy of src/ with its bytecode compiled'}")
    print(f"{answer.name}, median of {args.runs} fresh processes each (min..max of the build: "
          f"{min(times):.3f}..{max(times):.3f} s" + (f"; of LibreOffice: {min(lo_times):.3f}..{max(lo_times):.3f} s"
                                                    if lo_times else "") + ")")
    if lo_times:
        ratios = sorted(b / lo for b, lo in zip(times, lo_times, strict=True))
        print(f"  build / LibreOffice, run by run: median {statistics.median(ratios):.2f}x "
              f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f})")
    if other_times:
        print(f"  against {args.against}: build min..max {min(other_times):.3f}..{max(other_times):.3f} s, "
              f"median {statistics.median(other_times):.3f} s")
        for label, pairs in (("this tree / against, wall", zip(times, other_times, strict=True)),
                             ("this tree / against, CPU", zip(cpu["this tree"], cpu["against"], strict=True)),
                             *([("against / LibreOffice", zip(other_times, lo_times, strict=True))] if lo_times
                               else [])):
            ratios = sorted(a / b for a, b in pairs)
            print(f"  {label}, run by run: median {statistics.median(ratios):.2f}x "
                  f"(min {ratios[0]:.2f}, max {ratios[-1]:.2f})")
    for what, seconds in cpu.items():
        if seconds:
            print(f"  CPU (user + system) of {what}: median {statistics.median(seconds):.3f} s "
                  f"(min {min(seconds):.3f}, max {max(seconds):.3f})")
    for name, seconds in results.items():
        print(f"  {name:<40} {seconds:7.3f} s")
    for other in ("LibreOffice: our DOCX to PDF", "pandoc: the letter's HTML to DOCX"):
        if other in results:
            print(f"  foiletters build / {other.split(':')[0]:<12} {build / results[other]:7.2f}x the time")
        else:
            print(f"  {other.split(':')[0]} is not installed: skipped")


if __name__ == "__main__":
    main()
