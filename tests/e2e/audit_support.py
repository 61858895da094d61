"""What the CLI audit test seeds: one of each thing a staff command acts on, made by staff 77."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from bot.services.clock import SystemClock
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from bot.services.polls import lifecycle as polls
from bot.services.polls.input import PollDraft
from bot.services.staff import StaffService
from bot.services.volunteering import orgs, publishing
from bot.services.volunteering.opportunities import OpportunityInput
from db.models import (
    BudgetPhase,
    BudgetProcess,
    BudgetProject,
    BudgetProposal,
    OpportunityKind,
    ProjectStatus,
    StaffAudit,
    User,
)
from db.repositories import audit
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli_budget import YAML as BUDGET_YAML
from tests.e2e.test_cli_meetings import CALENDAR, MEETING_YAML
from tests.e2e.test_cli_polls import GOOD, closes

SEEDER = 77  # the staff member who made what the commands then act on
STAFF_ID = 555
RESIDENT_ID = 4242


async def entries(database_url: str) -> list[StaffAudit]:
    """The whole audit log, oldest first."""
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            return list(await audit.since(session, None))
    finally:
        await engine.dispose()


async def seed(database_url: str) -> dict[str, int]:
    """A scheduled campaign, a published meeting, an open poll, an organisation with an open
    volunteering opportunity, an editor and a resident."""
    clock, now = SystemClock(), datetime.now(UTC)
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            draft = Draft({"de": "Stadtfest"}, Audience(), send_at=now + timedelta(days=1))
            campaign = await campaigns.create(session, clock, draft, SEEDER)
            starts = now + timedelta(days=20)
            meeting = await meetings.create(
                session,
                clock,
                MeetingInput(
                    title={"de": "Forum"},
                    district="mitte",
                    venue="Rathaus",
                    address="Burgplatz 19",
                    starts=starts,
                    ends=starts + timedelta(hours=2),
                ),
                created_by=SEEDER,
            )
            await session.commit()
            poll = await polls.create(
                session,
                clock,
                PollDraft({"de": "Mehr Bäume?"}, {"de": ["Ja", "Nein"]}, now + timedelta(days=3)),
                created_by=SEEDER,
            )
            org = await orgs.add(session, clock, name="Caritas Duisburg", actor=SEEDER)
            opportunity = await publishing.publish(
                session,
                clock,
                OpportunityInput(
                    org_id=org.id,
                    title={"de": "Lesepatin"},
                    district="hamborn",
                    kind=OpportunityKind.REGULAR,
                ),
                actor=SEEDER,
                alert=lambda opportunity, org, language: {"text": "Neu"},  # nobody subscribed
                default="de",
            )
            await StaffService(session, [], clock).set_role(STAFF_ID, "editor", actor=SEEDER)
            resident = User(telegram_id=RESIDENT_ID)
            session.add(resident)
            budgets = {}
            for phase in (BudgetPhase.DRAFT, BudgetPhase.VOTING):
                process = BudgetProcess(
                    title='{"de": "Bürgerhaushalt"}', budget=100_000, codes=True, phase=phase,
                    created_by=SEEDER,
                )  # fmt: skip
                session.add(process)
                await session.flush()
                session.add(BudgetProject(
                    process_id=process.id, code="M-01", cost=40_000, title='{"de": "Bank"}'
                ))  # fmt: skip
                budgets[phase] = process.id
            session.add(BudgetProject(  # funded in an earlier round: implementation news
                process_id=budgets[BudgetPhase.VOTING], code="M-02", cost=10_000,
                title='{"de": "Brunnen"}', status=ProjectStatus.PLANNED,
            ))  # fmt: skip
            await session.flush()
            proposal = BudgetProposal(
                process_id=budgets[BudgetPhase.DRAFT], user_id=resident.id, language="de",
                title="Trinkbrunnen", description="Ein Trinkbrunnen am Rheinpark.",
                status="in_review",
            )  # fmt: skip
            session.add(proposal)
            await session.commit()
            return {
                "campaign": campaign.id,
                "meeting": meeting.id,
                "poll": poll.id,
                "org": org.id,
                "opportunity": opportunity.id,
                "budget_draft": budgets[BudgetPhase.DRAFT],
                "budget_voting": budgets[BudgetPhase.VOTING],
                "budget_proposal": proposal.id,
            }
    finally:
        await engine.dispose()


def files(folder: Path) -> dict[str, str]:
    """The input files the commands read, by name."""
    written = {
        "meeting.yaml": MEETING_YAML,
        "calendar.ics": CALENDAR,
        "poll.yaml": GOOD.replace("CLOSES", closes()),
        "page.html": "<b>Jugendzentrum</b>: Mo–Fr 14–20 Uhr",
        "opportunity.yaml": "organisation: 1\ntitle: Sprachcafé\ndistrict: mitte\nkind: regular\n",
        "budget.yaml": BUDGET_YAML,
        "projects.csv": "code,cost,district,title_de,description_de\nM-02,9000,Mitte,Bank,Text\n",
        "ballots.csv": "ballot,projects\n17,M-01\n",
    }
    for name, text in written.items():
        (folder / name).write_text(text, encoding="utf-8")
    return {name: str(folder / name) for name in written}
