"""Information pages: per-language reading with German fallback, and staff replacement."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.services import audit, html
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.locale import content_language
from db.models import InfoPage
from db.repositories import info_pages as repo

FALLBACK = "de"
# The privacy text is rendered from the code with the retention from the settings
# (handlers.privacy.notices); Information → Privacy shows it under this slug, never a stored page.
PRIVACY_SLUG = "privacy"
# Slugs travel in callback data (64 bytes in all), hence short ASCII.
SLUG = re.compile(r"[a-z0-9-]{1,40}")
TITLE_MAX = 200
# Title, body and the fallback note must fit one 4096-character message together.
BODY_MAX = 3700


@dataclass(frozen=True)
class PageView:
    """A page as one reader sees it; `fallback` is True when shown in German instead."""

    slug: str
    title: str
    body: str
    fallback: bool


def _pick(versions: list[InfoPage], interface_language: str) -> PageView | None:
    language = content_language(interface_language)
    by_language = {page.language: page for page in versions}
    page = by_language.get(language) or by_language.get(FALLBACK)
    if page is None:
        return None
    return PageView(page.slug, page.title, page.body, fallback=page.language != language)


async def list_pages(session: AsyncSession, language: str) -> list[PageView]:
    """All stored pages in menu order, each in the reader's language or German (not privacy)."""
    grouped: dict[str, list[InfoPage]] = {}
    for page in await repo.all_pages(session):
        grouped.setdefault(page.slug, []).append(page)
    grouped.pop(PRIVACY_SLUG, None)  # an edited page from before 0022: replaced by the code's
    views = (_pick(versions, language) for versions in grouped.values())
    return [view for view in views if view is not None]


async def get_page(session: AsyncSession, slug: str, language: str) -> PageView | None:
    """One page in the reader's language or German; None if it does not exist."""
    return _pick(await repo.versions_of(session, slug), language)


async def set_page(
    session: AsyncSession, clock: Clock, slug: str, language: str, body: str, title: str | None,
    *, actor: int,
) -> InfoPage:  # fmt: skip
    """Create or replace one language version of a page after validating its HTML (audited)."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    if not SLUG.fullmatch(slug):
        raise ValueError("the slug must be 1-40 lowercase letters, digits or dashes")
    if slug == PRIVACY_SLUG:
        raise ValueError(
            "the privacy page is generated from the code and the retention settings; "
            "change its text in locales/ (handlers/privacy/notices.py)"
        )
    html.validate(body.strip(), max_length=BODY_MAX)
    page = await repo.find(session, slug, language)
    if title is not None:
        html.validate(title.strip(), max_length=TITLE_MAX)
    elif page is None:
        raise ValueError("a new page needs --title")
    if page is None:
        siblings = await repo.versions_of(session, slug)
        position = siblings[0].position if siblings else 1000
        page = InfoPage(slug=slug, language=language, position=position, title="", body="")
        session.add(page)
    before = {"title": page.title, "body": page.body} if page.body else None
    page.body = body.strip()
    page.title = title.strip() if title is not None else page.title
    page.updated_at = clock.now()
    audit.record(
        session, actor=actor, action=AuditAction.INFO_EDIT, target=f"info:{slug}:{language}",
        at=page.updated_at, before=before, after={"title": page.title, "body": page.body},
    )  # fmt: skip
    await session.commit()
    return page
