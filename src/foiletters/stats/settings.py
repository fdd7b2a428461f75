"""The house's statistics settings: quarters, the in-time lines, a threshold for small counts, and returns.

They live in `statistics.yaml` (the packaged defaults in src/foiletters/data/, a house's own beside its
profile in templates/), not in the profile: no letter uses them, so changing them rebuilds no letter of the
log. A house's file replaces the defaults field by field, and adds or replaces returns by name.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, field_validator

from foiletters.errors import TemplateError, display_path
from foiletters.load.datafile import read_yaml, validate
from foiletters.load.fields import Regime, Strict
from foiletters.render.house import TemplateSet
from foiletters.stats.counting import figure_problem

SETTINGS_FILE = "statistics.yaml"


class Column(Strict):
    column: str = Field(description="The column's heading, as the return's form names it.")
    figure: str = Field(description="The figure it takes, by its stable name, e.g. foia.received or "
                        "all.time.in_time (see `foiletters stats --figures`).")

    @field_validator("figure")
    @classmethod
    def _known(cls, value: str) -> str:
        problem = figure_problem(value)
        if problem:
            raise ValueError(problem)
        return value


class Return(Strict):
    """A return the house files: its columns in the form's order, each the figure it takes."""

    title: str
    columns: list[Column] = Field(min_length=1)


class Settings(Strict):
    quarters: Literal["financial", "calendar"] = Field(
        "financial", description="financial (April to June is Q1) or calendar (January to March is Q1).")
    in_time_lines: dict[Regime, float] = Field(
        default_factory=dict, description="The share answered in time (per cent) that the chart draws a line "
        "at, by law: the ICO's 90% for FOIA and the EIR; the house's own for FOISA and the EISR.")
    show_counts_below: int | None = Field(
        None, ge=2, description="On the published page, counts from 1 up to below this number are shown as "
        "'fewer than N'. Not set: every count is shown as it is.")
    quarters_shown: int = Field(8, ge=1, le=40, description="How many quarters the log's charts show.")
    returns: dict[str, Return] = Field(default_factory=dict)

    @property
    def financial(self) -> bool:
        return self.quarters == "financial"


def settings(templates: TemplateSet) -> Settings:
    """The packaged settings, with the house's file over them."""
    merged: dict[str, Any] = {}
    for path in templates.data_files(SETTINGS_FILE):
        data = read_yaml(path)
        if data is not None and not isinstance(data, dict):
            raise TemplateError(f"{display_path(path)}: the statistics settings are a set of fields "
                                "(quarters, in_time_lines, show_counts_below, returns)")
        checked = validate(Settings, data, path)  # each file on its own, so that a mistake names its file
        for key in (data or {}):
            value = getattr(checked, key)
            if key in ("returns", "in_time_lines"):
                merged[key] = {**merged.get(key, {}), **value}
            else:
                merged[key] = value
    return Settings(**merged)

