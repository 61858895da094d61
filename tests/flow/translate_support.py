"""Helpers for "staff write once" tests: a harness with the LibreTranslate fake, the note a
reader sees below a machine-made version, audit entries."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import select

from bot.sandbox.server import FakeBotAPI
from db.models import StaffAudit
from tests.flow.conftest import checked
from tests.flow.harness import Harness
from tests.translation_fakes import FakeProvider, libretranslate_app, serving

TRANSLATE = "🌐 Translate other languages"


@asynccontextmanager
async def translating(
    fake_api: tuple[FakeBotAPI, str], database_url: str, **settings: Any
) -> AsyncIterator[tuple[Harness, FakeProvider]]:
    """A checked harness whose provider is the LibreTranslate fake (started here)."""
    fake = FakeProvider()
    async with (
        serving(libretranslate_app(fake), fake),
        checked(
            *fake_api, database_url, translate_provider="libretranslate", translate_url=fake.url,
            **settings,
        ) as h,
    ):  # fmt: skip
        yield h, fake


def note(h: Harness, language: str) -> str:
    """The machine-translated note in a reader's language (as Telegram shows it: no tags)."""
    return "🌐 " + h.t("Machine-translated from German.", language)


def translated_requests(fake: FakeProvider) -> list[tuple[str, str]]:
    """(source, target) of every translation the fake was asked for."""
    return [(r["source"], r["target"]) for r in fake.requests if r["path"] == "/translate"]


async def audit_after(h: Harness, action: str) -> list[dict[str, Any]]:
    """The `after` of every audit entry of an action, oldest first."""
    async with h.runtime.session_factory() as session:
        rows = await session.execute(
            select(StaffAudit.after).where(StaffAudit.action == action).order_by(StaffAudit.id)
        )
        return [json.loads(after or "{}") for after in rows.scalars()]
