"""The staff audit log: each staff use case records itself in its own transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from enum import StrEnum

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from db.models import StaffAudit
from db.repositories import audit as repo

# Actors without a Telegram id: the operator at the shell, and the bot itself.
CLI_OPERATOR = 0
SYSTEM = -1


class AuditAction(StrEnum):
    """Every staff action the log knows; the value is what `stadtstimme audit` shows."""

    STAFF_ADD = "staff.add"
    STAFF_ROLE = "staff.role"
    STAFF_REMOVE = "staff.remove"
    DASHBOARD_LINK = "dashboard.link"
    DASHBOARD_LOGIN = "dashboard.login"
    ANNOUNCEMENT_CREATE = "announcement.create"
    ANNOUNCEMENT_CANCEL = "announcement.cancel"
    IDEA_REVIEW = "idea.review"
    IDEA_PUBLISH = "idea.publish"
    IDEA_DECLINE = "idea.decline"
    IDEA_FORWARD = "idea.forward"
    IDEA_IMPLEMENT = "idea.implement"
    IDEA_NOT_PURSUED = "idea.not_pursued"
    MEETING_CREATE = "meeting.create"
    MEETING_PUBLISH = "meeting.publish"
    MEETING_MOVE = "meeting.move"
    MEETING_CANCEL = "meeting.cancel"
    MEETING_TITLE = "meeting.title"
    MEETING_DESCRIPTION = "meeting.description"
    MEETING_CAPACITY = "meeting.capacity"
    MEETING_OUTCOME = "meeting.outcome"  # written or changed (the languages in `after`)
    MEETING_OUTCOME_SEND = "meeting.outcome_send"
    MEETING_OUTCOME_PUBLIC = "meeting.outcome_public"  # shown on / withdrawn from the public page
    POLL_CREATE = "poll.create"
    POLL_CLOSE = "poll.close"
    POLL_CLOSE_PUSH = "poll.close_push_results"
    POLL_PUSH = "poll.push_results"  # a closed poll's results sent to its voters afterwards
    POLL_PUBLIC = "poll.public"  # results shown on / withdrawn from the public page
    POLL_REKEY = "poll.rekey"
    YOUTH_GROUP_APPROVE = "youth_group.approve"
    YOUTH_GROUP_DECLINE = "youth_group.decline"
    YOUTH_GROUP_REMOVE = "youth_group.remove"
    VOLUNTEER_ORG_ADD = "volunteer.org_add"
    VOLUNTEER_ORG_REMOVE = "volunteer.org_remove"
    VOLUNTEER_ORG_INBOX = "volunteer.org_inbox"
    # Not a staff action: a group asked (/register_org); its actor is the group's chat id.
    VOLUNTEER_INBOX_REQUEST = "volunteer.inbox_request"
    VOLUNTEER_PUBLISH = "volunteer.publish"
    VOLUNTEER_CLOSE = "volunteer.close"
    INFO_EDIT = "info.edit"
    USER_DELETE = "user.delete"
    # Not a person's action: Telegram refused to delete an erased person's post in the staff chat.
    ERASURE_DELETE_REFUSED = "erasure.delete_refused"
    EXPORT_IDEAS = "export.ideas"
    EXPORT_POLL_RESULTS = "export.poll_results"
    EXPORT_VOLUNTEERING = "export.volunteering"
    BUDGET_CREATE = "budget.create"
    BUDGET_PHASE = "budget.phase"
    BUDGET_PROJECTS_IMPORT = "budget.projects_import"
    BUDGET_CODES = "budget.codes"
    BUDGET_BALLOTS_IMPORT = "budget.ballots_import"
    BUDGET_UPDATE = "budget.update"
    BUDGET_PROPOSAL_FEASIBLE = "budget.proposal_feasible"
    BUDGET_PROPOSAL_NOT_FEASIBLE = "budget.proposal_not_feasible"
    BUDGET_PROPOSAL_MERGE = "budget.proposal_merge"
    EXPORT_BUDGET_RESULTS = "export.budget_results"
    EXPORT_AUDIT = "export.audit"


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record(
    session: AsyncSession,
    *,
    actor: int,
    action: AuditAction,
    target: str,
    at: datetime,
    before: object = None,
    after: object = None,
) -> None:
    """Stage an entry; the caller's commit writes it together with the change it describes."""
    repo.add(
        session,
        StaffAudit(
            actor=actor, action=AuditAction(action).value, target=target[:64],
            before=_json(before), after=_json(after), created_at=at,
        ),
    )  # fmt: skip


async def record_export(
    session: AsyncSession, clock: Clock, *, actor: int, action: AuditAction, target: str,
    details: object,
) -> None:  # fmt: skip
    """An export changes nothing else: its entry is its own transaction, before it is handed out."""
    record(session, actor=actor, action=action, target=target, at=clock.now(), after=details)
    await session.commit()


async def entries(
    session: AsyncSession, *, since: datetime | None = None, action: AuditAction | None = None
) -> Sequence[StaffAudit]:
    """The log from `since` on, of one action or all, oldest first (the CLI's and the web's)."""
    return await repo.since(session, since, action.value if action is not None else None)


def actor_label(actor: int) -> str:
    """Who acted: a Telegram id, or the operator at the shell, or the bot itself."""
    return {CLI_OPERATOR: "CLI operator", SYSTEM: "system"}.get(actor, str(actor))
