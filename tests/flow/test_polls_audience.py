"""/newpoll audience screen: filters, residents and youth groups, live count, who gets the poll."""

from __future__ import annotations

from bot.services.audience import Audience
from bot.services.polls.input import PollAudience
from tests.flow.announce_support import editor, make_staff, remove_staff, resident
from tests.flow.harness import Harness
from tests.flow.poll_audience_support import (
    STALE,
    approved_group,
    got_poll,
    group_got_poll,
    now,
    plain,
    press_on,
    staff_in,
    stored_audience,
    to_audience,
)
from tests.flow.polls_support import deliver


async def test_german_editor_sends_to_mitte_and_the_youth_groups(harness: Harness) -> None:
    h, t = harness, (lambda msgid: harness.t(msgid, "de"))
    staff = await staff_in(h, "de")
    mitte = await resident(h, 1001, "de", district="mitte")
    mitte_turkish = await resident(h, 1002, "tr", district="mitte")
    hamborn = await resident(h, 1003, "de", district="hamborn")
    await approved_group(h)
    await to_audience(h, staff, "de")
    assert staff.last_text().splitlines()[:4] == [
        plain(t("<b>Who should get the poll?</b>")),
        "• " + t("All residents who get announcements"),
        "• " + t("Registered youth groups: no"),
        t("Recipients right now: {count}").format(count=4),  # the editor is a resident too
    ]
    assert "✅ " + t("Everyone") in [b["text"] for b in staff.buttons()]

    await staff.press(t("Districts"))
    await staff.press(t("Mitte"))
    assert t("Recipients right now: {count}").format(count=2) in staff.last_text()
    assert "✅ " + t("Mitte") in [b["text"] for b in staff.buttons()]
    await staff.press(t("Back"))
    await staff.press(t("Registered youth groups"))
    screen = staff.last_text()
    assert f"• {t('Districts')}: {t('Mitte')}" in screen
    assert "• " + t("Registered youth groups: yes") in screen
    assert t("Registered youth groups right now: {count}").format(count=1) in screen
    labels = [b["text"] for b in staff.buttons()]
    assert t("Everyone") in labels and t("Districts") + " (1)" in labels
    assert "✅ " + t("Registered youth groups") in labels

    await staff.press(t("Back to the preview"))
    preview = staff.last_text()
    assert (
        "\n".join([t("Audience:"), f"• {t('Districts')}: {t('Mitte')}"])
        + "\n• "
        + t("Registered youth groups: yes")
    ) in preview
    await staff.press(t("Send poll"))
    await deliver(h)
    assert got_poll(mitte) and got_poll(mitte_turkish) and group_got_poll(h)
    assert not got_poll(hamborn) and not got_poll(staff)
    expected = PollAudience(Audience(districts=frozenset({"mitte"})), groups=True)
    assert await stored_audience(h) == expected


async def test_turkish_editor_narrows_resets_and_leaves_groups_out(harness: Harness) -> None:
    h, t = harness, (lambda msgid: harness.t(msgid, "tr"))
    staff = await staff_in(h, "tr")
    young = await resident(h, 1011, "tr", district="mitte", age_group="16-17")
    older = await resident(h, 1012, "de", district="mitte", age_group="27-64")
    hamborn = await resident(h, 1013, "tr", district="hamborn", age_group="16-17")
    await approved_group(h)
    await to_audience(h, staff, "tr")
    await staff.press(t("Age groups"))
    await staff.press(t("16–17"))
    await staff.press(t("Back"))
    await staff.press(t("Languages"))
    await staff.press("Türkçe")
    assert t("Recipients right now: {count}").format(count=2) in staff.last_text()
    await staff.press(t("Back"))
    screen = staff.last_text()
    assert f"• {t('Age groups')}: {t('16–17')}" in screen
    assert f"• {t('Languages')}: Türkçe" in screen

    await staff.press(t("Everyone"))  # back to every resident
    assert "• " + t("All residents who get announcements") in staff.last_text()
    assert t("Recipients right now: {count}").format(count=4) in staff.last_text()
    await staff.press(t("Districts"))
    await staff.press(t("Mitte"))
    await staff.press(t("Back"))
    await staff.press(t("Back to the preview"))
    assert f"• {t('Districts')}: {t('Mitte')}" in staff.last_text()
    assert "• " + t("Registered youth groups: no") in staff.last_text()
    await staff.press(t("Send poll"))
    await deliver(h)
    assert got_poll(young) and got_poll(older)
    assert not got_poll(hamborn) and not group_got_poll(h)
    assert await stored_audience(h) == PollAudience(Audience(districts=frozenset({"mitte"})))


async def test_the_audience_screen_in_arabic(harness: Harness) -> None:
    h, t = harness, (lambda msgid: harness.t(msgid, "ar"))
    staff = await staff_in(h, "ar")
    await to_audience(h, staff, "ar")
    assert staff.last_text().splitlines()[:4] == [
        plain(t("<b>Who should get the poll?</b>")),
        "• " + t("All residents who get announcements"),
        "• " + t("Registered youth groups: no"),
        t("Recipients right now: {count}").format(count=1),
    ]
    labels = [b["text"] for b in staff.buttons()]
    assert labels[:5] == ["✅ " + t("Everyone"), *(t(k) for k in ("Districts", "Age groups",
                          "Topics", "Languages"))]  # fmt: skip
    assert t("Back to the preview") + " ▶️" in labels  # the arrow points against reading


async def test_youth_groups_only_and_nobody_at_all(harness: Harness) -> None:
    h = harness
    staff = await editor(h)
    someone = await resident(h, 1021, "de", district="mitte")
    await to_audience(h, staff, "en")
    await staff.press("Registered youth groups")  # none is approved yet
    await staff.press("Residents")
    assert staff.last_text().splitlines()[3:5] == [
        "Registered youth groups right now: 0",
        "⚠️ Nobody matches this audience right now.",
    ]
    await staff.press("Registered youth groups")
    await approved_group(h)
    assert staff.last_text().splitlines()[1:4] == [
        "• No residents",
        "• Registered youth groups: no",
        "⚠️ Nobody would get this poll. Please choose residents or youth groups.",
    ]
    await staff.press("Back to the preview")
    await staff.press("Send poll")
    assert (
        staff.last_text() == "Nobody would get this poll. Please choose residents or youth groups."
    )
    assert await stored_audience(h) is None
    await staff.press("Change audience")
    await staff.press("Registered youth groups")
    assert "Registered youth groups right now: 1" in staff.last_text()
    await staff.press("Back to the preview")
    await staff.press("Send poll")
    await deliver(h)
    assert group_got_poll(h) and not got_poll(someone) and not got_poll(staff)
    assert await stored_audience(h) == PollAudience(include_residents=False, groups=True)


async def test_forged_presses_and_a_lost_role_change_nothing(harness: Harness) -> None:
    h = harness
    staff = await editor(h)
    await approved_group(h)
    await to_audience(h, staff, "en")
    await staff.press("Districts")
    await staff.press("Mitte")
    screen = staff.last()
    for forged in ("au:districts:atlantis", "au:planets:mitte", "au:age_groups:mitte"):
        await staff.press_data(forged, screen)
        assert str(h.api.calls("answerCallbackQuery")[-1].params.get("text")) == STALE
    await staff.press_data("pw:kind:planets", screen)
    assert str(h.api.calls("answerCallbackQuery")[-1].params.get("text")) == STALE
    # Someone without the role presses the editor's buttons' data: nothing happens for them.
    outsider = await resident(h, 1031, "en")
    for data in ("pw:audience:", "pw:groups:", "au:districts:hamborn"):
        await outsider.press_data(data)
        assert str(h.api.calls("answerCallbackQuery")[-1].params.get("text")) == STALE
    # The editor loses the role on the way: presses are refused until it is back.
    await remove_staff(h)
    await staff.press_data("au:districts:hamborn", screen)
    await staff.press_data("pw:groups:", screen)
    assert str(h.api.calls("answerCallbackQuery")[-1].params.get("text")) == STALE
    await make_staff(h)
    await staff.press_data("pw:audience:", screen)
    assert "• Districts: Mitte\n• Registered youth groups: no" in now(staff, screen)["text"]
    await press_on(staff, screen, "Back to the preview")
    await staff.press_data("pw:groups:", now(staff, screen))  # an old press: the preview shows
    await press_on(staff, screen, "Send poll")
    assert await stored_audience(h) == PollAudience(Audience(districts=frozenset({"mitte"})))
