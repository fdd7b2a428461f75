"""Property tests: whatever an answer file holds, a letter is built or a clean message says why.

- random answer files, shaped more or less like the schema, either build or fail with an
  `AnswerFileError` whose every problem names file:line; never another exception;
- random text (any Unicode) in any text field either shows in the letter exactly as typed
  (whitespace aside) or is reported, naming the field or the character;
- random bytes as a CSV table build or are reported.

The runs are small (a few dozen examples, DOCX only but for one) so the suite stays fast;
`HYPOTHESIS_EXAMPLES=2000` runs them long.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
import string
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from readback import docx_text, pdf_text

from foiletters.build import build
from foiletters.errors import AnswerFileError
from foiletters.load import characters
from foiletters.load.yaml_source import field_path
from foiletters.render.house import TemplateSet

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "0"))
SMALL = settings(max_examples=EXAMPLES or 30, deadline=None, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
PACKAGED = TemplateSet(None)

# A letter with every text field filled; each property replaces one field or shakes the whole.
LETTER: dict[str, Any] = {
    "reference": "FOI1000001",
    "date": "2026-03-04",
    "received": "2026-02-05",
    "subject": "subject text",
    "requester": {"name": "name text", "email": "email text", "address": ["address text"]},
    "request_text": "request text",
    "questions": [
        {"number": "1.", "text": "question text", "answer": "answer text",
         "table": {"caption": "caption text", "columns": ["column text", "second column"],
                   "rows": [["label text", "cell text"]], "total": "total text", "notes": "notes text"}},
        {"number": "2.", "text": "Is it held?", "not_held": "not held text"},
        {"number": "3.", "text": "Is it published?",
         "exemption": {"cite": "s21", "where": "where text", "published_as": "published text",
                       "link": "https://www.example.gov.uk/", "because": "because text",
                       "reasoning": "reasoning text"}},
        {"number": "4.", "text": "The prices?",
         "exemption": {"cite": "s43(2)", "because": "The prices are the contractor's own.",
                       "public_interest": {"for": ["for text"], "against": ["against text"],
                                           "conclusion": "conclusion text"}}},
        {"number": "5.", "text": "By level?",
         "parts": [{"number": "a)", "text": "part text", "answer": "part answer text"}]},
    ],
    "attachments": [{"title": "attachment text", "sent_separately": "yes"}],
}
# Each text field: where it is, and whether it is Markdown (whose syntax is formatting, not text).
FIELDS: dict[tuple[Any, ...], bool] = {
    ("subject",): False,
    ("requester", "name"): False,
    ("requester", "address", 0): False,
    ("request_text",): True,
    ("questions", 0, "number"): False,
    ("questions", 0, "text"): True,
    ("questions", 0, "answer"): True,
    ("questions", 0, "table", "caption"): False,
    ("questions", 0, "table", "columns", 1): False,
    ("questions", 0, "table", "rows", 0, 0): False,
    ("questions", 0, "table", "rows", 0, 1): False,
    ("questions", 0, "table", "total"): False,
    ("questions", 0, "table", "notes"): True,
    ("questions", 1, "not_held"): True,
    ("questions", 2, "exemption", "where"): False,
    ("questions", 2, "exemption", "published_as"): False,
    ("questions", 2, "exemption", "because"): True,
    ("questions", 2, "exemption", "reasoning"): True,
    ("questions", 3, "exemption", "public_interest", "for", 0): True,
    ("questions", 3, "exemption", "public_interest", "conclusion"): True,
    ("questions", 4, "parts", 0, "text"): True,
    ("questions", 4, "parts", 0, "answer"): True,
}
# Characters without meaning in Markdown (its punctuation makes emphasis, links, lists, code …).
MARKDOWN_SYNTAX = set("\\`*_[](){}<>#+-.!|~&=:")


def _set(data: dict, path: tuple[Any, ...], value: Any) -> None:
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def _write(folder: Path, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "FOI1000001.yaml"
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    return path


def _build(path: Path, out: Path, formats: tuple[str, ...] = ("docx",)):  # noqa: ANN202
    """The built files, or the AnswerFileError; any other exception fails the test."""
    try:
        return build(path, out, PACKAGED, formats)
    except AnswerFileError as error:
        for problem in error.problems:
            assert problem.line >= 1 and problem.message, f"no file:line in {problem}"
        assert "Traceback" not in error.format_message()
        return error


def _normal(text: str) -> str:
    return " ".join(text.split())


# -- random answer files ---------------------------------------------------------------------------

SURPRISES = ["NO", "yes", "off", "007", "010", "1:30", "2024-01-05", "0x1F", "1e3", ".inf", "~", "", "null",
             "3,180", "£5,490.17", "4.6*", "-1", "s21", "reg 12(4)(b)", "3 to 6c", "FOI1000001", "2026-03-04",
             "https://www.example.gov.uk/", "file:///etc/passwd", "{{ 7*7 }}", "<script>x</script>", "a\x07b",
             "\ufffe", "CON", "../x"]
KEYS = ["reference", "date", "subject", "questions", "number", "text", "answer", "table", "tables", "columns",
        "levels", "rows", "total", "notes", "caption", "csv", "not_held", "exemption", "cite", "because",
        "parts", "covers", "regime", "attachments", "file", "title", "sent_separately", "annex", "requester",
        "name", "address", "public_interest", "for", "against", "conclusion", "ncnd", "options", "where", "link"]
scalars = st.one_of(st.sampled_from(SURPRISES), st.text(max_size=12), st.integers().map(str), st.none())
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner,
                                                 max_size=3)), max_leaves=10)


def _either(good: st.SearchStrategy, bad: int = 1, of: int = 12) -> st.SearchStrategy:
    """Mostly a value of the right shape, sometimes anything at all."""
    return st.integers(1, of).flatmap(lambda n: values if n <= bad else good)


printable = st.text(st.characters(exclude_categories=("Cs", "Cc", "Co")), max_size=20)
texts = _either(st.one_of(printable, printable, st.text(max_size=20), st.sampled_from(SURPRISES)))
cells = st.lists(_either(st.one_of(printable, st.sampled_from(SURPRISES))), min_size=1, max_size=4)
tables = _either(st.fixed_dictionaries({}, optional={
    "caption": texts, "columns": cells, "levels": _either(st.dictionaries(st.text(max_size=5), cells, max_size=2)),
    "rows": _either(st.lists(cells, max_size=4)), "total": _either(st.one_of(st.text(max_size=5), cells)),
    "notes": texts}))
exemptions = _either(st.fixed_dictionaries(
    {"cite": _either(st.sampled_from(["s21", "s40(2)", "s43(2)", "s12", "reg 12(4)(b)", "s99"]))},
    optional={"where": texts, "link": texts, "because": texts, "reasoning": texts, "ncnd": texts,
              "options": _either(st.lists(texts, max_size=2)),
              "public_interest": _either(st.fixed_dictionaries({}, optional={
                  "for": st.lists(texts, max_size=2), "against": st.lists(texts, max_size=2),
                  "conclusion": texts}))}))
item_fields = {"number": _either(st.sampled_from(["1.", "2a", "007", "Q3", "i)", ""])), "text": texts,
               "answer": texts, "table": tables, "tables": _either(st.lists(tables, max_size=2)),
               "not_held": texts, "exemption": exemptions, "covers": texts, "regime": texts}
items = st.fixed_dictionaries({}, optional=item_fields)
questions = st.lists(st.one_of(items, st.fixed_dictionaries({}, optional={
    **item_fields, "parts": _either(st.lists(items, max_size=2))})), max_size=4)
answer_files = st.fixed_dictionaries(
    {"reference": _either(st.sampled_from(["FOI1000001", "REQ-7", "CON", "../x", "a", "FOI 1"])),
     "date": _either(st.sampled_from(["2026-03-04", "2005-01-01", "2099-12-31", "9999-12-31", "0", "04/03/2026"])),
     "subject": texts},
    optional={"questions": _either(questions), "received": _either(st.sampled_from(["2026-02-05", "2030-01-01"])),
              "regime": _either(st.sampled_from(["FOIA", "EIR", "foisa", "EISR", "NO"])),
              "request_text": texts, "annex": _either(st.fixed_dictionaries({}, optional={"title": texts})),
              "requester": _either(st.fixed_dictionaries({}, optional={
                  "name": texts, "address": _either(st.lists(texts, max_size=2))})),
              "attachments": _either(st.lists(st.fixed_dictionaries({}, optional={
                  "file": texts, "title": texts, "sent_separately": texts}), max_size=2))})


# Letters of the right shape throughout, with random words: these get as far as the DOCX.
words = st.one_of(printable.filter(str.strip), st.sampled_from(SURPRISES[:20]))
numbers = st.integers(0, 10_000).map(lambda n: f"{n:,}")


@st.composite
def good_tables(draw: st.DrawFn) -> dict[str, Any]:
    width = draw(st.integers(1, 4))
    table: dict[str, Any] = {"columns": draw(st.lists(words, min_size=width, max_size=width))}
    table["rows"] = draw(st.lists(st.tuples(words, st.lists(st.one_of(numbers, words), min_size=width - 1,
                                                                max_size=width - 1)).map(lambda r: [r[0], *r[1]]),
                                  max_size=4))
    if draw(st.booleans()):
        table["total"] = draw(words)
    if draw(st.booleans()):
        table["caption"], table["notes"] = draw(words), draw(words)
    return table


good_answers = st.one_of(
    st.fixed_dictionaries({"answer": words}), st.fixed_dictionaries({"table": good_tables()}),
    st.fixed_dictionaries({"not_held": st.one_of(st.just("yes"), words)}),
    st.fixed_dictionaries({"exemption": st.fixed_dictionaries({"cite": st.just("s21"), "where": words,
                                                               "because": words})}))


@st.composite
def good_questions(draw: st.DrawFn) -> list[dict[str, Any]]:
    labels = draw(st.lists(st.from_regex(r"\A(Q?[1-9][0-9]?[a-z]?[.)]?|[ivx]{1,3}\))\Z"), min_size=1, max_size=5,
                           unique_by=lambda label: label.lower().lstrip("q").rstrip(".)")))
    return [{"number": label, "text": draw(words), **draw(good_answers)} for label in labels]


good_answer_files = st.fixed_dictionaries(
    {"reference": st.from_regex(r"\A[A-Z]{2,4}[0-9]{1,9}\Z"), "date": st.dates(dt.date(2006, 1, 1),
                                                                                dt.date(2099, 1, 1)).map(str),
     "subject": words, "questions": good_questions()},
    optional={"request_text": words, "requester": st.fixed_dictionaries({"name": words}),
              "annex": st.fixed_dictionaries({}, optional={"title": words})})


@SMALL
@given(data=st.one_of(good_answer_files, answer_files, values))
def test_any_answer_file_builds_or_is_reported_with_its_line(tmp_path_factory: pytest.TempPathFactory, data: Any):
    folder = tmp_path_factory.mktemp("random")
    _build(_write(folder, data), folder / "out")


# -- random text in every field ----------------------------------------------------------------------

def _text_for(markdown: bool) -> st.SearchStrategy[str]:
    if markdown:
        alphabet = st.characters(exclude_characters="".join(MARKDOWN_SYNTAX), exclude_categories=("Cs",))
        # A Markdown line that starts with a digit and a dot or bracket is a list item: none here, as
        # neither is in the alphabet. Four spaces start code, which is still the text.
        return st.text(alphabet, max_size=40)
    return st.text(st.characters(codec=None), max_size=40)  # any code point, lone surrogates included


@SMALL
@given(data=st.data())
def test_any_text_in_any_field_shows_as_typed_or_is_reported(tmp_path_factory: pytest.TempPathFactory,
                                                              data: st.DataObject):
    path, markdown = data.draw(st.sampled_from(sorted(FIELDS.items(), key=repr)), label="field")
    text = data.draw(_text_for(markdown), label="text")
    letter = copy.deepcopy(LETTER)
    _set(letter, path, text)
    folder = tmp_path_factory.mktemp("text")
    result = _build(_write(folder, letter), folder / "out")
    if isinstance(result, AnswerFileError):
        # Reported: the character by its code point, or a problem at the field (or the entry that holds it),
        # or at another field that names it (a question number given twice is reported at the second).
        message = result.format_message()
        entry = field_path(path[:2] if len(path) > 1 and isinstance(path[1], int) else path[:1])
        assert any(f"U+{ord(c):04X}" in message for _, c in characters.find(text)) or \
            any(p.field.startswith(entry) or f"also at {entry}" in p.message for p in result.problems) or \
            "invalid Unicode" in message, \
            f"{field_path(path)} = {text!r}:\n{message}"
        return
    assert not characters.find(text), "a character Word cannot hold was let through"
    assert _normal(text) in _normal(docx_text(result.files[0]))


@settings(SMALL, max_examples=EXAMPLES or 4)
@given(data=st.data())
def test_any_latin_text_in_any_field_shows_in_the_pdf(tmp_path_factory: pytest.TempPathFactory,
                                                      data: st.DataObject):
    # Latin text only: the PDF's packaged fonts cannot show CJK, Arabic or emoji (they print as boxes,
    # though the text layer keeps them). The DOCX, which Word shows with any font, takes any text above.
    path, markdown = data.draw(st.sampled_from(sorted(FIELDS.items(), key=repr)), label="field")
    alphabet = string.ascii_letters + string.digits + " ,;?'\"/@£€%éèüöñçßøåÆŒ"
    text = data.draw(st.text(st.sampled_from(alphabet), min_size=1, max_size=30).filter(str.strip), label="text")
    assume(not markdown or not set(text) & MARKDOWN_SYNTAX)
    letter = copy.deepcopy(LETTER)
    _set(letter, path, text)
    folder = tmp_path_factory.mktemp("pdf")
    result = _build(_write(folder, letter), folder / "out", ("pdf",))
    if isinstance(result, AnswerFileError):  # e.g. a number that is only a space: reported, at its field
        assert any(p.field for p in result.problems), result.format_message()
        return
    assert "".join(text.split()) in "".join(pdf_text(result.files[0]).split())


# -- random CSV files -------------------------------------------------------------------------------------

@SMALL
@given(raw=st.one_of(st.binary(max_size=200), st.text(max_size=200).map(lambda t: t.encode("utf-8")),
                     st.lists(st.lists(st.text(max_size=6), min_size=1, max_size=4), max_size=5).map(
                         lambda rows: "\n".join(",".join(row) for row in rows).encode("utf-8"))))
def test_any_csv_file_builds_or_is_reported_with_its_line(tmp_path_factory: pytest.TempPathFactory, raw: bytes):
    folder = tmp_path_factory.mktemp("csv")
    letter = copy.deepcopy(LETTER)
    letter["questions"][0]["table"] = {"csv": "table.csv"}
    (folder / "table.csv").write_bytes(raw)
    _build(_write(folder, letter), folder / "out")


# -- random edits of a real answer file -------------------------------------------------------------------

EXAMPLE = (Path(__file__).resolve().parents[2] / "examples" / "simple.yaml").read_text(encoding="utf-8")


@SMALL
@given(start=st.integers(0, len(EXAMPLE)), length=st.integers(0, 40),
       insert=st.one_of(st.text(max_size=20), st.sampled_from(["\t", "  ", "\n", ": ", "- ", "&a ", "*a", "!!str ",
                                                               '"', "'", "{", "[", "|", ">", "#", "---\n"])))
def test_any_edit_of_an_answer_file_builds_or_is_reported(tmp_path_factory: pytest.TempPathFactory, start: int,
                                                          length: int, insert: str):
    folder = tmp_path_factory.mktemp("edit")
    path = folder / "FOI123456789.yaml"
    path.write_bytes((EXAMPLE[:start] + insert + EXAMPLE[start + length:]).encode("utf-8", errors="surrogatepass"))
    _build(path, folder / "out")
