"""Requests that asked the like: TF-IDF over the words of their subjects and questions.

Small and dependency-free: a disclosure log has thousands of requests, not millions, and
the same index answers `foiletters similar "question text"` for officers.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from typing import Any

WORD = re.compile(r"[a-z0-9]+")
COMMON_FROM = 50  # documents: below this many, every word counts
# Words every request has: they say nothing about what it asks.
STOP = set("""a about after all also am an and any are as at be been before being between both but by can could
did do does each for from had has have how i if in into is it its last many may me more most my no not number of
on or other our over please provide per please received since so some such than that the their them then there
these they this those through to under up us was we were what when where which while who whom why will with within
would year years you your information request requested following details data figures total""".split())  # noqa: SIM905


def words(text: str) -> list[str]:
    if len(_TERMS) > 500_000:
        _TERMS.clear()
    return list(filter(None, map(_TERMS.__getitem__, WORD.findall(text.lower()))))


def text_digest(text: str) -> str:
    """What stands for a text beside its counted words: a log keeps 10,000 requests' counts, not their texts."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class _Terms(dict):
    """Each word as the index counts it ("" for one that says nothing of what is asked), each different word
    worked out once: a log's requests share most of their words."""

    def __missing__(self, word: str) -> str:
        if word in STOP or len(word) < 3:
            self[word] = ""
        else:
            self[word] = word[:-1] if word.endswith("s") and len(word) > 4 else word  # crude plural: bins ~ bin
        return self[word]


_TERMS = _Terms()


class _LogCount(dict):
    """1 + log(n) for a word's count n in a text, each count's worked out once (most are 1, 2 or 3)."""

    def __missing__(self, count: int) -> float:
        self[count] = 1 + math.log(count)
        return self[count]


_LOG_COUNT = _LogCount()


class Similarity:
    """A TF-IDF index of documents by key; `query` ranks them by cosine similarity to a text.

    Scores are summed over an inverted index (word -> the documents that have it), so that
    ranking one document against a thousand touches only those that share a word with it.
    Each document's vector is worked out when it is first needed: `like_earlier_since` needs few.
    """

    def __init__(self, documents: dict[Any, str], known: dict[Any, tuple[str, dict[str, int]]] | None = None):
        """`known`: for some keys, a text's digest (`text_digest`) and its words' counts as `counts` gave them
        (in their order), used where the document's text is that text: a log counts again only the requests
        that changed."""
        known = known or {}
        counts = {key: Counter(known[key][1]) if key in known and known[key][0] == text_digest(text)
                  else Counter(words(text)) for key, text in documents.items()}
        self.counts = counts
        self.frequency = Counter(word for c in counts.values() for word in c)
        total = len(counts)
        self.idf = {word: math.log((1 + total) / (1 + df)) + 1 for word, df in self.frequency.items()}
        # A word in a fifth of a large log tells little about what a request asks, and its
        # postings are the longest: it is left out of the ranking (it still weighs in the norms).
        self.common = max(COMMON_FROM, total // 5)
        self._vectors: dict[Any, dict[str, float]] = {}
        self._postings: dict[str, list[tuple[Any, float]]] | None = None

    def vector(self, key: Any) -> dict[str, float]:
        found = self._vectors.get(key)
        if found is None:
            found = self._vectors[key] = self._vector(self.counts[key])
        return found

    @property
    def vectors(self) -> dict[Any, dict[str, float]]:
        return {key: self.vector(key) for key in self.counts}

    @property
    def postings(self) -> dict[str, list[tuple[Any, float]]]:
        if self._postings is None:
            self._postings = {}
            for key in self.counts:
                for word, weight in self.vector(key).items():
                    if self.frequency[word] <= self.common:
                        self._postings.setdefault(word, []).append((key, weight))
        return self._postings

    def _vector(self, counts: Counter[str]) -> dict[str, float]:
        vector = {w: _LOG_COUNT[n] * self.idf.get(w, 0.0) for w, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        return {w: v / norm for w, v in vector.items() if v}

    def query(self, text: str, *, limit: int = 5, threshold: float = 0.12,
              among: set[Any] | None = None) -> list[tuple[Any, float]]:
        return self.rank(self._vector(Counter(words(text))), limit=limit, threshold=threshold, among=among)

    def like(self, key: Any, *, limit: int = 5, threshold: float = 0.12,
             among: set[Any] | None = None) -> list[tuple[Any, float]]:
        return self.rank(self.vector(key), limit=limit, threshold=threshold,
                         among=(among if among is not None else set(self.counts)) - {key})

    def like_earlier(self, order: list[Any], *, limit: int = 5, threshold: float = 0.12,
                     ) -> dict[Any, list[tuple[Any, float]]]:
        """For each key of `order`, what `like(key, among=the keys before it in order)` gives, for all at once.

        The same sums of the same products in the same order (so the very same scores), over arrays: a log of
        10,000 requests compares tens of millions of pairs, which in plain Python take most of a minute."""
        rows = _Rows(self, order, self.postings, limit, threshold)
        return {key: rows.row(i, key) for i, key in enumerate(order)}

    def like_earlier_since(self, order: list[Any], last_counts: dict[Any, dict[str, int]],
                           last_found: dict[Any, list[tuple[Any, float]]], *, limit: int = 5,
                           threshold: float = 0.12) -> dict[Any, list[tuple[Any, float]]]:
        """What `like_earlier(order)` gives, from what it gave last time for the same keys in the same order
        (`last_found`, with the words' counts of every key then: `last_counts`): only the rows whose scores can
        have changed are worked out again, the very same way.

        A document's vector changes when its words' counts do, or a word it has is now in more or fewer
        documents (its weight, and whether it is too common to rank by); a row of scores changes only when its
        own vector does, or it shares a word it ranks by with a document whose vector changed. At
        10,000 requests with one changed, working out every vector and row is over a second (profiled)."""
        if list(last_found) != list(order) or set(last_counts) != set(self.counts):
            return self.like_earlier(order, limit=limit, threshold=threshold)
        edited = [key for key in order if last_counts[key] != self.counts[key]]
        # The words now in more or fewer documents: the edited documents' differences, summed.
        gained: Counter[str] = Counter()
        for key in edited:
            gained.update(self.counts[key].keys() - last_counts[key].keys())
            gained.subtract(last_counts[key].keys() - self.counts[key].keys())
        moved = {word for word, change in gained.items() if change}
        changed = set(edited) | {key for key, c in self.counts.items() if not moved.isdisjoint(c)}
        # The words through which a changed vector reaches other rows: those it ranks by now. (One it ranked by
        # then and has no more, or that is too common now, is in fewer or more documents: each that has it has
        # changed too.)
        reach = {word for key in changed for word in self.counts[key] if self.frequency[word] <= self.common}
        again = changed | {key for key, c in self.counts.items() if not reach.isdisjoint(c)}
        if not again:
            return dict(last_found)
        needed = {word for key in again for word in self.counts[key] if self.frequency[word] <= self.common}
        postings: dict[str, list[tuple[Any, float]]] = {}
        for key, c in self.counts.items():  # in the documents' order, as `postings` lists them
            for word in needed.intersection(c):
                postings.setdefault(word, []).append((key, self.vector(key)[word]))
        rows = _Rows(self, order, postings, limit, threshold)
        return {key: rows.row(i, key) if key in again else last_found[key] for i, key in enumerate(order)}

    def rank(self, vector: dict[str, float], *, limit: int, threshold: float,
             among: set[Any] | None) -> list[tuple[Any, float]]:
        scores: dict[Any, float] = {}
        for word, weight in vector.items():
            for key, other in self.postings.get(word, ()):
                scores[key] = scores.get(key, 0.0) + weight * other
        ranked = [(key, round(score, 3)) for key, score in scores.items()
                  if score >= threshold and (among is None or key in among)]
        return sorted(ranked, key=lambda pair: (-pair[1], str(pair[0])))[:limit]


class _Rows:
    """Each document's scores against those before it in `order`, summed over arrays of the postings."""

    def __init__(self, index: Similarity, order: list[Any], postings: dict[str, list[tuple[Any, float]]],
                 limit: int, threshold: float):
        import numpy as np

        self.np, self.index, self.order, self.limit, self.threshold = np, index, order, limit, threshold
        position = {key: i for i, key in enumerate(order)}
        self.arrays = {}
        for word, listed in postings.items():
            ordered = sorted((position[key], weight) for key, weight in listed if key in position)
            self.arrays[word] = (np.array([i for i, _ in ordered], dtype=np.intp), np.array([w for _, w in ordered]))
        self.scores = np.zeros(len(order))

    def row(self, i: int, key: Any) -> list[tuple[Any, float]]:
        np, scores, limit = self.np, self.scores, self.limit
        for word, weight in self.index.vector(key).items():  # in the vector's order, as `rank` sums them
            if word in self.arrays:
                keys, weights = self.arrays[word]
                before = int(np.searchsorted(keys, i))
                if before:
                    scores[keys[:before]] += weight * weights[:before]
        earlier = scores[:i]
        candidates = np.flatnonzero(earlier >= self.threshold)
        if len(candidates) > limit:
            # Only those that can be among the first `limit` once rounded (a margin over the rounding's step).
            last = np.partition(earlier[candidates], len(candidates) - limit)[len(candidates) - limit]
            candidates = candidates[earlier[candidates] >= last - 0.002]
        ranked = [(self.order[j], round(float(earlier[j]), 3)) for j in candidates]
        earlier[:] = 0.0
        return sorted(ranked, key=lambda pair: (-pair[1], str(pair[0])))[:limit]
