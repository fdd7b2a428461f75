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

foiletters runs from a copy of src/ with its bytecode compiled, as `pip install` leaves it: where
Python may not write bytecode (PYTHONDONTWRITEBYTECODE, a read-only checkout) the source tree
would be compiled again by every build, some 0.15 s of CPU. --from-source times the tree itself.
"""

from __future__ import annotations

import argparse
import compileall
import os
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

        def build_once(out: Path) -> None:
            quiet([python, "-m", "foiletters", "build", str(answer), "-o", str(out)])

        soffice = shutil.which("soffice") or shutil.which("libreoffice")
        times, lo_times = [], []
        if soffice:
            profile = (work / "lo-profile").as_uri()
            convert = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf"]
            quiet([*convert, "--outdir", str(work / "warm"), str(docx)], timeout=300)  # makes the profile
            for _ in range(args.runs):  # alternating, one of each at a time
                times += median_seconds(build_once, 1)[1]
                lo_times += median_seconds(
                    lambda out: quiet([*convert, "--outdir", str(out), str(docx)], timeout=300), 1)[1]
            results["LibreOffice: our DOCX to PDF"] = statistics.median(lo_times)
        else:
            times = median_seconds(build_once, args.runs)[1]
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
    for name, seconds in results.items():
        print(f"  {name:<40} {seconds:7.3f} s")
    for other in ("LibreOffice: our DOCX to PDF", "pandoc: the letter's HTML to DOCX"):
        if other in results:
            print(f"  foiletters build / {other.split(':')[0]:<12} {build / results[other]:7.2f}x the time")
        else:
            print(f"  {other.split(':')[0]} is not installed: skipped")


if __name__ == "__main__":
    main()
