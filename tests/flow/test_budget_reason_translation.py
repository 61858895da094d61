"""A "not feasible" reason reaches the proposal's author in the author's language, as a staff
comment reaches an idea's author: the machine translation where the reason was, labelled, the
city's words below; the original with a note when the provider fails; the decision never waits."""

from __future__ import annotations

import asyncio
from html import escape
from pathlib import Path

import pytest

from bot.sandbox.server import FakeBotAPI
from bot.services.bidi import isolate
from db.models import ProposalStatus
from tests.e2e.test_cli import cli_in_process
from tests.flow.announce_support import editor, resident
from tests.flow.budget_proposals_support import handed_in, proposals_process, stored
from tests.flow.harness import POLL_SECRET, TOKEN, Chat, Harness
from tests.flow.ideas_support import notices
from tests.flow.translate_support import translated_requests, translating

REASON = "Das Grundstück gehört nicht der Stadt."
TITLE = "Neue Bänke im Park"


async def refuse(h: Harness, staff: Chat, waiting: int) -> None:
    """The editor refuses the first proposal waiting for review, with REASON."""
    await staff.send("/budget")
    await staff.press(h.t("Review ({count})", "en").format(count=waiting))
    await staff.press(h.t("Not feasible", "en"))
    await staff.send(REASON)
    assert staff.last_text() == h.t("Done. The author gets a message.", "en")


def refused(h: Harness, language: str, reason: str) -> str:
    return h.t(
        "Your proposal “{title}” cannot be put to the vote. The city's reason: {reason}", language
    ).format(title=TITLE, reason=reason)


async def test_the_reason_reaches_the_author_in_their_language_with_the_original_below(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        process_id = await proposals_process(h, threshold=0, district="hamborn")
        author = await resident(h, 9_701, "tr")
        proposal = await handed_in(h, process_id, 9_701, TITLE)
        await refuse(h, await editor(h), waiting=1)
        assert (await stored(h, proposal)).status == ProposalStatus.NOT_FEASIBLE
        note = h.t("Machine translation ({provider}). The city team wrote:", "tr").format(
            provider="LibreTranslate"
        )
        assert await notices(h, author.id) == [
            f"{refused(h, 'tr', escape(f'[tr] {REASON}'))}\n\n🌐 {escape(note)}\n"
            f"<blockquote expandable>{isolate(escape(REASON))}</blockquote>"
        ]
        assert translated_requests(fake) == [("de", "tr")]


async def test_a_failing_provider_sends_the_original_with_a_note_and_german_needs_none(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with translating(fake_api, database_url) as (h, fake):
        process_id = await proposals_process(h, threshold=0, district="hamborn")
        author = await resident(h, 9_711, "uk")
        german = await resident(h, 9_712, "de")
        first = await handed_in(h, process_id, 9_711, TITLE)
        second = await handed_in(h, process_id, 9_712, TITLE)
        fake.refused = {REASON}  # the provider answers 400 for this text
        staff = await editor(h)
        await refuse(h, staff, waiting=2)  # not blocked by the failure
        assert (await stored(h, first)).status == ProposalStatus.NOT_FEASIBLE
        unavailable = h.t(
            "The machine translation is not available right now, so the city team's comment "
            "is shown as they wrote it.",
            "uk",
        )
        assert await notices(h, author.id) == [
            f"{refused(h, 'uk', escape(REASON))}\n\n🌐 <i>{escape(unavailable)}</i>"
        ]
        asked = len(translated_requests(fake))
        await refuse(h, staff, waiting=1)  # the author reads German: nothing to translate
        assert (await stored(h, second)).status == ProposalStatus.NOT_FEASIBLE
        assert await notices(h, german.id) == [refused(h, "de", escape(REASON))]
        assert len(translated_requests(fake)) == asked


async def test_without_a_provider_the_reason_goes_as_written(harness: Harness) -> None:
    h = harness
    process_id = await proposals_process(h, threshold=0, district="hamborn")
    author = await resident(h, 9_721, "tr")
    await handed_in(h, process_id, 9_721, TITLE)
    await refuse(h, await editor(h), waiting=1)
    assert await notices(h, author.id) == [refused(h, "tr", escape(REASON))]


async def test_the_cli_translates_the_reason_too(
    fake_api: tuple[FakeBotAPI, str], database_url: str, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)  # no developer's .env is read
    async with translating(fake_api, database_url) as (h, fake):
        process_id = await proposals_process(h, threshold=0, district="hamborn")
        author = await resident(h, 9_731, "ar")
        proposal = await handed_in(h, process_id, 9_731, TITLE)
        env = {
            "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET,
            "TRANSLATE_PROVIDER": "libretranslate", "TRANSLATE_URL": fake.url,
        }  # fmt: skip
        arguments = ["budget", "review", str(proposal), "--not-feasible", REASON]
        done = await asyncio.to_thread(cli_in_process, arguments, env)
        assert done.stdout.strip() == f"proposal {proposal} is not feasible; the author is told"
        [notice] = await notices(h, author.id)
        assert notice.startswith(refused(h, "ar", escape(f"[ar] {REASON}")))
        assert f"<blockquote expandable>{isolate(escape(REASON))}</blockquote>" in notice
        assert translated_requests(fake) == [("de", "ar")]
