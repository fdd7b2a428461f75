"""The law in the built letter: public interest test, neither-confirm-nor-deny, lateness,
and letters under more than one regime, read back from real DOCX and PDF files."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write
from readback import docx_text, pdf_text

from foiletters.build import build
from foiletters.errors import AnswerFileError
from foiletters.render.house import TemplateSet

HEAD = """\
reference: FOI4000001
regime: {regime}
date: 2026-03-04
received: {received}
subject: the leisure contract
questions:
"""


def _built(tmp_path: Path, house: TemplateSet, body: str, regime: str = "FOIA", received: str = "2026-02-10",
           formats: tuple[str, ...] = ("docx",)) -> dict[str, Path]:
    path = write(tmp_path, "FOI4000001.yaml", HEAD.format(regime=regime, received=received) + body)
    return {p.suffix[1:]: p for p in build(path, tmp_path / "out", house, formats).files}


QUALIFIED = """\
  - number: "1."
    text: What does the operator pay the Council each year?
    exemption:
      cite: s43(2)
      because: The payment is being renegotiated.
      public_interest:
        for:
          - Openness about **public money**.
        against:
          - Disclosure would weaken the Council's position in the negotiation.
        conclusion: The balance favours withholding the figure until the new contract is signed.
"""


def test_the_public_interest_test_is_set_out_in_both_formats(tmp_path: Path, house: TemplateSet):
    letter = _built(tmp_path, house, QUALIFIED, formats=("docx", "pdf"))
    for text in (docx_text(letter["docx"]), pdf_text(letter["pdf"])):
        flat = " ".join(text.replace("\u2022", " ").split())  # the PDF draws bullets as text
        assert "The payment is being renegotiated." in flat
        assert "Section 43(2) of the Freedom of Information Act 2000" in flat
        assert "This is a qualified exemption" in flat
        assert "Factors in favour of disclosure: Openness about public money." in flat
        assert "Factors in favour of withholding the information: Disclosure would weaken" in flat
        assert "Our conclusion: The balance favours withholding the figure" in flat
        # The EIR's presumption in favour of disclosure belongs to EIR letters only.
        assert "presumption in favour of disclosure" not in flat


def test_an_eir_exception_states_the_presumption_in_favour_of_disclosure(tmp_path: Path, house: TemplateSet):
    body = QUALIFIED.replace("cite: s43(2)", "cite: reg 12(5)(e)")
    flat = " ".join(docx_text(_built(tmp_path, house, body, regime="EIR")["docx"]).split())
    assert "This is a qualified exception" in flat and "presumption in favour of disclosure" in flat
    assert "40 working days" in flat  # the EIR's review rights (reg 11)


NCND = """\
  - number: "1."
    text: Has Mr X of the parks team been disciplined?
    exemption:
      cite: s40(2)
      ncnd: yes
      because: Confirming or denying would itself disclose personal data of the person named.
"""


def test_an_ncnd_answer_uses_the_ncnd_wording_and_says_nothing_of_what_is_held(tmp_path: Path,
                                                                                 house: TemplateSet):
    flat = " ".join(docx_text(_built(tmp_path, house, NCND)["docx"]).split())
    assert "neither confirm nor deny" in flat
    assert "40(5B)" in flat
    for leak in ("do not hold", "not held", "we hold", "Section 3(2) and 3(3)"):
        assert leak not in flat


def test_a_late_letter_apologises_with_its_due_date(tmp_path: Path, house: TemplateSet):
    body = '  - number: "1."\n    text: How many?\n    answer: "40"\n'
    late = " ".join(docx_text(_built(tmp_path, house, body, received="2026-01-05")["docx"]).split())
    assert ("We are sorry that this response is later than it should have been: your request should have been "
            "answered by 02 February 2026") in late
    on_time = " ".join(docx_text(_built(tmp_path, house, body, received="2026-02-10")["docx"]).split())
    assert "We are sorry" not in on_time


MIXED = """\
  - number: "1."
    text: How many staff work in the parks team?
    answer: "12"
  - number: "2."
    text: How many trees were felled in 2025?
    regime: EIR
    answer: "120"
  - number: "3."
    text: "About the tree surgeons:"
    regime: EIR
    parts:
      - number: a)
        text: Who are they?
        answer: Arbor Ltd.
"""


def test_a_mixed_letter_says_which_part_is_answered_under_which_law(tmp_path: Path, house: TemplateSet):
    flat = " ".join(docx_text(_built(tmp_path, house, MIXED)["docx"]).split())
    assert ("We have answered Questions 2 and 3 under the Environmental Information Regulations 2004 (EIR), as "
            "they ask for environmental information, and the rest of your request under the Freedom of "
            "Information Act 2000.") in flat
    # Both regimes' review rights: FOIA's 40 days, and the EIR's 40 working days (reg 11).
    assert "submitted within 40 days" in flat
    assert "under the Environmental Information Regulations 2004, you can ask us to review" in flat
    assert "within 40 working days" in flat


def test_a_foisa_letter_gives_the_scottish_rights(tmp_path: Path, house: TemplateSet):
    body = '  - number: "1."\n    text: What are the opening hours?\n    not_held: yes\n'
    flat = " ".join(docx_text(_built(tmp_path, house, body, regime="FOISA")["docx"]).split())
    assert "Freedom of Information (Scotland) Act 2002" in flat
    assert "Section 17(1)" in flat  # the not-held notice of FOISA, not FOIA's s1(1)(a)
    assert "Scottish Information Commissioner" in flat and "six months" in flat
    assert "40 working days" in flat
    assert "Wycliffe House" not in flat


def test_s40_2_names_the_condition_relied_on_and_refuses_an_unknown_one(tmp_path: Path):
    packaged = TemplateSet(None)  # the packaged wording (the house's own s40(2) text names the first condition)
    # The second condition is qualified (s40(3B); s2(3)(fa)): it takes a public interest test.
    body = NCND.replace("      ncnd: yes\n", "      condition: second\n      public_interest:\n"
                        "        for: [Openness.]\n        against: [The objection.]\n"
                        "        conclusion: The public interest in maintaining the exemption outweighs that in "
                        "disclosure.\n")
    flat = " ".join(docx_text(_built(tmp_path, packaged, body)["docx"]).split())
    assert "the second condition, in Section 40(3B)" in flat
    default = " ".join(docx_text(_built(tmp_path, packaged, NCND.replace("      ncnd: yes\n", ""))["docx"]).split())
    assert "the first condition in Section 40(3A)" in default
    with pytest.raises(AnswerFileError, match=r"exemption\.condition: \[exemption-details\] s40\(2\) has no "
                                              r"condition 'fourth'; write one of: first, second, third"):
        _built(tmp_path, packaged, body.replace("condition: second", "condition: fourth"))
