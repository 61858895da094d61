"""aiogram routers, one package per feature; `build_router` fixes their order."""

from __future__ import annotations

from aiogram import Router

from bot.filters import PrivateChat


def build_router() -> Router:
    """All feature routers, new on every call, under one root.

    aiogram tries routers depth-first in this order and stops at the first handler whose
    filters pass, so the order decides what wins when several could answer:

    - errors first (it only sees errors), then the staff chat, youth groups and votes: each
      handler there has its own chat filter, and votes carry no chat at all, so they are
      routed before the private-chat features;
    - private chats only (one `PrivateChat` filter on `private`):
      1. `privacy.notice_router`: a changed privacy notice is shown before anything else,
         then the update goes on (SkipHandler); then `volunteering` and `budget`, whose deep
         links (/start v42, /start b42) must be tried before account's /start;
      2. `account`: /start, /stop (answers inside any flow), language, profile, info pages,
         /menu and /cancel (they leave any flow below); then `privacy`. Its modules used to
         sit before account's `menu` and `membership`: menu's commands and buttons are not
         privacy's, and membership is the only my_chat_member handler, so nothing changes;
      3. staff tools and flows. `announcements.campaigns_router`, `staff`, then the
         /announce wizard: each flow step takes any text in its state, so a command typed
         in a flow reaches only the routers before that flow — split to keep today's order
         (tests/flow/test_router_order.py);
      4. `meetings.staff`, `ideas`, `meetings`, `polls.new`, `polls`, `dashboard` (same
         reason);
      5. `fallback` last: whatever nobody else took gets a helpful answer and the menu.
    """
    from handlers import (
        account,
        announcements,
        budget,
        dashboard,
        errors,
        fallback,
        groups,
        ideas,
        meetings,
        polls,
        privacy,
        staff,
        volunteering,
    )
    from handlers.meetings import staff as meeting_staff
    from handlers.polls import new as new_poll

    root = Router(name="root")
    root.include_routers(
        errors.build_router(),
        volunteering.build_inbox_router(),  # replies to volunteering cards in an inbox group
        staff.staff_chat_router(),
        ideas.moderation_router(),
        budget.staff_chat_router(),
        polls.votes_router(),
        groups.build_router(),
    )
    private = Router(name="private")
    private.message.filter(PrivateChat())
    private.callback_query.filter(PrivateChat())
    private.include_routers(
        privacy.notice_router(),
        volunteering.build_router(),  # its deep link /start v42 before account's /start
        budget.build_router(),  # its deep link /start b42 before account's /start
        account.build_router(),
        privacy.build_router(),
        announcements.campaigns_router(),
        staff.build_router(),
        announcements.build_router(),
        meeting_staff.build_router(),
        ideas.build_router(),
        budget.flow_router(),  # the proposal steps: any text in their states
        meetings.build_router(),
        new_poll.build_router(),
        polls.build_router(),
        dashboard.build_router(),
        fallback.build_router(),
    )
    root.include_router(private)
    return root
