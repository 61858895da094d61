"""The demo poll for the sandbox: open for residents and for the demo group, a youth group."""

from __future__ import annotations

from datetime import timedelta

from aiogram.utils.i18n import gettext as _

from bot.sandbox.demo_base import DEMO_LABEL, YOUTH_GROUP, DemoContext
from bot.services import youth_groups
from bot.services.locale import group_locale
from bot.services.polls import lifecycle as polls
from bot.services.polls.input import PollAudience, PollDraft
from db.repositories import polls as repo

# Marks the demo poll (a draft key is unique), so it is created once per sandbox database.
DRAFT_KEY = "sandbox-demo-poll"
GROUP_LANGUAGE = "de"  # Deniz (tr) and Lina (ar) share German in the youth centre
OPEN_FOR = timedelta(days=21)  # within Telegram's limit, so the native polls close themselves
QUESTIONS = {
    # Youth groups are addressed with "du" (the demo group and the demo people are young).
    "de": "Was wünschst du dir für Duisburg 2027 am meisten?",
    "tr": "Duisburg 2027 için en çok ne istiyorsunuz?",
    "en": "What would you most like for Duisburg 2027?",
    "ar": "ما أكثر ما تتمنونه لدويسبورغ 2027؟",
}
OPTIONS = {
    "de": ["Mehr Grün und Schatten", "Bessere Busse und Radwege", "Treffpunkte für Jugendliche"],
    "tr": ["Daha fazla yeşil ve gölge", "Daha iyi otobüs ve bisiklet yolları",
           "Gençler için buluşma yerleri"],
    "en": ["More green and shade", "Better buses and cycle paths", "Places for young people"],
    "ar": ["مزيد من الخضرة والظل", "حافلات ومسارات دراجات أفضل", "أماكن لقاء للشباب"],
}  # fmt: skip


async def register_demo_group(context: DemoContext) -> None:
    """The demo group asks to be a youth group and the demo staff member approves it."""
    async with context.session_factory() as session:
        if await repo.group(session, YOUTH_GROUP.id) is not None:
            return  # registered (or removed) in this sandbox before: leave it as it is
        await youth_groups.request(
            session, context.clock, YOUTH_GROUP.id, YOUTH_GROUP.title, GROUP_LANGUAGE
        )
        with context.i18n.context(), context.i18n.use_locale(group_locale(GROUP_LANGUAGE)):
            notice = _("This group is now registered: city polls will arrive here.")
        await youth_groups.decide(
            session, context.clock, YOUTH_GROUP.id, True, context.staff_id, notice
        )


async def seed_polls(context: DemoContext) -> int:
    """Open the demo poll once (residents and youth groups get it); 0 when it exists."""
    async with context.session_factory() as session:
        if await repo.by_draft_key(session, DRAFT_KEY) is not None:
            return 0
    await register_demo_group(context)
    draft = PollDraft(
        questions={language: f"{DEMO_LABEL} {text}" for language, text in QUESTIONS.items()},
        options=OPTIONS,
        closes_at=context.clock.now() + OPEN_FOR,
        audience=PollAudience(include_residents=True, groups=True),
    )
    async with context.session_factory() as session:
        await polls.create(
            session, context.clock, draft, context.staff_id, draft_key=DRAFT_KEY,
            default_language=context.settings.default_language,
        )  # fmt: skip
    return 1
