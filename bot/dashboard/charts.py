"""Bar charts as SVG written on the server: no script, no inline style (the CSP stays as it
is), a title and a description for screen readers, every bar labelled in text.

A count hidden by the small-cell rule ("•") gets no bar: its length would tell the number.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup

WIDTH, LABEL, ROW, BAR = 640, 220, 28, 18
SPACE = WIDTH - LABEL - 60  # room for the longest bar, and its number after it
# What fits left of the bars at the default 16 px font (≈ 8 px a character); a longer label is
# cut with "…" and kept whole in the label's own <title> (a tooltip; the totals table has it too).
LABEL_CHARACTERS = 26


SVG = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
    'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="chart-title chart-desc">'
    '<title id="chart-title">{title}</title><desc id="chart-desc">{description}</desc>{bars}</svg>'
)
BAR_ROW = Markup(
    '<text x="{label_x}" y="{text_y}" text-anchor="end">{short}<title>{label}</title></text>'
    '<rect x="{bar_x}" y="{top}" width="{length}" height="{bar}" fill="#1f5f99"/>'
    '<text x="{count_x}" y="{text_y}">{count}</text>'
)


def shortened(label: str) -> str:
    """The label as it fits left of the bars."""
    if len(label) <= LABEL_CHARACTERS:
        return label
    return label[: LABEL_CHARACTERS - 1].rstrip() + "…"


def bar_chart(title: str, description: str, labels: Sequence[str], counts: Sequence[str]) -> Markup:
    """One horizontal bar per label; `counts` as shown (digits, or the hidden mark). Markup's
    format escapes every value, so a label from a poll cannot break out of its text."""
    numbers = [int(count) for count in counts if count.isdigit()]
    largest = max(numbers, default=0) or 1
    bars = Markup("")
    for row, (label, count) in enumerate(zip(labels, counts, strict=True)):
        top = 4 + row * ROW
        length = round(SPACE * int(count) / largest) if count.isdigit() else 0
        bars += BAR_ROW.format(
            label_x=LABEL - 8, text_y=top + BAR - 4, short=shortened(label), label=label,
            bar_x=LABEL, top=top,
            length=length, bar=BAR, count_x=LABEL + length + 6, count=count,
        )  # fmt: skip
    height = ROW * len(labels) + 8
    return SVG.format(width=WIDTH, height=height, title=title, description=description, bars=bars)


COLUMNS_SVG = Markup(
    '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
    'height="{height}" viewBox="0 0 {width} {height}" aria-labelledby="{key}-title {key}-desc">'
    '<title id="{key}-title">{title}</title><desc id="{key}-desc">{description}</desc>'
    '<line x1="0" y1="{base}" x2="{width}" y2="{base}" stroke="#4a4a4a"/>{columns}</svg>'
)
COLUMN = Markup(
    '<rect x="{x}" y="{top}" width="{column}" height="{length}" fill="#1f5f99"/>'
    '<text x="{middle}" y="{count_y}" text-anchor="middle">{count}</text>'
    '<text x="{middle}" y="{label_y}" text-anchor="middle" font-size="12">{label}</text>'
)
STEP, COLUMN_WIDTH, TALL = 56, 36, 160  # a column's slot, its width, the tallest column


def column_chart(
    key: str, title: str, description: str, labels: Sequence[str], counts: Sequence[int]
) -> Markup:
    """One column per label, left to right (weeks, oldest first), its number above it and the
    label below; `key` makes the title's and description's ids unique on the page."""
    largest = max(counts, default=0) or 1
    base = TALL + 24  # room for the tallest column's number above it
    columns = Markup("")
    for slot, (label, count) in enumerate(zip(labels, counts, strict=True)):
        length = round(TALL * count / largest)
        columns += COLUMN.format(
            x=slot * STEP + (STEP - COLUMN_WIDTH) // 2, top=base - length, column=COLUMN_WIDTH,
            length=length, middle=slot * STEP + STEP // 2, count_y=base - length - 6,
            count=count, label_y=base + 18, label=label,
        )  # fmt: skip
    return COLUMNS_SVG.format(
        key=key, width=STEP * len(labels), height=base + 26, title=title,
        description=description, base=base, columns=columns,
    )  # fmt: skip
