"""Errors the fake Bot API answers with, shaped like Telegram's."""

from __future__ import annotations

from typing import Any


class ApiError(Exception):
    """A Telegram-style error answer: error_code, description and optional parameters."""

    def __init__(self, error_code: int, description: str, retry_after: int | None = None) -> None:
        super().__init__(description)
        self.error_code = error_code
        self.description = description
        self.retry_after = retry_after

    def payload(self) -> dict[str, Any]:
        """The JSON body Telegram would send for this error."""
        body: dict[str, Any] = {
            "ok": False,
            "error_code": self.error_code,
            "description": self.description,
        }
        if self.retry_after is not None:
            body["parameters"] = {"retry_after": self.retry_after}
        return body


def bad_request(detail: str) -> ApiError:
    """A 400 answer with Telegram's "Bad Request: " prefix."""
    return ApiError(400, f"Bad Request: {detail}")


DEFAULT_DESCRIPTIONS = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    429: "Too Many Requests: retry after {retry_after}",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


def default_description(error_code: int, retry_after: int | None) -> str:
    """Telegram's usual wording for an error code (used when a test injects no description)."""
    text = DEFAULT_DESCRIPTIONS.get(error_code, "Error")
    return text.format(retry_after=retry_after or 1)
