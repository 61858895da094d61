"""Only an editor (or admin) decides a youth group's registration, even inside the staff chat."""

from __future__ import annotations

from bot.sandbox import updates
from db.models import YouthGroup
from tests.flow.announce_support import make_staff
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import StaffMember, alerts
from tests.flow.test_polls_groups import GROUP, say_in_group

TITLE = "Jugendzentrum Marxloh"


async def group_status(h: Harness) -> str | None:
    async with h.runtime.session_factory() as session:
        group = await session.get(YouthGroup, GROUP["id"])
        return group.status if group is not None else None


async def test_a_staff_chat_member_without_the_editor_role_cannot_approve(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    admin = updates.user(990, "de", "Ayla")
    h.api.set_member(TOKEN, GROUP["id"], admin["id"], "administrator")
    await say_in_group(h, admin, "/register")
    await make_staff(h, 991, "moderator")
    told = len(h.api.sent_messages(GROUP["id"], TOKEN))
    # A moderator, then a chat member with no role at all; each is refused in their language.
    for presser, language in ((991, "de"), (992, "en")):
        member = StaffMember(h, presser)
        member.user = updates.user(presser, language, "Mira")
        refusal = h.t("Only editors can do this.", language)
        card = member.card(TITLE)
        await member.press(TITLE, h.t("Approve", "de"))
        assert alerts(h)[-1] == refusal  # the press is answered: no spinning button
        assert h.api.calls("answerCallbackQuery")[-1].params.get("show_alert") is True
        await member.press_data(f"yg:no:{GROUP['id']}", card)
        assert alerts(h)[-1] == refusal
        assert await group_status(h) == "pending", presser
        assert member.card(TITLE)["text"] == card["text"]  # the card still asks
    assert len(h.api.sent_messages(GROUP["id"], TOKEN)) == told  # the group heard nothing

    await make_staff(h, 993, "editor")
    editor = StaffMember(h, 993)
    await editor.press(TITLE, h.t("Approve", "de"))
    assert await group_status(h) == "approved"
    assert editor.card(TITLE)["text"].endswith(h.t("Approved", "de"))
