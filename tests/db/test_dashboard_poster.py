"""The A4 poster of a meeting, as a printer and a phone's camera see it: an A4 page, the
title as text, and a QR code that scans to the meeting's deep link."""

from __future__ import annotations

import re
import zlib

import zxingcpp
from aiohttp.test_utils import TestClient
from PIL import Image

from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, sign_in
from tests.db.test_dashboard_pages import Factory, meeting_with_two

factory, client = support.factory, support.client  # the fixtures, used by name


def streams(pdf: bytes) -> list[tuple[bytes, bytes]]:
    """Every stream of the file: (its dictionary, its decompressed bytes)."""
    found = []
    for match in re.finditer(rb"<<((?:(?!<<|>>).|<<[^>]*>>)*?)>>\s*stream\r?\n", pdf, re.S):
        start = match.end()
        body = pdf[start : pdf.index(b"endstream", start)]
        found.append((match.group(1), zlib.decompress(body) if b"FlateDecode" in match.group(1)
                      else body))  # fmt: skip
    return found


def page_text(pdf: bytes) -> str:
    """The text drawn on the page (TrueType glyphs as UTF-16 strings in TJ arrays)."""
    texts = []
    for _head, body in streams(pdf):
        for block in re.findall(rb"BT(.*?)ET", body, re.S):
            raw = b"".join(re.findall(rb"\(((?:\\.|[^\\)])*)\)", block))
            raw = re.sub(rb"\\(.)", lambda m: m.group(1), raw)
            texts.append(raw.decode("utf-16-be", errors="replace"))
    return "\n".join(texts)


def qr_image(pdf: bytes) -> Image.Image:
    """The embedded 1-bit image (PNG predictors undone), black on white."""
    for head, body in streams(pdf):
        if b"/Subtype /Image" not in head:
            continue
        width = int(re.search(rb"/Width (\d+)", head).group(1))  # type: ignore[union-attr]
        height = int(re.search(rb"/Height (\d+)", head).group(1))  # type: ignore[union-attr]
        stride, rows, previous = (width + 7) // 8, [], bytearray((width + 7) // 8)
        for y in range(height):
            kind, line = (
                body[y * (stride + 1)],
                bytearray(body[y * (stride + 1) + 1 : (y + 1) * (stride + 1)]),
            )
            for x in range(stride):
                left, up = (line[x - 1] if x else 0), previous[x]
                upleft = previous[x - 1] if x else 0
                if kind == 1:
                    line[x] = (line[x] + left) & 255
                elif kind == 2:
                    line[x] = (line[x] + up) & 255
                elif kind == 3:
                    line[x] = (line[x] + (left + up) // 2) & 255
                elif kind == 4:
                    p = left + up - upleft
                    pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                    line[x] = (
                        line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)
                    ) & 255
            rows.append(bytes(line))
            previous = line
        # Palette index 1 is black (the PDF's /Indexed colour space lists white, then black).
        bits = Image.frombytes("1", (width, height), b"".join(rows))
        return bits.point(lambda v: 0 if v else 255).convert("L")
    raise AssertionError("no image in the PDF")


async def test_the_poster_is_a4_with_the_title_and_a_qr_code_to_the_meeting(
    client: TestClient, factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    meeting_id = await meeting_with_two(factory)
    await sign_in(client, factory, EDITOR)
    response = await client.get(f"/meetings/{meeting_id}/poster.pdf")
    assert response.status == 200 and response.headers["Content-Type"] == "application/pdf"
    assert f"meeting-{meeting_id}-poster.pdf" in response.headers["Content-Disposition"]
    pdf = await response.read()
    assert pdf.startswith(b"%PDF-")
    assert re.findall(rb"/MediaBox \[ *([\d.]+) +([\d.]+) +([\d.]+) +([\d.]+) *\]", pdf) == [
        (b"0", b"0", b"595", b"842")
    ]  # A4: 210 × 297 mm
    text = page_text(pdf)
    assert "Bürgerforum Hamborn" in text and "Rathaus Hamborn" in text
    # Babel's full German date, in the city's time: NOW (09:00 UTC) + 10 days is 10:00 in winter.
    assert "Donnerstag, 17. Dezember 2026, 10:00" in text
    assert "Code scannen und in Telegram anmelden" in text  # the page's language (German)
    link = f"https://t.me/StadtstimmeBot?start=m{meeting_id}"
    assert f"\nt.me/StadtstimmeBot?start=m{meeting_id}" in text  # the short link
    (code,) = zxingcpp.read_barcodes(qr_image(pdf))
    assert code.text == link
