"""Check the exemptions an answer file cites against the exemption library of its regime."""

from __future__ import annotations

import difflib

from foiletters.errors import Problem
from foiletters.load.answerfile import Request, walk_items
from foiletters.render.exemptions import Library, citation_key
from foiletters.render.markdown import is_web_address


def exemption_problems(request: Request, library: Library) -> list[Problem]:
    regime = request.answers.regime
    known = library.entries(regime)
    problems = []
    for loc, _, item in walk_items(dict(enumerate(request.answers.questions)), ("questions",)):
        ex = item.exemption
        if ex is None:
            continue
        here = loc + ("exemption",)
        entry = library.find(regime, ex.cite)
        if entry is None:
            elsewhere = library.other_regimes(ex.cite)
            close = difflib.get_close_matches(citation_key(ex.cite), list(known), n=3, cutoff=0.5)
            hint = (f"{ex.cite} belongs to {', '.join(elsewhere)}, not {regime}" if elsewhere else
                    f"did you mean {' or '.join(close)}?" if close else
                    f"the {regime} library has: {', '.join(e.cite for e in known.values())}")
            problems.append(request.problem(here + ("cite",), f"{ex.cite!r} is not in the {regime} exemption "
                                            "library", hint))
            continue
        for name in entry.params:
            if entry.params[name].required and not ex.params.get(name):
                problems.append(request.problem(here, f"{entry.cite} needs `{name}`",
                                                f"add `{name}:` ({entry.params[name].description})"))
        for name, value in ex.params.items():
            if name not in entry.params:
                accepted = ", ".join(["cite", "because", "reasoning", "options", "public_interest", *entry.params])
                problems.append(request.problem(here + (name,), f"{entry.cite} takes no `{name}`",
                                                f"expected one of: {accepted}"))
            elif not isinstance(value, str):
                problems.append(request.problem(here + (name,), f"`{name}` must be text", ""))
            elif name == "link" and not is_web_address(value):
                problems.append(request.problem(here + (name,), f"{value!r} is not a web address",
                                                "a link starts with https://"))
        for index, option in enumerate(ex.options):
            if option not in entry.options:
                choices = ", ".join(entry.options) or "none"
                problems.append(request.problem(here + ("options", index), f"{entry.cite} has no option "
                                                f"{option!r}", f"its options: {choices}"))
    return problems
