"""The log's search index as published (search/ in the site), read back: what a search would find.

Independent of how publish/search_index.py builds it: it reads index.json and the files it names,
as the site's script does, and turns the numbers back into the requests' references.
"""

from __future__ import annotations

import json
from pathlib import Path


def numbers(gaps: list[int]) -> list[int]:
    numbers, total = [], 0
    for gap in gaps:
        total += gap
        numbers.append(total)
    return numbers


def manifest(site: Path) -> dict:
    return json.loads((site / "search" / "index.json").read_text(encoding="utf-8"))


def rows(site: Path) -> list[list[str]]:
    """What the index's rows show, oldest first (by their number)."""
    index = manifest(site)
    found = []
    for name in index["rows"]:
        found += json.loads((site / name).read_text(encoding="utf-8"))
    assert len(found) == index["requests"]
    return found


def word_index(site: Path) -> dict[str, list[str]]:
    """Every word of the index with the references of the requests it is in."""
    index, references = manifest(site), [row[0] for row in rows(site)]
    found = {}
    for prefix, name in index["words"].items():
        for word, gaps in json.loads((site / name).read_text(encoding="utf-8")).items():
            assert word.startswith(prefix), (word, name)
            found[word] = [references[n] for n in numbers(gaps)]
    return found


def search(site: Path, *words: str) -> list[str]:
    """The references a search for these words finds (each word the beginning of a word), newest first."""
    index = word_index(site)
    references = [row[0] for row in rows(site)]
    found = set(references)
    for wanted in words:
        found &= {r for word, refs in index.items() if word.startswith(wanted) for r in refs}
    return [r for r in reversed(references) if r in found]


def search_file_bytes(site: Path) -> dict[str, bytes]:
    """Every file of the search index, by its path in the site."""
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted((site / "search").rglob("*"))
            if p.is_file()}
