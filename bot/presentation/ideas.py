"""The idea as staff see it: its card (text and moderation buttons), its post in the staff chat,
what an erasure shows there; and the author's notices about a decision or a hidden idea."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.i18n import language_here
from bot.keyboards import ideas as keyboards
from bot.keyboards.ideas import moderation_keyboard, place_label, status_label
from bot.keyboards.profile import topic_label
from bot.presentation.idea_translation import with_translation
from bot.services.bidi import isolate
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.card_translation import CardRenderer, CardTranslation, StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.ideas.moderation import OTHER_REASON, Change, Decision
from bot.services.ideas.notices import StaffCall
from db.models import Idea


def card_text(idea: Idea, author_key: bytes) -> str:
    """Reference, facts, pseudonymous author, status, escaped text, and who changed it last
    (the "Last change" lines kept with the idea: bot.presentation.idea_decisions)."""
    tag = ideas.author_tag(idea, author_key) or _("anonymous (data deleted)")
    language = language_here(idea.language) if idea.language else _("not recognised")
    status = status_label(idea.status)
    if idea.hidden:
        status += " · " + _("hidden after reports, please review")
    lines = [
        _("💡 <b>Idea {reference}</b>").format(reference=idea.reference),
        _("Topic: {topic}").format(topic=escape(topic_label(idea.topic))),
        _("Place: {place}").format(place=escape(place_label(idea.district))),
        _("Language: {language}").format(language=escape(language)),
        _("Author: {tag}").format(tag=escape(tag)),
        _("Status: {status}").format(status=escape(status)),
    ]
    if photos := ideas.photos_of(idea):
        lines.append(
            _("Photos: {count} (separate messages marked {reference})").format(
                count=len(photos), reference=idea.reference
            )
        )
    if idea.staff_note:
        lines.append(idea.staff_note)
    lines += ["", f"<blockquote>{escape(idea.text)}</blockquote>"]
    return "\n".join(lines)


def card_params(
    idea: Idea, author_key: bytes, shown: CardTranslation | None = None
) -> dict[str, Any]:
    """The card's text (with its translation) and moderation buttons, as Bot API parameters."""
    card: dict[str, Any] = {
        "text": with_translation(card_text(idea, author_key), shown or CardTranslation())
    }
    if markup := moderation_keyboard(idea):
        card["reply_markup"] = markup.model_dump(mode="json", exclude_none=True)
    return card


def staff_calls(
    idea: Idea, thread: int | None, author_key: bytes, awaiting: bool = False
) -> list[StaffCall]:
    """Photos (captioned with the reference), the place pin, then the card with its buttons."""
    where: dict[str, Any] = {"message_thread_id": thread} if thread else {}
    calls: list[StaffCall] = []
    photos = ideas.photos_of(idea)
    for number, file in enumerate(photos, start=1):
        caption = f"📷 {idea.reference} · {number}/{len(photos)}"
        if file.startswith("doc:"):
            calls.append(("sendDocument", {"document": file[4:], "caption": caption} | where))
        else:
            calls.append(("sendPhoto", {"photo": file, "caption": caption} | where))
    if idea.latitude is not None and idea.longitude is not None:
        venue = {
            "latitude": idea.latitude, "longitude": idea.longitude,
            "title": f"📍 {idea.reference}", "address": place_label(idea.district),
        }  # fmt: skip
        calls.append(("sendVenue", venue | where))
    shown = CardTranslation(awaiting=awaiting)
    calls.append(("sendMessage", card_params(idea, author_key, shown) | where))
    return calls


def translated_card(i18n: I18n, settings: Settings) -> CardRenderer:
    """The card with what it shows of its translation, in the staff chat's language: for the
    translation tick, a dashboard decision's queued edit, an erasure that keeps the idea."""

    def render(idea: Idea, shown: CardTranslation) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(settings.default_language):
            return card_params(idea, settings.author_key, shown)

    return render


def staff_chat_texts(i18n: I18n, settings: Settings) -> StaffChatTexts:
    """What erasing someone's data shows in the staff chat, in the staff chat's language."""
    language = settings.default_language

    def removed(reference: str) -> str:
        with i18n.context(), i18n.use_locale(language):
            text = _("💡 Idea {reference} was deleted together with its author's data.")
            return text.format(reference=reference)

    card = StaffCard(translated_card(i18n, settings), settings.translate_provider, language)
    return StaffChatTexts(removed, card)


def notice_head(idea: Idea, change: Change) -> str:
    """The first line of the author's notice: what happened to the idea."""
    ref, decision = idea.reference, change.decision
    if change.released:
        return _("✅ Your idea {reference} has been checked and can be seen again.").format(
            reference=ref
        )
    if decision.action == "review":
        return _("🔎 Your idea {reference} is now being reviewed by the city team.").format(
            reference=ref
        )
    if decision.action == "publish":
        return _(
            "🎉 Your idea {reference} has been published. Everyone can now see and support it."
        ).format(reference=ref)
    if decision.action == "decline" and decision.reason == OTHER_REASON:
        # the comment is the reason: the author reads it, not the bare words "Other reason"
        return _(
            "Your idea {reference} was not published. The city team explains: {comment}"
        ).format(reference=ref, comment=isolate(escape((decision.comment or "").strip())))
    if decision.action == "decline":
        reason = escape(keyboards.reason_label(decision.reason or "other"))
        return _("Your idea {reference} was not published. Reason: {reason}").format(
            reference=ref, reason=reason
        )
    if decision.action == "forward":
        department = escape(decision.department or "")
        return _("📨 Your idea {reference} has been forwarded to: {department}").format(
            reference=ref, department=isolate(department)
        )
    if decision.action == "implement":
        return _("🏁 Your idea {reference} has been implemented. Thank you!").format(reference=ref)
    return _("Your idea {reference} will not be pursued further.").format(reference=ref)


def author_notice(idea: Idea, change: Change, language: str) -> str:
    """The author's message about a status change with staff's comment, in their language."""
    with get_i18n().use_locale(language):
        text = notice_head(idea, change)
        if (comment := (change.decision.comment or "").strip()) and not explained(change.decision):
            text += "\n" + _("Comment from the city team: {comment}").format(
                comment=isolate(escape(comment))
            )
        return text


def explained(decision: Decision) -> bool:
    """A decline for another reason: its comment is already the notice's explanation."""
    return decision.action == "decline" and decision.reason == OTHER_REASON


def hidden_notice(idea: Idea, language: str) -> str:
    """The author's message when reports hid the idea, in their language."""
    with get_i18n().use_locale(language):
        return _(
            "Your idea {reference} is hidden for now because several people reported it. "
            "Our team will check it, and you will hear from us."
        ).format(reference=idea.reference)
