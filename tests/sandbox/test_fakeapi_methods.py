"""Real aiogram calls against the fake: results parse and the fake's state follows."""

from __future__ import annotations

import aiohttp
import pytest
from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InputMediaPhoto,
    Message,
    MessageId,
    ReplyParameters,
)

from bot.sandbox import FakeBotAPI
from bot.sandbox import updates as U
from tests.sandbox.fakeapi_support import TOKEN, make_bot

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4, "big") + (480).to_bytes(4, "big")
KEYBOARD = InlineKeyboardMarkup(
    inline_keyboard=[[InlineKeyboardButton(text="Ja", callback_data="y")]]
)


def same(a: object, b: object) -> bool:
    """aiogram models compare with their bot context; compare the data."""
    dump = lambda m: m.model_dump(exclude_none=True) if hasattr(m, "model_dump") else m  # noqa: E731
    if isinstance(a, list) and isinstance(b, list):
        return [dump(x) for x in a] == [dump(x) for x in b]
    return dump(a) == dump(b)


async def test_get_me_derives_the_bot_from_the_token(bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (123456, True, "stadtstimme_sandbox_bot")
    assert me.first_name == "Stadtstimme"


async def test_send_message_returns_a_full_message(bot: Bot, fake: FakeBotAPI) -> None:
    first = await bot.send_message(42, "<b>Hallo</b> &amp; willkommen", parse_mode="HTML")
    second = await bot.send_message(42, "Noch was", reply_markup=KEYBOARD)
    assert isinstance(first, Message) and first.from_user and first.from_user.is_bot
    assert (first.message_id, second.message_id) == (1, 2)
    assert first.text == "Hallo & willkommen"
    assert first.entities and first.entities[0].type == "bold"
    assert same(second.reply_markup, KEYBOARD)
    assert [m["text"] for m in fake.sent_messages(42)] == ["Hallo & willkommen", "Noch was"]
    call = fake.calls("sendMessage")[0]
    assert call.ok and call.chat_id == 42 and call.params["parse_mode"] == "HTML"


async def test_reply_to_an_earlier_message(bot: Bot) -> None:
    first = await bot.send_message(7, "Frage")
    reply = await bot.send_message(7, "Antwort", reply_parameters=ReplyParameters(message_id=1))
    assert reply.reply_to_message and reply.reply_to_message.message_id == first.message_id
    with pytest.raises(TelegramBadRequest, match="message to be replied not found"):
        await bot.send_message(7, "x", reply_parameters=ReplyParameters(message_id=99))


async def test_edit_text_records_the_edit_and_drops_the_keyboard(
    bot: Bot, fake: FakeBotAPI
) -> None:
    sent = await bot.send_message(42, "alt", reply_markup=KEYBOARD)
    edited = await bot.edit_message_text("neu", chat_id=42, message_id=sent.message_id)
    assert isinstance(edited, Message) and edited.text == "neu" and edited.edit_date
    assert edited.reply_markup is None  # Telegram removes it when reply_markup is omitted
    stored = fake.state(TOKEN).message(42, sent.message_id)
    assert stored is not None and stored.edited and stored.data["text"] == "neu"
    assert fake.calls("sendMessage")[-1].result["text"] == "alt"  # a snapshot of the answer
    with pytest.raises(TelegramBadRequest, match="message is not modified"):
        await bot.edit_message_text("neu", chat_id=42, message_id=sent.message_id)
    with pytest.raises(TelegramBadRequest, match="message to edit not found"):
        await bot.edit_message_text("x", chat_id=42, message_id=999)


async def test_edit_markup_and_caption(bot: Bot) -> None:
    doc = await bot.send_document(5, BufferedInputFile(b"data", "a.txt"), caption="eins")
    edited = await bot.edit_message_caption(chat_id=5, message_id=doc.message_id, caption="zwei")
    assert isinstance(edited, Message) and edited.caption == "zwei"
    marked = await bot.edit_message_reply_markup(
        chat_id=5, message_id=doc.message_id, reply_markup=KEYBOARD
    )
    assert isinstance(marked, Message) and same(marked.reply_markup, KEYBOARD)
    text = await bot.send_message(5, "nur Text")
    with pytest.raises(TelegramBadRequest, match="no caption"):
        await bot.edit_message_caption(chat_id=5, message_id=text.message_id, caption="x")


async def test_delete_message(bot: Bot, fake: FakeBotAPI) -> None:
    sent = await bot.send_message(9, "weg damit")
    assert await bot.delete_message(9, sent.message_id) is True
    assert fake.sent_messages(9) == []
    with pytest.raises(TelegramBadRequest, match="message to delete not found"):
        await bot.delete_message(9, sent.message_id)


async def test_answer_callback_query_only_once(bot: Bot, fake: FakeBotAPI) -> None:
    sent = await bot.send_message(42, "Frage?", reply_markup=KEYBOARD)
    update = fake.add_update(TOKEN, U.callback_update(U.user(42), fake.sent_messages(42)[0], "y"))
    query_id = update["callback_query"]["id"]
    assert sent.message_id == update["callback_query"]["message"]["message_id"]
    assert await bot.answer_callback_query(query_id, text="Danke!") is True
    with pytest.raises(TelegramBadRequest, match="query is too old"):
        await bot.answer_callback_query(query_id)


async def test_document_upload_then_download(bot: Bot, fake: FakeBotAPI) -> None:
    ics = b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    sent = await bot.send_document(42, BufferedInputFile(ics, "termin.ics"), caption="Termin")
    assert sent.document and sent.document.file_name == "termin.ics"
    assert sent.document.mime_type == "text/calendar" and sent.caption == "Termin"
    file = await bot.get_file(sent.document.file_id)
    assert file.file_size == len(ics) and file.file_path
    url = f"{fake.base_url}/file/bot{TOKEN}/{file.file_path}"
    async with aiohttp.ClientSession() as session, session.get(url) as resp:
        assert resp.status == 200 and await resp.read() == ics
    downloaded = await bot.download_file(file.file_path)
    assert downloaded is not None and downloaded.read() == ics
    again = await bot.send_document(43, sent.document.file_id)
    assert again.document and again.document.file_id == sent.document.file_id


async def test_photo_sizes_come_from_the_image(bot: Bot) -> None:
    sent = await bot.send_photo(42, BufferedInputFile(PNG, "plan.png"), caption="Plan")
    assert sent.photo and (sent.photo[-1].width, sent.photo[-1].height) == (640, 480)
    assert sent.photo[0].width < sent.photo[-1].width


async def test_media_group_shares_a_group_id(bot: Bot) -> None:
    media = [
        InputMediaPhoto(media=BufferedInputFile(PNG, "a.png"), caption="eins"),
        InputMediaPhoto(media=BufferedInputFile(PNG, "b.png")),
    ]
    sent = await bot.send_media_group(42, media)
    assert len(sent) == 2 and sent[0].media_group_id == sent[1].media_group_id
    assert sent[0].caption == "eins" and sent[1].photo


async def test_location_venue_and_copy(bot: Bot, fake: FakeBotAPI) -> None:
    loc = await bot.send_location(42, 51.43, 6.76)
    venue = await bot.send_venue(42, 51.43, 6.76, "Rathaus", "Burgplatz 19")
    assert loc.location and loc.location.latitude == pytest.approx(51.43)
    assert venue.venue and venue.venue.title == "Rathaus" and venue.location
    copied = await bot.copy_message(43, 42, venue.message_id)
    assert isinstance(copied, MessageId)
    assert fake.sent_messages(43)[0]["venue"]["title"] == "Rathaus"


async def test_poll_send_and_stop(bot: Bot) -> None:
    sent = await bot.send_poll(42, "Welcher Termin?", ["Mo", "Di", "Mi"], is_anonymous=False)
    assert sent.poll and [o.text for o in sent.poll.options] == ["Mo", "Di", "Mi"]
    assert all(o.voter_count == 0 for o in sent.poll.options) and not sent.poll.is_anonymous
    stopped = await bot.stop_poll(42, sent.message_id)
    assert stopped.is_closed and stopped.id == sent.poll.id
    with pytest.raises(TelegramBadRequest, match="already been closed"):
        await bot.stop_poll(42, sent.message_id)


async def test_bot_defaults_and_legacy_parameters(fake: FakeBotAPI) -> None:
    """aiogram turns defaults into parameters Telegram dropped from its docs but still takes."""
    defaults = DefaultBotProperties(parse_mode="HTML", link_preview_is_disabled=True)
    bot = make_bot(fake.base_url, default=defaults)
    try:
        sent = await bot.send_message(1, "<b>Link:</b> https://duisburg.de")
        assert sent.entities and sent.link_preview_options
        assert sent.link_preview_options.is_disabled
        assert "disable_web_page_preview" in fake.calls("sendMessage")[0].params
        reply = await bot.send_message(1, "Antwort", reply_to_message_id=sent.message_id)
        assert reply.reply_to_message and reply.reply_to_message.message_id == sent.message_id
    finally:
        await bot.session.close()


async def test_delete_message_follows_the_48_hour_rule(bot: Bot, fake: FakeBotAPI) -> None:
    group, supergroup = -4242, -1004242
    old = await bot.send_message(group, "alt")
    young = await bot.send_message(group, "neu")
    fake.backdate(TOKEN, group, 48 * 3600)
    fresh = await bot.send_message(group, "frisch")
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(group, old.message_id)
    with pytest.raises(TelegramBadRequest, match="message can't be deleted"):
        await bot.delete_message(group, young.message_id)
    assert await bot.delete_message(group, fresh.message_id) is True
    assert [m["text"] for m in fake.sent_messages(group)] == ["alt", "neu"]
    # An admin of a supergroup may delete any message there, however old.
    kept = await bot.send_message(supergroup, "alt")
    fake.backdate(TOKEN, supergroup, 72 * 3600)
    fake.set_member(TOKEN, supergroup, 123456, "administrator")
    assert await bot.delete_message(supergroup, kept.message_id) is True
