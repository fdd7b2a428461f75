"""The exemption library: every regime's entries load, cross-refer and render.

These tests use the real library through `TemplateSet`, both as packaged (no house folder)
and with the organisation's `templates/` over it, and render every wording with the
environment's StrictUndefined, so a misspelt name in any wording fails here.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from conftest import ROOT

from foiletters.load.model import AnswerFile
from foiletters.render.exemptions import TEMPLATE_PARTS, Entry, citation_key
from foiletters.render.house import TemplateSet

REGIMES = ("FOIA", "EIR", "FOISA", "EISR")
PACKAGED_FOLDER = Path(__file__).resolve().parent.parent / "src" / "foiletters" / "data" / "exemptions"
DATE = dt.date(2025, 1, 6)
LEADS = ("", "For Questions 1 to 2, ")

# What each regime must cover, with the kind the law gives it (FOIA s2(3), FOISA s2(2)).
EXPECTED = {
    "FOIA": {
        "s1(1)(a)": "not-held", "s12": "procedural", "s14(1)": "procedural", "s14(2)": "procedural",
        "s21": "absolute", "s22": "qualified", "s22A": "qualified", "s23(1)": "absolute", "s24(1)": "qualified",
        "s26(1)": "qualified", "s27(1)": "qualified", "s28(1)": "qualified", "s29(1)": "qualified",
        "s30(1)": "qualified", "s31(1)": "qualified", "s32(1)": "absolute", "s33(2)": "qualified",
        "s34": "absolute", "s35(1)": "qualified", "s36(2)": "qualified", "s37(1)": "qualified",
        "s37(1)(a)": "absolute", "s38(1)": "qualified", "s39(1)": "qualified", "s40(1)": "absolute",
        "s40(2)": "absolute", "s41(1)": "absolute", "s42(1)": "qualified", "s43(1)": "qualified",
        "s43(2)": "qualified", "s44(1)": "absolute",
    },
    "EIR": {
        "reg 12(4)(a)": "not-held", "reg 12(4)(b)": "qualified", "reg 12(4)(c)": "qualified",
        "reg 12(4)(d)": "qualified", "reg 12(4)(e)": "qualified", "reg 12(5)(a)": "qualified",
        "reg 12(5)(b)": "qualified", "reg 12(5)(c)": "qualified", "reg 12(5)(d)": "qualified",
        "reg 12(5)(e)": "qualified", "reg 12(5)(f)": "qualified", "reg 12(5)(g)": "qualified",
        "reg 13": "absolute",
    },
    "FOISA": {
        "s17": "not-held", "s12(1)": "procedural", "s14(1)": "procedural", "s14(2)": "procedural",
        "s25(1)": "absolute", "s26": "absolute", "s27(1)": "qualified", "s27(2)": "qualified",
        "s28": "qualified", "s29": "qualified", "s30(b)": "qualified", "s30(c)": "qualified",
        "s31(1)": "qualified", "s32(1)": "qualified", "s33(1)(a)": "qualified", "s33(1)(b)": "qualified",
        "s34": "qualified", "s35(1)": "qualified", "s36(1)": "qualified", "s36(2)": "absolute",
        "s37": "absolute", "s38(1)(a)": "absolute", "s38(1)(b)": "absolute", "s39(1)": "qualified",
        "s41": "qualified",
    },
    "EISR": {
        "reg 10(4)(a)": "not-held", "reg 10(4)(b)": "qualified", "reg 10(4)(c)": "qualified",
        "reg 10(4)(d)": "qualified", "reg 10(4)(e)": "qualified", "reg 10(5)(a)": "qualified",
        "reg 10(5)(b)": "qualified", "reg 10(5)(c)": "qualified", "reg 10(5)(d)": "qualified",
        "reg 10(5)(e)": "qualified", "reg 10(5)(f)": "qualified", "reg 10(5)(g)": "qualified",
        "reg 11": "absolute",
    },
}

# The subsection that allows neither confirming nor denying, where the law gives one.
EXPECTED_NCND = {
    "FOIA": {
        "s22": "s22(2)", "s22A": "s22A(2)", "s23(1)": "s23(5)", "s24(1)": "s24(2)", "s26(1)": "s26(3)",
        "s27(1)": "s27(4)", "s28(1)": "s28(3)", "s29(1)": "s29(2)", "s30(1)": "s30(3)", "s31(1)": "s31(3)",
        "s32(1)": "s32(3)", "s33(2)": "s33(3)", "s34": "s34(2)", "s35(1)": "s35(3)", "s36(2)": "s36(3)",
        "s37(1)": "s37(2)", "s38(1)": "s38(2)", "s39(1)": "s39(2)", "s40(1)": "s40(5A)", "s40(2)": "s40(5B)",
        "s41(1)": "s41(2)", "s42(1)": "s42(2)", "s43(2)": "s43(3)", "s44(1)": "s44(2)",
        "s43(1)": None, "s21": None, "s12": None, "s14(1)": None, "s1(1)(a)": None,
    },
    "EIR": {"reg 12(5)(a)": "reg 12(6)", "reg 13": "reg 13(5A)", "reg 12(5)(b)": None, "reg 12(4)(a)": None},
    # FOISA s18(1): sections 28 to 35, 38, 39(1) and 41 only.
    "FOISA": {
        **{cite: "s18" for cite in ("s28", "s29", "s30(b)", "s30(c)", "s31(1)", "s32(1)", "s33(1)(a)",
                                    "s33(1)(b)", "s34", "s35(1)", "s38(1)(a)", "s38(1)(b)", "s39(1)", "s41")},
        **{cite: None for cite in ("s12(1)", "s14(1)", "s17", "s25(1)", "s26", "s27(1)", "s36(1)", "s36(2)", "s37")},
    },
    "EISR": {"reg 10(5)(a)": "reg 10(8)", "reg 11": "reg 11(6)", "reg 10(5)(b)": None},
}

SOURCE_BASE = {
    "FOIA": "https://www.legislation.gov.uk/ukpga/2000/36/section/",
    "EIR": "https://www.legislation.gov.uk/uksi/2004/3391/regulation/",
    "FOISA": "https://www.legislation.gov.uk/asp/2002/13/section/",
    "EISR": "https://www.legislation.gov.uk/ssi/2004/520/regulation/",
}

# An NCND wording must not say, or imply, whether the information is held.
LEAKS = re.compile(r"\b(do(es)? not hold|don.t hold|not held|we hold|we have (found|located|identified)"
                   r"|holds? no\b|no (such )?information (is|was) held)", re.IGNORECASE)


@pytest.fixture(scope="module")
def packaged() -> TemplateSet:
    return TemplateSet(None)


@pytest.fixture(scope="module", params=["packaged", "house"])
def templates(request: pytest.FixtureRequest, packaged: TemplateSet) -> TemplateSet:
    return packaged if request.param == "packaged" else TemplateSet(ROOT / "templates")


def all_entries(templates: TemplateSet) -> list[tuple[str, Entry]]:
    return [(regime, entry) for regime in REGIMES for entry in templates.library.entries(regime).values()]


def number_of(cite: str) -> str:
    """The section or regulation number a citation starts with: 's40(2)' -> '40', 's22A' -> '22A'."""
    match = re.match(r"^(?:s|reg\s*)(\d+[A-Z]?)", cite)
    assert match, f"{cite!r} is not a citation of the form s40(2) or reg 12(4)(a)"
    return match.group(1)


def mentions(html: str, cite: str) -> bool:
    """The text names the section or regulation, e.g. 'Section 40(2)' or 'Section 40 (2)' for s40(2)."""
    return re.search(rf"\b(Section|Regulation)s?\s+{re.escape(number_of(cite))}(?![0-9A-Z])", html) is not None


def context(templates: TemplateSet, regime: str, entry: Entry, lead: str, *, optional: bool = True,
            options: bool = False) -> dict:
    params = {name: (f"sample {name}" if name != "link" else "https://example.org/published")
              if (param.required or optional) else None for name, param in entry.params.items()}
    return {
        "letter": AnswerFile(reference="FOI1", date=DATE, subject="x", regime=regime),
        "regime": templates.regime(regime),
        "profile": templates.profile(DATE),
        "lead": lead,
        "options": list(entry.options) if options else [],
        **params,
    }


# -- loading -----------------------------------------------------------------------------------


def test_every_regime_has_a_library_file():
    assert sorted(p.stem for p in PACKAGED_FOLDER.glob("*.yaml")) == ["eir", "eisr", "foia", "foisa"]


@pytest.mark.parametrize("regime", REGIMES)
def test_every_regime_loads_with_entries(templates: TemplateSet, regime: str):
    entries = templates.library.entries(regime)
    assert entries, f"no {regime} entries"
    assert all(isinstance(e, Entry) for e in entries.values())


@pytest.mark.parametrize("regime", REGIMES)
def test_the_regime_data_points_at_entries_that_exist(packaged: TemplateSet, regime: str):
    data = packaged.regime(regime)
    assert packaged.library.find(regime, data.not_held).kind == "not-held"
    assert packaged.library.find(regime, data.personal_data) is not None


@pytest.mark.parametrize("regime", REGIMES)
def test_expected_citations_exist_with_their_kind(packaged: TemplateSet, regime: str):
    found = {cite: (entry.kind if (entry := packaged.library.find(regime, cite)) else None)
             for cite in EXPECTED[regime]}
    assert found == EXPECTED[regime]


@pytest.mark.parametrize("regime", REGIMES)
def test_ncnd_subsections(packaged: TemplateSet, regime: str):
    found = {cite: (entry.ncnd if (entry := packaged.library.find(regime, cite)) else "missing")
             for cite in EXPECTED_NCND[regime]}
    assert found == EXPECTED_NCND[regime]


def test_sources_are_the_legislation_of_the_section(packaged: TemplateSet):
    wrong = [(regime, e.cite, e.source) for regime, e in all_entries(packaged)
             if e.source != SOURCE_BASE[regime] + number_of(e.cite)]
    assert not wrong


def test_every_entry_has_a_title_and_described_params(packaged: TemplateSet):
    for regime, entry in all_entries(packaged):
        assert entry.title.strip(), (regime, entry.cite)
        assert all(p.description.strip() for p in entry.params.values()), (regime, entry.cite)
        assert all(d.strip() for d in entry.options.values()), (regime, entry.cite)


# -- equivalents -------------------------------------------------------------------------------


def test_equivalents_exist_in_their_regime(templates: TemplateSet):
    missing = [(regime, e.cite, other, cite) for regime, e in all_entries(templates)
               for other, cite in e.equivalents.items() if templates.library.find(other, cite) is None]
    assert not missing


def test_equivalents_name_other_regimes_only(packaged: TemplateSet):
    wrong = [(regime, e.cite, other) for regime, e in all_entries(packaged)
             for other in e.equivalents if other == regime or other not in REGIMES]
    assert not wrong


def test_equivalents_are_listed_back(packaged: TemplateSet):
    """Where A names B as its equivalent, B names some equivalent in A's regime."""
    one_way = [(regime, e.cite, other, cite) for regime, e in all_entries(packaged)
               for other, cite in e.equivalents.items()
               if regime not in packaged.library.find(other, cite).equivalents]
    assert not one_way


@pytest.mark.parametrize(("regime", "cite", "expected"), [
    ("FOIA", "s43(2)", {"EIR": "reg 12(5)(e)", "FOISA": "s33(1)(b)", "EISR": "reg 10(5)(e)"}),
    ("FOIA", "s12", {"EIR": "reg 12(4)(b)", "FOISA": "s12(1)", "EISR": "reg 10(4)(b)"}),
    ("FOIA", "s40(2)", {"EIR": "reg 13", "FOISA": "s38(1)(b)", "EISR": "reg 11"}),
    ("FOIA", "s21", {"FOISA": "s25(1)"}),
    ("FOIA", "s22", {"FOISA": "s27(1)"}),
    ("FOIA", "s1(1)(a)", {"EIR": "reg 12(4)(a)", "FOISA": "s17", "EISR": "reg 10(4)(a)"}),
    ("EIR", "reg 12(5)(e)", {"FOIA": "s43(2)", "FOISA": "s33(1)(b)", "EISR": "reg 10(5)(e)"}),
    ("FOISA", "s25(1)", {"FOIA": "s21"}),
])
def test_known_equivalents(packaged: TemplateSet, regime: str, cite: str, expected: dict[str, str]):
    assert packaged.library.find(regime, cite).equivalents == expected


# -- rendering ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lead", LEADS)
def test_every_wording_renders_and_names_its_section(templates: TemplateSet, lead: str):
    for regime, entry in all_entries(templates):
        for optional, options in ((True, True), (False, False)):
            ctx = context(templates, regime, entry, lead, optional=optional, options=options)
            for part in TEMPLATE_PARTS:
                if getattr(entry, part) is None:
                    continue
                html = str(templates.library.render(regime, entry.cite, part, ctx)).strip()
                where = f"{regime} {entry.cite} {part} (optional params {optional}, options {options})"
                if part == "closing":  # may be empty, e.g. when its option is off
                    assert not html or html.startswith("<p>"), where
                    continue
                assert html.startswith("<p>"), where
                assert mentions(html, entry.cite), f"{where} does not name its section: {html[:200]}"
                assert "None" not in html, f"{where} prints a missing parameter as None"
                if templates.house is not None:
                    continue  # a house wording may be the organisation's own text, e.g. its s40(2)
                if lead:
                    assert html.startswith(f"<p>{lead}"), where
                else:
                    assert html[3].isupper(), f"{where} does not start with a capital: {html[:60]}"


def test_wordings_name_the_act_in_full(packaged: TemplateSet):
    """The first mention of the law is by its full name (s1(1)(a) keeps the published 'of the Act')."""
    published_exceptions = {("FOIA", "s1(1)(a)")}
    short = []
    for regime, entry in all_entries(packaged):
        if (regime, entry.cite) in published_exceptions:
            continue
        name = packaged.regime(regime).name
        for part in ("wording", "ncnd_wording"):
            text = getattr(entry, part)
            if text is not None and name not in text:
                short.append((regime, entry.cite, part, name))
    assert not short


def test_wordings_use_upper_first_on_the_lead(packaged: TemplateSet):
    for regime, entry in all_entries(packaged):
        for part in ("wording", "ncnd_wording"):
            text = getattr(entry, part)
            if text is not None:
                assert re.search(r"\{\{ \(lead ~ .*\)\|upper_first \}\}", text), (regime, entry.cite, part)


def test_no_wording_contains_the_public_interest_test(packaged: TemplateSet):
    """The letter gives the test from the answer file; wordings only state the exemption."""
    for regime, entry in all_entries(packaged):
        text = " ".join(filter(None, (entry.wording, entry.ncnd_wording)))
        assert "public interest test" not in text.lower(), (regime, entry.cite)
        assert "outweighs" not in text.lower(), (regime, entry.cite)


# -- neither confirm nor deny ------------------------------------------------------------------


def test_every_ncnd_entry_has_an_ncnd_wording_and_no_other_does(templates: TemplateSet):
    for regime, entry in all_entries(templates):
        assert (entry.ncnd is None) == (entry.ncnd_wording is None), (regime, entry.cite)


@pytest.mark.parametrize("lead", LEADS)
def test_ncnd_wordings_say_nothing_of_whether_information_is_held(templates: TemplateSet, lead: str):
    for regime, entry in all_entries(templates):
        if entry.ncnd is None:
            continue
        html = str(templates.library.render(regime, entry.cite, "ncnd_wording",
                                            context(templates, regime, entry, lead, options=True)))
        leak = LEAKS.search(html)
        assert leak is None, f"{regime} {entry.cite}: the NCND wording says {leak.group(0)!r}"
        assert "neither confirm nor deny" in html, (regime, entry.cite)
        assert mentions(html, entry.ncnd), f"{regime} {entry.cite}: the NCND wording does not cite {entry.ncnd}"


def test_the_leak_pattern_catches_leaks():
    assert LEAKS.search("We do not hold this information.")
    assert LEAKS.search("The information is not held.")
    assert LEAKS.search("We hold two files.")
    assert LEAKS.search("We can neither confirm nor deny whether we hold it.")  # too close: say "is held"
    assert not LEAKS.search("We can neither confirm nor deny whether the information you requested is held.")


# -- parameters --------------------------------------------------------------------------------


@pytest.mark.parametrize(("regime", "cite", "source"), [("FOIA", "s12", "s16"), ("FOISA", "s12(1)", "s15")])
def test_cost_refusals_require_advice_and_expect_an_estimate(packaged: TemplateSet, regime: str, cite: str,
                                                            source: str):
    """The advice is the statute's (FOIA s16, FOISA s15); the estimate is guidance's (a warning when left out)."""
    entry = packaged.library.find(regime, cite)
    assert set(entry.params) == {"estimate", "advice"}
    assert entry.params["advice"].required and not entry.params["estimate"].required
    assert entry.params["estimate"].good_practice
    assert source in entry.params["advice"].source


@pytest.mark.parametrize(("regime", "cite"), [("EIR", "reg 12(4)(b)"), ("EISR", "reg 10(4)(b)")])
def test_manifestly_unreasonable_requires_advice_and_takes_an_estimate(packaged: TemplateSet, regime: str, cite: str):
    entry = packaged.library.find(regime, cite)
    assert not entry.params["estimate"].required
    assert entry.params["advice"].required
    assert "reg 9" in entry.params["advice"].source


def test_cost_limit_wording_uses_the_profile(packaged: TemplateSet):
    entry = packaged.library.find("FOIA", "s12")
    ctx = context(packaged, "FOIA", entry, "")
    html = str(packaged.library.render("FOIA", "s12", "wording", ctx))
    assert f"£{ctx['profile']['cost_limit']}" in html and f"{ctx['profile']['cost_hours']} hours" in html
    assert "£25 an hour" in html
    assert "<p>sample advice</p>" not in html and "sample advice</p>" in html  # its own paragraph, after a lead-in
    ctx["profile"] = {**ctx["profile"], "cost_rate": 30}
    assert "£30 an hour" in str(packaged.library.render("FOIA", "s12", "wording", ctx))


def test_foisa_cost_limit_is_written_into_the_wording(packaged: TemplateSet):
    entry = packaged.library.find("FOISA", "s12(1)")
    html = str(packaged.library.render("FOISA", "s12(1)", "wording", context(packaged, "FOISA", entry, "")))
    assert "£600" in html and "£15 an hour" in html


def test_the_published_entries_keep_their_params_and_options(packaged: TemplateSet):
    s21 = packaged.library.find("FOIA", "s21")
    assert set(s21.params) == {"where", "link", "published_as"}
    assert set(s21.options) == {"careful-consideration", "no-public-interest-test"}
    assert set(packaged.library.find("FOIA", "s22").params) == {"publication"}
    assert set(packaged.library.find("FOIA", "s40(2)").params) == {"condition"}  # optional: first by default


def test_s36_limbs_follow_the_options(packaged: TemplateSet):
    entry = packaged.library.find("FOIA", "s36(2)")
    ctx = context(packaged, "FOIA", entry, "")
    default = str(packaged.library.render("FOIA", "s36(2)", "wording", ctx))
    assert "prejudice the effective conduct of public affairs." in default
    ctx["options"] = ["free-and-frank-advice", "free-and-frank-views"]
    both = str(packaged.library.render("FOIA", "s36(2)", "wording", ctx))
    assert "Section 36(2)(b)(i)" in both and "Section 36(2)(b)(ii)" in both and "36(2)(c)" not in both


def test_citation_keys_are_unique_within_each_file():
    """Two spellings of one citation in a file would silently merge into one entry."""
    from foiletters.load.datafile import read_yaml

    for path in PACKAGED_FOLDER.glob("*.yaml"):
        keys = [citation_key(c) for c in read_yaml(path)["entries"]]
        assert len(keys) == len(set(keys)), path.name


# -- citations at the depth the law has --------------------------------------------------------------


@pytest.mark.parametrize(("regime", "cite", "entry", "ncnd", "qualified"), [
    ("FOIA", "s30(1)(a)", "s30(1)", False, True),
    ("FOIA", "s31(1)(a) and (b)", "s31(1)", False, True),
    ("FOIA", "s12(1)", "s12", False, False),
    ("FOIA", "s12(2)", "s12", False, False),
    ("FOIA", "Section 27(2)", "s27(2)", False, True),
    ("FOIA", "s23(5)", "s23(1)", True, False),
    ("FOIA", "s40(5B)(a)(i)", "s40(2)", True, False),
    ("FOIA", "s40(5B)(a)(ii)", "s40(2)", True, True),  # s2(3)(fb): only (a)(i) is absolute
    ("FOIA", "s40(4A)", "s40(2)", False, True),  # the third condition: qualified (s2(3)(fa))
    ("FOIA", "s36(2)(b)(i) and (ii)", "s36(2)", False, True),
    ("FOIA", "s42", "s42(1)", False, True),  # a section cited whole: its only entry
    ("FOISA", "s12", "s12(1)", False, False),
    ("FOISA", "s30(b)(i)", "s30(b)", False, True),
    ("FOISA", "s35(1)(a) and (g)", "s35(1)", False, True),
    ("EIR", "regulation 12(5)(b)", "reg 12(5)(b)", False, True),
    ("EIR", "reg 13(1)", "reg 13", False, False),
])
def test_a_citation_at_any_depth_resolves_to_its_entry(packaged: TemplateSet, regime: str, cite: str, entry: str,
                                                      ncnd: bool, qualified: bool):
    found = packaged.library.resolve(regime, cite)
    assert found is not None and (found.entry.cite, found.ncnd, found.qualified) == (entry, ncnd, qualified)


@pytest.mark.parametrize(("regime", "cite"), [
    ("FOIA", "s43"),  # two entries: s43(1) and s43(2)
    ("FOISA", "s40(2)"),  # FOISA's s40 (audit) has no subsections: this is FOIA's personal data
    ("FOISA", "s18"),  # FOISA's NCND section serves many exemptions: citing it alone names none
    ("EIR", "s12"),
    ("FOIA", "s45"),
])
def test_a_citation_that_names_no_one_entry_is_not_resolved(packaged: TemplateSet, regime: str, cite: str):
    assert packaged.library.resolve(regime, cite) is None


def test_a_citation_of_the_law_that_the_library_lacks_is_the_law_s(packaged: TemplateSet):
    library = packaged.library
    assert library.in_the_law("FOIA", "s27(3)") and not library.in_the_law("EIR", "s27(3)")
    assert library.in_the_law("FOISA", "s29(2)") and not library.in_the_law("FOISA", "s43(2)")


def test_every_wording_prints_no_placeholder_for_a_detail_left_out(packaged: TemplateSet):
    for regime, entry in all_entries(packaged):
        ctx = context(packaged, regime, entry, "", optional=False)
        ctx.update({name: None for name in entry.params})
        for part in TEMPLATE_PARTS:
            html = str(packaged.library.render(regime, entry.cite, part, ctx))
            assert "None" not in html, (regime, entry.cite, part)
