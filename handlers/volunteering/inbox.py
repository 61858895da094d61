"""The organisation's side: its inbox (its group, or the staff chat) and /register_org.

card or relayed answer in the inbox --reply--> passed on to the resident (translated into the
                                               resident's language when translation is on)
                                     --reply /end--> conversation ended, resident told
group: /register_org (admin) --> staff chat: which organisation? [org …] [Decline]
"""

from __future__ import annotations

import html
import re
from typing import Any

from aiogram import Bot
from aiogram.enums import ChatMemberStatus
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import sent_as_the_group
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import VolunteerInboxCb
from bot.presentation import volunteering as texts
from bot.services.clock import Clock
from bot.services.locale import content_language
from bot.services.text_length import utf16_len
from bot.services.translation.engine import Translator
from bot.services.volunteering import ending, orgs, relay
from bot.services.volunteering.conversations import RelayOutcome
from bot.services.volunteering.relay import TEXT_MAX
from bot.services.volunteering.relay_translation import RelayText, for_reader

TAG = re.compile(r"#(V[A-Z2-9]{5})\b")
ADMINS = (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)
ORGS_SHOWN = 20


async def reply_to_a_card(message: Message, bot: Bot) -> bool | dict[str, Any]:
    """A reply to one of the bot's volunteering messages: passes the tag on."""
    replied = message.reply_to_message
    if replied is None or replied.from_user is None or replied.from_user.id != bot.id:
        return False
    found = TAG.search(replied.text or "")
    return {"tag": found.group(1)} if found else False


def _refusal(outcome: RelayOutcome) -> str:
    return {
        RelayOutcome.WRONG_CHAT: _("This card belongs to another inbox: nothing was passed on."),
        RelayOutcome.ENDED: _("This conversation has ended: nothing was passed on."),
        RelayOutcome.FLOOD: _(
            "Too many messages in this conversation right now. Please wait a little."
        ),
    }.get(outcome, _("This conversation no longer exists."))


async def for_resident(
    session: AsyncSession, clock: Clock, settings: Settings, translator: Translator | None,
    text: str, *, tag: str, chat_id: int,
) -> RelayText:  # fmt: skip
    """The reply, translated into the resident's language when it would be passed on now."""
    conversation = await relay.ready(
        session, clock, tag=tag, chat_id=chat_id, staff_chat_id=settings.staff_chat_id
    )
    if conversation is None or translator is None:
        return RelayText(text)
    reader = content_language(texts.resident_language(conversation, settings.default_language))
    await session.commit()  # no transaction open while the provider answers
    return await for_reader(translator, text, writer=settings.default_language, reader=reader)


async def team_reply(
    message: Message, tag: str, session: AsyncSession, clock: Clock, settings: Settings,
    i18n: I18n, translator: Translator | None = None,
) -> None:  # fmt: skip
    """A team member answers the resident (text only), or ends with /end."""
    text = (message.text or "").strip()
    default, command = settings.default_language, (text.split() or [""])[0]
    with i18n.use_locale(default):
        if command.split("@")[0] == "/end":  # "/end", "/end@bot", "/end thanks!"
            outcome = await ending.end(
                session, clock, tag=tag, chat_id=message.chat.id,
                staff_chat_id=settings.staff_chat_id, notice=texts.ended_by_org(i18n, default),
            )  # fmt: skip
            ok = _("The conversation with #{tag} has ended.").format(tag=tag)
        elif not text or utf16_len(text) > TEXT_MAX:
            reply = ngettext(
                "Only text up to {limit} character can be passed on.",
                "Only text up to {limit} characters can be passed on.",
                TEXT_MAX,
            )
            await message.reply(reply.format(limit=TEXT_MAX))
            return
        else:
            relayed = await for_resident(
                session, clock, settings, translator, text, tag=tag, chat_id=message.chat.id
            )
            outcome = await relay.to_resident(
                session, clock, tag=tag, chat_id=message.chat.id,
                staff_chat_id=settings.staff_chat_id,
                render=texts.to_resident(i18n, default, relayed),
            )  # fmt: skip
            ok = _("Passed on to #{tag}.").format(tag=tag)
        await message.reply(ok if outcome == RelayOutcome.SENT else _refusal(outcome))


async def register_org(
    message: Message, bot: Bot, session: AsyncSession, clock: Clock, settings: Settings,
    i18n: I18n,
) -> None:  # fmt: skip
    """A group admin asks to make this group an organisation's inbox; staff decide."""
    sender = message.from_user
    if message.chat.id == settings.staff_chat_id or sender is None:
        return
    admin = sent_as_the_group(message)
    if not admin:
        admin = (await bot.get_chat_member(message.chat.id, sender.id)).status in ADMINS
    if not admin:
        await message.reply(_("Only an admin of this group can register it."))
        return
    if settings.staff_chat_id is None:
        await message.reply(_("Registration is not possible right now. Please try again later."))
        return
    await orgs.request_inbox(session, clock, message.chat.id)
    await message.reply(_("Thank you! City staff will check the registration soon."))
    title = html.escape(message.chat.title or str(message.chat.id))
    with i18n.use_locale(settings.default_language):
        card = _(
            "The group <b>{title}</b> wants to receive volunteering interest for an "
            "organisation. Which one?"
        ).format(title=title)
        builder = InlineKeyboardBuilder()
        for org in (await orgs.active(session))[:ORGS_SHOWN]:
            builder.button(
                text=org.name, callback_data=VolunteerInboxCb(chat=message.chat.id, org=org.id)
            )
        builder.button(
            text="✖️ " + _("Decline"), callback_data=VolunteerInboxCb(chat=message.chat.id, org=0)
        )
        builder.adjust(1)
    await bot.send_message(settings.staff_chat_id, card, reply_markup=builder.as_markup())


async def not_editor(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Someone in the staff chat without the editor role pressed: nothing changes."""
    callback_answer.text = _("Only editors can do this.")
    callback_answer.show_alert = True


async def decide_inbox(
    callback: CallbackQuery, callback_data: VolunteerInboxCb, callback_answer: CallbackAnswer,
    session: AsyncSession, clock: Clock, settings: Settings, i18n: I18n,
) -> None:  # fmt: skip
    """An editor picked the organisation (or declined); the group is told."""
    with i18n.use_locale(settings.default_language):
        accepted = _("This group now receives volunteering interest for {name}.")
        declined = _("The city could not connect this group to an organisation.")
    try:
        org = await orgs.connect_inbox(
            session, clock, callback_data.org, callback_data.chat, actor=callback.from_user.id,
            accepted=accepted, declined=declined,
        )  # fmt: skip
    except orgs.OrgError:  # decided already, or a forged button: nothing changes
        callback_answer.text = _("This button is no longer valid.")
        return
    if not isinstance(callback.message, Message):
        return
    verdict = _("Connected to {name}").format(name=html.escape(org.name)) if org else _("Declined")
    await callback.message.edit_text(
        (callback.message.html_text or "") + "\n\n" + verdict, reply_markup=None
    )
