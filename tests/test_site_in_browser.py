"""The disclosure log in a real browser: headless Chromium (Debian's `chromium`) driven by Playwright.

The site is built once from the repository's answer files and served over HTTP on 127.0.0.1, as it will be
published (browsers block fetch() of the search index, search/, from file:// URLs). axe-core, bundled by
axe-playwright-python, checks the pages for accessibility.

Without Chromium or Playwright the tests are skipped, except under CI=true, where they fail instead.
A screenshot of the index is saved under pytest's tmp_path (and in $FOILETTERS_ARTIFACTS if set);
its path is printed ("screenshot: ...", shown with -rA) and recorded as the test's "screenshot" property.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import search_files
from conftest import ROOT

from foiletters.cli import main
from foiletters.publish import site as site_module

try:
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import Browser, Error, Page, expect, sync_playwright
except ImportError as error:  # the [test] extra is not installed
    MISSING_PACKAGES: str | None = f"{error.name} is not installed (pip install -e '.[test]')"
else:
    MISSING_PACKAGES = None

SEEDS = ["FOI795053096", "FOI641692083", "FOI413132846", "REQ07585"]  # newest first, as the index lists them
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
ODD_NAME = "Figures #2 (50% of cases) Année.csv"


def _cannot_run(reason: str) -> None:
    if ON_CI:
        pytest.fail(f"{reason}; under CI the browser tests must run (scripts/setup installs it)", pytrace=False)
    pytest.skip(reason)


def _chromium() -> str:
    path = os.environ.get("FOILETTERS_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        _cannot_run("Chromium is not installed (apt-get install chromium, or set FOILETTERS_CHROMIUM)")
    return str(path)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The disclosure log built from a copy of the repository's answer files (all reviewed for publication)."""
    tmp = tmp_path_factory.mktemp("browser")
    answers = tmp / "answers"
    answers.mkdir()
    for answer_file in sorted((ROOT / "answers").glob("*.yaml")):
        shutil.copy(answer_file, answers)
    # An attachment whose name a URL must encode: a space, '#' (a fragment), '%' (an escape), a non-ASCII letter.
    (answers / ODD_NAME).write_text("Year,Count\n2024,12\n", encoding="utf-8")
    copy = answers / "FOI641692083.yaml"
    listed = f'attachments:\n  - file: "{ODD_NAME}"\n    title: the figures\n'
    copy.write_text(copy.read_text(encoding="utf-8") + listed, encoding="utf-8")
    out = tmp / "site"
    assert main(["log", str(answers), "--out", str(out), "--templates", str(ROOT / "templates")]) == 0
    assert sorted(p.name for p in (out / "requests").iterdir()) == sorted(SEEDS)
    return out


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    yield from _serve(site)


@pytest.fixture(scope="module")
def paged_base_url(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Iterator[str]:
    """The same log with two requests a page of the index, served."""
    out = tmp_path_factory.mktemp("paged") / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(site_module, "PAGE_SIZE", 2)
        assert main(["log", str(site.parent / "answers"), "--out", str(out), "--templates",
                     str(ROOT / "templates")]) == 0
    assert (out / "index-2.html").is_file()
    yield from _serve(out)


def _serve(site: Path) -> Iterator[str]:
    """The site served by Python's http.server on a free port of 127.0.0.1, in a background thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if MISSING_PACKAGES:
        _cannot_run(MISSING_PACKAGES)
    executable = _chromium()
    with sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=executable, headless=True)
        except Error as error:
            _cannot_run(f"Chromium at {executable} does not start: {error.message.splitlines()[0]}")
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page with JavaScript; uncaught script errors fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(5_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


def _index(page: Page, base_url: str) -> None:
    page.goto(base_url + "index.html")
    expect(page.locator("#count")).to_have_text("4 of 4 requests shown")
    expect(page.locator("#filters")).to_have_attribute("data-search", "questions")  # search/index.json arrived


def _shown(page: Page) -> list[str]:
    return page.locator("#requests tbody tr:visible").evaluate_all("rows => rows.map(r => r.dataset.reference)")


def _axe(page: Page) -> None:
    results = Axe().run(page)
    assert results.violations_count == 0, f"axe-core on {page.url}:\n{results.generate_report()}"


def test_the_index_reads_without_javascript(browser: Browser, base_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "index.html")
    rows = page.locator("#requests tbody tr")
    expect(rows).to_have_count(4)
    assert [rows.nth(i).get_by_role("link").inner_text() for i in range(4)] == SEEDS
    assert all(rows.nth(i).is_visible() for i in range(4))
    expect(page.locator("#filters")).to_be_hidden()  # search and filters need the script
    expect(page.locator("#requests th button")).to_have_count(0)
    expect(page.get_by_role("columnheader", name="Date")).to_have_attribute("aria-sort", "descending")
    context.close()


def test_searching_finds_words_of_the_questions_and_says_how_many(page: Page, base_url: str, site: Path):
    matching = search_files.search(site, "caseload")
    titles = [e["title"] for e in json.loads((site / "index.json").read_text(encoding="utf-8"))]
    assert 0 < len(matching) < 4 and not any("caseload" in title.lower() for title in titles)
    _index(page, base_url)
    page.get_by_label("Search titles and questions").fill("Caseload")
    expect(page.locator("#count")).to_have_text(f"{len(matching)} of 4 requests shown")
    assert _shown(page) == [r for r in SEEDS if r in matching]
    page.get_by_label("Search titles and questions").fill("caseload no-such-word")
    expect(page.locator("#count")).to_have_text("0 of 4 requests shown")
    page.get_by_label("Search titles and questions").fill("")
    expect(page.locator("#count")).to_have_text("4 of 4 requests shown")


def test_filters_narrow_the_table(page: Page, base_url: str, site: Path):
    entries = json.loads((site / "index.json").read_text(encoding="utf-8"))
    _index(page, base_url)
    page.get_by_label("Outcome").select_option("released")
    released = [e["reference"] for e in entries if e["outcome"] == "released"]
    expect(page.locator("#count")).to_have_text(f"{len(released)} of 4 requests shown")
    assert _shown(page) == released and 0 < len(released) < 4
    page.get_by_label("Outcome").select_option("")
    page.get_by_label("Exemption").select_option("s21")
    expect(page.locator("#count")).to_have_text("2 of 4 requests shown")
    assert _shown(page) == [e["reference"] for e in entries if "s21" in e["exemptions"]]
    page.get_by_label("Year").select_option("2024")
    expect(page.locator("#count")).to_have_text("1 of 4 requests shown")
    assert _shown(page) == ["FOI641692083"]


def test_a_column_sorts_by_its_button_and_says_so(page: Page, base_url: str):
    _index(page, base_url)
    date = page.get_by_role("columnheader", name="Date")
    expect(date).to_have_attribute("aria-sort", "descending")
    date.get_by_role("button", name="Date").click()
    expect(date).to_have_attribute("aria-sort", "ascending")
    assert _shown(page) == SEEDS[::-1]
    assert page.locator("#requests th[aria-sort]").count() == 1
    page.get_by_role("button", name="Reference").press("Enter")  # by keyboard too
    expect(page.get_by_role("columnheader", name="Reference")).to_have_attribute("aria-sort", "ascending")
    assert date.get_attribute("aria-sort") is None
    assert _shown(page) == sorted(SEEDS)


def test_the_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(page: Page, base_url: str):
    _index(page, base_url)
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to the content")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0 and box["width"] > 10, "the focused skip link is not on screen"
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # on from the content, not from the top of the page
    expect(page.get_by_label("Search titles and questions")).to_be_focused()


def test_a_request_link_leads_to_its_letter_and_files(page: Page, base_url: str):
    _index(page, base_url)
    page.get_by_role("link", name="FOI795053096").click()
    expect(page).to_have_url(base_url + "requests/FOI795053096/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("FOI795053096: Children's Social Care Services")
    pdf = page.get_by_role("link", name="The letter as PDF")
    expect(pdf).to_have_attribute("href", "FOI795053096.pdf")
    response = page.request.get(base_url + "requests/FOI795053096/FOI795053096.pdf")
    assert response.ok and response.body().startswith(b"%PDF-")
    docx = page.get_by_role("link", name="The letter as a Word document")
    expect(docx).to_have_attribute("href", "FOI795053096.docx")
    expect(page.get_by_role("article", name="The letter")).to_contain_text("Dear Sir/Madam")
    page.get_by_role("link", name="Disclosure log", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Disclosure log")


def test_every_download_link_leads_to_its_file(page: Page, base_url: str, site: Path):
    """Every link of every request page, and every address in index.json, reaches its file (no 404 for '#', '%')."""
    entries = json.loads((site / "index.json").read_text(encoding="utf-8"))
    for entry in entries:
        page.goto(base_url + entry["url"])
        links = page.locator("ul.downloads a")
        hrefs = links.evaluate_all("links => links.map(a => a.href)")  # as the browser resolves them
        assert len(hrefs) == 2 + len(entry["attachments"])
        for href, address in zip(hrefs, [entry["pdf"], entry["docx"], *entry["attachments"]], strict=True):
            assert href == base_url + address
            response = page.request.get(href)
            assert response.ok, f"{href}: {response.status}"
    figures = page.request.get(base_url + "requests/FOI641692083/" + "Figures%20%232%20%2850%25%20of%20cases%29%20"
                               "Ann%C3%A9e.csv")
    assert figures.ok and figures.body() == (site / "requests" / "FOI641692083" / ODD_NAME).read_bytes()
    page.goto(base_url + "requests/FOI641692083/index.html")
    with page.expect_download() as download:
        page.get_by_role("link", name="the figures").click(modifiers=["Alt"])  # Alt-click: save the link
    assert download.value.suggested_filename == ODD_NAME


# The newest letter (related requests, a table with a header for every column) and the oldest (a table whose
# top-left header cell is empty): between them every kind of part the seeds' letters have.
@pytest.mark.parametrize("path", ["index.html", "requests/FOI795053096/index.html", "requests/REQ07585/index.html"])
def test_axe_finds_no_accessibility_violations(page: Page, base_url: str, path: str):
    page.goto(base_url + path)
    if path == "index.html":
        expect(page.locator("#filters")).to_be_visible()  # checked as the script leaves it
    _axe(page)


def test_a_search_on_one_page_of_a_long_log_finds_requests_of_every_page(page: Page, paged_base_url: str):
    page.goto(paged_base_url + "index.html")
    expect(page.locator("#filters")).to_have_attribute("data-search", "questions")
    expect(page.locator("#count")).to_have_text("2 of 4 requests shown (this page)")
    assert _shown(page) == SEEDS[:2]
    page.get_by_label("Search titles and questions").fill("cohorts")  # REQ07585, on the second page
    expect(page.locator("#count")).to_have_text("1 of 4 requests shown")
    assert _shown(page) == ["REQ07585"]
    page.get_by_role("link", name="REQ07585").click()
    expect(page).to_have_url(paged_base_url + "requests/REQ07585/index.html")
    page.go_back()
    page.get_by_label("Search titles and questions").fill("")
    expect(page.locator("#count")).to_have_text("2 of 4 requests shown (this page)")
    assert _shown(page) == SEEDS[:2]
    _axe(page)
    page.get_by_role("navigation", name="Pages of the log").get_by_role("link", name="Older").click()
    expect(page).to_have_url(paged_base_url + "index-2.html")
    assert _shown(page) == SEEDS[2:]


def test_opened_from_disk_the_search_falls_back_to_the_titles(page: Page, site: Path):
    page.goto((site / "index.html").as_uri())
    expect(page.locator("#q-hint")).to_be_visible()  # fetch() from file:// is blocked
    page.get_by_label("Search titles and questions").fill("cohorts")
    expect(page.locator("#count")).to_have_text("1 of 4 requests shown")
    assert _shown(page) == ["REQ07585"]


def test_a_screenshot_of_the_index(page: Page, base_url: str, tmp_path: Path, record_property):
    _index(page, base_url)
    save_screenshot(page, tmp_path / "disclosure-log-index.png", record_property, smallest=10_000)


def save_screenshot(page: Page, path: Path, record_property, smallest: int) -> None:  # noqa: ANN001
    """A full-page screenshot in the test's output (and in $FOILETTERS_ARTIFACTS, where set), of some size."""
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > smallest
    record_property("screenshot", str(path))
    print(f"screenshot: {path}")
    if artifacts := os.environ.get("FOILETTERS_ARTIFACTS"):
        copy = Path(artifacts) / path.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, copy)
        print(f"screenshot: {copy}")
