"""Writes docs/examples/translation-staff-card.txt: a Turkish idea arriving in the staff chat with
its German translation, played through the real Dispatcher against the fake Bot API and the
LibreTranslate fake (tests/translation_fakes.py; its "translation" marks the text with "[de]").

    PYTHONPATH=. python docs/examples/translation_transcript.py
"""

from __future__ import annotations

import asyncio
import re
import sys
import tempfile
from html import unescape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT))

from bot.sandbox.server import FakeBotAPI  # noqa: E402
from bot.scheduler import translation_tick  # noqa: E402
from db import migrate  # noqa: E402
from db.session import create_engine  # noqa: E402
from tests.flow.announce_support import resident  # noqa: E402
from tests.flow.harness import Harness  # noqa: E402
from tests.flow.ideas_support import STAFF_CHAT, deliver, moderator, reference  # noqa: E402
from tests.flow.test_ideas_hand_in import hand_in  # noqa: E402
from tests.flow.test_ideas_translation import COMMENT, TURKISH  # noqa: E402
from tests.translation_fakes import FakeProvider, libretranslate_app, serving  # noqa: E402

OUT = Path(__file__).resolve().parent / "translation-staff-card.txt"


def plain(html: str) -> str:
    """Telegram HTML as a reader sees it (tags dropped, entities and bidi marks resolved)."""
    text = unescape(re.sub(r"<[^>]+>", "", html))
    return re.sub("[\u2066-\u2069]", "", text)


def block(title: str, text: str) -> str:
    return f"--- {title}\n{plain(text)}\n"


async def play() -> str:
    api = FakeBotAPI()
    fake = FakeProvider()
    parts = []
    async with serving(libretranslate_app(fake), fake):
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite+aiosqlite:///{Path(folder) / 'transcript.db'}"
            await migrate.upgrade(create_engine(url))
            h = Harness(
                api, await api.start(), url, staff_chat_id=STAFF_CHAT,
                translate_provider="libretranslate", translate_url=fake.url,
            )  # fmt: skip
            await h.start()
            author = await resident(h, 880, "tr")
            await hand_in(h, author, "tr", TURKISH)
            parts.append(block("Resident (Turkish), after pressing Gönder", author.last_text()))
            mod = await moderator(h)
            parts.append(block("Staff chat: the card as posted", mod.card(reference(h))["text"]))
            await translation_tick(h.runtime)
            await deliver(h)
            parts.append(block("Staff chat: the card after the translation tick (edited)",
                               mod.card(reference(h))["text"]))  # fmt: skip
            await mod.decide(reference(h), h.t("Publish", "de"), COMMENT)
            parts.append(block("Staff chat: the card after 'Veröffentlichen' with a comment",
                               mod.card(reference(h))["text"]))  # fmt: skip
            await deliver(h)
            parts.append(block("Resident: the notice about the decision", author.last_text()))
            await h.stop()
            asked = [(r["source"], r["target"]) for r in fake.requests if "q" in r]
            parts.append(f"--- Requests to LibreTranslate (source → target): {asked}\n")
    await api.stop()
    return "\n".join(parts)


def main() -> None:
    header = (
        "A Turkish idea arriving in the staff chat with its German translation (issue 21).\n"
        "Produced by docs/examples/translation_transcript.py: the real Dispatcher against the\n"
        'fake Bot API and the LibreTranslate fake, whose "translation" is the text marked\n'
        '"[de] " (no real provider is reachable here). HTML shown as plain text.\n\n'
    )
    OUT.write_text(header + asyncio.run(play()), encoding="utf-8")
    print(OUT.read_text(encoding="utf-8"))


if __name__ == "__main__":
    main()
