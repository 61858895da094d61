"""Bot API calls as JSON bodies (aiogram sends every call as a multipart form), and a prompt
close over plain HTTP."""

from __future__ import annotations

from typing import Any, cast

from aiogram import Bot
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.exceptions import TelegramNetworkError
from aiogram.methods import TelegramMethod
from aiogram.methods.base import TelegramType
from aiohttp import ClientError, ClientSession, ClientTimeout

JSON_HEADERS = {"Content-Type": "application/json"}


class PromptCloseSession(AiohttpSession):
    """aiogram's session, closed without waiting for a TLS shutdown where there is no TLS."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client: ClientSession | None = None  # aiohttp's session, once a call opened it

    async def create_session(self) -> ClientSession:
        self.client = await super().create_session()
        return self.client

    async def close(self) -> None:
        """Close the connections; aiogram then waits 250 ms for TLS connections to shut down.

        A Bot API over plain HTTP (a local Bot API server, the sandbox, the tests' fake) has
        no TLS to shut down, so the connections are closed first and aiogram has nothing to
        wait for: each restart and each `stadtstimme` command ends a quarter second sooner.
        """
        if self.client is not None and self.api.base.startswith("http://"):
            await self.client.close()
        await super().close()


class JsonSession(PromptCloseSession):
    """aiogram's session, but a call without a file goes out as one JSON object.

    Building and parsing a multipart form cost about as much as the call's own work
    (bench/RESULTS.md, run 6); the Bot API takes JSON as well. Uploads keep the form.
    """

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (aiogram's signature)
    ) -> TelegramType:
        files: dict[str, Any] = {}
        body = self.json_body(bot, method, files)
        if files:
            return await super().make_request(bot, method, timeout)
        session = await self.create_session()
        url = self.api.api_url(token=bot.token, method=method.__api_method__)
        try:
            async with session.post(
                url,
                data=self.json_dumps(body),
                headers=JSON_HEADERS,
                timeout=ClientTimeout(total=self.timeout if timeout is None else timeout),
            ) as resp:
                raw_result = await resp.text()
        except TimeoutError as e:
            raise TelegramNetworkError(method=method, message="Request timeout error") from e
        except ClientError as e:
            raise TelegramNetworkError(method=method, message=f"{type(e).__name__}: {e}") from e
        response = self.check_response(
            bot=bot, method=method, status_code=resp.status, content=raw_result
        )
        return cast(TelegramType, response.result)

    def json_body(
        self, bot: Bot, method: TelegramMethod[TelegramType], files: dict[str, Any]
    ) -> dict[str, Any]:
        """The call's parameters, bot defaults filled in, absent ones left out (as in the form)."""
        body = {}
        for key, value in method.model_dump(warnings=False).items():
            prepared = self.prepare_value(value, bot=bot, files=files, _dumps_json=False)
            if prepared is not None:
                body[key] = prepared
        return body
