"""The templates in force: the organisation's `templates/` over the defaults in the package.

A `TemplateSet` finds templates along a search path (house first, then packaged; a
house template can extend the default it replaces as `default:letter.html.j2`), picks
the boilerplate version in force on a letter's date, and gives the organisation's
profile and the regimes' data as they stood on that date.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from pydantic import BaseModel, ConfigDict, Field

from foiletters.errors import TemplateError, display_path
from foiletters.load.datafile import read_yaml, validate
from foiletters.render import filters
from foiletters.render.exemptions import Library, library_loader
from foiletters.render.sandbox import LetterSandbox

PACKAGED = Path(__file__).resolve().parent.parent / "data"
BOILERPLATE = "boilerplate"
# Packaged data that no letter uses: the disclosure log's site, the skeleton of `foiletters new`, and the
# statistics' settings (so that changing them rebuilds no letter of the log).
NOT_LETTER_WORDING = {"site", "new", "statistics.yaml"}
# A boilerplate version is named by the day from which it applies, and optionally the last
# day on which it does: 2024-11-01.html.j2, or 2024-11-01--2025-03-31.html.j2.
_VERSION_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:--(\d{4}-\d{2}-\d{2}))?\.html\.j2$")


@dataclass(frozen=True)
class Version:
    """One version of a boilerplate block: its template name, file, and the days it applies."""

    block: str
    start: dt.date
    until: dt.date | None  # the last day it applies; None: until a later version starts
    name: str  # the template name, e.g. boilerplate/reuse/2021-01-01.html.j2
    path: Path

    def applies_on(self, on: dt.date) -> bool:
        return self.start <= on and (self.until is None or on <= self.until)


class Dated(BaseModel):
    """A change that applies from a date: the fields it sets replace the earlier values."""

    model_config = ConfigDict(extra="allow")
    from_: dt.date = Field(alias="from")
    note: str | None = Field(None, description="Why, and how sure the date is.")


class ProfileFile(BaseModel):
    model_config = ConfigDict(extra="allow")
    changes: list[Dated] = Field(default_factory=list)


class Regulator(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    address: str
    email: str
    website: str
    changes: list[Dated] = Field(default_factory=list)


class Regime(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(description="The law's name, e.g. Freedom of Information Act 2000.")
    short: str = Field(description="Its short form, e.g. FOIA.")
    regulator: str = Field(description="The regulator's key under `regulators`.")
    not_held: str = Field(description="The exemption library's citation for 'not held'.")
    personal_data: str = Field(description="The exemption library's citation for others' personal data.")
    letter_must_say: list[str] = Field(
        default_factory=list, description="Phrases every letter under this regime must contain (its review and "
        "appeal rights); `foiletters check` looks for each, and for the regulator's name and address.")


class RegimesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regulators: dict[str, Regulator]
    regimes: dict[str, Regime]


def _version_dates(match: re.Match[str]) -> tuple[dt.date, dt.date | None] | None:
    try:
        start = dt.date.fromisoformat(match.group(1))
        until = dt.date.fromisoformat(match.group(2)) if match.group(2) else None
    except ValueError:  # 2024-02-30
        return None
    return (start, until) if until is None or until >= start else None


def _is_boilerplate_version(relative: Path) -> bool:
    return BOILERPLATE in relative.parts and _VERSION_NAME.match(relative.name) is not None


def in_force(base: dict[str, Any], changes: list[Dated], on: dt.date) -> dict[str, Any]:
    """The values as they stood on a date: the base, then every change dated on or before it, in date order."""
    values = dict(base)
    for change in sorted(changes, key=lambda c: c.from_):
        if change.from_ <= on:
            merge(values, change.model_extra or {})
    return values


def merge(values: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """`new` over `values`; a group of settings (`layout:`) is merged setting by setting, so that a house
    gives only the settings it changes."""
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(values.get(key), dict):
            values[key] = merge(dict(values[key]), value)
        else:
            values[key] = value
    return values


def _refuse_links_out_of(folder: Path) -> None:
    """A symbolic link in the house folder may point only inside it.

    Jinja and the data readers follow links, so a link to a file elsewhere would let a
    template include, or a letter carry, any file the build can read (a key, a password file).
    """
    outside = []
    for directory, subdirectories, names in os.walk(folder):  # not into linked folders: each is checked here
        for name in sorted(subdirectories + names):
            path = Path(directory) / name
            if path.is_symlink() and not path.resolve().is_relative_to(folder):
                outside.append(display_path(path))
    if outside:
        raise TemplateError(f"{', '.join(sorted(outside))}: a link in the templates folder points outside it; "
                            "copy the file into the folder instead")


# What a house may load into its letters from its templates folder: images, its style sheet and fonts.
HOUSE_ASSETS = {".png", ".svg", ".css", ".ttf", ".otf", ".woff", ".woff2"}


def house_asset(templates: TemplateSet, name: str) -> str:
    """The address by which the letter loads a file of the house folder (its logo, its style sheet):
    `house/<name>`, which only the PDF's restricted fetcher and the DOCX's logo reader resolve."""
    where = f"profile.yaml: layout names {name!r}"
    if templates.house is None:
        raise TemplateError(f"{where}, but there is no house templates folder to hold it")
    path = (templates.house / name).resolve()
    if not path.is_relative_to(templates.house) or path.suffix.lower() not in HOUSE_ASSETS:
        raise TemplateError(f"{where}: a logo, style sheet or font is a {', '.join(sorted(HOUSE_ASSETS))} file "
                            "inside the templates folder")
    if not path.is_file():
        raise TemplateError(f"{where}, which is not in {display_path(templates.house)}")
    return f"house/{path.relative_to(templates.house).as_posix()}"


# The layout settings that take one of a few values, and those values.
LAYOUT_CHOICES = {
    "date_position": ("below-addressee", "above-addressee", "right", "metadata"),
    "exemptions_list": ("before", "after"),
    "letterhead_languages": ("side-by-side", "stacked"),
}
METADATA = ("reference", "received", "sent", "due", "your_ref")


def _check_layout(data: Any, defaults: dict[str, Any], path: Path) -> None:
    """A house's `layout:` names only settings that exist, with values they can take: a misspelt setting
    would otherwise be ignored without a word. Each mistake names the file, the line and what is right."""
    import difflib

    from foiletters.load import yaml_source

    layout = data.get("layout") if isinstance(data, dict) else None
    if not isinstance(layout, dict):
        return
    problems = []

    def where(*loc: str) -> str:
        mark = yaml_source.mark_of(data, ("layout", *loc))
        return f"{display_path(path)}:{mark.line if mark else '?'}: layout.{'.'.join(loc)}"

    def unknown(keys: dict[str, Any], known: dict[str, Any], *loc: str) -> None:
        for key in keys:
            if key not in known:
                close = difflib.get_close_matches(str(key), list(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"the settings are {', '.join(sorted(known))}"
                problems.append(f"{where(*loc, str(key))}: there is no such setting; {hint}")

    unknown(layout, defaults)
    if isinstance(layout.get("labels"), dict):
        unknown(layout["labels"], defaults.get("labels") or {}, "labels")
    for key, choices in LAYOUT_CHOICES.items():
        if key in layout and layout[key] not in choices:
            problems.append(f"{where(key)}: {layout[key]!r} is not one of {', '.join(choices)}")
    for value in layout.get("metadata") or []:
        if value not in METADATA:
            problems.append(f"{where('metadata')}: {value!r} is not one of {', '.join(METADATA)}")
    if problems:
        raise TemplateError("\n".join(problems))


class TemplateSet:
    """The templates, boilerplate, profile and regimes that letters are rendered with."""

    def __init__(self, house: Path | None = None):
        self.house = house.resolve() if house and house.is_dir() else None
        if self.house is not None:
            _refuse_links_out_of(self.house)
        self.folders = [f for f in (self.house, PACKAGED / "templates") if f is not None]
        self._versions: dict[str, list[tuple[dt.date, str]]] = {}
        self._fingerprints: dict[int, str] = {}  # by the period of dates (`_version_changes`)
        self._fingerprints_by_versions: dict[tuple[tuple[str, Path], ...], str] = {}

    # -- Jinja -------------------------------------------------------------------------------

    @cached_property
    def env(self) -> jinja2.Environment:
        loader = jinja2.ChoiceLoader([
            jinja2.PrefixLoader({
                "default": jinja2.FileSystemLoader(str(PACKAGED / "templates")),
                "library": library_loader(self.library),
            }, delimiter=":"),
            jinja2.FileSystemLoader([str(f) for f in self.folders]),
        ])
        # Sandboxed: templates are trusted, but objects from answer files pass through them.
        env = LetterSandbox(
            loader=loader, autoescape=True, undefined=jinja2.StrictUndefined,
            trim_blocks=True, lstrip_blocks=True, auto_reload=False,
        )
        filters.install(env)
        # Every kind of letter can show the house's logo and style sheet, whatever its context holds.
        env.globals["house_asset"] = lambda name: house_asset(self, name)
        return env

    def template(self, name: str) -> jinja2.Template:
        try:
            return self.env.get_template(name)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(f"{display_path(Path(exc.filename or name))}:{exc.lineno}: "
                                f"template syntax error: {exc.message}") from None
        except jinja2.TemplateNotFound as exc:
            raise TemplateError(f"template {exc.name!r} was not found in {self._where()}") from None

    def _where(self) -> str:
        return " or ".join(display_path(f) for f in self.folders)

    @cached_property
    def library(self) -> Library:
        return Library(self)

    # -- boilerplate versions ------------------------------------------------------------------

    def boilerplate_versions(self, block: str) -> list[Version]:
        """Each version of a boilerplate block, oldest first, from the first folder that has any."""
        if block not in self._versions:  # the folders are read once per block, not once per letter
            self._versions[block] = self._read_versions(block)
        return self._versions[block]

    def _read_versions(self, block: str) -> list[Version]:
        for folder in self.folders:
            versions = []
            directory = folder / BOILERPLATE / block
            for path in sorted(directory.glob("*.html.j2")) if directory.is_dir() else []:
                match = _VERSION_NAME.match(path.name)
                dates = _version_dates(match) if match else None
                if dates is None:
                    raise TemplateError(f"{display_path(path)}: a boilerplate version is named by the date from "
                                        "which it applies, e.g. 2024-11-01.html.j2, or by the first and last "
                                        "days it applies, e.g. 2024-11-01--2025-03-31.html.j2")
                versions.append(Version(block, dates[0], dates[1], f"{BOILERPLATE}/{block}/{path.name}", path))
            if versions:
                return sorted(versions, key=lambda v: v.start)
        return []

    def blocks(self) -> list[str]:
        """The names of every boilerplate block, house and packaged, with each block's wording for one law
        (a folder named by the regime inside the block's: `regulator/FOISA`)."""
        found = set()
        for folder in self.folders:
            for block in (folder / BOILERPLATE).iterdir() if (folder / BOILERPLATE).is_dir() else []:
                if block.is_dir():
                    found.add(block.name)
                    found.update(f"{block.name}/{d.name}" for d in block.iterdir() if d.is_dir()
                                 and d.name in self.regimes.regimes)
        return sorted(found)

    def block_for(self, block: str, regime: str | None, on: dt.date) -> str:
        """The block a letter under `regime` uses on a date: the block's wording for that law where a templates
        folder has a version of it in force (boilerplate/regulator/FOISA/), else the block's own."""
        if regime and self.version_in_force(f"{block}/{regime}", on) is not None:
            return f"{block}/{regime}"
        return block

    def version_in_force(self, block: str, on: dt.date) -> Version | None:
        """The version of `block` in force on a date: the latest that has started and not ended."""
        started = [v for v in self.boilerplate_versions(block) if v.start <= on]
        if started and started[-1].applies_on(on):
            return started[-1]
        return None

    def boilerplate(self, block: str, on: dt.date) -> str:
        """The template name of the version of `block` in force on a date."""
        versions = self.boilerplate_versions(block)
        if not versions:
            raise TemplateError(f"there is no boilerplate {block!r}: add {BOILERPLATE}/{block}/YYYY-MM-DD.html.j2 "
                                f"to {self._where()}")
        version = self.version_in_force(block, on)
        if version is None:
            started = [v for v in versions if v.start <= on]
            if not started:
                raise TemplateError(f"no version of boilerplate {block!r} applies on {on:%d %B %Y}: "
                                    f"the earliest is from {versions[0].start:%d %B %Y}")
            raise TemplateError(f"no version of boilerplate {block!r} applies on {on:%d %B %Y}: "
                                f"{display_path(started[-1].path)} ended on {started[-1].until:%d %B %Y} and no "
                                "later version has started; add one from the day after")
        return version.name

    # -- which wording a letter had ---------------------------------------------------------------

    def fingerprint(self, on: dt.date) -> str:
        """A short hash of every template, boilerplate version and data file in force on a date.

        It changes when any wording a letter of that date could use changes, and not when a
        boilerplate version for another date is added, so it can key caches and be recorded in
        each letter to tell which wording it had.
        """
        # Letters of many dates share the versions in force, which change only on the days a version starts
        # or ends: the versions are looked up once per period between two such days (a log of 10,000 letters
        # has thousands of dates and a few periods), and the files read once per set of versions.
        period = bisect.bisect_right(self._version_changes, on)
        if period not in self._fingerprints:
            versions = tuple(sorted((v.name, v.path) for v in (self.version_in_force(b, on) for b in self._block_names)
                                    if v is not None))
            if versions not in self._fingerprints_by_versions:
                digest = hashlib.sha256()
                for label, path in sorted([*self._files_always_in_force, *versions]):
                    data = path.read_bytes()
                    digest.update(f"{label}\0{len(data)}\0".encode())
                    digest.update(data)
                self._fingerprints_by_versions[versions] = digest.hexdigest()[:12]
            self._fingerprints[period] = self._fingerprints_by_versions[versions]
        return self._fingerprints[period]

    @cached_property
    def _block_names(self) -> list[str]:  # the folders are listed once, not once for each date
        return self.blocks()

    @cached_property
    def _version_changes(self) -> list[dt.date]:
        """The days on which some boilerplate version starts or stops applying, in order: between two of them,
        the same versions are in force."""
        days = set()
        for block in self._block_names:
            for version in self.boilerplate_versions(block):
                days.add(version.start)
                if version.until is not None:
                    days.add(version.until + dt.timedelta(days=1))
        return sorted(days)

    @cached_property
    def _files_always_in_force(self) -> list[tuple[str, Path]]:
        """Every template and data file but the boilerplate versions, which depend on the date."""
        roots = [("packaged", PACKAGED)] + ([("house", self.house)] if self.house else [])
        files: list[tuple[str, Path]] = []
        for label, root in roots:
            for path in root.rglob("*"):
                relative = path.relative_to(root)
                if path.is_file() and not _is_boilerplate_version(relative) and "__pycache__" not in relative.parts \
                        and relative.parts[0] not in NOT_LETTER_WORDING:
                    files.append((f"{label}/{relative.as_posix()}", path))
        return files

    # -- data of the organisation and the regimes -----------------------------------------------

    def data_files(self, name: str) -> list[Path]:
        """A data file of the package and its house override, packaged first."""
        paths = [PACKAGED / name]
        if self.house is not None and (self.house / name).is_file():
            paths.append(self.house / name)
        return paths

    @cached_property
    def _profile(self) -> tuple[dict[str, Any], list[Dated]]:
        base: dict[str, Any] = {}
        changes: list[Dated] = []
        packaged: dict[str, Any] | None = None
        for path in self.data_files("profile.yaml"):
            data = read_yaml(path)
            profile = validate(ProfileFile, data, path)
            if packaged is None:
                packaged = dict(profile.model_extra or {})
            else:
                _check_layout(data, packaged.get("layout") or {}, path)
            merge(base, profile.model_extra or {})
            changes += profile.changes
        return base, changes

    def profile(self, on: dt.date) -> dict[str, Any]:
        base, changes = self._profile
        return in_force(base, changes, on)

    @cached_property
    def regimes(self) -> RegimesFile:
        merged: dict[str, Any] = {"regulators": {}, "regimes": {}}
        for path in self.data_files("regimes.yaml"):
            data = validate(RegimesFile, read_yaml(path), path)
            merged["regulators"].update(data.regulators)
            merged["regimes"].update(data.regimes)
        return RegimesFile(**merged)

    def regime(self, key: str) -> Regime:
        return self.regimes.regimes[key]

    def regulator(self, regime: str, on: dt.date) -> dict[str, Any]:
        regulator = self.regimes.regulators[self.regime(regime).regulator]
        return in_force(regulator.model_dump(exclude={"changes"}), regulator.changes, on)
