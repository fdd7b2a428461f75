"""The disclosure log's static site: index, a page per request, CSV, JSON, Atom feed, search index
(publish/search_index.py).

Every file is rewritten only when its bytes change, so that an unchanged log stays unchanged
on disk (and in a deployment's diff). The pages are written as one set (`site_state.write_pages`):
those a run no longer writes are removed with it.

A request's folder is its reference as a file name (`Record.stem`: `123/2024` -> `123-2024`);
the reference as written is what the pages print. Every address a page, the JSON, the CSV or the
feed gives is percent-encoded (`url`), so that a file named `Table #2 (50%).csv` or `Année.pdf`
downloads in every browser.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Mapping
from pathlib import Path
from urllib.parse import quote

import jinja2
from markupsafe import Markup

from foiletters.publish.record import OUTCOMES, Record
from foiletters.publish.search_index import search_files
from foiletters.publish import similar
from foiletters.publish.similar import Similarity
from foiletters.publish.spreadsheet_cells import spreadsheet_safe
from foiletters.render.filters import long_date
from foiletters.render.house import PACKAGED, TemplateSet
from foiletters.write import cache_json
from foiletters.write.files import write_atomically

if TYPE_CHECKING:
    from foiletters.publish.site_state import SiteState

SITE = PACKAGED / "site"
CSV_COLUMNS = ["reference", "title", "sent", "received", "due", "regime", "outcome", "exemptions", "questions",
               "url", "pdf", "docx", "templates_version", "review"]
FEED_SIZE = 20
# How index.json and index.csv are laid out, in their digest: data files written in an earlier layout are written
# again although no request changed (2: index.json one request to a line).
DATA_FORMAT = 2
# Rows per page of the index: the first page is index.html, the next index-2.html and so on, each a plain
# table that reads without JavaScript; at 10,000 requests a page is about 0.5 MB. The search covers all pages.
PAGE_SIZE = 1000
RELATED_FORMAT = 2  # related.json: each request's related requests with their scores, its text's digest and words
LOGOS = "logos.json"  # in the cache: the house logos each letter shows, by the key it was built from


def _env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(SITE)), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["long_date"] = lambda iso: long_date(dt.date.fromisoformat(iso))
    env.filters["url"] = url
    return env


def url(path: str) -> str:
    """A relative address for a path of the site, percent-encoded (`#`, `%`, `?`, spaces, non-ASCII letters)."""
    return quote(path, safe="/")


def folder_url(record: Record) -> str:
    """The request's folder, relative to the site's root, with a `/` after it."""
    return f"requests/{url(record.stem)}/"


def related_requests(records: list[Record], cache: Path | None = None) -> dict[str, list[Record]]:
    """For each request, the earlier requests that asked the most alike (kept in `cache` while no request changes)."""
    by_reference = {r.reference: r for r in records}
    texts = {r.reference: " ".join([r.title, *r.questions]) for r in records}
    # Each text by its digest, in the cache and in the related requests' digest: at 10,000 requests their texts
    # are 17 MB of JSON to write and read again each run, their digests 0.7 MB.
    digests = {reference: similar.text_digest(text) for reference, text in texts.items()}
    # The code that counts and scores is in the digest, and the cache's layout: a release that counts otherwise,
    # or keeps them otherwise, works them out again.
    code = hashlib.sha256(Path(similar.__file__).read_bytes() + f"\0{RELATED_FORMAT}".encode()).hexdigest()
    digest = hashlib.sha256(json.dumps([code, sorted((r.reference, r.date, digests[r.reference]) for r in records)])
                            .encode()).hexdigest()
    saved = cache / "related.json" if cache else None
    data = _read_json(saved) if saved is not None else {}
    if data.get("digest") == digest:
        return {k: [by_reference[r] for r, _ in v] for k, v in data["related"].items()}
    # Each request's words as counted last run, for those whose text is unchanged: counting 10,000 requests'
    # words again is about a second of one changed at 10,000 (profiled); and the scores of last run, of which
    # only the rows that can have changed are worked out again (`like_earlier_since`).
    last = {k: tuple(v) for k, v in data.get("words", {}).items()} if data.get("code") == code else {}
    index = Similarity(texts, last)
    order = [r.reference for r in sorted(records, key=lambda r: (r.date, r.reference))]  # each against those before
    if last and isinstance(data.get("related"), dict):
        found = {k: [(r, score) for r, score in v] for k, v in data["related"].items()}
        alike = index.like_earlier_since(order, {k: v[1] for k, v in last.items()}, found)
    else:
        alike = index.like_earlier(order)
    related = {k: [by_reference[r] for r, _ in alike[k]] for k in order}
    if saved is not None:
        data = {"digest": digest, "related": alike, "code": code,
                "words": {k: [digests[k], index.counts[k]] for k in texts}}
        write_atomically(saved, cache_json.dumps(data))
    return related


def write_site(out: Path, records: list[Record], letters: Mapping[str, str], templates: TemplateSet, *,
               base_url: str = "", cache: Path | None = None, state: SiteState | None = None,
               extra: dict[str, bytes] | None = None, letter_keys: Mapping[str, str] | None = None) -> list[Path]:
    """Write the site's pages and data; returns the files that changed.

    `letters` holds each request's letter as HTML, by its stem; `extra`, more pages by their path in the site
    (the Statistics page and its charts). With `state` (the batch's), the pages are written as one set and
    those no longer written are removed; without it, only written. A page whose content is unchanged (its
    digest in the cache's pages.json) is not rendered again, only kept. `letter_keys`: for the letters it
    names, what the letter was built from (the log's key), which stands for its HTML in the page's digest,
    so that `letters` is read only for the pages rendered (the log gives a mapping that reads them then)."""
    records = sorted(records, key=lambda r: (r.date, r.reference), reverse=True)
    # The organisation as on the newest letter: the site depends on its inputs only, not on the day it is built.
    newest = dt.date.fromisoformat(records[0].date) if records else dt.date.today()
    organisation = str(templates.profile(newest).get("organisation", ""))
    env = _env()
    related = related_requests(records, cache)
    for record in records:
        record.related = [r.reference for r in related[record.reference]]
    # Each record's digest, once: the index pages, each request's page (its own and its related requests')
    # and the data files all depend on it, and at 10,000 requests taking repr of them again is most of a run.
    shown = {record.reference: _digest(record) for record in records}
    common = {"organisation": organisation, "base_url": base_url}
    files: dict[Path, bytes] = {}
    kept: set[str] = set()  # pages unchanged since the last run (relative): kept as they are, not rendered again
    # Whether a page is there: in the run's listing of the site where it has one (10,000 pages: no stat each).
    there = state.in_site if state is not None else (lambda relative: (out / relative).is_file())
    saved_pages = _read_json(cache / "pages.json") if cache else {}
    templates_digest = _digest(*(p.read_bytes() for p in sorted(SITE.glob("*.j2"))))
    pages: dict[str, str] = {}
    files.update(_index_pages(out, env, common, records, _digest(templates_digest, common), saved_pages, pages,
                              kept, shown, there))
    names = {key: templates.regime(key).name for key in templates.regimes.regimes}
    # A request's page is rendered again only when what it shows changed (a digest of it is kept in the cache):
    # a log of 10,000 requests would otherwise render and compare 10,000 pages on every run.
    for record in records:
        name = f"requests/{record.stem}/index.html"
        key = (letter_keys or {}).get(record.stem)
        letter = ("key", key) if key else ("html", letters.get(record.stem, ""))
        pages[f"requests/{record.stem}"] = digest = _digest(templates_digest, common, names, shown[record.reference],
                                                            [shown[r.reference] for r in related[record.reference]],
                                                            letter)
        if saved_pages.get(f"requests/{record.stem}") == digest and there(name):
            kept.add(name)
            continue
        files[out / name] = env.get_template("request.html.j2").render(
            **common, root="../../", r=record, related=related[record.reference],
            regime_names=[names[k] for k in record.regimes], letter=Markup(letters.get(record.stem, ""))).encode()
    data_files = ["index.json", "index.csv"]
    pages["data"] = _digest([shown[r.reference] for r in records], base_url, DATA_FORMAT)
    if saved_pages.get("data") != pages["data"] or not all(there(name) for name in data_files):
        files.update(zip([out / name for name in data_files], _data_files(records, base_url), strict=True))
    else:
        kept.update(data_files)
    search, unchanged = search_files(out, records, cache, shown)
    files.update(search)
    kept |= {path.relative_to(out).as_posix() for path in unchanged}
    newest = records[:FEED_SIZE]
    pages["feed"] = _digest(templates_digest, common, [shown[r.reference] for r in newest])
    if saved_pages.get("feed") == pages["feed"] and there("feed.atom"):
        kept.add("feed.atom")
    else:
        files[out / "feed.atom"] = env.get_template("feed.atom.j2").render(
            **common, records=newest, updated=newest[0].date if newest else "2000-01-01",
            feed_id=f"tag:foiletters,2024:{organisation.replace(' ', '-').lower() or 'log'}").encode()
    for asset in sorted((SITE / "assets").iterdir()):
        files[out / "assets" / asset.name] = asset.read_bytes()
    # The house's logo as the letters on the request pages show it: only those in use, so one no letter shows
    # any more is removed with the pages that showed it.
    from foiletters.publish.house_logo import site_logos

    files |= {out / name: data for name, data in site_logos(_logo_tags(letters, letter_keys or {}, cache),
                                                            templates.house).items()}
    files |= {out / name: data for name, data in (extra or {}).items()}
    if state is not None:
        from foiletters.publish.site_state import write_pages

        changed = write_pages(state, files, kept)
    else:
        for stale in {p for p in out.glob("index-*.html") if p.name not in pages}:  # of a longer log than this
            stale.unlink()
        for stale in out.glob("search/*"):  # an older index's
            if stale not in files and stale.relative_to(out).as_posix() not in kept:
                stale.unlink()
        changed = []
        for path, data in files.items():
            if not path.is_file() or path.read_bytes() != data:
                write_atomically(path, data)
                changed.append(path)
    if cache and pages != saved_pages:
        write_atomically(cache / "pages.json", cache_json.dumps(pages, sort_keys=True))
    return changed


def _logo_tags(letters: Mapping[str, str], keys: Mapping[str, str], cache: Path | None) -> list[str]:
    """The house logos' <img> tags in the letters. A letter's are kept in the cache with the key it was built
    from (the log's), so that a run reads only the letters built since the last, not all of them."""
    from foiletters.publish.house_logo import logo_tags

    saved = _read_json(cache / LOGOS) if cache else {}
    found: dict[str, list[object]] = {}
    for stem in letters:
        key = keys.get(stem)
        kept = saved.get(stem)
        if key and isinstance(kept, list) and len(kept) == 2 and kept[0] == key:
            found[stem] = kept
        else:
            found[stem] = [key, logo_tags(letters[stem])]
    if cache and found != saved:
        write_atomically(cache / LOGOS, cache_json.dumps(found, sort_keys=True))
    return [tag for _, tags in found.values() for tag in tags]


def _read_json(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _index_pages(out: Path, env: jinja2.Environment, common: dict[str, object], records: list[Record],
                 digest: str, saved: dict[str, str], pages: dict[str, str], kept: set[str],
                 shown: dict[str, str], there: Callable[[str], bool]) -> dict[Path, bytes]:
    """The index, PAGE_SIZE requests a page, newest first, each page linking to every other.

    A page whose requests and choices are unchanged (its digest in `saved`) is not rendered again.
    """
    chunks = [records[i:i + PAGE_SIZE] for i in range(0, len(records), PAGE_SIZE)] or [[]]
    names = ["index.html"] + [f"index-{number}.html" for number in range(2, len(chunks) + 1)]
    choices = {"years": sorted({r.year for r in records}, reverse=True),
               "outcomes": [o for o in OUTCOMES if any(r.outcome == o for r in records)],
               "exemptions": sorted({e for r in records for e in r.exemptions})}
    files = {}
    for number, (name, chunk) in enumerate(zip(names, chunks, strict=True), start=1):
        pages[name] = _digest(digest, choices, len(records), names, number, [shown[r.reference] for r in chunk])
        if saved.get(name) == pages[name] and there(name):
            kept.add(name)
            continue
        files[out / name] = env.get_template("index.html.j2").render(
            **common, **choices, root="", records=chunk, total=len(records), page=number, pages=names,
            first=(number - 1) * PAGE_SIZE + 1).encode()
    return files


def _digest(*parts: object) -> str:
    """A digest of what a page shows (dataclasses, lists, dicts and text: their repr is all of their content)."""
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _data_files(records: list[Record], base_url: str) -> tuple[bytes, bytes]:
    """index.json and index.csv."""
    public = [_public_fields(r, base_url) for r in records]  # once for the JSON and the CSV
    # One request to a line: a diff shows the requests that changed, and each line goes through json's C encoder
    # (indent= takes the pure-Python one, most of the time of the data files at 10,000 requests).
    lines = ",\n".join(json.dumps(fields, ensure_ascii=False) for fields in public)
    return f"[\n{lines}\n]\n".encode() if public else b"[]\n", _csv(records, base_url, public)


def _public_fields(record: Record, base_url: str) -> dict[str, object]:
    folder = base_url + folder_url(record)
    return {"reference": record.reference, "title": record.title, "sent": record.date, "received": record.received,
            "due": record.due, "regime": record.regime, "regimes": record.regimes, "outcome": record.outcome,
            "exemptions": record.exemptions, "questions": len(record.questions), "url": f"{folder}index.html",
            "pdf": folder + url(record.files["pdf"]), "docx": folder + url(record.files["docx"]),
            "attachments": [folder + url(name) for kind, name in record.files.items()
                            if kind.startswith("attachment:")],
            "related": record.related, "templates_version": record.templates_version,
            # The internal review's outcome (None: none held) and the other published letters of the request's life.
            "review": record.review, "letters": [{**shown, "pdf": folder + url(shown["pdf"]),
                                                  "docx": folder + url(shown["docx"])} for shown in record.letters]}


def _csv(records: list[Record], base_url: str, public: list[dict[str, object]] | None = None) -> bytes:
    """index.csv; `public`: each record's public fields, where the caller has them already."""
    if public is None:
        public = [_public_fields(r, base_url) for r in records]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record, fields in zip(records, public, strict=True):
        row = {**fields, "exemptions": "; ".join(record.exemptions)}
        writer.writerow([spreadsheet_safe(row[key]) for key in CSV_COLUMNS])  # opens as written
    return buffer.getvalue().encode("utf-8")
