"""The figures as a table on the terminal, and as CSV and JSON files: all of them, and each return's."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

from foiletters.stats.counting import FIGURES, KEYS, TOTAL, Figures, Value
from foiletters.stats.settings import Settings
from foiletters.write.files import write_atomically

LAW_NAMES = {"foia": "FOIA", "eir": "EIR", "foisa": "FOISA", "eisr": "EISR", TOTAL: "Total"}


def shown(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def label(name: str) -> str:
    """What a reader calls a figure: `foia.time.late` -> 'FOIA: Answered late'."""
    key, _, figure = name.partition(".")
    what = FIGURES.get(figure) or f"Exemption {figure.partition('.')[2]}"
    return f"{LAW_NAMES[key]}: {what}"


def title(figures: Figures, as_of: dt.date) -> str:
    period = figures.period
    span = period.span if period.label == period.span else f"{period.label}, {period.span}"
    return f"Requests received {span}, as of {as_of:%-d %B %Y}"


def print_table(figures: Figures, as_of: dt.date, console=None) -> None:  # noqa: ANN001 - a rich Console
    """The figures as one table: a row per figure, a column per law that had requests, and the total."""
    from rich.console import Console
    from rich.table import Table

    console = console or Console()
    keys = (figures.laws() or ["foia"]) + [TOTAL]
    table = Table(title=title(figures, as_of), title_justify="left")
    table.add_column("Figure")
    for key in keys:
        table.add_column(LAW_NAMES[key], justify="right")
    section = ""
    for figure in FIGURES:
        if figure.split(".")[0] != section and section:
            table.add_section()
        section = figure.split(".")[0]
        table.add_row(FIGURES[figure], *(shown(figures[f"{key}.{figure}"]) for key in keys))
    cited = [(key, cite, n) for key in keys if key != TOTAL for cite, n in figures.exemptions(key)]
    if cited:
        table.add_section()
        for key, cite, number in cited:
            table.add_row(f"Exemption {cite} ({LAW_NAMES[key]})",
                          *(str(number) if k == key else "" for k in keys))
    console.print(table)


def figures_csv(figures: Figures) -> bytes:
    """Every figure, one a row: its stable name, what it is, and its value."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["name", "figure", "value"])
    for name in all_names(figures):
        writer.writerow([name, label(name), shown(figures[name])])
    return buffer.getvalue().encode("utf-8")


def all_names(figures: Figures) -> list[str]:
    """Every law's figures in the table's order, then its exemptions."""
    names = [f"{key}.{figure}" for key in KEYS for figure in FIGURES]
    return names + [n for n in figures.values if n not in set(names)]


def figures_json(figures: Figures, as_of: dt.date, settings: Settings) -> bytes:
    period = figures.period
    data = {"period": {"label": period.label, "start": period.start.isoformat(), "end": period.end.isoformat()},
            "as_of": as_of.isoformat(), "quarters": settings.quarters,
            "figures": {name: figures[name] for name in all_names(figures)}}
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def return_csv(figures: Figures, settings: Settings, name: str) -> bytes:
    """A return's columns in the order its form has them, and one row of figures."""
    columns = settings.returns[name].columns
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.column for c in columns])
    writer.writerow([shown(figures[c.figure]) for c in columns])
    return buffer.getvalue().encode("utf-8")


def write_files(out: Path, figures: Figures, as_of: dt.date, settings: Settings) -> list[Path]:
    """statistics-<period>.csv and .json, and <return>-<period>.csv for each return; the files written.
    Every file is made before any is written, so a mistake leaves none half-made."""
    slug = figures.period.slug
    files = {out / f"statistics-{slug}.csv": figures_csv(figures),
             out / f"statistics-{slug}.json": figures_json(figures, as_of, settings)}
    for name in settings.returns:
        files[out / f"{name}-{slug}.csv"] = return_csv(figures, settings, name)
    for path, data in files.items():
        write_atomically(path, data)
    return list(files)
