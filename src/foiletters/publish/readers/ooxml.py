"""Office Open XML packages (.docx, .xlsx, .xlsm): a zip of XML parts, opened within bounds.

`Package` refuses a file before any part is parsed when its declared sizes, number of parts or
compression ratios are beyond the bounds (`limits.py`), when a part is encrypted, damaged or declares
a DTD; a zip reader never reads a part beyond its declared size, so a header that lies stops there.
`pieces()` gives the text of every XML part as a reader or a program sees it: the runs of a paragraph,
the rich-text pieces of a cell joined, each paragraph, cell and value apart, and every attribute (an
author, a sheet's name, a link's target) as a piece of its own.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from foiletters.publish.readers.findings import CannotOpen, Refused, name, quote, reason, size
from foiletters.publish.readers import limits

XML_PARTS = (".xml", ".rels", ".vml")
RUN_TEXT = {"t", "delText", "instrText"}  # pieces of one paragraph's or one cell's text, joined as written
BLOCKS = {"p", "si", "is"}  # a paragraph (Word, DrawingML), a cell's string (Excel)
BREAKS = {"tab", "br", "cr", "ptab"}


def local(node: Any) -> str:
    """An XML element's or attribute's name without its namespace (OOXML comes in two sets of namespaces)."""
    return etree.QName(node).localname


def attr(element: Any, key: str) -> str | None:
    """An attribute by its local name, in whatever namespace."""
    for k, value in element.attrib.items():
        if local(k) == key:
            return value
    return None


def on(element: Any) -> bool:
    """A WordprocessingML on/off property: present and not switched off."""
    return (attr(element, "val") or "true").lower() not in ("0", "false", "off", "none")


def children(element: Any, key: str) -> list[Any]:
    return [child for child in element if isinstance(child.tag, str) and local(child.tag) == key]


def elements(root: Any, *names: str) -> Iterator[Any]:
    wanted = set(names)
    for element in root.iter(etree.Element):
        if local(element.tag) in wanted:
            yield element


def text_of(element: Any, *names: str) -> str:
    """The text of the descendants called `names` (w:t, w:delText), in order."""
    return "".join(t.text or "" for t in elements(element, *names))


@dataclass(frozen=True)
class Rel:
    id: str
    type: str
    target: str  # a part name inside the package, or the raw target of an external relationship
    external: bool


class Package:
    """An OOXML zip package, refused before anything is parsed if it is beyond the bounds or unsafe."""

    def __init__(self, path: Path, kind: str) -> None:
        try:
            with path.open("rb") as file:
                head = file.read(8)
        except OSError as exc:
            raise CannotOpen(reason(exc)) from exc
        if head.startswith(b"\xd0\xcf\x11\xe0"):
            raise CannotOpen(f"it is not a {kind} package: it is password-protected, or an old binary file renamed")
        try:
            self.zip = zipfile.ZipFile(path)
            infos = self.zip.infolist()
        except Exception as exc:
            raise CannotOpen(f"it is not a {kind} package (not a valid zip file)") from exc
        self._parsed: dict[str, Any] = {}
        try:
            self._check(infos)
        except Refused:
            self.close()
            raise

    def _check(self, infos: list[zipfile.ZipInfo]) -> None:
        if len(infos) > limits.MAX_PARTS:
            raise Refused(f"the file has more than {limits.MAX_PARTS:,} parts, too many to check; it cannot be checked")
        if sum(max(info.file_size, 0) for info in infos) > limits.MAX_UNPACKED_BYTES:
            raise Refused(f"the file unpacks to more than {size(limits.MAX_UNPACKED_BYTES)}, over the limit for "
                          "checking; it cannot be checked")
        for number, info in enumerate(infos, start=1):
            part = name(info.filename, f"part {number}")
            if info.flag_bits & 0x1:
                raise CannotOpen(f"the part {part} is encrypted")
            packed = max(info.compress_size, 1)
            if info.file_size > 1024 * 1024 and info.file_size / packed > limits.MAX_RATIO:
                raise Refused(f"the part {part} unpacks to {info.file_size // packed:,} times its packed size, "
                              "as no ordinary file does (a zip bomb); it cannot be checked")
            if info.filename.lower().endswith(XML_PARTS) and info.file_size > limits.MAX_PART_BYTES:
                raise Refused(f"the part {part} is {size(info.file_size)}, over the limit of "
                              f"{size(limits.MAX_PART_BYTES)} for checking; it cannot be checked")
        self.parts = {info.filename.lstrip("/").lower(): info.filename for info in infos if not info.is_dir()}
        for number, info in enumerate(infos, start=1):
            try:
                dtd = self._read_through(info)
            except Exception as exc:  # a damaged or oddly compressed part
                raise CannotOpen(f"the part {name(info.filename, f'part {number}')} is damaged "
                                 f"({reason(exc)})") from exc
            if dtd:
                raise Refused("the file contains an XML document type declaration, which Office files never "
                              "have; it cannot be checked safely")

    def _read_through(self, info: zipfile.ZipInfo) -> bool:
        """Read a part to its end (so that a damaged one is found now), and say whether it declares a DTD."""
        with self.zip.open(info) as part:
            head = part.read(4096)
            while part.read(1 << 20):  # zipfile checks the CRC at the end, and stops at the size declared
                pass
        if not info.filename.lower().endswith(XML_PARTS):
            return False
        head = head.replace(b"\x00", b"").upper()  # the NULs of UTF-16 removed
        return b"<!DOCTYPE" in head or b"<!ENTITY" in head

    def close(self) -> None:
        self.zip.close()

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def has(self, part: str) -> bool:
        return part.lower() in self.parts

    def matching(self, pattern: str) -> list[str]:
        """Part names (lower case) that match a regular expression, in order."""
        regex = re.compile(pattern)
        return sorted(part for part in self.parts if regex.fullmatch(part))

    def xml(self, part: str) -> Any | None:
        """A part parsed as XML (entities unresolved, no network, no DTD), or None if there is no such part."""
        actual = self.parts.get(part.lower())
        if actual is None:
            return None
        if actual not in self._parsed:
            parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
            self._parsed[actual] = etree.fromstring(self.zip.read(actual), parser)
        return self._parsed[actual]

    def rels(self, part: str) -> list[Rel]:
        """The relationships of a part ("" for the package itself), with targets as part names."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", f"{base}.rels"))
        if root is None:
            return []
        rels = []
        for rel in elements(root, "Relationship"):
            target = rel.get("Target") or ""
            if (rel.get("TargetMode") or "").lower() == "external":
                rels.append(Rel(rel.get("Id") or "", rel.get("Type") or "", target, True))
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join(folder, target))
            rels.append(Rel(rel.get("Id") or "", rel.get("Type") or "", resolved.lower(), False))
        return rels

    def all_rels(self) -> list[tuple[str, Rel]]:
        """Every relationship of every part: (the part it belongs to, the relationship)."""
        found = []
        for part in self.matching(r"(?:.*/)?_rels/[^/]*\.rels"):
            folder = posixpath.dirname(posixpath.dirname(part))
            owner = posixpath.join(folder, posixpath.basename(part)[:-len(".rels")])
            found += [(owner, rel) for rel in self.rels(owner)]
        return found

    def related(self, part: str, type_suffix: str) -> list[str]:
        """Targets of the part's internal relationships whose type ends with `type_suffix`."""
        return [rel.target for rel in self.rels(part) if not rel.external and rel.type.lower().endswith(type_suffix)]

    def main_part(self, default: str) -> str:
        return next(iter(self.related("", "/officedocument")), default)

    def pieces(self) -> list[tuple[str, str]]:
        """(part name, its text as a reader sees it) for every XML part of the package."""
        return [(self.parts[part], reader_text(self.xml(part))) for part in sorted(self.parts)
                if part.endswith(XML_PARTS)]


def reader_text(root: Any) -> str:
    """An XML part's text: the runs of a paragraph (or the rich-text pieces of a cell) joined as a reader
    sees them, a line between everything else, then every attribute's value on a line of its own."""
    out: list[str] = []
    values: list[str] = []
    block = None
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        key = local(element.tag)
        values += [v for v in element.attrib.values() if v.strip()]
        if key in BREAKS:
            out.append(" ")
        if not element.text:
            continue
        if key in RUN_TEXT:
            here = _block_of(element)
            if here is not block or here is None:
                out.append("\n")
            block = here
        else:
            out.append("\n")
            block = None
        out.append(element.text)
    return "".join(out) + "\n\n" + "\n".join(values)


def _block_of(element: Any) -> Any:
    parent = element.getparent()
    while parent is not None and local(parent.tag) not in BLOCKS:
        parent = parent.getparent()
    return parent


def properties(pkg: Package, found: list[tuple[str, str]]) -> None:
    """Who wrote and last saved the file (core properties), its manager, and custom properties."""
    core = pkg.xml(next(iter(pkg.related("", "/core-properties")), "docProps/core.xml"))
    if core is not None:
        for element in elements(core, "creator", "lastModifiedBy"):
            value = (element.text or "").strip()
            if value:
                label = "author" if local(element.tag) == "creator" else "last modified by"
                found.append(("document properties", f"{label}: {name(value)}"))
    app = pkg.xml(next(iter(pkg.related("", "/extended-properties")), "docProps/app.xml"))
    if app is not None:
        for element in elements(app, "Manager"):
            if (element.text or "").strip():
                found.append(("document properties", f"manager: {name(element.text.strip())}"))
    custom = pkg.xml(next(iter(pkg.related("", "/custom-properties")), "docProps/custom.xml"))
    if custom is not None:
        for number, prop in enumerate(elements(custom, "property"), start=1):
            value = " ".join("".join(prop.itertext()).split())
            if value:
                label = name(prop.get("name") or "a property", f"property {number}")
                found.append(("custom document properties", f"{label}: {name(value[:80], '(a value not shown)')}"))


# Relationships that make a program fetch or run something outside the file when it is opened.
ACTIVE_RELATIONSHIPS = {
    "/image": "a picture fetched from outside the file when it is opened",
    "/attachedtemplate": "a template fetched from outside the file (it can bring macros)",
    "/oleobject": "an object linked to another program's file",
    "/frame": "a frame that loads another document",
    "/subdocument": "a part loaded from another document",
    "/externallinkpath": "a link to another workbook",
    "/externallink": "a link to another workbook",
    "/package": "a linked package",
    "/video": "a video fetched from outside the file",
    "/audio": "a sound fetched from outside the file",
    "/control": "an ActiveX control",
}


def active_content(pkg: Package, found: list[tuple[str, str]]) -> None:
    """What runs or fetches something without a click: macros, ActiveX controls, OLE objects, external
    pictures, templates and frames, embedded files. An ordinary hyperlink is not among them (its target
    is searched for private words with the rest of the text)."""
    if pkg.matching(r"(?:.*/)?vbaproject\.bin"):
        found.append(("macros", "the file contains macros (a VBA project), which can hold text of their own"))
    if pkg.matching(r"(?:.*/)?activex/.+"):
        found.append(("ActiveX controls", "the file contains ActiveX controls, programs that run when it opens"))
    for part in pkg.matching(r"(?:xl|word)/embeddings/.+"):
        found.append((f"embedded file {quote(posixpath.basename(pkg.parts[part]), '')}".rstrip(),
                      "a file embedded in this one, with all of its own content"))
    for owner, rel in pkg.all_rels():
        kind = next((what for suffix, what in ACTIVE_RELATIONSHIPS.items() if rel.type.lower().endswith(suffix)),
                    None)
        if kind and rel.external and not rel.type.lower().endswith(("/externallinkpath", "/externallink")):
            found.append((f"external content in {name(owner, 'a part')}", f"{kind} ({name(rel.target)})"))
        elif rel.type.lower().endswith("/afchunk"):
            found.append((f"imported content in {name(owner, 'a part')}",
                          "a part imported whole into the document (altChunk), which Word converts when it opens"))
