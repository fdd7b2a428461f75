"""Time `foiletters build` of one letter as a fresh process, as an officer runs it.

    .venv/bin/python benchmarks/build_one.py [answers/FOI795053096.yaml] [--runs 5]

Prints the median wall time of whole builds (DOCX and PDF, fresh process, output to a new
temporary folder each run), and its parts in one process: import, load, render, DOCX, PDF.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def fresh_process(answer_file: Path, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as out:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "foiletters", "build", str(answer_file), "-o", out],
                           check=True, capture_output=True, cwd=ROOT)
            times.append(time.perf_counter() - start)
    return times


def stages(answer_file: Path) -> dict[str, float]:
    code = f"""
import time, json
t0 = time.perf_counter()
from foiletters.load.answerfile import load
from foiletters.render.house import TemplateSet
from foiletters.render.letter import render
from foiletters.write.docx import to_docx
t1 = time.perf_counter()
from foiletters.write.pdf import load_weasyprint, to_pdf
load_weasyprint()  # as a build imports it
t2 = time.perf_counter()
from pathlib import Path
request = load(Path({str(answer_file)!r}))
t3 = time.perf_counter()
rendering = render(request, TemplateSet(Path("templates")))
t4 = time.perf_counter()
to_docx(rendering)
t5 = time.perf_counter()
to_pdf(rendering)
t6 = time.perf_counter()
to_pdf(rendering)
t7 = time.perf_counter()
print(json.dumps({{"import foiletters": t1 - t0, "import weasyprint": t2 - t1, "load": t3 - t2,
                  "render": t4 - t3, "docx": t5 - t4, "pdf (first)": t6 - t5, "pdf (again, warm)": t7 - t6}}))
"""
    import json

    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("answer_file", nargs="?", type=Path, default=ROOT / "answers" / "FOI795053096.yaml")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = fresh_process(args.answer_file.resolve(), args.runs)
    print(f"foiletters build {args.answer_file.name} (DOCX + PDF, fresh process): "
          f"median {statistics.median(times):.3f} s of {args.runs} (min {min(times):.3f}, max {max(times):.3f})")
    for name, seconds in stages(args.answer_file.resolve()).items():
        print(f"  {name:<20} {seconds * 1000:7.1f} ms")


if __name__ == "__main__":
    main()
