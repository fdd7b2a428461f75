"""Mistakes in an answer file: all reported in one run, as file:line:col, and nothing written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MINIMAL, write

from foiletters.cli import main
from foiletters.errors import AnswerFileError
from foiletters.load.answerfile import load

MANY_MISTAKES = """\
reference: FOI1000002
date: 2026-03-04
subjct: misspelt key
regime: FOI
questions:
  - number: "1."
    text: How many?
    answr: Twelve.
  - number: "2."
    text: And by year?
    table:
      columns: [Year, Count]
      rows:
        - [2023, 1]
        - [2024, 2, 3]
  - number: "3."
    text: The total?
    table:
      columns: [Year, Count]
      rows:
        - [2023, 5]
        - [2024, 6]
      total: [Total, 12]
  - covers: 2 to 9
    answer: For questions 2 to 9, see above.
  - number: "4."
    text: When?
    tables: a table
date: 2026-03-05
"""


def test_every_mistake_is_reported_in_one_run(tmp_path: Path):
    path = write(tmp_path, "FOI1000002.yaml", MANY_MISTAKES)
    with pytest.raises(AnswerFileError) as caught:
        load(path)
    lines = str(caught.value.format_message()).splitlines()
    expected = [
        (3, "subjct: unknown field 'subjct'; did you mean 'subject'?"),
        (4, "regime: 'FOI' is not allowed here; use one of 'FOIA', 'EIR', 'FOISA' or 'EISR'"),
        (8, "questions[0].answr: unknown field 'answr'; did you mean 'answer'?"),
        (15, "questions[1].table.rows[1]: row 2 ('2024') has 3 cells, but the header has 2 columns"),
        (23, "questions[2].table.total: the total of column 2 ('Count') is written as '12', but its rows add up to 11"),
        (24, "questions[3].covers: there is no question '9' in this file"),
        (28, "questions[4].tables: expected a list (each item on a line starting '- '), "
             "but this is the text 'a table'"),
        (29, "the key 'date' is written twice (first on line 2); keep one of them"),
        (1, "subject: is missing; add `subject:`"),
    ]
    for line, message in expected:
        assert any(re.match(rf"^.*FOI1000002\.yaml:{line}:\d+: ", text) and message in text for text in lines), \
            f"no line {line}: {message!r} in:\n" + "\n".join(lines)
    assert lines[-1] == f"{len(lines) - 1} problems found; no letter was written."


def test_cli_reports_without_traceback_and_writes_nothing(tmp_path: Path, capsys):
    path = write(tmp_path, "FOI1000002.yaml", MANY_MISTAKES)
    out = tmp_path / "out"
    status = main(["build", str(path), "-o", str(out)])
    err = capsys.readouterr().err
    assert status == 2
    assert "Traceback" not in err
    assert "FOI1000002.yaml:3:1: subjct: unknown field" in err
    assert not out.exists() or not any(out.iterdir())


def test_a_failed_build_leaves_the_previous_letter_in_place(tmp_path: Path):
    good = write(tmp_path, "a.yaml", MINIMAL)
    out = tmp_path / "out"
    assert main(["build", str(good), "-o", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    write(tmp_path, "a.yaml", MINIMAL.replace("How many?", "How many?\n    answr: x"))
    assert main(["build", str(good), "-o", str(out)]) == 2
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


@pytest.mark.parametrize(("text", "message"), [
    ("", "the answer file is empty"),
    ("- a\n- b\n", "the answer file is not a set of fields"),
    ("reference: [unclosed\n", "this is not valid YAML"),
    (MINIMAL.replace("FOI1000001", "'FOI 1 '"), "'FOI 1 ' cannot be a reference"),
    # A mistake inside a letter of the request's life is at its own line, with the letter's own field path.
    (MINIMAL + "letters:\n  - kind: reviw\n    date: 2026-04-01\n",
     ":9:11: letters[0].kind: 'reviw' is not a kind of letter; did you mean 'review'?"),
    (MINIMAL + "letters:\n  - date: 2026-04-01\n", "letters[0]: this letter has no `kind`"),
    (MINIMAL + "letters:\n  - kind: review\n    date: 2026-04-01\n    requested: {received: 2026-03-10}\n"
     "    findings: x\n    outcome: maybe\n", ":13:14: letters[0].outcome: 'maybe' is not allowed here"),
    (MINIMAL.replace("FOI1000001", "'///'"), "'///' cannot be a reference: it needs a letter or digit"),
    (MINIMAL.replace("2026-03-04", "04/03/2026"), "'04/03/2026' is not a date; write the date as YYYY-MM-DD"),
    (MINIMAL + "attachments:\n  - file: missing.xlsx\n", "the file 'missing.xlsx' is not beside the answer file"),
    (MINIMAL + "attachments:\n  - file: ../secret.txt\n", "'../secret.txt' is not a plain file name"),
    (MINIMAL.replace('number: "1."', 'number: "1."\n    covers: "2"'), "a numbered question cannot have `covers`"),
])
def test_single_mistakes(tmp_path: Path, text: str, message: str):
    path = write(tmp_path, "x.yaml", text)
    with pytest.raises(AnswerFileError) as caught:
        load(path)
    assert message in caught.value.format_message()


def test_unknown_exemption_names_the_regime_it_belongs_to(tmp_path: Path, capsys):
    text = MINIMAL.replace("regime: FOIA", "").replace("date:", "regime: EIR\ndate:").replace(
        "    answer: Twelve.", "    exemption:\n      cite: s12\n      estimate: 30 hours")
    path = write(tmp_path, "x.yaml", text)
    assert main(["build", str(path), "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "questions[0].exemption.cite: [wrong-regime] s12 belongs to FOIA, not EIR" in err
    assert "(EIR reg 14(2)-(3))" in err
