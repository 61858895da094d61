"""The announcement form's "🌐 Translate into the other languages": the empty language fields
filled from the German text for staff to check (nothing stored or sent), the preview with the
note each machine-made version's readers see, sent with the machine flag unless changed; a
failing provider keeps the German and names the languages left.

The provider is the LibreTranslate fake (an aiohttp server the test starts)."""

from __future__ import annotations

import json
import re

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.config import LANGUAGES
from bot.services.campaigns import lifecycle as campaigns
from db.models import StaffAudit
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, sign_in
from tests.db.test_dashboard_announcements import Factory, de, hidden, stored
from tests.db.test_dashboard_info_translate import BUTTON, NOT_SET_UP, asked, name
from tests.db.test_polls import residents
from tests.translation_fakes import Failure, FakeProvider

# The fixtures, used by name.
factory, client, translating = support.factory, support.client, support.translating
GERMAN = "<b>Bürgerforum</b> am Montag\r\nim Rathaus"


def fields_in(page: str) -> dict[str, str]:
    """Every language's text as the form shows it (HTML-escaped in the textarea)."""
    found = re.findall(r'<textarea name="(text_[a-z]+)"[^>]*>([^<]*)</textarea>', page)
    unescape = {"&lt;": "<", "&gt;": ">", "&#34;": '"', "&amp;": "&"}
    texts = {}
    for key, value in found:
        for escaped, plain in unescape.items():
            value = value.replace(escaped, plain)
        texts[key] = value
    return texts


async def test_drafts_fill_the_empty_fields_and_are_sent_machine_made_unless_changed(
    translating: tuple[TestClient, FakeProvider], factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    client, fake = translating
    async with factory() as session:
        await residents(session, ["de", "ar", "tr"])
    csrf = await sign_in(client, factory, EDITOR)
    form = await (await client.get("/announcements/new")).text()
    assert BUTTON in form and NOT_SET_UP not in form
    base = {"csrf": csrf, "nonce": hidden(form, "nonce"), "text_de": GERMAN, "text_uk": "Привіт"}
    shown = await client.post("/announcements/new", data={**base, "step": "translate"})
    page = await shown.text()
    texts = fields_in(page)
    assert shown.status == 200 and not await stored(factory)  # shown, nothing stored
    assert texts["text_ar"] == "[ar] <b>Bürgerforum</b> am Montag\nim Rathaus"
    assert texts["text_uk"] == "Привіт"  # staff's own version stays
    assert asked(fake) == len(LANGUAGES) - 2  # German and Ukrainian aside
    assert f"{name('ar')} 🌐" in page and f"{name('uk')} 🌐" not in page

    # Staff correct the Turkish draft; the browser sends CRLF line endings.
    back = {key: value.replace("\n", "\r\n") for key, value in texts.items()}
    back["text_tr"] = "<b>Vatandaş forumu</b> pazartesi"
    preview = await client.post("/announcements/new", data={**base, **back, "step": "preview"})
    page = await preview.text()
    note = "🌐 " + support.catalogs("de").gettext("Machine-translated from German.", locale="ar")
    assert preview.status == 200 and f"<i>{note}</i></div>" in page
    assert "<b>Vatandaş forumu</b> pazartesi</div>" in page  # changed by staff: no note
    send = {**base, **back, "previewed": hidden(page, "previewed"), "step": "send"}
    done = await client.post("/announcements/new", data=send, allow_redirects=False)
    assert done.status == 303 and asked(fake) == len(LANGUAGES) - 2  # nothing asked again
    (campaign,) = await stored(factory)
    async with factory() as session:
        machine = await campaigns.machine_made(session, campaign.id)
        sent = await campaigns.texts_of(session, campaign.id)
        after = await session.scalar(
            select(StaffAudit.after).where(StaffAudit.action == "announcement.create")
        )
    assert machine == set(LANGUAGES) - {"de", "uk", "tr"}
    assert sent["el"] == "[el] <b>Bürgerforum</b> am Montag\nim Rathaus"
    assert json.loads(after or "{}")["machine"] == sorted(machine)


async def test_a_failing_provider_keeps_the_german_and_names_the_languages_left(
    translating: tuple[TestClient, FakeProvider], factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    client, fake = translating
    csrf = await sign_in(client, factory, EDITOR)
    fake.fail_next = [Failure(500, {"error": "down"}) for _ in range(3)]  # all its retries
    data = {"csrf": csrf, "nonce": "n", "text_de": GERMAN, "step": "translate"}
    shown = await client.post("/announcements/new", data=data)
    page = await shown.text()
    left = de(
        "⚠️ Not translated: {languages}. The translation service could not do these now; "
        "their readers get the German text unless you add a version.",
        languages=", ".join(name(code) for code in LANGUAGES if code != "de"),
    )
    assert shown.status == 200 and left in page and not await stored(factory)
    texts = fields_in(page)
    assert texts["text_de"].startswith("<b>Bürgerforum</b> am Montag")
    assert all(not text for key, text in texts.items() if key != "text_de")


async def test_without_a_provider_the_form_says_so_and_offers_no_button(
    client: TestClient, factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    csrf = await sign_in(client, factory, EDITOR)
    form = await (await client.get("/announcements/new")).text()
    assert BUTTON not in form and de(NOT_SET_UP) in form
    data = {"csrf": csrf, "nonce": "n", "text_de": GERMAN, "step": "translate"}
    page = await (await client.post("/announcements/new", data=data)).text()
    assert de(NOT_SET_UP) in page and not fields_in(page)["text_en"]
    assert not await stored(factory)
