"""A letter in about a second: commands import only what they need, and WeasyPrint loads quickly."""

from __future__ import annotations

import ctypes.util
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import MINIMAL, write


def _imports_weasyprint(*argv: str) -> bool:
    code = ("import sys; from foiletters.cli import main\n"
            f"try:\n    main({list(argv)!r})\nexcept SystemExit:\n    pass\n"
            "print('weasyprint' in sys.modules, 'pydyf' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return result.stdout.split()[-2] == "True"


def test_check_new_and_a_docx_build_do_not_import_weasyprint(tmp_path: Path):
    answer = write(tmp_path, "a.yaml", MINIMAL)
    assert not _imports_weasyprint("check", str(answer))
    assert not _imports_weasyprint("new", "--help")
    assert not _imports_weasyprint("build", str(answer), "-o", str(tmp_path / "out"), "--format", "docx")
    assert (tmp_path / "out" / "FOI1000001.docx").is_file()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the quick look-up is for Linux's ldconfig")
def test_the_quick_library_lookup_finds_what_ctypes_finds():
    from foiletters.write.pdf import _library_finder

    quick = _library_finder(ctypes.util.find_library)
    assert quick is not ctypes.util.find_library  # ldconfig is there
    for name in ("pango-1.0", "harfbuzz", "harfbuzz-subset", "fontconfig", "gobject-2.0", "pangoft2-1.0"):
        assert quick(name) == ctypes.util.find_library(name), name
    assert quick("libpango-1.0-0") is None and quick("no-such-library-at-all") is None


def test_the_pdf_process_starts_before_the_pipeline_is_imported_and_never_imports_it():
    """A build forks its PDF process when it imports pdf_process, so that WeasyPrint's import overlaps the
    pipeline's: neither module may import the model, the checks or the rendering at import (renderings
    unpickle with render/rendering.py alone), nor may `foiletters` look its version up (importlib.metadata)."""
    code = ("import sys; import foiletters.write.pdf_process, foiletters.write.pdf, foiletters.render.rendering\n"
            "print(sorted(m for m in ('foiletters.load.model', 'foiletters.check.run', 'foiletters.render.letter',"
            " 'jinja2', 'pydantic', 'importlib.metadata', 'click') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", result.stdout
