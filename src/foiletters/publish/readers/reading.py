"""What one reader gives of one attachment, for the privacy search and the attachment audit alike."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Reading:
    # (part, text): the text of every part a reader or a program sees, as it reads ("word/document.xml",
    # "page 3", "form fields"); the privacy search looks in each.
    pieces: list[tuple[str, str]] = field(default_factory=list)
    # (where, what): hidden and active content, for the audit; text of the file in them is marked (findings.py)
    findings: list[tuple[str, str]] = field(default_factory=list)
    # why the file, or a part of it, could not be read: it is not published
    problems: list[str] = field(default_factory=list)
    encoding: str | None = None  # a text file's encoding, as detected
