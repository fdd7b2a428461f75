"""The disclosure log's Statistics page: the figures of every answer file, with charts and their tables.

The figures count every request (published or not, since the statistics cover them all) as of the
newest day the answer files record, so that the same files always give the same page. Only counts,
laws, quarters and citations reach the page: nothing of any requester. A house's `show_counts_below`
shows small counts as "fewer than N" (and draws them as none).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from foiletters import __version__
from foiletters.publish.site import SITE, _env
from foiletters.render.house import TemplateSet
from foiletters.stats.collect import CachedSummaries, facts_for, newest_date
from foiletters.write.files import write_atomically

if TYPE_CHECKING:  # the figures are imported where the page is drawn: a log with nothing changed draws none
    from foiletters.stats.counting import Figures
    from foiletters.stats.settings import Settings
    from foiletters.stats.summary import Summary

FOLDER = "statistics"
TOP_EXEMPTIONS = 10


class Shown:
    """Counts as the page shows them: as they are, or below the house's threshold as 'fewer than N'."""

    def __init__(self, below: int | None):
        self.below = below

    def hidden(self, value: int) -> bool:
        return self.below is not None and 0 < value < self.below

    def text(self, value: int) -> str:
        return f"fewer than {self.below}" if self.hidden(value) else str(value)

    def drawn(self, value: int) -> int:
        return 0 if self.hidden(value) else value


def statistics_page(answers: list[Summary], templates: TemplateSet, organisation: str) -> dict[str, bytes]:
    """The page and its charts, by their path under the site's folder."""
    from foiletters.stats import periods
    from foiletters.stats.counting import count
    from foiletters.stats.facts import LAWS
    from foiletters.stats.settings import settings as statistics_settings

    settings = statistics_settings(templates)
    as_of = newest_date(answers)
    facts = facts_for(answers, as_of) if as_of else []
    shown = Shown(settings.show_counts_below)
    context: dict = {"organisation": organisation, "base_url": "", "root": "../", "as_of": as_of,
                     "settings": settings, "shown": shown, "quarters": [], "laws": []}
    files: dict[str, bytes] = {}
    if facts and as_of:
        first = min(f.received for f in facts)
        quarters = periods.quarters_between(first, as_of, settings.financial)[-settings.quarters_shown:]
        each = [count(facts, q) for q in quarters]
        span = periods.days(quarters[0].start, quarters[-1].end)
        whole = count(facts, span)
        laws = [law for law in LAWS if whole[f"{law.lower()}.received"]]
        context |= {"quarters": quarters, "each": each, "whole": whole, "span": span, "laws": laws,
                    **_tables(each, whole, laws, settings, shown)}
        files |= _charts(context, settings, shown)
    files["index.html"] = _env().get_template("statistics.html.j2").render(**context).encode()
    return {f"{FOLDER}/{name}": data for name, data in files.items()}


def _tables(each: list[Figures], whole: Figures, laws: list[str], settings: Settings, shown: Shown) -> dict:
    from foiletters.stats.counting import FIGURES
    from foiletters.stats.outcomes import OUTCOMES

    outcomes = [(FIGURES[f"outcome.{o}"], whole[f"all.outcome.{o}"]) for o in OUTCOMES]
    cited = [(law, cite, n) for law in laws for cite, n in whole.exemptions(law.lower())]
    cited.sort(key=lambda row: -row[2])  # stable: within a count, by law then citation
    shares = [[_share(f, law, shown) for law in laws] for f in each]
    return {"outcomes": [row for row in outcomes if row[1]], "exemptions": cited[:TOP_EXEMPTIONS],
            "shares": shares, "lines": {law: settings.in_time_lines.get(law) for law in laws}}


def _share(figures: Figures, law: str, shown: Shown) -> float | None:
    """The per cent in time, unless so few requests are behind it that the threshold hides them."""
    key = law.lower()
    behind = sum(int(figures[f"{key}.time.{t}"] or 0) for t in ("in_time", "extended", "late", "open_overdue"))
    share = figures[f"{key}.time.in_time_share"]
    return None if share is None or shown.hidden(behind) else float(share)


def _charts(context: dict, settings: Settings, shown: Shown) -> dict[str, bytes]:
    from foiletters.stats import charts

    labels = [q.label for q in context["quarters"]]
    laws = context["laws"]
    received = {law: [shown.drawn(int(f[f"{law.lower()}.received"] or 0)) for f in context["each"]] for law in laws}
    shares = {law: [row[i] for row in context["shares"]] for i, law in enumerate(laws)}
    lines = {law: line for law, line in context["lines"].items() if line is not None}
    drawn = {"requests-by-quarter.svg": charts.requests_by_quarter(labels, received),
             "answered-in-time.svg": charts.in_time_share(labels, shares, lines)}
    if context["outcomes"]:
        drawn["outcomes.svg"] = charts.horizontal_bars([label for label, _ in context["outcomes"]],
                                                       [shown.drawn(n) for _, n in context["outcomes"]], "Requests")
    if context["exemptions"]:
        drawn["exemptions.svg"] = charts.horizontal_bars(
            [f"{law} {cite}" for law, cite, _ in context["exemptions"]],
            [shown.drawn(n) for _, _, n in context["exemptions"]], "Requests that cited it")
    return drawn


def statistics_files(out: Path, answer_files: list[Path], templates: TemplateSet, cache: Path,
                     hashes: Mapping[Path, str] | None = None,
                     fresh: Mapping[Path, tuple[str, dict]] | None = None) -> dict[str, bytes]:
    """The page and its charts, by their path in the site, for the site's pages to write as one set.

    `cache` is the log's folder beside the site: it keeps each answer file's summary (read again only when
    the file changes) and the page's inputs, so that a run with nothing changed draws no chart again: the
    files already in the site are given back as they are. Nor does a run whose changed files count the same
    (a subject reworded): the page is drawn again only when what it counts changed. `hashes`: the answer files'
    SHA-256, where the caller has them; `fresh`: summaries it made of files it read (a hash and a summary)."""
    kept = CachedSummaries(answer_files, templates, cache / "statistics.json", hashes)
    digest = _inputs_digest(kept.digest, templates)
    inputs = cache / "statistics-page.json"
    try:
        last = json.loads(inputs.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        last = {}
    there = isinstance(last, dict) and all((out / name).is_file() for name in last.get("files", []))
    if there and last.get("digest") == digest:
        return {name: (out / name).read_bytes() for name in last["files"]}
    data = kept.summary_data(fresh)
    counted = _inputs_digest(hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest(), templates)
    if there and last.get("counted") == counted:  # the same figures from other bytes: the page as it is
        pages = {name: (out / name).read_bytes() for name in last["files"]}
    else:
        from foiletters.stats.summary import from_json

        answers = [from_json(summary) for summary in data]
        newest = newest_date(answers) or dt.date.today()
        organisation = str(templates.profile(newest).get("organisation", ""))
        pages = statistics_page(answers, templates, organisation)
    write_atomically(inputs, json.dumps({"digest": digest, "counted": counted, "files": sorted(pages)}).encode())
    return pages


def write_statistics(out: Path, answer_files: list[Path], templates: TemplateSet, cache: Path) -> list[Path]:
    """Write the page and its charts into `out` on their own (each only when its bytes change); the files
    changed. The log writes them with its other pages instead (`statistics_files`)."""
    changed = []
    for name, data in statistics_files(out, answer_files, templates, cache).items():
        path = out / name
        if not path.is_file() or path.read_bytes() != data:
            write_atomically(path, data)
            changed.append(path)
    return changed


def _inputs_digest(summaries: str, templates: TemplateSet) -> str:
    """Everything the page is made of: the answer files' summaries, the house's profile and statistics
    settings, the site's templates, foiletters itself."""
    digest = hashlib.sha256(f"{__version__}\0{summaries}\0".encode())
    # The settings' files as they are (the page validates them when it is drawn).
    for path in [*templates.data_files("statistics.yaml"), *templates.data_files("profile.yaml"),
                 *sorted(SITE.glob("*.j2"))]:
        digest.update(f"{path.name}\0".encode() + (path.read_bytes() if path.is_file() else b"\0missing"))
    return digest.hexdigest()
