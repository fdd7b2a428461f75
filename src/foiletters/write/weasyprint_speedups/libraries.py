"""Work the libraries under WeasyPrint do again for nothing: HTML parsing (tinyhtml5) and writing (pydyf).

- tinyhtml5 keeps its compiled character-class regexes under the wrong key
  (`characters = cache[key] = regex` rebinds `characters` first), so every call compiles
  its pattern string again: the parse takes 6.7 → 3.6 ms with a cache that works.
- pydyf, given a file identifier (ours is fixed, for same-input-same-bytes), serialises and
  deflates every object a second time to hash it: each object's bytes are kept for the
  length of one `PDF.write` (15 → 9 ms).
- pydyf rebuilds the list of page references on every access, some 400 times a letter.
- WeasyPrint's font subsetting asks cffi for arrays of a fixed length (`hb_codepoint_t[57]`),
  whose type cffi parses with pycparser, behind a preamble of every type WeasyPrint declares:
  some 10 ms for each length it has not seen, and each letter's glyph count and highest glyph
  are lengths a worker sees for the first time in about half its letters. The same array,
  as `hb_codepoint_t[]` with the same values, is one type parsed once.
"""

from __future__ import annotations

import re
from typing import Any

from foiletters.write.weasyprint_speedups.lever import Replacements


class _RegexCache(dict):
    def __missing__(self, key: tuple[str, bool]) -> re.Pattern[str]:
        characters, opposite = key
        pattern = "".join(f"\\x{ord(character):02x}" for character in characters)
        regex = self[key] = re.compile(f"[{pattern if opposite else '^' + pattern}]+")
        return regex


def tinyhtml5_regex_cache() -> Replacements:
    import tinyhtml5.inputstream

    return [(tinyhtml5.inputstream, "characters_until_regex", _RegexCache())]


_written: dict[int, bytes] | None = None  # while PDF.write runs: the bytes of each object of the file
_objects: list | None = None


def pydyf_objects_once() -> Replacements:
    import pydyf

    def remembered(serialise: Any) -> property:
        def data(self: Any) -> bytes:
            number = self.number
            # Only objects of the file being written: a temporary object's id may be used again.
            if _written is None or number is None or number >= len(_objects) or _objects[number] is not self:
                return serialise(self)
            if id(self) not in _written:
                _written[id(self)] = serialise(self)
            return _written[id(self)]
        return property(data)

    write = pydyf.PDF.write

    def write_once(self: Any, *args: Any, **kwargs: Any) -> Any:
        global _written, _objects
        _written, _objects = {}, self.objects
        try:
            return write(self, *args, **kwargs)
        finally:
            _written = _objects = None

    kinds = (pydyf.Dictionary, pydyf.Stream, pydyf.Array, pydyf.String)
    replacements = [(kind, "data", remembered(kind.__dict__["data"].fget)) for kind in kinds]
    return [*replacements, (pydyf.PDF, "write", write_once)]


def pydyf_page_references() -> Replacements:
    import pydyf

    def page_references(self: Any) -> tuple[bytes, ...]:
        kids = self.pages["Kids"]
        cached = self.__dict__.get("_foiletters_page_references")
        if cached is None or cached[0] != len(kids):
            cached = (len(kids), tuple(f"{number} 0 R".encode("ascii") for number in kids[::3]))
            self.__dict__["_foiletters_page_references"] = cached
        return cached[1]

    return [(pydyf.PDF, "page_references", property(page_references))]


class _ArraysOfOneType:
    """WeasyPrint's cffi instance for pdf/fonts.py, giving `T[n]` arrays with n values as `T[]` (parsed once)."""

    _ARRAY = re.compile(r"(\w+)\[(\d+)\]")

    def __init__(self, ffi: Any) -> None:
        self._ffi = ffi

    def __getattr__(self, name: str) -> Any:
        return getattr(self._ffi, name)

    def new(self, cdecl: str, init: Any = None) -> Any:
        array = self._ARRAY.fullmatch(cdecl)
        if array and init is not None and len(init) == int(array[2]):
            cdecl = f"{array[1]}[]"
        return self._ffi.new(cdecl, init)


def harfbuzz_arrays_one_type() -> Replacements:
    from weasyprint.pdf import fonts

    return [(fonts, "ffi", _ArraysOfOneType(fonts.ffi))]
