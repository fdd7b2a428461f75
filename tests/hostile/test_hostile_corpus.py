"""The hostile-input corpus: every file in cases/<category>/ is built through the command line.

Each case starts with comment lines that say what must happen:

    # expect: <text>     a part of the message (several lines: each must appear)
    # exit: 0            the exit status (default 2: refused); 0 means the file builds, and
                         each `expect` is then text that the letter must show literally
    # absent: <text>     text that must appear nowhere in a built letter (e.g. what Jinja
                         would have printed had it run the officer's text)
    # generate: <name>   a generator below makes the case's large or special files first
    # format: docx       build only this format (the default is both)

A case's other files are the files beside it whose names start with its own name and a dot
(`cells.csv` for `cells.yaml`); its house templates, if any, are in the folder `<name>.templates`.

A refused case must say so with a message that names file:line, without a traceback, and
leave the output folder exactly as it was: the previous letter in place, nothing new. A
built case must show every hostile text literally in both the DOCX and the PDF, and the PDF
renderer must not have been asked for anything but the packaged assets.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import pytest
import yaml
from pypdf import PdfReader
from readback import docx_text, pdf_text

from foiletters.cli import main
from foiletters.load.answerfile import load
from foiletters.load.model import file_stem
from foiletters.render.house import TemplateSet
from foiletters.render.letter import render
from foiletters.write import pdf

CASES_DIR = Path(__file__).parent / "cases"
CATEGORIES = ("yaml", "injection", "fetch", "templates", "characters", "paths", "limits", "atomicity")
CASES = sorted(p for p in CASES_DIR.glob("*/*.yaml"))
HEADER = re.compile(r"^# (expect|exit|absent|generate|format): ?(.*)$")
WHERE = re.compile(r"\S+\.(yaml|csv|j2):\d+")  # file:line
PREVIOUS = b"the previous good letter"
# What may never reach the renderer from an answer file: elements that load, run or style anything,
# attributes that name a resource or a script, links anywhere but the web and email.
LIVE_ELEMENTS = {"script", "style", "link", "img", "iframe", "object", "embed", "svg", "image", "meta", "base",
                 "form", "input", "video", "audio", "source", "frame", "frameset", "math"}
LIVE_ATTRIBUTES = re.compile(r"^(src|srcset|style|data|poster|background|formaction|xlink:href|on\w+)$", re.I)


@dataclass
class Case:
    path: Path
    expect: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    exit: int = 2
    generate: str | None = None
    formats: list[str] = field(default_factory=list)

    @property
    def category(self) -> str:
        return self.path.parent.name

    @property
    def reference(self) -> str:
        """The file name of the case's letter: its reference made safe (`/etc/passwd` -> `etc-passwd`)."""
        found = re.search(r"^reference: *(.+?) *$", self.path.read_bytes().decode("utf-8", "replace"), re.M)
        try:
            written = yaml.safe_load(found.group(1)) if found else None
        except yaml.YAMLError:
            written = None
        return file_stem(written) if isinstance(written, str) and file_stem(written) else "FOI1000001"


def read_case(path: Path) -> Case:
    case = Case(path)
    for line in path.read_bytes().decode("utf-8", errors="replace").splitlines():
        if not line.startswith("#"):
            break
        match = HEADER.match(line)
        if not match:
            continue
        key, value = match.groups()
        if key == "expect":
            case.expect.append(value)
        elif key == "absent":
            case.absent.append(value)
        elif key == "exit":
            case.exit = int(value)
        elif key == "generate":
            case.generate = value.strip()
        elif key == "format":
            case.formats.append(value.strip())
    return case


def test_the_corpus_covers_every_category():
    counts = {category: 0 for category in CATEGORIES}
    for path in CASES:
        case = read_case(path)
        assert case.category in counts, f"{path}: unknown category"
        assert case.expect, f"{path.name} must start with '# expect: <message>'"
        counts[case.category] += 1
    assert all(n >= 3 for n in counts.values()), counts
    assert sum(counts.values()) >= 50, counts


def _copy_case(case: Case, folder: Path) -> tuple[Path, Path | None]:
    """The case and its own files in a fresh folder; its house templates, if it has any."""
    folder.mkdir()
    stem = case.path.stem
    for path in case.path.parent.iterdir():
        if path == case.path or (path.is_file() and path.name.startswith(f"{stem}.") and path.suffix != ".yaml"):
            shutil.copy2(path, folder / path.name)
    templates = case.path.parent / f"{stem}.templates"
    if templates.is_dir():
        shutil.copytree(templates, folder / "templates")
        return folder / case.path.name, folder / "templates"
    return folder / case.path.name, None


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def fetched(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the PDF renderer asks for while a case is built."""
    urls: list[str] = []
    make = pdf._fetcher

    def spying_fetcher(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the house folder, when there is one
        fetcher = make(*args, **kwargs)
        fetch = fetcher.fetch

        def fetch_and_record(url, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
            urls.append(url)
            return fetch(url, *args, **kwargs)

        fetcher.fetch = fetch_and_record
        return fetcher

    monkeypatch.setattr(pdf, "_fetcher", spying_fetcher)
    return urls


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fetched: list[str]):
    case = read_case(path)
    answer_file, templates = _copy_case(case, tmp_path / "case")
    if case.generate:
        name, _, argument = case.generate.partition(" ")
        GENERATORS[name](answer_file, *filter(None, [argument]))
    out = tmp_path / "out"
    out.mkdir()
    previous = {f"{case.reference}.docx": PREVIOUS, f"{case.reference}.pdf": PREVIOUS}
    for name, data in previous.items():
        (out / name).write_bytes(data)
    sources = _snapshot(answer_file.parent)
    args = ["build", str(answer_file), "-o", str(out), "--templates", str(templates or tmp_path / "no-templates")]
    for fmt in case.formats:
        args += ["--format", fmt]

    status = main(args)

    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output and "bug in foiletters" not in output, output
    assert status == case.exit, output
    assert _snapshot(answer_file.parent) == sources, "the case's own files were changed or moved"
    if case.exit:
        _assert_refused(case, captured.err, out, previous)
    else:
        _assert_built_as_data(case, answer_file, templates, out, fetched)


def _assert_refused(case: Case, err: str, out: Path, previous: dict[str, bytes]) -> None:
    for expected in case.expect:
        assert expected in err, f"expected {expected!r} in:\n{err}"
    lines = [line for line in err.splitlines() if case.expect[0] in line]
    assert any(WHERE.search(line) for line in lines), f"no file:line in {lines}"
    assert _snapshot(out) == previous, "the output folder changed: a refused build must write nothing"


def _assert_built_as_data(case: Case, answer_file: Path, templates: Path | None, out: Path,
                          fetched: list[str]) -> None:
    formats = case.formats or ["docx", "pdf"]
    texts = {}
    if "docx" in formats:
        texts["docx"] = " ".join(docx_text(out / f"{case.reference}.docx").split())
    if "pdf" in formats:
        path = out / f"{case.reference}.pdf"
        texts["pdf"] = "".join(pdf_text(path).split())  # lines break anywhere in a long hostile text
        assert not PdfReader(str(path)).attachments, "a file was attached to the PDF"
        # The packaged style sheet and fonts are fetched once per process (and may have been already):
        # whatever else the renderer asked for must have gone through the fetcher, to the package only.
        assert all(url.startswith(pdf.BASE_URL) for url in fetched), fetched
    for expected in case.expect:
        if "docx" in texts:
            assert " ".join(expected.split()) in texts["docx"], f"{expected!r} is not in the DOCX"
        if "pdf" in texts:
            assert "".join(expected.split()) in texts["pdf"], f"{expected!r} is not in the PDF"
    for text in texts.values():
        for absent in case.absent:
            assert absent not in text, f"{absent!r} is in the letter"
    body = lxml.html.document_fromstring(render(load(answer_file), TemplateSet(templates)).html).find("body")
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        assert element.tag not in LIVE_ELEMENTS, lxml.html.tostring(element)
        assert not [name for name in element.attrib if LIVE_ATTRIBUTES.match(name)], lxml.html.tostring(element)
        assert "attachment" not in element.get("rel", ""), lxml.html.tostring(element)
        href = element.get("href")
        assert href is None or href.startswith(("https://", "http://", "mailto:", "#")), href


# -- generators: the cases too large, too special or too many to keep as files ------------------

def _append(answer_file: Path, text: str) -> None:
    with answer_file.open("a", encoding="utf-8") as handle:
        handle.write(text)


def _questions(n: int) -> str:
    return "".join(f'  - number: "{i}."\n    text: Question {i}?\n    answer: Answer {i}.\n' for i in range(2, n + 2))


def _csv(answer_file: Path, rows: int, columns: int = 2, suffix: str = ".csv") -> None:
    header = ",".join(["Label", *(f"C{c}" for c in range(1, columns))])
    body = "".join(",".join([f"row {r}", *(str(r + c) for c in range(1, columns))]) + "\n" for r in range(rows))
    answer_file.with_suffix(suffix).write_text(header + "\n" + body, encoding="utf-8")


def _symlink(answer_file: Path) -> None:
    (answer_file.parent / "passwd.txt").symlink_to("/etc/passwd")


def _sparse(answer_file: Path, size: int) -> None:
    with answer_file.with_suffix(".csv").open("wb") as handle:
        handle.truncate(size)


def _file(answer_file: Path, name: str) -> None:
    (answer_file.parent / name).write_bytes(b"an attachment, not a letter")


GENERATORS = {
    "file": _file,
    "pad-to-10-mb": lambda f: _append(f, "# padding\n" + ("#" + "x" * 1023 + "\n") * 10 * 1024),
    "500-questions": lambda f: _append(f, _questions(499)),
    "301-questions-and-parts": lambda f: _append(f, "".join(
        f'  - number: "{i}."\n    text: Question {i}?\n    parts:\n      - number: a\n        text: Part a?\n'
        f"        answer: Answer.\n" for i in range(2, 152))),
    "csv-100000-rows": lambda f: _csv(f, 100_000),
    "csv-25-mb": lambda f: _sparse(f, 25 * 1024 * 1024),
    "csv-300-columns": lambda f: _csv(f, 3, columns=300),
    "csv-cell-200000": lambda f: f.with_suffix(".csv").write_text("Label,Text\nrow," + "x" * 200_000 + "\n"),
    "csv-9000-cells": lambda f: _csv(f, 3_000, columns=3),
    "csv-2200000-characters": lambda f: f.with_suffix(".csv").write_text(
        "Label,Text\n" + "".join(f"row {r},{'xxxxxxxxx ' * 110}\n" for r in range(2_000))),
    "yaml-201-columns": lambda f: _append(f, "      columns: [" + ", ".join(f"C{i}" for i in range(201)) + "]\n"
                                          "      rows: []\n"),
    "yaml-10001-rows": lambda f: _append(f, "      rows:\n" + "        - [r, '1']\n" * 10_001),
    "answer-120000-characters": lambda f: _append(f, "    answer: " + "w" * 120_000 + "\n"),
    "symlink-to-etc-passwd": _symlink,
}


def test_generators_are_used():
    used = {(read_case(p).generate or "").partition(" ")[0] for p in CASES}
    assert set(GENERATORS) <= used, set(GENERATORS) - used

