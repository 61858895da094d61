"""One Bot API call from raw parameters to a Telegram-shaped answer, recorded for tests."""

from __future__ import annotations

import copy
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from .context import CallContext, ChatEvent, Options
from .errors import ApiError
from .limits import Failures, RateLimiter, sends_message
from .methods_bot import bot_handlers
from .methods_edit import edit_handlers
from .methods_send import Handler, send_handlers, send_other
from .methods_updates import update_handlers
from .objects import bot_user, minimal
from .spec import ApiSpec, Definition
from .state import BotState, RecordedCall
from .validate import Upload, Validator

TOKEN = re.compile(r"(\d+):([A-Za-z0-9_-]{30,})")
NOT_FOUND = ApiError(404, "Not Found")


@dataclass
class Pipeline:
    """Validation, injected failures, flood limits, the method handler and call recording."""

    spec: ApiSpec
    options: Options
    emit: Callable[[ChatEvent], Awaitable[None]]
    services: Any
    bot_username: str = "stadtstimme_sandbox_bot"
    bot_first_name: str = "Stadtstimme"
    limiter: RateLimiter | None = None
    failures: Failures = field(default_factory=Failures)
    states: dict[str, BotState] = field(default_factory=dict)
    handlers: dict[str, Handler] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.validator = Validator(self.spec, strict_ampersand=self.options.strict_ampersand)
        for group in (send_handlers, edit_handlers, bot_handlers, update_handlers):
            self.handlers.update(group())

    def state(self, token: str) -> BotState:
        """The state of one bot, created on first use."""
        if token not in self.states:
            self.states[token] = BotState(token, int(token.split(":", 1)[0]))
        return self.states[token]

    def me(self, token: str) -> dict[str, Any]:
        """The bot user for a token: id from the token, configured names."""
        bot_id = int(token.split(":", 1)[0])
        return bot_user(self.spec, bot_id, self.bot_username, self.bot_first_name)

    @staticmethod
    def check_token(token: str) -> None:
        """Malformed tokens get 404 like Telegram; a bad secret part gets 401."""
        if not re.fullmatch(r"\d+:.+", token):
            raise NOT_FOUND
        if not TOKEN.fullmatch(token):
            raise ApiError(401, "Unauthorized")

    async def execute(
        self, token: str, method_name: str, raw: dict[str, Any], uploads: dict[str, Upload]
    ) -> tuple[int, dict[str, Any]]:
        """Run a call and return (HTTP status, JSON body); every call is recorded."""
        call = RecordedCall(token, method_name, dict(raw), ok=False, status=0)
        try:
            self.check_token(token)
            method = self.spec.method(method_name)
            if method is None:
                raise NOT_FOUND
            call.method = method.name
            result = await self._run(token, method, raw, uploads, call)
        except ApiError as exc:
            call.status, call.error_code, call.description = (
                exc.error_code,
                exc.error_code,
                exc.description,
            )
            body = exc.payload()
        else:
            # a snapshot: later edits change the stored message, not what this call returned
            call.ok, call.status, call.result = True, 200, copy.deepcopy(result)
            body = {"ok": True, "result": result}
        if TOKEN.fullmatch(token):
            self.state(token).calls.append(call)
        return call.status, body

    async def _run(
        self,
        token: str,
        method: Definition,
        raw: dict[str, Any],
        uploads: dict[str, Upload],
        call: RecordedCall,
    ) -> Any:
        """Validate, then failures and limits, then the handler."""
        for name, upload in uploads.items():
            if name in method.fields and name not in raw:
                raw[name] = upload
        params = upgrade_legacy(self.validator.validate(method, raw, uploads))
        call.params, call.chat_id = params, params.get("chat_id")
        state = self.state(token)
        ctx = CallContext(self.spec, state, self.me(token), self.options, self.emit, uploads)
        ctx.services = self.services
        self.failures.check(token, method.name, call.chat_id)
        if self.limiter and sends_message(method.name) and "chat_id" in params:
            chat = ctx.chat(params["chat_id"])
            paid = bool(params.get("allow_paid_broadcast"))
            self.limiter.check(token, chat["id"], chat["type"] == "private", paid)
        handler = self.handlers.get(method.name)
        if handler is not None:
            return await handler(ctx, params)
        if method.name.startswith("send") and method.returns == ("Message",):
            return await send_other(ctx, params)
        return self.generic_result(method)

    def generic_result(self, method: Definition) -> Any:
        """True for Boolean methods, else the smallest valid object of the return type."""
        returns = method.returns[0] if method.returns else "Boolean"
        if returns in ("Boolean", "True"):
            return True
        return minimal(self.spec, returns)


def upgrade_legacy(params: dict[str, Any]) -> dict[str, Any]:
    """Express legacy parameters through their replacements, as Telegram does."""
    if "reply_to_message_id" in params and "reply_parameters" not in params:
        params["reply_parameters"] = {
            "message_id": params["reply_to_message_id"],
            "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
        }
    if "correct_option_id" in params:
        params.setdefault("correct_option_ids", [params["correct_option_id"]])
    if params.get("disable_web_page_preview"):
        params.setdefault("link_preview_options", {"is_disabled": True})
    return params
