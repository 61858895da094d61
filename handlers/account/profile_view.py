"""The profile as the resident sees it under Settings."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards import profile as keyboards
from bot.keyboards.profile import age_group_label, district_label, topic_list
from bot.services.users import UserService

if TYPE_CHECKING:
    from db.models import User


async def profile_text(users: UserService, user: User) -> str:
    """District, age group and topics, or an explanation when there is no profile."""
    if user.profile_consent_at is None:
        return _(
            "<b>Your profile</b>\nYou have no profile. It is optional: with it, "
            "we send you only what matters to you."
        )
    not_set = _("not set")
    topics = await users.topics(user)
    lines = (
        _("<b>Your profile</b>"),
        _("District: {district}").format(
            district=escape(district_label(user.district)) if user.district else not_set
        ),
        _("Age group: {age_group}").format(
            age_group=escape(age_group_label(user.age_group)) if user.age_group else not_set
        ),
        _("Topics: {topics}").format(topics=escape(topic_list(topics)) if topics else not_set),
    )
    return "\n".join(lines)


def profile_view_keyboard(user: User) -> InlineKeyboardMarkup:
    """Edit buttons when a profile exists, else a set-up button."""
    return keyboards.profile_view_keyboard(user.profile_consent_at is not None)
