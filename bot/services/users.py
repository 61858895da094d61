"""Residents: loading, language, optional profile, language offers, seeing and deleting data."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import INTERFACE_LANGUAGES
from bot.services.clock import Clock
from bot.services.locale import base_language
from bot.services.personal_data import rights as personal_data
from bot.services.profile import AGE_GROUPS, DISTRICTS, NO_PROFILE_AGE_GROUPS, TOPICS
from db.models import User
from db.repositories import ideas as idea_repo
from db.repositories import users as repo

LAST_SEEN_GRANULARITY = timedelta(hours=1)
# Raise with every change of the privacy notice: everyone sees it again at their next step.
# 2: meeting registrations named; 3: no profile under 16; 4: one short notice, votes under a
# pseudonym, the full text under /privacy.
PRIVACY_VERSION = 4


def current_privacy_version() -> int:
    """The version of the privacy notice in force (read at call time, so tests can raise it)."""
    return PRIVACY_VERSION


class UnknownValue(ValueError):
    """A value outside the allowed vocabulary (e.g. from forged callback data)."""


@dataclass(frozen=True)
class StoredData:
    """Everything stored about one resident, for the privacy view."""

    telegram_id: int
    language: str | None
    telegram_language: str | None
    announcements: bool
    district: str | None
    age_group: str | None
    topics: list[str]
    profile_consent_at: datetime | None
    created_at: datetime
    last_seen_at: datetime
    ideas: int = 0  # handed in (with their text, photos and location)
    supports: int = 0
    reports: int = 0


class UserService:
    """Use cases on one resident; each public method is one transaction."""

    def __init__(self, session: AsyncSession, clock: Clock) -> None:
        self.session = session
        self.clock = clock

    async def load_or_create(self, telegram_id: int, language_code: str | None) -> User:
        """The resident's row, created on first contact; written only when something changed."""
        user = await repo.get_by_telegram_id(self.session, telegram_id)
        return await self.greet(user, telegram_id, language_code)

    async def greet(self, user: User | None, telegram_id: int, language_code: str | None) -> User:
        """Like load_or_create for a row already read (None: not known yet)."""
        now = self.clock.now()
        telegram_language = base_language(language_code)
        if user is None:
            user = await repo.add(self.session, telegram_id, telegram_language)
            await self.session.commit()
            return user
        changed = now - user.last_seen_at >= LAST_SEEN_GRANULARITY
        if changed:
            user.last_seen_at = now
            user.retention_warned_at = None  # active again: the deletion clock starts over
        if user.telegram_language != telegram_language:
            user.telegram_language = telegram_language
            changed = True
        if not user.reachable:
            # Someone who writes to the bot or presses its buttons has not blocked it.
            user.reachable = changed = True
        if changed:
            await self.session.commit()
        return user

    async def find(self, telegram_id: int) -> User | None:
        """The resident's row, if known; never creates or writes."""
        return await repo.get_by_telegram_id(self.session, telegram_id)

    async def set_announcements(self, user: User, on: bool) -> None:
        """Switch announcements on or off (/stop, Settings)."""
        if user.announcements != on:
            user.announcements = on
            await self.session.commit()

    async def set_reachable(self, user: User, reachable: bool) -> None:
        """Record whether the person has blocked the bot (Telegram's my_chat_member)."""
        if user.reachable != reachable:
            user.reachable = reachable
            await self.session.commit()

    async def set_language(self, user: User, language: str) -> None:
        """Store an explicit language choice."""
        if language not in INTERFACE_LANGUAGES:
            raise UnknownValue(language)
        user.language = language
        await self.session.commit()

    async def acknowledge_privacy(self, user: User) -> None:
        """Remember which privacy notice version the resident has seen."""
        user.privacy_version = current_privacy_version()
        await self.session.commit()

    async def give_profile_consent(self, user: User) -> None:
        """Record consent for the optional profile."""
        if user.profile_consent_at is None:
            user.profile_consent_at = self.clock.now()
            await self.session.commit()

    async def set_district(self, user: User, district: str | None) -> None:
        """Set or clear the district (needs profile consent)."""
        if district is not None and district not in DISTRICTS:
            raise UnknownValue(district)
        self._require_consent(user, district)
        user.district = district
        await self.session.commit()

    async def set_age_group(self, user: User, age_group: str | None) -> None:
        """Set or clear the age group (needs profile consent; never one without a profile)."""
        if age_group is not None and age_group not in AGE_GROUPS:
            raise UnknownValue(age_group)
        if age_group in NO_PROFILE_AGE_GROUPS:
            raise PermissionError("no profile under 16: use no_profile_for_child")
        self._require_consent(user, age_group)
        user.age_group = age_group
        await self.session.commit()

    async def topics(self, user: User) -> list[str]:
        """The resident's topics."""
        return await repo.topics_of(self.session, user.id)

    async def toggle_topic(self, user: User, topic: str) -> list[str]:
        """Add or remove one topic; returns the new list."""
        if topic not in TOPICS:
            raise UnknownValue(topic)
        self._require_consent(user, topic)
        chosen = set(await repo.topics_of(self.session, user.id))
        chosen.symmetric_difference_update({topic})
        await repo.replace_topics(self.session, user.id, chosen)
        await self.session.commit()
        return sorted(chosen)

    async def clear_profile(self, user: User) -> None:
        """Withdraw profile consent and erase the optional profile."""
        user.district = user.age_group = user.profile_consent_at = None
        await repo.replace_topics(self.session, user.id, set())
        await self.session.commit()

    async def no_profile_for_child(self, user: User) -> None:
        """The resident is under 16: erase the profile and its consent, keep nothing of it."""
        await self.clear_profile(user)

    async def finish_onboarding(self, user: User) -> None:
        """Mark the first-run flow as done."""
        if not user.onboarded:
            user.onboarded = True
            await self.session.commit()

    async def claim_language_offer(self, user: User, language: str) -> bool:
        """True exactly once per language: whether to offer switching to it now."""
        offered = set(filter(None, user.language_offers.split(",")))
        if language not in INTERFACE_LANGUAGES or language in offered:
            return False
        user.language_offers = ",".join(sorted(offered | {language}))
        await self.session.commit()
        return True

    async def stored_data(self, user: User) -> StoredData:
        """Everything stored about the resident."""
        ideas, supports, reports = await idea_repo.involvement(self.session, user.id)
        return StoredData(
            telegram_id=user.telegram_id,
            language=user.language,
            telegram_language=user.telegram_language,
            announcements=user.announcements,
            district=user.district,
            age_group=user.age_group,
            topics=await repo.topics_of(self.session, user.id),
            profile_consent_at=user.profile_consent_at,
            created_at=user.created_at,
            last_seen_at=user.last_seen_at,
            ideas=ideas,
            supports=supports,
            reports=reports,
        )

    async def delete(self, user: User, how: personal_data.Erasure) -> None:
        """Erase the resident and everything linked to them."""
        await personal_data.erase(self.session, user, how, keep_public_ideas=False)

    @staticmethod
    def _require_consent(user: User, value: str | None) -> None:
        # The optional profile is processed only with consent (Art. 6(1)(a) GDPR).
        if value is not None and user.profile_consent_at is None:
            raise PermissionError("profile consent missing")
