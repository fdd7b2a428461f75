from __future__ import annotations

import sys
from pathlib import Path

import pytest

from foiletters.build import build
from foiletters.render.house import TemplateSet
from foiletters.write.pdf import load_weasyprint

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

# WeasyPrint once for the whole run: `foiletters build` called in-process then makes its PDFs here,
# instead of forking a process per call to import it (that path is tested in fresh processes).
load_weasyprint()

ANSWER_FILES = sorted((ROOT / "answers").glob("*.yaml")) + sorted((ROOT / "examples").glob("*.yaml"))


@pytest.fixture(scope="session")
def house() -> TemplateSet:
    return TemplateSet(ROOT / "templates")


@pytest.fixture(scope="session")
def built_letters(tmp_path_factory: pytest.TempPathFactory, house: TemplateSet) -> dict[str, dict[str, Path]]:
    """Every answer file's response built once, as DOCX and PDF: {file stem: {format: path}}. (The other
    letters of a request's life, such as examples/life.yaml's, are built by tests/test_life_letters.py.)"""
    out = tmp_path_factory.mktemp("letters")
    letters = {}
    for answer_file in ANSWER_FILES:
        built = build(answer_file, out / answer_file.stem, house, kind="response")
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


# -- no test leaves a file in the repository ---------------------------------------------------------------
# Every test writes below its temporary folder. A file that appears in the checkout during the
# run (an `out/` folder, a stray letter, a `.part` file) is a test writing where it should not.
_NOT_THE_REPOSITORY = {".git", ".venv", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache", ".mypy_cache"}


def _repository_files() -> set[str]:
    import os

    found = set()
    for folder, folders, names in os.walk(ROOT):
        folders[:] = [f for f in folders if f not in _NOT_THE_REPOSITORY and not f.endswith(".egg-info")]
        found.update(str((Path(folder) / name).relative_to(ROOT)) for name in names)
    return found


@pytest.fixture(scope="session", autouse=True)
def _nothing_left_in_the_repository():
    before = _repository_files()
    yield
    left = sorted(_repository_files() - before)
    assert not left, f"the tests left files in the repository: {left}"
