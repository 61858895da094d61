"""A real browser (Debian's chromium) on the real sandbox process: a newcomer's whole tour.

Covered: onboarding in Turkish, handing in an idea with a photo, publishing it from the staff
view (the author is told in Turkish), and everything the web chat shows of what a bot sends
(native poll voting, .ics/CSV download, venue card, Arabic right-to-left, edits, reply keyboard,
HTML kept safe), also on a phone-sized screen. Screenshots go to the test's tmp directory.

The bot's own poll, registering for a meeting with its .ics, the youth group answering a
poll and the phone-sized chat are in test_webchat_meetings_polls.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from tests.e2e.browser_support import TIMEOUT_MS, Catalog, SandboxProcess, open_page
from tests.sandbox.webchat_support import png

t = Catalog()


async def test_turkish_resident_hands_in_an_idea_that_staff_publish(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    chat = await open_page(browser, sandbox_process.base, tmp_path)
    await chat.add_resident("Ayşe", "tr")
    await chat.send("/start")
    await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "tr"))
    await chat.screenshot("welcome-in-turkish")
    await chat.press(t("Continue", "tr"))
    await chat.press(t("Yes, set up my profile", "tr"))
    await chat.expect_bot(t("Which district do you live in?", "tr"))
    await chat.press(t("Hamborn", "tr"))
    await chat.expect_bot(t("How old are you?", "tr"))
    await chat.press(t("Skip", "tr"))
    await chat.expect_bot(t("Which topics interest you? Tap to choose, then tap Done.", "tr"))
    await chat.press(t("Transport", "tr"))
    await chat.expect_bot("✅ " + t("Transport", "tr"))
    await chat.press(t("Done", "tr"))
    await chat.expect_bot(t("Thank you!", "tr"))
    await chat.screenshot("onboarded")

    await chat.press(t("Ideas", "tr"))
    await chat.press(t("Hand in an idea", "tr"))
    await chat.expect_bot(t("What is your idea about? Choose a topic.", "tr"))
    await chat.press(t("Transport", "tr"))
    await chat.expect_bot(
        t("Which part of Duisburg is it about? Choose a district or the whole city.", "tr")
    )
    await chat.press(t("Walsum", "tr"))
    idea = "Otobüs durağına <b>çatı</b> lazım, yağmurda herkes ıslanıyor."
    await chat.send(idea)
    await chat.expect_bot(
        t.plural(
            (
                "Would you like to add a photo? Send up to {limit} photo, or tap Skip.",
                "Would you like to add photos? Send up to {limit} photos, or tap Skip.",
            ),
            3,
            "tr",
            limit=3,
        )
    )
    photo = tmp_path / "durak.png"
    photo.write_bytes(png(320, 200))
    await chat.send_photo(photo)
    await chat.expect_bot(
        t("Photo {count} of {limit} saved. Send another one, or tap Done.", "tr", count=1, limit=3)
    )
    mine = chat.page.locator("#messages li.bubble.mine .photo img").last
    await expect(mine).to_have_js_property("naturalWidth", 320)
    await chat.screenshot("photo-sent")
    await chat.press(t("Done", "tr"))
    await chat.expect_bot(
        t("Is there a particular place? Share a location (📎 → Location), or tap Skip.", "tr")
    )
    await chat.press(t("Skip", "tr"))
    preview = await chat.expect_bot(idea)  # the resident's HTML is shown literally
    assert await preview.locator(".text b", has_text="çatı").count() == 0
    await chat.screenshot("preview")
    await chat.press(t("Send", "tr"), in_message=idea)
    handed_in = await chat.expect_bot(t("✅ <b>Thank you! Your idea has been handed in.</b>", "tr"))
    reference = re.search(r"I-\d{4}-\d{4}", await handed_in.inner_text())
    assert reference, await handed_in.inner_text()
    await chat.screenshot("handed-in")

    await chat.open_chat("Stadtstimme staff (demo)")
    # The card (💡), not the photo before it or the question replying to it (which quotes it).
    card = chat.bot_bubbles(reference[0]).filter(has_text="💡").first
    await expect(card).to_contain_text(t("Handed in", "de"), timeout=TIMEOUT_MS)
    staff_photo = chat.page.locator("#messages li.bubble.bot .photo img").last
    await expect(staff_photo).to_have_js_property("naturalWidth", 320)  # the bytes went round
    await chat.screenshot("staff-card")
    await card.locator(".keyboard button", has_text=t("Publish", "de")).click()
    question = "Reply with a comment for the author, or with - for none ({reference})."
    await chat.expect_bot(t(question, "de", reference=reference[0]))
    await chat.send("-")  # the question asks for a reply; the web chat opens one by itself
    await expect(card).to_contain_text(t("Published", "de"), timeout=TIMEOUT_MS)
    await expect(card).to_contain_text("Mira (demo staff, admin)")
    await chat.screenshot("staff-published")

    await chat.open_chat("Ayşe")
    notice = "🎉 Your idea {reference} has been published. Everyone can now see and support it."
    await chat.expect_bot(t(notice, "tr", reference=reference[0]))
    await chat.screenshot("author-told")
    assert chat.errors == []
