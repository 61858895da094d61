"""/staff for admins: see staff, add a person with a role, change or remove a role.

    /staff --> list --a member--> roles --a role--> list (changed)
                                       --Remove--> confirm --Yes--> list (removed)
                                                           --No--> roles
               --Add--> asking id --a number--> roles --a role--> list (added)
                                  --/cancel--> menu

The admin role is re-checked on the server at every command, press and answer; the
private-chat filter of the router keeps it out of groups. Every change is in the audit log.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.filters import HasRole
from bot.keyboards import staff as keyboards
from bot.keyboards.callbacks import StaffCb
from bot.keyboards.common import main_menu_keyboard
from bot.presentation.dates import when
from bot.services.staff import MAX_TELEGRAM_ID, ROLES, StaffError, StaffService
from bot.services.vocabulary import StaffRole
from bot.staff_menus import refresh_menu
from handlers.common import show

ADMIN = HasRole(StaffRole.ADMIN)


class StaffFlow(StatesGroup):
    """Adding a staff member: waiting for the Telegram id."""

    telegram_id = State()


async def staff_list(staff: StaffService, settings: Settings) -> tuple[str, InlineKeyboardMarkup]:
    """Admins from the settings, stored members with role and date, and the buttons."""
    members = await staff.members()
    lines = [_("<b>Staff</b>")]
    if settings.admin_ids:
        ids = ", ".join(str(i) for i in settings.admin_ids)
        lines.append(_("Admins from the server settings: {ids}").format(ids=ids))
    for member in members:
        line = _("{id}: {role}, since {date}").format(
            id=member.telegram_id,
            role=keyboards.role_label(member.role),
            date=when(member.added_at, settings.zone),
        )
        lines.append("• " + line)
    if not members:
        lines.append(_("No other staff members yet."))
    return "\n".join(lines), keyboards.list_keyboard(members)


def problem_text(error: StaffError) -> str:
    """Why a change was refused, in the admin's language."""
    if error.code == "self":
        return _("You can't change your own role.")
    if error.code == "fixed":
        return _("This person is an admin through the server settings; change it there.")
    return _("That is not a Telegram id.")


async def staff_command(
    message: Message, state: FSMContext, staff: StaffService, settings: Settings
) -> None:
    """Show the staff list."""
    await state.set_state(None)
    text, markup = await staff_list(staff, settings)
    await message.answer(text, reply_markup=markup)


async def not_admin_command(message: Message) -> None:
    """Anyone else: say who this is for; nothing else happens."""
    await message.answer(_("Only admins can manage staff."), reply_markup=main_menu_keyboard())


async def not_admin_press(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """A press by someone who is not (or no longer) an admin: nothing changes."""
    callback_answer.text = _("Only admins can manage staff.")
    callback_answer.show_alert = True


async def back_to_list(
    callback: CallbackQuery, state: FSMContext, staff: StaffService, settings: Settings
) -> None:
    """The list again."""
    await state.set_state(None)
    await show(callback, *await staff_list(staff, settings))


async def show_member(callback: CallbackQuery, staff: StaffService, telegram_id: int) -> None:
    """One person's role and the role buttons."""
    role = await staff.role_of(telegram_id)
    if role is None:
        text = _("Which role should {id} get?").format(id=telegram_id)
    else:
        text = _("{id} is {role}. Choose a new role or remove them from staff.").format(
            id=telegram_id, role=keyboards.role_label(role)
        )
    legend = _("Admin: everything, including staff. Editor: announcements and content. "
               "Moderator: ideas.")  # fmt: skip
    await show(callback, text + "\n\n" + legend, keyboards.roles_keyboard(telegram_id, role))


async def member(callback: CallbackQuery, callback_data: StaffCb, staff: StaffService) -> None:
    """One member's page."""
    await show_member(callback, staff, callback_data.id)


async def add(callback: CallbackQuery, state: FSMContext) -> None:
    """Ask for the new member's Telegram id."""
    await state.set_state(StaffFlow.telegram_id)
    text = _("Send me the Telegram id of the new staff member (a number like 123456789). "
             "/cancel stops.")  # fmt: skip
    await show(callback, text)


async def telegram_id(message: Message, state: FSMContext, staff: StaffService) -> None:
    """A number: offer the roles; anything else: ask again."""
    text = (message.text or "").strip()
    if not text.isascii() or not text.isdigit() or not 0 < int(text) < MAX_TELEGRAM_ID:
        await message.answer(_("That is not a Telegram id. Please send a number, or /cancel."))
        return
    await state.set_state(None)
    new_id = int(text)
    role = await staff.role_of(new_id)
    answer = _("Which role should {id} get?").format(id=new_id)
    await message.answer(answer, reply_markup=keyboards.roles_keyboard(new_id, role))


async def no_longer_admin(message: Message, state: FSMContext) -> None:
    """The role was taken away while adding someone: stop."""
    await state.clear()
    await message.answer(_("Only admins can manage staff."), reply_markup=main_menu_keyboard())


async def set_role(
    callback: CallbackQuery,
    callback_data: StaffCb,
    staff: StaffService,
    settings: Settings,
    callback_answer: CallbackAnswer,
    i18n: I18n,
) -> None:
    """Give the role (logged), update their command menu, then back to the list."""
    try:
        await staff.set_role(callback_data.id, callback_data.role, actor=callback.from_user.id)
    except StaffError as error:
        callback_answer.text = problem_text(error)
        callback_answer.show_alert = True
        return
    await refresh_menu(callback.bot, i18n, staff, callback_data.id, settings.default_language)  # type: ignore[arg-type]
    callback_answer.text = _("{id} is now {role}.").format(
        id=callback_data.id, role=keyboards.role_label(callback_data.role)
    )
    await show(callback, *await staff_list(staff, settings))


async def ask_remove(callback: CallbackQuery, callback_data: StaffCb) -> None:
    """Ask once more."""
    text = _("Remove {id} from staff?").format(id=callback_data.id)
    await show(callback, text, keyboards.confirm_keyboard(callback_data.id))


async def remove(
    callback: CallbackQuery,
    callback_data: StaffCb,
    staff: StaffService,
    settings: Settings,
    callback_answer: CallbackAnswer,
    i18n: I18n,
) -> None:
    """Take the role away (logged), reset their command menu, then back to the list."""
    try:
        removed = await staff.remove(callback_data.id, actor=callback.from_user.id)
    except StaffError as error:
        callback_answer.text = problem_text(error)
        callback_answer.show_alert = True
        return
    await refresh_menu(callback.bot, i18n, staff, callback_data.id, settings.default_language)  # type: ignore[arg-type]
    if removed:
        callback_answer.text = _("{id} is no longer staff.").format(id=callback_data.id)
    await show(callback, *await staff_list(staff, settings))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(staff_command, Command("staff"), ADMIN)
    router.message.register(not_admin_command, Command("staff"))
    router.callback_query.register(not_admin_press, StaffCb.filter(), ~ADMIN)
    router.callback_query.register(back_to_list, StaffCb.filter(F.action == "list"))
    router.callback_query.register(member, StaffCb.filter(F.action == "member"))
    router.callback_query.register(add, StaffCb.filter(F.action == "add"))
    router.message.register(telegram_id, StateFilter(StaffFlow.telegram_id), ADMIN)
    router.message.register(no_longer_admin, StateFilter(StaffFlow.telegram_id))
    router.callback_query.register(
        set_role, StaffCb.filter((F.action == "role") & F.role.in_(ROLES))
    )
    router.callback_query.register(ask_remove, StaffCb.filter(F.action == "remove"))
    router.callback_query.register(remove, StaffCb.filter(F.action == "sure"))
    return router
