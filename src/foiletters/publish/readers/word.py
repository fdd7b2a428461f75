"""Word documents (.docx): the text of every part, and what a reader of the document would not see.

The text is read part by part (`ooxml.Package.pieces`): the body, headers, footers, footnotes and
endnotes, comments, text boxes, deleted and moved text, field codes, the properties, and the targets of
links. The audit lists what is hidden (tracked changes, hidden text, hidden objects, comments, authors'
names) and what is active: macros, ActiveX controls, OLE objects, fields that fetch or run something
(DDE, INCLUDETEXT, INCLUDEPICTURE), pictures and templates fetched from outside the file.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Any

from foiletters.publish.readers.findings import CannotOpen, by, excerpt, quote, reason
from foiletters.publish.readers.ooxml import (
    Package, active_content, attr, children, elements, local, on, properties, text_of)
from foiletters.publish.readers.reading import Reading

CHANGES = {
    "ins": "insertion", "del": "deletion", "moveFrom": "move", "moveTo": "move",
    "rPrChange": "formatting", "pPrChange": "formatting", "sectPrChange": "formatting", "tblPrChange": "formatting",
    "trPrChange": "formatting", "tcPrChange": "formatting", "tblGridChange": "formatting",
    "numberingChange": "formatting", "cellIns": "table", "cellDel": "table", "cellMerge": "table",
}


def read(path: Path) -> Reading:
    """The text of every part of a Word document, and what is hidden or active in it."""
    import docx

    reading = Reading()
    with Package(path, "Word") as pkg:
        try:
            docx.Document(str(path))
        except Exception as exc:
            raise CannotOpen(reason(exc)) from exc
        reading.pieces = pkg.pieces()
        _audit(pkg, reading.findings)
    return reading


def _audit(pkg: Package, found: list[tuple[str, str]]) -> None:
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
        paragraphs = {p: n for n, p in enumerate(elements(root, "p"), 1)}

        def place(element: Any, paragraphs: dict[Any, int] = paragraphs, label: str = label) -> str:
            while element is not None:
                if element in paragraphs:
                    return f"{label}paragraph {paragraphs[element]}"
                element = element.getparent()
            return label.strip() or "the document"

        for anchor in elements(root, "commentRangeStart", "commentReference"):
            comment_places.setdefault(attr(anchor, "id") or "", place(anchor))
        _tracked_changes(root, place, found)
        _hidden_text(root, place, hidden_styles, found)
        for props in elements(root, "docPr"):
            if (props.get("hidden") or "").lower() in ("1", "true"):
                found.append((f"hidden object in {place(props)}",
                              f"a hidden picture or shape {quote(props.get('name') or '?')}"))
    for name in pkg.matching(re.escape(folder) + r"/comments\d*\.xml"):
        for comment in elements(pkg.xml(name), "comment"):
            where = comment_places.get(attr(comment, "id") or "")
            author = attr(comment, "author")
            found.append((f"comment on {where}" if where else "comment", f"a comment{by(author)}"))
    _objects_and_fields(pkg, stories, found)
    properties(pkg, found)
    active_content(pkg, found)


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
    for change in elements(root, *CHANGES):
        name = local(change.tag)
        kind = CHANGES[name]
        author = attr(change, "author") or ""
        text = text_of(change, "delText", "delInstrText", "t") if name in ("del", "moveFrom") else text_of(change, "t")
        changes.setdefault((f"tracked change ({kind}) in {place(change)}", name, author), []).append(text)
    for (where, name, author), texts in changes.items():
        text = "".join(texts)
        who = by(author)
        what = {
            "ins": f"text inserted{who}" if text else f"an insertion{who}",
            "del": f"text deleted{who}, still in the file" if text else f"a deletion{who}",
            "moveFrom": f"text moved away{who}, still in the file at its old place",
            "moveTo": f"text moved here{who}",
        }.get(name, f"a {CHANGES[name]} change{who}")
        found.append((where, f"{what}: {excerpt(text)}" if text else what))


def _hidden_styles(styles: Any) -> set[str]:
    """The ids of styles whose text is hidden (w:vanish in the style's run properties)."""
    hidden = set()
    for style in [] if styles is None else elements(styles, "style"):
        for rpr in children(style, "rPr"):
            if any(on(v) for v in children(rpr, "vanish")):
                hidden.add(attr(style, "styleId") or "")
    return hidden


def _hidden_text(root: Any, place: Any, hidden_styles: set[str], found: list[tuple[str, str]]) -> None:
    texts: dict[tuple[str, str], list[str]] = {}
    for run in elements(root, "r"):
        rpr = next(iter(children(run, "rPr")), None)
        vanish = None if rpr is None else next(iter(children(rpr, "vanish")), None)
        why = "text formatted as hidden"
        if vanish is not None:
            if not on(vanish):
                continue
        else:
            style = None if rpr is None else next(iter(children(rpr, "rStyle")), None)
            paragraph = run.getparent()
            while paragraph is not None and local(paragraph.tag) != "p":
                paragraph = paragraph.getparent()
            ppr = None if paragraph is None else next(iter(children(paragraph, "pPr")), None)
            pstyle = None if ppr is None else next(iter(children(ppr, "pStyle")), None)
            ids = [attr(s, "val") for s in (style, pstyle) if s is not None]
            hidden_id = next((i for i in ids if i in hidden_styles), None)
            if hidden_id is None:
                continue
            why = f"text in the hidden style {quote(hidden_id)}"
        if len(run) == (0 if rpr is None else 1):
            continue  # an empty run hides nothing
        texts.setdefault((f"hidden text in {place(run)}", why), []).append(text_of(run, "t", "delText"))
    for (where, why), parts in texts.items():
        text = "".join(parts)
        found.append((where, f"{why}: {excerpt(text)}" if text.strip() else why.replace("text", "content", 1)))


ACTIVE_FIELDS = re.compile(r"^\s*(DDE|DDEAUTO|INCLUDETEXT|INCLUDEPICTURE|IMPORT|LINK|AUTOTEXT|MACROBUTTON)\b",
                           re.IGNORECASE)


def _objects_and_fields(pkg: Package, stories: list[str], found: list[tuple[str, str]]) -> None:
    """OLE objects, and fields that fetch or run something when the document is opened or updated."""
    for story in stories:
        root = pkg.xml(story)
        if root is None:
            continue
        if next(elements(root, "OLEObject", "object", "control"), None) is not None:
            found.append((f"object in {story}", "an OLE object or control: another program's data, which can "
                                                 "run or hold content of its own"))
        codes = [text_of(field, "instrText") for field in elements(root, "p")] + \
            [attr(simple, "instr") or "" for simple in elements(root, "fldSimple")]
        for code in codes:
            match = ACTIVE_FIELDS.search(code) or ACTIVE_FIELDS.search(code.split("\n")[-1])
            if match:
                found.append((f"field in {story}", f"a {match.group(1).upper()} field, which fetches or runs "
                                                   "something outside the document"))
