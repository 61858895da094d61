"""/dashboard: a staff member's one-time link to the web dashboard."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command

from handlers.dashboard.link import send_link


def build_router() -> Router:
    """A new router each call (a process may build several Dispatchers)."""
    router = Router(name="dashboard")
    router.message.register(send_link, Command("dashboard"))
    return router
