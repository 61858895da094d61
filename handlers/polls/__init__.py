"""Polls: votes arriving from Telegram, the residents' poll list, /results; /newpoll in `new/`."""

from __future__ import annotations

from aiogram import Router


def votes_router() -> Router:
    """A new router for poll answers and poll updates (they carry no chat to filter on)."""
    from handlers.polls import votes

    return votes.build_router()


def build_router() -> Router:
    """A new router with the poll list, /results and closing or pushing a poll."""
    from handlers.polls import overview

    return overview.build_router()
