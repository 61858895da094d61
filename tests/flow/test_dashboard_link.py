"""/dashboard in the chat: staff get a one-time sign-in link that opens the web dashboard once;
residents are told it is for city staff."""

from __future__ import annotations

import re

from aiohttp.test_utils import TestClient, TestServer

from bot.dashboard.serve import dashboard_app
from tests.flow.announce_support import make_staff
from tests.flow.harness import Harness


async def test_staff_sign_in_with_the_link_once_and_residents_get_none(harness: Harness) -> None:
    h = harness
    h.settings.dashboard_url = "https://beteiligung.example/dashboard/"
    await make_staff(h, 960, "moderator")
    moderator = h.chat(960, "en")
    await moderator.send("/dashboard")
    found = re.search(r"https://beteiligung\.example/dashboard/login/(\S+)", moderator.last_text())
    assert found is not None, moderator.last_text()
    assert "works once, for 10 minutes" in moderator.last_text()
    assert moderator.last()["link_preview_options"] == {"is_disabled": True}

    resident = h.chat(961, "tr")
    await resident.send("/dashboard")
    assert resident.last_text() == h.t("The dashboard is for city staff only.", "tr")

    app = dashboard_app(h.settings, h.runtime.clock, h.runtime.session_factory, h.runtime.i18n)
    async with TestClient(TestServer(app)) as browser:
        token = found.group(1)
        shown = await browser.get(f"/login/{token}?lang=en")  # what a preview would fetch too
        assert "Sign in to the dashboard" in await shown.text()
        opened = await browser.post("/login", data={"token": token}, allow_redirects=False)
        assert opened.status == 303 and opened.headers["Location"] == "/"
        cookie = opened.cookies["stadtstimme_session"]
        assert cookie["secure"] and cookie["httponly"]  # an https dashboard: Secure cookie
        again = await browser.post("/login?lang=en", data={"token": token})
        assert again.status == 403 and "already been used" in await again.text()
