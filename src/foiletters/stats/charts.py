"""The disclosure log's statistics charts, as SVG drawn by matplotlib.

The same figures give the same bytes: the SVG's ids come from a fixed salt (`svg.hashsalt`), its metadata
carries no date and no version, and text is drawn as outlines of the packaged Liberation Sans, so that no
font of the machine (and no font file at the reader's end) changes a chart. matplotlib is imported here
only, when the log draws its charts: `foiletters stats` never loads it.
"""

from __future__ import annotations

import io
from functools import cache

from foiletters.render.house import PACKAGED

FONT = "Liberation Sans"
# Colours told apart by readers with any common colour blindness (Okabe and Ito), each law with its own
# hatching too, so that no chart relies on colour alone (WCAG 1.4.1); the tables beside them say it all.
COLOURS = {"FOIA": "#0072B2", "EIR": "#009E73", "FOISA": "#D55E00", "EISR": "#CC79A7", "Total": "#0b4f9c"}
HATCHES = {"FOIA": "", "EIR": "//", "FOISA": "..", "EISR": "xx"}
MARKERS = {"FOIA": "o", "EIR": "s", "FOISA": "^", "EISR": "D"}
STYLE = {"svg.hashsalt": "foiletters", "svg.fonttype": "path", "font.family": FONT, "font.size": 12,
         "axes.spines.top": False, "axes.spines.right": False, "hatch.linewidth": 0.6,
         "hatch.color": "#ffffff"}


@cache
def _matplotlib():
    import matplotlib

    matplotlib.use("svg", force=False)  # no window, no GUI toolkit
    from matplotlib import font_manager
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    for name in ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"):
        font_manager.fontManager.addfont(str(PACKAGED / "assets" / "fonts" / name))
    return matplotlib, Figure, FigureCanvasSVG


def _svg(figure) -> bytes:  # noqa: ANN001 - a matplotlib Figure
    matplotlib, _, canvas = _matplotlib()
    buffer = io.BytesIO()
    with matplotlib.rc_context(STYLE):
        canvas(figure).print_svg(buffer, metadata={"Date": None, "Creator": None, "Format": None,
                                                   "Type": None})
    return buffer.getvalue()


def _figure(width: float = 7.2, height: float = 3.6):
    matplotlib, figure, _ = _matplotlib()
    with matplotlib.rc_context(STYLE):
        made = figure(figsize=(width, height), dpi=100, layout="constrained")
        axes = made.add_subplot()
    return made, axes


def requests_by_quarter(quarters: list[str], counts: dict[str, list[int]]) -> bytes:
    """Bars of requests received per quarter, stacked by law."""
    matplotlib, _, _ = _matplotlib()
    with matplotlib.rc_context(STYLE):
        figure, axes = _figure()
        bottom = [0] * len(quarters)
        for law, values in counts.items():
            axes.bar(quarters, values, bottom=bottom, label=law, color=COLOURS[law], hatch=HATCHES[law],
                     edgecolor="white", linewidth=0.5)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        axes.set_ylabel("Requests received")
        axes.yaxis.get_major_locator().set_params(integer=True)
        axes.tick_params(axis="x", labelrotation=30)
        if counts:
            axes.legend(frameon=False, ncols=len(counts), loc="upper left", bbox_to_anchor=(0, 1.12))
        return _svg(figure)


def in_time_share(quarters: list[str], shares: dict[str, list[float | None]], lines: dict[str, float]) -> bytes:
    """The per cent answered in time per quarter, a line per law, with the target lines dashed across."""
    matplotlib, _, _ = _matplotlib()
    with matplotlib.rc_context(STYLE):
        figure, axes = _figure()
        for law, values in shares.items():
            axes.plot(quarters, [v if v is not None else float("nan") for v in values], label=law,
                      color=COLOURS[law], marker=MARKERS[law], linewidth=1.8)
        targets: dict[float, list[str]] = {}
        for law in shares:
            if law in lines:
                targets.setdefault(lines[law], []).append(law)
        for target, laws in sorted(targets.items()):
            axes.axhline(target, color="#505a5f", linestyle="--", linewidth=1)
            axes.annotate(f"{', '.join(laws)}: {target:g}%", xy=(1, target), xycoords=("axes fraction", "data"),
                          xytext=(-4, 3), textcoords="offset points", ha="right", va="bottom", color="#333333")
        axes.set_ylim(-4, 105)  # a quarter at 0% stays above the axis
        axes.set_ylabel("Answered in time (%)")
        axes.tick_params(axis="x", labelrotation=30)
        if shares:
            axes.legend(frameon=False, ncols=len(shares), loc="upper left", bbox_to_anchor=(0, 1.12))
        return _svg(figure)


def horizontal_bars(labels: list[str], values: list[int], axis_label: str) -> bytes:
    """One bar per label, the first at the top: the outcomes, or the most used exemptions."""
    matplotlib, _, _ = _matplotlib()
    with matplotlib.rc_context(STYLE):
        figure, axes = _figure(height=max(2.0, 0.32 * len(labels) + 0.9))
        positions = list(range(len(labels)))[::-1]
        axes.barh(positions, values, color=COLOURS["Total"], height=0.65)
        axes.set_yticks(positions, labels)
        axes.set_xlabel(axis_label)
        axes.xaxis.get_major_locator().set_params(integer=True)
        for position, value in zip(positions, values, strict=True):
            axes.annotate(str(value), xy=(value, position), xytext=(3, 0), textcoords="offset points",
                          va="center")
        return _svg(figure)
