"""A real browser on the real sandbox: an editor announces something and edits an information
page on the dashboard, and a resident gets both in the web chat.

A Greek resident starts the bot; the demo staff member signs in through a /dashboard link,
writes an announcement in German and Greek for Greek readers (the recipient count follows the
ticked filter without a reload), previews both versions, sends it and follows its progress;
the resident receives the Greek version. Then the Greek version of "how-it-works" is rewritten
with a preview, and the resident opens it from Information. Screenshots (gitignored):
test-output/dashboard/10-announcements.png, 11-info.png, 12-announcements-progress.png,
13-resident-told.png.
"""

from __future__ import annotations

from typing import Any

from tests.e2e.browser_support import TIMEOUT_MS, Catalog, SandboxProcess, open_page
from tests.e2e.test_dashboard_browser import SHOTS, sign_in_link

t = Catalog()
GREEK = "<b>Γιορτή της γειτονιάς</b> στο Walsum, Σάββατο 11:00!"
GERMAN = "<b>Nachbarschaftsfest</b> in Walsum, Samstag 11 Uhr!"
PAGE_TITLE = "Πώς λειτουργεί η Stadtstimme"
PAGE_BODY = "Γράψτε μας <i>οποιαδήποτε στιγμή</i>: απαντάμε μέσα σε μία εβδομάδα."


def visible(html: str) -> str:
    return html.replace("<b>", "").replace("</b>", "").replace("<i>", "").replace("</i>", "")


async def shot(page: Any, name: str) -> None:
    await page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


async def test_an_editor_announces_and_edits_a_page_and_the_resident_gets_both(
    browser: Any, sandbox_process: SandboxProcess
) -> None:
    from playwright.async_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    chat = await open_page(browser, sandbox_process.base, SHOTS.parent)
    await chat.add_resident("Eleni", "el")
    await chat.send("/start")
    await chat.press(t("Continue", "el"))
    await chat.press(t("Skip", "el"))
    await chat.expect_bot(t("No problem.", "el"))
    link = await sign_in_link(chat)

    context = await browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 860})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    # Every request the page makes is answered (the script, the count, the stylesheet).
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    await page.goto(link)
    await page.locator("button", has_text=t("Sign in to the dashboard", "de")).click()
    await page.locator("nav a", has_text=t("Announcements", "de")).click()
    await page.locator("a", has_text=t("New announcement", "de")).click()

    count = page.locator("output#recipients")
    everyone = await count.inner_text()
    await page.check("input[name=languages][value=el]")  # the script asks for the new count
    await expect(count).not_to_have_text(everyone)
    await expect(count).to_contain_text(t("Recipients right now: {count}", "de", count="")[:-1])
    await page.fill("textarea[name=text_de]", GERMAN)
    await page.locator("details summary").click()
    await page.fill("textarea[name=text_el]", GREEK)
    await page.locator("button", has_text=t("Preview", "de")).click()
    await expect(page.locator('.bubble[lang="el"] b')).to_have_text("Γιορτή της γειτονιάς")
    await expect(page.locator('.bubble[lang="de"]')).to_have_text(visible(GERMAN))
    await shot(page, "10-announcements")
    await page.locator("button.primary", has_text=t("Send now", "de")).click()
    await expect(page.locator("p[role=status]")).to_contain_text("#")

    await page.locator("nav a", has_text=t("Information pages", "de")).click()
    await page.locator("a", has_text="how-it-works").first.click()
    await page.locator("nav.languages a[href$='language=el']").click()
    await page.fill("input[name=title]", PAGE_TITLE)
    await page.fill("textarea[name=body]", PAGE_BODY)
    await page.locator("button", has_text=t("Preview", "de")).click()
    await expect(page.locator(".bubble i")).to_have_text("οποιαδήποτε στιγμή")
    await shot(page, "11-info")
    await page.locator("button.primary", has_text=t("Save", "de")).click()
    await expect(page.locator("p[role=status]")).to_be_visible()

    await page.locator("nav a", has_text=t("Announcements", "de")).click()
    first = page.locator("table.campaigns tbody tr").first
    await expect(first.locator(".sent")).to_have_text(
        t("Sent: {sent} of {total}", "de", sent=1, total=1)
    )  # the page reloads itself until the sending is done
    await shot(page, "12-announcements-progress")
    assert errors == []
    assert [url for url in failed if not url.endswith("/favicon.ico")] == []

    await chat.open_chat("Eleni")
    await chat.expect_bot(visible(GREEK))
    await chat.send("/menu")
    await chat.press(t("Information", "el"))
    await chat.press(PAGE_TITLE)
    await chat.expect_bot(visible(PAGE_BODY))
    await chat.page.screenshot(path=str(SHOTS / "13-resident-told.png"))
    assert chat.errors == []
