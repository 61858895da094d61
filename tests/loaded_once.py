"""Read-only parts each test process loads once: the Bot API spec and the catalogs.

A flow test starts a fake Bot API and a bot; parsing the spec and loading the eleven catalogs
again each time cost ≈ 50 ms a test (docs/TESTING.md). Neither is changed by anyone, so one
copy per process serves every test (a cache in test code; the bot loads each once anyway).
"""

from __future__ import annotations

import functools

from aiogram.utils.i18n import I18n

from bot.i18n import build_i18n
from bot.sandbox.spec import ApiSpec, load_spec


@functools.cache
def api_spec() -> ApiSpec:
    """The vendored Bot API spec the fake validates every call against."""
    return load_spec()


@functools.cache
def catalogs(default_language: str) -> I18n:
    """Every catalog, with `default_language` for anyone without a language of their own."""
    return build_i18n(default_language)
