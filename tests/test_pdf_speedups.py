"""The WeasyPrint speed-ups (write/weasyprint_speedups) change no byte of a letter, each alone and together.

test_letter_outputs.py compares letters built with every speed-up on against plain WeasyPrint in a
fresh process; here each lever is switched off in turn, and the caches are shown to give a letter
the bytes it has alone whatever the worker built before it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT

from foiletters.build import build
from foiletters.render.house import TemplateSet
from foiletters.write import weasyprint_speedups
from foiletters.write.pdf import to_pdf
from foiletters.write.weasyprint_speedups import LEVERS, line_breaks, text_drawing

pytestmark = pytest.mark.skipif(not weasyprint_speedups.install(),
                                reason=f"the speed-ups are written for {weasyprint_speedups.KNOWN}")


def _renderings(tmp_path: Path, sources: list[tuple[Path, TemplateSet, str | None]]) -> list:
    found: list = []

    def keep(rendering) -> bytes:
        found.append(rendering)
        return b""

    for source, house, kind in sources:
        build(source, tmp_path / "out", house, formats=("pdf",), pdf_writer=keep, kind=kind)
    return found


@pytest.fixture(scope="module")
def letters(tmp_path_factory: pytest.TempPathFactory):
    """Two seeds (tables, lists, several pages), a one-page letter, and a house with fonts of its own."""
    tmp_path = tmp_path_factory.mktemp("speedups")
    house = TemplateSet(ROOT / "templates")
    lochside = ROOT / "examples" / "houses" / "lochside-agency"
    return _renderings(tmp_path, [(ROOT / "answers" / "FOI641692083.yaml", house, None),
                                  (ROOT / "answers" / "REQ07585.yaml", house, None),
                                  (ROOT / "examples" / "life.yaml", house, "acknowledgement"),
                                  (lochside / "XYZ 12345.yaml", TemplateSet(lochside / "templates"), None)])


def _clear_caches() -> None:
    line_breaks.clear()
    text_drawing.clear()


@pytest.mark.parametrize("name", list(LEVERS))
def test_each_lever_alone_changes_no_byte(name: str, letters):
    with_all = [to_pdf(r) for r in letters]
    lever = LEVERS[name]
    lever.off()
    try:
        assert not lever.is_on
        without = [to_pdf(r) for r in letters]
    finally:
        lever.on()
    assert without == with_all


def test_the_caches_give_a_letter_its_own_bytes_whatever_was_built_before(letters):
    _clear_caches()
    alone = {r.reference: to_pdf(r) for r in letters}  # each after the ones before it: caches filling
    for rendering in reversed(letters):
        _clear_caches()
        assert to_pdf(rendering) == alone[rendering.reference], rendering.reference  # from empty caches
    for rendering in letters:  # again, every line now found in the caches
        assert to_pdf(rendering) == alone[rendering.reference], rendering.reference
    assert line_breaks.statistics["hits"] > line_breaks.statistics["misses"]
    assert text_drawing.statistics["hits"] > text_drawing.statistics["misses"]


def test_a_letter_finds_the_boilerplate_of_another_in_the_caches(letters, tmp_path: Path):
    """Another request's letter shares the boilerplate lines: they are broken and drawn from the caches."""
    source = (ROOT / "answers" / "REQ07585.yaml").read_text(encoding="utf-8")
    other = tmp_path / "FOI123123123.yaml"
    other.write_text(re.sub(r"(?m)^reference: .*$", "reference: FOI123123123", source), encoding="utf-8")
    for csv in (ROOT / "answers").glob("*.csv"):
        shutil.copy(csv, tmp_path)
    rendering, = _renderings(tmp_path, [(other, TemplateSet(ROOT / "templates"), None)])
    _clear_caches()
    alone = to_pdf(rendering)
    _clear_caches()
    to_pdf(letters[1])  # REQ07585 itself
    before = dict(line_breaks.statistics), dict(text_drawing.statistics)
    assert to_pdf(rendering) == alone
    line_hits = line_breaks.statistics["hits"] - before[0]["hits"]
    line_misses = line_breaks.statistics["misses"] - before[0]["misses"]
    drawn_hits = text_drawing.statistics["hits"] - before[1]["hits"]
    drawn_misses = text_drawing.statistics["misses"] - before[1]["misses"]
    assert line_hits > 10 * line_misses and drawn_hits > 10 * drawn_misses


def test_a_font_face_added_to_the_fonts_changes_the_key_of_every_line(letters):
    from foiletters.write.pdf import _fonts

    fonts = _fonts()
    token = line_breaks.font_token(fonts)
    to_pdf(letters[0])  # the packaged fonts, registered before: nothing added
    assert line_breaks.font_token(fonts) == token
    extra = fonts._folder / "foiletters-test-face"  # one more font file, as add_font_face leaves a face it adds
    extra.write_bytes(b"")
    try:
        fonts.add_font_face({"src": [], "font_family": "Nothing"}, None)
        assert line_breaks.font_token(fonts) != token
    finally:
        extra.unlink()
        fonts.add_font_face({"src": [], "font_family": "Nothing"}, None)


def test_font_subset_arrays_are_one_cffi_type():
    """An array of a length never seen before is not a new type for cffi to parse (some 2 ms each)."""
    from weasyprint.pdf import fonts
    from weasyprint.text.ffi import ffi

    parsed = getattr(ffi, "_parsed_types", None)
    if parsed is None:
        pytest.skip("this cffi keeps its parsed types elsewhere")
    array = fonts.ffi.new("hb_codepoint_t[12347]", tuple(range(5, 12352)))
    assert ffi.typeof(array) is ffi.typeof("hb_codepoint_t[]") and len(array) == 12347
    assert list(array[0:3]) == [5, 6, 7] and array[12346] == 12351
    assert "hb_codepoint_t[12347]" not in parsed
