"""Keyboards and labels of /staff (admins managing staff roles)."""

from __future__ import annotations

from collections.abc import Sequence

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb, StaffCb
from bot.keyboards.common import back
from bot.services.staff import ROLES
from db.models import StaffMember, StaffRole


def role_label(role: str) -> str:
    """A role's name in the current language."""
    labels: dict[str, str] = {
        StaffRole.ADMIN: _("Admin"),
        StaffRole.EDITOR: _("Editor"),
        StaffRole.MODERATOR: _("Moderator"),
    }
    return labels.get(role, role)


def list_keyboard(members: Sequence[StaffMember]) -> InlineKeyboardMarkup:
    """One button per stored member, Add, and the main menu."""
    builder = InlineKeyboardBuilder()
    for member in members:
        label = f"{member.telegram_id} · {role_label(member.role)}"
        builder.button(text=label, callback_data=StaffCb(action="member", id=member.telegram_id))
    builder.button(text="➕ " + _("Add a staff member"), callback_data=StaffCb(action="add"))
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(1)
    return builder.as_markup()


def roles_keyboard(telegram_id: int, current: str | None) -> InlineKeyboardMarkup:
    """The three roles (the current one marked), Remove for members, Back to the list."""
    builder = InlineKeyboardBuilder()
    for role in ROLES:
        mark = "✅ " if role == current else ""
        builder.button(
            text=mark + role_label(role),
            callback_data=StaffCb(action="role", id=telegram_id, role=role),
        )
    if current is not None:
        builder.button(  # full row
            text="🗑 " + _("Remove from staff"),
            callback_data=StaffCb(action="remove", id=telegram_id),
        )
    builder.button(text=back(_("Back")), callback_data=StaffCb(action="list"))  # full row
    builder.adjust(3, 1)
    return builder.as_markup()


def confirm_keyboard(telegram_id: int) -> InlineKeyboardMarkup:
    """Yes, remove · No."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, remove"), callback_data=StaffCb(action="sure", id=telegram_id))
    builder.button(text=_("No"), callback_data=StaffCb(action="member", id=telegram_id))
    builder.adjust(2)
    return builder.as_markup()
