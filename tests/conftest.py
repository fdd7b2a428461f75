from __future__ import annotations

import sys
from pathlib import Path

import pytest

from foiletters.build import build
from foiletters.render.house import TemplateSet

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

ANSWER_FILES = sorted((ROOT / "answers").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def house() -> TemplateSet:
    return TemplateSet(ROOT / "templates")


@pytest.fixture(scope="session")
def built_letters(tmp_path_factory: pytest.TempPathFactory, house: TemplateSet) -> dict[str, dict[str, Path]]:
    """Every answer file of the repository built once, as DOCX and PDF: {file stem: {format: path}}."""
    out = tmp_path_factory.mktemp("letters")
    letters = {}
    for answer_file in ANSWER_FILES:
        built = build(answer_file, out / answer_file.stem, house)
        letters[answer_file.stem] = {p.suffix.lstrip("."): p for p in built.files}
    return letters


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
reference: FOI1000001
date: 2026-03-04
subject: test matters
questions:
  - number: "1."
    text: How many?
    answer: Twelve.
"""
