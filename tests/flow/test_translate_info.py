"""Information pages, staff writing once: `stadtstimme info set --lang de --translate` (the way
staff edit pages) stores every other language machine-translated; `info list` marks them; staff
rewrite one; a Turkish resident reads the Turkish page with the machine-translated note, an
English one the version staff wrote."""

from __future__ import annotations

import asyncio
from pathlib import Path

from bot.sandbox.server import FakeBotAPI
from tests.e2e.test_cli import POLL_SECRET, TOKEN, cli_in_process
from tests.flow.harness import Chat, Harness
from tests.flow.translate_support import audit_after, note, translating

TITLE = "Sprechstunde"
BODY = "<b>Jeden Dienstag</b> von 16 bis 18 Uhr im Rathaus."
ENGLISH = "<b>Every Tuesday</b> from 4 to 6 pm at the town hall."


async def cli(database_url: str, tmp_path: Path, *args: str, url: str = "") -> str:
    """The command in a thread (it runs an event loop of its own); its output."""
    env = {
        "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET,
        "TRANSLATE_PROVIDER": "libretranslate" if url else "none", "TRANSLATE_URL": url,
    }  # fmt: skip
    result = await asyncio.to_thread(cli_in_process, list(args), env, tmp_path)
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


async def open_page(h: Harness, chat: Chat, language: str, title: str) -> str:
    await chat.send("/start")
    await chat.press(h.t("Continue", language))
    await chat.press(h.t("Skip", language))
    await chat.press(h.t("Information", language))
    await chat.press(title)
    return chat.last_text()


async def test_translate_review_edit_read(
    fake_api: tuple[FakeBotAPI, str], database_url: str, tmp_path: Path
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        (tmp_path / "de.html").write_text(BODY, encoding="utf-8")
        (tmp_path / "en.html").write_text(ENGLISH, encoding="utf-8")
        german = ["--lang", "de", "--file", "de.html", "--title", TITLE, "--translate"]
        said = await cli(
            database_url, tmp_path, "info", "set", "office-hours", *german, url=fake.url
        )
        assert "machine-translated: ar bg el en pl ro ru tr uk" in said
        listed = await cli(database_url, tmp_path, "info", "list")
        assert "office-hours" in listed and "tr*" in listed  # review: which are machine-made
        await cli(
            database_url,
            tmp_path,
            "info",
            "set",
            "office-hours",
            "--lang",
            "en",
            "--file",
            "en.html",
        )

        turkish = await open_page(h, h.chat(791, "tr"), "tr", f"[tr] {TITLE}")
        assert note(h, "tr") != note(h, "en")
        body = "[tr] Jeden Dienstag von 16 bis 18 Uhr im Rathaus."  # the <b> kept as formatting
        assert turkish == f"[tr] {TITLE}\n\n{body}\n\n{note(h, 'tr')}"
        english = await open_page(h, h.chat(792, "en"), "en", f"[en] {TITLE}")
        assert "Every Tuesday from 4 to 6 pm" in english and "Machine-translated" not in english
        edits = await audit_after(h, "info.edit")
        assert [edit["machine"] for edit in edits].count(True) == 9
        assert edits[-1]["machine"] is False  # the English version staff wrote
