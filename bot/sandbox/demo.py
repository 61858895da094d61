"""Sandbox demo set-up: a staff member, a staff chat, a youth group, a volunteering
organisation's group, and demo content in the database.

Only `stadtstimme run` without a token (the sandbox, on its own SQLite file) calls this; the
production database never gets demo content.

Seeding hook: DEMO_SEEDERS lists one coroutine per feature. Each gets a DemoContext, creates its
demo items through the feature's services (so the rules hold), starts their texts with DEMO_LABEL,
and does nothing when its own demo items exist already — so it runs on the first start only, and
a seeder added later still fills an older sandbox database.
"""

from __future__ import annotations

import logging

from bot.config import Settings
from bot.sandbox.demo_base import (
    DEMO_STAFF,
    DEMO_YOUTH,
    STAFF_CHAT_ID,
    STAFF_TITLE,
    YOUTH_GROUP,
    DemoContext,
    Seeder,
)
from bot.sandbox.demo_budget import seed_budget
from bot.sandbox.demo_ideas import seed_ideas
from bot.sandbox.demo_meetings import seed_meetings
from bot.sandbox.demo_polls import seed_polls
from bot.sandbox.demo_volunteering import seed_volunteering
from bot.sandbox.demo_volunteering_data import DEMO_TEAM, ORG_GROUP
from bot.sandbox.webchat_directory import Directory, GroupChat

log = logging.getLogger(__name__)

# Each returns how many demo items it created; 0 when they are there already.
DEMO_SEEDERS: tuple[tuple[str, Seeder], ...] = (
    ("published ideas", seed_ideas),
    ("upcoming meetings", seed_meetings),
    ("open poll", seed_polls),  # also registers the demo group as a youth group
    ("volunteering opportunities", seed_volunteering),  # and the organisation's own group
    ("participatory budget", seed_budget),  # a vote open in the web chat
)


def sandbox_settings(settings: Settings) -> Settings:
    """Staff set up out of the box: the demo staff member is an admin, the staff chat is set."""
    update: dict[str, object] = {"admin_ids": [*settings.admin_ids, DEMO_STAFF.id]}
    # Demo votes in the sandbox's own database use the fixed sandbox key, never real secrets.
    update |= {"bot_token": None, "poll_secret": None}
    if settings.staff_chat_id is None:
        update["staff_chat_id"] = STAFF_CHAT_ID
    if settings.translate_provider == "none" and settings.translate_url:
        # TRANSLATE_URL alone points the sandbox at a LibreTranslate server (issue 21)
        update["translate_provider"] = "libretranslate"
    return settings.model_copy(update=update)


def translation_line(settings: Settings) -> str:
    """What the sandbox says at start about machine translation: where texts go, or that
    nothing is translated (never a made-up translation shown as real)."""
    if settings.translate_provider == "libretranslate":
        return f"Machine translation: LibreTranslate at {settings.translate_url}."
    if settings.translate_provider == "deepl":
        return f"Machine translation: DeepL at {settings.deepl_api_url} (texts go to DeepL SE)."
    return (
        "Machine translation: not configured, so nothing is translated and no 🌐 button is\n"
        "offered. Set TRANSLATE_URL to a LibreTranslate server (e.g. http://127.0.0.1:5000)."
    )


def demo_chats(directory: Directory, settings: Settings) -> None:
    """Put the demo people, the staff chat and the demo group into the web chat."""
    for resident in (DEMO_STAFF, *DEMO_YOUTH, DEMO_TEAM):
        directory.ensure_resident(resident)
    if settings.staff_chat_id is not None:
        members = sorted({DEMO_STAFF.id, *settings.admin_ids})
        directory.add_group(GroupChat(settings.staff_chat_id, STAFF_TITLE, "staff", members))
    members = [r.id for r in DEMO_YOUTH]
    directory.add_group(GroupChat(YOUTH_GROUP.id, YOUTH_GROUP.title, "group", members))
    # The demo organisation's inbox: its team answers volunteering interest here.
    directory.add_group(GroupChat(ORG_GROUP.id, ORG_GROUP.title, "group", [DEMO_TEAM.id]))


async def seed_demo(context: DemoContext) -> dict[str, int]:
    """Run every seeder; one that fails is logged and the others still run."""
    created: dict[str, int] = {}
    for name, seeder in DEMO_SEEDERS:
        try:
            created[name] = await seeder(context)
        except Exception:
            log.exception("demo seeding failed: %s", name)
    return created


__all__ = [
    "DEMO_SEEDERS",
    "DEMO_STAFF",
    "DEMO_YOUTH",
    "STAFF_CHAT_ID",
    "YOUTH_GROUP",
    "DemoContext",
    "demo_chats",
    "sandbox_settings",
    "seed_demo",
]
