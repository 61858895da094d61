"""Organisations: staff register them; removing one closes its opportunities."""

from __future__ import annotations

import html
import json

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.volunteering.conversations import Render
from bot.services.volunteering.ending import end_for_org
from db.models import OpportunityStatus, VolunteerOpportunity, VolunteerOrg, VolunteerOrgStatus
from db.repositories import audit as audit_repo

NAME_MAX = 200
LINK_MAX = 300


class OrgError(ValueError):
    """Input staff must correct; the message is one line for the operator."""


async def add(
    session: AsyncSession, clock: Clock, *, name: str, actor: int, website: str | None = None,
    contact: str | None = None, description: dict[str, str] | None = None,
) -> VolunteerOrg:  # fmt: skip
    """Register an organisation (audited)."""
    name = " ".join(name.split())
    if not name:
        raise OrgError("name: must not be empty")
    if len(name) > NAME_MAX:
        raise OrgError(f"name: at most {NAME_MAX} characters")
    for label, value in (("website", website), ("contact", contact)):
        if value is not None and len(value) > LINK_MAX:
            raise OrgError(f"{label}: at most {LINK_MAX} characters")
    if website is not None and not website.startswith(("https://", "http://")):
        raise OrgError("website: must start with https://")
    org = VolunteerOrg(
        name=name, website=website, contact=contact, created_at=clock.now(),
        description=json.dumps(description or {}, ensure_ascii=False),
        status=VolunteerOrgStatus.ACTIVE,
    )  # fmt: skip
    session.add(org)
    await session.flush()
    audit.record(
        session, actor=actor, action=AuditAction.VOLUNTEER_ORG_ADD,
        target=f"volunteer_org:{org.id}", at=clock.now(), after={"name": name, "website": website},
    )  # fmt: skip
    await session.commit()
    return org


async def get(session: AsyncSession, org_id: int) -> VolunteerOrg | None:
    """An organisation by id, removed ones included."""
    return await session.get(VolunteerOrg, org_id)


async def active(session: AsyncSession) -> list[VolunteerOrg]:
    """Organisations that can publish, by name."""
    query = select(VolunteerOrg).where(VolunteerOrg.status == VolunteerOrgStatus.ACTIVE)
    return list((await session.scalars(query.order_by(VolunteerOrg.name))).all())


async def remove(
    session: AsyncSession, clock: Clock, org_id: int, *, actor: int, staff_chat_id: int | None,
    notice: Render, inbox_notice: Render,
) -> list[int]:  # fmt: skip
    """Remove an organisation: its open opportunities close with it, its open conversations
    end: the residents in them get `notice`, its inbox `inbox_notice` for each. Returns the
    closed opportunities' ids."""
    org = await session.get(VolunteerOrg, org_id)
    if org is None or org.status == VolunteerOrgStatus.REMOVED:
        raise OrgError(f"no active organisation {org_id}")
    query = select(VolunteerOpportunity).where(
        VolunteerOpportunity.org_id == org_id,
        VolunteerOpportunity.status == OpportunityStatus.OPEN,
    )
    closed = list((await session.scalars(query)).all())
    for opportunity in closed:
        opportunity.status, opportunity.closed_at = OpportunityStatus.CLOSED, clock.now()
    org.status = VolunteerOrgStatus.REMOVED
    ended = await end_for_org(
        session, clock, org, staff_chat_id=staff_chat_id, notice=notice, inbox_notice=inbox_notice
    )
    audit.record(
        session, actor=actor, action=AuditAction.VOLUNTEER_ORG_REMOVE,
        target=f"volunteer_org:{org_id}", at=clock.now(),
        before={"status": VolunteerOrgStatus.ACTIVE},
        after={
            "status": VolunteerOrgStatus.REMOVED, "closed": [o.id for o in closed],
            "conversations_ended": ended,
        },
    )  # fmt: skip
    await session.commit()
    return [o.id for o in closed]


def _inbox_target(chat_id: int) -> str:
    return f"volunteer_inbox:{chat_id}"


async def request_inbox(session: AsyncSession, clock: Clock, chat_id: int) -> None:
    """A group's /register_org, kept in the audit log: staff can decide only a group that asked
    and is still waiting (a forged button can't point an inbox at any chat)."""
    audit.record(
        session, actor=chat_id, action=AuditAction.VOLUNTEER_INBOX_REQUEST,
        target=_inbox_target(chat_id), at=clock.now(),
    )  # fmt: skip
    await session.commit()


async def awaiting_decision(session: AsyncSession, chat_id: int) -> bool:
    """Whether the chat is a group whose /register_org staff haven't decided yet."""
    if chat_id >= 0:  # a private chat is never an inbox
        return False
    asked = AuditAction.VOLUNTEER_INBOX_REQUEST
    actions = (asked.value, AuditAction.VOLUNTEER_ORG_INBOX.value)
    return await audit_repo.last_action(session, _inbox_target(chat_id), actions) == asked


async def connect_inbox(
    session: AsyncSession, clock: Clock, org_id: int, chat_id: int, *, actor: int,
    accepted: str, declined: str,
) -> VolunteerOrg | None:  # fmt: skip
    """Staff decided a group's /register_org: it becomes the organisation's inbox (a group is
    the inbox of one organisation at most), or not (org_id 0, or no active organisation).
    The group is told (`accepted` with {name}, or `declined`); audited either way.
    Raises OrgError when the chat has no registration waiting."""
    if not await awaiting_decision(session, chat_id):
        raise OrgError("no registration of this chat is waiting")
    org = await session.get(VolunteerOrg, org_id) if org_id else None
    if org is not None and org.status != VolunteerOrgStatus.ACTIVE:
        org = None
    if org is not None:
        query = select(VolunteerOrg).where(VolunteerOrg.inbox_chat_id == chat_id)
        for previous in (await session.scalars(query)).all():
            previous.inbox_chat_id = None
        org.inbox_chat_id = chat_id
    audit.record(
        session, actor=actor, action=AuditAction.VOLUNTEER_ORG_INBOX,
        target=_inbox_target(chat_id), at=clock.now(),
        after={"org": org.id if org is not None else None},
    )  # fmt: skip
    text = accepted.format(name=html.escape(org.name)) if org is not None else declined
    await enqueue(
        session, chat_id=chat_id, method="sendMessage", params={"text": text},
        dedupe_key=f"volunteer:inbox:{chat_id}:{org_id}:{int(clock.now().timestamp())}",
        now=clock.now(), priority=NOTICE,
    )  # fmt: skip
    await session.commit()
    return org
