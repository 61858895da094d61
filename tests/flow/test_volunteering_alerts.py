"""Settings → New volunteering opportunities: who opted in and matches hears of a new one, once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.presentation.volunteering_alerts import new_opportunity
from bot.sandbox.server import FakeBotAPI
from bot.services.volunteering import alerts
from db.models import OutboxMessage, User, UserTopic, VolunteerOpportunity, VolunteerOrg
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import STAFF_CHAT, deliver
from tests.flow.volunteering_support import opportunity, organisation


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


async def switch_alerts(chat: Chat, to: str) -> None:
    await chat.send("/settings")
    await chat.press("🤝")
    await chat.press(to)


async def with_topics(h: Harness, chat: Chat, *topics: str) -> None:
    async with h.runtime.session_factory() as session:
        user = (await session.scalars(select(User).where(User.telegram_id == chat.id))).one()
        session.add_all(UserTopic(user_id=user.id, topic=topic) for topic in topics)
        await session.commit()


FOOTER = "You get this because you switched on notices of new opportunities."


def notices(h: Harness, chat: Chat, language: str) -> list[str]:
    """The notices of new opportunities the resident got, in their language."""
    footer = h.t(FOOTER, language)
    return [str(m.get("text")) for m in chat.messages() if footer in str(m.get("text", ""))]


async def alert_rows(h: Harness) -> int:
    async with h.runtime.session_factory() as session:
        query = select(func.count()).where(OutboxMessage.dedupe_key.like("volunteer:alert:%"))
        return int(await session.scalar(query) or 0)


async def test_a_matching_subscriber_hears_of_a_new_opportunity_once(h: Harness) -> None:
    org = await organisation(h)
    ayse = await resident(h, 820, "tr", district="hamborn", onboarded=True)
    await with_topics(h, ayse, "education")
    await switch_alerts(ayse, "🔔")
    assert h.t("Status: on ✅", "tr") in ayse.last_text()
    jan = await resident(h, 821, "de", district="mitte", onboarded=True)
    await switch_alerts(jan, "🔔")
    quiet = await resident(h, 822, "tr", district="hamborn", onboarded=True)  # never opted in

    reading = await opportunity(
        h, org, "Lesepatin", district="hamborn", languages=("de", "tr"), topics=("education",)
    )
    await opportunity(h, org, "Gartenpflege", district="hamborn", languages=("de", "tr"),
                      topics=("environment",))  # fmt: skip  # not Ayşe's topic
    await opportunity(h, org, "Sprachcafé", district="mitte", languages=("de",))
    await opportunity(h, org, "Nur Deutsch", district="hamborn", languages=("de",))
    await deliver(h)

    told = notices(h, ayse, "tr")
    assert len(told) == 1 and "Lesepatin (TR)" in told[0] and "Caritas Duisburg" in told[0]
    assert [n for n in notices(h, jan, "de") if "Sprachcafé" in n]  # own district, German team
    assert not [n for n in notices(h, jan, "de") if "Lesepatin" in n or "Nur Deutsch" in n]
    assert notices(h, quiet, "tr") == []

    await ayse.press(h.t("Show", "tr"))  # the notice opens the card
    assert "Lesepatin (TR)" in ayse.last_text() and "✋" in str(ayse.buttons())

    seen = len(ayse.messages())
    # A retry (a crash between queueing and committing, a second publish call) queues no twin.
    async with h.runtime.session_factory() as session:
        found = await session.get(VolunteerOpportunity, reading)
        assert found is not None
        org_row = await session.get(VolunteerOrg, org)
        assert org_row is not None
        again = await alerts.notify(
            session, h.runtime.clock, found, org_row, new_opportunity(h.runtime.i18n), "de"
        )
        await session.commit()
    assert again == 0
    await deliver(h)
    assert len(ayse.messages()) == seen and await alert_rows(h) == 2  # Ayşe's and Jan's


async def test_switched_off_no_more_notices(h: Harness) -> None:
    org = await organisation(h)
    jan = await resident(h, 830, "de", onboarded=True)  # no district: every district matches
    await switch_alerts(jan, "🔔")
    await opportunity(h, org, "Tafel", district="walsum")
    await deliver(h)
    assert len(notices(h, jan, "de")) == 1 and "Tafel" in notices(h, jan, "de")[0]

    await switch_alerts(jan, "🔕")
    assert h.t("Status: off", "de") in jan.last_text()
    await opportunity(h, org, "Kleiderkammer", district="walsum")
    await deliver(h)
    assert len(notices(h, jan, "de")) == 1
    assert await alert_rows(h) == 1  # the first notice only
