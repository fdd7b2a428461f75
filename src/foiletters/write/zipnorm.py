"""Same input, same bytes: a ZIP (DOCX) rewritten with fixed timestamps and order."""

from __future__ import annotations

import datetime as dt
import io
import zipfile


def normalised_zip(data: bytes, date: dt.date) -> bytes:
    """The archive with every member dated `date` at midnight, `[Content_Types].xml` first."""
    stamp = (max(date.year, 1980), date.month, date.day, 0, 0, 0)
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    names.sort(key=lambda n: (n != "[Content_Types].xml", n))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()
