"""HTTP clients of the translation providers (adapters of bot.services.translation.Translator).

`build_translator(settings)`: the configured provider's client, or None (TRANSLATE_PROVIDER=none:
nothing is ever sent anywhere).
"""

from __future__ import annotations

from bot.config import Settings
from bot.services.translation.engine import Provider, Translator
from bot.translation.deepl import DeepLClient
from bot.translation.http import Transport
from bot.translation.libretranslate import LibreTranslateClient


def build_translator(settings: Settings) -> Translator | None:
    """The client TRANSLATE_PROVIDER names, with its URL, key, timeout and per-minute budget."""
    provider = Provider(settings.translate_provider)
    if provider is Provider.NONE:
        return None
    transport = Transport(settings.translate_timeout, settings.translate_per_minute)
    if provider is Provider.DEEPL:
        assert settings.deepl_api_key is not None  # checked by Settings
        return DeepLClient(
            settings.deepl_api_url, settings.deepl_api_key.get_secret_value(), transport
        )
    assert settings.translate_url is not None  # checked by Settings
    key = settings.translate_api_key.get_secret_value() if settings.translate_api_key else None
    return LibreTranslateClient(settings.translate_url, key, transport)
