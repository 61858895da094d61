"""Browsing published ideas, support toggle, reports hiding an idea, and My ideas / withdraw."""

from __future__ import annotations

from sqlalchemy import select

from bot.services.bidi import isolate
from bot.services.clock import SystemClock
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.ideas.moderation import Decision, decide
from db.models import IdeaReport, IdeaSupport, User
from tests.flow.announce_support import resident
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import (
    StaffMember,
    alerts,
    deliver,
    moderator,
    notices,
    reference,
    stored_ideas,
)
from tests.flow.test_ideas_hand_in import hand_in


async def publish_ideas(h: Harness, author_id: int, topics: list[str]) -> list[int]:
    """Ideas handed in by one author and published by staff (through the services)."""
    await resident(h, author_id, "de")
    ids = []
    async with h.runtime.session_factory() as session:
        author = (
            await session.execute(select(User).where(User.telegram_id == author_id))
        ).scalar_one()
        for n, topic in enumerate(topics):
            text = f"Idee Nummer {n}: mehr Grün und Sitzplätze in der Innenstadt."
            draft = IdeaDraft(topic=topic, district="mitte", text=text)
            idea = await ideas.submit(session, SystemClock(), author, draft, per_day=100)
            await decide(
                session, SystemClock(), idea.id, Decision("publish", 1), lambda *a: "x", "de"
            )
            ids.append(idea.id)
    return ids


async def reader_cannot_see_unpublished(h: Harness) -> int:
    """An idea that is handed in but not published: its id, for forged presses."""
    async with h.runtime.session_factory() as session:
        author = (await session.execute(select(User).where(User.telegram_id == 820))).scalar_one()
        draft = IdeaDraft(topic="sport", district="sued", text="Noch nicht veröffentlichte Idee!")
        idea = await ideas.submit(session, SystemClock(), author, draft, per_day=100)
        return idea.id


def support_button(h: Harness, number: int, count: int, language: str, mine: bool = False) -> str:
    """What the support button under idea `number` of the page says."""
    mark, word = ("✅", h.t("Supported", language)) if mine else ("👍", h.t("Support", language))
    return f"{number}\ufe0f\u20e3 {mark} {word} · {count}"


def report_button(h: Harness, number: int, language: str) -> str:
    return f"{number}\ufe0f\u20e3 ⚠️ {h.t('Report', language)}"


async def open_browse(chat: Chat, h: Harness, language: str) -> None:
    await chat.send("/menu")
    await chat.press("💡")
    await chat.press(h.t("Browse ideas", language))


async def test_paging_filter_sort_and_support_toggle(ideas_harness: Harness) -> None:
    h = ideas_harness
    idea_ids = await publish_ideas(h, 820, ["youth"] * 4 + ["sport"] * 3)
    reader = await resident(h, 821, "tr")
    await open_browse(reader, h, "tr")
    text = reader.last_text()
    assert h.t("Page {page} of {pages}", "tr").format(page=1, pages=2) in text
    assert "Nummer 6" in text and "Nummer 2" in text and "Nummer 1" not in text  # newest first
    assert "820" not in text and "#A" not in text  # no author information
    await reader.press("▶️")
    assert "Nummer 1" in reader.last_text() and "Nummer 0" in reader.last_text()

    await reader.press(h.t("Topic", "tr"))
    await reader.press(h.t("Sport", "tr"))
    text = reader.last_text()
    assert [n for n in range(7) if f"Nummer {n}:" in text] == [4, 5, 6]
    assert h.t("Page {page} of {pages}", "tr").format(page=1, pages=1) in text

    labels = [b["text"] for b in reader.buttons()]
    assert labels[:2] == [support_button(h, 1, 0, "tr"), report_button(h, 1, "tr")]
    await reader.press(support_button(h, 3, 0, "tr"))  # the oldest sport idea, number 4
    assert support_button(h, 3, 1, "tr", mine=True) in [b["text"] for b in reader.buttons()]
    assert "3\ufe0f\u20e3 " + h.t("Sport", "tr") in reader.last_text()  # the same number 3

    other = await resident(h, 822, "ar")  # another reader sees the real count, not "supported"
    await open_browse(other, h, "ar")
    await other.press(h.t("Most supported first", "ar"))
    assert "Nummer 4" in other.last_text().split("2\ufe0f\u20e3")[0]
    assert [b["text"] for b in other.buttons()][:2] == [
        support_button(h, 1, 1, "ar"), report_button(h, 1, "ar"),
    ]  # fmt: skip
    await other.press(support_button(h, 1, 1, "ar"))
    assert support_button(h, 1, 2, "ar", mine=True) in [b["text"] for b in other.buttons()]

    await reader.press(h.t("Most supported first", "tr"))
    assert reader.last_text().index("Nummer 4") < reader.last_text().index("Nummer 6")
    await reader.press(support_button(h, 1, 2, "tr", mine=True))  # toggled off again
    assert support_button(h, 1, 1, "tr") in [b["text"] for b in reader.buttons()]

    pending = await reader_cannot_see_unpublished(h)
    for forged in (
        f"ib:sup:-1:-1:n:0:{pending}:",
        "ib:sup:-1:-1:n:0:99999:",
        "ib:why:-1:-1:n:0:1:x",
    ):
        await reader.press_data(forged, reader.last())
    gone = h.t("This idea is no longer available.", "tr")
    assert alerts(h)[-3:] == [gone, gone, gone]
    async with h.runtime.session_factory() as session:
        supports = list(await session.scalars(select(IdeaSupport)))
        assert [support.idea_id for support in supports] == [idea_ids[4]]  # the Arabic reader's
        assert (await session.execute(select(IdeaReport))).first() is None


async def test_three_reports_hide_an_idea_until_staff_release_it(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 830, "tr")
    await hand_in(h, author, "tr")
    mod = await moderator(h)
    first = reference(h)
    await mod.decide(first, h.t("Publish", "de"))
    for reporter_id, language in ((831, "de"), (832, "tr"), (833, "ar")):
        reporter = await resident(h, reporter_id, language)
        await open_browse(reporter, h, language)
        await reporter.press(report_button(h, 1, language))
        await reporter.press(h.t("Spam or advertising", language))
        if reporter_id == 831:  # the same person twice counts once
            await reporter.press(report_button(h, 1, language))
            await reporter.press(h.t("Spam or advertising", language))
            assert h.t("You have already reported this idea.", language) in alerts(h)
    late = await resident(h, 834, "de")
    await open_browse(late, h, "de")
    assert h.t("No published ideas match yet.", "de") in late.last_text()
    assert h.t("hidden after reports, please review", "de") in mod.card(first)["text"]
    hidden = h.t(
        "Your idea {reference} is hidden for now because several people reported it. "
        "Our team will check it, and you will hear from us.",
        "tr",
    )
    assert (await notices(h, 830))[-1] == hidden.format(reference=first)
    await mod.decide(first, h.t("Publish", "de"), "Geprüft, alles in Ordnung.")
    await open_browse(late, h, "de")
    assert "Fahrradständer" in late.last_text()
    released = h.t("✅ Your idea {reference} has been checked and can be seen again.", "tr")
    comment = h.t("Comment from the city team: {comment}", "tr")
    assert (await notices(h, 830))[-1] == released.format(reference=first) + "\n" + (
        comment.format(comment=isolate("Geprüft, alles in Ordnung."))  # staff words: own run
    )
    assert len(await notices(h, 830)) == 3  # published, hidden, shown again


async def test_my_ideas_and_withdraw(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 840, "ar")
    await hand_in(h, author, "ar")
    await hand_in(h, author, "ar", "Ein Trinkbrunnen am Kantpark wäre im Sommer sehr hilfreich.")
    mod = await moderator(h)
    await mod.decide(reference(h), h.t("Publish", "de"))
    await author.send("/menu")
    await author.press("💡")
    await author.press(h.t("My ideas", "ar"))
    text = author.last_text()
    assert f"{reference(h)} · {h.t('Published', 'ar')}" in text
    assert f"{reference(h, 2)} · {h.t('Handed in', 'ar')}" in text
    withdraw = h.t("Withdraw {reference}", "ar")
    labels = [b["text"] for b in author.buttons()]
    assert "↩️ " + withdraw.format(reference=reference(h, 2)) in labels
    assert "↩️ " + withdraw.format(reference=reference(h)) not in labels  # published

    other = await resident(h, 841, "de")
    [first, second] = await stored_ideas(h)
    await other.press_data(f"my:sure:{second.id}")  # forged: not their idea
    await author.press(withdraw.format(reference=reference(h, 2)))
    await author.press(h.t("Yes, withdraw it", "ar"))
    assert f"{reference(h, 2)} · {h.t('Withdrawn', 'ar')}" in author.last_text()
    [first, second] = await stored_ideas(h)
    assert (first.status, second.status) == ("published", "withdrawn")
    card = mod.card(reference(h, 2))
    assert h.t("Withdrawn by the author.", "de") in card["text"] and "reply_markup" not in card


async def test_privacy_lists_ideas_and_deleting_the_data_removes_them(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    author = await resident(h, 850, "de")
    await hand_in(h, author, "de")
    await author.send("/privacy")
    for reader_id, language in ((852, "de"), (853, "tr"), (854, "ar")):
        reader = await resident(h, reader_id, language)  # what ideas store, why, how long
        await reader.send("/privacy")
        notice = reader.last_text()
        assert h.t("<b>Ideas, supports and reports</b>", language)[3:-4] in notice
        how_long = h.t(
            "How long: as long as your other data. You can withdraw an idea that is not "
            "decided yet under Ideas → My ideas. Deleting your data under Settings → "
            "Privacy also deletes your ideas, supports and reports.",
            language,
        )
        assert how_long in notice
    await author.press(h.t("Show my data", "de"))
    shown = h.t("Ideas you handed in: {count} (see Ideas → My ideas)", "de").format(count=1)
    assert shown in author.last_text()
    await author.press(h.t("Delete all my data", "de"))
    await author.press(h.t("Yes, delete everything", "de"))
    assert await stored_ideas(h) == []
    await deliver(h)  # the staff chat keeps no idea text: its card is deleted
    assert StaffMember(h, 950).messages() == []
