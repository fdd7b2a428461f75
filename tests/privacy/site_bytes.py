"""Every byte of a built disclosure log as text, and a search of it for private values.

Written for the corpus on its own, independent of foiletters' matcher: text is URL-decoded, HTML
entities and JSON escapes resolved, accents removed, case folded, and everything that is not a letter
or a digit turned into a space; a value is found as whole words. Every file of the site is read: its
path (the URLs), its bytes, a PDF's page text and every object and stream (decompressed), every part
of a DOCX or XLSX.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pikepdf
from pypdf import PdfReader

INVISIBLE = re.compile("[\u00ad\u200b-\u200f\u2060-\u2064\ufeff'\u2019\u2018`\u02bc]")


def flat(text: str) -> str:
    """Text as space-separated words, padded with a space: ' ms rowena threlkeld '."""
    for _ in range(2):  # twice: a percent sign can itself be encoded
        text = unquote(text)
    text = unicodedata.normalize("NFKD", html.unescape(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = INVISIBLE.sub("", text)
    return " " + " ".join(re.sub(r"[^0-9a-z]+", " ", text).split()) + " "


def compact(text: str) -> str:
    """Text with the spaces between its words removed, for values that are one string (emails, phones)."""
    return text.replace(" ", "")


def site_text(site: Path, leave_out: str | None = None) -> str:
    """Every file of the site as text (`leave_out`: but those of this folder)."""
    parts: list[str] = []
    for path in sorted(site.rglob("*")):
        if leave_out and path.relative_to(site).parts[0] == leave_out:
            continue
        parts.append(str(path.relative_to(site)))
        if not path.is_file():
            continue
        data = path.read_bytes()
        parts += [data.decode("utf-8", errors="replace"), data.decode("latin-1")]
        if path.suffix == ".json":
            parts.append(json.dumps(json.loads(data), ensure_ascii=False))
        if data.startswith(b"%PDF"):
            parts += _pdf(path)
        if data.startswith(b"PK"):
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    parts += [name, archive.read(name).decode("utf-8", errors="replace")]
    return "\n".join(parts)


def _pdf(path: Path) -> list[str]:
    parts = [page.extract_text() or "" for page in PdfReader(path).pages]
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                try:
                    data = obj.read_bytes()
                except pikepdf.PdfError:
                    data = obj.read_raw_bytes()
                parts += [data.decode("latin-1"), data.decode("utf-8", errors="replace")]
            parts.append(_strings(obj))
    return parts


def _strings(obj: object, depth: int = 0) -> str:
    if depth > 6:
        return ""
    if isinstance(obj, pikepdf.String):
        return str(obj)
    if isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
        return " ".join(_strings(obj.get(key), depth + 1) for key in obj.keys())  # noqa: SIM118 - pikepdf
    if isinstance(obj, pikepdf.Array):
        return " ".join(_strings(item, depth + 1) for item in obj)
    return ""


def found_in(flat_site: str, compact_site: str, secret: str) -> bool:
    value = flat(secret)
    if value.strip() == "":
        return False
    return value in flat_site or (len(compact(value)) >= 8 and compact(value) in compact_site)
