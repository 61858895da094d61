"""In a real browser, an Arabic reader's meeting card is laid out right-to-left although the demo
youth forum has only German (and Turkish) texts: the card runs from the right, and the German
title, place and description read left-to-right inside it, their punctuation where it belongs.
A screenshot goes to <tmp_path>/screenshots/.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.sandbox.demo_meetings import UIDS
from bot.services.meetings.lifecycle import text_of
from db.repositories import meetings as meeting_repo
from tests.e2e.browser_support import Catalog, SandboxProcess, open_page
from tests.e2e.test_webchat_meetings_polls import sandbox_database

t = Catalog()
# Where pieces of the card's text are drawn: each needle's box (its last occurrence), the text
# element's box and its computed direction.
LAYOUT = """(element, needles) => {
  const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const box = (needle) => {
    for (const node of nodes.slice().reverse()) {
      const at = node.data.lastIndexOf(needle);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + needle.length);
      const r = range.getBoundingClientRect();
      return {left: r.left, right: r.right, top: r.top};
    }
    return null;
  };
  const style = getComputedStyle(element);
  const outer = element.getBoundingClientRect();
  return {
    direction: style.direction,
    right: outer.right - parseFloat(style.paddingRight),
    title: element.querySelector("b").getBoundingClientRect().right,
    boxes: Object.fromEntries(needles.map((needle) => [needle, box(needle)])),
  };
}"""
NEEDLES = ["📍", "Jugendzentrum", "47166", "Wo triffst", "fehlt?", "27", "27."]


async def test_an_arabic_reader_sees_the_german_demo_meeting_right_to_left(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    async with sandbox_database(sandbox_process) as session:
        youth_forum = await meeting_repo.by_source_uid(session, UIDS[1])
        assert youth_forum is not None, "the demo meetings were not seeded"
    title = text_of(youth_forum.title, "ar")
    assert title == text_of(youth_forum.title, "de")  # no Arabic title: it falls back to German

    chat = await open_page(browser, sandbox_process.base, tmp_path)
    await chat.add_resident("Yasmin", "ar")
    await chat.send("/start")
    await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "ar"))
    await chat.press(t("Continue", "ar"))
    await chat.press(t("Skip", "ar"))
    await chat.expect_bot(t("No problem.", "ar"))  # with the main menu
    await chat.press(t("Meetings", "ar"))
    await chat.expect_bot(t("Upcoming meetings", "ar"))
    await chat.press(title[:24])
    card = await chat.expect_bot(title)
    await expect(card).to_contain_text("Jugendzentrum Hamborn")
    await chat.screenshot("arabic-meeting-card")

    layout = await card.locator(".text").evaluate(LAYOUT, NEEDLES)
    boxes = layout["boxes"]
    assert layout["direction"] == "rtl", layout
    assert abs(layout["title"] - layout["right"]) < 2, layout  # the title starts at the right
    pin, venue, postcode = boxes["📍"], boxes["Jugendzentrum"], boxes["47166"]
    assert pin["top"] == venue["top"], boxes  # one line on a desktop window
    assert venue["right"] < postcode["left"] < pin["left"], boxes  # German LTR, 📍 on the right
    sentence, question, number, full_stop = (boxes[k] for k in NEEDLES[3:])
    assert sentence["right"] < question["left"], boxes  # "?" ends the German sentence …
    assert number["right"] <= full_stop["right"], boxes  # … and "." the last one, not the line
    assert chat.errors == []
