"""Youth groups: /register by an admin, staff approval, anonymous group polls, removal."""

from __future__ import annotations

from typing import Any

from bot.sandbox import updates
from bot.services.polls.input import PollAudience
from db.models import YouthGroup
from tests.flow.announce_support import make_staff, resident
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import StaffMember
from tests.flow.polls_support import create_poll, deliver, results, vote

GROUP = updates.group_chat(-1005550001, "Jugendzentrum Marxloh")


def group_texts(h: Harness) -> list[str]:
    return [m.get("text", "") for m in h.api.sent_messages(GROUP["id"], TOKEN)]


async def say_in_group(h: Harness, who: dict[str, Any], text: str) -> None:
    await h.feed(updates.command_update(who, text.lstrip("/"), chat=GROUP))


async def test_register_approve_poll_and_remove(ideas_harness: Harness) -> None:
    h = ideas_harness
    worker = updates.user(960, "tr", "Ayşe")
    teen = updates.user(961, "de", "Tim")
    h.api.set_member(TOKEN, GROUP["id"], worker["id"], "administrator")
    h.api.set_member(TOKEN, GROUP["id"], teen["id"], "member")

    await say_in_group(h, teen, "/register")
    assert group_texts(h)[-1] == h.t(
        "Only an admin of this group can register it for city polls.", "de"
    )
    await say_in_group(h, worker, "/register")
    thanks = h.t("Thank you! City staff will check the registration soon.", "tr")
    chosen = h.t("I'll write in {language} here. Admins can change it with /language.", "tr")
    assert group_texts(h)[-1] == thanks + "\n" + chosen.format(language="Türkçe")
    await say_in_group(h, worker, "/register")
    assert group_texts(h)[-1] == h.t(
        "This group's registration is already waiting for the city's answer.", "tr"
    )

    await make_staff(h, 970, "editor")
    staff = StaffMember(h, 970)
    await staff.press("Jugendzentrum Marxloh", h.t("Approve", "de"))
    assert staff.card("Jugendzentrum Marxloh")["text"].endswith(h.t("Approved", "de"))
    await staff.press_data(f"yg:ok:{GROUP['id']}", staff.card("Jugendzentrum Marxloh"))
    await deliver(h)
    assert group_texts(h)[-1] == h.t(
        "This group is now registered: city polls will arrive here.", "tr"
    )

    # A poll for residents and youth groups: the group gets an anonymous one in Turkish.
    german = await resident(h, 962, "de")
    poll = await create_poll(h, show_results=False, audience=PollAudience(groups=True))
    await deliver(h)
    group_poll = next(m for m in h.api.sent_messages(GROUP["id"], TOKEN) if "poll" in m)["poll"]
    assert group_poll["is_anonymous"] is True
    assert group_poll["question"] == "Innenhafen'da ne görmek istersin?"
    for n in range(7):
        member = updates.user(1000 + n, "tr")
        for update in h.api.vote(TOKEN, group_poll["id"], member, [0 if n < 4 else 2]):
            assert "poll_answer" not in update  # anonymous: nobody is known
            await h.feed(update)
    await vote(h, german, [1])
    counted = await results(h, poll.id)
    assert counted.groups.counts == [4, 0, 3] and counted.groups.voters == 7
    assert counted.residents.counts == [0, 1, 0]
    assert counted.totals == [4, 1, 3] and counted.voters == 8

    # Removing the bot unregisters the group: the next poll does not go there.
    bot = updates.bot_user(TOKEN)
    await h.feed(updates.my_chat_member_update(worker, bot, "kicked", "member", chat=GROUP))
    async with h.runtime.session_factory() as session:
        group = await session.get(YouthGroup, GROUP["id"])
        assert group is not None and group.status == "removed"
    before = len(h.api.sent_messages(GROUP["id"], TOKEN))
    await create_poll(h, audience=PollAudience(groups=True))
    await deliver(h)
    assert len(h.api.sent_messages(GROUP["id"], TOKEN)) == before


async def test_the_bot_stays_quiet_in_groups(ideas_harness: Harness) -> None:
    h = ideas_harness
    someone = updates.user(980, "de")
    await h.feed(updates.message_update(someone, "Hallo Bot, was geht?", GROUP))
    assert group_texts(h) == []
    await say_in_group(h, someone, "/help")
    assert "/register" in group_texts(h)[-1]
    # Added to a channel: nothing is stored, nothing is said.
    channel = updates.group_chat(-1005550099, "Stadtkanal", type="channel")
    bot = updates.bot_user(TOKEN)
    await h.feed(updates.my_chat_member_update(someone, bot, "member", "left", chat=channel))
    async with h.runtime.session_factory() as session:
        assert await session.get(YouthGroup, channel["id"]) is None
    assert h.api.sent_messages(channel["id"], TOKEN) == []
