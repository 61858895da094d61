"""The web chat's HTTP API: what a simulated person does reaches the bot as real updates."""

from __future__ import annotations

import aiohttp
from aiogram.types import (
    BufferedInputFile,
    ForceReply,
    KeyboardButton,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
)

from tests.sandbox.webchat_support import GROUP, Sandbox, png


async def test_text_and_commands_arrive_as_messages_from_the_resident(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident("Ayşe", "tr")
    await sandbox.post(f"/sandbox/chats/{ayse}/send", {"text": "/start hallo"})
    await sandbox.post(f"/sandbox/chats/{ayse}/send", {"text": "Merhaba"})
    first, second = (u["message"] for u in sandbox.pending())
    assert first["entities"] == [{"type": "bot_command", "offset": 0, "length": 6}]
    assert first["from"]["language_code"] == "tr" and first["chat"]["type"] == "private"
    assert second["text"] == "Merhaba" and second["message_id"] > first["message_id"]
    status, _ = await sandbox.post(f"/sandbox/chats/{ayse}/send", {"text": "  "})
    assert status == 400
    status, _ = await sandbox.post("/sandbox/chats/123/send", {"text": "hi"})
    assert status == 404
    status, _ = await sandbox.post(f"/sandbox/chats/{ayse}/send", {"text": "a", "reply_to": "x"})
    assert status == 400


async def test_in_a_group_someone_must_be_chosen_to_write(sandbox: Sandbox) -> None:
    deniz = await sandbox.resident("Deniz", "tr")
    status, text = await sandbox.post(f"/sandbox/chats/{GROUP}/send", {"text": "Selam"})
    assert status == 400 and "as" in text
    await sandbox.post(f"/sandbox/chats/{GROUP}/send", {"text": "Selam", "as": deniz})
    [update] = sandbox.pending()
    assert update["message"]["chat"] == {"id": GROUP, "type": "supergroup", "title": "Jugendtreff"}
    assert update["message"]["from"]["id"] == deniz
    assert deniz in sandbox.directory.groups[GROUP].members


async def test_reply_keyboard_and_force_reply_are_shown_but_not_in_the_message(
    sandbox: Sandbox,
) -> None:
    ayse = await sandbox.resident()
    keyboard = ReplyKeyboardMarkup(keyboard=[[KeyboardButton(text="Evet")]], one_time_keyboard=True)
    sent = await sandbox.bot.send_message(ayse, "Soru?", reply_markup=keyboard)
    assert sent.reply_markup is None  # Telegram never returns a reply keyboard in a Message
    asked = await sandbox.bot.send_message(ayse, "Yorum?", reply_markup=ForceReply())
    await sandbox.bot.send_message(ayse, "Tamam", reply_markup=ReplyKeyboardRemove())
    shown = {m["message_id"]: m.get("client_markup") for m in await sandbox.history(ayse)}
    assert shown[sent.message_id] == {
        "keyboard": [[{"text": "Evet"}]], "one_time_keyboard": True
    }  # fmt: skip
    assert shown[asked.message_id] == {"force_reply": True}
    assert list(shown.values())[-1] == {"remove_keyboard": True}
    await sandbox.post(
        f"/sandbox/chats/{ayse}/send", {"text": "Güzel", "reply_to": asked.message_id}
    )
    reply = sandbox.pending()[-1]["message"]
    assert reply["reply_to_message"]["message_id"] == asked.message_id


async def test_an_inline_button_press_is_a_callback_query(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    sent = await sandbox.bot.send_message(
        ayse, "Weiter?", reply_markup={"inline_keyboard": [[{"text": "Ja", "callback_data": "y"}]]}
    )
    await sandbox.post(f"/sandbox/chats/{ayse}/press", {"message_id": sent.message_id, "data": "y"})
    query = sandbox.pending()[-1]["callback_query"]
    assert query["data"] == "y" and query["message"]["message_id"] == sent.message_id
    assert await sandbox.bot.answer_callback_query(query["id"], text="OK")


async def test_a_photo_from_the_browser_reaches_the_bot_with_its_bytes(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    image = png(40, 30)
    form = aiohttp.FormData()
    form.add_field("photo", image, filename="park.png", content_type="image/png")
    form.add_field("caption", "Burası")
    async with sandbox.http.post(f"{sandbox.base}/sandbox/chats/{ayse}/photo", data=form) as r:
        assert r.status == 200
    message = sandbox.pending()[-1]["message"]
    assert message["caption"] == "Burası"
    thumb, full = message["photo"]
    assert (full["width"], full["height"]) == (40, 30) and thumb["width"] <= 90
    downloaded = await sandbox.bot.download(full["file_id"])
    assert downloaded is not None and downloaded.read() == image
    async with sandbox.http.get(f"{sandbox.base}/sandbox/files/{full['file_id']}") as r:
        assert r.content_type == "image/png" and await r.read() == image


async def test_a_location_is_sent_and_nonsense_refused(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    where = {"latitude": "51.4297", "longitude": "6.7754"}
    await sandbox.post(f"/sandbox/chats/{ayse}/location", where)
    assert sandbox.pending()[-1]["message"]["location"] == {
        "latitude": 51.4297, "longitude": 6.7754
    }  # fmt: skip
    status, _ = await sandbox.post(
        f"/sandbox/chats/{ayse}/location", {"latitude": 91, "longitude": 0}
    )
    assert status == 400


async def test_votes_count_like_telegram_and_reach_the_bot(sandbox: Sandbox) -> None:
    ayse, deniz = await sandbox.resident("Ayşe"), await sandbox.resident("Deniz")
    poll_message = await sandbox.bot.send_poll(GROUP, "Wann?", ["Mo", "Di"], is_anonymous=False)
    path = f"/sandbox/chats/{GROUP}/vote"
    vote = {"message_id": poll_message.message_id, "as": ayse}
    assert (await sandbox.post(path, {**vote, "option_ids": [1]}))[0] == 200
    poll_update, answer = sandbox.pending()[-2:]
    assert answer["poll_answer"]["option_ids"] == [1]
    assert answer["poll_answer"]["user"]["id"] == ayse
    assert [o["voter_count"] for o in poll_update["poll"]["options"]] == [0, 1]
    await sandbox.post(path, {**vote, "as": deniz, "option_ids": [1]})
    await sandbox.post(path, {**vote, "option_ids": [0]})  # Ayşe changes her mind
    [shown] = [m for m in await sandbox.history(GROUP) if "poll" in m]
    assert [o["voter_count"] for o in shown["poll"]["options"]] == [1, 1]
    assert shown["votes"] == {str(ayse): [0], str(deniz): [1]}
    status, text = await sandbox.post(path, {**vote, "option_ids": [0, 1]})
    assert status == 400 and "only one" in text
    await sandbox.post(path, {**vote, "option_ids": []})  # retracted
    [*_, last_state] = (u["poll"] for u in sandbox.pending() if "poll" in u)
    assert last_state["total_voter_count"] == 1
    await sandbox.bot.stop_poll(GROUP, poll_message.message_id)
    status, text = await sandbox.post(path, {**vote, "option_ids": [0]})
    assert status == 400 and "closed" in text


async def test_anonymous_votes_send_only_the_poll_state(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    sent = await sandbox.bot.send_poll(ayse, "Gut?", ["Ja", "Nein"])
    await sandbox.post(
        f"/sandbox/chats/{ayse}/vote", {"message_id": sent.message_id, "option_ids": [0]}
    )
    [update] = sandbox.pending()
    assert "poll_answer" not in update and update["poll"]["total_voter_count"] == 1


async def test_editing_an_own_message_sends_edited_message(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    await sandbox.post(f"/sandbox/chats/{ayse}/send", {"text": "Merhba"})
    mine = sandbox.pending()[-1]["message"]
    edit = {"message_id": mine["message_id"], "text": "Merhaba"}
    assert (await sandbox.post(f"/sandbox/chats/{ayse}/edit", edit))[0] == 200
    edited = sandbox.pending()[-1]["edited_message"]
    assert edited["text"] == "Merhaba" and edited["message_id"] == mine["message_id"]
    assert edited["edit_date"] >= mine["date"]
    bots = await sandbox.bot.send_message(ayse, "Hallo")
    status, _ = await sandbox.post(
        f"/sandbox/chats/{ayse}/edit", {"message_id": bots.message_id, "text": "x"}
    )
    assert status == 400


async def test_documents_download_under_their_name(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
    for name, header in (
        ("forum.ics", "attachment; filename=\"forum.ics\"; filename*=UTF-8''forum.ics"),
        ("Bürgerforum.ics", "attachment; filename=\"B_rgerforum.ics\"; "
         "filename*=UTF-8''B%C3%BCrgerforum.ics"),
    ):  # fmt: skip
        sent = await sandbox.bot.send_document(ayse, BufferedInputFile(ics, name))
        assert sent.document is not None
        url = f"{sandbox.base}/sandbox/files/{sent.document.file_id}?download=1"
        async with sandbox.http.get(url) as response:
            assert response.headers["Content-Disposition"] == header
            assert response.content_type == "text/calendar" and await response.read() == ics


async def test_events_tell_the_page_what_the_bot_did(sandbox: Sandbox) -> None:
    ayse = await sandbox.resident()
    async with sandbox.http.ws_connect(f"{sandbox.base}/sandbox/events") as socket:
        sent = await sandbox.bot.send_message(
            ayse, "<b>Hallo</b>", parse_mode="HTML", reply_markup=ForceReply()
        )
        event = await socket.receive_json(timeout=5)
        assert event["kind"] == "sent" and event["chat_id"] == ayse
        assert event["message"]["message_id"] == sent.message_id
        assert event["message"]["entities"][0]["type"] == "bold"
        assert event["message"]["client_markup"] == {"force_reply": True}
        await sandbox.bot.edit_message_text("Tschüss", chat_id=ayse, message_id=sent.message_id)
        event = await socket.receive_json(timeout=5)
        assert (event["kind"], event["message"]["text"]) == ("edited", "Tschüss")
        assert event["message"]["edited"] is True
