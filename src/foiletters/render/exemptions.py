"""The exemption library: standard wording of exemptions, exceptions and refusals, as data.

Each regime has a YAML file in the package (`data/exemptions/`); the organisation's
`templates/exemptions/` can add entries or replace fields of packaged ones (usually the
wording). A wording is a Jinja template of its own, so an error in it is reported with
the library file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
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
    good_practice: str | None = Field(None, description="For a detail the law does not require but guidance "
                                      "expects: the guidance. Left out, `check` warns (never stops the build).")


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
    parts: list[str] = Field(default_factory=list, description="Other citations of the law that this entry "
                             "answers for, e.g. s12(1) and s12(2) for s12: letters may cite any of them, and any "
                             "paragraph below them.")
    qualified_parts: list[str] = Field(default_factory=list, description="Of an absolute entry, the citations "
                                       "that are qualified, e.g. s40(3B) and s40(4A) of s40(2).")
    cost_rules: Literal["FOIA", "FOISA"] | None = Field(None, description="A cost-limit refusal: the fees "
                                                        "regulations whose limit and counting apply.")


class LibraryFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    regime: str
    provisions: list[str] = Field(default_factory=list, description="The sections or regulations of the law that "
                                  "letters cite, as ranges: [s1, s12, s14, s21-s44]. A citation in them that the "
                                  "library lacks is reported as missing from the library, not as another law's.")
    entries: dict[str, dict[str, Any]]


# A citation: 's30(1)(a)' -> base 's30', parts ['1', 'a']; 'reg 12(5)(e)' -> base 'reg12', ['5', 'e'].
_CITATION = re.compile(r"^(?P<base>s\d+[a-z]{0,2}|reg\d+[a-z]{0,2})(?P<parts>(\([0-9a-z]+\))*)$")
# The further paragraphs of one citation: 's31(1)(a) and (b)', 's36(2)(b)(i), (ii)'.
_MORE = re.compile(r"\s*(?:,|\band\b|&|/|\bor\b)\s*")


@dataclass(frozen=True)
class Cited:
    """A citation as the letter writes it, resolved to the library entry it belongs to."""

    cite: str  # as written
    entry: Entry
    ncnd: bool  # the citation is the entry's neither-confirm-nor-deny subsection (s23(5), s40(5B)(a)(i))
    qualified: bool  # the entry's kind, or a qualified part of an absolute entry (s40(4A))


@lru_cache(maxsize=4096)
def citation_key(cite: str) -> str:
    """One spelling for every way of writing a citation: 'Section 40 (2)' and 's40(2)' are one."""
    key = re.sub(r"\s+", "", cite.lower())
    key = re.sub(r"^(section|sec\.?|s\.)", "s", key)
    return re.sub(r"^(regulation|regs?\.?)", "reg", key)


def citation_keys(cite: str) -> list[str]:
    """Every citation a letter's citation names: 's31(1)(a) and (b)' -> ['s31(1)(a)', 's31(1)(b)']."""
    pieces = [p for p in _MORE.split(cite.strip()) if p.strip()]
    if not pieces:
        return [citation_key(cite)]
    first = citation_key(pieces[0])
    keys = [first]
    for piece in pieces[1:]:
        piece = citation_key(piece)
        if piece.startswith("("):  # '(b)' after 's31(1)(a)': a sibling of the last paragraph
            groups = re.findall(r"\([0-9a-z]+\)", keys[-1])
            depth = len(re.findall(r"\([0-9a-z]+\)", piece))
            head = keys[-1][:len(keys[-1]) - sum(len(g) for g in groups[len(groups) - depth:])] if groups else keys[-1]
            keys.append(head + piece)
        else:
            keys.append(piece)
    return keys


def section_of(key: str) -> str | None:
    """'s30(1)(a)' -> 's30'; 'reg12(4)(b)' -> 'reg12'; None when it is not a citation."""
    match = _CITATION.match(key)
    return match["base"] if match else None


def _shorter(key: str) -> str | None:
    """The citation one level up: 's30(1)(a)' -> 's30(1)'; None at the section itself."""
    match = re.match(r"^(.*)\([0-9a-z]+\)$", key)
    return match.group(1) if match else None


def _number(base: str) -> tuple[str, int, str]:
    match = re.match(r"^(s|reg)(\d+)([a-z]*)$", base)
    assert match
    return match.group(1), int(match.group(2)), match.group(3)


def _within(key: str, ancestor: str) -> bool:
    """'s40(5B)(a)(i)' is within 's40(5B)'; 's40(5)' is not within 's40(5B)'."""
    return key == ancestor or key.startswith(ancestor + "(")


def _in_ranges(base: str, provisions: list[str]) -> bool:
    kind, number, suffix = _number(base)
    for provision in provisions:
        ends = [citation_key(e) for e in provision.split("-")]
        low, high = _number(ends[0]), _number(ends[-1])
        if low[0] == kind and (low[1], low[2]) <= (number, suffix) <= (high[1], high[2] or "zz"):
            return True
    return False


class Library:
    """All entries of every regime, with where each field was written."""

    def __init__(self, templates: TemplateSet):
        self.templates = templates
        self._resolved: dict[tuple[str, str], Cited | None] = {}  # the library does not change once loaded

    @cached_property
    def _loaded(self) -> tuple[dict[tuple[str, str], Entry], dict[str, tuple[str, str]], dict[str, list[str]]]:
        raw: dict[tuple[str, str], dict[str, Any]] = {}
        provisions: dict[str, list[str]] = {}
        origin: dict[tuple[str, str], Path] = {}
        sources: dict[str, tuple[str, str]] = {}  # template name -> (source, file)
        folders = [self.templates.house / "exemptions"] if self.templates.house else []
        packaged = Path(__file__).resolve().parent.parent / "data" / "exemptions"
        for folder in [packaged, *folders]:
            for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
                data = read_yaml(path)
                library = validate(LibraryFile, data, path)
                provisions.setdefault(library.regime.upper(), []).extend(library.provisions)
                for cite, fields in library.entries.items():
                    key = (library.regime.upper(), citation_key(cite))
                    raw.setdefault(key, {"cite": cite}).update(fields)
                    origin[key] = path
                    for part in TEMPLATE_PARTS:
                        if part in fields:
                            sources[_template_name(key, part)] = (
                                _at_line(fields[part], data, ("entries", cite, part)), str(path))
        entries = {key: validate(Entry, fields, origin[key]) for key, fields in raw.items()}
        return entries, sources, provisions

    def entries(self, regime: str) -> dict[str, Entry]:
        return {cite: e for (r, cite), e in self._loaded[0].items() if r == regime}

    def find(self, regime: str, cite: str) -> Entry | None:
        """The entry a citation belongs to, at whatever depth it is written (s30(1)(a), s12(1), s23(5))."""
        found = self.resolve(regime, cite)
        return found.entry if found else None

    def resolve(self, regime: str, cite: str) -> Cited | None:
        """The citation resolved: its entry, and whether it names the NCND subsection or a qualified part.

        A citation belongs to an entry when it is the entry's key, one of its `parts`, or its NCND
        subsection (when no other entry shares it), or a paragraph below one of them (s30(1)(a) of
        s30(1); s40(5B)(a)(i) of s40(2), whose NCND subsection is s40(5B)). A section cited as a whole
        (s42) is the one entry of that section, when there is only one. Several paragraphs
        (s31(1)(a) and (b)) must all belong to the same entry.
        """
        if (regime, cite) not in self._resolved:  # the checks and the rendering ask for each citation many times
            self._resolved[(regime, cite)] = self._resolve(regime, cite)
        return self._resolved[(regime, cite)]

    def _resolve(self, regime: str, cite: str) -> Cited | None:
        keys = citation_keys(cite)
        entries = [self._resolve_key(regime, key) for key in keys]
        if not entries or any(e is None for e in entries) or len({id(e) for e in entries}) != 1:
            return None
        entry = entries[0]
        assert entry is not None
        ncnd = bool(entry.ncnd) and any(_within(k, citation_key(entry.ncnd)) for k in keys) and \
            citation_key(entry.ncnd) != citation_key(entry.cite)
        qualified = entry.kind == "qualified" or any(_within(k, citation_key(p)) for k in keys
                                                     for p in entry.qualified_parts)
        return Cited(cite, entry, ncnd, qualified)

    @cached_property
    def _index(self) -> dict[tuple[str, str], Entry]:
        """(regime, key) -> entry, for every name of an entry: its key, its parts, its own NCND subsection."""
        index: dict[tuple[str, str], Entry] = {}
        ncnd_users: dict[tuple[str, str], list[Entry]] = {}
        for (regime, key), entry in self._loaded[0].items():
            index[(regime, key)] = entry
            if entry.ncnd:
                ncnd_users.setdefault((regime, citation_key(entry.ncnd)), []).append(entry)
        for (regime, _key), entry in self._loaded[0].items():
            for part in [*entry.parts, *entry.qualified_parts]:
                index.setdefault((regime, citation_key(part)), entry)
        for name, users in ncnd_users.items():
            if len(users) == 1:  # FOISA's s18 serves many entries: citing it alone names none of them
                index.setdefault(name, users[0])
        return index

    def _resolve_key(self, regime: str, key: str) -> Entry | None:
        index = self._index
        if (regime, key) in index:
            return index[(regime, key)]
        # Deeper than an entry: a paragraph of a subsection it answers for. A section's own key (FOISA's
        # s40) takes no subsection the library does not list among its `parts`.
        up = _shorter(key)
        while up is not None:
            entry = index.get((regime, up))
            if entry is not None and (_shorter(up) is not None or entry.parts):
                return entry
            up = _shorter(up)
        # A section cited as a whole: its only entry.
        if _shorter(key) is None and section_of(key):
            below = {id(e): e for (r, k), e in self._loaded[0].items()
                     if r == regime and section_of(k) == key}
            if len(below) == 1:
                return next(iter(below.values()))
        return None

    def in_the_law(self, regime: str, cite: str) -> bool:
        """Whether the regime's law has the section or regulation cited (its library file's `provisions`)."""
        base = section_of(citation_keys(cite)[0])
        return bool(base) and _in_ranges(base, self._loaded[2].get(regime, []))

    def of_section(self, regime: str, cite: str) -> list[Entry]:
        """The entries of the section or regulation a citation is in."""
        base = section_of(citation_keys(cite)[0])
        return [e for (r, k), e in self._loaded[0].items() if r == regime and base and section_of(k) == base]

    def other_regimes(self, cite: str) -> list[str]:
        regimes = sorted({r for (r, _) in self._loaded[0]})
        return [r for r in regimes if self.resolve(r, cite) is not None]

    def source(self, name: str) -> tuple[str, str] | None:
        return self._loaded[1].get(name)

    def render(self, regime: str, cite: str, part: str, context: dict[str, Any]) -> Markup:
        entry = self.find(regime, cite)
        if entry is None or getattr(entry, part) is None:
            return Markup("")
        key = next(k for (r, k), e in self._loaded[0].items() if r == regime and e is entry)
        template = self.templates.template(f"library:{_template_name((regime, key), part)}")
        # A detail left out (its finding accepted) prints as nothing, never as "None".
        # `cite`: the citation as the answer file writes it (s30(1)(a)), for a house's wording to print.
        context = {"cost": None, "cite": cite, **context,
                   **{name: "" for name in entry.params if context.get(name) is None}}
        try:  # a wording that starts with `{{ lead }}` starts with a capital when there is no lead
            return _capitalised(Markup(template.render(context)))
        except jinja2.UndefinedError as exc:
            source = self.source(_template_name((regime, key), part))
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
