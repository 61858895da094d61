"""The poll results page draws its totals as an SVG bar chart: well-formed, titled and
described, every option labelled in text; a count hidden by the small-cell rule has no bar
and no number."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree

from aiohttp.test_utils import TestClient

from bot.dashboard.charts import bar_chart
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, sign_in
from tests.db.test_dashboard_pages import Factory, poll_with_votes

factory, client = support.factory, support.client  # the fixtures, used by name
SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # raises on anything not well-formed


def texts(root: ElementTree.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{SVG}text")]


def test_a_chart_labels_each_bar_scales_it_and_draws_no_bar_for_a_hidden_count() -> None:
    chart = bar_chart("Wünsche", "Stimmen je Antwort", ["Bänke <b>", "Sport", "Cafés"],
                      ["12", "•", "6"])  # fmt: skip
    root = parsed(str(chart))
    assert root.findtext(f"{SVG}title") == "Wünsche"
    assert root.findtext(f"{SVG}desc") == "Stimmen je Antwort"
    assert texts(root) == ["Bänke <b>", "12", "Sport", "•", "Cafés", "6"]
    widths = [int(rect.get("width", "")) for rect in root.iter(f"{SVG}rect")]
    assert widths[1] == 0 and widths[0] == 2 * widths[2] > 0


def test_a_long_label_is_cut_to_fit_left_of_its_bar_and_kept_whole_in_its_tooltip() -> None:
    long = "Mehr Sitzbänke und Schatten auf dem Marktplatz in Hamborn"
    root = parsed(str(bar_chart("Wünsche", "Stimmen je Antwort", [long, "Sport"], ["7", "3"])))
    labels = [text for text in root.iter(f"{SVG}text") if text.get("text-anchor") == "end"]
    shown = labels[0].text or ""
    assert shown.endswith("…") and long.startswith(shown[:-1]) and len(shown) <= 26
    assert labels[0].findtext(f"{SVG}title") == long
    assert labels[1].text == "Sport" and labels[1].findtext(f"{SVG}title") == "Sport"


async def test_the_results_page_has_the_chart_with_small_counts_still_hidden(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
    database_url: str,
) -> None:
    poll_id = await poll_with_votes(factory, database_url)  # 6 : 4, ten voters
    await sign_in(client, factory, EDITOR)
    page = await (await client.get(f"/polls/{poll_id}?lang=en")).text()
    found = re.search(r"<svg .*?</svg>", page, re.DOTALL)
    assert found is not None
    root = parsed(found.group(0))
    assert root.get("role") == "img" and root.findtext(f"{SVG}title") == "Was wünschst du dir?"
    # 4 is below 5, and with ten voters the 6 would give it away: neither is drawn or written.
    assert texts(root) == ["Sitzplätze", "•", "Sport", "•"]
    assert {rect.get("width") for rect in root.iter(f"{SVG}rect")} == {"0"}
    assert "<script" not in page
