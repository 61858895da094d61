"""aiogram routers, one module per feature; `build_router` fixes their order."""

from __future__ import annotations

from aiogram import Router

from bot.filters import PrivateChat


def build_router() -> Router:
    """All feature routers under one root; private-chat features only see private chats."""
    from handlers import errors, fallback
    from handlers.account import info, informal_offer, language, membership, menu, profile, start
    from handlers.account import settings as announcement_settings
    from handlers.announcements import audience as announce_audience
    from handlers.announcements import campaigns
    from handlers.announcements import preview as announce_preview
    from handlers.announcements import send as announce_send
    from handlers.announcements import wizard as announce
    from handlers.groups import chat as group_chat
    from handlers.groups import registration as youth_groups
    from handlers.ideas import browse as idea_browse
    from handlers.ideas import hand_in as ideas
    from handlers.ideas import mine as my_ideas
    from handlers.ideas import moderation as idea_staff
    from handlers.ideas import send as idea_send
    from handlers.meetings import extras as meeting_extras
    from handlers.meetings import residents as meetings
    from handlers.meetings.staff import edit as meeting_edit
    from handlers.meetings.staff import manage as meeting_staff
    from handlers.meetings.staff import wizard as meeting_wizard
    from handlers.polls import overview as polls
    from handlers.polls import votes as poll_votes
    from handlers.polls.new import audience as newpoll_audience
    from handlers.polls.new import preview as newpoll_preview
    from handlers.polls.new import wizard as newpoll
    from handlers.privacy import mydata
    from handlers.privacy import overview as privacy
    from handlers.privacy import update as privacy_update
    from handlers.staff import group_chat as staff_group
    from handlers.staff import manage as staff_manage

    root = Router(name="root")
    private = Router(name="private")
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
