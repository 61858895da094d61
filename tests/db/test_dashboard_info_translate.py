"""An information page's "🌐 Translate into the other languages" on the dashboard: the German
version's drafts in every other language, shown for review (nothing stored unseen), saved with
the machine flag unless staff changed them; a failing provider keeps the German and names the
languages left; without a provider the page says translation is not set up.

The provider is the LibreTranslate fake (an aiohttp server the test starts)."""

from __future__ import annotations

import json
import re

from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import LANGUAGES
from bot.i18n import build_i18n
from bot.services import info
from db.models import InfoPage, StaffAudit
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, sign_in
from tests.translation_fakes import Failure, FakeProvider

# The fixtures, used by name.
factory, client, translating = support.factory, support.client, support.translating
Factory = async_sessionmaker[AsyncSession]
I18N = build_i18n("de")
OTHERS = [code for code in LANGUAGES if code != "de"]
PAGE = "/info/opening-hours"
BUTTON = "🌐 " + I18N.gettext("Translate into the other languages", locale="de")
NOT_SET_UP = I18N.gettext(
    "Machine translation is not set up for this bot, so please add the language versions "
    "yourself if you need them.",
    locale="de",
)


def de(msgid: str) -> str:
    """The dashboard's German text as a browser gets it."""
    text = I18N.gettext(msgid, locale="de")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def name(code: str) -> str:
    """A language's name on the German dashboard ("Englisch")."""
    with I18N.context(), I18N.use_locale("de"):
        from bot.keyboards.audience import value_label

        return value_label("languages", code)


def drafts_in(page: str) -> dict[str, str]:
    """Every draft field of the review (title_xx, body_xx) and the hidden source, as shown."""
    fields = dict(re.findall(r'name="((?:title|source)_?[a-z]*)" value="([^"]*)"', page))
    fields |= dict(re.findall(r'name="(body_[a-z]+)"[^>]*>([^<]*)</textarea>', page))
    return {key: value for key, value in fields.items() if key != "title"}


async def versions(factory: Factory) -> dict[str, tuple[str, str, bool]]:
    async with factory() as session:
        rows = await session.execute(select(InfoPage).where(InfoPage.slug == "opening-hours"))
        return {p.language: (p.title, p.body, p.machine) for p in rows.scalars()}


def asked(fake: FakeProvider) -> int:
    return sum(r["path"] == "/translate" for r in fake.requests)


GERMAN = {"title": "Öffnungszeiten", "body": "Montag bis Freitag\r\n8 bis 16 Uhr"}


async def test_drafts_are_shown_for_review_and_saved_machine_made_unless_changed(
    translating: tuple[TestClient, FakeProvider], factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    client, fake = translating
    csrf = await sign_in(client, factory, EDITOR)
    editor = await (await client.get(f"{PAGE}?language=de")).text()
    assert BUTTON in editor and NOT_SET_UP not in editor
    english = await (await client.get(f"{PAGE}?language=en")).text()
    assert BUTTON not in english  # translated from the German version only

    shown = await client.post(f"{PAGE}/translate", data={"csrf": csrf, **GERMAN})
    page = await shown.text()
    assert shown.status == 200 and await versions(factory) == {}  # shown, nothing stored
    drafts = drafts_in(page)
    assert drafts["title_uk"] == "[uk] Öffnungszeiten"
    assert drafts["body_ar"].replace("\r\n", "\n") == "[ar] Montag bis Freitag\n8 bis 16 Uhr"
    assert sorted(k[6:] for k in drafts if k.startswith("title_")) == sorted(OTHERS)
    assert 'value="Öffnungszeiten"' in page  # the German stays in the form
    assert asked(fake) == 2 * len(OTHERS)

    # As a browser sends it back: line breaks as CRLF; staff correct the Turkish text.
    back = {key: value.replace("\n", "\r\n") for key, value in drafts.items()}
    back["body_tr"] = "Pazartesi–Cuma\r\n08.00–16.00"
    saved = await client.post(f"{PAGE}/versions", data={"csrf": csrf, **GERMAN, **back},
                              allow_redirects=False)  # fmt: skip
    assert saved.status == 303 and asked(fake) == 2 * len(OTHERS)  # nothing asked again
    stored = await versions(factory)
    assert stored["de"] == ("Öffnungszeiten", "Montag bis Freitag\n8 bis 16 Uhr", False)
    assert stored["tr"] == ("[tr] Öffnungszeiten", "Pazartesi–Cuma\n08.00–16.00", False)
    assert stored["uk"] == ("[uk] Öffnungszeiten", "[uk] Montag bis Freitag\n8 bis 16 Uhr", True)
    assert {code for code, (_t, _b, machine) in stored.items() if machine} == set(OTHERS) - {"tr"}
    async with factory() as session:
        reader = await info.get_page(session, "opening-hours", "el")
        assert reader is not None and reader.machine and not reader.fallback  # with the note
        audit = (await session.execute(select(StaffAudit.actor, StaffAudit.target, StaffAudit.after)
                 .where(StaffAudit.action == "info.edit"))).all()  # fmt: skip
    assert sorted((actor, target) for actor, target, _after in audit) == sorted(
        (EDITOR, f"info:opening-hours:{code}") for code in LANGUAGES
    )
    flags = {target.rsplit(":", 1)[1]: json.loads(after)["machine"] for _a, target, after in audit}
    assert flags == {code: machine for code, (_t, _b, machine) in stored.items()}
    told = await (await client.get(saved.headers["Location"])).text()
    names = ", ".join(name(code) for code in LANGUAGES)
    assert (
        de("Saved: {languages}. Residents see these versions now.").format(languages=names) in told
    )


async def test_a_failing_provider_keeps_the_german_and_names_the_languages_left(
    translating: tuple[TestClient, FakeProvider], factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    client, fake = translating
    csrf = await sign_in(client, factory, EDITOR)
    fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]  # all its retries
    shown = await client.post(f"{PAGE}/translate", data={"csrf": csrf, **GERMAN})
    page = await shown.text()
    left = de(
        "⚠️ Not translated: {languages}. The translation service could not do these now; "
        "their readers get the German text unless you add a version."
    ).format(languages=", ".join(name(code) for code in OTHERS))
    assert shown.status == 200 and left in page
    assert 'value="Öffnungszeiten"' in page and "Montag bis Freitag" in page
    assert not any(key.startswith("title_") for key in drafts_in(page))
    assert asked(fake) == 3 and await versions(factory) == {}  # gave up after the first

    # Drafts of a German text changed since are refused: translate again.
    drafts = drafts_in(await (await client.post(f"{PAGE}/translate",
                                                data={"csrf": csrf, **GERMAN})).text())  # fmt: skip
    changed = {**GERMAN, "body": "Montag bis Donnerstag"}
    refused = await client.post(f"{PAGE}/versions", data={"csrf": csrf, **changed, **drafts})
    assert refused.status == 400 and await versions(factory) == {}
    assert (
        de(
            "The German text has changed since these drafts were made. Please translate again, "
            "so that every version says the same."
        )
        in await refused.text()
    )


async def test_without_a_provider_the_page_says_so_and_offers_no_button(
    client: TestClient, factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    csrf = await sign_in(client, factory, EDITOR)
    editor = await (await client.get(f"{PAGE}?language=de")).text()
    assert BUTTON not in editor and de(NOT_SET_UP) in editor
    posted = await client.post(f"{PAGE}/translate", data={"csrf": csrf, **GERMAN})
    page = await posted.text()
    assert posted.status == 200 and de(NOT_SET_UP) in page and "title_en" not in page
    assert await versions(factory) == {}
