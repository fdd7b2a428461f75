"""A speed-up that can be switched on and off in a running process: a set of attributes replaced.

The benchmark (benchmarks/pdf_levers.py) measures each lever alone by switching it on and off
between letters of one run; the letters themselves are built with every lever on (`install`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_MISSING = object()

Replacements = list[tuple[Any, str, Any]]  # (object, attribute, new value)


class Lever:
    """`make()` gives the replacements (after WeasyPrint is imported); `on()` applies them, `off()` undoes them."""

    def __init__(self, name: str, make: Callable[[], Replacements]) -> None:
        self.name = name
        self._make = make
        self._saved: list[tuple[Any, str, Any]] | None = None

    @property
    def is_on(self) -> bool:
        return self._saved is not None

    def on(self) -> None:
        if self._saved is not None:
            return
        saved = []
        for owner, attribute, value in self._make():
            saved.append((owner, attribute, vars(owner).get(attribute, _MISSING)))
            setattr(owner, attribute, value)
        self._saved = saved

    def off(self) -> None:
        if self._saved is None:
            return
        for owner, attribute, value in reversed(self._saved):
            if value is _MISSING:
                delattr(owner, attribute)
            else:
                setattr(owner, attribute, value)
        self._saved = None
