"""A real browser on the real sandbox: the volunteering relay both ways.

A Turkish resident says she is interested in the demo opportunity "in Turkish and Arabic"; the
card arrives in the demo organisation's own group, where the team member replies to it; the
resident reads the reply, answers, and the group sees the answer. Screenshots go to the test's
tmp directory. (The sandbox has no translation provider: the texts pass as written.)
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from bot.sandbox.demo_volunteering_data import OPPORTUNITIES, ORG_GROUP, ORGS
from tests.e2e.browser_support import TIMEOUT_MS, Catalog, SandboxProcess, open_page

t = Catalog()
IN_TURKISH_AND_ARABIC = OPPORTUNITIES[0]


async def test_a_resident_and_an_organisation_talk_through_the_relay(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    chat = await open_page(browser, sandbox_process.base, tmp_path)
    await chat.add_resident("Elif", "tr")
    await chat.send("/start")
    await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "tr"))
    await chat.press(t("Continue", "tr"))
    await chat.press(t("Skip", "tr"))  # no profile
    await chat.expect_bot(t("No problem.", "tr"))

    # The demo poll may arrive in this chat at any moment: every step names its message.
    await chat.send("/menu")
    await chat.press("🤝", in_message="🤝")
    title = IN_TURKISH_AND_ARABIC.title["tr"]
    await chat.press(title[:20], in_message=title[:20])
    card = chat.bot_bubbles("✋").last
    await expect(card).to_contain_text(title, timeout=TIMEOUT_MS)
    await chat.press("✋", in_message="✋")
    await chat.press("💬", in_message="💬")
    await expect(chat.bot_bubbles("/cancel").last).to_be_visible(timeout=TIMEOUT_MS)
    await chat.send("Merhaba, salı öğleden sonraları gelebilirim.")
    confirmation = (
        "Sent! The organisation gets your message, your languages and your tag {tag}. "
        "Their answer comes here."
    )
    sent = chat.bot_bubbles(t(confirmation, "tr", tag="§").split("§")[0]).last
    await expect(sent).to_be_visible(timeout=TIMEOUT_MS)
    tag = re.search(r"V[A-Z2-9]{5}", await sent.inner_text())
    assert tag, await sent.inner_text()
    await chat.screenshot("interest-sent")

    await chat.open_chat(ORG_GROUP.title)
    card = chat.bot_bubbles(f"#{tag[0]}").first
    await expect(card).to_contain_text("Merhaba, salı öğleden sonraları", timeout=TIMEOUT_MS)
    await expect(card).to_contain_text(t("New interest in volunteering", "de"))
    await chat.screenshot("card-in-the-organisations-group")
    await card.locator("button.reply").click()
    await chat.send("Hallo Elif! Dienstag um 15 Uhr passt gut. Kommst du ins Stadtteilbüro?")
    passed = chat.bot_bubbles(t("Passed on to #{tag}.", "de", tag=tag[0])).last
    await expect(passed).to_be_visible(timeout=TIMEOUT_MS)

    await chat.open_chat("Elif")
    reply = chat.bot_bubbles("Dienstag um 15 Uhr passt gut").last
    await expect(reply).to_contain_text(ORGS[0].name, timeout=TIMEOUT_MS)
    await chat.screenshot("reply-reaches-the-resident")
    await chat.press("↩️", in_message="Dienstag um 15 Uhr passt gut")
    prompt = t("Write your answer to the organisation. Send /cancel to stop.", "tr")
    await expect(chat.bot_bubbles(prompt).last).to_be_visible(timeout=TIMEOUT_MS)
    await chat.send("Evet, geliyorum. Teşekkürler!")
    done = chat.bot_bubbles(t("Sent to the organisation.", "tr")).last
    await expect(done).to_be_visible(timeout=TIMEOUT_MS)

    await chat.open_chat(ORG_GROUP.title)
    answer = chat.bot_bubbles("Evet, geliyorum. Teşekkürler!").last
    await expect(answer).to_contain_text(f"#{tag[0]}", timeout=TIMEOUT_MS)
    await chat.screenshot("answer-in-the-organisations-group")
    assert chat.errors == []
