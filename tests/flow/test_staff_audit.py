"""Every staff handler that changes state (or hands data out) writes an audit entry.

The Dispatcher's routers are walked: each staff handler must be listed, either as a step that
changes nothing but the conversation (with the reason) or with scenarios that drive it through
the real Dispatcher and prove the entries it writes. A new staff handler not listed fails.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from aiogram import Router

from bot.filters import HasRole, StaffChat
from bot.services.audit import AuditAction as A
from db.repositories import audit
from tests.flow import audit_support as s
from tests.flow import budget_proposals_support as b
from tests.flow.harness import Harness

# Modules of staff features; a handler elsewhere counts as staff when a role filter guards it.
STAFF_MODULES = {
    "handlers.announcements.wizard", "handlers.announcements.audience",
    "handlers.announcements.send", "handlers.announcements.preview",
    "handlers.announcements.campaigns", "handlers.ideas.moderation", "handlers.meetings.staff.edit",
    "handlers.meetings.staff.manage", "handlers.meetings.staff.wizard", "handlers.polls.new.wizard",
    "handlers.polls.new.audience", "handlers.polls.new.preview", "handlers.polls.overview",
    "handlers.staff.group_chat", "handlers.staff.manage", "handlers.groups.registration",
    "handlers.volunteering.inbox", "handlers.announcements.machine", "handlers.polls.new.machine",
    "handlers.meetings.staff.wizard_translate", "handlers.budget.staff", "handlers.budget.review",
}  # fmt: skip
WIZARD = "a wizard step: only the conversation's draft changes"
VIEW = "shows or asks; nothing is stored"
# The drafts stay in the conversation; create/publish audits which versions are machine-made.
MACHINE_DRAFTS = "a wizard step: machine-translated drafts in the conversation only"
REFUSAL = "refuses someone without the role; nothing changes"
CONVERSATION_ONLY = {
    "handlers.announcements.wizard." + name: WIZARD
    for name in ("announce", "german_text", "translation", "choose_language",
                 "back_to_languages", "discard")
} | {
    "handlers.announcements.audience." + name: WIZARD
    for name in ("open_audience", "everyone", "open_kind", "toggle", "to_preview")
} | {
    "handlers.announcements.send.receive_time": WIZARD,
    "handlers.announcements.send.ask_time": WIZARD,
    "handlers.announcements.preview.show_version": VIEW,
    "handlers.announcements.campaigns.list_campaigns": VIEW,
    "handlers.ideas.moderation.not_moderator": REFUSAL,
    "handlers.ideas.moderation.cancel": "leaves the comment question; the idea is unchanged",
    "handlers.ideas.moderation.two_step": "asks for the reason, comment or department first",
    "handlers.meetings.staff.manage.list_command": VIEW,
    "handlers.meetings.staff.manage.navigate": VIEW,
    "handlers.meetings.staff.manage.ask_change": VIEW, "handlers.meetings.staff.edit.ask": VIEW,
    "handlers.meetings.staff.wizard.start": WIZARD, "handlers.meetings.staff.wizard.typed": WIZARD,
    "handlers.meetings.staff.wizard.located": WIZARD,
    "handlers.meetings.staff.wizard.pressed": WIZARD,
    "handlers.polls.new.wizard.newpoll": WIZARD, "handlers.polls.new.wizard.question": WIZARD,
    "handlers.polls.new.wizard.options": WIZARD, "handlers.polls.new.wizard.closes_typed": WIZARD,
    "handlers.polls.new.wizard.closes_chosen": WIZARD, "handlers.polls.new.preview.cancel": WIZARD,
    "handlers.polls.overview.open_polls": "residents' poll list",
    "handlers.polls.overview.send_poll": "sends a resident the poll they picked",
    "handlers.staff.group_chat.private_only": "points to the private chat",
    "handlers.volunteering.inbox.not_editor": REFUSAL,
    "handlers.volunteering.inbox.register_org": "asks staff; nothing is stored until they decide",
    "handlers.volunteering.inbox.team_reply": (
        "an organisation's team passes a message on to a resident; no staff decision"
    ),
    "handlers.staff.manage.staff_command": VIEW, "handlers.staff.manage.not_admin_command":
    REFUSAL, "handlers.staff.manage.telegram_id": VIEW,
    "handlers.staff.manage.no_longer_admin": REFUSAL,
    "handlers.staff.manage.not_admin_press": REFUSAL, "handlers.staff.manage.back_to_list": VIEW,
    "handlers.staff.manage.member": VIEW, "handlers.staff.manage.add": VIEW,
    "handlers.staff.manage.ask_remove": VIEW,
    "handlers.groups.registration.register": "a group asks; staff decide (audited there)",
    "handlers.groups.registration.not_editor": REFUSAL,
} | {
    "handlers.announcements.machine.translate_versions": MACHINE_DRAFTS,
    "handlers.polls.new.machine.translate_variants": MACHINE_DRAFTS,
    "handlers.meetings.staff.wizard_translate.translate": MACHINE_DRAFTS,
    "handlers.meetings.staff.wizard_translate.open_version": VIEW,
    "handlers.meetings.staff.wizard_translate.replaced": WIZARD,
    "handlers.meetings.staff.wizard_translate.back_to_summary": WIZARD,
    "handlers.budget.staff.command": VIEW, "handlers.budget.staff.home": VIEW,
    "handlers.budget.staff.not_editor": REFUSAL,
    "handlers.budget.staff.ask_move": "asks to confirm the move first",
    "handlers.budget.review.queue": VIEW,
    "handlers.budget.review.ask": "asks for the cost and title, the reason or the number first",
    "handlers.budget.review.cancel": "leaves the question; the proposal is unchanged",
} | {
    "handlers.polls.new.audience." + name: WIZARD
    for name in ("open_audience", "switch", "open_kind", "toggle")
} | {
    "handlers.polls.new.preview." + name: WIZARD
    for name in ("translated_question", "translated_options", "toggle", "languages", "language",
                 "back_to_preview")
}  # fmt: skip

Scenario = Callable[[Harness], Awaitable[tuple[int, s.Step]]]
AUDITED: dict[str, list[tuple[Scenario, list[A]]]] = {
    "handlers.meetings.staff.wizard.save": [
        (s.wizard_publish, [A.MEETING_CREATE, A.MEETING_PUBLISH]),
    ],
    "handlers.meetings.staff.manage.cancel_or_publish": [
        (s.publish_draft, [A.MEETING_PUBLISH]), (s.cancel_meeting, [A.MEETING_CANCEL]),
    ],
    "handlers.meetings.staff.manage.apply_change": [(s.move_meeting, [A.MEETING_MOVE])],
    "handlers.meetings.staff.edit.typed_text": [(s.edit_title, [A.MEETING_TITLE])],
    "handlers.meetings.staff.edit.typed_capacity": [(s.edit_capacity, [A.MEETING_CAPACITY])],
    "handlers.meetings.staff.edit.no_limit": [(s.no_limit, [A.MEETING_CAPACITY])],
    "handlers.polls.new.preview.send": [(s.new_poll, [A.POLL_CREATE])],
    "handlers.polls.overview.close": [
        (s.poll_button("close"), [A.POLL_CLOSE]), (s.poll_button("push"), [A.POLL_CLOSE_PUSH]),
    ],
    "handlers.polls.overview.results": [(s.poll_results, [A.EXPORT_POLL_RESULTS])],
    "handlers.groups.registration.decide": [
        (s.group_decision("ok"), [A.YOUTH_GROUP_APPROVE]),
        (s.group_decision("no"), [A.YOUTH_GROUP_DECLINE]),
    ],
    "handlers.groups.registration.membership": [(s.group_removes_bot, [A.YOUTH_GROUP_REMOVE])],
    "handlers.announcements.campaigns.cancel": [(s.cancel_campaign, [A.ANNOUNCEMENT_CANCEL])],
    "handlers.announcements.send.create": [(s.announce, [A.ANNOUNCEMENT_CREATE])],
    "handlers.staff.manage.set_role": [(s.add_staff, [A.STAFF_ADD])],
    "handlers.volunteering.inbox.decide_inbox": [(s.connect_org_inbox, [A.VOLUNTEER_ORG_INBOX])],
    "handlers.staff.manage.remove": [(s.remove_staff, [A.STAFF_REMOVE])],
    "handlers.ideas.moderation.start_review": [(s.start_review, [A.IDEA_REVIEW])],
    "handlers.ideas.moderation.answer": [(s.publish_idea, [A.IDEA_PUBLISH])],
    "handlers.budget.staff.move": [(b.move_phase, [A.BUDGET_PHASE])],
    "handlers.budget.review.answer": [
        (b.feasible_proposal, [A.BUDGET_PROPOSAL_FEASIBLE]),
        (b.refuse_proposal, [A.BUDGET_PROPOSAL_NOT_FEASIBLE]),
        (b.merge_proposal, [A.BUDGET_PROPOSAL_MERGE]),
    ],
}  # fmt: skip
CASES = [(name, scenario, expected) for name, runs in AUDITED.items()
         for scenario, expected in runs]  # fmt: skip


def routers(router: Router) -> list[Router]:
    return [router, *(found for sub in router.sub_routers for found in routers(sub))]


def guarded_by_staff(handler: Any) -> bool:
    for flt in handler.filters or []:
        inner = flt.callback
        while inner is not None:  # ~MODERATOR wraps the role filter
            if isinstance(inner, HasRole | StaffChat):
                return True
            inner = getattr(inner, "target", None)
    return False


def staff_handlers(h: Harness) -> dict[str, Any]:
    """Every staff handler of the running Dispatcher, by module.function."""
    found = {}
    for router in routers(h.dispatcher):
        for observer in router.observers.values():
            for handler in observer.handlers:
                name = f"{handler.callback.__module__}.{handler.callback.__qualname__}"
                if handler.callback.__module__ in STAFF_MODULES or guarded_by_staff(handler):
                    found[name] = handler
    return found


class HandlerLog:
    """An inner middleware on every observer: which handlers the step ran."""

    def __init__(self, h: Harness) -> None:
        self.names: list[str] = []
        for router in routers(h.dispatcher):
            for observer in router.observers.values():
                observer.middleware(self)

    async def __call__(self, handler: Any, event: Any, data: dict[str, Any]) -> Any:
        callback = data["handler"].callback
        self.names.append(f"{callback.__module__}.{callback.__qualname__}")
        return await handler(event, data)


async def test_every_staff_handler_is_listed(ideas_harness: Harness) -> None:
    handlers = set(staff_handlers(ideas_harness))
    unlisted = handlers - CONVERSATION_ONLY.keys() - AUDITED.keys()
    assert not unlisted, f"say whether these staff handlers are audited: {sorted(unlisted)}"
    assert not CONVERSATION_ONLY.keys() & AUDITED.keys()
    assert CONVERSATION_ONLY.keys() | AUDITED.keys() <= handlers, "a listed handler is gone"


@pytest.mark.parametrize(("name", "scenario", "expected"), CASES, ids=[c[0] for c in CASES])
async def test_staff_handler_writes_its_audit_entry(
    ideas_harness: Harness, name: str, scenario: Scenario, expected: list[A]
) -> None:
    h = ideas_harness
    actor, step = await scenario(h)
    async with h.runtime.session_factory() as session:
        before = len(await audit.since(session, None))
    ran = HandlerLog(h)
    await step()
    assert name in ran.names
    async with h.runtime.session_factory() as session:
        new = (await audit.since(session, None))[before:]
    assert [(entry.actor, entry.action) for entry in new] == [(actor, a.value) for a in expected]
