"""The letters of a request's life, built from one answer file and read back from both formats as a reader's
tools would; `foiletters build --letter` and `foiletters due`."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, write
from readback import docx_text, pdf_text, words

from foiletters.build import build
from foiletters.check.open_requests import as_csv, open_requests
from foiletters.cli import main
from foiletters.errors import FoilettersError
from foiletters.render.house import TemplateSet

LIFE = ROOT / "examples" / "life.yaml"
CASES = ROOT / "tests" / "check_cases" / "letters"


@pytest.fixture(scope="module")
def life_letters(tmp_path_factory: pytest.TempPathFactory, house: TemplateSet) -> dict[str, dict[str, str]]:
    """Every kind of letter built once, as {kind: {format: text}}."""
    out = tmp_path_factory.mktemp("life")
    sources = {kind: LIFE for kind in ("acknowledgement", "clarification", "extension", "response", "review")}
    sources |= {"refusal": CASES / "refusal-pass.yaml", "transfer": CASES / "transfer-pass.yaml"}
    texts = {}
    for kind, source in sources.items():
        built = build(source, out / kind, house, kind=kind)
        files = {p.suffix: p for p in built.files}
        texts[kind] = {"docx": docx_text(files[".docx"]), "pdf": pdf_text(files[".pdf"]),
                       "names": sorted(p.name for p in built.files)}
    return texts


# What each kind must say, as both formats read back: its date, its reference, and its own law.
EXPECTED = {
    "acknowledgement": ["06 January 2026", "FOI424242", "by 02 February 2026, 20 working days after we received "
                        "your request"],
    "clarification": ["07 January 2026", "section 1(3) of the Freedom of Information Act 2000",
                      "You could tell us whether you mean the 2022 tender", "start again on the day we receive"],
    "extension": ["06 February 2026", "Section 43(2) (commercial interests)", "Section 10(3) of the Act",
                  "We estimate that we will reach one, and respond to you, by 09 March 2026",
                  "ask us to review our response", "Information Commissioner"],
    "response": ["05 March 2026", "When does the current contract end?", "31 March 2028"],
    "review": ["02 April 2026", "for an internal review of our response of 05 March 2026",
               "Please provide the following information about the contract",
               "I do not accept that the bids are still commercially sensitive",
               "The review upholds our original response in part", "Question 2",
               "The winning bid's total price was £14.2 million", "section 50 of the Freedom of Information Act 2000"],
    "refusal": ["20 January 2026", "section 14(1) of the Freedom of Information Act 2000 (vexatious request)",
                "A request for the yearly total alone could be answered", "ask us to review"],
    "transfer": ["12 January 2026", "We believe that it is held by Environment Agency", "As you agreed on 09 "
                 "January 2026, we have transferred your request", "Horizon House"],
}


@pytest.mark.parametrize("kind", list(EXPECTED))
def test_each_kind_of_letter_reads_back_from_both_formats(kind: str, life_letters):
    for fmt in ("docx", "pdf"):
        text = " ".join(words(life_letters[kind][fmt]))
        for phrase in EXPECTED[kind]:
            assert " ".join(words(phrase)) in text, (kind, fmt, phrase)


def test_no_public_interest_test_in_an_extension_notice_and_no_further_review_after_a_review(life_letters):
    extension = " ".join(words(life_letters["extension"]["pdf"]))
    assert "Factors in favour of disclosure" not in extension
    assert "We have not yet reached a decision" in extension
    review = " ".join(words(life_letters["review"]["docx"]))
    assert "ask us to review" not in review and "40 working days" not in review
    assert "This concludes our internal review" in review


def test_the_files_are_named_by_reference_kind_and_date(life_letters):
    assert life_letters["response"]["names"] == ["FOI424242.docx", "FOI424242.pdf"]
    assert life_letters["extension"]["names"] == ["FOI424242-extension-2026-02-06.docx",
                                                  "FOI424242-extension-2026-02-06.pdf"]


def test_build_makes_the_newest_letter_and_a_review_with_its_own_reference_uses_it(tmp_path: Path,
                                                                                     house: TemplateSet):
    assert [p.name for p in build(LIFE, tmp_path, house, formats=("docx",)).files] == [
        "FOI424242-review-2026-04-02.docx"]
    review = build(CASES / "review-pass.yaml", tmp_path, house, formats=("docx",))
    assert [p.name for p in review.files] == ["REV-2026-014-review-2026-03-02.docx"]
    text = " ".join(words(docx_text(review.files[0])))
    assert "Request ID FOI5000019" in text and "Review reference REV 2026 014" in text
    assert "Court of Session on a point of law" in text and "Scottish Information Commissioner" in text


def test_asking_for_a_letter_the_file_does_not_have_is_a_clear_error(tmp_path: Path, capsys):
    assert main(["build", str(LIFE), "--letter", "refusal", "-o", str(tmp_path), "--format", "docx"]) == 2
    err = capsys.readouterr().err
    assert "life.yaml: letters: FOI424242 has no refusal letter under `letters`" in err
    assert "acknowledgement, clarification, extension, response, review" in err and "Traceback" not in err
    assert not any(tmp_path.iterdir())


def test_a_file_with_only_letters_has_no_response_to_build(tmp_path: Path, house: TemplateSet):
    path = write(tmp_path, "ack.yaml", (CASES / "acknowledgement-pass.yaml").read_text(encoding="utf-8"))
    assert [p.name for p in build(path, tmp_path / "out", house, formats=("docx",)).files] == [
        "FOI5000002-acknowledgement-2026-01-06.docx"]
    with pytest.raises(FoilettersError, match="has no response yet"):
        build(path, tmp_path / "out", house, kind="response")


def test_the_acknowledgement_counts_from_the_clarification_and_scotland_s_holidays(tmp_path: Path,
                                                                                     house: TemplateSet):
    # Received Friday 6 March 2026. FOIA counts St Patrick's Day (17 March, Northern Ireland) and Easter Monday
    # (6 April, not a bank holiday in Scotland) as holidays; FOISA counts neither.
    text = """reference: FOI7000001
regime: {regime}
received: 2026-03-06
subject: school meals
letters:
  - kind: acknowledgement
    date: {ack}
{clarification}"""
    clarification = """  - kind: clarification
    date: 2026-03-06
    unclear: Which schools?
    suggestions: Primary schools, or all schools.
    answered: 2026-03-09
"""
    for regime, ack, extra, due in (("FOISA", "2026-03-07", "", "06 April 2026"),
                                    ("FOIA", "2026-03-07", "", "08 April 2026"),
                                    ("FOIA", "2026-03-10", clarification, "09 April 2026")):
        path = write(tmp_path, f"{regime}{ack}.yaml", text.format(regime=regime, ack=ack, clarification=extra))
        built = build(path, tmp_path / "out", house, formats=("docx",), kind="acknowledgement")
        assert f"in any event by {due}" in " ".join(docx_text(built.files[0]).split()), (regime, ack)


def test_a_foisa_extension_does_not_build(tmp_path: Path, house: TemplateSet):
    from foiletters.errors import AnswerFileError

    with pytest.raises(AnswerFileError, match=r"\[extension-law\] FOISA has no public-interest extension"):
        build(CASES / "extension-law-foisa.yaml", tmp_path, house, formats=("docx",))
    assert not tmp_path.joinpath("FOI5000009-extension-2026-01-30.docx").exists()


def test_due_lists_open_requests_soonest_first_without_the_requester(tmp_path: Path, house: TemplateSet, capsys):
    write(tmp_path, "a.yaml", """reference: FOI8000001
received: 2026-01-05
subject: potholes
requester: {name: Ms Private Person, email: private@example.org}
questions:
  - number: "1."
    text: How many potholes were repaired?
letters:
  - kind: acknowledgement
    date: 2026-01-06
""")
    write(tmp_path, "b.yaml", """reference: FOI8000002
received: 2026-01-12
subject: libraries
letters:
  - kind: clarification
    date: 2026-01-13
    unclear: Which libraries?
    suggestions: The central library, or all of them.
""")
    answered = (ROOT / "examples" / "simple.yaml").read_text(encoding="utf-8")
    write(tmp_path, "c.yaml", answered.replace("date: 2026-03-04", "date: 2026-02-09").replace(
        "received: 2026-02-05", "received: 2026-02-02"))  # answered, so not listed
    rows, problems = open_requests([tmp_path, LIFE], house, dt.date(2026, 2, 10))
    assert problems == []
    assert [(r.reference, r.due, r.overdue) for r in rows] == [
        ("FOI8000001", dt.date(2026, 2, 2), True), ("FOI424242", dt.date(2026, 3, 9), False),
        ("FOI8000002", None, False)]
    assert rows[1].next_letter == "response (extended)"
    assert rows[2].next_letter.startswith("none: waiting for the answer to the clarification of 2026-01-13")
    csv_text = as_csv(rows)
    assert csv_text.splitlines()[0] == "reference,subject,law,received,due,overdue,next_letter,file"
    assert "FOI8000001,potholes,FOIA,2026-01-05,2026-02-02,yes,response," in csv_text
    assert main(["due", str(tmp_path), "--format", "table", "--as-of", "2026-02-10"]) == 0
    table = capsys.readouterr().out
    assert "OVERDUE" in table and "2 open requests on 10 February 2026, 1 overdue" in table
    for shown in (csv_text, table):
        assert "Private" not in shown and "private@" not in shown


def test_templates_check_renders_every_kind_and_shows_what_a_house_version_changes(tmp_path: Path,
                                                                                      house: TemplateSet):
    from foiletters.governance.template_check import check_templates

    builds = tmp_path / "builds"
    build(LIFE, builds, house, formats=("docx",), kind="acknowledgement")
    report = check_templates(house, [LIFE], dt.date(2026, 6, 1), against_builds=builds)
    assert report.letters == 5 and not report.failed  # the response and its four other letters
    assert any(name.endswith("life.yaml (acknowledgement of 2026-01-06)") for name in report.unchanged)
    # A house version of the acknowledgement's wording from 1 January 2026: the letter of 6 January changes.
    folder = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", folder)
    write(folder / "boilerplate" / "acknowledgement", "2026-01-01.html.j2",
          "<p>We have your request {{ letter.reference }}; we will answer by {{ due.final|long_date }}.</p>\n")
    report = check_templates(TemplateSet(folder), [LIFE], dt.date(2026, 6, 1), against_builds=builds)
    [(name, diff)] = report.changed.items()
    assert name.endswith("(acknowledgement of 2026-01-06)")
    assert "+We have your request FOI424242; we will answer by 02 February 2026." in diff
    write(folder / "boilerplate" / "review-outcome", "2000-01-01.html.j2", "<p>{{ this.outcom }}</p>\n")
    report = check_templates(TemplateSet(folder), [LIFE], dt.date(2026, 6, 1))
    assert report.failed and any("(review of 2026-04-02)" in e and "outcom" in e for e in report.errors)


def test_an_eir_refusal_sets_out_its_public_interest_test_and_the_pdf_is_tagged(tmp_path: Path,
                                                                                 house: TemplateSet):
    import pikepdf

    built = build(CASES / "refusal-pass-eir.yaml", tmp_path, house)
    files = {p.suffix: p for p in built.files}
    for text in (docx_text(files[".docx"]), pdf_text(files[".pdf"])):
        text = " ".join(words(text))
        assert "regulation 12 4 b of the Environmental Information Regulations 2004" in text
        assert "presumption in favour of disclosure" in text and "Factors in favour of disclosure" in text
        assert "40 working days" in text  # the EIR's review rights: reg 11, reg 14(5)
    with pikepdf.open(files[".pdf"]) as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert str(pdf.docinfo["/Title"]) == "Environmental Information refusal notice FOI5000030"


def test_an_extension_names_a_subsection_by_its_section_s_title_and_only_the_qualified_ones_as_qualified(
        tmp_path: Path, house: TemplateSet):
    text = (CASES / "extension-exemptions.yaml").read_text(encoding="utf-8")
    path = write(tmp_path, "department.yaml", text.replace(
        "      - cite: s32(1)\n", "      - cite: s35(1)(a)\n      - cite: s40(2)\n"))
    built = build(path, tmp_path / "out", house, formats=("docx",))
    assert built.findings == []
    text = " ".join(docx_text(built.files[0]).split())
    assert "Section 35(1)(a) (formulation of government policy)" in text
    assert "Section 40(2) (personal information of others)" in text
    assert "Section 35(1)(a) is a qualified exemption, so we must consider" in text


def test_an_extension_with_a_foia_and_an_eir_part_gives_each_law_and_its_review_rights(tmp_path: Path,
                                                                                         house: TemplateSet):
    built = build(CASES / "extension-pass.yaml", tmp_path, house, kind="extension")
    files = {p.suffix: p for p in built.files}
    for text in (docx_text(files[".docx"]), pdf_text(files[".pdf"])):
        text = " ".join(words(text))
        assert "Under the Freedom of Information Act 2000" in text and "Section 10 3 of the Act" in text
        assert "Under the Environmental Information Regulations 2004" in text and "regulation 7 1" in text
        assert "Under the Environmental Information Regulations 2004 you must ask for a review within 40 working " \
               "days" in text


def test_the_command_line_offers_every_kind_of_letter():
    from foiletters.cli import LETTER_KINDS
    from foiletters.load.letters import KINDS

    assert LETTER_KINDS == KINDS
