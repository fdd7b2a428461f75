"""YAML as officers mean it: text stays text; tags, aliases and duplicate keys are refused."""

from __future__ import annotations

import pytest

from foiletters.load.yaml_source import parse


@pytest.mark.parametrize("value", ["NO", "yes", "010", "007", "1:30", "2024-01-05", "2a", "0x1F", "1e3", ".inf",
                                   "3.10"])
def test_scalars_stay_as_written(value: str):
    data, problems = parse(f"cell: {value}\nrow: [{value}, x]\n", "f.yaml")
    assert problems == []
    assert data == {"cell": value, "row": [value, "x"]}


def test_empty_and_tilde_are_nothing():
    data, _ = parse("a:\nb: ~\nc: ''\n", "f.yaml")
    assert data == {"a": None, "b": None, "c": ""}


@pytest.mark.parametrize(("text", "message"), [
    ("a: 1\na: 2\n", "the key 'a' is written twice (first on line 1)"),
    ("a: !!python/object:os.system x\n", "YAML tags such as 'tag:yaml.org,2002:python/object:os.system'"),
    ("a: !!binary aGVsbG8=\n", "YAML tags such as 'tag:yaml.org,2002:binary'"),
    ("a: &x [1, 2]\nb: *x\n", "YAML aliases (*name) are not allowed"),
    ("base: &b {x: 1}\nother:\n  <<: *b\n", "YAML merge keys (<<) are not allowed"),
    ("a: [1, 2\n", "this is not valid YAML"),
])
def test_refused(text: str, message: str):
    _, problems = parse(text, "f.yaml")
    assert any(message in str(p) for p in problems), problems
    assert all(p.line > 0 for p in problems)


def test_billion_laughs_is_refused_quickly():
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    _, problems = parse("\n".join(lines) + "\n", "f.yaml")
    assert problems and all("aliases" in p.message for p in problems)
