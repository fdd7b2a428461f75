"""The letter as PDF: WeasyPrint lays out the rendered HTML on A4.

WeasyPrint is imported only here, when a PDF is wanted: importing it takes half a
second, which `--help`, `check` and a DOCX-only build should not pay.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from foiletters.errors import TemplateError
from foiletters.render.letter import Rendering

ASSETS = (Path(__file__).resolve().parent.parent / "data" / "assets").resolve()
BASE_URL = ASSETS.as_uri() + "/"


class FetchRefused(Exception):
    """A resource the letter may not load: anything but the packaged assets and data: URLs."""


def _fetcher() -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedOnly(URLFetcher):
        """Serves the package's own fonts, styles and images, and data: URLs; refuses all else.

        Local files elsewhere, every network address and redirects are refused, so that no
        text in an answer file or template can make the renderer read a file or call a
        server. A refusal stops the rendering (fail_on_errors): a letter is never built
        without a resource it asked for.
        """

        def fetch(self, url: str, headers: Any = None) -> Any:
            parts = urlsplit(url)
            if parts.scheme == "data":
                return super().fetch(url, headers)
            if parts.scheme == "file" and not parts.netloc:
                path = Path(unquote(parts.path)).resolve()
                if path.is_relative_to(ASSETS) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})
            raise FetchRefused(f"refused to fetch {url!r}: only the packaged assets may be loaded")

    return PackagedOnly(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)


def _mime(path: Path) -> str:
    return {".css": "text/css", ".ttf": "font/ttf", ".png": "image/png", ".svg": "image/svg+xml"}.get(
        path.suffix, "application/octet-stream")


@lru_cache(maxsize=1)
def _fonts() -> Any:
    # One font configuration per process: a batch loads the fonts once.
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def to_pdf(rendering: Rendering) -> bytes:
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    document = weasyprint.HTML(string=rendering.html, base_url=BASE_URL, url_fetcher=_fetcher())
    try:
        return _write(document, rendering)
    except FatalURLFetchingError as error:
        raise TemplateError(f"the letter {rendering.reference} asks for a resource that may not be loaded: "
                            f"{error.__cause__ or error}") from None


def _write(document: Any, rendering: Rendering) -> bytes:
    return document.write_pdf(
        font_config=_fonts(),
        uncompressed_pdf=False,
        pdf_identifier=rendering.reference.encode("ascii"),  # fixed, so the same letter gives the same bytes
        custom_metadata=True,
    )
