"""Staff members' own command menus: set at start-up, after a role change and a language change."""

from __future__ import annotations

from aiogram import Bot
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import publish_commands, publish_personal_menu
from bot.runtime import Runtime
from bot.services.clock import SystemClock
from bot.services.locale import resolve_language
from bot.services.staff import StaffService
from db.models import StaffRole
from db.repositories import users


async def _language(session: AsyncSession, telegram_id: int, default: str) -> str:
    user = await users.get_by_telegram_id(session, telegram_id)
    return resolve_language(user.language, user.telegram_language, default) if user else default


async def refresh_menu(
    bot: Bot, i18n: I18n, staff: StaffService, telegram_id: int, default_language: str
) -> None:
    """The person's menu for the role they have now (none: the residents' commands)."""
    role = await staff.role_of(telegram_id)
    language = await _language(staff.session, telegram_id, default_language)
    await publish_personal_menu(bot, i18n, telegram_id, role, language)


async def publish_staff_menus(
    bot: Bot, i18n: I18n, session: AsyncSession, admin_ids: list[int], default_language: str
) -> None:
    """Every staff member's and admin's menu, at start-up."""
    members = await StaffService(session, admin_ids, SystemClock()).members()
    roles = {member.telegram_id: member.role for member in members}
    roles.update(dict.fromkeys(admin_ids, StaffRole.ADMIN))
    for telegram_id, role in roles.items():
        language = await _language(session, telegram_id, default_language)
        await publish_personal_menu(bot, i18n, telegram_id, role, language)


async def publish_all_menus(bot: Bot, runtime: Runtime) -> None:
    """Residents' menus per language, the staff chat's, and every staff member's (start-up)."""
    settings = runtime.settings
    await publish_commands(bot, runtime.i18n, settings.default_language, settings.staff_chat_id)
    async with runtime.session_factory() as session:
        await publish_staff_menus(
            bot, runtime.i18n, session, settings.admin_ids, settings.default_language
        )
