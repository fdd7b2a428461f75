"""WeasyPrint in a second process, started at once: its import overlaps the rest of a build.

Importing WeasyPrint takes about a third of a second, as long as loading, checking and
rendering a letter and writing its DOCX together. A fresh `foiletters build` therefore
forks a helper process first, which imports WeasyPrint on the other core while this one
does the rest, then lays out the PDF from the rendering it is handed. Where WeasyPrint is
already imported (a batch, the tests), or fork is not available, the PDF is made here.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # not at run time: the helper process must start before the pipeline is imported
    from foiletters.render.rendering import Rendering


def _end_with(parent: int) -> None:
    """Exit when the build's process is gone (killed): nothing else would end this one, waiting for work."""
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(0)


def watch_parent(parent: int) -> None:
    """In a helper process: exit as soon as `parent` (the process that started this one) is gone."""
    threading.Thread(target=_end_with, args=(parent,), daemon=True).start()


def _prepare(parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the build's to handle; this process just ends with it
    watch_parent(parent)
    from foiletters import one_shot

    one_shot.own_process()  # this process ends with the build
    with one_shot.imports_frozen():
        from foiletters.write.pdf import prepare

        prepare()  # the pipeline is not imported here: a rendering unpickles with render/rendering.py alone


def _to_pdf(rendering: Rendering) -> bytes:
    from foiletters.write.pdf import to_pdf

    return to_pdf(rendering)


def _start() -> Any:
    if "weasyprint" in sys.modules or "fork" not in multiprocessing.get_all_start_methods():
        return None
    # An executor, not a multiprocessing.Pool: if the process dies, the build fails instead of waiting.
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    pool.submit(_prepare, os.getpid())  # starts the process now: WeasyPrint loads while this one works
    return pool


_early: Any = None  # started by start_early, for the build's PdfProcess


def start_early(argv: list[str]) -> None:
    """Start the PDF process before the command line is parsed, if `argv` (the command's arguments) is a
    build that makes PDFs: forked before click and the pipeline are imported, it has WeasyPrint ready some
    60 ms sooner (a fifth of a second on a loaded machine). Anything else (`--help`, a DOCX-only build,
    another command) starts nothing here; the build's PdfProcess starts it then, as it would anyway."""
    global _early
    if _early is None and _builds_pdfs(argv):
        _early = _start()


def _builds_pdfs(argv: list[str]) -> bool:
    if not argv or argv[0] != "build" or {"-h", "--help"} & set(argv):
        return False
    formats = [value for flag, value in zip(argv, argv[1:], strict=False) if flag == "--format"]
    formats += [arg.removeprefix("--format=") for arg in argv if arg.startswith("--format=")]
    return not formats or "pdf" in formats


def stop_early() -> None:
    """End a PDF process that start_early started and no build took (the command line was wrong): it would
    otherwise keep this process's exit waiting until WeasyPrint is imported."""
    global _early
    pool, _early = _early, None
    if pool is not None:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


class PdfProcess:
    """A one-process executor that writes PDFs; use as a context manager."""

    def __init__(self) -> None:
        global _early
        self._pool: Any = _early or _start()
        _early = None

    def to_pdf(self, rendering: Rendering) -> bytes:
        if self._pool is None:
            return _to_pdf(rendering)
        return self._pool.submit(_to_pdf, rendering).result()

    def __enter__(self) -> PdfProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
