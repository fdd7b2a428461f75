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


class PdfProcess:
    """A one-process executor that writes PDFs; use as a context manager."""

    def __init__(self) -> None:
        self._pool: Any = None
        if "weasyprint" not in sys.modules and "fork" in multiprocessing.get_all_start_methods():
            # An executor, not a multiprocessing.Pool: if the process dies, the build fails instead of waiting.
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
            self._pool.submit(_prepare, os.getpid())  # starts the process now: WeasyPrint loads while this one works

    def to_pdf(self, rendering: Rendering) -> bytes:
        if self._pool is None:
            return _to_pdf(rendering)
        return self._pool.submit(_to_pdf, rendering).result()

    def __enter__(self) -> PdfProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
