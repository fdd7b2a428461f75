"""Read YAML as officers mean it: every value is text until the schema says otherwise.

YAML 1.1 turns `NO` into false, `010` into 8, `1:30` into 90 and `2024-01-05` into a
date before anyone has asked what the field wants. Here every plain scalar stays the
string the officer typed (only an empty value or `~` is "nothing"); the pydantic model
then converts where a field really is a date, a number or a yes/no. Tags, aliases and
duplicate keys are mistakes in an answer file, reported with their line like any other.

Each mapping and sequence remembers where its items were written, so that a problem
found later, by the schema or a check, can still name file:line:col.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

import yaml

from foiletters.errors import Problem
from foiletters.load import characters, limits

_Loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR = "tag:yaml.org,2002:str"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


@dataclass(frozen=True)
class Mark:
    line: int  # 1-based
    column: int  # 1-based

    @classmethod
    def of(cls, node: yaml.Node) -> Mark:
        return cls(node.start_mark.line + 1, node.start_mark.column + 1)


class MarkedDict(dict):
    """A mapping that knows the line of each of its keys and values."""

    mark: Mark
    key_marks: dict[str, Mark]
    value_marks: dict[str, Mark]


class MarkedList(list):
    """A sequence that knows the line of each of its items."""

    mark: Mark
    item_marks: list[Mark]


class _TextLoader(_Loader):  # type: ignore[misc, valid-type]
    """Resolves every plain scalar to text; the schema decides what it means."""

    def resolve(self, kind, value, implicit):  # noqa: ANN001 - PyYAML's signature
        if kind is yaml.ScalarNode and implicit[0]:
            return NULL if value in ("", "~") else STR
        return super().resolve(kind, value, implicit)


def parse(text: str, file: str) -> tuple[Any, list[Problem]]:
    """Parse one YAML document into plain dicts, lists and strings, with every problem found."""
    # Characters a letter cannot hold are masked for the parser (YAML refuses most of them, and
    # without a line), then reported one by one with their line, column and field.
    strays = characters.find(text)
    if strays:
        masked = list(text)
        for index, _ in strays:
            masked[index] = characters.MASK
        text_to_parse = "".join(masked)
    else:
        text_to_parse = text
    builder = _Builder(file, text, strays)
    loader = _TextLoader(text_to_parse)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = " ".join(filter(None, [exc.context, exc.problem]))
        expected = "check the indentation, and quote text that contains ': ' or starts with a symbol"
        if "escape" in what:
            expected = (r"write the character itself, or a valid escape such as \u00e9 in double quotes "
                        r"(\ud800 to \udfff are halves of characters, which Word cannot hold)")
        return None, [*builder.stray_problems(), Problem(file, line, col, "", f"this is not valid YAML ({what})",
                                                         expected)]
    except yaml.YAMLError as exc:  # pragma: no cover - every reader error is a masked character
        return None, [*builder.stray_problems(), Problem(file, 1, 1, "", f"this is not valid YAML ({exc})",
                                                         "save the file as UTF-8 text")]
    finally:
        loader.dispose()
    data = builder.build(node, ()) if node is not None else None
    return data, builder.problems + builder.stray_problems()


def field_path(loc: tuple[int | str, ...]) -> str:
    """('questions', 0, 'answer') → 'questions[0].answer'."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


class _Builder:
    def __init__(self, file: str, text: str, strays: list[tuple[int, str]]):
        self.file = file
        self.text = text
        self.problems: list[Problem] = []
        self._seen: set[int] = set()
        self._strays = dict(strays)  # index → character, until claimed by the value it is in
        self._stray_indexes = [index for index, _ in strays]
        self._characters_reported = 0
        self._too_deep = False

    def _problem(self, node: yaml.Node, message: str, expected: str, loc: tuple[int | str, ...] = ()) -> None:
        mark = Mark.of(node)
        self.problems.append(Problem(self.file, mark.line, mark.column, field_path(loc), message, expected))

    def build(self, node: yaml.Node, loc: tuple[int | str, ...], depth: int = 1) -> Any:
        if id(node) in self._seen:
            # The composer hands back the very node an anchor named: this is an alias.
            self._problem(node, "YAML aliases (*name) are not allowed",
                          "write the value out in full", loc)
            return None
        self._seen.add(id(node))
        if node.tag not in (STR, NULL, SEQ, MAP):
            self._problem(node, f"YAML tags such as {node.tag!r} are not allowed",
                          "remove the tag; write plain text, lists and mappings", loc)
            return None
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == NULL else self._text(node, loc)
        if depth > limits.MAX_NESTING:
            if not self._too_deep:
                self._too_deep = True
                self._problem(node, f"lists and fields are nested here {depth} levels deep, more than the limit "
                              f"of {limits.MAX_NESTING}", "an answer file is far shallower: check the indentation", loc)
            return None
        if isinstance(node, yaml.SequenceNode):
            items = MarkedList(self.build(item, (*loc, index), depth + 1) for index, item in enumerate(node.value))
            items.mark = Mark.of(node)
            items.item_marks = [Mark.of(item) for item in node.value]
            return items
        return self._mapping(node, loc, depth)

    def _text(self, node: yaml.ScalarNode, loc: tuple[int | str, ...]) -> str:
        """The scalar's text, after reporting any character in it that a letter cannot hold, and its length."""
        value = node.value
        start, end = node.start_mark.index, node.end_mark.index
        first = bisect.bisect_left(self._stray_indexes, start)
        inside = [i for i in self._stray_indexes[first:bisect.bisect_left(self._stray_indexes, end)]
                  if i in self._strays]
        for index in inside:  # typed in the file
            self._character(index, self._strays.pop(index), loc)
        if not inside:  # written as an escape in double quotes: "\x07"
            for _, char in characters.find(value)[:1]:
                self._character(node.start_mark.index, char, loc, at=Mark.of(node))
        if len(value) > limits.MAX_TEXT:
            self._problem(node, f"this text is {limits.number(len(value))} characters long, more than the limit "
                          f"of {limits.number(limits.MAX_TEXT)} characters in one field",
                          "send long text as an attachment", loc)
        elif (word := characters.longest_word(value)) > limits.MAX_WORD:
            self._problem(node, f"this text has a word of {limits.number(word)} characters without a space, more "
                          f"than the limit of {limits.number(limits.MAX_WORD)}",
                          "send data like this as a CSV or spreadsheet attachment", loc)
        return value

    def _character(self, index: int, char: str, loc: tuple[int | str, ...], at: Mark | None = None) -> None:
        self._characters_reported += 1
        if self._characters_reported > limits.MAX_CHARACTER_PROBLEMS:
            return
        line, column = (at.line, at.column) if at else characters.line_and_column(self.text, index)
        message, expected = characters.describe(char)
        self.problems.append(Problem(self.file, line, column, field_path(loc), message, expected))

    def stray_problems(self) -> list[Problem]:
        """The unholdable characters outside any value (in comments, keys' quotes, tags), and how many
        went unreported beyond the limit."""
        for index, char in sorted(self._strays.items()):
            self._character(index, char, ())
        self._strays.clear()
        extra = self._characters_reported - limits.MAX_CHARACTER_PROBLEMS
        if extra > 0:
            self._characters_reported = limits.MAX_CHARACTER_PROBLEMS
            return [Problem(self.file, 1, 1, "", f"{limits.number(extra)} more characters that a letter cannot "
                            "hold are not listed here", "is this a text file? Save it as UTF-8 text")]
        return []

    def _mapping(self, node: yaml.MappingNode, loc: tuple[int | str, ...], depth: int) -> MarkedDict:
        result = MarkedDict()
        result.mark = Mark.of(node)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR, NULL):
                self._problem(key_node, "a key must be a plain word", "write `key: value`", loc)
                continue
            key = self._text(key_node, loc) if key_node.tag == STR else key_node.value
            if key == "<<":
                self._problem(key_node, "YAML merge keys (<<) are not allowed",
                              "write the fields out in full", loc)
                continue
            if key in result:
                first = result.key_marks[key]
                self._problem(key_node, f"the key {key!r} is written twice (first on line {first.line})",
                              "keep one of them", loc)
                continue
            result.key_marks[key] = Mark.of(key_node)
            result.value_marks[key] = Mark.of(value_node)
            result[key] = self.build(value_node, (*loc, key), depth + 1)
        return result


def mark_of(data: Any, loc: tuple[int | str, ...]) -> Mark | None:
    """The deepest recorded position along a path of keys and indexes into parsed data."""
    best: Mark | None = getattr(data, "mark", None)
    for step in loc:
        if isinstance(data, MarkedDict) and isinstance(step, str):
            if step not in data:
                return best
            best = data.value_marks.get(step, best)
            data = data[step]
        elif isinstance(data, MarkedList) and isinstance(step, int) and 0 <= step < len(data):
            best = data.item_marks[step]
            data = data[step]
        else:
            return best
    return best


def key_mark_of(data: Any, loc: tuple[int | str, ...]) -> Mark | None:
    """The position of the key that ends a path (for an unknown or misspelt key)."""
    parent = data
    for step in loc[:-1]:
        try:
            parent = parent[step]
        except (KeyError, IndexError, TypeError):
            return mark_of(data, loc)
    if isinstance(parent, MarkedDict) and loc and loc[-1] in parent.key_marks:
        return parent.key_marks[loc[-1]]  # type: ignore[index]
    return mark_of(data, loc)
