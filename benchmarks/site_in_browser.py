"""The disclosure log's site in headless Chromium: first paint, search, accessibility, sizes.

    .venv/bin/python benchmarks/site_in_browser.py SITE [--runs 5] [--query WORDS ...]

Serves SITE on 127.0.0.1 (as it will be published: browsers block fetch() from file:// URLs) and prints:
- the sizes: the largest index page, the search index's files (largest, all together);
- the first contentful paint of index.html, and when the search is ready (its index has arrived);
- for each query, typed into the search box of a freshly opened index.html once the search is ready:
  the time from the input to the result on screen (the count says it and the next frame is drawn),
  median, min and max of RUNS, and what the page fetched for it;
- the same for a choice of the Year filter, and for a query typed before the search is ready ("cold");
- axe-core's violations on index.html with the script's controls shown and a search's results listed.
Needs Playwright and axe-playwright-python (the [test] extra) and Chromium (Debian's `chromium`).
log_10000.py calls `measure` on the 10,000-letter site it builds.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import statistics
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

QUERIES = ["caseload", "social worker", "air quality 2021", "c"]
READY = 60_000  # ms: how long the search may take to be ready before the run gives up

# Typed in the page itself and timed there: from the input event to the frame after the result is on screen
# (the table no longer busy), so that Playwright's own round trips are not counted.
_TYPE = """([query, field]) => new Promise(resolve => {
  const count = document.getElementById('count'), table = document.getElementById('requests');
  const start = performance.now(), fetched = performance.getEntriesByType('resource').length;
  const finish = () => requestAnimationFrame(() => {
    const entries = performance.getEntriesByType('resource').slice(fetched);
    resolve({ms: performance.now() - start, text: count.textContent, files: entries.length,
             bytes: entries.reduce((sum, e) => sum + (e.encodedBodySize || 0), 0)});
  });
  const input = document.getElementById(field);
  input.value = query;
  input.dispatchEvent(new Event(field === 'q' ? 'input' : 'change', {bubbles: true}));
  // A search answered at once (from an index in memory) is on screen when the event returns; one that
  // fetches files marks the table busy until its result is shown.
  if (!table.hasAttribute('aria-busy')) { finish(); return; }
  const observer = new MutationObserver(() => {
    if (!table.hasAttribute('aria-busy')) { observer.disconnect(); finish(); }
  });
  observer.observe(table, {attributes: true, attributeFilter: ['aria-busy']});
})"""

_PAINT = """() => new Promise(resolve => new PerformanceObserver((list, observer) => {
  const paint = list.getEntriesByName('first-contentful-paint')[0];
  if (paint) { observer.disconnect(); resolve(paint.startTime); }
}).observe({type: 'paint', buffered: true}))"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def spread(values: list[float], unit: str = "s", digits: int = 3) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} (min {min(values):.{digits}f}, "
            f"max {max(values):.{digits}f}, {len(values)} runs)")


def sizes(site: Path) -> str:
    pages = sorted(site.glob("index*.html"))
    search = [p for p in (site / "search").rglob("*") if p.is_file()] if (site / "search").is_dir() else []
    search += [p for p in [site / "search-index.json"] if p.is_file()]  # a site of an earlier foiletters
    largest = max(search, key=lambda p: p.stat().st_size) if search else None
    text = (f"Index pages: {len(pages)}, largest {max(p.stat().st_size for p in pages) / 1e6:.2f} MB; "
            f"search index: {len(search)} files, {sum(p.stat().st_size for p in search) / 1e6:.2f} MB in all")
    if largest:
        text += f", largest {largest.relative_to(site)} {largest.stat().st_size / 1e6:.3f} MB"
    return text


def measure(site: Path, runs: int = 5, queries: list[str] | None = None) -> list[str]:
    """The lines of figures for the site (see the module's docstring); [] with a reason when it cannot run."""
    try:
        from axe_playwright_python.sync_playwright import Axe
        from playwright.sync_api import sync_playwright
    except ImportError:
        return ["Browser: Playwright or axe-playwright-python is not installed; skipped"]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        return ["Browser: Chromium is not installed; skipped"]
    queries = queries or QUERIES
    lines = [sizes(site)]
    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True)
        url = base + "index.html"
        year = _a_year(browser, url)

        def opened(wait: bool = True):  # noqa: ANN202
            page = browser.new_page()
            page.goto(url)
            if wait:
                page.wait_for_selector("#filters[data-search=questions]", state="attached", timeout=READY)
            return page

        paints, ready = [], []
        for _ in range(runs):
            page = opened(wait=False)
            paints.append(page.evaluate(_PAINT))
            page.wait_for_selector("#filters[data-search=questions]", state="attached", timeout=READY)
            ready.append(page.evaluate("() => performance.now()"))
            page.close()
        lines.append(f"First paint of index.html: {spread([p / 1000 for p in paints])}; search ready after "
                     f"{spread([r / 1000 for r in ready])}")
        for label, query, field in [*((f"search {q!r}", q, "q") for q in queries), (f"Year {year}", year, "year")]:
            results = []
            for _ in range(runs):
                page = opened()
                results.append(page.evaluate(_TYPE, [query, field]))
                page.close()
            last = results[-1]
            lines.append(f"  {label}: result {spread([r['ms'] / 1000 for r in results])}; "
                         f"{last['files']} files, {last['bytes'] / 1e3:.0f} kB fetched; {last['text']!r}")
        focused = []  # as a reader does: into the box, then the words (typed here at once, a second later)
        for _ in range(runs):
            page = opened()
            page.focus("#q")
            page.wait_for_timeout(1000)
            focused.append(page.evaluate(_TYPE, [queries[-2 if len(queries) > 1 else 0], "q"]))
            page.close()
        lines.append(f"  {queries[-2 if len(queries) > 1 else 0]!r} typed a second after the box is focused: result "
                     f"{spread([r['ms'] / 1000 for r in focused])}")
        cold = []
        for _ in range(runs):
            page = opened(wait=False)
            page.wait_for_selector("#filters:not([hidden])", state="attached")
            start = page.evaluate("() => performance.now()")
            page.get_by_label("Search titles and questions").fill(queries[0])
            page.wait_for_selector("#filters[data-search=questions]", state="attached", timeout=READY)
            page.wait_for_function("() => !document.getElementById('requests').hasAttribute('aria-busy')")
            cold.append((page.evaluate("() => performance.now()") - start) / 1000)
            page.close()
        lines.append(f"  {queries[0]!r} typed as the page opens: result {spread(cold)}")
        page = opened()
        violations = Axe().run(page).violations_count
        page.evaluate(_TYPE, [queries[0], "q"])
        violations_listed = Axe().run(page).violations_count
        page.close()
        browser.close()
    lines.append(f"axe-core violations on index.html: {violations}; with a search's results listed: "
                 f"{violations_listed}")
    return lines


def _a_year(browser, url: str) -> str:  # noqa: ANN001
    page = browser.new_page()
    page.goto(url)
    years = page.locator("#year option").evaluate_all("options => options.map(o => o.value).filter(Boolean)")
    page.close()
    return years[len(years) // 2] if years else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--query", action="append", dest="queries")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site}: no index.html (build the log first)")
    for line in measure(args.site, args.runs, args.queries):
        print(line, flush=True)


if __name__ == "__main__":
    main()
