"""`foiletters templates list`: the templates, boilerplate versions and data in force on a date."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from foiletters.render.house import BOILERPLATE, PACKAGED, TemplateSet, Version

DATA_FILES = ("profile.yaml", "regimes.yaml")


@dataclass(frozen=True)
class InForce:
    """One template or data file as it applies on a date, and where it comes from."""

    name: str
    origin: str  # house, packaged, or house over packaged
    path: Path
    note: str = ""


def letter_templates(templates: TemplateSet) -> list[tuple[str, Path, str]]:
    """Every letter template (not boilerplate versions): (name, file, origin), house over packaged."""
    found: dict[str, tuple[Path, str]] = {}
    for folder, origin in reversed(_folders(templates)):
        for path in sorted(folder.rglob("*.j2")):
            relative = path.relative_to(folder)
            if relative.parts[0] != BOILERPLATE:
                found[relative.as_posix()] = (path, origin)
    return [(name, path, origin) for name, (path, origin) in sorted(found.items())]


def in_force(templates_set: TemplateSet, on: dt.date) -> list[InForce]:
    rows: list[InForce] = []
    for name, path, origin in letter_templates(templates_set):
        extends = "default:" in path.read_text(encoding="utf-8") if origin == "house" else False
        rows.append(InForce(name, origin, path, "extends the packaged default" if extends else ""))
    for block in templates_set.blocks():
        version = templates_set.version_in_force(block, on)
        if version is None:
            rows.append(InForce(f"{BOILERPLATE}/{block}", "none", Path(), f"NO VERSION in force on {on:%d %B %Y}"))
            continue
        rows.append(InForce(f"{BOILERPLATE}/{block}", _origin_of(templates_set, version.path), version.path,
                            _applies(version)))
    for name in DATA_FILES:
        paths = templates_set.data_files(name)
        rows.append(InForce(name, "house over packaged" if len(paths) > 1 else "packaged", paths[-1]))
    for regime_file in sorted((PACKAGED / "exemptions").glob("*.yaml")):
        house = templates_set.house / "exemptions" / regime_file.name if templates_set.house else None
        overridden = house is not None and house.is_file()
        rows.append(InForce(f"exemptions/{regime_file.name}", "house over packaged" if overridden else "packaged",
                            house if overridden else regime_file))
    return rows


def future_versions(templates_set: TemplateSet, on: dt.date) -> list[Version]:
    """Boilerplate versions that start after a date: written ahead, not yet in force."""
    return [v for block in templates_set.blocks() for v in templates_set.boilerplate_versions(block) if v.start > on]


def _applies(version: Version) -> str:
    until = f" until {version.until:%d %B %Y}" if version.until else ""
    return f"from {version.start:%d %B %Y}{until}"


def _origin_of(templates_set: TemplateSet, path: Path) -> str:
    house = templates_set.house
    return "house" if house is not None and path.resolve().is_relative_to(house) else "packaged"


def _folders(templates_set: TemplateSet) -> list[tuple[Path, str]]:
    return [(f, "house" if f == templates_set.house else "packaged") for f in templates_set.folders]
