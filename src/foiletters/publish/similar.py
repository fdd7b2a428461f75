"""Requests that asked the like: TF-IDF over the words of their subjects and questions.

Small and dependency-free: a disclosure log has thousands of requests, not millions, and
the same index answers `foiletters similar "question text"` for officers.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Any

WORD = re.compile(r"[a-z0-9]+")
# Words every request has: they say nothing about what it asks.
STOP = set("""a about after all also am an and any are as at be been before being between both but by can could
did do does each for from had has have how i if in into is it its last many may me more most my no not number of
on or other our over please provide per please received since so some such than that the their them then there
these they this those through to under up us was we were what when where which while who whom why will with within
would year years you your information request requested following details data figures total""".split())  # noqa: SIM905


def words(text: str) -> list[str]:
    found = []
    for word in WORD.findall(text.lower()):
        if word in STOP or len(word) < 3:
            continue
        found.append(word[:-1] if word.endswith("s") and len(word) > 4 else word)  # crude plural: bins ~ bin
    return found


class Similarity:
    """A TF-IDF index of documents by key; `query` ranks them by cosine similarity to a text."""

    def __init__(self, documents: dict[Any, str]):
        counts = {key: Counter(words(text)) for key, text in documents.items()}
        frequency = Counter(word for c in counts.values() for word in c)
        total = len(counts)
        self.idf = {word: math.log((1 + total) / (1 + df)) + 1 for word, df in frequency.items()}
        self.vectors = {key: self._vector(c) for key, c in counts.items()}

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vector = {w: (1 + math.log(n)) * self.idf.get(w, 0.0) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items() if v}

    def query(self, text: str, *, limit: int = 5, threshold: float = 0.12,
              among: set[str] | None = None) -> list[tuple[str, float]]:
        return self.rank(self._vector(Counter(words(text))), limit=limit, threshold=threshold, among=among)

    def like(self, key: str, *, limit: int = 5, threshold: float = 0.12,
             among: set[str] | None = None) -> list[tuple[str, float]]:
        return self.rank(self.vectors[key], limit=limit, threshold=threshold,
                         among=(among if among is not None else set(self.vectors)) - {key})

    def rank(self, vector: dict[str, float], *, limit: int, threshold: float,
             among: set[str] | None) -> list[tuple[str, float]]:
        scores = []
        for key, other in self.vectors.items():
            if among is not None and key not in among:
                continue
            score = sum(weight * other.get(word, 0.0) for word, weight in vector.items())
            if score >= threshold:
                scores.append((key, round(score, 3)))
        return sorted(scores, key=lambda pair: (-pair[1], pair[0]))[:limit]
