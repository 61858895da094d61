"""Every command the bot offers: who may use it, where, and how it is described.

The one source for /help and for Telegram's command menus, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from aiogram.utils.i18n import lazy_gettext as __
from babel.support import LazyProxy

from db.models import StaffRole


class Place(StrEnum):
    """Where a command works."""

    PRIVATE = "private"
    STAFF_CHAT = "staff_chat"
    GROUP = "group"  # other groups: youth groups that get city polls


@dataclass(frozen=True)
class CommandEntry:
    """One command; `role` None: everyone, else that staff role (admins may use everything)."""

    command: str
    role: StaffRole | Literal["staff"] | None  # "staff" (ANY_STAFF): every staff role
    description: LazyProxy
    places: frozenset[Place] = frozenset({Place.PRIVATE})


ANY_STAFF: Literal["staff"] = "staff"  # a command for every staff role
_BOTH = frozenset({Place.PRIVATE, Place.STAFF_CHAT})
_AND_GROUPS = frozenset({Place.PRIVATE, Place.GROUP})

COMMANDS: tuple[CommandEntry, ...] = (
    CommandEntry("menu", None, __("Main menu")),
    CommandEntry("language", None, __("Change the language"), _AND_GROUPS),
    CommandEntry("settings", None, __("Language, profile, announcements, privacy")),
    CommandEntry("privacy", None, __("What we store and how to delete it")),
    CommandEntry("mydata", None, __("See all data stored about you")),
    CommandEntry("delete", None, __("Delete all your data")),
    CommandEntry("stop", None, __("No more announcements")),
    CommandEntry("cancel", None, __("Cancel the current step"), _BOTH),
    CommandEntry("help", None, __("Help"), _AND_GROUPS),
    CommandEntry(
        "register", None, __("Register this group for city polls"), frozenset({Place.GROUP})
    ),
    CommandEntry("start", None, __("Start again")),
    CommandEntry("announce", StaffRole.EDITOR, __("Send an announcement")),
    CommandEntry("campaigns", StaffRole.EDITOR, __("Announcement campaigns")),
    CommandEntry("newpoll", StaffRole.EDITOR, __("Create a poll")),
    CommandEntry("results", StaffRole.EDITOR, __("Poll results")),
    CommandEntry("newmeeting", StaffRole.EDITOR, __("Create a meeting")),
    CommandEntry("meetings", StaffRole.EDITOR, __("Manage meetings")),
    CommandEntry("budget", StaffRole.EDITOR, __("Participatory budget: phases and review"), _BOTH),
    CommandEntry("staff", StaffRole.ADMIN, __("Manage staff")),
    CommandEntry("dashboard", ANY_STAFF, __("Sign in to the web dashboard")),
)


def allowed(entry: CommandEntry, role: str | None) -> bool:
    """Whether someone with this role (None: a resident) may use the command."""
    if entry.role == ANY_STAFF:
        return role is not None
    return entry.role is None or role == StaffRole.ADMIN or entry.role == role


def commands_for(role: str | None, place: Place = Place.PRIVATE) -> list[CommandEntry]:
    """The commands someone with this role can use there, in menu order."""
    return [e for e in COMMANDS if place in e.places and allowed(e, role)]
