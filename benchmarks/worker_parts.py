"""Where a log worker's CPU time goes, letter by letter, outside WeasyPrint's PDF.

    .venv/bin/python benchmarks/worker_parts.py [--count 200] [--top 15] [--profile]

Generates COUNT answer files as peer_pipeline.py does (their mix follows the seeds, each with a
requester, a private value, and every other one an attachment), starts one worker in this process
(`start_worker`, timed as the worker's fixed cost) and runs `publish_answer_file` on each letter,
writing into a scratch site, as a worker of `foiletters log` does. Prints the worker's fixed cost
and, per letter, the CPU milliseconds of each part (load, checks, rendering, the privacy search and
attachments' audit, DOCX, PDF, record and page, hashing and writing). With --profile, also the
functions that take the most time outside the PDF (cProfile, the PDF's time left out), with their
share of the letter's time outside the PDF.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from log_1000 import ROOT, generate  # noqa: E402

# Each part as the function that does it, in the module where the worker's code looks it up.
PARTS = [
    ("load (YAML + model)", "foiletters.publish.batch", "load"),
    ("checks", "foiletters.publish.public_letter", "check_answers"),
    ("checks", "foiletters.publish.public_letter", "check_letter"),
    ("rendering (Jinja2)", "foiletters.publish.public_letter", "render"),
    ("privacy search + attachments' audit", "foiletters.publish.public_letter", "search_public_copy"),
    ("record", "foiletters.publish.public_letter", "record_of"),
    ("page HTML", "foiletters.publish.public_letter", "_body"),
    ("DOCX", "foiletters.write.docx", "to_docx"),
    ("PDF (WeasyPrint)", "foiletters.write.pdf", "to_pdf"),
    ("writing the set", "foiletters.publish.batch", "write_built"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    import importlib

    spent: dict[str, float] = defaultdict(float)
    profiler = cProfile.Profile(time.process_time) if args.profile else None  # CPU, not wall
    depth = [0]

    def timed(label: str, function):  # noqa: ANN001, ANN202
        def wrapper(*a, **k):  # noqa: ANN002, ANN003, ANN202
            outermost = depth[0] == 0
            depth[0] += 1
            pdf = label.startswith("PDF")
            if pdf and profiler:
                profiler.disable()
            start = time.process_time()
            try:
                return function(*a, **k)
            finally:
                if outermost or pdf:
                    spent[label] += time.process_time() - start
                depth[0] -= 1
                if pdf and profiler:
                    profiler.enable()
        return wrapper

    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        answers = work / "answers"
        answers.mkdir()
        generate(answers, args.count, personal=True)
        sources = sorted(answers.glob("*.yaml"))
        start = time.process_time()
        from foiletters.publish import batch

        batch.start_worker(str(ROOT / "templates"))
        fixed = time.process_time() - start
        for label, module, name in PARTS:
            target = importlib.import_module(module)
            setattr(target, name, timed(label, getattr(target, name)))
        # to_pdf and to_docx are imported inside publish_one: patched in their own modules above.
        site, cache = work / "site", work / ".cache"
        site.mkdir()
        cache.mkdir()
        total_start = time.process_time()
        if profiler:
            profiler.enable()
        published = 0
        for source in sources:
            outcome = batch.publish_answer_file(str(source), str(site), str(cache))
            published += outcome.record is not None
        if profiler:
            profiler.disable()
        total = time.process_time() - total_start
    per = 1000 / args.count
    print(f"{args.count} generated letters, {published} published; one worker in this process")
    print(f"  the worker's fixed cost (imports, house, WeasyPrint loaded): {fixed * 1000:.0f} ms CPU")
    print(f"  a letter: {total * per:.1f} ms CPU in all, of which:")
    named = 0.0
    for label in dict.fromkeys(label for label, _, _ in PARTS):
        named += spent[label]
        print(f"    {label:40s} {spent[label] * per:7.2f} ms")
    print(f"    {'the rest (hashing, keys, outcome)':40s} {(total - named) * per:7.2f} ms")
    outside = (total - spent["PDF (WeasyPrint)"]) * per
    print(f"  outside the PDF: {outside:.1f} ms a letter")
    if profiler:
        stats = pstats.Stats(profiler)
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[: args.top]
        print(f"  the {args.top} functions with the most time of their own outside the PDF (ms a letter, share):")
        for (file, line, name), (_, calls, own, cumulative, _) in rows:
            where = f"{Path(file).name}:{line}({name})" if line else name
            print(f"    {own * per:6.2f} ms {own * per / outside:6.1%}  cumulative {cumulative * per:6.2f} ms  "
                  f"{calls / args.count:8.1f} calls  {where}")
        print(f"  the {args.top} largest cumulative times outside the PDF:")
        rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][3])
        shown = 0
        for (file, line, name), (_, _, _, cumulative, _) in rows:
            if "foiletters" not in file and "site-packages" not in file:
                continue
            print(f"    {cumulative * per:6.2f} ms {cumulative * per / outside:6.1%}  "
                  f"{file.split('site-packages/')[-1].split('src/')[-1]}:{line}({name})")
            shown += 1
            if shown == args.top * 2:
                break


if __name__ == "__main__":
    main()
