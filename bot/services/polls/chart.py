"""The results as a bar chart (PNG) that stays readable on a phone: big type, numbers on bars."""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass

from bot.services.polls.results import Results

WIDTH_INCHES = 7.2  # 1080 px at 150 dpi: a phone screen's width
DPI = 150
LABEL_WRAP = 28


@dataclass(frozen=True)
class ChartData:
    """What the chart shows: title, one bar per option (label, count), a caption."""

    title: str
    bars: list[tuple[str, int]]
    caption: str


def chart_data(results: Results, caption: str) -> ChartData:
    """Totals over every language and youth groups, in the variant's option texts."""
    return ChartData(
        results.question, list(zip(results.options, results.totals, strict=True)), caption
    )


def render_png(data: ChartData) -> bytes:
    """A horizontal bar chart, first option on top, the count printed at each bar."""
    # The object-oriented API: no pyplot, so no global figure state between calls.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    labels = ["\n".join(textwrap.wrap(label, LABEL_WRAP)) or label for label, _ in data.bars]
    counts = [count for _, count in data.bars]
    height = 1.6 + 0.9 * len(counts) + 0.25 * sum(label.count("\n") for label in labels)
    figure = Figure(figsize=(WIDTH_INCHES, height), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    positions = list(range(len(counts)))[::-1]
    bars = axes.barh(positions, counts, color="#0b6fa4", height=0.6)
    axes.set_yticks(positions, labels, fontsize=13)
    top = max(counts, default=0)
    axes.set_xlim(0, max(1, top) * 1.18)
    axes.bar_label(bars, labels=[str(c) for c in counts], padding=4, fontsize=14, weight="bold")
    axes.xaxis.set_visible(False)
    for side in ("top", "right", "bottom"):
        axes.spines[side].set_visible(False)
    figure.suptitle("\n".join(textwrap.wrap(data.title, 48)), fontsize=15, weight="bold")
    figure.text(0.5, 0.01, data.caption, ha="center", fontsize=11, color="#444444")
    figure.tight_layout(rect=(0, 0.05, 1, 0.95))
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()
