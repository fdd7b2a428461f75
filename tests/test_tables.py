"""Tables: headers in levels, CSV files, computed and checked totals."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import MINIMAL, write
from readback import docx_text

from foiletters.build import build
from foiletters.errors import AnswerFileError
from foiletters.load.answerfile import load
from foiletters.load.model import Table
from foiletters.load.tables import HeaderCell, header_rows

TABLE = MINIMAL.replace("    answer: Twelve.\n", "    table:\n{table}")


def _with_table(yaml_lines: str) -> str:
    return TABLE.format(table="".join(f"      {line}\n" for line in yaml_lines.strip().splitlines()))


def test_levels_repeat_under_each_value_of_the_level_above():
    table = Table(levels={"Year": ["2023", "2024"], "Where": ["In", "Out"]}, rows=[["x", "1", "2", "3", "4"]])
    assert header_rows(table) == [
        [HeaderCell("Year"), HeaderCell("2023", 2), HeaderCell("2024", 2)],
        [HeaderCell("Where"), HeaderCell("In"), HeaderCell("Out"), HeaderCell("In"), HeaderCell("Out")],
    ]
    assert table.width == 5


@pytest.mark.parametrize(("cells", "total"), [
    (["3,180", "1,005"], "4,185"),
    (["£5,490.17", "£10.03"], "£5,500.20"),
    (["3.9", "3.55"], "7.45"),
    (["949", "1105", "1334"], "3388"),
])
def test_computed_total_is_written_like_its_column(tmp_path: Path, cells: list[str], total: str):
    rows = "\n".join(f'  - [row{i}, "{c}"]' for i, c in enumerate(cells))
    path = write(tmp_path, "a.yaml", _with_table(f"columns: [Label, Value]\nrows:\n{rows}\ntotal: Total"))
    request = load(path)
    assert request.answers.questions[0].table.total.cells == [total]
    text = docx_text(build(path, tmp_path / "out", _templates(), formats=("docx",)).files[0])
    assert f"Total\n{total}" in text


def test_text_column_gets_no_total(tmp_path: Path):
    path = write(tmp_path, "a.yaml", _with_table(
        "columns: [Label, Value, Note]\nrows:\n  - [a, 1, yes]\n  - [b, 2, no]\ntotal: Total"))
    assert load(path).answers.questions[0].table.total.cells == ["3", ""]


def test_rows_from_csv_beside_the_answer_file(tmp_path: Path):
    write(tmp_path, "data.csv", "Year,Count\n2023,949\n2024,\"1,105\"\n")
    path = write(tmp_path, "a.yaml", _with_table("csv: data.csv\ntotal: [Total, \"2,054\"]"))
    table = load(path).answers.questions[0].table
    assert table.columns == ["Year", "Count"]
    assert table.rows == [["2023", "949"], ["2024", "1,105"]]


def test_csv_row_of_wrong_width_names_the_csv_line(tmp_path: Path):
    write(tmp_path, "data.csv", "Year,Count\n2023,949\n2024,1,2\n")
    path = write(tmp_path, "a.yaml", _with_table("csv: data.csv"))
    with pytest.raises(AnswerFileError) as caught:
        load(path)
    assert "data.csv:3:1: row 2 ('2024') has 3 cells, but the header has 2 columns" in caught.value.format_message()


def test_csv_outside_the_folder_is_refused(tmp_path: Path):
    path = write(tmp_path / "sub", "a.yaml", _with_table("csv: ../data.csv"))
    with pytest.raises(AnswerFileError) as caught:
        load(path)
    assert "'../data.csv' is not a plain file name" in caught.value.format_message()


def _templates():
    from conftest import ROOT

    from foiletters.render.house import TemplateSet

    return TemplateSet(ROOT / "templates")


def test_a_word_longer_than_the_limit_is_refused_at_its_line(tmp_path: Path):
    from foiletters.load.limits import MAX_WORD

    word = "x" * (MAX_WORD + 1)
    write(tmp_path, "data.csv", f"Year,Reference\n2023,short\n2024,{word}\n")
    path = write(tmp_path, "a.yaml", _with_table("csv: data.csv"))
    with pytest.raises(AnswerFileError) as caught:
        load(path)
    assert (f"data.csv:3:1: a cell has a word of {MAX_WORD + 1:,} characters without a space, more than the limit "
            f"of {MAX_WORD:,}; send data like this as a CSV or spreadsheet attachment") in caught.value.format_message()
    path = write(tmp_path, "b.yaml", _with_table(f"columns: [Year, Reference]\nrows:\n  - ['2023', {word}]"))
    with pytest.raises(AnswerFileError) as caught:
        load(path)
    assert (f"b.yaml:10:20: questions[0].table.rows[0][1]: this text has a word of {MAX_WORD + 1:,} characters"
            in caught.value.format_message())
    load(write(tmp_path, "c.yaml", _with_table(f"columns: [Year, Reference]\nrows:\n  - ['2023', {word[1:]}]")))
