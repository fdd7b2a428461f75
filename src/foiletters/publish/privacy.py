"""The requester's details and other private words must never reach the public log.

The public copy of a letter is rendered without the requester (it opens "Dear Sir/Madam"), and
then everything that would be published is searched for every form of every private value
(`privacy_forms.py`), as whole words after the same normalisation (`normalise.py`): every field
of the answer file and every CSV table it reads; the reference and every file name the site
publishes; the letter's text, its link targets and its properties; and every part of every
attachment that a reader or a program can see (`readers/`). A part that cannot be read (too
large, damaged, encrypted, in an encoding that cannot be decoded) is not published either.

A request in which something turns up is held back. The report says where (file, field, line and
column; or attachment, part and offset) and which form matched, never the text: it goes to
terminals, CI logs and the log's cache. The officer releases one occurrence by recording its
position (`releases: - at: …`) with a reason; `foiletters privacy` shows each match in context on
the officer's own terminal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import lxml.html

from foiletters.errors import AnswerFileError, Problem, display_path
from foiletters.load import yaml_source
from foiletters.load.answerfile import Request, tables_with_locs, walk_items
from foiletters.load.schema_errors import field_path
from foiletters.publish.normalise import line_and_column, words
from foiletters.publish.privacy_forms import private_forms
from foiletters.publish.privacy_search import Found, Searcher
from foiletters.publish.readers import Reading
from foiletters.publish.readers.findings import safe
from foiletters.render.house import TemplateSet

NOT_PUBLISHED = {"requester", "private", "releases", "accepted"}  # fields of the answer file never published
CONTEXT = 40  # characters either side of a match, shown by `foiletters privacy` only


@dataclass(frozen=True)
class Leak:
    """One place where a private value would be published: where and which form, never the text."""

    key: str  # the position as a release names it: "questions[2].answer:14:5", "attachments[0]:body:120"
    where: str  # for the report: "answers/FOI1.yaml:14:5: questions[2].answer"
    what: str  # "the requester's surname with a title"
    context: str = field(default="", compare=False)  # the passage around it: for the officer's terminal only

    def __str__(self) -> str:
        return f"{self.where}: {self.what} (to release it after checking: releases: - at: \"{self.key}\")"


@dataclass
class Search:
    leaks: list[Leak] = field(default_factory=list)
    released: list[Leak] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)  # parts that could not be searched: never published
    encodings: list[str] = field(default_factory=list)  # how each text file was read: "routes.csv: Windows-1252"


def searcher_for(request: Request, templates: TemplateSet) -> Searcher:
    """The forms of the request's private values; AnswerFileError for a `private:` value that cannot be one."""
    answers = request.answers
    profile = templates.profile(answers.date) if answers.date else {}
    house = [str(line) for line in profile.get("address") or []] + [str(profile.get("organisation") or "")]
    forms, phones, refused = private_forms(answers, house)
    if refused:
        raise AnswerFileError([request.problem(("private", r.index), f"this value cannot be protected: {r.why}")
                               for r in refused])
    return Searcher(forms, phones)


class Collector:
    """Matches in one request's public texts, each at the position a release names."""

    def __init__(self, request: Request, searcher: Searcher):
        self.request, self.searcher = request, searcher
        self.shown = display_path(request.source)
        self.releases = {" ".join(r.at.split()): r for r in request.answers.releases}
        self.search = Search()
        self._source: str | None = None
        self.in_fields: set[tuple[str, ...]] = set()  # what matched in the answer file and its CSV tables

    def add(self, key: str, where: str, what: str, context: str) -> None:
        leak = Leak(key, where, what, context)
        if " ".join(key.split()) in self.releases:
            self.search.released.append(leak)
        else:
            self.search.leaks.append(leak)

    def text(self, text: str, key: str, where: str) -> None:
        """A text made from the answer file (the letter, a property): a match by its offset in it. A match
        that is also in a field of the answer file (or a CSV table) is reported, or released, there."""
        for found in self.searcher.find(text):
            if found.words in self.in_fields:
                continue
            self.add(f"{key}:{found.start}", f"{where}, at character {found.start}", found.what,
                     _context(text, found))

    def answer_file(self) -> None:
        """Every field of the answer file that can reach the site, by file, line and column."""
        def walk(node: Any, loc: tuple[Any, ...]) -> None:
            if loc and loc[0] in NOT_PUBLISHED:
                return
            if isinstance(node, dict):
                for key, value in node.items():
                    walk(value, (*loc, key))
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    walk(value, (*loc, index))
            elif isinstance(node, str):
                self._field(node, loc)

        walk(self.request.data, ())

    def _field(self, value: str, loc: tuple[Any, ...]) -> None:
        found = self.searcher.find(value)
        if not found:
            return
        mark = yaml_source.mark_of(self.request.data, loc)
        name = field_path(loc)
        for match in found:
            self.in_fields.add(match.words)
            line, column = self._in_file(value, match, mark)
            self.add(f"{name}:{line}:{column}", f"{self.shown}:{line}:{column}: {name}", match.what,
                     _context(value, match))

    def _in_file(self, value: str, match: Found, mark: yaml_source.Mark | None) -> tuple[int, int]:
        """The line and column in the answer file where the match was typed (its field's when unsure)."""
        if mark is None:
            return 0, 0
        if self._source is None:
            self._source = self.request.source.read_text(encoding="utf-8", errors="replace")
        source = self._source
        start = _index_of(source, mark.line, mark.column)
        wanted = [w.text for w in words(value[match.start:match.end])]
        before = [w.text for w in words(value[:match.start])]
        occurrence = sum(1 for i in range(len(before)) if before[i:i + len(wanted)] == wanted)
        raw = words(source[start:start + 2 * len(value) + 400])
        texts = [w.text for w in raw]
        seen = 0
        for i in range(len(texts)):
            if texts[i:i + len(wanted)] == wanted:
                if seen == occurrence:
                    return line_and_column(source, start + raw[i].start)
                seen += 1
        return mark.line, mark.column

    def csv_tables(self, read_text: Any) -> None:
        """The CSV files of the answer file's tables, as the letter prints them, by file, line and column."""
        answers = self.request.answers
        for loc, _, item in walk_items(dict(enumerate(answers.questions)), ("questions",)):
            for table_loc, table in tables_with_locs(item, loc):
                if not table.csv:
                    continue
                path = self.request.folder / table.csv
                table_field = field_path(table_loc)
                # The file by its name, unless the name itself is private; the release by the table's field.
                shown = f"{self.shown}: the CSV table of {table_field}" if self.searcher.find(table.csv) \
                    else display_path(path)
                reading = read_text(path)
                self.search.unreadable += [f"{shown}: {safe(p)}" for p in reading.problems]
                if reading.encoding:
                    self.search.encodings.append(f"{shown}: read as {reading.encoding}")
                for _, text in reading.pieces:
                    for match in self.searcher.find(text):
                        self.in_fields.add(match.words)
                        line, column = line_and_column(text, match.start)
                        self.add(f"{table_field}.csv:{line}:{column}",
                                 f"{shown}:{line}:{column} (the CSV table of {table_field})",
                                 match.what, _context(text, match))

    def attachment_label(self, index: int, name: str) -> str:
        """How the report names an attachment: by its file name, unless the name itself is private."""
        return f"attachments[{index}]" + ("" if self.searcher.find(name) else f" ({name})")

    def attachment(self, index: int, name: str, reading: Reading) -> None:
        """The text of each part of an attachment that a reader or a program sees (its name is searched with
        the letter's file names)."""
        key = f"attachments[{index}]"
        shown = f"{self.shown}: attachment {self.attachment_label(index, name)}"
        self.search.unreadable += [f"{shown}: {safe(p)}" for p in reading.problems]
        if reading.encoding:
            self.search.encodings.append(f"{shown}: read as {reading.encoding}")
        for number, (part, text) in enumerate(reading.pieces, start=1):
            part = f"part {number}" if self.searcher.find(part) else part  # a part's name can be private too
            for match in self.searcher.find(text):
                self.add(f"{key}:{part}:{match.start}", f"{shown}, {part}, at character {match.start}",
                         match.what, _context(text, match))


def search_letter(collector: Collector, html: str, properties: dict[str, str], file_names: list[str],
                  label: str = "letter", described: str = "the letter") -> None:
    """A letter as published: its text as a reader sees it, its link targets, properties and file names.
    `label` and `described` name it in the report: the response, or another letter of the request's life."""
    text, targets = letter_text_and_links(html)
    collector.text(text, label, f"{collector.shown}: {described}'s text")
    for number, target in enumerate(targets, start=1):
        collector.text(target, f"{label}:link {number}", f"{collector.shown}: {described}'s link {number}")
    for name, value in properties.items():
        collector.text(value, f"{label}:{name}", f"{collector.shown}: {described}'s {name} property")
    for name in file_names:
        collector.text(name, "file name", f"{collector.shown}: a published file name")


_BLOCKS = ("p", "div", "li", "td", "th", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6", "br", "section",
           "article", "header", "footer", "blockquote", "dt", "dd", "caption", "title", "address", "pre")


def letter_text_and_links(html: str) -> tuple[str, list[str]]:
    """The letter's words as a reader sees them (a line between blocks and cells, none inside a word), and
    the targets of its links."""
    root = lxml.html.fromstring(html)
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    targets = [value for element in root.iter() if isinstance(element.tag, str)
               for key, value in element.attrib.items() if key in ("href", "src", "action", "cite", "data")]
    return root.text_content(), targets


def _context(text: str, match: Found) -> str:
    before = " ".join(text[max(0, match.start - CONTEXT):match.start].split())
    hit = " ".join(text[match.start:match.end].split())
    after = " ".join(text[match.end:match.end + CONTEXT].split())
    return f"…{before} [{hit}] {after}…"


def _index_of(text: str, line: int, column: int) -> int:
    index = 0
    for _ in range(line - 1):
        index = text.find("\n", index) + 1
        if index == 0:
            return len(text)
    return index + column - 1


# -- what the log may say about an answer file it could not build ------------------------------------------

_QUOTED = re.compile(r"(?<!\w)'(?:[^'\n]|'(?=\w))*'(?!\w)|(?<!\w)\"[^\"\n]*\"(?!\w)|‘[^’\n]*’|“[^”\n]*”")


def without_quotes(problem: Problem | str) -> str:
    """A problem as the log may print it: file, line, field and what is wrong, with every quoted value left
    out (a row label, a cell, a name), since the log's output goes to CI logs and its cache."""
    text = str(problem)
    safe = _QUOTED.sub("…", text)
    return safe if safe == text else f"{safe} [quoted text left out of the log: `foiletters check` shows it]"


def held_back_reasons(search: Search) -> list[str]:
    return [str(leak) for leak in search.leaks] + [f"{u}; it cannot be searched for private words, so it is not "
                                                   "published" for u in search.unreadable]

