"""Both provider clients against fakes that follow the documented APIs (request shape, auth
header, error answers, 429 with Retry-After, the per-minute budget)."""

from __future__ import annotations

import pytest

from bot.config import SettingsError, load_settings
from bot.services.translation.engine import Provider, TranslationUnavailable
from bot.translation import build_translator
from bot.translation.deepl import DeepLClient
from bot.translation.http import MinuteBudget, Transport
from bot.translation.libretranslate import LibreTranslateClient
from tests.translation_fakes import (
    Failure,
    FakeProvider,
    deepl_app,
    libretranslate_app,
    serving,
)

KEY = "0a1b2c3d-0000-4000-8000-123456789abc:fx"


class Sleeps:
    """Records the waits instead of sleeping."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def transport(sleeps: Sleeps | None = None, per_minute: int = 60) -> Transport:
    return Transport(5.0, per_minute, sleep=sleeps or Sleeps())


async def test_libretranslate_sends_the_documented_request_and_reads_translated_text() -> None:
    fake = FakeProvider(api_key="city-key")
    async with serving(libretranslate_app(fake), fake):
        client = LibreTranslateClient(fake.url + "/", "city-key", transport())
        result = await client.translate(["Daha fazla bank"], "tr", "de", html=False)
    assert result == ["[de] Daha fazla bank"]
    assert fake.requests[0] == {"path": "/languages"}
    assert fake.requests[1] == {
        "path": "/translate", "q": "Daha fazla bank", "source": "tr", "target": "de",
        "format": "text", "api_key": "city-key",
    }  # fmt: skip


async def test_libretranslate_html_texts_go_with_format_html() -> None:
    fake = FakeProvider()
    async with serving(libretranslate_app(fake), fake):
        client = LibreTranslateClient(fake.url, None, transport())
        await client.translate(["<b>Merhaba</b>"], "tr", "de", html=True)
    assert fake.requests[1]["format"] == "html"
    assert "api_key" not in fake.requests[1]


async def test_libretranslate_refused_key_is_unavailable_with_the_servers_words() -> None:
    fake = FakeProvider(api_key="right")
    async with serving(libretranslate_app(fake), fake):
        client = LibreTranslateClient(fake.url, "wrong", transport())
        with pytest.raises(TranslationUnavailable, match="403: Invalid API key"):
            await client.translate(["Merhaba"], "tr", "de", html=False)
    assert len(fake.requests) == 2  # a refusal is not retried


async def test_libretranslate_pairs_the_server_lacks_are_not_offered() -> None:
    fake = FakeProvider(languages=("en", "de", "tr"))
    async with serving(libretranslate_app(fake), fake):
        client = LibreTranslateClient(fake.url, None, transport())
        assert client.supports("el", "de")  # not known before the server was asked
        with pytest.raises(TranslationUnavailable, match="no el→de"):
            await client.translate(["Γεια"], "el", "de", html=False)
    assert not client.supports("el", "de")
    assert client.supports("tr", "de")
    assert [r["path"] for r in fake.requests] == ["/languages"]


async def test_429_waits_as_retry_after_says_then_succeeds() -> None:
    fake = FakeProvider()
    fake.fail_next = [Failure(429, {"error": "Slowdown"}, {"Retry-After": "2"})]
    sleeps = Sleeps()
    async with serving(libretranslate_app(fake), fake):
        client = LibreTranslateClient(fake.url, None, transport(sleeps))
        assert await client.translate(["Merhaba"], "tr", "de", html=False) == ["[de] Merhaba"]
    assert sleeps.waits == [2.0]


async def test_5xx_is_retried_with_growing_backoff_and_then_given_up() -> None:
    fake = FakeProvider()
    fake.fail_next = [Failure(500, {"error": "boom"}) for _ in range(3)]
    sleeps = Sleeps()
    async with serving(libretranslate_app(fake), fake):
        client = LibreTranslateClient(fake.url, None, transport(sleeps))
        with pytest.raises(TranslationUnavailable, match="500: boom"):
            await client.translate(["Merhaba"], "tr", "de", html=False)
    assert sleeps.waits == [0.5, 1.0]
    assert sum(r["path"] == "/translate" for r in fake.requests) == 3


async def test_a_long_retry_after_gives_up_at_once_for_a_later_tick() -> None:
    fake = FakeProvider()
    fake.fail_next = [Failure(429, {"message": "Too many requests"}, {"Retry-After": "600"})]
    sleeps = Sleeps()
    async with serving(deepl_app(fake, KEY), fake):
        client = DeepLClient(fake.url, KEY, transport(sleeps))
        with pytest.raises(TranslationUnavailable, match="429"):
            await client.translate(["Merhaba"], "tr", "de", html=False)
    assert sleeps.waits == []


async def test_a_provider_nobody_answers_at_is_unavailable() -> None:
    client = LibreTranslateClient("http://127.0.0.1:9", None, transport())
    with pytest.raises(TranslationUnavailable):
        await client.translate(["Merhaba"], "tr", "de", html=False)


async def test_deepl_sends_the_key_in_the_header_and_codes_in_deepls_form() -> None:
    fake = FakeProvider()
    async with serving(deepl_app(fake, KEY), fake):
        client = DeepLClient(fake.url, KEY, transport())
        result = await client.translate(["Mehr Bänke", "<b>Danke</b>"], "de", "en", html=True)
    assert result == ["[EN-GB] Mehr Bänke", "[EN-GB] <b>Danke</b>"]
    assert fake.requests == [{
        "path": "/v2/translate", "text": ["Mehr Bänke", "<b>Danke</b>"], "source_lang": "DE",
        "target_lang": "EN-GB", "tag_handling": "html",
    }]  # fmt: skip
    assert fake.headers[0]["Authorization"] == f"DeepL-Auth-Key {KEY}"
    assert "auth_key" not in fake.requests[0]


async def test_deepl_refused_key_and_quota_are_unavailable() -> None:
    fake = FakeProvider()
    async with serving(deepl_app(fake, KEY), fake):
        with pytest.raises(TranslationUnavailable, match="403"):
            await DeepLClient(fake.url, "other:fx", transport()).translate(
                ["Merhaba"], "tr", "de", html=False
            )
        fake.fail_next = [Failure(456, {"message": "Quota exceeded"})]
        with pytest.raises(TranslationUnavailable, match="456: Quota exceeded"):
            await DeepLClient(fake.url, KEY, transport()).translate(
                ["Merhaba"], "tr", "de", html=False
            )


async def test_the_budget_stops_requests_beyond_the_minute() -> None:
    fake = FakeProvider()
    async with serving(deepl_app(fake, KEY), fake):
        client = DeepLClient(fake.url, KEY, transport(per_minute=2))
        await client.translate(["eins"], "de", "tr", html=False)
        await client.translate(["zwei"], "de", "tr", html=False)
        with pytest.raises(TranslationUnavailable, match="budget"):
            await client.translate(["drei"], "de", "tr", html=False)
    assert len(fake.requests) == 2


def test_the_budget_frees_up_after_a_minute() -> None:
    now = [100.0]
    budget = MinuteBudget(1, now=lambda: now[0])
    assert budget.take()
    assert not budget.take()
    now[0] += 60
    assert budget.take()


def test_the_setting_decides_the_client_and_none_sends_nothing() -> None:
    assert build_translator(load_settings(translate_provider="none")) is None
    libre = build_translator(
        load_settings(translate_provider="libretranslate", translate_url="http://lt:5000")
    )
    assert libre is not None and libre.provider is Provider.LIBRETRANSLATE
    deepl = build_translator(load_settings(translate_provider="deepl", deepl_api_key=KEY))
    assert isinstance(deepl, DeepLClient) and deepl.url == "https://api-free.deepl.com"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"translate_provider": "google"}, "TRANSLATE_PROVIDER: expected one of none, "),
        ({"translate_provider": "libretranslate"}, "TRANSLATE_URL: required with"),
        ({"translate_provider": "deepl"}, "DEEPL_API_KEY: required with"),
        (
            {"translate_provider": "libretranslate", "translate_url": "lt:5000"},
            "TRANSLATE_URL: expected an http(s) URL",
        ),
    ],
)
def test_wrong_translation_settings_stop_with_one_clear_line(
    values: dict[str, str], message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(**values)
    assert str(raised.value).startswith(message)
