"""Who receives an announcement: everyone who wants announcements, narrowed by profile filters."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import ColumnElement, Select, and_, case, exists, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import INFORMAL_GERMAN, LANGUAGES
from bot.services.profile import AGE_GROUPS, DISTRICTS, TOPICS
from db.models import User, UserTopic


class AudienceKind(StrEnum):
    """A kind of resident filter: a field of `Audience` and a key of its stored JSON."""

    DISTRICTS = "districts"
    AGE_GROUPS = "age_groups"
    TOPICS = "topics"
    LANGUAGES = "languages"


# Looked up with what a button or a file says, hence str keys.
VOCABULARY: dict[str, tuple[str, ...]] = {
    AudienceKind.DISTRICTS: DISTRICTS,
    AudienceKind.AGE_GROUPS: AGE_GROUPS,
    AudienceKind.TOPICS: TOPICS,
    AudienceKind.LANGUAGES: LANGUAGES,
}


class UnknownAudienceValue(ValueError):
    """A filter value outside the vocabulary; `kind` and `value` say which."""

    def __init__(self, kind: str, value: str) -> None:
        super().__init__(f"unknown {kind[:-1].replace('_', ' ')} {value!r}")
        self.kind = kind
        self.value = value


@dataclass(frozen=True)
class Audience:
    """Filters combine with AND between kinds and OR within a kind; empty means everyone."""

    districts: frozenset[str] = field(default_factory=frozenset)
    age_groups: frozenset[str] = field(default_factory=frozenset)
    topics: frozenset[str] = field(default_factory=frozenset)
    languages: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        for kind, allowed in VOCABULARY.items():
            for value in getattr(self, kind):
                if value not in allowed:
                    raise UnknownAudienceValue(kind, value)

    @property
    def everyone(self) -> bool:
        """No filter at all."""
        return not (self.districts or self.age_groups or self.topics or self.languages)

    def to_json(self) -> str:
        """Stored form."""
        return json.dumps({kind: sorted(getattr(self, kind)) for kind in VOCABULARY})

    @classmethod
    def from_json(cls, text: str) -> Audience:
        """Read the stored form."""
        data = json.loads(text or "{}")
        return cls(**{kind: frozenset(data.get(kind, ())) for kind in VOCABULARY})

    def toggled(self, kind: str, value: str) -> Audience:
        """The audience with one value added or removed; UnknownAudienceValue if it is not one."""
        if value not in VOCABULARY.get(kind, ()):
            raise UnknownAudienceValue(kind, value)
        kinds = {name: getattr(self, name) for name in VOCABULARY}
        return Audience(**(kinds | {kind: kinds[kind] ^ {value}}))


def effective_language(default: str) -> ColumnElement[str]:
    """SQL for the content language a resident gets: own choice, else Telegram's, else the default.

    German with "du" is German content (staff write each text once per language).
    """
    chosen = func.coalesce(User.language, User.telegram_language, literal(default))
    return case((chosen == INFORMAL_GERMAN, literal("de")), else_=chosen)


def recipients(audience: Audience, default_language: str) -> Select[int, int, str]:
    """(user id, chat id, language) of everyone the audience reaches."""
    conditions: list[ColumnElement[bool]] = [
        User.announcements.is_(True),
        User.reachable.is_(True),
    ]
    # The profile counts only with consent (it is only ever stored with consent, too).
    if audience.districts:
        conditions.append(User.district.in_(audience.districts))
    if audience.age_groups:
        conditions.append(User.age_group.in_(audience.age_groups))
    if audience.topics:
        conditions.append(
            exists().where(UserTopic.user_id == User.id, UserTopic.topic.in_(audience.topics))
        )
    if audience.districts or audience.age_groups or audience.topics:
        conditions.append(User.profile_consent_at.is_not(None))
    language = effective_language(default_language)
    if audience.languages:
        conditions.append(language.in_(audience.languages))
    return select(User.id, User.telegram_id, language.label("language")).where(and_(*conditions))


async def count(session: AsyncSession, audience: Audience, default_language: str) -> int:
    """How many people the audience reaches right now."""
    query = select(func.count()).select_from(recipients(audience, default_language).subquery())
    return int((await session.execute(query)).scalar_one())
