"""YAML data files of the templates (profile, regimes, exemption library), validated like answer files."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from foiletters.errors import TemplateError, display_path
from foiletters.load import yaml_source
from foiletters.load.schema_errors import schema_problems

M = TypeVar("M", bound=BaseModel)


def read_yaml(path: Path) -> Any:
    """Parsed data with line marks; a TemplateError naming file:line for any YAML mistake."""
    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{shown}: cannot be read ({exc})") from None
    data, problems = yaml_source.parse(text, shown)
    if problems:
        raise TemplateError("\n".join(map(str, problems)))
    return data


def validate(model: type[M], data: Any, path: Path) -> M:
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        problems = schema_problems(exc, data, display_path(path), model)
        raise TemplateError("\n".join(map(str, problems))) from None

