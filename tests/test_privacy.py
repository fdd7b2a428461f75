"""The privacy search's parts on their own: the normaliser, what cannot be protected, the officer's command,
what the log may print, and the public CSV in a spreadsheet. The corpus (tests/privacy/) tests them whole."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import ROOT, write

from foiletters.cli import main
from foiletters.errors import AnswerFileError, Problem
from foiletters.load.answerfile import load
from foiletters.publish.normalise import normal, words
from foiletters.publish.privacy import searcher_for, without_quotes
from foiletters.publish.privacy_forms import name_forms, phone_number
from foiletters.publish.spreadsheet_cells import spreadsheet_safe
from foiletters.render.house import TemplateSet

ANSWER = """\
reference: FOI7000009
date: 2026-03-04
received: 2026-02-10
subject: bus routes
requester: {{name: Ms Rowena Threlkeld, email: rowena@example.org}}
questions:
  - number: "1."
    text: How many bus routes are there?
    answer: {answer}
private: {private}
reviewed_for_publication: 2026-03-05
"""


@pytest.mark.parametrize(("typed", "same_as"), [
    ("O’Brien", "OBrien"), ("Ｑｕｉｌｌ", "quill"), ("Stra\u00dfe", "STRASSE"), ("Zoe\u0308", "Zoë"),
    ("Threl\u00adkeld", "Threlkeld"), ("Threl\u200bkeld", "Threlkeld"), ("Threl-\n  keld", "Threlkeld"),
    ("mailto:ann%2Equill%40example.org", "mailto ann.quill@example.org"), ("Ann\u00a0\u2003Quill", "ann quill"),
    ("Ann\r\n\tQuill", "Ann Quill"), ("Ørsted", "orsted"),
])
def test_text_is_normalised_the_same_way_however_it_was_typed(typed: str, same_as: str):
    assert normal(typed) == normal(same_as)


def test_a_word_keeps_the_span_it_was_typed_in():
    text = "Dear Ms O’Brien,"
    [_, _, surname] = words(text)
    assert surname.text == "obrien" and text[surname.start:surname.end] == "O’Brien"


def test_a_phone_number_is_its_digits_whatever_its_prefix():
    assert {phone_number(p) for p in ("024 7697 5408", "+44 (0)24 7697 5408", "0044 24-7697-5408",
                                      "02476975408")} == {"2476975408"}


def test_a_name_is_looked_for_in_its_forms_and_its_surname_alone_is_marked_as_an_ordinary_word():
    forms = {f.words: f.what for f in name_forms("Mr Alan Hall")}
    assert forms[("hall",)] == "the requester's surname, which is also an ordinary word"
    assert forms[("mr", "hall")] == "the requester's surname with a title"
    assert forms[("hall", "alan")] == "the requester's name, surname first"
    assert ("a", "hall") in forms


def _searcher(tmp_path: Path, answer: str, private: str):
    path = write(tmp_path, "FOI7000009.yaml", ANSWER.format(answer=answer, private=private))
    return searcher_for(load(path), TemplateSet(ROOT / "templates"))


def test_a_short_private_value_is_found_as_a_whole_word_only(tmp_path: Path):
    searcher = _searcher(tmp_path, "x", "[Jo]")
    assert [f.what for f in searcher.find("As Jo said.")] == ["the value private[0]"]
    assert searcher.find("Joanne Jones and a jockey") == []


@pytest.mark.parametrize(("value", "why"), [("J", "a single character"), ("the", "an ordinary word"),
                                            ("'--'", "no letters or digits")])
def test_a_private_value_that_cannot_be_told_from_ordinary_text_is_an_error_at_its_line(tmp_path, value, why):
    with pytest.raises(AnswerFileError) as error:
        _searcher(tmp_path, "x", f"[Jo, {value}]")
    [problem] = error.value.problems
    assert (problem.line, problem.field) == (10, "private[1]")
    assert "this value cannot be protected" in problem.message and why in problem.message


def test_the_log_never_prints_a_value_quoted_from_the_answer_file():
    problem = Problem("answers/FOI1.yaml", 14, 11, "questions[1].table.rows[1]",
                      "row 2 ('Rowena Threlkeld') has 3 cells, but the header has 2 columns", "give 2 cells")
    safe = without_quotes(problem)
    assert "Threlkeld" not in safe
    assert safe.startswith("answers/FOI1.yaml:14:11: questions[1].table.rows[1]: row 2 (…) has 3 cells")
    assert without_quotes("the requester's name: no quote here") == "the requester's name: no quote here"


def test_the_officers_command_shows_each_match_in_context(tmp_path: Path, capsys):
    path = write(tmp_path, "FOI7000009.yaml", ANSWER.format(answer="As Ms Threlkeld asked, there are 12.",
                                                             private="[]"))
    status = main(["privacy", str(path), "--templates", str(ROOT / "templates")])
    out = capsys.readouterr().out
    assert status == 1
    assert "FOI7000009.yaml:9:16: questions[0].answer: the requester's surname with a title" in out
    assert "[Ms Threlkeld] asked, there are 12." in out
    assert 'releases: - at: "questions[0].answer:9:16"' in out
    path.write_text(path.read_text(encoding="utf-8").replace(
        "reviewed_for_publication", 'releases:\n  - at: "questions[0].answer:9:16"\n    reason: checked\n'
        "reviewed_for_publication"), encoding="utf-8")
    assert main(["privacy", str(path), "--templates", str(ROOT / "templates")]) == 0
    assert "released (checked)" in capsys.readouterr().out


@pytest.mark.parametrize(("value", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", '="+1"'), ("-cmd", "'-cmd"),
    ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"), ("0042", '="0042"'), ("12/2024", '="12/2024"'),
    ("1e5", '="1e5"'), ("12", "12"), ("2026-03-04", "2026-03-04"), ("FOI123", "FOI123"), ("", ""),
])
def test_a_csv_cell_opens_in_a_spreadsheet_as_written(value: str, written: str):
    assert spreadsheet_safe(value) == written


def test_the_public_csv_keeps_a_reference_and_a_formula_as_text(tmp_path: Path):
    from foiletters.publish.record import Record
    from foiletters.publish.site import _csv

    record = Record("0042", "=HYPERLINK(\"http://evil\")", "2026-03-04", None, None, "FOIA", ["FOIA"], "released",
                    [], [], "abc", {"pdf": "0042.pdf", "docx": "0042.docx"})
    [row] = list(csv.DictReader(io.StringIO(_csv([record], "").decode("utf-8"))))
    assert row["reference"] == '="0042"' and row["title"].startswith("'=")
