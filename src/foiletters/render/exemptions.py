"""The exemption library: standard wording of exemptions, exceptions and refusals, as data.

Each regime has a YAML file in the package (`data/exemptions/`); the organisation's
`templates/exemptions/` can add entries or replace fields of packaged ones (usually the
wording). A wording is a Jinja template of its own, so an error in it is reported with
the library file and line.
"""

from __future__ import annotations

import re
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import jinja2
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field

from foiletters.errors import TemplateError, display_path
from foiletters.load import yaml_source
from foiletters.load.datafile import read_yaml, validate

if TYPE_CHECKING:
    from foiletters.render.house import TemplateSet

Kind = Literal["absolute", "qualified", "procedural", "not-held"]
TEMPLATE_PARTS = ("wording", "closing", "ncnd_wording")


class Param(BaseModel):
    model_config = ConfigDict(extra="forbid")
    description: str
    required: bool = True
    source: str | None = Field(None, description="The legal basis for needing it, e.g. FOIA s16 for advice.")
    choices: list[str] | None = Field(None, description="The values it may take, when it is one of a few.")


class Entry(BaseModel):
    """One exemption, exception or refusal as letters cite it."""

    model_config = ConfigDict(extra="forbid")
    cite: str = Field(description="The citation as letters write it (the key in the library file).")
    title: str
    kind: Kind
    ncnd: str | None = Field(None, description="The subsection that allows neither confirming nor denying.")
    source: str = Field(description="Where the legal text is, e.g. a legislation.gov.uk address.")
    params: dict[str, Param] = Field(default_factory=dict)
    options: dict[str, str] = Field(default_factory=dict, description="Named optional sentences and what they say.")
    wording: str = Field(description="The standard wording: a Jinja template of HTML paragraphs.")
    closing: str | None = Field(None, description="Wording after the officer's further explanation.")
    ncnd_wording: str | None = Field(None, description="The neither-confirm-nor-deny wording: says nothing of "
                                     "whether the information is held.")
    equivalents: dict[str, str] = Field(default_factory=dict, description="The same ground in other regimes, "
                                        "by regime: {EIR: reg 12(5)(e)}.")


class LibraryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regime: str
    entries: dict[str, dict[str, Any]]


def citation_key(cite: str) -> str:
    """One spelling for every way of writing a citation: 'Section 40 (2)' and 's40(2)' are one."""
    key = re.sub(r"\s+", "", cite.lower())
    key = re.sub(r"^(section|sec\.?|s\.)", "s", key)
    return re.sub(r"^(regulation|regs?\.?)", "reg", key)


class Library:
    """All entries of every regime, with where each field was written."""

    def __init__(self, templates: TemplateSet):
        self.templates = templates

    @cached_property
    def _loaded(self) -> tuple[dict[tuple[str, str], Entry], dict[str, tuple[str, str]]]:
        raw: dict[tuple[str, str], dict[str, Any]] = {}
        origin: dict[tuple[str, str], Path] = {}
        sources: dict[str, tuple[str, str]] = {}  # template name -> (source, file)
        folders = [self.templates.house / "exemptions"] if self.templates.house else []
        packaged = Path(__file__).resolve().parent.parent / "data" / "exemptions"
        for folder in [packaged, *folders]:
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                data = read_yaml(path)
                library = validate(LibraryFile, data, path)
                for cite, fields in library.entries.items():
                    key = (library.regime.upper(), citation_key(cite))
                    raw.setdefault(key, {"cite": cite}).update(fields)
                    origin[key] = path
                    for part in TEMPLATE_PARTS:
                        if part in fields:
                            sources[_template_name(key, part)] = (
                                _at_line(fields[part], data, ("entries", cite, part)), str(path))
        entries = {key: validate(Entry, fields, origin[key]) for key, fields in raw.items()}
        return entries, sources

    def entries(self, regime: str) -> dict[str, Entry]:
        return {cite: e for (r, cite), e in self._loaded[0].items() if r == regime}

    def find(self, regime: str, cite: str) -> Entry | None:
        return self._loaded[0].get((regime, citation_key(cite)))

    def other_regimes(self, cite: str) -> list[str]:
        return sorted(r for (r, c) in self._loaded[0] if c == citation_key(cite))

    def source(self, name: str) -> tuple[str, str] | None:
        return self._loaded[1].get(name)

    def render(self, regime: str, cite: str, part: str, context: dict[str, Any]) -> Markup:
        entry = self.find(regime, cite)
        if entry is None or getattr(entry, part) is None:
            return Markup("")
        template = self.templates.template(f"library:{_template_name((regime, citation_key(cite)), part)}")
        try:  # a wording that starts with `{{ lead }}` starts with a capital when there is no lead
            return _capitalised(Markup(template.render(context)))
        except jinja2.UndefinedError as exc:
            source = self.source(_template_name((regime, citation_key(cite)), part))
            raise TemplateError(f"{display_path(Path(source[1])) if source else 'exemption library'}: "
                                f"the wording of {cite} uses a name that is not defined ({exc.message})") from None


def _capitalised(html: Markup) -> Markup:
    """The wording with its first letter capitalised (house wording writes `<p>{{ lead }}we hold …`)."""
    from foiletters.render.filters import upper_first

    stripped = html.lstrip()
    return Markup(html[:len(html) - len(stripped)]) + Markup(upper_first(stripped))


def _template_name(key: tuple[str, str], part: str) -> str:
    return f"{key[0]}/{key[1]}/{part}"


def _at_line(text: str, data: Any, loc: tuple[str, ...]) -> str:
    """The wording padded with blank lines so that Jinja's line numbers are the YAML file's."""
    mark = yaml_source.mark_of(data, loc)
    # A block scalar (`|`) starts on the line after its indicator, which is where the mark is.
    return "\n" * (mark.line if mark else 0) + text


def library_loader(library: Library) -> jinja2.BaseLoader:
    class _Loader(jinja2.BaseLoader):
        def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
            found = library.source(template)
            if found is None:
                raise jinja2.TemplateNotFound(template)
            return found[0], found[1], lambda: True

    return _Loader()
