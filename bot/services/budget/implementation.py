"""A funded project's implementation: its status (planned, in progress, done) and the updates
staff post, each sent to the project's chat voters in their language; audited."""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.services import audit
from bot.services.budget import audience
from bot.services.budget.processes import target
from bot.services.clock import Clock
from db.models import BudgetProcess, BudgetProject, BudgetUpdate, ProjectStatus

FUNDED = (ProjectStatus.PLANNED, ProjectStatus.IN_PROGRESS, ProjectStatus.DONE)
TEXT_MAX = 2000  # characters per language; the message adds title and status around it

# The update message in a language: (language, process, project, update) → text.
UpdateRenderer = Callable[[str, BudgetProcess, BudgetProject, BudgetUpdate], str]


class UpdateRefusal(StrEnum):
    """Why an update cannot be posted."""

    NO_PROJECT = "no_project"
    NOT_FUNDED = "not_funded"
    NO_GERMAN = "no_german"
    TOO_LONG = "too_long"


def check_texts(texts: dict[str, str]) -> UpdateRefusal | None:
    """German is required (the fallback for every other language); each within TEXT_MAX."""
    if not texts.get("de", "").strip():
        return UpdateRefusal.NO_GERMAN
    if any(len(text) > TEXT_MAX for text in texts.values()):
        return UpdateRefusal.TOO_LONG
    return None


async def post(
    session: AsyncSession, clock: Clock, secret: bytes, process: BudgetProcess, code: str,
    status: ProjectStatus, texts: dict[str, str], render: UpdateRenderer, *,
    actor: int, default_language: str,
) -> int | UpdateRefusal:  # fmt: skip
    """Set the project's status, keep the update and queue it for the project's voters, in one
    transaction. Returns how many voters it was queued for, or why nothing was done."""
    refused = check_texts(texts)
    if refused is not None:
        return refused
    project = await session.scalar(
        select(BudgetProject).where(
            BudgetProject.process_id == process.id, BudgetProject.code == code
        )
    )
    if project is None:
        return UpdateRefusal.NO_PROJECT
    if project.status not in FUNDED:
        return UpdateRefusal.NOT_FUNDED
    before = project.status
    project.status = status
    now = clock.now()
    texts = {language: text.strip() for language, text in texts.items() if text.strip()}
    news = BudgetUpdate(
        project_id=project.id, status=status, created_at=now,
        text=json.dumps(texts, ensure_ascii=False, sort_keys=True),
    )  # fmt: skip
    session.add(news)
    await session.flush()
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_UPDATE, target=target(process.id),
        at=now, before={"project": code, "status": before},
        after={"project": code, "status": status.value, "update": news.id},
    )  # fmt: skip
    voters = await audience.chat_voters(
        session, secret, process.id, default_language, project_id=project.id
    )
    rendered: dict[str, str] = {}
    for voter in voters:
        if voter.language not in rendered:
            rendered[voter.language] = render(voter.language, process, project, news)
        await outbox.enqueue(
            session, chat_id=voter.chat_id, user_id=voter.user_id, method="sendMessage",
            params={"text": rendered[voter.language]}, now=now, priority=outbox.NOTICE,
            dedupe_key=f"{audience.UPDATE_PREFIX}{news.id}:{voter.user_id}",
            language=voter.language,
        )  # fmt: skip
    await session.commit()
    return len(voters)
