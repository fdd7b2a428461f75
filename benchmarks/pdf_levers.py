"""Measure each WeasyPrint speed-up (write/weasyprint_speedups) alone: ms a letter with it off and on, in one run.

    .venv/bin/python benchmarks/pdf_levers.py [--generated 12] [--rounds 3] [--lever NAME ...]
                                              [--instructions] [--profile]

The letters: the four seeds in answers/, GENERATED letters modelled on them (benchmarks/log_1000.py),
and the short letters of examples/life.yaml (acknowledgement, clarification, extension: one page).
Every lever is on, as in a build, except the one measured: for each letter it is switched off and on
in turn (the order alternating from round to round), and the CPU time of the PDF (`write.pdf.to_pdf`,
warm worker) is taken for each. A cache lever's cache is emptied at the start of each round, so that
a round is a worker's batch: a letter finds the lines of the letters before it, never its own from
an earlier round (the other caches hold every letter from the warm-up, alike for both states).
The font-subset arrays lever saves cffi parsing an array type for each length it has not seen,
which the warm-up has already done for these letters: it is measured as the lengths a batch of
letters meets for the first time, times the time a parse takes. Printed per lever: mean ms a letter
off and on, the ratio, the same for the one-page letters alone, and the cache's hit rate.

--instructions runs the same comparison under `valgrind --tool=callgrind` (needs valgrind and a C
compiler for the callgrind client requests) on two seeds (FOI795053096, REQ07585), one generated
letter and one one-page letter, one round, after the others were built once (a warm worker):
instruction counts are the same whatever else the machine runs. Slow: a few minutes a lever.
--profile prints where the time of a letter goes (cProfile, every lever on), by part of WeasyPrint.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

CALLGRIND_CLIENT = r"""
#include <valgrind/callgrind.h>
void foiletters_start(void) { CALLGRIND_START_INSTRUMENTATION; }
void foiletters_toggle(void) { CALLGRIND_TOGGLE_COLLECT; }
void foiletters_dump(const char *name) { CALLGRIND_DUMP_STATS_AT(name); }
"""


def letters(generated: int, warm: int) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """(label, rendering) of each letter to measure, and of `warm` other letters (generated, and the response
    and review of examples/life.yaml) that fill a cache first; rendered once (the PDF is what is timed)."""
    from log_1000 import generate

    from foiletters.build import build
    from foiletters.render.house import TemplateSet

    house = TemplateSet(ROOT / "templates")
    found: list[tuple[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        out, answers = Path(folder) / "out", Path(folder) / "answers"
        answers.mkdir()
        generate(answers, generated + warm, seed=11)
        sources = [(p, None) for p in sorted((ROOT / "answers").glob("*.yaml")) + sorted(answers.glob("*.yaml"))]
        sources += [(ROOT / "examples" / "life.yaml", kind) for kind in ("acknowledgement", "clarification",
                                                                         "extension", "response", "review")]
        for source, kind in sources:
            def keep(rendering: Any, label: str = f"{source.stem}{'-' + kind if kind else ''}") -> bytes:
                found.append((label, rendering))
                return b""
            build(source, out, house, formats=("pdf",), pdf_writer=keep, kind=kind)
    seeds, others, life = found[:4], found[4:-5], found[-5:]
    return seeds + others[:generated] + life[:3], others[generated:] + life[3:]


def _pages(pdf: bytes) -> int:
    import io

    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def prepare() -> tuple[Any, dict[str, Any]]:
    from foiletters.write.pdf import to_pdf
    from foiletters.write.weasyprint_speedups import LEVERS, install

    if not install():
        sys.exit("the speed-ups are off (FOILETTERS_PLAIN_WEASYPRINT, or other versions of WeasyPrint)")
    return to_pdf, LEVERS


def caches() -> dict[str, Any]:
    """The levers that keep a cache, and their modules (`clear()`, `statistics`)."""
    from foiletters.write.weasyprint_speedups import line_breaks, text_drawing

    return {"line-break cache": line_breaks, "drawn-line cache": text_drawing}


class EveryLever:
    """Every lever at once, as a build has them against none (the user-agent style sheet and the frozen garbage
    collector stay: they are not levers)."""

    name = "every lever"

    def __init__(self, levers: dict[str, Any]) -> None:
        self.levers = list(levers.values())

    def on(self) -> None:
        for lever in self.levers:
            lever.on()

    def off(self) -> None:
        for lever in reversed(self.levers):
            lever.off()


def clear_caches() -> None:
    for module in caches().values():
        module.clear()


def compare(lever: Any, batch: list[tuple[str, Any]], rounds: int, to_pdf: Any, measure: Any,
            warm: list[tuple[str, Any]]) -> dict[tuple[bool, str], list[float]]:
    """measure(callable) for each letter with the lever off and on; {(on, label): [figures]}.

    A cache lever's cache is emptied, then filled with the `warm` letters (other requests' letters,
    as a worker has built before), at the start of each round."""
    figures: dict[tuple[bool, str], list[float]] = {}
    cache = caches().get(lever.name)
    if isinstance(lever, EveryLever):
        cache = _AllCaches()
    hits = misses = 0
    for round_number in range(rounds):
        if cache is not None:  # the other caches stay as the warm-up left them: the same for both states
            cache.clear()
            for _, rendering in warm:
                to_pdf(rendering)
            cache.statistics.update(hits=0, misses=0)
        for index, (label, rendering) in enumerate(batch):
            states = (False, True) if (round_number + index) % 2 else (True, False)
            for on in states:
                lever.on() if on else lever.off()
                figures.setdefault((on, label), []).append(measure(lambda r=rendering: to_pdf(r), label, on))
        if cache is not None:
            hits += cache.statistics["hits"]
            misses += cache.statistics["misses"]
    lever.on()
    figures[(True, "hit rate")] = [hits / (hits + misses) if hits + misses else 0.0]
    return figures


class _AllCaches:
    def clear(self) -> None:
        clear_caches()

    @property
    def statistics(self) -> dict[str, int]:
        found = [module.statistics for module in caches().values()]
        return {"hits": sum(s["hits"] for s in found), "misses": sum(s["misses"] for s in found)}


def cpu_ms(work: Any, label: str = "", on: bool = True) -> float:
    start = time.process_time()
    work()
    return (time.process_time() - start) * 1000


def report(name: str, figures: dict[tuple[bool, str], list[float]], batch: list[tuple[str, Any]], unit: str,
           one_page: set[str]) -> None:
    def mean(on: bool, labels: list[str]) -> float:
        return statistics.mean(statistics.median(figures[(on, label)]) for label in labels)

    labels = [label for label, _ in batch]
    short = [label for label in labels if label in one_page]
    line = f"{name:28} all letters: off {mean(False, labels):9.1f} on {mean(True, labels):9.1f} {unit}"
    line += f"  on/off {mean(True, labels) / mean(False, labels):.3f}"
    if short:
        line += f" | one page: off {mean(False, short):.1f} on {mean(True, short):.1f} " \
                f"on/off {mean(True, short) / mean(False, short):.3f}"
    if name in caches() or name == EveryLever.name:
        line += f" | hits {figures[(True, 'hit rate')][0]:.0%}"
    print(line, flush=True)


def one_page_labels(batch: list[tuple[str, Any]], to_pdf: Any) -> set[str]:
    return {label for label, rendering in batch if _pages(to_pdf(rendering)) == 1}


def new_array_lengths(batch: list[tuple[str, Any]], to_pdf: Any) -> None:
    """How many array types a plain WeasyPrint would parse for these letters' font subsets, and what each costs."""
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import ffi

    seen: set[str] = set()
    new = 0
    shared = fonts.ffi

    class Counting:
        def __getattr__(self, name: str) -> Any:
            return getattr(shared, name)

        def new(self, cdecl: str, init: Any = None) -> Any:
            nonlocal new
            if cdecl not in seen:
                seen.add(cdecl)
                new += 1
            return shared.new(cdecl, init)

    fonts.ffi = Counting()
    try:
        for _, rendering in batch:
            to_pdf(rendering)
    finally:
        fonts.ffi = shared
    start = time.process_time()
    for length in range(100_000, 100_020):  # lengths no letter has
        ffi.typeof(f"hb_codepoint_t[{length}]")
    parse = (time.process_time() - start) / 20 * 1000
    print(f"{'harfbuzz arrays one type':28} {new} array types of a new length in {len(batch)} letters "
          f"({new / len(batch):.1f} a letter) x {parse:.2f} ms a parse = {new / len(batch) * parse:.1f} ms a letter "
          "saved by the first letters of a worker", flush=True)


def cpu_main(arguments: argparse.Namespace) -> None:
    batch, warm = letters(arguments.generated, arguments.warm)
    to_pdf, levers = prepare()
    from foiletters.write.weasyprint_speedups import freeze_long_lived

    one_page = one_page_labels(batch, to_pdf)  # also the warm-up
    freeze_long_lived()
    print(f"{len(batch)} letters ({len(one_page)} of one page), {arguments.rounds} rounds, CPU ms a PDF "
          "(median of the rounds, mean over the letters), every other lever on", flush=True)
    levers = {**levers, EveryLever.name: EveryLever(levers)}
    for name in arguments.lever or levers:
        if name == "harfbuzz arrays one type":
            new_array_lengths(batch, to_pdf)
            continue
        figures = compare(levers[name], batch, arguments.rounds, to_pdf, cpu_ms, warm)
        report(name, figures, batch, "ms", one_page)


def instructions_main(arguments: argparse.Namespace) -> None:
    """Re-run this script under callgrind, counting only the instructions of each PDF."""
    valgrind = "valgrind"
    with tempfile.TemporaryDirectory() as folder:
        client = Path(folder) / "client.so"
        source = Path(folder) / "client.c"
        source.write_text(CALLGRIND_CLIENT)
        subprocess.run(["cc", "-O1", "-shared", "-fPIC", "-o", str(client), str(source)], check=True)
        output = Path(folder) / "callgrind.out"
        command = [valgrind, "--tool=callgrind", "--collect-atstart=no", "--instr-atstart=no",
                   f"--callgrind-out-file={output}", "--dump-instr=no", "--compress-strings=no", sys.executable,
                   __file__, "--inside-callgrind", str(client), "--generated", str(arguments.generated),
                   "--warm", str(arguments.warm)]
        for name in arguments.lever or []:
            command += ["--lever", name]
        subprocess.run(command, check=True, stderr=subprocess.DEVNULL)
        counts: dict[tuple[str, bool, str], int] = {}
        for dump in Path(folder).glob("callgrind.out*"):
            text = dump.read_text(errors="replace")
            trigger = next((line.split(": ", 1)[1] for line in text.splitlines() if line.startswith("desc: Trigger:")),
                           "")
            total = next((int(line.split()[1]) for line in text.splitlines() if line.startswith("summary:")), None)
            if "|" in trigger and total is not None:
                name, state, label = trigger.split("Client Request: ", 1)[-1].split("|")
                counts[(name, state == "on", label)] = total
    names = list(dict.fromkeys(name for name, _, _ in counts))
    labels = list(dict.fromkeys(label for _, _, label in counts))
    print(f"instructions a PDF (callgrind), {len(labels)} letters: {', '.join(labels)}")
    for name in names:
        for label in labels:
            off, on = counts[(name, False, label)], counts[(name, True, label)]
            print(f"  {name:26} {label:22} off {off / 1e6:9.1f} M  on {on / 1e6:9.1f} M  on/off {on / off:.3f}")
        off = statistics.mean(counts[(name, False, label)] for label in labels)
        on = statistics.mean(counts[(name, True, label)] for label in labels)
        print(f"{name:28} off {off / 1e6:9.1f} M  on {on / 1e6:9.1f} M  on/off {on / off:.3f}", flush=True)


def inside_callgrind(arguments: argparse.Namespace) -> None:
    client = ctypes.CDLL(arguments.inside_callgrind)
    batch, warm = letters(arguments.generated, arguments.warm)
    to_pdf, levers = prepare()
    from foiletters.write.weasyprint_speedups import freeze_long_lived

    one_page = one_page_labels(batch, to_pdf)
    freeze_long_lived()
    chosen = [(label, r) for label, r in batch if label in ("FOI795053096", "REQ07585")]
    chosen += [(label, r) for label, r in batch if label.startswith("FOI9")][:1]
    chosen += [(label, r) for label, r in batch if label in one_page][:1]
    client.foiletters_start()  # instructions counted from here on (the imports and renderings run faster uncounted)
    levers = {**levers, EveryLever.name: EveryLever(levers)}

    for name in arguments.lever or levers:
        if name == "harfbuzz arrays one type":  # the warm-up parsed these letters' lengths: nothing to count
            continue

        def counted(work: Any, label: str, on: bool, name: str = name) -> float:
            client.foiletters_toggle()
            work()
            client.foiletters_toggle()
            client.foiletters_dump(f"{name}|{'on' if on else 'off'}|{label}".encode())
            return 0.0
        compare(levers[name], chosen, 1, to_pdf, counted, warm)
        cache = caches().get(name)
        if cache is not None:
            hits, misses = cache.statistics["hits"], cache.statistics["misses"]
            print(f"{name}: hits {hits / (hits + misses):.0%} while measured", flush=True)


PARTS = [  # (part, function whose cumulative time it is), in the order of a letter's making
    ("HTML parse", "tinyhtml5/parser.py", "parse"),
    ("styles (cascade)", "weasyprint/css/__init__.py", "get_all_computed_styles"),
    ("formatting structure", "weasyprint/formatting_structure/build.py", "build_formatting_structure"),
    ("layout", "weasyprint/layout/__init__.py", "layout_document"),
    ("  split_first_line", "weasyprint/text/line_break.py", "split_first_line"),
    ("  line-break cache", "weasyprint_speedups/line_breaks.py", "cached_split_first_line"),
    ("  resolve_percentages", "weasyprint/layout/percent.py", "resolve_percentages"),
    ("  table layout", "weasyprint/layout/table.py", "table_layout"),
    ("  margin boxes (with content)", "weasyprint_speedups/margin_boxes.py", "make_margin_boxes"),
    ("  computed styles (own time)", "weasyprint/css/__init__.py", "__missing__"),
    ("drawing", "weasyprint/draw/__init__.py", "draw_page"),
    ("  draw_text (drawn-line cache)", "weasyprint_speedups/text_drawing.py", "draw_text"),
    ("    lines drawn afresh", "weasyprint_speedups/text_drawing.py", "record_line"),
    ("PDF objects (generate_pdf)", "weasyprint/pdf/__init__.py", "generate_pdf"),
    ("  fonts (subset, embed)", "weasyprint/pdf/fonts.py", "build_fonts_dictionary"),
    ("  tags (structure tree)", "weasyprint/pdf/tags.py", "add_tags"),
    ("pydyf write", "pydyf/__init__.py", "write"),
    ("our finisher (tags)", "foiletters/write/pdf.py", "_finish"),
]


def profile_main(arguments: argparse.Namespace) -> None:
    import cProfile

    batch, warm = letters(arguments.generated, arguments.warm)
    to_pdf, _ = prepare()
    from foiletters.write.weasyprint_speedups import freeze_long_lived

    one_page = one_page_labels(batch, to_pdf)
    freeze_long_lived()
    for title, chosen in (("all letters", batch), ("one-page letters", [b for b in batch if b[0] in one_page])):
        clear_caches()
        for _, rendering in warm:  # a worker that has built other requests' letters before
            to_pdf(rendering)
        profiler = cProfile.Profile()
        profiler.enable()
        for _, rendering in chosen:
            to_pdf(rendering)
        profiler.disable()
        stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
        total = sum(tt for (_, _, _), (_, _, tt, _, _) in stats.items())
        print(f"\nwhere a PDF's time goes ({title}, {len(chosen)} letters, cProfile): "
              f"{total / len(chosen) * 1000:.0f} ms a letter under the profiler")
        for part, path, function in PARTS:
            cumulative = max((ct for (file, _, name), (_, _, _, ct, _) in stats.items()
                              if file.endswith(path) and name == function), default=0.0)
            if function == "__missing__":
                cumulative = sum(tt for (file, _, name), (_, _, tt, _, _) in stats.items()
                                 if file.endswith(path) and name == function)
            print(f"  {part:30} {cumulative / total:6.1%}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--warm", type=int, default=6, help="generated letters that fill a cache before a round")
    parser.add_argument("--lever", action="append", help="only this lever (repeat for several)")
    parser.add_argument("--instructions", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--inside-callgrind", help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    os.environ.pop("FOILETTERS_PLAIN_WEASYPRINT", None)
    if arguments.inside_callgrind:
        inside_callgrind(arguments)
    elif arguments.instructions:
        instructions_main(arguments)
    elif arguments.profile:
        profile_main(arguments)
    else:
        cpu_main(arguments)


if __name__ == "__main__":
    main()
