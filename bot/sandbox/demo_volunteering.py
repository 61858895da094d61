"""Demo volunteering for the sandbox: two organisations, four opportunities (one in Turkish and
Arabic), and the first organisation's own group in the web chat, where a team member answers
interest cards so the relay can be tried both ways. The second one has no group: its cards go
to the staff chat.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from aiogram.utils.i18n import gettext as _
from sqlalchemy import select

from bot.presentation.volunteering_alerts import new_opportunity
from bot.sandbox.demo_base import DEMO_LABEL, DemoContext
from bot.sandbox.demo_volunteering_data import OPPORTUNITIES, ORG_GROUP, ORGS, DemoOpportunity
from bot.services.volunteering import orgs, publishing
from bot.services.volunteering.opportunities import OpportunityInput
from db.models import VolunteerOrg


def _input(context: DemoContext, item: DemoOpportunity, org_id: int) -> OpportunityInput:
    starts = None
    if item.days_ahead is not None:
        day = context.clock.now().astimezone(context.settings.zone).date()
        moment = datetime.combine(day + timedelta(days=item.days_ahead), time(10, 0))
        starts = moment.replace(tzinfo=context.settings.zone).astimezone(UTC)
    return OpportunityInput(
        org_id=org_id, title={k: f"{DEMO_LABEL} {v}" for k, v in item.title.items()},
        district=item.district, kind=item.kind, description=item.description, when=item.when,
        starts_at=starts, hours_per_week=item.hours_per_week, team_languages=item.languages,
        topics=item.topics, places=item.places,
    )  # fmt: skip


async def _connect_group(context: DemoContext, org_id: int) -> None:
    """The group asks (/register_org) and the demo staff member connects it, as in Telegram."""
    with context.i18n.context(), context.i18n.use_locale(context.settings.default_language):
        accepted = _("This group now receives volunteering interest for {name}.")
        declined = _("The city could not connect this group to an organisation.")
    async with context.session_factory() as session:
        await orgs.request_inbox(session, context.clock, ORG_GROUP.id)
        await orgs.connect_inbox(
            session, context.clock, org_id, ORG_GROUP.id, actor=context.staff_id,
            accepted=accepted, declined=declined,
        )  # fmt: skip


async def seed_volunteering(context: DemoContext) -> int:
    """Create the demo organisations and opportunities once; 0 when they exist."""
    async with context.session_factory() as session:
        names = [org.name for org in ORGS]
        if (
            await session.scalars(select(VolunteerOrg).where(VolunteerOrg.name.in_(names)))
        ).first():
            return 0
    org_ids: list[int] = []
    for demo in ORGS:
        async with context.session_factory() as session:
            org = await orgs.add(
                session, context.clock, name=demo.name, website=demo.website,
                description={"de": demo.description}, actor=context.staff_id,
            )  # fmt: skip
            org_ids.append(org.id)
        if demo.group:
            await _connect_group(context, org.id)
    alert = new_opportunity(context.i18n)
    for item in OPPORTUNITIES:
        async with context.session_factory() as session:
            await publishing.publish(
                session, context.clock, _input(context, item, org_ids[item.org]),
                actor=context.staff_id, alert=alert, default=context.settings.default_language,
            )  # fmt: skip
    return len(OPPORTUNITIES)
