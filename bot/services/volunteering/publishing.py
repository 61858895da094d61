"""Publishing an opportunity (residents who asked are told) and closing one; both audited."""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.volunteering import alerts
from bot.services.volunteering.alerts import AlertRenderer
from bot.services.volunteering.checks import check
from bot.services.volunteering.opportunities import OpportunityInput, VolunteerError
from db.models import (
    OpportunityKind,
    OpportunityStatus,
    VolunteerOpportunity,
    VolunteerOrg,
    VolunteerOrgStatus,
)


def _json(texts: dict[str, str]) -> str:
    return json.dumps({k: v.strip() for k, v in texts.items() if v.strip()}, ensure_ascii=False)


async def publish(
    session: AsyncSession, clock: Clock, data: OpportunityInput, *, actor: int,
    alert: AlertRenderer, default: str,
) -> VolunteerOpportunity:  # fmt: skip
    """Check and store an open opportunity of an active organisation (audited, committed);
    residents who asked for notices and match it get `alert` in the same transaction."""
    check(data, clock.now())
    org = await session.get(VolunteerOrg, data.org_id)
    if org is None or org.status != VolunteerOrgStatus.ACTIVE:
        raise VolunteerError("organisation", f"organisation: no active one with id {data.org_id}")
    opportunity = VolunteerOpportunity(
        org_id=org.id, title=_json(data.title), description=_json(data.description),
        district=data.district, kind=OpportunityKind(data.kind), when_text=_json(data.when),
        starts_at=data.starts_at, hours_per_week=data.hours_per_week,
        team_languages=",".join(dict.fromkeys(data.team_languages)), min_age=data.min_age,
        accessibility=_json(data.accessibility), topics=",".join(dict.fromkeys(data.topics)),
        places=data.places, valid_until=data.valid_until, status=OpportunityStatus.OPEN,
        created_by=actor, created_at=clock.now(),
    )  # fmt: skip
    session.add(opportunity)
    await session.flush()
    audit.record(
        session, actor=actor, action=AuditAction.VOLUNTEER_PUBLISH,
        target=f"volunteer:{opportunity.id}", at=clock.now(),
        after={"org": org.id, "title": data.title.get("de"), "district": data.district},
    )  # fmt: skip
    await alerts.notify(session, clock, opportunity, org, alert, default)
    await session.commit()
    return opportunity


async def close(
    session: AsyncSession, clock: Clock, opportunity_id: int, *, actor: int
) -> VolunteerOpportunity | None:
    """Close an open opportunity (audited); None if there is no open one with this id."""
    opportunity = await session.get(VolunteerOpportunity, opportunity_id)
    if opportunity is None or opportunity.status != OpportunityStatus.OPEN:
        return None
    opportunity.status, opportunity.closed_at = OpportunityStatus.CLOSED, clock.now()
    audit.record(
        session, actor=actor, action=AuditAction.VOLUNTEER_CLOSE,
        target=f"volunteer:{opportunity_id}", at=clock.now(),
        before={"status": OpportunityStatus.OPEN}, after={"status": OpportunityStatus.CLOSED},
    )  # fmt: skip
    await session.commit()
    return opportunity
