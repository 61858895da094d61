"""Scenarios for the staff audit test: each prepares a staff action and returns its last step.

A scenario returns (the actor, the step): the step is one update through the real Dispatcher
and must write exactly the expected audit entries, each by that actor.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from bot.sandbox import updates
from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from tests.flow.announce_support import EDITOR_ID, editor, make_staff, resident
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import MODERATOR_ID, StaffMember, moderator, reference
from tests.flow.meetings_support import START, FixedClock, publish, with_clock
from tests.flow.polls_support import create_poll

Step = Callable[[], Awaitable[None]]
ADMIN = 700001
GROUP = updates.group_chat(-1005550001, "Jugendzentrum Marxloh")
GROUP_ADMIN = updates.user(960, "tr", "Ayşe")


async def meeting_editor(h: Harness, **extra: object) -> tuple[Chat, int]:
    """An editor's chat and a published meeting, at a fixed time before it."""
    await with_clock(h, FixedClock())
    meeting_id = await publish(h, **extra)  # type: ignore[arg-type]
    return await editor(h), meeting_id


async def wizard_publish(h: Harness) -> tuple[int, Step]:
    await with_clock(h, FixedClock())
    chat = await editor(h)
    await chat.send("/newmeeting")
    for answer in ("Bürgerforum Walsum", "Rathaus Walsum", "Friedrich-Ebert-Str. 152"):
        if answer == "Rathaus Walsum":
            await chat.press("Skip")  # no description
            await chat.press("Walsum")
        await chat.send(answer)
    await chat.send_update(updates.location_update(chat.user, 51.53, 6.69))
    for answer in ("2026-12-10 18:00", "20:30", "25"):
        await chat.send(answer)
    return EDITOR_ID, lambda: chat.press("Publish now")


async def publish_draft(h: Harness) -> tuple[int, Step]:
    await with_clock(h, FixedClock())
    data = MeetingInput(
        title={"de": "Forum"}, district="mitte", venue="Rathaus", address="Burgplatz 19",
        starts=START, ends=START + timedelta(hours=2),
    )  # fmt: skip
    async with h.runtime.session_factory() as session:
        meeting = await meetings.create(session, h.runtime.clock, data, created_by=1)
        await session.commit()
    chat = await editor(h)
    return EDITOR_ID, lambda: chat.press_data(f"mf:publish:{meeting.id}:")


async def cancel_meeting(h: Harness) -> tuple[int, Step]:
    chat, meeting_id = await meeting_editor(h)
    return EDITOR_ID, lambda: chat.press_data(f"mf:sure:{meeting_id}:")


async def move_meeting(h: Harness) -> tuple[int, Step]:
    chat, meeting_id = await meeting_editor(h)
    await chat.press_data(f"mf:time:{meeting_id}:")
    return EDITOR_ID, lambda: chat.send("2026-12-04 19:00")


async def edit_title(h: Harness) -> tuple[int, Step]:
    chat, meeting_id = await meeting_editor(h)
    await chat.press_data(f"mf:etitle:{meeting_id}:de")
    return EDITOR_ID, lambda: chat.send("Bürgerforum Nord")


async def edit_capacity(h: Harness) -> tuple[int, Step]:
    chat, meeting_id = await meeting_editor(h)
    await chat.press_data(f"mf:ecap:{meeting_id}:")
    return EDITOR_ID, lambda: chat.send("30")


async def no_limit(h: Harness) -> tuple[int, Step]:
    chat, meeting_id = await meeting_editor(h, capacity=10)
    await chat.press_data(f"mf:ecap:{meeting_id}:")
    return EDITOR_ID, lambda: chat.press_data(f"mf:nolimit:{meeting_id}:")


async def new_poll(h: Harness) -> tuple[int, Step]:
    chat = await editor(h)
    await chat.send("/newpoll")
    await chat.send("Was wünschen Sie sich am Innenhafen?")
    await chat.send("Mehr Sitzplätze\nSportflächen")
    await chat.press("In 1 week")
    return EDITOR_ID, lambda: chat.press("Send poll")


def poll_button(action: str) -> Callable[[Harness], Awaitable[tuple[int, Step]]]:
    async def scenario(h: Harness) -> tuple[int, Step]:
        chat, poll = await editor(h), await create_poll(h)
        return EDITOR_ID, lambda: chat.press_data(f"pa:{action}:{poll.id}")

    return scenario


async def poll_results(h: Harness) -> tuple[int, Step]:
    chat, poll = await editor(h), await create_poll(h)
    return EDITOR_ID, lambda: chat.send(f"/results {poll.id}")


async def registered_group(h: Harness) -> StaffMember:
    """A youth group that asked to register, and an editor in the staff chat."""
    h.api.set_member(TOKEN, GROUP["id"], GROUP_ADMIN["id"], "administrator")
    await h.feed(updates.command_update(GROUP_ADMIN, "register", chat=GROUP))
    await make_staff(h, 970, "editor")
    return StaffMember(h, 970)


def group_decision(action: str) -> Callable[[Harness], Awaitable[tuple[int, Step]]]:
    async def scenario(h: Harness) -> tuple[int, Step]:
        staff = await registered_group(h)
        card = staff.card("Jugendzentrum Marxloh")
        return 970, lambda: staff.press_data(f"yg:{action}:{GROUP['id']}", card)

    return scenario


async def group_removes_bot(h: Harness) -> tuple[int, Step]:
    staff = await registered_group(h)
    await staff.press_data(f"yg:ok:{GROUP['id']}", staff.card("Jugendzentrum Marxloh"))
    bot = updates.bot_user(TOKEN)
    kicked = updates.my_chat_member_update(GROUP_ADMIN, bot, "kicked", "member", chat=GROUP)
    return GROUP_ADMIN["id"], lambda: h.feed(kicked)


async def cancel_campaign(h: Harness) -> tuple[int, Step]:
    chat = await editor(h)
    later = datetime.now(UTC) + timedelta(days=1)
    async with h.runtime.session_factory() as session:
        campaign = await campaigns.create(
            session, h.runtime.clock, Draft({"de": "Stadtfest"}, Audience(), send_at=later), 1
        )
    return EDITOR_ID, lambda: chat.press_data(f"cp:cancel:{campaign.id}")


async def announce(h: Harness) -> tuple[int, Step]:
    chat = await editor(h)
    await chat.send("/announce")
    await chat.send("Stadtfest am Samstag im Landschaftspark")
    await chat.press("Continue")
    await chat.press("Continue")
    return EDITOR_ID, lambda: chat.press("Send now")


async def add_staff(h: Harness) -> tuple[int, Step]:
    h.settings.admin_ids = [ADMIN]
    admin = h.chat(ADMIN, "en")
    await admin.send("/staff")
    await admin.press("Add a staff member")
    await admin.send("4242")
    return ADMIN, lambda: admin.press("Editor")


async def remove_staff(h: Harness) -> tuple[int, Step]:
    h.settings.admin_ids = [ADMIN]
    await make_staff(h, 4243, "moderator")
    admin = h.chat(ADMIN, "en")
    await admin.send("/staff")
    await admin.press("4243")
    await admin.press("Remove")
    return ADMIN, lambda: admin.press("Yes")


async def idea_on_card(h: Harness) -> StaffMember:
    from tests.flow.test_ideas_hand_in import hand_in

    await hand_in(h, await resident(h, 811, "de"), "de")
    return await moderator(h)


async def start_review(h: Harness) -> tuple[int, Step]:
    mod, ref = await idea_on_card(h), reference(h)
    return MODERATOR_ID, lambda: mod.press(ref, h.t("Start review", "de"))


async def publish_idea(h: Harness) -> tuple[int, Step]:
    mod, ref = await idea_on_card(h), reference(h)
    await mod.press(ref, h.t("Publish", "de"))
    return MODERATOR_ID, lambda: mod.say("Danke!")


async def connect_org_inbox(h: Harness) -> tuple[int, Step]:
    """A group admin sent /register_org; an editor picks the organisation in the staff chat."""
    from tests.flow.volunteering_support import organisation

    org = await organisation(h, "Tafel Duisburg")
    h.api.set_member(TOKEN, GROUP["id"], GROUP_ADMIN["id"], "administrator")
    await h.feed(updates.command_update(GROUP_ADMIN, "register_org", chat=GROUP))
    await make_staff(h, 970, "editor")
    staff = StaffMember(h, 970)
    card = staff.card("Jugendzentrum Marxloh")
    return 970, lambda: staff.press_data(f"vg:{GROUP['id']}:{org}", card)
