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
from tests.flow.harness import Harness

# Modules of staff features; a handler elsewhere counts as staff when a role filter guards it.
STAFF_MODULES = {
    "handlers.announce", "handlers.announce_audience", "handlers.announce_send",
    "handlers.announce_preview",
    "handlers.campaigns", "handlers.idea_staff", "handlers.meeting_edit",
    "handlers.meeting_staff", "handlers.meeting_wizard", "handlers.newpoll",
    "handlers.newpoll_audience", "handlers.newpoll_preview", "handlers.polls",
    "handlers.staff_group", "handlers.staff_manage", "handlers.youth_groups",
}  # fmt: skip
WIZARD = "a wizard step: only the conversation's draft changes"
VIEW = "shows or asks; nothing is stored"
REFUSAL = "refuses someone without the role; nothing changes"
CONVERSATION_ONLY = {
    "handlers.announce." + name: WIZARD
    for name in ("announce", "german_text", "translation", "choose_language",
                 "back_to_languages", "discard")
} | {
    "handlers.announce_audience." + name: WIZARD
    for name in ("open_audience", "everyone", "open_kind", "toggle", "to_preview")
} | {
    "handlers.announce_send.receive_time": WIZARD, "handlers.announce_send.ask_time": WIZARD,
    "handlers.announce_preview.show_version": VIEW,
    "handlers.campaigns.list_campaigns": VIEW, "handlers.idea_staff.not_moderator": REFUSAL,
    "handlers.idea_staff.cancel": "leaves the comment question; the idea is unchanged",
    "handlers.idea_staff.two_step": "asks for the reason, comment or department first",
    "handlers.meeting_staff.list_command": VIEW, "handlers.meeting_staff.navigate": VIEW,
    "handlers.meeting_staff.ask_change": VIEW, "handlers.meeting_edit.ask": VIEW,
    "handlers.meeting_wizard.start": WIZARD, "handlers.meeting_wizard.typed": WIZARD,
    "handlers.meeting_wizard.located": WIZARD, "handlers.meeting_wizard.pressed": WIZARD,
    "handlers.newpoll.newpoll": WIZARD, "handlers.newpoll.question": WIZARD,
    "handlers.newpoll.options": WIZARD, "handlers.newpoll.closes_typed": WIZARD,
    "handlers.newpoll.closes_chosen": WIZARD, "handlers.newpoll_preview.cancel": WIZARD,
    "handlers.polls.open_polls": "residents' poll list", "handlers.polls.send_poll":
    "sends a resident the poll they picked",
    "handlers.staff_group.private_only": "points to the private chat",
    "handlers.staff_manage.staff_command": VIEW, "handlers.staff_manage.not_admin_command":
    REFUSAL, "handlers.staff_manage.telegram_id": VIEW,
    "handlers.staff_manage.no_longer_admin": REFUSAL,
    "handlers.staff_manage.not_admin_press": REFUSAL, "handlers.staff_manage.back_to_list": VIEW,
    "handlers.staff_manage.member": VIEW, "handlers.staff_manage.add": VIEW,
    "handlers.staff_manage.ask_remove": VIEW,
    "handlers.youth_groups.register": "a group asks; staff decide (audited there)",
} | {
    "handlers.newpoll_audience." + name: WIZARD
    for name in ("open_audience", "switch", "open_kind", "toggle")
} | {
    "handlers.newpoll_preview." + name: WIZARD
    for name in ("translated_question", "translated_options", "toggle", "languages", "language",
                 "back_to_preview")
}  # fmt: skip

Scenario = Callable[[Harness], Awaitable[tuple[int, s.Step]]]
AUDITED: dict[str, list[tuple[Scenario, list[A]]]] = {
    "handlers.meeting_wizard.save": [(s.wizard_publish, [A.MEETING_CREATE, A.MEETING_PUBLISH])],
    "handlers.meeting_staff.cancel_or_publish": [
        (s.publish_draft, [A.MEETING_PUBLISH]), (s.cancel_meeting, [A.MEETING_CANCEL]),
    ],
    "handlers.meeting_staff.apply_change": [(s.move_meeting, [A.MEETING_MOVE])],
    "handlers.meeting_edit.typed_text": [(s.edit_title, [A.MEETING_TITLE])],
    "handlers.meeting_edit.typed_capacity": [(s.edit_capacity, [A.MEETING_CAPACITY])],
    "handlers.meeting_edit.no_limit": [(s.no_limit, [A.MEETING_CAPACITY])],
    "handlers.newpoll_preview.send": [(s.new_poll, [A.POLL_CREATE])],
    "handlers.polls.close": [
        (s.poll_button("close"), [A.POLL_CLOSE]), (s.poll_button("push"), [A.POLL_CLOSE_PUSH]),
    ],
    "handlers.polls.results": [(s.poll_results, [A.EXPORT_POLL_RESULTS])],
    "handlers.youth_groups.decide": [
        (s.group_decision("ok"), [A.YOUTH_GROUP_APPROVE]),
        (s.group_decision("no"), [A.YOUTH_GROUP_DECLINE]),
    ],
    "handlers.youth_groups.membership": [(s.group_removes_bot, [A.YOUTH_GROUP_REMOVE])],
    "handlers.campaigns.cancel": [(s.cancel_campaign, [A.ANNOUNCEMENT_CANCEL])],
    "handlers.announce_send.create": [(s.announce, [A.ANNOUNCEMENT_CREATE])],
    "handlers.staff_manage.set_role": [(s.add_staff, [A.STAFF_ADD])],
    "handlers.staff_manage.remove": [(s.remove_staff, [A.STAFF_REMOVE])],
    "handlers.idea_staff.start_review": [(s.start_review, [A.IDEA_REVIEW])],
    "handlers.idea_staff.answer": [(s.publish_idea, [A.IDEA_PUBLISH])],
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
