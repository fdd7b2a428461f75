"""WeasyPrint in a second process, started at once: its import overlaps the rest of a build.

Importing WeasyPrint takes about a third of a second, as long as loading, checking and
rendering a letter and writing its DOCX together. A fresh `foiletters build` therefore
forks a helper process first, which imports WeasyPrint on the other core while this one
does the rest, then lays out the PDF from the rendering it is handed. Where WeasyPrint is
already imported (a batch, the tests), or fork is not available, the PDF is made here.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections.abc import Callable
from typing import Any

from foiletters.render.letter import Rendering


def _prepare() -> None:
    from foiletters.write.pdf import load_weasyprint

    load_weasyprint()


def _to_pdf(rendering: Rendering) -> bytes:
    from foiletters.write.pdf import to_pdf

    return to_pdf(rendering)


class PdfProcess:
    """A one-process pool that writes PDFs; use as a context manager."""

    def __init__(self) -> None:
        self._pool: Any = None
        if "weasyprint" not in sys.modules and "fork" in multiprocessing.get_all_start_methods():
            self._pool = multiprocessing.get_context("fork").Pool(1, initializer=_prepare)

    def to_pdf(self, rendering: Rendering) -> bytes:
        if self._pool is None:
            return _to_pdf(rendering)
        return self._pool.apply(_to_pdf, (rendering,))

    @property
    def writer(self) -> Callable[[Rendering], bytes]:
        return self.to_pdf

    def __enter__(self) -> PdfProcess:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.terminate()  # nothing is left to do: the PDFs have all come back
            self._pool.join()
