"""What a house templates folder may hold: data and wording, never template programming.

A house holds YAML settings (profile.yaml, regimes.yaml, exemptions/*.yaml), wording (boilerplate
versions and the library's wordings) whose only template syntax is `{{ name }}` or `{{ name.field }}`
from the documented names (render/wording.py), a style sheet, images, fonts with their licences, and
the Word styles (reference.docx). Anything else — a letter or part template of its own, `{% if %}`,
`{% for %}`, `{% set %}`, macros, `extends`, `include`, `import`, filters, expressions — is reported by
`foiletters templates check` with its file and line, and what to write instead.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2 import nodes

from foiletters.errors import display_path
from foiletters.load.datafile import read_yaml
from foiletters.render import wording
from foiletters.render.exemptions import TEMPLATE_PARTS
from foiletters.render.house import BOILERPLATE, TemplateSet

DATA = {"profile.yaml", "regimes.yaml", "reference.docx"}
ASSETS = {".css", ".png", ".svg", ".ttf", ".otf", ".woff", ".woff2"}
NOTES = {".txt", ".md"}  # a font's licence, a README for the team
INSTEAD = ("write the wording with {{ name }} from docs/wording-names.md only, and choose layouts with "
           "profile.yaml's `layout:` settings (docs/templates.md)")


def check_house(templates: TemplateSet) -> list[str]:
    """Every file and template construct of the house beyond data and wording, as an error line each."""
    house = templates.house
    if house is None:
        return []
    problems = []
    for path in sorted(p for p in house.rglob("*") if p.is_file() and ".git" not in p.parts):
        relative = path.relative_to(house)
        problems += _file(templates, path, relative)
    return problems


def _file(templates: TemplateSet, path: Path, relative: Path) -> list[str]:
    shown = display_path(path)
    name = relative.as_posix()
    if name in DATA:
        return []
    if relative.parts[0] == BOILERPLATE and path.name.endswith(".html.j2") and len(relative.parts) >= 3:
        return _wording(templates, path.read_text(encoding="utf-8"), shown, 0,
                        where=f"{BOILERPLATE}/{relative.parts[1]}")
    if relative.parts[0] == "exemptions" and path.suffix == ".yaml" and len(relative.parts) == 2:
        return _library(templates, path, shown)
    if path.suffix.lower() in ASSETS | NOTES:
        return []
    if path.name.endswith(".j2"):
        return [f"{shown}: a house holds wording and settings, not templates of its own ({name} replaces the "
                f"packaged template): {INSTEAD}"]
    return [f"{shown}: a house holds settings (profile.yaml), wording (boilerplate/, exemptions/), a style "
            "sheet, images, fonts and reference.docx; this file is none of them"]


def _library(templates: TemplateSet, path: Path, shown: str) -> list[str]:
    from foiletters.load import yaml_source

    data = read_yaml(path)
    entries = data.get("entries") if isinstance(data, dict) else None
    regime = str(data.get("regime", "")).upper() if isinstance(data, dict) else ""
    problems = []
    for cite, fields in (entries or {}).items():
        entry = templates.library.find(regime, str(cite))
        params = set(entry.params) if entry else set()
        for part in TEMPLATE_PARTS:
            text = fields.get(part) if isinstance(fields, dict) else None
            if isinstance(text, str):
                mark = yaml_source.mark_of(data, ("entries", cite, part))
                problems += _wording(templates, text, shown, mark.line if mark else 0, where=wording.LIBRARY,
                                     label=f" ({cite} {part})", params=params)
    return problems


def _wording(templates: TemplateSet, text: str, shown: str, offset: int, *, where: str, label: str = "",
             params: set[str] = frozenset()) -> list[str]:
    """Every construct of one wording beyond `{{ name }}` and `{{ name.field }}`, and every unknown name."""
    try:
        tree = templates.env.parse(text)
    except jinja2.TemplateSyntaxError as exc:
        return [f"{shown}:{offset + (exc.lineno or 1)}{label}: template syntax error: {exc.message}"]
    problems = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            problems.append(f"{shown}:{offset + node.lineno}{label}: {_statement(node)} is template programming; "
                            f"{INSTEAD}")
            continue
        for child in node.nodes:
            if isinstance(child, nodes.TemplateData):
                continue
            top = _name_of(child)
            if top is None:
                problems.append(f"{shown}:{offset + child.lineno}{label}: only {{{{ name }}}} or "
                                f"{{{{ name.field }}}} may be written here, not an expression or filter; {INSTEAD}")
            elif not (wording.known(top, where) or top in params):
                problems.append(f"{shown}:{offset + child.lineno}{label}: {top!r} is not a name wording may use; "
                                "see docs/wording-names.md")
    return problems


def _name_of(node: nodes.Node) -> str | None:
    """The top-level name of `name`, `name.field` or `name.field.0`; None for anything else."""
    while isinstance(node, nodes.Getattr | nodes.Getitem):
        if isinstance(node, nodes.Getitem) and not (isinstance(node.arg, nodes.Const)
                                                    and isinstance(node.arg.value, int | str)):
            return None
        node = node.node
    return node.name if isinstance(node, nodes.Name) else None


def _statement(node: nodes.Node) -> str:
    kinds = {nodes.If: "{% if %}", nodes.For: "{% for %}", nodes.Assign: "{% set %}", nodes.AssignBlock: "{% set %}",
             nodes.Macro: "a macro", nodes.Extends: "{% extends %}", nodes.Include: "{% include %}",
             nodes.Import: "{% import %}", nodes.FromImport: "{% from … import %}", nodes.Block: "{% block %}",
             nodes.CallBlock: "{% call %}", nodes.FilterBlock: "{% filter %}", nodes.With: "{% with %}"}
    return next((label for kind, label in kinds.items() if isinstance(node, kind)), f"{{% {type(node).__name__} %}}")
