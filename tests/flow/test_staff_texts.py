"""Staff texts: language names in the staff member's language, isolated mixed-direction rows,
turnout that says what it counts, every announcement version previewed as recipients get it."""

from __future__ import annotations

from bot.services.audience import Audience
from bot.services.bidi import FSI, PDI
from bot.services.polls.input import PollAudience
from tests.flow.announce_support import make_staff, resident, start_draft
from tests.flow.harness import Chat, Harness
from tests.flow.poll_audience_support import staff_in
from tests.flow.polls_support import create_poll, deliver, vote

NATIVE = ("Türkçe", "العربية", "Русский", "Українська", "Polski", "Ελληνικά")


def labels(chat: Chat) -> list[str]:
    return [b["text"] for b in chat.buttons()]


async def test_a_german_editor_reads_language_names_in_german(harness: Harness) -> None:
    h, t = harness, (lambda msgid: harness.t(msgid, "de"))
    chat = await staff_in(h, "de")
    await start_draft(chat)
    buttons = labels(chat)
    assert {"Englisch", "Türkisch", "Arabisch", "Ukrainisch", "Griechisch"} <= set(buttons)
    assert not any(name in text for text in buttons for name in NATIVE)
    await chat.press("Türkisch")
    assert chat.last_text() == (
        t("Version: {language}").format(language="Türkisch")
        + "\n"
        + t("Send the text of this version (formatting allowed).")
    )
    assert chat.last_text().startswith("Fassung: Türkisch\n")  # a bare name, not "auf Türkçe"
    await chat.send("Cumartesi şehir festivali")
    assert t("Added: {languages}").format(languages="Türkisch") in chat.last_text()

    await chat.press(t("Continue"))
    await chat.press(t("Languages"))
    assert "Arabisch" in labels(chat) and "العربية" not in labels(chat)
    await chat.press("Arabisch")
    await chat.press(t("Back"))
    assert f"• {t('Languages')}: Arabisch" in chat.last_text()


async def test_an_arabic_editor_reads_them_in_arabic(harness: Harness) -> None:
    chat = await staff_in(harness, "ar")
    await start_draft(chat)
    assert {"التركية", "الإنجليزية", "اليونانية"} <= set(labels(chat))
    assert "Türkçe" not in labels(chat)


async def test_results_rows_are_isolated_and_turnout_says_what_it_counts(
    harness: Harness,
) -> None:
    h = harness
    staff = await staff_in(h, "de")
    arabic = await resident(h, 861, "ar")
    only_arabic = PollAudience(Audience(languages=frozenset({"ar"})))
    poll = await create_poll(h, audience=only_arabic, show_results=False)
    await deliver(h)
    await vote(h, arabic, [1])
    await staff.send(f"/results {poll.id}")
    report = next(m["text"] for m in staff.messages() if m.get("text", "").startswith("📊"))
    # One resident got the poll (only the Arabic one), and the line says so, in the singular.
    singular = (
        "Geantwortet: 1 von 1 Einwohner, der die Umfrage erhalten hat (Beteiligung 100\xa0%)."
    )
    assert singular in report
    # The breakdown row: the name is an isolated run, so the numbers stay after it.
    row = next(line for line in report.splitlines() if "Arabisch" in line)
    assert row == f"{FSI}Arabisch{PDI}: • · • · • (•)"


async def test_turnout_in_the_plural(harness: Harness) -> None:
    h = harness
    staff = await staff_in(h, "en")
    voters = [await resident(h, 870 + n, "tr") for n in range(3)]
    poll = await create_poll(h, show_results=False)
    await deliver(h)
    for chat in voters[:2]:
        await vote(h, chat, [0])
    await staff.send(f"/results {poll.id}")
    texts = [m.get("text", "") for m in staff.messages()]
    report = next(text for text in texts if text.startswith(f"📊 Poll {poll.id}"))
    # Four residents got it: three Turkish speakers and the editor.
    assert "Answered: 2 of 4 residents who received the poll (turnout 50%)." in report
    assert f"{FSI}Turkish{PDI}: • · • · • (•)" in report


async def test_staff_rows_name_the_languages_in_the_staff_language(harness: Harness) -> None:
    await make_staff(harness, 905)
    chat = harness.chat(905, "ru")
    await chat.send("/start")
    await start_draft(chat)
    # CLDR writes Russian language names in lower case; a button stands on its own.
    assert {"Турецкий", "Арабский", "Английский"} <= set(labels(chat))
