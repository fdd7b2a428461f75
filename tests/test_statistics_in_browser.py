"""The disclosure log's Statistics page in headless Chromium, with axe-core, as the index is tested
(tests/test_site_in_browser.py): built from the hand-counted answer files of tests/statistics_cases.py,
none of them reviewed for publication, since the statistics count every request."""

from __future__ import annotations

import contextlib
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT
from statistics_cases import write_cases
from test_site_in_browser import _axe, base_url, browser, page, save_screenshot  # noqa: F401 - the index's fixtures

from foiletters.cli import main
from foiletters.publish.statistics_page import write_statistics
from foiletters.render.house import TemplateSet
from foiletters.stats.collect import answer_files

with contextlib.suppress(ImportError):  # without Playwright the fixtures skip (or fail under CI) and say why
    from playwright.sync_api import Browser, Page, expect


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("statistics-site")
    out = tmp / "site"
    answers = tmp / "answers"
    answers.mkdir()
    for seed in sorted((ROOT / "answers").glob("*.yaml")):
        shutil.copy(seed, answers)
    assert main(["log", str(answers), "--out", str(out), "--templates", str(ROOT / "templates")]) == 0
    # The log of today's batch cannot yet publish answer files without a response `date` (letters only):
    # the page is written here by the function `foiletters log` calls, from the hand-counted files.
    cases = answer_files([write_cases(tmp / "cases")])
    assert write_statistics(out, cases, TemplateSet(ROOT / "templates"), tmp / "cache")
    # A second run with nothing changed writes nothing, and draws nothing again.
    assert write_statistics(out, cases, TemplateSet(ROOT / "templates"), tmp / "cache") == []
    return out


def test_the_statistics_page_passes_axe(page: Page, base_url: str):  # noqa: F811
    page.goto(base_url + "statistics/index.html")
    expect(page.get_by_role("heading", level=1)).to_have_text("Statistics")
    for name in ("requests-by-quarter", "answered-in-time", "outcomes", "exemptions"):
        image = page.locator(f'img[src="{name}.svg"]')
        expect(image).to_have_attribute("alt", re.compile(r"^Bar chart|^Line chart"))
        assert image.evaluate("img => img.complete && img.naturalWidth > 0"), f"{name}.svg did not load"
    _axe(page)


def test_the_statistics_read_without_images_or_javascript(browser: Browser, base_url: str, site: Path):  # noqa: F811
    context = browser.new_context(java_script_enabled=False)
    context.route("**/*.svg", lambda route: route.abort())
    plain = context.new_page()
    plain.goto(base_url + "statistics/index.html")
    # The page counts as of the newest day the files record: N's review outcome, 14 August 2026. The quarters
    # run from Q4 2025/26 (A, B, M) to Q2 2026/27; by 14 August Q was answered (3 August), and G and H are open.
    received = plain.get_by_role("table", name="Requests received per quarter")
    assert received.get_by_role("row", name="Q4 2025/26").locator("td").all_inner_texts() == ["2", "0", "1", "0", "3"]
    # FOIA 11, EIR 1 (F's part), FOISA 0, EISR 1 (O); in total 12, F once.
    assert received.get_by_role("row", name="Q1 2026/27").locator("td").all_inner_texts() == ["11", "1", "0", "1", "12"]
    shares = plain.get_by_role("table", name="Per cent answered in time per quarter")
    in_q1 = shares.get_by_role("row", name="Q1 2026/27").locator("td").all_inner_texts()
    assert in_q1 == ["87.5%", "100%", "none due", "100%"]
    outcomes = plain.get_by_role("table", name="Outcomes of the requests received, Q4 2025/26 to Q2 2026/27")
    # Released in full: A, N, O, Q, R; partly withheld: M, C, F; open: G and H; the rest one each.
    expect(outcomes.get_by_role("row", name="Released in full")).to_contain_text("5")
    expect(outcomes.get_by_role("row", name="Partly withheld")).to_contain_text("3")
    expect(outcomes.get_by_role("row", name="Still open")).to_contain_text("2")
    exemptions = plain.get_by_role("table", name="The 5 most used exemptions and exceptions, Q4 2025/26 to Q2 2026/27")
    assert exemptions.locator("tbody th").all_inner_texts() == ["s21", "s31(1)", "s40(2)", "s43(2)", "reg 12(5)(e)"]
    text = plain.locator("main").inner_text()
    assert "Nine to five" not in text and "The Health Board" not in text  # counts only, no content of requests
    context.close()


def test_the_navigation_leads_to_the_statistics(page: Page, base_url: str):  # noqa: F811
    page.goto(base_url + "index.html")
    page.get_by_role("link", name="Statistics").click()
    expect(page).to_have_url(base_url + "statistics/index.html")
    expect(page.get_by_role("link", name="Statistics")).to_have_attribute("aria-current", "page")


def test_a_screenshot_of_the_statistics(page: Page, base_url: str, tmp_path: Path, record_property):  # noqa: F811
    page.goto(base_url + "statistics/index.html")
    save_screenshot(page, tmp_path / "disclosure-log-statistics.png", record_property, smallest=20_000)
