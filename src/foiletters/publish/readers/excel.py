"""Spreadsheets (.xlsx, .xlsm): the text of every part, and what a reader of the workbook would not see.

The text is read part by part (`ooxml.Package.pieces`): every cell (a cell's rich-text pieces joined),
formulas, sheet names, comments and threaded comments, defined names, properties and link targets. The
audit lists what is hidden (sheets, rows, columns, values hidden by format or colour, hidden names and
drawings, a pivot table's copy of its data, comments, authors' names) and what is active: macros,
external links, data connections, OLE and embedded objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lxml import etree

from foiletters.publish.readers.findings import CannotOpen, by, excerpt, name, quote, ranges, reason
from foiletters.publish.readers.ooxml import Package, active_content, elements, local, properties
from foiletters.publish.readers.reading import Reading


def _sheet(title: str, number: int) -> str:
    """A sheet as the audit names it: by its name on the officer's terminal, by its number elsewhere."""
    return f"sheet {quote(title, f'no. {number}' if number else '(…)')}"



def read(path: Path) -> Reading:
    """The text of every part of a workbook (cells, sheet names, comments, defined names, properties), and
    what is hidden or active in it."""
    import openpyxl

    reading = Reading()
    with Package(path, "spreadsheet") as pkg:
        try:
            wb = openpyxl.load_workbook(path, read_only=False, keep_vba=False, data_only=False, keep_links=False)
        except Exception as exc:
            raise CannotOpen(reason(exc)) from exc
        reading.pieces = pkg.pieces()
        _audit(pkg, wb, reading.findings)
    return reading


def _audit(pkg: Package, wb: Any, found: list[tuple[str, str]]) -> None:
    from openpyxl.worksheet.worksheet import Worksheet

    sheets = _sheet_parts(pkg)
    threaded = _threaded_comments(pkg, sheets)
    threaded_cells = {(sheet, ref) for sheet, ref, _ in threaded}
    for view in wb.views or []:
        if view.visibility in ("hidden", "veryHidden"):
            found.append(("workbook window", "the workbook's window is hidden"))
    labels = {title: _sheet(title, number) for number, title in enumerate(wb.sheetnames, start=1)}
    for title in wb.sheetnames:
        ws = wb[title]
        sheet = labels[title]
        if ws.sheet_state == "hidden":
            found.append((sheet, "the sheet is hidden"))
        elif ws.sheet_state == "veryHidden":
            found.append((sheet, "the sheet is very hidden (it can only be shown with Excel's macro tools)"))
        if not isinstance(ws, Worksheet):
            continue
        _hidden_rows_and_columns(ws, sheet, found)
        _cells(ws, title, sheet, threaded_cells, found)
        for defined in ws.defined_names.values():
            if defined.hidden and defined.is_reserved is None:
                found.append((f"defined name {quote(defined.name)} on {sheet}",
                              f"the name is hidden; it refers to {excerpt(str(defined.value))}"))
        found += [(f"comment on {sheet} cell {ref}", what) for s, ref, what in threaded if s == title]
    found += [(f"comment in {name(part, 'a part')} cell {ref}", what) for part, ref, what in threaded
              if part not in wb.sheetnames]
    for defined in wb.defined_names.values():
        if defined.hidden and defined.is_reserved is None:
            found.append((f"defined name {quote(defined.name)}",
                          f"the name is hidden; it refers to {excerpt(str(defined.value))}"))
    _hidden_drawings(pkg, sheets, labels, found)
    _external_links(pkg, found)
    _pivot_caches(pkg, found)
    _connections(pkg, found)
    properties(pkg, found)
    active_content(pkg, found)


def _hidden_rows_and_columns(ws: Any, sheet: str, found: list[tuple[str, str]]) -> None:
    from openpyxl.utils import column_index_from_string, get_column_letter

    rows = {"hidden": [], "zero": []}
    for index, dim in ws.row_dimensions.items():
        if dim.hidden:
            rows["hidden"].append(index)
        elif dim.ht is not None and dim.ht == 0:
            rows["zero"].append(index)
    found += ranges(sheet, "row", "height", rows, str)
    columns = {"hidden": set(), "zero": set()}
    for key, dim in ws.column_dimensions.items():
        reason = "hidden" if dim.hidden else "zero" if dim.width is not None and dim.width == 0 else None
        if reason is None:
            continue
        first = dim.min or column_index_from_string(key)
        last = max(first, dim.max or first)
        columns[reason].update(range(max(first, 1), min(last, 16384) + 1))
    found += ranges(sheet, "column", "width", columns, get_column_letter)
    sheet_format = ws.sheet_format
    if sheet_format.zeroHeight:
        found.append((sheet, "rows not given a height of their own are hidden (the sheet's default row height is 0)"))
    if sheet_format.defaultColWidth is not None and sheet_format.defaultColWidth == 0:
        found.append((sheet, "columns not given a width of their own cannot be seen (the default width is 0)"))


def _cells(ws: Any, title: str, sheet: str, threaded_cells: set[tuple[str, str]],
           found: list[tuple[str, str]]) -> None:
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
                    found.append((f"comment on {sheet} cell {cell.coordinate}", "a threaded comment"))
            else:
                found.append((f"comment on {sheet} cell {cell.coordinate}", f"a comment{by(author)}"))
        if cell.value is None or cell.value == "":
            continue
        if _format_hides(str(cell.number_format or ""), cell.value):
            blank_format.append(cell.coordinate)
        elif _same_colours(cell):
            invisible.append(cell.coordinate)
    if blank_format:
        found.append((_cell_list(sheet, blank_format), "the number format (;;;) hides the value"))
    if invisible:
        found.append((_cell_list(sheet, invisible), "the text is the same colour as the cell's background"))


def _cell_list(sheet: str, refs: list[str]) -> str:
    if len(refs) == 1:
        return f"{sheet} cell {refs[0]}"
    shown = ", ".join(refs[:5])
    more = f" and {len(refs) - 5} more" if len(refs) > 5 else ""
    return f"{sheet} cells {shown}{more}"


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


def _sheet_parts(pkg: Package) -> dict[str, str]:
    """{part name: sheet name} from the workbook part and its relationships."""
    workbook = pkg.main_part("xl/workbook.xml")
    root = pkg.xml(workbook)
    if root is None:
        return {}
    targets = {rel.id: rel.target for rel in pkg.rels(workbook) if not rel.external}
    parts = {}
    for sheet in elements(root, "sheet"):
        rid = next((value for key, value in sheet.attrib.items()
                    if local(key) == "id" and etree.QName(key).namespace), None)
        if rid in targets:
            parts[targets[rid]] = sheet.get("name") or "?"
    return parts


def _threaded_comments(pkg: Package, sheets: dict[str, str]) -> list[tuple[str, str, str]]:
    """(sheet name, or the part's name if no sheet refers to it; cell; what) for each threaded comment and reply."""
    people = {}
    for part_name in pkg.matching(r"xl/persons/[^/]+\.xml"):
        for person in elements(pkg.xml(part_name), "person"):
            people[person.get("id")] = person.get("displayName") or person.get("userId") or ""
    owner = {}
    for part, sheet in sheets.items():
        for target in pkg.related(part, "/threadedcomment"):
            owner[target] = sheet
    comments = []
    for part_name in pkg.matching(r"xl/threadedcomments/[^/]+\.xml"):
        for comment in elements(pkg.xml(part_name), "threadedComment"):
            kind = "a reply to a comment" if comment.get("parentId") else "a comment"
            comments.append((owner.get(part_name, pkg.parts[part_name]), comment.get("ref") or "?",
                             f"{kind}{by(people.get(comment.get('personId')))}"))
    return comments


def _hidden_drawings(pkg: Package, sheets: dict[str, str], labels: dict[str, str],
                     found: list[tuple[str, str]]) -> None:
    owner = {target: sheet for part, sheet in sheets.items() for target in pkg.related(part, "/drawing")}
    for part in pkg.matching(r"xl/drawings/[^/]+\.xml"):
        for props in elements(pkg.xml(part), "cNvPr"):
            if (props.get("hidden") or "").lower() in ("1", "true"):
                place = labels.get(owner[part], _sheet(owner[part], 0)) if part in owner else pkg.parts[part]
                found.append((f"{place} object {quote(props.get('name') or '?')}", "the picture or shape is hidden"))


def _external_links(pkg: Package, found: list[tuple[str, str]]) -> None:
    for part_name in pkg.matching(r"xl/externallinks/[^/]+\.xml"):
        root = pkg.xml(part_name)
        targets = [rel.target for rel in pkg.rels(part_name) if rel.external]
        where = "external link"
        if next(elements(root, "ddeLink", "oleLink"), None) is not None:
            found.append((where, "a link to another program's data" + (f" ({name(targets[0])})" if targets else "")))
            continue
        what = f"a link to another workbook ({name(targets[0])})" if targets else "a link to another workbook"
        if next(elements(root, "cell"), None) is not None:
            what += ", with copies of values from it"
        found.append((where, what))


def _pivot_caches(pkg: Package, found: list[tuple[str, str]]) -> None:
    for part_name in pkg.matching(r"xl/pivotcache/pivotcachedefinition[^/]*\.xml"):
        root = pkg.xml(part_name)
        source = next(elements(root, "worksheetSource"), None)
        if source is not None and source.get("sheet"):
            origin = f"from sheet {quote(source.get('sheet'))} {source.get('ref') or ''}".rstrip()
        elif source is not None and source.get("name"):
            origin = f"from {quote(source.get('name'))}"
        else:
            origin = "from an outside data source"
        count = root.get("recordCount")
        records = f", {count} records" if count else ""
        found.append(("pivot table cache", f"a pivot table keeps its own copy of its source data ({origin}{records}), "
                                           "even if that sheet is hidden or deleted"))


def _connections(pkg: Package, found: list[tuple[str, str]]) -> None:
    for _ in pkg.matching(r"xl/querytables/[^/]+\.xml"):
        found.append(("query table", "a table filled from an outside data source when the workbook is refreshed"))
    root = pkg.xml("xl/connections.xml")
    if root is None:
        return
    for connection in elements(root, "connection"):
        found.append((f"data connection {quote(connection.get('name') or '?')}",
                      "a connection to an outside data source, with its details (server, user) stored in the file"))
