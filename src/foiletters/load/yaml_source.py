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

from dataclasses import dataclass
from typing import Any

import yaml

from foiletters.errors import Problem

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
    loader = _TextLoader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        what = " ".join(filter(None, [exc.context, exc.problem]))
        return None, [Problem(file, line, col, "", f"this is not valid YAML ({what})",
                              "check the indentation, and quote text that contains ': ' or starts with a symbol")]
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow
        return None, [Problem(file, 0, 0, "", f"this is not valid YAML ({exc})", "save the file as UTF-8 text")]
    finally:
        loader.dispose()
    builder = _Builder(file)
    return (builder.build(node) if node is not None else None), builder.problems


class _Builder:
    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []
        self._seen: set[int] = set()

    def _problem(self, node: yaml.Node, message: str, expected: str) -> None:
        mark = Mark.of(node)
        self.problems.append(Problem(self.file, mark.line, mark.column, "", message, expected))

    def build(self, node: yaml.Node) -> Any:
        if id(node) in self._seen:
            # The composer hands back the very node an anchor named: this is an alias.
            self._problem(node, "YAML aliases (*name) are not allowed in answer files",
                          "write the value out in full")
            return None
        self._seen.add(id(node))
        if node.tag not in (STR, NULL, SEQ, MAP):
            self._problem(node, f"YAML tags such as {node.tag!r} are not allowed in answer files",
                          "remove the tag; write plain text, lists and mappings")
            return None
        if isinstance(node, yaml.ScalarNode):
            return None if node.tag == NULL else node.value
        if isinstance(node, yaml.SequenceNode):
            items = MarkedList(self.build(item) for item in node.value)
            items.mark = Mark.of(node)
            items.item_marks = [Mark.of(item) for item in node.value]
            return items
        return self._mapping(node)

    def _mapping(self, node: yaml.MappingNode) -> MarkedDict:
        result = MarkedDict()
        result.mark = Mark.of(node)
        result.key_marks, result.value_marks = {}, {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR, NULL):
                self._problem(key_node, "a key must be a plain word", "write `key: value`")
                continue
            key = key_node.value
            if key == "<<":
                self._problem(key_node, "YAML merge keys (<<) are not allowed in answer files",
                              "write the fields out in full")
                continue
            if key in result:
                first = result.key_marks[key]
                self._problem(key_node, f"the key {key!r} is written twice (first on line {first.line})",
                              "keep one of them")
                continue
            result.key_marks[key] = Mark.of(key_node)
            result.value_marks[key] = Mark.of(value_node)
            result[key] = self.build(value_node)
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
