"""aiogram routers, one module per feature; `build_router` fixes their order."""

from __future__ import annotations

from aiogram import Router

from bot.filters import PrivateChat
from bot.routing import PrunedRouter


def build_router() -> Router:
    """All feature routers under one root; private-chat features only see private chats."""
    from handlers import (
        announce,
        announce_audience,
        announce_preview,
        announce_send,
        announcement_settings,
        campaigns,
        errors,
        fallback,
        group_chat,
        idea_browse,
        idea_send,
        idea_staff,
        ideas,
        info,
        informal_offer,
        language,
        meeting_edit,
        meeting_extras,
        meeting_staff,
        meeting_wizard,
        meetings,
        membership,
        menu,
        my_ideas,
        mydata,
        newpoll,
        newpoll_audience,
        newpoll_preview,
        poll_votes,
        polls,
        privacy,
        privacy_update,
        profile,
        staff_group,
        staff_manage,
        start,
        youth_groups,
    )

    root = PrunedRouter(name="root")
    private = PrunedRouter(name="private")
    private.message.filter(PrivateChat())
    private.callback_query.filter(PrivateChat())
    # Order matters: /stop works inside any flow; /cancel and the menu (in `menu`) leave the
    # announcement wizard, so its steps come after them; the fallback comes last.
    features = (
        privacy_update, start, announcement_settings, language, informal_offer, profile, info,
        privacy, mydata, menu, campaigns, staff_manage, announce, announce_audience, announce_send,
        announce_preview,
        meeting_staff, meeting_edit, meeting_wizard, ideas, idea_send, my_ideas, idea_browse,
        meetings, meeting_extras, newpoll, newpoll_audience, newpoll_preview, polls, membership,
        fallback,
    )  # fmt: skip
    # Votes carry no chat: they are routed before the private-chat features.
    staff = (
        staff_group.router, idea_staff.router, poll_votes.router, youth_groups.router,
        group_chat.router,
    )  # fmt: skip
    for router in (errors.router, *staff, *(module.router for module in features)):
        _detach(router)
    root.include_router(errors.router)
    root.include_routers(*staff)
    private.include_routers(*(module.router for module in features))
    root.include_router(private)
    return root


def _detach(router: Router) -> None:
    # Feature routers are module-level (aiogram's convention) but a process may build
    # more than one Dispatcher (tests, sandbox restarts): the newest takes them over.
    parent = router.parent_router
    if parent is not None:
        parent.sub_routers.remove(router)
        router._parent_router = None
