"""An information page as a resident reads it: shown by the chat, previewed on the dashboard."""

from __future__ import annotations


def page_parts(title: str, body: str) -> list[str]:
    """The title in bold above the body (both stored as validated Telegram HTML)."""
    return [f"<b>{title.strip()}</b>", body.strip()]


def page_text(title: str, body: str) -> str:
    """The page's message: its parts a blank line apart."""
    return "\n\n".join(page_parts(title, body))
