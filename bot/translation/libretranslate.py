"""LibreTranslate (open source, self-hosted): POST /translate, GET /languages.

Request `{q, source, target, format, api_key}` → `{"translatedText": …}`; errors `{"error": …}`
with 400 (bad request), 403 (key refused), 429 (slow down), 500 (translation failed). Its codes
are ours (de en tr ar ru uk pl bg ro el); which pairs a server offers depends on the models
installed there, so GET /languages is asked once and decides `supports`.
"""

from __future__ import annotations

from typing import Any

from bot.config import LANGUAGES
from bot.services.translation.engine import Provider, TranslationUnavailable
from bot.translation.http import Transport


def pairs_of(languages: Any) -> dict[str, set[str]]:
    """GET /languages' answer as {source: targets}; an entry without `targets` (older servers)
    is taken to reach every language the server lists."""
    if not isinstance(languages, list):
        raise TranslationUnavailable("GET /languages: unexpected answer")
    codes = {str(entry.get("code")) for entry in languages if isinstance(entry, dict)}
    pairs: dict[str, set[str]] = {}
    for entry in languages:
        if isinstance(entry, dict) and entry.get("code"):
            targets = entry.get("targets")
            pairs[str(entry["code"])] = set(map(str, targets)) if targets else codes
    return pairs


class LibreTranslateClient:
    """A LibreTranslate server at TRANSLATE_URL (TRANSLATE_API_KEY if it requires keys)."""

    provider = Provider.LIBRETRANSLATE

    def __init__(self, url: str, api_key: str | None, transport: Transport) -> None:
        self.url, self.api_key, self.transport = url.rstrip("/"), api_key, transport
        self._pairs: dict[str, set[str]] | None = None  # None until GET /languages answered

    def supports(self, source: str, target: str) -> bool:
        """Our languages, until the server said which pairs it has; then those."""
        if self._pairs is None:
            return source in LANGUAGES and target in LANGUAGES
        return target in self._pairs.get(source, set())

    async def languages(self) -> dict[str, set[str]]:
        """The server's language pairs (asked once)."""
        if self._pairs is None:
            self._pairs = pairs_of(await self.transport.request("GET", f"{self.url}/languages"))
        return self._pairs

    async def translate(
        self, texts: list[str], source: str, target: str, *, html: bool
    ) -> list[str]:
        """One POST /translate per text (`format` html keeps Telegram's tags)."""
        if target not in (await self.languages()).get(source, set()):
            raise TranslationUnavailable(f"the server offers no {source}→{target}", refused=True)
        results = []
        for text in texts:
            body: dict[str, Any] = {
                "q": text, "source": source, "target": target,
                "format": "html" if html else "text",
            }  # fmt: skip
            if self.api_key:
                body["api_key"] = self.api_key
            answer = await self.transport.request("POST", f"{self.url}/translate", json=body)
            if not isinstance(answer, dict) or not isinstance(answer.get("translatedText"), str):
                raise TranslationUnavailable("POST /translate: no translatedText in the answer")
            results.append(answer["translatedText"])
        return results
