"""`foiletters new` and `foiletters schema`: an officer starts an answer file, and an editor checks it."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from conftest import ANSWER_FILES, MINIMAL, ROOT, write

from foiletters.cli import main
from foiletters.errors import AnswerFileError
from foiletters.load import yaml_source
from foiletters.load.answerfile import load
from foiletters.load.json_schema import answer_file_schema
from foiletters.start.new_answer_file import split_request

REQUEST = """\
Dear Sir or Madam,

Under the Freedom of Information Act, please tell me:

1. How many potholes were repaired in 2025?
2) For each ward:
a) the number of reports: "urgent" and other
b) the average time to repair
Q3 What was the budget?
It should include capital spend.
4a. Who decides # the order of repairs?

Kind regards,
Ann Requester
"""


def test_new_splits_a_pasted_request_into_questions_and_parts(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    request = write(tmp_path, "request.txt", REQUEST)
    assert main(["new", "FOI123456789", "--regime", "eir", "--questions", str(request),
                 "--received", "2026-03-02", "--subject", "road repairs"]) == 0
    assert "wrote answers/FOI123456789.yaml" in capsys.readouterr().out
    path = tmp_path / "answers" / "FOI123456789.yaml"
    text = path.read_text(encoding="utf-8")
    assert f"date: {dt.date.today().isoformat()}" in text and "regime: EIR" in text
    assert "Ann Requester" not in text and "Dear Sir or Madam" not in text  # the email's greeting and sign-off
    assert main(["check", str(path)]) == 1  # it loads; what is missing is the answers
    out = capsys.readouterr().out
    assert "question 2) a) has no answer" in out and "question 4a. has no answer" in out
    # Filled in, it builds. The questions came through exactly as written.
    filled = text.replace("answer:\n", "answer: Done.\n")
    path.write_text(filled, encoding="utf-8")
    answers = load(path).answers
    assert answers.request_text == "Under the Freedom of Information Act, please tell me:"
    assert [(q.number, q.text) for q in answers.questions] == [
        ("1.", "How many potholes were repaired in 2025?"), ("2)", "For each ward:"),
        ("Q3", "What was the budget?\nIt should include capital spend."),
        ("4a.", "Who decides # the order of repairs?")]
    assert [(p.number, p.text) for p in answers.questions[1].parts] == [
        ("a)", 'the number of reports: "urgent" and other'), ("b)", "the average time to repair")]
    assert answers.received == dt.date(2026, 3, 2) and answers.regime == "EIR"
    assert main(["build", str(path), "-o", str(tmp_path / "out"), "--format", "docx"]) == 0


def test_new_without_numbers_leaves_one_question_to_fill_in(tmp_path: Path):
    preamble, questions = split_request("Please send me the parking strategy.")
    assert preamble == "Please send me the parking strategy." and questions == []
    path = tmp_path / "b.yaml"
    assert main(["new", "FOI3", "-o", str(path)]) == 0
    with pytest.raises(AnswerFileError, match="subject"):  # the skeleton says what is still to write
        load(path)


def test_new_never_overwrites_and_refuses_a_bad_reference(tmp_path: Path, capsys):
    path = write(tmp_path, "FOI4.yaml", "reference: FOI4\n")
    assert main(["new", "FOI4", "-o", str(path)]) == 2
    assert "already exists: it is not overwritten" in capsys.readouterr().err
    assert path.read_text() == "reference: FOI4\n"
    assert main(["new", "../..", "-o", str(tmp_path / "x.yaml")]) == 2
    assert "cannot be a reference" in capsys.readouterr().err


def _as_editor_reads(path: Path):
    data, problems = yaml_source.parse(path.read_text(encoding="utf-8"), str(path))
    assert problems == []
    return json.loads(json.dumps(data))  # plain JSON values, as an editor's YAML parser gives text


def _validator() -> jsonschema.Draft202012Validator:
    schema = answer_file_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


@pytest.mark.parametrize("path", ANSWER_FILES, ids=lambda p: p.name)
def test_every_answer_file_of_the_repository_is_valid_under_the_schema(path: Path):
    errors = [e.message for e in _validator().iter_errors(_as_editor_reads(path))]
    assert errors == []


HEAD = "reference: FOI1000001\ndate: 2026-03-04\nsubject: test matters\n"
AGREEMENT = {  # answer file -> whether it is valid; the schema and the loader must both agree
    "minimal": (MINIMAL, True),
    "regime in lower case": (HEAD.replace("date:", "regime: eir\ndate:") + 'questions: []\n', True),
    "number as written": (HEAD + 'questions:\n  - number: 1.\n    text: How many?\n    answer: 28\n', True),
    "yes for ncnd": (HEAD + "questions:\n  - number: '1'\n    text: x\n    exemption: {cite: s40(2), ncnd: yes}\n",
                     True),
    "total as text": (HEAD + "questions:\n  - number: '1'\n    text: x\n    table:\n      columns: [a, b]\n"
                      "      rows: [[x, 1]]\n      total: Total\n", True),
    "total as a list": (HEAD + "questions:\n  - number: '1'\n    text: x\n    table:\n      columns: [a, b]\n"
                        "      rows: [[x, 1]]\n      total: [Total, 1]\n", True),
    "misspelt field": (MINIMAL.replace("answer:", "answr:"), False),
    "no reference": (MINIMAL.replace("reference: FOI1000001\n", ""), False),
    "no date": (MINIMAL.replace("date: 2026-03-04\n", ""), False),
    "date not a date": (MINIMAL.replace("2026-03-04", "4th March"), False),
    "unknown regime": (HEAD.replace("date:", "regime: GDPR\ndate:"), False),
    "ncnd neither yes nor no": (HEAD + "questions:\n  - number: '1'\n    text: x\n"
                                "    exemption: {cite: s40(2), ncnd: perhaps}\n", False),
    "questions not a list": (HEAD + "questions: none of them\n", False),
    "extension without date": (HEAD + "extension: {reason: complex}\n", False),
    "unknown extension": (HEAD + "extension: {reason: holiday, until: 2026-04-01}\n", False),
}


@pytest.mark.parametrize("name", AGREEMENT)
def test_the_schema_and_the_loader_agree(tmp_path: Path, name: str):
    text, valid = AGREEMENT[name]
    path = write(tmp_path, "FOI1000001.yaml", text)
    schema_says = not list(_validator().iter_errors(_as_editor_reads(path)))
    try:
        load(path)
        loader_says = True
    except AnswerFileError:
        loader_says = False
    assert (schema_says, loader_says) == (valid, valid)


def test_schema_command_writes_the_committed_schema(tmp_path: Path, capsys):
    assert main(["schema"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == answer_file_schema()
    committed = json.loads((ROOT / "answer-file.schema.json").read_text(encoding="utf-8"))
    assert committed == printed, "run: foiletters schema -o answer-file.schema.json"
    assert main(["schema", "-o", str(tmp_path / "s.json")]) == 0
    assert json.loads((tmp_path / "s.json").read_text(encoding="utf-8")) == printed


def test_new_reads_the_request_from_standard_input(tmp_path: Path):
    from click.testing import CliRunner

    from foiletters.cli import cli

    path = tmp_path / "FOI5.yaml"
    result = CliRunner().invoke(cli, ["new", "FOI5", "-o", str(path), "--questions", "-"],
                                input="1. First question?\n2. Second question?\n")
    assert result.exit_code == 0, result.output
    data = _as_editor_reads(path)
    assert [(q["number"], q["text"]) for q in data["questions"]] == [("1.", "First question?"),
                                                                     ("2.", "Second question?")]
