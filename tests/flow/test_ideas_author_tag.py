"""The staff chat's pseudonymous author tag is keyed with a server secret: the same person
always gets the same tag, but nobody can work it out from the (sequential) user id."""

from __future__ import annotations

import hashlib
import re

from pydantic import SecretStr
from sqlalchemy import select

from bot.sandbox.server import FakeBotAPI
from db.models import User
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember
from tests.flow.test_ideas_hand_in import hand_in

SECOND = "Ein zweiter Vorschlag: Trinkbrunnen im Kantpark, bitte."


def tags(h: Harness) -> list[str]:
    """The author tag of every card in the staff chat, oldest first."""
    cards = [m["text"] for m in StaffMember(h, 950).messages() if "text" in m]
    return [found.group(0) for text in cards if (found := re.search(r"#A[0-9a-f]+", text))]


def unkeyed_guesses(user_id: int) -> set[str]:
    """What anyone could compute from a user id alone (the tag's old recipe among them)."""
    inputs = [f"stadtstimme-idea-author:{user_id}", str(user_id)]
    return {"#A" + hashlib.sha256(i.encode()).hexdigest()[:6] for i in inputs}


async def test_the_author_tag_needs_the_server_secret(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    h = Harness(
        api, base_url, database_url, staff_chat_id=STAFF_CHAT, ideas_per_day=5,
        poll_secret=SecretStr("first-server-secret-0123456789abcdef"),
    )  # fmt: skip
    await h.start()
    try:
        author, other = await resident(h, 890, "de"), await resident(h, 891, "de")
        await hand_in(h, author, "de")
        await hand_in(h, author, "de", SECOND)
        await hand_in(h, other, "de")
        async with h.runtime.session_factory() as session:
            user_id = await session.scalar(select(User.id).where(User.telegram_id == 890))
        first, again, someone_else = tags(h)
        assert first == again  # the same person: the same tag on both ideas
        assert someone_else != first
        assert user_id is not None and first not in unkeyed_guesses(user_id)

        h.settings.poll_secret = SecretStr("another-server-secret-0123456789abcdef")
        await h.restart()
        await hand_in(h, author, "de", "Ein dritter Vorschlag: mehr Licht im Tunnel am Bahnhof.")
        assert tags(h)[-1] != first  # another secret, another tag for the same person
    finally:
        await h.stop()
