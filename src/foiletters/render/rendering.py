"""The rendered letter: one HTML document with the properties both formats carry.

In a module of its own, importing nothing of the pipeline, because the PDF process receives
renderings: unpickling one there imports only this, not the model, the checks and Jinja2.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Rendering:
    """The letter as HTML, with the document properties both formats carry."""

    html: str
    reference: str
    title: str
    subject: str
    author: str
    date: dt.date
    templates_version: str = ""  # the fingerprint of the templates in force: which wording the letter had
    language: str = "en-GB"
    word_styles: Path | None = None  # the reference.docx in force (the house's, else the packaged one); None: packaged
    house: Path | None = None  # the house templates folder, whose logo, style sheet and fonts the letter may load
