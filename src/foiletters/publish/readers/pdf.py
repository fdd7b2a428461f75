"""PDF: the text of every page and of every object a viewer shows, and what a reader would not see.

The text of each page is read twice, by pypdf and by poppler's `pdftotext` (where one gives up or
garbles a font, the other often reads it); a page with pictures and no text that either can read (a
scan) cannot be searched, and is reported. Every string of the file's objects is read too: the
properties (and the XMP metadata), annotations and their link targets, form fields and their values,
bookmarks, named destinations, embedded and associated files' names and contents.

The audit lists what is hidden (comments, unapplied redactions, hidden layers, earlier versions kept by
incremental saving, authors) and what is active: actions that run without a click (an open action,
additional actions), Launch, JavaScript, SubmitForm and ImportData actions, links into other files,
XFA forms, embedded and associated files, multimedia. An ordinary link is allowed; its target is
searched with the rest of the text.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from foiletters.publish.readers.findings import CannotOpen, Refused, by, name, quote, reason, size
from foiletters.publish.readers.limits import (
    MAX_PDF_BYTES, MAX_PDF_OBJECTS, MAX_PDF_PAGES, MAX_PDF_TEXT, MAX_TEXT_BYTES, PDFTOTEXT_SECONDS)
from foiletters.publish.readers.reading import Reading

MARKUP = {"/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Square", "/Circle", "/Line", "/Polygon",
          "/PolyLine", "/Ink", "/Stamp", "/Caret", "/Sound"}
ACTIONS = {  # actions that reach outside the document or run something, by their /S
    "/JavaScript": "JavaScript", "/Launch": "an action that starts another program (Launch)",
    "/SubmitForm": "an action that sends the form's contents somewhere (SubmitForm)",
    "/ImportData": "an action that imports data from another file (ImportData)",
    "/GoToR": "a link that opens another file (GoToR)", "/GoToE": "a link into an embedded file (GoToE)",
    "/Rendition": "an action that plays media (Rendition)", "/Movie": "an action that plays a film",
    "/RichMediaExecute": "an action that runs rich media",
}
MEDIA = {"/RichMedia", "/Screen", "/Movie", "/3D", "/Sound"}


def read(path: Path) -> Reading:
    log = logging.getLogger("pypdf")  # pypdf logs every oddity of a damaged file; the findings say what matters
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        return _read(path)
    finally:
        log.setLevel(level)


def _read(path: Path) -> Reading:
    from pypdf import PdfReader

    try:
        length = path.stat().st_size
    except OSError as exc:
        raise CannotOpen(reason(exc)) from exc
    if length > MAX_PDF_BYTES:
        raise Refused(f"the file is larger than {size(MAX_PDF_BYTES)}, over the limit for checking; "
                      "it cannot be checked")
    try:
        data = path.read_bytes()
        if b"%PDF" not in data[:1024]:
            raise CannotOpen("it is not a PDF file")
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise CannotOpen("it is protected by a password")
        pages = list(reader.pages)
        root = reader.trailer["/Root"].get_object()
    except Refused:
        raise
    except Exception as exc:
        raise CannotOpen(reason(exc)) from exc
    if len(pages) > MAX_PDF_PAGES:
        raise Refused(f"the file has {len(pages):,} pages, more than the {MAX_PDF_PAGES:,} that can be checked")
    reading = Reading()
    found = reading.findings
    _page_texts(path, pages, reading)
    strings, active, fonts = _objects(reader)
    reading.problems += [f"the font {quote(font, f'no. {n}')} has no map from its glyphs to letters (ToUnicode): "
                         "the text set in it cannot be read, so it cannot be searched"
                         for n, font in enumerate(fonts, start=1)]
    reading.pieces.append(("the file's objects (properties, annotations, links, form fields, bookmarks, "
                           "attached files)", "\n".join(strings)))
    _metadata(reader, found)
    for number, page in enumerate(pages, 1):
        _pdf_annotations(page, number, found)
    for attached in _name_tree(_get(_get(root, "/Names"), "/EmbeddedFiles")):
        found.append((f"attached file {quote(attached, '')}".rstrip(),
                      "a file attached to the document, with all of its own content"))
    _pdf_layers(root, found)
    for what, count in active.items():
        if what == "JavaScript":
            found.append(("JavaScript", f"the file contains JavaScript ({count} script{'s' if count > 1 else ''}), "
                                        "which can change what a reader sees"))
        else:
            found.append(("active content", f"{what}{f' ({count} times)' if count > 1 else ''}"))
    linearized = b"/Linearized" in data[:2048]
    if data.count(b"startxref") > (2 if linearized else 1):
        found.append(("earlier versions", "the file was saved in stages (incremental updates): earlier versions "
                                          "of its content may still be inside it"))
    return reading


def _page_texts(path: Path, pages: list[Any], reading: Reading) -> None:
    """Each page's text by pypdf and by pdftotext; a page neither can read and that has pictures is reported."""
    second = _pdftotext(path)
    for number, page in enumerate(pages, 1):
        try:
            first = page.extract_text() or ""
        except Exception as exc:
            first = ""
            if second is None:
                reading.problems.append(f"page {number} cannot be read ({reason(exc)})")
        other = second[number - 1] if second is not None and number <= len(second) else ""
        reading.pieces.append((f"page {number}", first + "\n\n" + other))
        if not first.strip() and not other.strip() and (_has_pictures(page) or _draws(page)):
            reading.problems.append(f"page {number} has pictures or drawings and no text that can be read (a "
                                    "scan?): its words cannot be searched for private ones")


def _pdftotext(path: Path) -> list[str] | None:
    """The pages' text by poppler's pdftotext, or None when it is not installed or cannot read the file."""
    program = shutil.which("pdftotext")
    if program is None:
        return None
    try:
        process = subprocess.Popen([program, "-q", "-enc", "UTF-8", str(path), "-"], stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL)
    except OSError:
        return None
    timer = threading.Timer(PDFTOTEXT_SECONDS, process.kill)  # bounded in time ...
    timer.start()
    assert process.stdout is not None
    with process.stdout:
        data = process.stdout.read(MAX_PDF_TEXT + 1)  # ... and in what is read of it, however much it writes
        if len(data) > MAX_PDF_TEXT:
            process.kill()
    status = process.wait()
    timer.cancel()
    if status != 0 or len(data) > MAX_PDF_TEXT:
        return None
    return data.decode("utf-8", errors="replace").split("\f")


def _draws(page: Any) -> bool:
    """Whether the page draws anything (text as outlines, say), beyond an empty or whitespace content stream."""
    try:
        contents = page.get_contents()
        return contents is not None and bool(contents.get_data().strip())
    except Exception:
        return True


def _has_pictures(page: Any) -> bool:
    objects = _get(_get(page, "/Resources"), "/XObject")
    try:
        return any(str(_get(_resolve(x), "/Subtype")) in ("/Image", "/Form") for x in (objects or {}).values())
    except Exception:
        return True


def _objects(reader: Any) -> tuple[list[str], dict[str, int], list[str]]:
    """Every string in the file's objects (not the pages' content), its active content by kind, and the fonts
    whose text cannot be read (composite fonts without a ToUnicode map), all within bounds."""
    from pypdf.generic import (
        ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, NameObject, StreamObject, TextStringObject)

    strings: list[str] = []
    active: dict[str, int] = {}
    fonts: list[str] = []

    def note(what: str) -> None:
        active[what] = active.get(what, 0) + 1

    seen: set[tuple[int, int]] = set()
    stack: list[Any] = [reader.trailer]
    visited = 0
    while stack and visited < MAX_PDF_OBJECTS:
        obj = stack.pop()
        visited += 1
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                obj = obj.get_object()
            except Exception:
                continue
        if isinstance(obj, TextStringObject | ByteStringObject):
            strings.append(str(obj) if isinstance(obj, TextStringObject) else bytes(obj).decode("latin-1"))
        elif isinstance(obj, NameObject):
            strings.append(str(obj)[1:])
        elif isinstance(obj, DictionaryObject):
            _active(obj, note)
            if obj.get("/Type") == "/Font" and obj.get("/Subtype") == "/Type0" and "/ToUnicode" not in obj:
                fonts.append(str(obj.get("/BaseFont") or "?").lstrip("/"))
            if isinstance(obj, StreamObject) and obj.get("/Type") in ("/EmbeddedFile", "/Metadata"):
                try:
                    strings.append(obj.get_data()[:MAX_TEXT_BYTES].decode("utf-8", errors="replace"))
                except Exception:
                    note("an embedded file or metadata stream that cannot be read")
            stack.extend(value for key, value in obj.items() if key not in ("/Parent", "/P"))
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    if stack:
        raise Refused(f"the file has more than {MAX_PDF_OBJECTS:,} objects, too many to check; it cannot be checked")
    return strings, active, fonts


def _active(obj: Any, note: Any) -> None:
    """Active content in one dictionary of the file."""
    kind = obj.get("/S")
    if kind in ACTIONS:
        note(ACTIONS[kind])
    elif "/JS" in obj:
        note("JavaScript")
    if "/OpenAction" in obj and hasattr(_resolve(obj["/OpenAction"]), "get"):
        note("an action that runs when the file is opened (OpenAction)")
    if "/AA" in obj:
        note("actions that run without a click (additional actions)")
    if "/XFA" in obj:
        note("an XFA form, whose content a viewer builds from data in the file")
    if "/AF" in obj:
        note("associated files: files kept inside this one, with all of their own content")
    if obj.get("/Subtype") in MEDIA:
        note("multimedia content")


def _metadata(reader: Any, found: list[tuple[str, str]]) -> None:
    info = reader.metadata
    author = str(_get(info, "/Author") or "").strip()
    if author:
        found.append(("document properties", f"author: {name(author)}"))
    try:
        xmp = reader.xmp_metadata
        creators = [str(c).strip() for c in (xmp.dc_creator or [])] if xmp is not None else []
    except Exception:  # XMP that does not parse is not read by viewers either
        creators = []
    for creator in creators:
        if creator and creator != author:
            found.append(("document properties (XMP)", f"author: {name(creator)}"))


def _resolve(obj: Any) -> Any:
    """A PDF object with its indirect reference followed, or None if it cannot be."""
    try:
        return obj.get_object() if obj is not None and hasattr(obj, "get_object") else obj
    except Exception:
        return None


def _get(obj: Any, key: str) -> Any:
    """obj[key], resolved, or None (for dictionaries that may be missing, or not dictionaries at all)."""
    try:
        return _resolve(obj.get(key)) if obj is not None and hasattr(obj, "get") else None
    except Exception:
        return None


def _ref(obj: Any) -> object:
    """A key for a PDF object that stays the same each time it is reached: its reference, or the object itself."""
    return (obj.idnum, obj.generation) if hasattr(obj, "idnum") else id(obj)


def _pdf_annotations(page: Any, number: int, found: list[tuple[str, str]]) -> None:
    annotations = _get(page, "/Annots")
    for ref in annotations if isinstance(annotations, list) else []:
        annotation = ref.get_object() if hasattr(ref, "get_object") else ref
        subtype = str(_get(annotation, "/Subtype") or "")
        author = str(_get(annotation, "/T") or "")
        contents = str(_get(annotation, "/Contents") or "").strip()
        if subtype in ("/Text", "/FreeText") or (subtype == "/Popup" and _get(annotation, "/Parent") is None):
            found.append((f"comment on page {number}", f"a comment{by(author)}"))
        elif subtype == "/Redact":
            found.append((f"redaction on page {number}",
                          "a redaction marked but not applied: what it covers is still in the file"))
        elif subtype == "/FileAttachment":
            spec = _get(annotation, "/FS")
            named = str(_get(spec, "/UF") or _get(spec, "/F") or "") if hasattr(spec, "get") else str(spec or "")
            found.append((f"attached file on page {number}",
                          f"a file attached to the page{f' ({name(named)})' if named else ''}, with all of its "
                          "own content"))
        elif subtype in MARKUP and contents:
            found.append((f"comment on page {number}", f"a comment{by(author)} on a {subtype[1:].lower()} mark"))


def _name_tree(node: Any, depth: int = 0, seen: set[object] | None = None) -> Iterator[str]:
    """The names in a PDF name tree (bounded: hostile trees loop or nest without end)."""
    seen = set() if seen is None else seen
    if node is None or depth > 32 or len(seen) > 10_000 or not hasattr(node, "get"):
        return
    names = _get(node, "/Names")
    if isinstance(names, list):
        for key in names[0::2]:
            yield str(_resolve(key))
    kids = node.get("/Kids")
    for kid in _resolve(kids) if isinstance(_resolve(kids), list) else []:
        if _ref(kid) not in seen:
            seen.add(_ref(kid))
            yield from _name_tree(_resolve(kid), depth + 1, seen)


def _pdf_layers(root: Any, found: list[tuple[str, str]]) -> None:
    layers = _get(root, "/OCProperties")
    default = _get(layers, "/D")
    if default is None:
        return
    groups = _get(layers, "/OCGs")
    off = _get(default, "/OFF")
    hidden = list(off) if isinstance(off, list) else []
    if str(_get(default, "/BaseState") or "") == "/OFF" and isinstance(groups, list):
        on = _get(default, "/ON")
        shown = {_ref(g) for g in (on if isinstance(on, list) else [])}
        hidden += [g for g in groups if _ref(g) not in shown]
    for group in hidden:
        found.append((f"layer {quote(str(_get(_resolve(group), '/Name') or '?'))}",
                      "the layer is hidden when the file is opened"))
