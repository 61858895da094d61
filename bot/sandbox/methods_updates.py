"""Handlers for receiving updates: getUpdates long polling and webhook settings."""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

from .context import CallContext
from .errors import ApiError, bad_request
from .methods_send import Handler
from .state import BotState

# Telegram leaves these out unless they are asked for explicitly.
NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
WEBHOOK_ACTIVE = (
    "Conflict: can't use getUpdates method while webhook is active; "
    "use deleteWebhook to delete the webhook first"
)
OTHER_POLLER = (
    "Conflict: terminated by other getUpdates request; "
    "make sure that only one bot instance is running"
)


def update_type(update: dict[str, Any]) -> str:
    """The update's kind: its one key besides update_id."""
    return next((k for k in update if k != "update_id"), "")


def wanted(state: BotState, update: dict[str, Any]) -> bool:
    """Does allowed_updates let this update through?"""
    kind = update_type(update)
    allowed = state.allowed_updates
    return kind in allowed if allowed else kind not in NOT_BY_DEFAULT


def confirm(state: BotState, offset: int | None) -> None:
    """Forget updates below a positive offset; a negative one keeps only the last -offset."""
    if offset is None:
        return
    if offset < 0:
        state.pending = state.pending[offset:] if -offset < len(state.pending) else state.pending
    else:
        state.pending = [u for u in state.pending if u["update_id"] >= offset]


def deliverable(state: BotState, limit: int) -> list[dict[str, Any]]:
    """The next updates to hand out, dropping those the bot did not ask for."""
    state.pending = [u for u in state.pending if wanted(state, u)]
    return [dict(u) for u in state.pending[:limit]]


async def get_updates(ctx: CallContext, params: dict[str, Any]) -> list[dict[str, Any]]:
    """getUpdates: long poll up to `timeout` seconds; a newer call ends an older one (409)."""
    state = ctx.state
    if state.webhook.url:
        raise ApiError(409, WEBHOOK_ACTIVE)
    if "allowed_updates" in params:
        state.allowed_updates = params["allowed_updates"] or None
    confirm(state, params.get("offset"))
    limit = min(max(params.get("limit", 100), 1), 100)
    timeout = min(max(params.get("timeout", 0), 0), ctx.options.max_poll_timeout)
    state.poll_generation += 1
    generation = state.poll_generation
    state.wake()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        if generation != state.poll_generation:
            raise ApiError(409, OTHER_POLLER)
        if state.webhook.url:
            raise ApiError(409, "Conflict: terminated by setWebhook request")
        batch = deliverable(state, limit)
        remaining = deadline - loop.time()
        if batch or remaining <= 0 or ctx.services.stopping:
            return batch
        waiter: asyncio.Future[None] = loop.create_future()
        state.waiters.add(waiter)
        try:
            await asyncio.wait_for(waiter, remaining)
        except TimeoutError:
            pass
        finally:
            state.waiters.discard(waiter)


async def set_webhook(ctx: CallContext, params: dict[str, Any]) -> bool:
    """setWebhook: an empty url removes it; the pusher starts delivering at once."""
    url = params["url"]
    if url:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad_request("bad webhook: invalid webhook URL specified")
        if parts.scheme == "http" and not ctx.options.allow_http_webhooks:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    hook = ctx.state.webhook
    hook.url, hook.secret_token = url, params.get("secret_token")
    hook.max_connections = params.get("max_connections", 40)
    if "allowed_updates" in params:
        ctx.state.allowed_updates = params["allowed_updates"] or None
    if params.get("drop_pending_updates"):
        ctx.state.pending.clear()
    ctx.services.webhook_changed(ctx.state)
    return True


async def delete_webhook(ctx: CallContext, params: dict[str, Any]) -> bool:
    """deleteWebhook: switch back to getUpdates."""
    ctx.state.webhook.url, ctx.state.webhook.secret_token = "", None
    if params.get("drop_pending_updates"):
        ctx.state.pending.clear()
    ctx.services.webhook_changed(ctx.state)
    return True


async def get_webhook_info(ctx: CallContext, params: dict[str, Any]) -> dict[str, Any]:
    """getWebhookInfo: url, pending count and the last delivery error."""
    hook = ctx.state.webhook
    info: dict[str, Any] = {
        "url": hook.url,
        "has_custom_certificate": False,
        "pending_update_count": len(ctx.state.pending),
    }
    if hook.url:
        info["max_connections"] = hook.max_connections
    if ctx.state.allowed_updates:
        info["allowed_updates"] = list(ctx.state.allowed_updates)
    if hook.last_error_date:
        info["last_error_date"] = hook.last_error_date
        info["last_error_message"] = hook.last_error_message
    return info


def update_handlers() -> dict[str, Handler]:
    """Handlers by canonical method name."""
    return {
        "getUpdates": get_updates,
        "setWebhook": set_webhook,
        "deleteWebhook": delete_webhook,
        "getWebhookInfo": get_webhook_info,
    }
