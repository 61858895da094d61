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
from bot.services.translation.drafts import NOTE_ROOM, Filled, fill_missing
from bot.services.translation.engine import Translator
from db.models import InfoPage
from db.repositories import info_pages as repo

FALLBACK = "de"
# The privacy text is rendered from the code with the retention from the settings
# (bot.presentation.privacy); Information → Privacy shows it under this slug, never a stored page.
PRIVACY_SLUG = "privacy"
# Ehrenamtskarte NRW and the city's contacts (seeded by 0033), linked from the 🤝 menu.
VOLUNTEERING_SLUG = "volunteering-recognition"
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
    machine: bool = False  # machine translation made this version (its readers see a note)


@dataclass(frozen=True)
class Version:
    """One language version to store: `machine` when machine translation made it unchanged."""

    title: str
    body: str
    machine: bool = False


def _pick(versions: list[InfoPage], interface_language: str) -> PageView | None:
    language = content_language(interface_language)
    by_language = {page.language: page for page in versions}
    page = by_language.get(language) or by_language.get(FALLBACK)
    if page is None:
        return None
    fallback = page.language != language
    return PageView(page.slug, page.title, page.body, fallback, page.machine and not fallback)


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


def check_page(slug: str, language: str, body: str, title: str | None) -> None:
    """Raise ValueError (InvalidHtml for the HTML) unless this version may be stored.

    The CLI and the dashboard's preview and save all ask this, so they accept the same texts.
    """
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; expected one of {', '.join(LANGUAGES)}")
    if not SLUG.fullmatch(slug):
        raise ValueError("the slug must be 1-40 lowercase letters, digits or dashes")
    if slug == PRIVACY_SLUG:
        raise ValueError(
            "the privacy page is generated from the code and the retention settings; "
            "change its text in locales/ (bot/presentation/privacy.py)"
        )
    html.validate(body.strip(), max_length=BODY_MAX)
    if title is not None:
        html.validate(title.strip(), max_length=TITLE_MAX)


async def all_versions(session: AsyncSession) -> dict[str, dict[str, InfoPage]]:
    """Every stored page (privacy aside: the code writes it) by slug, in menu order, by language."""
    grouped: dict[str, dict[str, InfoPage]] = {}
    for page in await repo.all_pages(session):
        if page.slug != PRIVACY_SLUG:
            grouped.setdefault(page.slug, {})[page.language] = page
    return grouped


async def set_page(
    session: AsyncSession, clock: Clock, slug: str, language: str, body: str, title: str | None,
    *, actor: int, machine: bool = False,
) -> InfoPage:  # fmt: skip
    """Create or replace one language version of a page after validating its HTML (audited);
    `machine`: machine translation made it."""
    page = await _put(session, clock, slug, language, body, title, actor=actor, machine=machine)
    await session.commit()
    return page


async def set_versions(
    session: AsyncSession, clock: Clock, slug: str, versions: dict[str, Version], *, actor: int
) -> None:
    """Several language versions of a page in one transaction (each checked first, each
    audited): the German text and the drafts staff reviewed on the dashboard."""
    for language, version in versions.items():
        check_page(slug, language, version.body, version.title)
    for language, version in versions.items():
        await _put(session, clock, slug, language, version.body, version.title, actor=actor,
                   machine=version.machine)  # fmt: skip
    await session.commit()


async def _put(
    session: AsyncSession, clock: Clock, slug: str, language: str, body: str, title: str | None,
    *, actor: int, machine: bool,
) -> InfoPage:  # fmt: skip
    """One version written and audited, not committed."""
    check_page(slug, language, body, title)
    page = await repo.find(session, slug, language)
    if title is None and page is None:
        raise ValueError("a new page needs --title")
    if page is None:
        siblings = await repo.versions_of(session, slug)
        position = siblings[0].position if siblings else 1000
        page = InfoPage(slug=slug, language=language, position=position, title="", body="")
        session.add(page)
        await session.flush()  # the next version of a new page finds its position
    before = {"title": page.title, "body": page.body} if page.body else None
    page.machine = machine
    page.body = body.strip()
    page.title = title.strip() if title is not None else page.title
    page.updated_at = clock.now()
    audit.record(
        session, actor=actor, action=AuditAction.INFO_EDIT, target=f"info:{slug}:{language}",
        at=page.updated_at, before=before,
        after={"title": page.title, "body": page.body, "machine": machine},
    )  # fmt: skip
    return page


def _fits(texts: list[str]) -> bool:
    """Whether a translated title and body are valid Telegram HTML within the limits."""
    try:
        html.validate(texts[0], max_length=TITLE_MAX)
        html.validate(texts[1], max_length=BODY_MAX - NOTE_ROOM)
    except html.InvalidHtml:
        return False
    return bool(texts[0].strip() and texts[1].strip())


async def draft_translations(
    session: AsyncSession, translator: Translator, slug: str, title: str, body: str
) -> Filled:
    """The German title and body machine-translated into every language of the page without a
    version staff wrote (an older machine-made one is translated anew); nothing stored, for
    staff to review first (the dashboard) or to store at once (`translate_page`). Commits."""
    written = {page.language for page in await repo.versions_of(session, slug) if not page.machine}
    texts = [title.strip(), body.strip()]
    return await fill_missing(session, translator, texts, written, html=True, fits=_fits)


async def translate_page(
    session: AsyncSession, clock: Clock, translator: Translator, slug: str, *, actor: int
) -> Filled:
    """Every language of a page without a version staff wrote, machine-translated from the
    German and stored as machine-made (each version audited); an older machine-made version is
    translated anew. ValueError when the page has no German version."""
    german = await repo.find(session, slug, FALLBACK)
    if german is None:
        raise ValueError(f"page {slug!r} has no German version to translate from")
    filled = await draft_translations(session, translator, slug, german.title, german.body)
    for language, (title, body) in filled.versions.items():
        await set_page(session, clock, slug, language, body, title, actor=actor, machine=True)
    return filled
