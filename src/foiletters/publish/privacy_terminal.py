"""`foiletters privacy`: what holds a request back from the log, shown in context on the officer's terminal.

The log's own report names only where each private value turned up and which form of it, because it
goes to CI logs and the log's cache. Here, on the officer's own terminal, each match is shown with the
words around it, and each hidden thing in an attachment with what it quotes (an author, a sheet's name,
a deleted passage), so that the officer can decide: remove it, or release that one occurrence
(`releases: - at: "…"` with a `reason:`). Nothing here is written anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from foiletters.errors import AnswerFileError, display_path
from foiletters.load.answerfile import Request, load
from foiletters.publish.privacy import searcher_for
from foiletters.publish import life_log
from foiletters.publish.public_letter import search_public_copy
from foiletters.publish.readers.findings import in_full
from foiletters.render.house import TemplateSet
from foiletters.render.letter import render


def show_private_matches(paths: list[Path], templates: TemplateSet, echo: Callable[[str], None] = print) -> bool:
    """Print every match and hidden thing of each answer file, in context; True when none would be held back."""
    clear = True
    for path in paths:
        shown = display_path(path)
        try:
            request = load(path)
            searcher_for(request, templates)  # a `private:` value that cannot be protected is an error first
        except AnswerFileError as error:
            echo("\n".join(str(p) for p in error.problems))
            clear = False
            continue
        if request.answers.date is None:
            echo(f"{shown}: no response has been sent yet: the log publishes a request with its response")
            continue
        public = Request(request.answers.model_copy(update={"requester": None}), request.source, request.data)
        # The response and the other letters the log would publish beside it (life_log decides which).
        others = [(life_log.entry(request.answers, letter, templates), render(public, templates, letter))
                  for letter in life_log.log_letters(request.answers, templates)]
        search, hidden = search_public_copy(request, templates, render(public, templates), others)
        for leak in search.leaks:
            echo(f"{leak.where}: {leak.what}\n    {leak.context}\n    to release it: releases: - at: \"{leak.key}\"")
        for leak in search.released:
            reason = next((r.reason for r in request.answers.releases if " ".join(r.at.split()) == leak.key), "")
            echo(f"{leak.where}: {leak.what}: released ({reason})\n    {leak.context}")
        for encoding in search.encodings:
            echo(encoding)
        for problem in search.unreadable:
            echo(f"{problem}: not published, since it cannot be searched")
        for label, thing in hidden:
            echo(f"{shown}: attachment {label}: {in_full(thing.where)}: {in_full(thing.what)}")
        held = bool(search.leaks or search.unreadable or hidden)
        clear = clear and not held
        echo(f"{shown}: " + ("held back from the log" if held else "nothing private or hidden found") +
             (f"; {len(search.released)} released" if search.released else ""))
    return clear
