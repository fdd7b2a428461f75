"""The log's search index: small files that the index page's script fetches as a search needs them.

A log of 10,000 requests has about 20 MB of titles and questions: too much to fetch before the first
result. The index is split instead (all under `search/` in the site):

- `search/index.json`, what the script reads first: how many requests there are, the name of every
  other file, and the filters (year, outcome, exemption) as lists of requests;
- `search/words-XY.HASH.json`: every word of the titles and questions that begins with the letters XY,
  each with the requests it is in. A search for "caseload" fetches only `words-ca`;
- `search/rows-N.HASH.json`: what a row of the index shows, ROWS_PER_FILE requests a file, for the
  results listed from other pages of the index.

A request is known by its number: its place in the log, oldest first, so that a new request (the
newest) adds a number and changes no other. Lists of requests are kept sorted, as the difference of
each number from the one before it (`[3, 1, 1, 40]` is 3, 4, 5, 45): most are 1 or 2 digits.
HASH is of the file's bytes: a browser or a cache never mixes an old file with a new index.json.

What a run writes is only what changed. The cache keeps each request's words (`search-words/`, by the
digest of its record, so never stale) and `search.json`, what the site's index holds. A run with
nothing changed reads `search.json` and writes nothing; a run with one changed request reads its
words and the word files they touch, and rewrites those, its row file and index.json. Anything else
(a request inserted among older ones, a file missing, a cache from another run) rebuilds it all from
the cached words, the same bytes a fresh build writes.

Privacy: the words are only those of the titles and questions, which the request pages publish in
full; no requester's detail or private value is a field of the record (publish/record.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections.abc import Mapping
from itertools import accumulate
from operator import attrgetter
from pathlib import Path

from foiletters.publish.record import Record
from foiletters.render.filters import long_date
from foiletters.write.files import write_atomically

FOLDER = "search"
MANIFEST = f"{FOLDER}/index.json"
FORMAT = 1  # of the files and of the cache: another format rebuilds the index
ROWS_PER_FILE = 500
PREFIX = 2  # letters of a word that choose its file
DIGEST = 20  # letters of each request's digest kept in the cache
STATE = "search.json"  # in the cache: what the site's index holds
WORDS = "search-words"  # in the cache: each request's words, in BUCKETS files (by its reference's hash)
BUCKETS = 64  # a changed request reads and writes one: at 10,000 requests, about 150 requests' words
# Above this share of the requests changed, rebuilding all of it is no slower than patching.
PATCH_AT_MOST = 0.1

# As the site's script (assets/site.js `words`) splits a search: accents and case folded, apostrophes and
# invisible characters dropped, then runs of letters and digits.
_DROPPED = re.compile("['\u2018\u2019`\u02bc\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the search matches them: `Année's 2017/18` -> ['annees', '2017', '18']."""
    if not text.isascii():
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return _WORD.findall(_DROPPED.sub("", text.lower()))


def search_files(out: Path, records: list[Record], cache: Path | None,
                 digests: Mapping[str, str] | None = None) -> tuple[dict[Path, bytes], set[Path]]:
    """The search index's files: (those to write, by path; those unchanged, to keep as they are).

    `digests`: a digest of each record by reference, which changes when anything in it does (the site's
    own, so that it is not taken again); without it, one is taken here. With no `cache`, all is built."""
    order = sorted(records, key=attrgetter("date", "reference"))
    given = digests or {}
    # The requests in order and DIGEST letters of each one's digest (80 bits tell a changed request from
    # an unchanged one), each as one string: search.json reads, and compares with the last run's, at once.
    now = {"references": "\n".join(r.reference for r in order),
           "digests": "".join((given.get(r.reference) or _record_digest(r))[:DIGEST].ljust(DIGEST) for r in order)}
    state = _valid_state(out, cache) if cache else None
    if state is not None and state["references"] == now["references"] and state["digests"] == now["digests"]:
        return {}, {out / name for name in state["files"]}  # nothing changed
    built = _patched(out, cache, state, order, now) if state is not None else None
    if built is None:
        current = [[r.reference, now["digests"][n * DIGEST:(n + 1) * DIGEST]] for n, r in enumerate(order)]
        built = _rebuilt(cache, order, current)
    files, kept_names, index = built
    manifest = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    files[MANIFEST] = manifest
    names = sorted({*files, *kept_names})
    if cache is not None:
        saved = {"format": FORMAT, "manifest": _hash(manifest), **now, "files": names,
                 "words": index["words"], "rows": index["rows"], "filters": index["filters"]}
        write_atomically(cache / STATE, json.dumps(saved, separators=(",", ":")).encode("utf-8"))
    return {out / name: data for name, data in files.items()}, {out / name for name in kept_names}


# Building

def _rebuilt(cache: Path | None, order: list[Record], current: list[list[str]]
             ) -> tuple[dict[str, bytes], set[str], dict[str, object]]:
    """Every file of the index, from the cached words of each request (those not cached are split now)."""
    references = {reference for reference, _ in current}
    buckets = _read_buckets(cache, references) if cache else {}
    dirty: set[str] = set()
    postings: dict[str, list[int]] = {}
    split: dict[str, list[str]] = {}  # a question's words, when the same question is in many requests
    for number, (record, (reference, digest)) in enumerate(zip(order, current, strict=True)):
        bucket = buckets.setdefault(_bucket(reference), {})
        cached = bucket.get(reference)
        if cached is not None and cached[0] == digest and cached[2:] == [_choices(record)]:
            found = cached[1].split()
        else:
            found = _words_of(record, split)
            bucket[reference] = _cached(digest, found, record)
            dirty.add(_bucket(reference))
        for word in found:
            postings.setdefault(word, []).append(number)
    for name, bucket in buckets.items():  # the requests no longer in the log go from the cache
        for reference in [r for r in bucket if r not in references]:
            del bucket[reference]
            dirty.add(name)
    if cache:
        _write_buckets(cache, {name: buckets[name] for name in dirty})
    by_prefix: dict[str, dict[str, list[int]]] = {}
    for word, numbers in postings.items():
        by_prefix.setdefault(_prefix(word), {})[word] = numbers
    files: dict[str, bytes] = {}
    word_files = {}
    for prefix in sorted(by_prefix):
        name, data = _word_file(prefix, by_prefix[prefix])
        files[name] = data
        word_files[prefix] = name
    row_files = []
    for start in range(0, len(order), ROWS_PER_FILE):
        name, data = _row_file(start // ROWS_PER_FILE, order[start:start + ROWS_PER_FILE])
        files[name] = data
        row_files.append(name)
    return files, set(), _index(order, word_files, row_files)


def _patched(out: Path, cache: Path, state: dict, order: list[Record], now: dict[str, str]
             ) -> tuple[dict[str, bytes], set[str], dict[str, object]] | None:
    """The files that the changed and added requests change, the others kept; None when it cannot be
    patched (requests removed or inserted among older ones, too many changed, a file not as recorded)."""
    joined, digests = state["references"], state["digests"]
    if joined and now["references"] != joined and not now["references"].startswith(joined + "\n"):
        return None  # a request removed, or put among the older ones: the numbers change
    count = joined.count("\n") + 1 if joined else 0
    changed = [*_changed(digests, now["digests"][:len(digests)], count), *range(count, len(order))]
    if len(changed) > PATCH_AT_MOST * len(order) + 1:
        return None
    buckets = _read_buckets(cache, {order[n].reference for n in changed})
    edits: dict[str, dict[str, tuple[set[int], set[int]]]] = {}  # prefix -> word -> (numbers out, numbers in)
    split: dict[str, list[str]] = {}
    same_choices = True  # the filters' choices of the changed requests as they were
    for number in changed:
        reference = order[number].reference
        bucket = buckets.setdefault(_bucket(reference), {})
        old: set[str] = set()
        if number < count:
            cached = bucket.get(reference)
            if cached is None or cached[0] != digests[number * DIGEST:(number + 1) * DIGEST]:
                return None  # its words as the index holds them are not known
            old = set(cached[1].split())
            same_choices = same_choices and cached[2:] == [_choices(order[number])]
        new_words = _words_of(order[number], split)
        bucket[reference] = _cached(now["digests"][number * DIGEST:(number + 1) * DIGEST], new_words, order[number])
        new = set(new_words)
        for word in old ^ new:
            out_in = edits.setdefault(_prefix(word), {}).setdefault(word, (set(), set()))
            out_in[0 if word in old else 1].add(number)
    word_files = dict(state["words"])
    files: dict[str, bytes] = {}
    for prefix, word_edits in sorted(edits.items()):
        postings = _read_word_file(out, word_files.get(prefix)) if prefix in word_files else {}
        if postings is None:
            return None
        for word, (gone, added) in word_edits.items():
            numbers = (set(postings.get(word, [])) - gone) | added
            if numbers:
                postings[word] = sorted(numbers)
            else:
                postings.pop(word, None)
        if postings:
            name, data = _word_file(prefix, postings)
            files[name] = data
            word_files[prefix] = name
        else:
            del word_files[prefix]
    row_files = list(state["rows"])[: (len(order) + ROWS_PER_FILE - 1) // ROWS_PER_FILE]
    for chunk in sorted({n // ROWS_PER_FILE for n in changed}):
        name, data = _row_file(chunk, order[chunk * ROWS_PER_FILE:(chunk + 1) * ROWS_PER_FILE])
        files[name] = data
        row_files[chunk:chunk + 1] = [name]
    _write_buckets(cache, {_bucket(order[n].reference): buckets[_bucket(order[n].reference)] for n in changed})
    kept = {*word_files.values(), *row_files} - set(files)
    filters = _added_to(state.get("filters"), order, count) if same_choices else None
    return files, kept, _index(order, word_files, row_files, filters)


def _changed(before: str, now: str, count: int) -> list[int]:
    """The numbers whose digests differ, of `count` digests DIGEST letters each: compared a block at a time."""
    block = 256 * DIGEST
    changed = []
    for start in range(0, len(before), block):
        if before[start:start + block] != now[start:start + block]:
            changed += [n for n in range(start // DIGEST, min(count, (start + block) // DIGEST))
                        if before[n * DIGEST:(n + 1) * DIGEST] != now[n * DIGEST:(n + 1) * DIGEST]]
    return changed


def _choices(record: Record) -> list[object]:
    """What the filters choose a request by (kept with its words, to know whether a change changes them)."""
    return [record.date[:4], record.outcome, record.exemptions]


def _cached(digest: str, found: list[str], record: Record) -> list[object]:
    return [digest, " ".join(found), _choices(record)]


def _added_to(filters: dict | None, order: list[Record], count: int) -> dict | None:
    """The last run's filters with the requests numbered from `count` on added (None: not known)."""
    if not isinstance(filters, dict):
        return None
    filters = {kind: {choice: list(gaps) for choice, gaps in choices.items()} for kind, choices in filters.items()}
    for number in range(count, len(order)):
        year, outcome, cites = _choices(order[number])
        for kind, choice in [("year", year), ("outcome", outcome), *(("exemption", cite) for cite in cites)]:
            gaps = filters.setdefault(kind, {}).setdefault(choice, [])
            gaps.append(number - sum(gaps))
    return filters


def _words_of(record: Record, split: dict[str, list[str]]) -> list[str]:
    """A request's words, each once, sorted: of its title and its questions."""
    found = set(words(record.title))
    for question in record.questions:
        if question not in split:
            split[question] = words(question)
        found.update(split[question])
    return sorted(found)


def _prefix(word: str) -> str:
    return word[:PREFIX]


def _index(order: list[Record], word_files: dict[str, str], row_files: list[str],
           filters: dict | None = None) -> dict[str, object]:
    """index.json: the requests' count, the files, and each filter's choices with the requests they keep
    (`filters`, as gaps: already known)."""
    if filters is not None:
        return _manifest(order, word_files, row_files, filters)
    years: dict[str, list[int]] = {}
    outcomes: dict[str, list[int]] = {}
    exemptions: dict[str, list[int]] = {}
    for number, record in enumerate(order):
        years.setdefault(record.date[:4], []).append(number)  # Record.year, as the Year filter lists it
        outcomes.setdefault(record.outcome, []).append(number)
        for cite in record.exemptions:
            exemptions.setdefault(cite, []).append(number)
    chosen = {"year": years, "outcome": outcomes, "exemption": exemptions}
    filters = {kind: {choice: _gaps(numbers) for choice, numbers in choices.items()}
               for kind, choices in chosen.items()}
    return _manifest(order, word_files, row_files, filters)


def _manifest(order: list[Record], word_files: dict[str, str], row_files: list[str],
              filters: dict) -> dict[str, object]:
    return {"format": FORMAT, "requests": len(order), "rows_per_file": ROWS_PER_FILE, "prefix": PREFIX,
            "words": word_files, "rows": row_files, "filters": filters}


def _row_file(chunk: int, records: list[Record]) -> tuple[str, bytes]:
    """What the index's rows show of these requests (index.html.j2 writes the same cells)."""
    from foiletters.publish.site import folder_url  # the site imports this module

    rows = [[r.reference, _address(folder_url(r), r.reference), r.date, long_date(dt.date.fromisoformat(r.date)),
             r.title, ", ".join(r.regimes),
             r.outcome + (f" (internal review: {r.review.replace('-', ' ')})" if r.review else ""),
             ", ".join(r.exemptions) or "none"] for r in records]
    return _named(f"rows-{chunk + 1}", rows)


def _address(folder: str, reference: str) -> str:
    """The request's page: "" for `requests/REFERENCE/index.html` (most are), which the script makes itself."""
    return "" if folder == f"requests/{reference}/" else f"{folder}index.html"


def _word_file(prefix: str, postings: Mapping[str, list[int]]) -> tuple[str, bytes]:
    return _named(f"words-{_file_letters(prefix)}", {word: _gaps(postings[word]) for word in sorted(postings)})


def _file_letters(prefix: str) -> str:
    """A prefix as letters a file name can hold on any system: a-z and 0-9 as they are, others by number."""
    return "".join(c if c.isascii() and c.isalnum() else f"~{ord(c):x}" for c in prefix)


def _named(stem: str, content: object) -> tuple[str, bytes]:
    data = json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return f"{FOLDER}/{stem}.{_hash(data)[:12]}.json", data


def _gaps(numbers: list[int]) -> list[int]:
    """Sorted numbers as the gaps between them (the first as it is)."""
    return [b - a for a, b in zip([0, *numbers], numbers)]  # noqa: B905 - one longer, on purpose


def _numbers(gaps: list[int]) -> list[int]:
    return list(accumulate(gaps))


# What the site and the cache hold

def _valid_state(out: Path, cache: Path) -> dict | None:
    """The cache's record of the index, if the site holds exactly that index (else None: rebuild)."""
    try:
        state = json.loads((cache / STATE).read_text(encoding="utf-8"))
        if state.get("format") != FORMAT or _hash((out / MANIFEST).read_bytes()) != state["manifest"]:
            return None
        if not isinstance(state["references"], str) or not isinstance(state["digests"], str):
            return None
        if not all((out / name).is_file() for name in state["files"]):
            return None
        return state
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _read_word_file(out: Path, name: str) -> dict[str, list[int]] | None:
    try:
        data = (out / name).read_bytes()
        if not name.endswith(f".{_hash(data)[:12]}.json"):
            return None
        return {word: _numbers(gaps) for word, gaps in json.loads(data).items()}
    except (OSError, ValueError, AttributeError, TypeError):
        return None


def _bucket(reference: str) -> str:
    """One of BUCKETS files of the cache that holds a request's words (by its reference's hash)."""
    return f"{int(hashlib.sha256(reference.encode('utf-8', 'surrogatepass')).hexdigest()[:4], 16) % BUCKETS:02d}"


def _read_buckets(cache: Path, references: set[str]) -> dict[str, dict[str, list[str]]]:
    buckets: dict[str, dict[str, list[str]]] = {}
    for name in sorted({_bucket(r) for r in references}):
        try:
            buckets[name] = json.loads((cache / WORDS / f"{name}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            buckets[name] = {}
    return buckets


def _write_buckets(cache: Path, buckets: dict[str, dict[str, list[str]]]) -> None:
    (cache / WORDS).mkdir(parents=True, exist_ok=True)
    for name, bucket in sorted(buckets.items()):
        data = json.dumps(bucket, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
        write_atomically(cache / WORDS / f"{name}.json", data)


def _record_digest(record: Record) -> str:
    return _hash(repr((record.reference, record.stem, record.date, record.title, record.questions, record.regimes,
                       record.outcome, record.exemptions, record.review)).encode("utf-8", "surrogatepass"))


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
