"""The templates' fingerprint: which wording a letter of a given date had."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from conftest import ROOT

from foiletters.render.house import TemplateSet


def _copy_of_house(tmp_path: Path) -> Path:
    house = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", house)
    return house


def test_changes_with_a_boilerplate_version_in_force_only(tmp_path: Path):
    house = _copy_of_house(tmp_path)
    before = {d: TemplateSet(house).fingerprint(d) for d in (dt.date(2020, 6, 1), dt.date(2025, 6, 1))}
    (house / "boilerplate" / "reuse" / "2025-01-01.html.j2").write_text("<p>New re-use wording.</p>\n")
    after = {d: TemplateSet(house).fingerprint(d) for d in before}
    assert after[dt.date(2020, 6, 1)] == before[dt.date(2020, 6, 1)]
    assert after[dt.date(2025, 6, 1)] != before[dt.date(2025, 6, 1)]


def test_changes_with_the_profile_and_is_stable(tmp_path: Path):
    house = _copy_of_house(tmp_path)
    on = dt.date(2025, 6, 1)
    first = TemplateSet(house).fingerprint(on)
    assert first == TemplateSet(house).fingerprint(on)
    assert len(first) == 12
    profile = house / "profile.yaml"
    profile.write_text(profile.read_text().replace("Coventry", "Coventri"))
    assert TemplateSet(house).fingerprint(on) != first
