"""Hidden content in an attachment, found before the attachment is published in the disclosure log.

A file sent with a letter can hold more than its reader sees: a hidden sheet (in 2023 a hidden
tab in a published FOI spreadsheet exposed the details of a whole police force's staff), hidden
rows and columns, comments, tracked changes, hidden text, a pivot table's copy of its source
data, an embedded workbook, unapplied PDF redactions, and the names of its authors in its
properties. `audit_attachment` lists each such thing as a `Hidden`; an attachment with any is
held back from the log until someone has removed them.

The file's type is taken from its extension and never guessed: a type that cannot be checked
(old binary Office files, OpenDocument, anything unknown) is reported as such, and so is a file
that cannot be opened, that is too large to check safely, or that fails part-way through the
check. Parsing never raises: whatever the file holds, the answer is a list.
"""

from __future__ import annotations

import codecs
import logging
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # an Office file that unpacks to more is refused (zip bombs)
MAX_PARTS = 10_000  # and so is one with more parts than this
MAX_PDF_BYTES = 200 * 1024 * 1024
MAX_PDF_OBJECTS = 500_000  # objects visited while looking for JavaScript
EXCERPT = 60  # characters of hidden text quoted in a finding
MAX_FINDINGS = 100  # a file with more is summed up after the first ones: it is held back either way

FILE = "file"  # the `where` of a finding about the file as a whole

CONVERT_TO = {".xls": ".xlsx", ".xlsb": ".xlsx", ".ods": ".xlsx", ".doc": ".docx", ".odt": ".docx", ".rtf": ".docx"}


@dataclass(frozen=True)
class Hidden:
    """One thing in an attachment that a reader of the published copy would not see, or that names its authors."""

    file: str  # the attachment's file name as given
    where: str  # "sheet 'Staff'", "sheet 'Data' row 14", "comment on sheet 'Data' cell B3", "document properties"
    what: str  # "the sheet is hidden", "a comment by J Smith", "author: J Smith"

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.what}"


def audit_attachment(path: Path) -> list[Hidden]:
    """Everything in the file that a reader of the published copy would not see, or that identifies its authors."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    check = CHECKS.get(suffix)
    if check is None:
        return [Hidden(name, FILE, _cannot_check(suffix))]
    if not path.is_file():
        return [Hidden(name, FILE, "the file cannot be opened: there is no such file")]
    found: list[tuple[str, str]] = []
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            check(path, found)
    except _Refused as refused:
        return [Hidden(name, FILE, refused.what)]
    except Exception as exc:  # a file that opened but broke a check part-way: keep what was found, and say so
        found.append((FILE, f"the file cannot be checked completely: {_reason(exc)}"))
    found = _unique(found)
    if len(found) > MAX_FINDINGS:
        found = found[:MAX_FINDINGS - 1] + [(FILE, f"and {len(found) - MAX_FINDINGS + 1} more things not listed")]
    return [Hidden(name, where, what) for where, what in found]


# ---------------------------------------------------------------------------------------------------------------
# Refusals and small helpers


class _Refused(Exception):
    """The file as a whole cannot be checked; `what` says why, in the words of the finding."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class _CannotOpen(_Refused):
    def __init__(self, reason: str) -> None:
        super().__init__(f"the file cannot be opened: {reason}")


def _cannot_check(suffix: str) -> str:
    if not suffix:
        return "this file has no extension, so its type cannot be checked for hidden content"
    if suffix in CONVERT_TO:
        return f"this file type ({suffix}) cannot be checked for hidden content; save it as {CONVERT_TO[suffix]}"
    return f"this file type ({suffix}) cannot be checked for hidden content"


def _reason(exc: BaseException) -> str:
    """A short, one-line reason for an exception."""
    text = str(exc).strip().splitlines()[0].strip() if str(exc).strip() else ""
    if isinstance(exc, KeyError):
        text = f"{text} is missing"
    text = text or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n:,} bytes"


def _excerpt(text: str) -> str:
    text = " ".join(text.split())
    return f"'{text}'" if len(text) <= EXCERPT else f"'{text[:EXCERPT - 3]}...'"


def _by(author: str | None) -> str:
    author = (author or "").strip()
    return f" by {author}" if author else ""


def _unique(found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return list(dict.fromkeys(found))



def _ranges(sheet: str, kind: str, size: str, by_reason: dict[str, Any], name: Any) -> list[tuple[str, str]]:
    """Hidden or zero-size rows (or columns) as runs: "sheet 'Data' rows 3 to 5", "the rows are hidden"."""
    found = []
    for reason, numbers in by_reason.items():
        for first, last in _runs(sorted(numbers)):
            one = first == last
            where = f"{sheet} {kind} {name(first)}" if one else f"{sheet} {kind}s {name(first)} to {name(last)}"
            if reason == "hidden":
                what = f"the {kind} is hidden" if one else f"the {kind}s are hidden"
            else:
                what = (f"the {kind} has no {size}, so it cannot be seen" if one
                        else f"the {kind}s have no {size}, so they cannot be seen")
            found.append((where, what))
    return found

def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs of consecutive ones: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        elif not runs or n != runs[-1][1]:
            runs.append((n, n))
    return runs


def _local(node: Any) -> str:
    """An XML element's or attribute's name without its namespace (OOXML comes in two sets of namespaces)."""
    return etree.QName(node).localname


def _attr(element: Any, name: str) -> str | None:
    """An attribute by its local name, in whatever namespace."""
    for key, value in element.attrib.items():
        if _local(key) == name:
            return value
    return None


def _on(element: Any) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return (_attr(element, "val") or "true").lower() not in ("0", "false", "off", "none")


def _children(element: Any, name: str) -> list[Any]:
    return [child for child in element if isinstance(child.tag, str) and _local(child.tag) == name]


def _elements(root: Any, *names: str) -> Iterator[Any]:
    wanted = set(names)
    for element in root.iter(etree.Element):
        if _local(element.tag) in wanted:
            yield element


def _text(element: Any, *names: str) -> str:
    """The text of the descendants called `names` (w:t, w:delText), in order."""
    return "".join(t.text or "" for t in _elements(element, *names))


# ---------------------------------------------------------------------------------------------------------------
# Office Open XML packages (.xlsx, .xlsm, .docx): a zip of XML parts, read safely


@dataclass(frozen=True)
class _Rel:
    id: str
    type: str
    target: str  # a part name inside the package, or the raw target of an external relationship
    external: bool


class _Package:
    """An OOXML zip package, refused before anything is parsed if it is too large, has too many parts or a DTD."""

    def __init__(self, path: Path, kind: str) -> None:
        try:
            with path.open("rb") as file:
                head = file.read(8)
        except OSError as exc:
            raise _CannotOpen(_reason(exc)) from exc
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise _CannotOpen(f"it is not a {kind} package: it is password-protected, or an old binary file renamed")
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except Exception as exc:
            raise _CannotOpen(f"it is not a {kind} package (not a valid zip file)") from exc
        if len(infos) > MAX_PARTS:
            self.close()
            raise _Refused(f"the file has more than {MAX_PARTS:,} parts, too many to check; it cannot be checked")
        if sum(max(info.file_size, 0) for info in infos) > MAX_UNPACKED_BYTES:
            self.close()
            raise _Refused(f"the file unpacks to more than {_size(MAX_UNPACKED_BYTES)}, over the limit for "
                           "checking; it cannot be checked")
        self.parts = {info.filename.lstrip("/").lower(): info.filename for info in infos if not info.is_dir()}
        for info in infos:
            try:
                dtd = self._read_through(info)
            except Exception as exc:  # a damaged, encrypted or oddly compressed part
                self.close()
                raise _CannotOpen(f"the part {info.filename} is damaged ({_reason(exc)})") from exc
            if dtd:
                self.close()
                raise _Refused("the file contains an XML document type declaration, which Office files never "
                               "have; it cannot be checked safely")

    def _read_through(self, info: zipfile.ZipInfo) -> bool:
        """Read a part to its end (so that a damaged one is found now), and say whether it declares a DTD."""
        name = info.filename.lower()
        with self.zip.open(info) as part:
            head = part.read(4096)
            while part.read(1 << 20):  # zipfile checks the CRC at the end, and stops at the size declared
                pass
        if not name.endswith((".xml", ".rels", ".vml")):
            return False
        head = head.replace(b"\x00", b"").upper()  # the NULs of UTF-16 removed
        return b"<!DOCTYPE" in head or b"<!ENTITY" in head

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> _Package:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def has(self, name: str) -> bool:
        return name.lower() in self.parts

    def matching(self, pattern: str) -> list[str]:
        """Part names (lower case) that match a regular expression, in order."""
        regex = re.compile(pattern)
        return sorted(name for name in self.parts if regex.fullmatch(name))

    def xml(self, name: str) -> Any | None:
        """A part parsed as XML (entities unresolved, no network, no DTD), or None if there is no such part."""
        actual = self.parts.get(name.lower())
        if actual is None:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        return etree.fromstring(self.zip.read(actual), parser)

    def rels(self, part: str) -> list[_Rel]:
        """The relationships of a part ("" for the package itself), with targets as part names."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if root is None:
            return []
        rels = []
        for rel in _elements(root, "Relationship"):
            target = rel.get("Target") or ""
            if (rel.get("TargetMode") or "").lower() == "external":
                rels.append(_Rel(rel.get("Id") or "", rel.get("Type") or "", target, True))
                continue
            if target.startswith("/"):
                resolved = target.lstrip("/")
            else:
                resolved = posixpath.normpath(posixpath.join(folder, target))
            rels.append(_Rel(rel.get("Id") or "", rel.get("Type") or "", resolved.lower(), False))
        return rels

    def related(self, part: str, type_suffix: str) -> list[str]:
        """Targets of the part's internal relationships whose type ends with `type_suffix`."""
        return [rel.target for rel in self.rels(part) if not rel.external and rel.type.lower().endswith(type_suffix)]

    def main_part(self, default: str) -> str:
        return next(iter(self.related("", "/officedocument")), default)


def _properties(pkg: _Package, found: list[tuple[str, str]]) -> None:
    """Who wrote and last saved the file (core properties), its manager, and custom properties."""
    core = pkg.xml(next(iter(pkg.related("", "/core-properties")), "docProps/core.xml"))
    if core is not None:
        for element in _elements(core, "creator", "lastModifiedBy"):
            value = (element.text or "").strip()
            if value:
                label = "author" if _local(element.tag) == "creator" else "last modified by"
                found.append(("document properties", f"{label}: {value}"))
    app = pkg.xml(next(iter(pkg.related("", "/extended-properties")), "docProps/app.xml"))
    if app is not None:
        for element in _elements(app, "Manager"):
            if (element.text or "").strip():
                found.append(("document properties", f"manager: {element.text.strip()}"))
    custom = pkg.xml(next(iter(pkg.related("", "/custom-properties")), "docProps/custom.xml"))
    if custom is not None:
        for prop in _elements(custom, "property"):
            value = " ".join("".join(prop.itertext()).split())
            if value:
                found.append(("custom document properties", f"{prop.get('name') or 'a property'}: {value[:80]}"))


def _package_extras(pkg: _Package, found: list[tuple[str, str]]) -> None:
    """Macros and embedded files: a chart's data workbook, an embedded spreadsheet or document."""
    if pkg.matching(r"(?:.*/)?vbaproject\.bin"):
        found.append(("macros", "the file contains macros (a VBA project), which can hold text of their own"))
    for name in pkg.matching(r"(?:xl|word)/embeddings/.+"):
        found.append((f"embedded file '{posixpath.basename(pkg.parts[name])}'",
                      "a file embedded in this one, with all of its own content"))


# ---------------------------------------------------------------------------------------------------------------
# Spreadsheets (.xlsx, .xlsm)


def _check_xlsx(path: Path, found: list[tuple[str, str]]) -> None:
    import openpyxl
    from openpyxl.worksheet.worksheet import Worksheet

    with _Package(path, "spreadsheet") as pkg:
        try:
            wb = openpyxl.load_workbook(path, read_only=False, keep_vba=False, data_only=False, keep_links=False)
        except Exception as exc:
            raise _CannotOpen(_reason(exc)) from exc
        sheets = _sheet_parts(pkg)
        threaded = _threaded_comments(pkg, sheets)
        threaded_cells = {(sheet, ref) for sheet, ref, _ in threaded}
        for view in wb.views or []:
            if view.visibility in ("hidden", "veryHidden"):
                found.append(("workbook window", "the workbook's window is hidden"))
        for title in wb.sheetnames:
            ws = wb[title]
            sheet = f"sheet '{title}'"
            if ws.sheet_state == "hidden":
                found.append((sheet, "the sheet is hidden"))
            elif ws.sheet_state == "veryHidden":
                found.append((sheet, "the sheet is very hidden (it can only be shown with Excel's macro tools)"))
            if not isinstance(ws, Worksheet):
                continue
            _hidden_rows_and_columns(ws, sheet, found)
            _cells(ws, title, threaded_cells, found)
            for defined in ws.defined_names.values():
                if defined.hidden and defined.is_reserved is None:
                    found.append((f"defined name '{defined.name}' on {sheet}",
                                  f"the name is hidden; it refers to {_excerpt(str(defined.value))}"))
            found += [(f"comment on sheet '{title}' cell {ref}", what) for s, ref, what in threaded if s == title]
        found += [(f"comment in {part} cell {ref}", what) for part, ref, what in threaded if part not in wb.sheetnames]
        for defined in wb.defined_names.values():
            if defined.hidden and defined.is_reserved is None:
                found.append((f"defined name '{defined.name}'",
                              f"the name is hidden; it refers to {_excerpt(str(defined.value))}"))
        _hidden_drawings(pkg, sheets, found)
        _external_links(pkg, found)
        _pivot_caches(pkg, found)
        _connections(pkg, found)
        _properties(pkg, found)
        _package_extras(pkg, found)


def _hidden_rows_and_columns(ws: Any, sheet: str, found: list[tuple[str, str]]) -> None:
    from openpyxl.utils import column_index_from_string, get_column_letter

    rows = {"hidden": [], "zero": []}
    for index, dim in ws.row_dimensions.items():
        if dim.hidden:
            rows["hidden"].append(index)
        elif dim.ht is not None and dim.ht == 0:
            rows["zero"].append(index)
    found += _ranges(sheet, "row", "height", rows, str)
    columns = {"hidden": set(), "zero": set()}
    for key, dim in ws.column_dimensions.items():
        reason = "hidden" if dim.hidden else "zero" if dim.width is not None and dim.width == 0 else None
        if reason is None:
            continue
        first = dim.min or column_index_from_string(key)
        last = max(first, dim.max or first)
        columns[reason].update(range(max(first, 1), min(last, 16384) + 1))
    found += _ranges(sheet, "column", "width", columns, get_column_letter)
    sheet_format = ws.sheet_format
    if sheet_format.zeroHeight:
        found.append((sheet, "rows not given a height of their own are hidden (the sheet's default row height is 0)"))
    if sheet_format.defaultColWidth is not None and sheet_format.defaultColWidth == 0:
        found.append((sheet, "columns not given a width of their own cannot be seen (the default width is 0)"))


def _cells(ws: Any, title: str, threaded_cells: set[tuple[str, str]], found: list[tuple[str, str]]) -> None:
    """Comments, and values hidden by their number format or by text coloured like its background."""
    # The cells that exist, not iter_rows(): that would create every empty cell of the used range.
    cells = sorted(getattr(ws, "_cells", {}).values(), key=lambda c: (c.row, c.column))
    invisible: list[str] = []
    blank_format: list[str] = []
    for cell in cells:
        comment = cell.comment
        if comment is not None:
            author = comment.author or ""
            if author.startswith("tc="):  # the copy Excel keeps of a threaded comment, for older versions
                if (title, cell.coordinate) not in threaded_cells:
                    found.append((f"comment on sheet '{title}' cell {cell.coordinate}", "a threaded comment"))
            else:
                found.append((f"comment on sheet '{title}' cell {cell.coordinate}", f"a comment{_by(author)}"))
        if cell.value is None or cell.value == "":
            continue
        if _format_hides(str(cell.number_format or ""), cell.value):
            blank_format.append(cell.coordinate)
        elif _same_colours(cell):
            invisible.append(cell.coordinate)
    if blank_format:
        found.append((_cell_list(title, blank_format), "the number format (;;;) hides the value"))
    if invisible:
        found.append((_cell_list(title, invisible), "the text is the same colour as the cell's background"))


def _cell_list(title: str, refs: list[str]) -> str:
    if len(refs) == 1:
        return f"sheet '{title}' cell {refs[0]}"
    shown = ", ".join(refs[:5])
    more = f" and {len(refs) - 5} more" if len(refs) > 5 else ""
    return f"sheet '{title}' cells {shown}{more}"


def _format_hides(number_format: str, value: object) -> bool:
    """A custom format of empty sections (";;;") shows nothing: numbers need two semicolons, text three."""
    fmt = number_format.replace(" ", "")
    if not fmt or set(fmt) != {";"}:
        return False
    return fmt.count(";") >= (3 if isinstance(value, str) else 2)


def _same_colours(cell: Any) -> bool:
    font_colour = _colour(cell.font.color if cell.font is not None else None)
    fill = cell.fill  # a StyleProxy: ask what it stands for by its tag, not its class
    if getattr(fill, "tagname", None) != "patternFill":
        return False  # a gradient: cannot tell
    if fill.fill_type is None:
        background = "FFFFFF"  # no fill: the sheet's white
    elif fill.fill_type == "solid":
        background = _colour(fill.fgColor)
    else:
        return False  # a pattern: cannot tell
    return font_colour is not None and font_colour == background


def _colour(colour: Any) -> str | None:
    """An openpyxl colour as RRGGBB (or a theme key), None for automatic or unknown."""
    from openpyxl.styles.colors import COLOR_INDEX

    if colour is None:
        return None
    kind = getattr(colour, "type", None)
    if kind == "rgb" and isinstance(colour.rgb, str):
        return colour.rgb[-6:].upper()
    if kind == "indexed" and isinstance(colour.indexed, int) and 0 <= colour.indexed < 64:
        return COLOR_INDEX[colour.indexed][-6:].upper()
    if kind == "theme" and isinstance(colour.theme, int):
        tint = float(colour.tint or 0)
        if tint == 0 and colour.theme in (0, 1):  # Excel's theme 0 is "Background 1" (white), 1 is "Text 1" (black)
            return "FFFFFF" if colour.theme == 0 else "000000"
        return f"theme {colour.theme} {tint}"
    return None


def _sheet_parts(pkg: _Package) -> dict[str, str]:
    """{part name: sheet name} from the workbook part and its relationships."""
    workbook = pkg.main_part("xl/workbook.xml")
    root = pkg.xml(workbook)
    if root is None:
        return {}
    targets = {rel.id: rel.target for rel in pkg.rels(workbook) if not rel.external}
    parts = {}
    for sheet in _elements(root, "sheet"):
        rid = next((value for key, value in sheet.attrib.items()
                    if _local(key) == "id" and etree.QName(key).namespace), None)
        if rid in targets:
            parts[targets[rid]] = sheet.get("name") or "?"
    return parts


def _threaded_comments(pkg: _Package, sheets: dict[str, str]) -> list[tuple[str, str, str]]:
    """(sheet name, or the part's name if no sheet refers to it; cell; what) for each threaded comment and reply."""
    people = {}
    for name in pkg.matching(r"xl/persons/[^/]+\.xml"):
        for person in _elements(pkg.xml(name), "person"):
            people[person.get("id")] = person.get("displayName") or person.get("userId") or ""
    owner = {}
    for part, sheet in sheets.items():
        for target in pkg.related(part, "/threadedcomment"):
            owner[target] = sheet
    comments = []
    for name in pkg.matching(r"xl/threadedcomments/[^/]+\.xml"):
        for comment in _elements(pkg.xml(name), "threadedComment"):
            kind = "a reply to a comment" if comment.get("parentId") else "a comment"
            comments.append((owner.get(name, pkg.parts[name]), comment.get("ref") or "?",
                             f"{kind}{_by(people.get(comment.get('personId')))}"))
    return comments


def _hidden_drawings(pkg: _Package, sheets: dict[str, str], found: list[tuple[str, str]]) -> None:
    owner = {target: sheet for part, sheet in sheets.items() for target in pkg.related(part, "/drawing")}
    for name in pkg.matching(r"xl/drawings/[^/]+\.xml"):
        for props in _elements(pkg.xml(name), "cNvPr"):
            if (props.get("hidden") or "").lower() in ("1", "true"):
                place = f"sheet '{owner[name]}'" if name in owner else pkg.parts[name]
                found.append((f"{place} object '{props.get('name') or '?'}'", "the picture or shape is hidden"))


def _external_links(pkg: _Package, found: list[tuple[str, str]]) -> None:
    for name in pkg.matching(r"xl/externallinks/[^/]+\.xml"):
        root = pkg.xml(name)
        targets = [rel.target for rel in pkg.rels(name) if rel.external]
        where = "external link"
        if next(_elements(root, "ddeLink", "oleLink"), None) is not None:
            found.append((where, "a link to another program's data" + (f" ({targets[0]})" if targets else "")))
            continue
        what = f"a link to another workbook ({targets[0]})" if targets else "a link to another workbook"
        if next(_elements(root, "cell"), None) is not None:
            what += ", with copies of values from it"
        found.append((where, what))


def _pivot_caches(pkg: _Package, found: list[tuple[str, str]]) -> None:
    for name in pkg.matching(r"xl/pivotcache/pivotcachedefinition[^/]*\.xml"):
        root = pkg.xml(name)
        source = next(_elements(root, "worksheetSource"), None)
        if source is not None and source.get("sheet"):
            origin = f"from sheet '{source.get('sheet')}' {source.get('ref') or ''}".rstrip()
        elif source is not None and source.get("name"):
            origin = f"from {source.get('name')}"
        else:
            origin = "from an outside data source"
        count = root.get("recordCount")
        records = f", {count} records" if count else ""
        found.append(("pivot table cache", f"a pivot table keeps its own copy of its source data ({origin}{records}), "
                                           "even if that sheet is hidden or deleted"))


def _connections(pkg: _Package, found: list[tuple[str, str]]) -> None:
    root = pkg.xml("xl/connections.xml")
    if root is None:
        return
    for connection in _elements(root, "connection"):
        found.append((f"data connection '{connection.get('name') or '?'}'",
                      "a connection to an outside data source, with its details (server, user) stored in the file"))


# ---------------------------------------------------------------------------------------------------------------
# Word documents (.docx)

CHANGES = {
    "ins": "insertion", "del": "deletion", "moveFrom": "move", "moveTo": "move",
    "rPrChange": "formatting", "pPrChange": "formatting", "sectPrChange": "formatting", "tblPrChange": "formatting",
    "trPrChange": "formatting", "tcPrChange": "formatting", "tblGridChange": "formatting",
    "numberingChange": "formatting", "cellIns": "table", "cellDel": "table", "cellMerge": "table",
}


def _check_docx(path: Path, found: list[tuple[str, str]]) -> None:
    import docx

    with _Package(path, "Word") as pkg:
        try:
            docx.Document(str(path))
        except Exception as exc:
            raise _CannotOpen(_reason(exc)) from exc
        main = pkg.main_part("word/document.xml")
        folder = posixpath.dirname(main)
        stories = [main] + [name for name in pkg.matching(re.escape(folder) + r"/(?:header|footer)\d*\.xml")]
        stories += [name for name in (f"{folder}/footnotes.xml", f"{folder}/endnotes.xml") if pkg.has(name)]
        hidden_styles = _hidden_styles(pkg.xml(f"{folder}/styles.xml"))
        comment_places: dict[str, str] = {}
        for story in stories:
            root = pkg.xml(story)
            if root is None:
                continue
            label = _story_label(story, main)
            paragraphs = {p: n for n, p in enumerate(_elements(root, "p"), 1)}

            def place(element: Any, paragraphs: dict[Any, int] = paragraphs, label: str = label) -> str:
                while element is not None:
                    if element in paragraphs:
                        return f"{label}paragraph {paragraphs[element]}"
                    element = element.getparent()
                return label.strip() or "the document"

            for anchor in _elements(root, "commentRangeStart", "commentReference"):
                comment_places.setdefault(_attr(anchor, "id") or "", place(anchor))
            _tracked_changes(root, place, found)
            _hidden_text(root, place, hidden_styles, found)
            for props in _elements(root, "docPr"):
                if (props.get("hidden") or "").lower() in ("1", "true"):
                    found.append((f"hidden object in {place(props)}",
                                  f"a hidden picture or shape '{props.get('name') or '?'}'"))
        for name in pkg.matching(re.escape(folder) + r"/comments\d*\.xml"):
            for comment in _elements(pkg.xml(name), "comment"):
                where = comment_places.get(_attr(comment, "id") or "")
                author = _attr(comment, "author")
                found.append((f"comment on {where}" if where else "comment", f"a comment{_by(author)}"))
        _properties(pkg, found)
        _package_extras(pkg, found)


def _story_label(story: str, main: str) -> str:
    if story == main:
        return ""
    base = posixpath.splitext(posixpath.basename(story))[0]
    match = re.fullmatch(r"(header|footer)(\d*)", base)
    if match:
        return f"{match.group(1)} {match.group(2)} ".replace("  ", " ")
    return f"{base} "


def _tracked_changes(root: Any, place: Any, found: list[tuple[str, str]]) -> None:
    changes: dict[tuple[str, str, str], list[str]] = {}
    for change in _elements(root, *CHANGES):
        name = _local(change.tag)
        kind = CHANGES[name]
        author = _attr(change, "author") or ""
        text = _text(change, "delText", "delInstrText", "t") if name in ("del", "moveFrom") else _text(change, "t")
        changes.setdefault((f"tracked change ({kind}) in {place(change)}", name, author), []).append(text)
    for (where, name, author), texts in changes.items():
        text = "".join(texts)
        by = _by(author)
        what = {
            "ins": f"text inserted{by}" if text else f"an insertion{by}",
            "del": f"text deleted{by}, still in the file" if text else f"a deletion{by}",
            "moveFrom": f"text moved away{by}, still in the file at its old place",
            "moveTo": f"text moved here{by}",
        }.get(name, f"a {CHANGES[name]} change{by}")
        found.append((where, f"{what}: {_excerpt(text)}" if text else what))


def _hidden_styles(styles: Any) -> set[str]:
    """The ids of styles whose text is hidden (w:vanish in the style's run properties)."""
    hidden = set()
    for style in [] if styles is None else _elements(styles, "style"):
        for rpr in _children(style, "rPr"):
            if any(_on(v) for v in _children(rpr, "vanish")):
                hidden.add(_attr(style, "styleId") or "")
    return hidden


def _hidden_text(root: Any, place: Any, hidden_styles: set[str], found: list[tuple[str, str]]) -> None:
    texts: dict[tuple[str, str], list[str]] = {}
    for run in _elements(root, "r"):
        rpr = next(iter(_children(run, "rPr")), None)
        vanish = None if rpr is None else next(iter(_children(rpr, "vanish")), None)
        why = "text formatted as hidden"
        if vanish is not None:
            if not _on(vanish):
                continue
        else:
            style = None if rpr is None else next(iter(_children(rpr, "rStyle")), None)
            paragraph = run.getparent()
            while paragraph is not None and _local(paragraph.tag) != "p":
                paragraph = paragraph.getparent()
            ppr = None if paragraph is None else next(iter(_children(paragraph, "pPr")), None)
            pstyle = None if ppr is None else next(iter(_children(ppr, "pStyle")), None)
            ids = [_attr(s, "val") for s in (style, pstyle) if s is not None]
            hidden_id = next((i for i in ids if i in hidden_styles), None)
            if hidden_id is None:
                continue
            why = f"text in the hidden style '{hidden_id}'"
        if len(run) == (0 if rpr is None else 1):
            continue  # an empty run hides nothing
        texts.setdefault((f"hidden text in {place(run)}", why), []).append(_text(run, "t", "delText"))
    for (where, why), parts in texts.items():
        text = "".join(parts)
        found.append((where, f"{why}: {_excerpt(text)}" if text.strip() else why.replace("text", "content", 1)))


# ---------------------------------------------------------------------------------------------------------------
# PDF


MARKUP = {"/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Square", "/Circle", "/Line", "/Polygon",
          "/PolyLine", "/Ink", "/Stamp", "/Caret", "/Sound"}


def _check_pdf(path: Path, found: list[tuple[str, str]]) -> None:
    log = logging.getLogger("pypdf")  # pypdf logs every oddity of a damaged file; the findings say what matters
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        _check_pdf_quietly(path, found)
    finally:
        log.setLevel(level)


def _check_pdf_quietly(path: Path, found: list[tuple[str, str]]) -> None:
    from pypdf import PdfReader

    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _CannotOpen(_reason(exc)) from exc
    if size > MAX_PDF_BYTES:
        raise _Refused(f"the file is larger than {_size(MAX_PDF_BYTES)}, over the limit for checking; "
                       "it cannot be checked")
    try:
        data = path.read_bytes()
        if b"%PDF" not in data[:1024]:
            raise _CannotOpen("it is not a PDF file")
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _CannotOpen("it is protected by a password")
        pages = list(reader.pages)
        root = reader.trailer["/Root"].get_object()
    except _Refused:
        raise
    except Exception as exc:
        raise _CannotOpen(_reason(exc)) from exc
    _pdf_metadata(reader, found)
    for number, page in enumerate(pages, 1):
        _pdf_annotations(page, number, found)
    for name in _name_tree(_get(_get(root, "/Names"), "/EmbeddedFiles")):
        found.append((f"attached file '{name}'", "a file attached to the document, with all of its own content"))
    _pdf_layers(root, found)
    scripts = _count_javascript(reader)
    if scripts:
        found.append(("JavaScript", f"the file contains JavaScript ({scripts} script{'s' if scripts > 1 else ''}), "
                                    "which can change what a reader sees"))
    linearized = b"/Linearized" in data[:2048]
    if data.count(b"startxref") > (2 if linearized else 1):
        found.append(("earlier versions", "the file was saved in stages (incremental updates): earlier versions "
                                          "of its content may still be inside it"))


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


def _pdf_metadata(reader: Any, found: list[tuple[str, str]]) -> None:
    info = reader.metadata
    author = str(_get(info, "/Author") or "").strip()
    if author:
        found.append(("document properties", f"author: {author}"))
    try:
        xmp = reader.xmp_metadata
        creators = [str(c).strip() for c in (xmp.dc_creator or [])] if xmp is not None else []
    except Exception:  # XMP that does not parse is not read by viewers either
        creators = []
    for creator in creators:
        if creator and creator != author:
            found.append(("document properties (XMP)", f"author: {creator}"))


def _pdf_annotations(page: Any, number: int, found: list[tuple[str, str]]) -> None:
    annotations = _get(page, "/Annots")
    for ref in annotations if isinstance(annotations, list) else []:
        annotation = ref.get_object() if hasattr(ref, "get_object") else ref
        subtype = str(_get(annotation, "/Subtype") or "")
        author = str(_get(annotation, "/T") or "")
        contents = str(_get(annotation, "/Contents") or "").strip()
        if subtype in ("/Text", "/FreeText") or (subtype == "/Popup" and _get(annotation, "/Parent") is None):
            found.append((f"comment on page {number}", f"a comment{_by(author)}"))
        elif subtype == "/Redact":
            found.append((f"redaction on page {number}",
                          "a redaction marked but not applied: what it covers is still in the file"))
        elif subtype == "/FileAttachment":
            spec = _get(annotation, "/FS")
            name = str(_get(spec, "/UF") or _get(spec, "/F") or "") if hasattr(spec, "get") else str(spec or "")
            found.append((f"attached file on page {number}",
                          f"a file attached to the page{f' ({name})' if name else ''}, with all of its own content"))
        elif subtype in MARKUP and contents:
            found.append((f"comment on page {number}", f"a comment{_by(author)} on a {subtype[1:].lower()} mark"))


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
    properties = _get(root, "/OCProperties")
    default = _get(properties, "/D")
    if default is None:
        return
    groups = _get(properties, "/OCGs")
    off = _get(default, "/OFF")
    hidden = list(off) if isinstance(off, list) else []
    if str(_get(default, "/BaseState") or "") == "/OFF" and isinstance(groups, list):
        on = _get(default, "/ON")
        shown = {_ref(g) for g in (on if isinstance(on, list) else [])}
        hidden += [g for g in groups if _ref(g) not in shown]
    for group in hidden:
        name = str(_get(_resolve(group), "/Name") or "?")
        found.append((f"layer '{name}'", "the layer is hidden when the file is opened"))


def _count_javascript(reader: Any) -> int:
    """JavaScript actions anywhere in the file's object graph, from its trailer (bounded)."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    count = 0
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
        if isinstance(obj, DictionaryObject):
            if "/JS" in obj or obj.get("/S") == "/JavaScript":
                count += 1
            stack.extend(value for key, value in obj.items() if key != "/JS")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    if stack:
        raise RuntimeError(f"the file has more than {MAX_PDF_OBJECTS:,} objects; JavaScript was not looked for in all")
    return count


# ---------------------------------------------------------------------------------------------------------------
# Text (.csv, .txt): nothing can be hidden in it, if it is text


def _check_text(path: Path, found: list[tuple[str, str]]) -> None:
    decoders = {name: codecs.getincrementaldecoder(name)() for name in ("utf-8-sig", "cp1252")}
    try:
        with path.open("rb") as file:
            while chunk := file.read(1 << 20):
                if b"\x00" in chunk:
                    decoders.clear()
                    break
                for name, decoder in list(decoders.items()):
                    try:
                        decoder.decode(chunk)
                    except UnicodeDecodeError:
                        del decoders[name]
                if not decoders:
                    break
            for name, decoder in list(decoders.items()):
                try:
                    decoder.decode(b"", final=True)
                except UnicodeDecodeError:
                    del decoders[name]
    except OSError as exc:
        raise _CannotOpen(_reason(exc)) from exc
    if not decoders:
        found.append((FILE, "the file is not text (it is neither UTF-8 nor Windows-1252)"))


CHECKS = {
    ".xlsx": _check_xlsx,
    ".xlsm": _check_xlsx,
    ".docx": _check_docx,
    ".pdf": _check_pdf,
    ".csv": _check_text,
    ".txt": _check_text,
}
