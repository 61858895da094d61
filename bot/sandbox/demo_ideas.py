"""Demo ideas for the sandbox: a few published ideas in several languages, by demo authors."""

from __future__ import annotations

from bot.sandbox.demo_base import DEMO_LABEL, DemoContext
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.moderation import Decision, decide
from bot.services.users import UserService

# Demo authors exist only as ids; they are unreachable, so nothing is ever sent to them.
DEMO_AUTHOR_IDS = (690_101, 690_102, 690_103)
# (author index, language_code, topic, district, text without the label)
DEMO_IDEAS = (
    (0, "de", "environment", "mitte",
     "Mehr Bäume und Bänke mit Schatten am Innenhafen, im Sommer ist es dort kaum auszuhalten."),
    (1, "tr", "transport", "hamborn",
     "Hamborn'daki otobüs duraklarına çatı ve bank koyalım, yağmurda beklemek çok zor."),
    (2, "ar", "youth", "rheinhausen",
     "نقترح ملعب كرة سلة مضاء في راينهاوزن حتى يتمكن الشباب من اللعب مساءً بأمان."),
    (0, "de", "transport", "city",
     "Sichere Fahrradstellplätze an allen großen Haltestellen, damit Pendler umsteigen."),
)  # fmt: skip


async def seed_ideas(context: DemoContext) -> int:
    """Hand in and publish the demo ideas once; 0 when the demo authors exist already."""
    created = 0
    async with context.session_factory() as session:
        users = UserService(session, context.clock)
        if await users.find(DEMO_AUTHOR_IDS[0]) is not None:
            return 0
        authors = []
        for telegram_id, language in zip(DEMO_AUTHOR_IDS, ("de", "tr", "ar"), strict=True):
            author = await users.load_or_create(telegram_id, language)
            await users.set_reachable(author, False)
            authors.append(author)
        for author_index, language, topic, district, text in DEMO_IDEAS:
            draft = ideas.IdeaDraft(topic, district, f"{DEMO_LABEL} {text}")
            idea = await ideas.submit(
                session, context.clock, authors[author_index], draft,
                per_day=len(DEMO_IDEAS), ui_language=language,
            )  # fmt: skip
            await decide(
                session, context.clock, idea.id, Decision("publish", context.staff_id),
                render=lambda *_: "", default_language=context.settings.default_language,
            )  # fmt: skip
            created += 1
    return created
