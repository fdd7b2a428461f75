"""The letter as PDF: WeasyPrint lays out the rendered HTML on A4, as tagged PDF/UA-1.

WeasyPrint is imported only here, when a PDF is wanted (`load_weasyprint`): importing it takes
a fifth of a second, which `--help`, `check` and a DOCX-only build should not pay.

What the PDF carries, and where it comes from:
- PDF/UA-1 (WeasyPrint's `pdf/ua-1` variant): a structure tree built from the HTML
  (headings, paragraphs, lists, tables with their header cells, links), the document
  language from `<html lang>`, the title, author and subject from `<title>` and `<meta>`
  (in the document information and in XMP), and the viewer told to show the title.
  `_finish` completes what WeasyPrint leaves out: the scope (row or column) of each
  table header cell, and the page numbers and running reference marked as pagination
  artifacts rather than as text of the letter.
- Fonts: only the packaged Liberation Sans, embedded and subset. The font configuration
  knows no system font at all (`fonts.conf` names no font folder), so a character outside
  Liberation Sans is drawn as a missing-glyph box on every machine alike, never with
  whatever font a machine happens to have.
- Long words: a run of more than 30 characters without a break point may break anywhere, so
  that it wraps inside its line or table cell (`write/long_words.py`). Tables too wide for a
  page come split into parts by the rendering (`render/table_parts.py`).
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import struct
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from foiletters.write import weasyprint_speedups
from foiletters.write.long_words import with_break_points

if TYPE_CHECKING:  # not at run time: the PDF process imports WeasyPrint without waiting for the pipeline
    from foiletters.render.rendering import Rendering

ASSETS = (Path(__file__).resolve().parent.parent / "data" / "assets").resolve()
BASE_URL = ASSETS.as_uri() + "/"
FONTS_CONF = ASSETS / "fonts" / "fonts.conf"
PDF_VARIANT = "pdf/ua-1"


def load_weasyprint() -> Any:
    """Import WeasyPrint, finding its C libraries (Pango, HarfBuzz, Fontconfig) quickly.

    WeasyPrint opens each library by trying several names; cffi looks each name up with
    ctypes.util.find_library, which on Linux runs ldconfig, then gcc and ld for every name
    that is not found: some twenty processes and 0.2 s per build. While WeasyPrint is
    imported, find_library answers from one reading of the ldconfig cache instead (names it
    does not hold are not found, and WeasyPrint then opens the next name, such as
    libpango-1.0.so.0, directly).
    """
    if "weasyprint" in sys.modules:
        weasyprint_speedups.install()
        return sys.modules["weasyprint"]
    import ctypes.util

    original = ctypes.util.find_library
    ctypes.util.find_library = _library_finder(original)
    try:
        import weasyprint
    finally:
        ctypes.util.find_library = original
    weasyprint_speedups.install()
    return weasyprint


def _library_finder(original: Callable[[str], str | None]) -> Callable[[str], str | None]:
    ldconfig = shutil.which("ldconfig") or next((p for p in ("/sbin/ldconfig", "/usr/sbin/ldconfig")
                                                 if Path(p).is_file()), None)
    if not sys.platform.startswith("linux") or ldconfig is None:
        return original
    try:
        listing = subprocess.run([ldconfig, "-p"], capture_output=True, text=True, timeout=10,
                                 env={**os.environ, "LC_ALL": "C"}).stdout
    except (OSError, subprocess.SubprocessError):
        return original
    if "=>" not in listing:
        return original
    # As ctypes.util does on Linux (_findSoname_ldconfig), with the ldconfig cache read once.
    machine = f"{os.uname().machine}-{struct.calcsize('l') * 8}"
    abi = {"x86_64-64": "libc6,x86-64", "ppc64-64": "libc6,64bit", "sparc64-64": "libc6,64bit",
           "s390x-64": "libc6,64bit", "ia64-64": "libc6,IA-64"}.get(machine, "libc6")

    def find_library(name: str) -> str | None:
        match = re.search(rf"\s+(lib{re.escape(name)}\.[^\s]+)\s+\({re.escape(abi)}", listing)
        return match.group(1) if match else None

    return find_library


class FetchRefused(Exception):
    """A resource the letter may not load: anything but the packaged assets, the house's and data: URLs."""


# The letter's address for the house templates folder: `house/logo.svg` in the letter is this folder's
# file, resolved against the packaged assets' address (the base URL) and served from the house folder.
HOUSE_PREFIX = ASSETS / "house"


def _fetcher(house: Path | None = None) -> Any:
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class PackagedOnly(URLFetcher):
        """Serves the package's own fonts, styles and images, the house's logo, style sheet, images and
        fonts (`house/…`, from its templates folder), and data: URLs; refuses all else.

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
                if house is not None and path.is_relative_to(HOUSE_PREFIX):
                    served = (house / path.relative_to(HOUSE_PREFIX)).resolve()
                    if served.is_relative_to(house) and served.suffix.lower() in HOUSE_TYPES and served.is_file():
                        return URLFetcherResponse(url, served.read_bytes(), {"Content-Type": _mime(served)})
                elif path.is_relative_to(ASSETS) and path.is_file():
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": _mime(path)})
            raise FetchRefused(f"refused to fetch {url!r}: only the packaged assets and the house's logo, style "
                               "sheet, images and fonts may be loaded")

    return PackagedOnly(allowed_protocols={"file", "data"}, allow_redirects=False, fail_on_errors=True)


_TYPES = {".css": "text/css", ".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2",
          ".png": "image/png", ".svg": "image/svg+xml"}
HOUSE_TYPES = set(_TYPES)  # what the house folder may serve: its style sheet, images and fonts


def _mime(path: Path) -> str:
    return _TYPES.get(path.suffix.lower(), "application/octet-stream")


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            del os.environ[name]
        else:
            os.environ[name] = old


@lru_cache(maxsize=1)
def _fonts() -> Any:
    """One font configuration per process, holding the packaged fonts and nothing else.

    Fontconfig reads the configuration named by FONTCONFIG_FILE when WeasyPrint creates
    it; ours lists no font folder, so the only fonts are those of letter.css's @font-face
    rules. A batch loads them once.
    """
    from weasyprint.text.fonts import FontConfiguration

    with _environment("FONTCONFIG_FILE", str(FONTS_CONF)):
        return FontConfiguration()


LETTER_CSS = '<link rel="stylesheet" href="letter.css">'


@lru_cache(maxsize=1)
def _letter_stylesheet() -> Any:
    """letter.css parsed once per process, with its fonts registered once: a batch reuses both."""
    weasyprint = load_weasyprint()
    return weasyprint.CSS(filename=str(ASSETS / "letter.css"), base_url=BASE_URL, url_fetcher=_fetcher(),
                          font_config=_fonts())


@lru_cache(maxsize=1)
def _letter_html() -> Any:
    """WeasyPrint's HTML, with the user-agent style sheet trimmed for letters when the speed-ups are on."""
    weasyprint = load_weasyprint()
    ua = weasyprint_speedups.letter_ua_stylesheet(weasyprint)
    if ua is None:
        return weasyprint.HTML

    class LetterHTML(weasyprint.HTML):
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return super()._ua_stylesheets(forms) if forms else [ua]

    return LetterHTML


def _release() -> None:
    """Let the fonts go while WeasyPrint can still clean up after them (not during interpreter shutdown)."""
    _letter_html.cache_clear()
    _letter_stylesheet.cache_clear()
    _fonts.cache_clear()


atexit.register(_release)


def prepare() -> None:
    """Make now what every letter's PDF uses: WeasyPrint, the font configuration with the packaged fonts,
    letter.css and the user-agent style sheet. The PDF process of a build does this while the letter is
    rendered, so that only the letter's own layout is left when it comes; to_pdf makes them otherwise."""
    _fonts()
    _letter_stylesheet()
    _letter_html()


def to_pdf(rendering: Rendering) -> bytes:
    load_weasyprint()
    from weasyprint.urls import FatalURLFetchingError

    html, stylesheets = with_break_points(rendering.html), []
    if LETTER_CSS in html:  # the packaged style sheet: given parsed, instead of read and parsed again
        html, stylesheets = html.replace(LETTER_CSS, "", 1), [_letter_stylesheet()]
    document = _letter_html()(string=html, base_url=BASE_URL, url_fetcher=_fetcher(rendering.house))
    try:
        return _write(document, rendering, stylesheets)
    except FatalURLFetchingError as error:
        from foiletters.errors import TemplateError  # here: the PDF writer imports no click (test_start_up.py)

        raise TemplateError(f"the letter {rendering.reference} asks for a resource that may not be loaded: "
                            f"{error.__cause__ or error}") from None
    except OverflowError:  # pydyf cannot number the objects of a tagged PDF beyond about 65,000
        from foiletters.errors import TemplateError

        raise TemplateError(f"the letter {rendering.reference} is too large to write as a PDF: its tables have "
                            "too many cells; move the data to a spreadsheet attachment and summarise it in "
                            "the letter") from None


def _write(document: Any, rendering: Rendering, stylesheets: list[Any]) -> bytes:
    return document.write_pdf(
        stylesheets=stylesheets,
        font_config=_fonts(),
        pdf_variant=PDF_VARIANT,
        uncompressed_pdf=False,
        pdf_identifier=rendering.reference.encode("ascii"),  # fixed, so the same letter gives the same bytes
        custom_metadata=True,
        finisher=_finish,
    )


# -- what WeasyPrint's tagging leaves out ----------------------------------------------------------


def _finish(document: Any, pdf: Any) -> None:
    """Complete the structure tree before the PDF is written (WeasyPrint's finisher hook)."""
    if "StructTreeRoot" in pdf.catalog:  # tagged
        _header_scopes(document)
        _pagination_artifacts(pdf)


def _header_scopes(document: Any) -> None:
    """Give each table header cell its /Scope, from the `scope` of its <th> (PDF/UA-1 7.5).

    WeasyPrint keeps the structure element of each table cell on the cell's box
    (`mark`) while it tags the page; the header cells get /Row or /Column from there.
    """
    import pydyf

    for page in document.pages:
        for box in page._page_box.descendants():
            mark = getattr(box, "mark", None)
            if mark is None or box.element is None or box.element_tag != "th":
                continue
            scope = box.element.get("scope", "col")
            attributes = mark.setdefault("A", pydyf.Dictionary({"O": "/Table"}))
            attributes["Scope"] = "/Row" if scope in ("row", "rowgroup") else "/Column"


def _pagination_artifacts(pdf: Any) -> None:
    """Mark the text of the page margins (page x of y, the reference) as pagination artifacts.

    WeasyPrint tags the margin boxes' text as /Span content whose structure elements are
    left out of the tree (PDF 1.7 has no artifact element), so an assistive technology
    would find content that belongs to nothing. Here each such span becomes an
    `/Artifact <</Type /Pagination>>` sequence, its entry in the parent tree is removed, and
    the structure elements outside the tree are left out of the file.
    """
    import pydyf

    objects = pdf.objects
    root = _object(objects, pdf.catalog["StructTreeRoot"])
    reachable: set[int] = set()
    stack = [root]
    while stack:
        element = stack.pop()
        kids = element.get("K")
        for kid in kids if isinstance(kids, list) else [kids]:
            number = _number(kid)
            if number is not None and number not in reachable:
                reachable.add(number)
                child = objects[number]
                if isinstance(child, dict) and child.get("Type") == "/StructElem":
                    stack.append(child)
    nums = _object(objects, root["ParentTree"])["Nums"]
    for page_index in range(len(pdf.page_references)):
        entries = nums[2 * page_index + 1]
        stray = {mcid for mcid, ref in enumerate(entries) if _number(ref) not in reachable}
        if not stray:
            continue
        page = _object(objects, pdf.page_references[page_index])
        stream = _object(objects, page["Contents"]).stream
        for i, item in enumerate(stream):
            if (isinstance(item, pydyf.Dictionary) and item.get("MCID") in stray and 0 < i < len(stream) - 1
                    and stream[i + 1] == b"BDC"):
                stream[i - 1] = "/Artifact"
                stream[i] = pydyf.Dictionary({"Type": "/Pagination"})
        for mcid in stray:
            entries[mcid] = b"null"
    for element in objects:  # the margins' structure elements, now referred to by nothing: not written
        if (isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem"
                and element.number not in reachable and element is not root):
            element.free = "f"


def _number(reference: Any) -> int | None:
    """The object number of an indirect reference (b'12 0 R'), else None."""
    if isinstance(reference, bytes) and reference.endswith(b" R"):
        return int(reference.split()[0])
    return None


def _object(objects: list, reference: Any) -> Any:
    number = _number(reference)
    assert number is not None, reference
    return objects[number]
