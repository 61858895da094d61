"""Announcement campaigns: validate, create, queue recipients in bulk, follow, cancel."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import String, case, cast, func, literal, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.outbox import ANNOUNCEMENT, insert_ignoring_duplicates
from bot.services import audit, html
from bot.services.audience import Audience, recipients
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.translation.drafts import NOTE_ROOM
from db.models import Campaign, CampaignStatus, CampaignText, OutboxMessage, OutboxStatus

CAPTION_LIMIT = 1024
TEXT_LIMIT = 4096
# Not finished: staff may still cancel it.
OPEN = (CampaignStatus.SCHEDULED, CampaignStatus.SENDING)
# Progress counts failed or cancelled messages to people who blocked the bot on their own.
UNREACHABLE = "unreachable"


# Why a draft was refused (CampaignError.code).
CampaignErrorCode = Literal[
    "bad_date", "clock_change", "duplicate", "empty", "in_past", "invalid_html", "no_german",
    "too_long", "unknown_language"
]  # fmt: skip


class CampaignError(ValueError):
    """A draft that can't be sent; `code` lets each channel say why in its own words."""

    def __init__(self, code: CampaignErrorCode, message: str, **details: object) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class Draft:
    """What staff want to send: German text (required), other languages, audience, time."""

    texts: dict[str, str]
    audience: Audience
    send_at: datetime | None = None  # None: now
    photo: str | None = None  # Telegram file_id; texts are then captions
    paid: bool = False
    machine: frozenset[str] = frozenset()  # versions made by machine translation


@dataclass(frozen=True)
class Progress:
    """Counts of one campaign's messages; opted-out people are never queued, so never "lost"."""

    status: CampaignStatus
    total: int
    sent: int
    pending: int
    failed: int
    unreachable: int
    cancelled: int

    @property
    def done(self) -> int:
        """Messages that reached an end state."""
        return self.sent + self.failed + self.unreachable + self.cancelled


def text_limit(photo: bool, machine: bool) -> int:
    """UTF-16 units a version may have; a machine-made one keeps room for its note."""
    return (CAPTION_LIMIT if photo else TEXT_LIMIT) - (NOTE_ROOM if machine else 0)


def validate(draft: Draft, now: datetime) -> None:
    """Raise CampaignError unless every text is valid Telegram HTML within the limit."""
    if "de" not in draft.texts:
        raise CampaignError("no_german", "the German text is required")
    for language, text in draft.texts.items():
        if language not in LANGUAGES:
            raise CampaignError(
                "unknown_language", f"unknown language {language!r}", language=language
            )
        try:
            html.validate(
                text, max_length=text_limit(draft.photo is not None, language in draft.machine)
            )
        except html.InvalidHtml as error:
            raise CampaignError(
                "invalid_html", f"{language}: {error}", language=language, reason=str(error)
            ) from None
    if draft.send_at is not None and draft.send_at <= now:
        raise CampaignError("in_past", "the sending time is in the past")


async def create(
    session: AsyncSession,
    clock: Clock,
    draft: Draft,
    created_by: int,
    *,
    progress_chat_id: int | None = None,
    progress_language: str = "de",
    draft_key: str | None = None,
) -> Campaign:
    """Store a validated campaign (once per draft_key); it is queued by `queue_due` at its time."""
    now = clock.now()
    validate(draft, now)
    if draft_key is not None and (
        stored := await session.scalar(select(Campaign.id).where(Campaign.draft_key == draft_key))
    ):
        raise CampaignError("duplicate", "this draft was already sent", campaign=stored)
    campaign = Campaign(
        created_by=created_by, created_at=now, send_at=draft.send_at or now,
        status=CampaignStatus.SCHEDULED, audience=draft.audience.to_json(), photo=draft.photo,
        paid=draft.paid, progress_chat_id=progress_chat_id, progress_language=progress_language,
        draft_key=draft_key,
    )  # fmt: skip
    session.add(campaign)
    try:
        await session.flush()
    except IntegrityError:  # the same draft, pressed twice at the same moment
        await session.rollback()
        raise CampaignError("duplicate", "this draft was already sent") from None
    session.add_all(
        CampaignText(
            campaign_id=campaign.id,
            language=language,
            text=text.strip(),
            machine=language in draft.machine,
        )
        for language, text in draft.texts.items()
    )
    audit.record(
        session, actor=created_by, action=AuditAction.ANNOUNCEMENT_CREATE,
        target=f"campaign:{campaign.id}", at=now, after={
            "status": CampaignStatus.SCHEDULED, "send_at": campaign.send_at.isoformat(),
            "languages": sorted(draft.texts), "audience": draft.audience.to_json(),
            "paid": draft.paid, "photo": draft.photo is not None,
            "machine": sorted(draft.machine & set(draft.texts)),
        },
    )  # fmt: skip
    await session.commit()
    return campaign


async def queue_due(session: AsyncSession, clock: Clock, default_language: str) -> list[int]:
    """Queue every campaign whose time has come: one INSERT … SELECT per campaign."""
    now = clock.now()
    due = await session.execute(
        select(Campaign).where(Campaign.status == CampaignStatus.SCHEDULED, Campaign.send_at <= now)
    )
    queued = []
    for campaign in due.scalars().all():
        claimed = await session.execute(
            update(Campaign)
            .where(Campaign.id == campaign.id, Campaign.status == CampaignStatus.SCHEDULED)
            .values(status=CampaignStatus.SENDING)
        )
        if not getattr(claimed, "rowcount", 0):
            continue  # another process got there first
        people = recipients(Audience.from_json(campaign.audience), default_language).subquery()
        method = "sendPhoto" if campaign.photo else "sendMessage"
        key = literal(f"c{campaign.id}:") + cast(people.c.id, String)
        rows = select(
            people.c.telegram_id, people.c.id, literal(method), literal(campaign.id),
            people.c.language, literal(ANNOUNCEMENT.value), literal(now),
            literal(OutboxStatus.PENDING.value),
            literal(0), key, literal(now),
            # SQLite: without a WHERE, "ON CONFLICT" would parse as a join condition.
        ).where(true())  # fmt: skip
        columns = ["chat_id", "user_id", "method", "campaign_id", "language", "priority",
                   "not_before", "status", "attempts", "dedupe_key", "created_at"]  # fmt: skip
        await insert_ignoring_duplicates(session, columns, rows)
        campaign.total = await _count(session, campaign.id)
        queued.append(campaign.id)
    await session.commit()
    return queued


async def _count(session: AsyncSession, campaign_id: int) -> int:
    query = select(func.count()).where(OutboxMessage.campaign_id == campaign_id)
    return int((await session.execute(query)).scalar_one())


async def progress(session: AsyncSession, campaign_id: int) -> Progress | None:
    """Where a campaign stands."""
    campaign = await session.get(Campaign, campaign_id, populate_existing=True)
    if campaign is None:
        return None
    blocked = (OutboxMessage.error_code == 403) & OutboxMessage.status.in_(
        (OutboxStatus.FAILED, OutboxStatus.CANCELLED)
    )
    kind = case((blocked, UNREACHABLE), else_=OutboxMessage.status)
    rows = await session.execute(
        select(kind, func.count()).where(OutboxMessage.campaign_id == campaign_id).group_by(kind)
    )
    counts: dict[str, int] = {kind: number for kind, number in rows.all()}
    # Rows of people who deleted their data meanwhile are gone: they are not "missing".
    total = sum(counts.values()) if counts else campaign.total
    return Progress(
        status=campaign.status, total=total, sent=counts.get(OutboxStatus.SENT, 0),
        pending=counts.get(OutboxStatus.PENDING, 0) + counts.get(OutboxStatus.SENDING, 0),
        failed=counts.get(OutboxStatus.FAILED, 0), unreachable=counts.get(UNREACHABLE, 0),
        cancelled=counts.get(OutboxStatus.CANCELLED, 0),
    )  # fmt: skip


async def cancel(session: AsyncSession, clock: Clock, campaign_id: int, *, actor: int) -> bool:
    """Stop a scheduled or running campaign (logged for `actor`); sent messages stay sent."""
    before = await session.scalar(select(Campaign.status).where(Campaign.id == campaign_id))
    result = await session.execute(
        update(Campaign)
        .where(Campaign.id == campaign_id, Campaign.status.in_(OPEN))
        .values(status=CampaignStatus.CANCELLED, finished_at=clock.now())
    )
    await session.execute(
        update(OutboxMessage)
        .where(
            OutboxMessage.campaign_id == campaign_id, OutboxMessage.status == OutboxStatus.PENDING
        )
        .values(status=OutboxStatus.CANCELLED, last_error="campaign cancelled")
    )
    cancelled = bool(getattr(result, "rowcount", 0))
    if cancelled:
        audit.record(
            session, actor=actor, action=AuditAction.ANNOUNCEMENT_CANCEL,
            target=f"campaign:{campaign_id}", at=clock.now(), before={"status": before},
            after={"status": CampaignStatus.CANCELLED},
        )  # fmt: skip
    await session.commit()
    return cancelled


async def finish_completed(session: AsyncSession, clock: Clock) -> list[int]:
    """Mark sending campaigns without open messages as done; returns their ids."""
    open_rows = select(OutboxMessage.id).where(
        OutboxMessage.campaign_id == Campaign.id,
        OutboxMessage.status.in_((OutboxStatus.PENDING, OutboxStatus.SENDING)),
    )
    done = await session.execute(
        select(Campaign.id).where(Campaign.status == CampaignStatus.SENDING, ~open_rows.exists())
    )
    ids = list(done.scalars())
    if ids:
        await session.execute(
            update(Campaign)
            .where(Campaign.id.in_(ids))
            .values(status=CampaignStatus.DONE, finished_at=clock.now())
        )
        await session.commit()
    return ids


async def texts_of(session: AsyncSession, campaign_id: int) -> dict[str, str]:
    """Every language version of a campaign."""
    rows = await session.execute(
        select(CampaignText.language, CampaignText.text).where(
            CampaignText.campaign_id == campaign_id
        )
    )
    return {language: text for language, text in rows.all()}


async def machine_made(session: AsyncSession, campaign_id: int) -> frozenset[str]:
    """The languages of a campaign whose version machine translation made."""
    rows = await session.execute(
        select(CampaignText.language).where(
            CampaignText.campaign_id == campaign_id, CampaignText.machine
        )
    )
    return frozenset(rows.scalars())


async def set_progress_message(session: AsyncSession, campaign_id: int, message_id: int) -> None:
    """Remember the staff message the sender keeps up to date."""
    await session.execute(
        update(Campaign).where(Campaign.id == campaign_id).values(progress_message_id=message_id)
    )
    await session.commit()
