"""Same input, same bytes: a ZIP (DOCX) rewritten with fixed timestamps and order."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Iterable


def normalised_zip(data: bytes, date: dt.date) -> bytes:
    """The archive with every member dated `date` at midnight, `[Content_Types].xml` first."""
    source = zipfile.ZipFile(io.BytesIO(data))
    return normalised_members(((name, source.read(name)) for name in source.namelist()), date)


def normalised_members(members: Iterable[tuple[str, bytes]], date: dt.date) -> bytes:
    """An archive of `members` (name, bytes; in the order they were made) as `normalised_zip` writes one:
    every member dated `date` at midnight, `[Content_Types].xml` first, then by name."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    ordered = sorted(members, key=lambda member: (member[0] != "[Content_Types].xml", member[0]))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return out.getvalue()
