"""A real browser on the real sandbox: an editor writes what came out of a meeting, sends and
publishes it, and anyone opens the public page; a closed poll's results go public in Arabic.

The meeting is added to the sandbox's database and then moved into the past (time passing);
everything else happens in the browser. Screenshots: test-output/dashboard/12-outcome.png,
13-public-poll.png (and a few around them).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.config import Settings
from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.audience import Audience
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.lifecycle import MeetingInput
from bot.services.polls import lifecycle as polls
from bot.services.polls.input import PollAudience, PollDraft
from db.models import Meeting
from db.session import create_engine, create_session_factory
from tests.e2e.browser_support import TIMEOUT_MS, Catalog, SandboxProcess, open_page
from tests.e2e.test_dashboard_browser import SHOTS, sign_in_link

t = Catalog()
OUTCOME = "Der Spielplatz an der Kampstraße wird 2027 erneuert; die Beleuchtung kommt im Mai."


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


async def meeting_that_took_place(sandbox: SandboxProcess) -> int:
    """A published meeting in Meiderich, then moved to yesterday (it has taken place)."""
    engine = create_engine(f"sqlite+aiosqlite:///{sandbox.directory / 'stadtstimme-sandbox.db'}")
    starts = datetime.now(UTC) + timedelta(days=2)
    data = MeetingInput(
        title={"de": "Bürgerforum Meiderich"}, district="meiderich-beeck",
        venue="Stadtteilbibliothek", address="Von-der-Mark-Str. 71, 47137 Duisburg", starts=starts,
        ends=starts + timedelta(hours=2),
    )  # fmt: skip
    render = notice_renderer(build_i18n("de"), Settings().zone)  # type: ignore[call-arg]
    try:
        async with create_session_factory(engine)() as session:
            meeting = await meetings.create(session, Clock(), data, created_by=0)
            await meetings.publish(session, Clock(), meeting, render, "de", actor=0)
            await session.commit()
            stored = await session.get(Meeting, meeting.id)
            assert stored is not None
            stored.starts_at = datetime.now(UTC) - timedelta(days=1, hours=2)
            stored.ends_at = datetime.now(UTC) - timedelta(days=1)
            await session.commit()
            return meeting.id
    finally:
        await engine.dispose()


async def poll_of_its_own(sandbox: SandboxProcess) -> int:
    """An open poll for Walsum's residents (none in the demo): the demo poll stays open for the
    other browser tests sharing this sandbox."""
    engine = create_engine(f"sqlite+aiosqlite:///{sandbox.directory / 'stadtstimme-sandbox.db'}")
    audience = PollAudience(residents=Audience(districts=frozenset({"walsum"})))
    draft = PollDraft(
        {"de": "Soll der Rheinpark länger beleuchtet werden?"}, {"de": ["Ja", "Nein"]},
        datetime.now(UTC) + timedelta(days=3), audience=audience,
    )  # fmt: skip
    try:
        async with create_session_factory(engine)() as session:
            return (await polls.create(session, Clock(), draft, created_by=0)).id
    finally:
        await engine.dispose()


async def test_an_editor_writes_sends_and_publishes_an_outcome_and_a_polls_results(
    browser: Any, sandbox_process: SandboxProcess
) -> None:
    from playwright.async_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    meeting_id = await meeting_that_took_place(sandbox_process)
    poll_id = await poll_of_its_own(sandbox_process)
    chat = await open_page(browser, sandbox_process.base, SHOTS.parent)
    link = await sign_in_link(chat)
    context = await browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto(link)
    await page.locator("button", has_text=t("Sign in to the dashboard", "de")).click()
    base = page.url.rstrip("/")

    await page.locator("nav a", has_text=t("Meetings", "de")).click()
    row = page.locator("tbody tr", has_text="Bürgerforum Meiderich")
    await row.locator("a", has_text=t("Outcome", "de")).click()
    await page.fill("textarea[name=text_de]", OUTCOME)
    await page.locator("form.outcome button", has_text=t("Save", "de")).click()
    await page.check("input[name=confirm]")
    await page.screenshot(path=str(SHOTS / "12-outcome.png"), full_page=True)
    await page.locator("button", has_text=t("Send the outcome", "de")).click()
    await expect(page.locator("p[role=status]")).to_contain_text(
        t("Sent. People told: {count}.", "de").split("{")[0]
    )
    await page.locator("button", has_text=t("Publish on a public page", "de")).click()
    public = f"/public/meetings/{meeting_id}/outcome"
    await expect(page.locator(f'a[href="{public}"]')).to_be_visible()

    visitor = await browser.new_context(locale="tr-TR")  # no session: anyone
    reader = await visitor.new_page()
    reader.set_default_timeout(TIMEOUT_MS)
    await reader.goto(base + public)
    await expect(reader.locator("html")).to_have_attribute("lang", "tr")
    await expect(reader.locator(".outcome-text")).to_have_text(OUTCOME)  # German: the fallback
    await reader.screenshot(path=str(SHOTS / "12b-public-outcome.png"), full_page=True)

    await page.locator("nav a", has_text=t("Polls", "de")).click()
    await page.locator(f'tbody a[href="/polls/{poll_id}"]').first.click()
    await page.locator("button", has_text=t("Close the poll now", "de")).click()
    await page.locator("button", has_text=t("Publish the results on a public page", "de")).click()
    await reader.goto(f"{base}/public/polls/{poll_id}?lang=ar")
    await expect(reader.locator("html")).to_have_attribute("dir", "rtl")
    await expect(reader.locator("table")).to_be_visible()
    await reader.screenshot(path=str(SHOTS / "13-public-poll.png"), full_page=True)
    assert (await reader.goto(f"{base}/public/polls/999999")).status == 404  # type: ignore[union-attr]
    assert errors == []
