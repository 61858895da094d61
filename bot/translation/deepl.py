"""DeepL API v2: POST /v2/translate with `Authorization: DeepL-Auth-Key <key>`.

JSON body `{text: [...], source_lang, target_lang, tag_handling: "html"}` →
`{"translations": [{"detected_source_language", "text"}]}`; 403 key refused, 429 too many
requests, 456 quota exceeded, 5xx try again. DEEPL_API_URL: https://api-free.deepl.com (keys
ending in ":fx") or https://api.deepl.com (Pro). DeepL translates from and into all ten of our
languages; its codes are upper case, and English as a target must name a variant (EN-GB).
"""

from __future__ import annotations

from typing import Any

from bot.config import LANGUAGES
from bot.services.translation.engine import Provider, TranslationUnavailable
from bot.translation.http import Transport

# Ours → DeepL's. Source codes never carry a variant.
SOURCE_CODES = {language: language.upper() for language in LANGUAGES}
TARGET_CODES = SOURCE_CODES | {"en": "EN-GB"}  # "EN" alone is deprecated as a target


class DeepLClient:
    """DeepL at DEEPL_API_URL with DEEPL_API_KEY."""

    provider = Provider.DEEPL

    def __init__(self, url: str, api_key: str, transport: Transport) -> None:
        self.url, self.api_key, self.transport = url.rstrip("/"), api_key, transport

    def supports(self, source: str, target: str) -> bool:
        """All pairs of our ten languages."""
        return source in SOURCE_CODES and target in TARGET_CODES

    async def translate(
        self, texts: list[str], source: str, target: str, *, html: bool
    ) -> list[str]:
        """All texts in one request, answers in the same order."""
        if not self.supports(source, target):
            raise TranslationUnavailable(f"DeepL has no {source}→{target}", refused=True)
        body: dict[str, Any] = {
            "text": texts, "source_lang": SOURCE_CODES[source],
            "target_lang": TARGET_CODES[target],
        }  # fmt: skip
        if html:
            body["tag_handling"] = "html"
        headers = {"Authorization": f"DeepL-Auth-Key {self.api_key}"}
        answer = await self.transport.request(
            "POST", f"{self.url}/v2/translate", json=body, headers=headers
        )
        translations = answer.get("translations") if isinstance(answer, dict) else None
        if not isinstance(translations, list) or len(translations) != len(texts):
            raise TranslationUnavailable("POST /v2/translate: unexpected answer")
        return [str(item.get("text", "")) for item in translations]
