"""The sandbox says honestly what happens to texts: TRANSLATE_URL points it at a LibreTranslate
server (here the fake), which it then really asks; without one nothing is translated, and the
start-up text says so instead of showing made-up translations."""

from __future__ import annotations

from bot.config import Settings
from bot.sandbox.demo import sandbox_settings, translation_line
from bot.services.translation.engine import Provider
from bot.translation import build_translator
from tests.translation_fakes import FakeProvider, libretranslate_app, serving


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)  # type: ignore[call-arg, arg-type]


async def test_with_translate_url_the_sandbox_uses_that_libretranslate_server() -> None:
    fake = FakeProvider()
    async with serving(libretranslate_app(fake), fake):
        sandbox = sandbox_settings(settings(translate_url=fake.url))
        translator = build_translator(sandbox)
        assert translator is not None and translator.provider is Provider.LIBRETRANSLATE
        assert await translator.translate(["Merhaba"], "tr", "de", html=False) == ["[de] Merhaba"]
    assert [r["path"] for r in fake.requests] == ["/languages", "/translate"]
    assert translation_line(sandbox) == f"Machine translation: LibreTranslate at {fake.url}."


def test_without_a_server_nothing_is_translated_and_the_sandbox_says_so() -> None:
    sandbox = sandbox_settings(settings())
    assert sandbox.translate_provider == "none" and build_translator(sandbox) is None
    line = translation_line(sandbox)
    assert line.startswith("Machine translation: not configured, so nothing is translated")
    assert "TRANSLATE_URL" in line


def test_a_configured_provider_is_kept_and_named() -> None:
    chosen = settings(translate_provider="deepl", deepl_api_key="k")
    sandbox = sandbox_settings(chosen)
    assert sandbox.translate_provider == "deepl"
    assert "DeepL" in translation_line(sandbox)
