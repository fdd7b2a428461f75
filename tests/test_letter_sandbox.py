"""The templates' sandbox keeps Jinja's answers about attributes, and never lets one through that Jinja refuses."""

from __future__ import annotations

import jinja2
import pytest
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from foiletters.render.sandbox import LetterSandbox


def _function() -> None:
    return None


class _Claims:
    """An object that claims to be another class than its type, as a proxy does."""

    @property
    def __class__(self):  # noqa: ANN204
        return dict


TEMPLATES = ["{{ things.append(1) }}", "{{ mapping.clear() }}", "{{ things.__class__ }}", "{{ function.__globals__ }}",
             "{{ function.__code__ }}", "{{ claims.clear() }}", "{{ things.count(1) }}", "{{ mapping.keys() | list }}"]


@pytest.mark.parametrize("source", TEMPLATES)
def test_the_sandbox_answers_as_jinjas_own_every_time(source: str):
    ours, jinjas = LetterSandbox(undefined=jinja2.StrictUndefined), ImmutableSandboxedEnvironment(
        undefined=jinja2.StrictUndefined)
    for _ in range(3):  # the first answer, and the kept one
        results = []
        for env in (ours, jinjas):
            context = {"things": [1, 2], "mapping": {"a": 1}, "function": _function, "claims": _Claims()}
            try:
                results.append(env.from_string(source).render(**context))
            except (SecurityError, jinja2.UndefinedError) as error:
                results.append(type(error).__name__)
        assert results[0] == results[1]
