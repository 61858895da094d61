"""Admins give, change and take staff roles on the dashboard through the chat's and the CLI's
service: its rules hold, every change is audited, and a person whose role was taken loses the
dashboard at their very next request."""

from __future__ import annotations

from html import unescape

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.dashboard.security import COOKIE
from bot.services.staff import StaffService
from db.models import DashboardSession, StaffAudit
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, EDITOR, MODERATOR, NOW, sign_in
from tests.db.support import FixedClock

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]
NEWCOMER = 555
EN = {"Accept-Language": "en"}  # the page in English (redirects keep the header)


def cookie_of(client: TestClient) -> str:  # type: ignore[type-arg]
    return client.session.cookie_jar.filter_cookies(client.make_url("/"))[COOKIE].value


def browse_as(client: TestClient, cookie: str) -> None:  # type: ignore[type-arg]
    """Continue in the browser that holds this session cookie."""
    client.session.cookie_jar.clear()
    client.session.cookie_jar.update_cookies({COOKIE: cookie}, client.make_url("/"))


async def role_of(factory: Factory, person: int) -> str | None:
    async with factory() as session:
        return await StaffService(session, [ADMIN], FixedClock(NOW)).role_of(person)


async def audit_trail(factory: Factory) -> list[tuple[str, int, str]]:
    async with factory() as session:
        query = select(StaffAudit.action, StaffAudit.actor, StaffAudit.target).where(
            StaffAudit.action.like("staff.%")
        )
        return [tuple(row) for row in (await session.execute(query.order_by(StaffAudit.id)))]  # type: ignore[misc]


async def test_an_admin_gives_changes_and_takes_a_role_and_each_is_audited(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    csrf = await sign_in(client, factory, ADMIN)
    before = await audit_trail(factory)
    given = await client.post(
        "/staff/roles", data={"csrf": csrf, "telegram_id": f" {NEWCOMER} ",
                                      "role": "moderator"}, headers=EN,
    )  # fmt: skip
    assert given.status == 200 and f"{NEWCOMER} is now Moderator." in await given.text()
    assert await role_of(factory, NEWCOMER) == "moderator"
    changed = await client.post(
        "/staff/roles",
        data={"csrf": csrf, "telegram_id": NEWCOMER, "role": "editor"},
        headers=EN,
    )
    assert f"{NEWCOMER} is now Editor." in await changed.text()
    unticked = await client.post(f"/staff/{NEWCOMER}/remove", data={"csrf": csrf})
    assert unticked.status == 200 and await role_of(factory, NEWCOMER) == "editor"
    taken = await client.post(
        f"/staff/{NEWCOMER}/remove", data={"csrf": csrf, "confirm": "yes"}, headers=EN
    )
    assert f"{NEWCOMER} is no longer staff." in await taken.text()
    assert await role_of(factory, NEWCOMER) is None
    target = f"staff:{NEWCOMER}"
    assert (await audit_trail(factory))[len(before) :] == [
        ("staff.add", ADMIN, target),
        ("staff.role", ADMIN, target),
        ("staff.remove", ADMIN, target),
    ]


async def test_the_services_rules_hold_and_a_refusal_changes_nothing(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    csrf = await sign_in(client, factory, ADMIN)
    before = await audit_trail(factory)
    refusals = [
        ({"telegram_id": "12ab", "role": "editor"}, "That is not a Telegram id."),
        ({"telegram_id": "0", "role": "editor"}, "That is not a Telegram id."),
        ({"telegram_id": EDITOR, "role": "owner"}, "Please choose one of the roles."),
    ]
    for form, said in refusals:
        response = await client.post("/staff/roles", data={"csrf": csrf, **form}, headers=EN)
        assert response.status == 400 and said in await response.text(), form
    nobody = await client.post(
        "/staff/777/remove", data={"csrf": csrf, "confirm": "yes"}, headers=EN
    )
    assert nobody.status == 400 and "This person has no staff role." in await nobody.text()
    forged = await client.post("/staff/roles", data={"telegram_id": EDITOR, "role": "admin"})
    assert forged.status == 403  # no CSRF token
    assert await role_of(factory, EDITOR) == "editor"
    assert await audit_trail(factory) == before


async def test_nobody_changes_their_own_role_nor_an_admin_from_the_settings(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    async with factory() as session:  # an admin stored in the database, not in ADMIN_IDS
        await StaffService(session, [ADMIN], FixedClock(NOW)).set_role(400, "admin", actor=ADMIN)
    csrf = await sign_in(client, factory, 400)
    own = await client.post(
        "/staff/roles", data={"csrf": csrf, "telegram_id": 400, "role": "editor"}, headers=EN
    )
    assert own.status == 400 and "You can't change your own role." in unescape(await own.text())
    gone = await client.post("/staff/400/remove", data={"csrf": csrf, "confirm": "yes"}, headers=EN)
    assert gone.status == 400 and "You can't change your own role." in unescape(await gone.text())
    fixed = await client.post(
        "/staff/roles", data={"csrf": csrf, "telegram_id": ADMIN, "role": "editor"}, headers=EN
    )
    assert "This person is an admin through the server settings" in await fixed.text()
    assert await role_of(factory, 400) == "admin"  # so the last admin always stays
    assert await role_of(factory, ADMIN) == "admin"


async def test_a_revoked_person_loses_the_dashboard_at_the_next_request(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    await sign_in(client, factory, EDITOR)
    editor = cookie_of(client)
    await sign_in(client, factory, MODERATOR)
    moderator = cookie_of(client)
    csrf = await sign_in(client, factory, ADMIN)
    admin = cookie_of(client)
    await client.post("/staff/roles", data={"csrf": csrf, "telegram_id": MODERATOR,
                                            "role": "editor"})  # fmt: skip
    await client.post(f"/staff/{EDITOR}/remove", data={"csrf": csrf, "confirm": "yes"})

    browse_as(client, moderator)  # now an editor: polls yes, ideas no more
    assert (await client.get("/ideas", allow_redirects=False)).status == 403
    assert (await client.get("/polls", allow_redirects=False)).status == 200
    browse_as(client, editor)  # no role: the session is over
    for path in ("/polls", "/"):
        response = await client.get(path, allow_redirects=False)
        assert response.status == 302 and response.headers["Location"] == "/login"
    async with factory() as session:
        left = select(func.count()).where(DashboardSession.telegram_id == EDITOR)
        assert await session.scalar(left) == 0
    browse_as(client, admin)
    assert (await client.get("/staff", allow_redirects=False)).status == 200
