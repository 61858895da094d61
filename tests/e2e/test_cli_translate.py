"""`--translate` of `announce`, `polls add` and `meetings add`, in-process: the German is
machine-translated into every missing language (the LibreTranslate fake), stored as machine-made,
said on the terminal; without a provider the command refuses and stores nothing."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import CampaignText, Meeting, PollVariant
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli import POLL_SECRET, TOKEN, cli_in_process
from tests.e2e.test_cli_meetings import MEETING_YAML
from tests.e2e.test_cli_polls import GOOD as POLL
from tests.e2e.test_cli_polls import closes
from tests.e2e.translate_cli_support import libretranslate_in_thread, translated_pairs

GERMAN = "<b>Bürgerforum</b> am Montag im Rathaus"
TURKISH = "<b>Vatandaş forumu</b> pazartesi belediye binasında"
OTHERS = ("en", "ar", "ru", "uk", "pl", "bg", "ro", "el")


def env(database_url: str, **extra: str) -> dict[str, str]:
    return {
        "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, **extra,
    }  # fmt: skip


def provider(url: str) -> dict[str, str]:
    return {"TRANSLATE_PROVIDER": "libretranslate", "TRANSLATE_URL": url}


def stored(database_url: str, *columns: Any) -> list[tuple[Any, ...]]:
    """Rows of the given columns (the command has finished: a loop of our own)."""

    async def read() -> list[tuple[Any, ...]]:
        engine = create_engine(database_url)
        try:
            async with create_session_factory(engine)() as session:
                return [tuple(row) for row in (await session.execute(select(*columns))).all()]
        finally:
            await engine.dispose()

    return asyncio.run(read())


def files(tmp_path: Path) -> list[str]:
    german, turkish = tmp_path / "de.html", tmp_path / "tr.html"
    german.write_text(GERMAN, encoding="utf-8")
    turkish.write_text(TURKISH, encoding="utf-8")
    return ["--text-file", str(german), "--text-file", str(turkish), "--lang", "tr"]


def test_announce_translate_fills_the_missing_languages(database_url: str, tmp_path: Path) -> None:
    args = ["announce", *files(tmp_path), "--translate", "--yes", "--detach"]
    with libretranslate_in_thread() as fake:
        result = cli_in_process(args, env(database_url, **provider(fake.url)), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "machine-translated: ar bg el en pl ro ru uk" in result.stderr
    assert sorted(translated_pairs(fake)) == sorted(("de", code) for code in OTHERS)
    rows = stored(database_url, CampaignText.language, CampaignText.text, CampaignText.machine)
    versions = {language: (text, machine) for language, text, machine in rows}
    assert versions["de"] == (GERMAN, False)
    assert versions["tr"] == (TURKISH, False)  # the operator's own file is kept
    assert versions["en"] == (f"[en] {GERMAN}", True)
    assert len(versions) == 10


def test_announce_translate_without_a_provider_queues_nothing(
    database_url: str, tmp_path: Path
) -> None:
    args = ["announce", *files(tmp_path), "--translate", "--yes", "--detach"]
    result = cli_in_process(args, env(database_url, TRANSLATE_PROVIDER="none"), tmp_path)
    assert result.returncode == 2
    assert "machine translation is not configured (TRANSLATE_PROVIDER=none)" in result.stderr
    assert stored(database_url, CampaignText.language) == []


def test_polls_add_translate_fills_the_missing_variants(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "poll.yaml").write_text(POLL.replace("CLOSES", closes()), encoding="utf-8")
    args = ["polls", "add", "--file", "poll.yaml", "--translate"]
    with libretranslate_in_thread() as fake:
        result = cli_in_process(args, env(database_url, **provider(fake.url)), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "machine-translated: ar bg el en pl ro ru uk" in result.stderr
    assert len(translated_pairs(fake)) == 8 * 3  # the question and two answers, 8 languages
    rows = stored(database_url, PollVariant.language, PollVariant.question, PollVariant.machine)
    variants = {language: (question, machine) for language, question, machine in rows}
    assert variants["tr"] == ("Innenhafen'da ne görmek istersin?", False)
    assert variants["el"] == ("[el] Was wünschst du dir am Innenhafen?", True)
    assert len(variants) == 10


def test_meetings_add_translate_fills_the_missing_texts(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "meeting.yaml").write_text(MEETING_YAML, encoding="utf-8")
    args = ["meetings", "add", "--file", "meeting.yaml", "--translate"]
    with libretranslate_in_thread() as fake:
        result = cli_in_process(args, env(database_url, **provider(fake.url)), tmp_path)
    assert result.returncode == 0, result.stderr
    assert "machine-translated: ar bg el en pl ro ru uk" in result.stderr
    [(title, description, machine)] = stored(
        database_url, Meeting.title, Meeting.description, Meeting.machine_languages
    )
    titles, descriptions = json.loads(title), json.loads(description)
    assert titles["tr"] == "Hamborn Vatandaş Forumu"  # the file's own Turkish title is kept
    assert titles["en"] == "[en] Bürgerforum Hamborn"
    assert descriptions["en"] == "[en] Radwege im Norden"
    assert "tr" not in json.loads(machine) and "en" in json.loads(machine)


def test_meetings_add_translate_without_a_provider_stores_nothing(
    database_url: str, tmp_path: Path
) -> None:
    (tmp_path / "meeting.yaml").write_text(MEETING_YAML, encoding="utf-8")
    args = ["meetings", "add", "--file", "meeting.yaml", "--translate"]
    result = cli_in_process(args, env(database_url), tmp_path)
    assert result.returncode == 2
    assert "TRANSLATE_PROVIDER=none" in result.stderr
    assert stored(database_url, Meeting.id) == []
