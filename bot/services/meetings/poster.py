"""A meeting's poster QR code: the deep link that opens its card in Telegram, as a PNG.

One implementation for `stadtstimme meetings qr` and the dashboard's poster download.
"""

from __future__ import annotations

import io
from contextlib import AbstractContextManager


def deep_link(bot_username: str, meeting_id: int) -> str:
    """The poster link that opens the meeting's card in Telegram."""
    return f"https://t.me/{bot_username}?start=m{meeting_id}"


def qr_png(link: str) -> bytes:
    """The link as a PNG QR code, large enough to print (error correction M, quiet zone 4)."""
    import segno

    buffer = io.BytesIO()
    segno.make(link, error="m").save(buffer, kind="png", scale=10, border=4)
    return buffer.getvalue()


A4_POINTS = (595, 842)  # width, height in PDF points (1/72 inch)
QR_POINTS = 300  # about 10.5 cm: readable from a few metres


def qr_matrix(link: str) -> list[list[bool]]:
    """The link's QR modules (True: dark), with the quiet zone of 4 modules."""
    import segno

    code = segno.make(link, error="m")
    return [[bool(module) for module in row] for row in code.matrix_iter(scale=1, border=4)]


def a4_pdf(*, title: str, when: str, place: str, link: str, call: str) -> bytes:
    """An A4 poster: title, date, place, the QR code of `link`, the short link, and `call`
    (what to do, in the poster's language). Texts come laid out by the caller; the layout is
    drawn with matplotlib's PDF backend (a dependency already), fonts embedded as TrueType."""
    import textwrap

    from matplotlib.backends.backend_pdf import FigureCanvasPdf
    from matplotlib.figure import Figure

    width, height = A4_POINTS
    figure = Figure(figsize=(width / 72, height / 72), dpi=72)
    FigureCanvasPdf(figure)
    text = figure.text
    text(0.5, 0.93, "\n".join(textwrap.wrap(title, 28)[:4]), ha="center", va="top",
         fontsize=30, fontweight="bold", linespacing=1.2)  # fmt: skip
    text(0.5, 0.70, when, ha="center", fontsize=17)
    text(0.5, 0.66, "\n".join(textwrap.wrap(place, 55)[:2]), ha="center", va="top", fontsize=14)
    # Unscaled, one image pixel per point: each module a whole number of points, square.
    modules = qr_matrix(link)
    scale = QR_POINTS // len(modules)
    pixels = [[0.0 if dark else 1.0 for dark in row for _ in range(scale)]
              for row in modules for _ in range(scale)]  # fmt: skip
    figure.figimage(pixels, xo=(width - len(pixels)) // 2, yo=170, cmap="gray", vmin=0, vmax=1,
                    origin="upper")  # fmt: skip
    text(0.5, 0.15, call, ha="center", fontsize=15)
    text(0.5, 0.11, link.removeprefix("https://"), ha="center", fontsize=15, family="monospace")
    buffer = io.BytesIO()
    with matplotlib_settings():
        figure.savefig(buffer, format="pdf", metadata={"Title": title, "Creator": "Stadtstimme"})
    return buffer.getvalue()


def matplotlib_settings() -> AbstractContextManager[None]:
    """TrueType fonts: the text stays text in the PDF (searchable, copyable)."""
    import matplotlib

    return matplotlib.rc_context({"pdf.fonttype": 42})
