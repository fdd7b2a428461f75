"""The sandbox the templates run in: Jinja's immutable sandbox, with its answer for each kind of attribute
worked out once.

Jinja asks `is_safe_attribute` at every attribute a template reads (a few hundred in a letter), and
its answer walks a dozen `isinstance` tests (functions, methods, frames, generators; lists, dicts,
sets and their abstract types). That answer depends only on the object's type and the attribute's
name, so it is kept by both; an object that claims another class than its type (a proxy) is asked
every time, as Jinja asks.
"""

from __future__ import annotations

from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment


class LetterSandbox(ImmutableSandboxedEnvironment):
    def __init__(self, **options: Any):
        super().__init__(**options)
        self._safe: dict[tuple[type, str], bool] = {}

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        if kind is not getattr(obj, "__class__", None):
            return super().is_safe_attribute(obj, attr, value)
        key = (kind, attr)
        safe = self._safe.get(key)
        if safe is None:
            safe = self._safe[key] = super().is_safe_attribute(obj, attr, value)
        return safe
