"""Every CallbackData packs within Telegram's 64 bytes with its largest values."""

from __future__ import annotations

import typing

from aiogram.filters.callback_data import CallbackData

from bot.config import INTERFACE_LANGUAGES, LANGUAGES
from bot.keyboards.callbacks import ALL_CALLBACKS
from bot.services.audience import VOCABULARY
from bot.services.ideas.engagement import REPORT_REASONS
from bot.services.ideas.lifecycle import IDEA_DISTRICTS
from bot.services.ideas.moderation import DECLINE_REASONS
from bot.services.meetings.lifecycle import MEETING_DISTRICTS
from bot.services.meetings.reminders import CHOICES
from bot.services.profile import AGE_GROUPS, DISTRICTS, TOPICS
from bot.services.staff import ROLES

# The longest value each field can legitimately carry.
LONGEST_TEXT = {
    "to": max(
        ["continue", "language", "settings", "privacy", "profile", "info", "help", "announcements"],
        key=len,
    ),
    "code": max(INTERFACE_LANGUAGES, key=len),  # "de@du" in the resident picker
    "step": "consent",  # also volunteering: card, interested, msg, contact
    # Profile answers, announcement audience values, filter kinds and 8-hex-digit draft ids.
    "value": max(
        (
            *DISTRICTS,
            *AGE_GROUPS,
            *TOPICS,
            *LANGUAGES,
            "skip",
            "district",
            "age_groups",
            "f" * 8,
            *IDEA_DISTRICTS,
            *DECLINE_REASONS,
            "location",
        ),
        key=len,
    ),
    "s": "n",
    "r": max(REPORT_REASONS, key=len),
    "mode": "o",
    "slug": "x" * 40,  # info page slugs are limited to 40 characters by the service
    "action": max(
        (
            *("show", "delete", "erase"),  # privacy
            *("lang", "languages", "audience", "everyone", "kind", "preview"),  # announce wizard
            *("now", "schedule", "confirm", "cancel", "stop"),
            *("new", "topic", "district", "photos_done", "location_done", "send", "edit"),  # ideas
            *("change", "preview", "mine", "withdraw", "sure"),
            *("publish", "decline", "forward", "implement", "not_pursued", "reason", "back"),
            *("page", "topics", "places", "sup", "rep", "why"),  # browsing ideas
            *("list", "filter", "card", "reg", "unreg", "ics", "map", "remind", "rset"),
            *("rate", "skip", "open", "time", "place", "publish"),  # meetings
            *("list", "member", "add", "role", "remove"),  # staff
            *("del2", "keep", "eraseall", "eraseanon"),  # /delete
        ),
        key=len,
    ),
    "kind": max(VOCABULARY, key=len),
    # Meetings: a district filter, a reminder choice, a rating, a staff wizard value.
    "v": max((*MEETING_DISTRICTS, *CHOICES, "off", "5", "f" * 8), key=len),
    "district": max(MEETING_DISTRICTS, key=len),
    "role": max(ROLES, key=len),
    "origin": "s",  # PrivacyFrom: one letter
    # Volunteering: the list's filters and which filter's choices are open.
    "freq": "regular",
    "topic": max(TOPICS, key=len),
    "pick": "d",
    "draft": "f" * 25,  # the budget ballot's choice: one bit per project, at most 100 buttons
}


# Integer fields with a known range (list indexes, pages); others get their widest bound.
LONGEST_INT = {"t": -1, "d": -1, "p": 99_999}


def largest_instance(cls: type[CallbackData]) -> CallbackData:
    values: dict[str, object] = {}
    for name, annotation in typing.get_type_hints(cls).items():
        if name.startswith("_") or name == "__prefix__":
            continue
        if annotation is bool:
            values[name] = True
        elif annotation is int:
            values[name] = LONGEST_INT.get(name, widest(cls, name))
        elif typing.get_origin(annotation) is typing.Literal:
            values[name] = max(typing.get_args(annotation), key=len)  # only these can be sent
        else:
            values[name] = LONGEST_TEXT[name]
    return cls(**values)


def widest(cls: type[CallbackData], name: str) -> int:
    """The bound of an integer field that packs longest (-(2**53) for an unbounded one)."""
    metadata = cls.model_fields[name].metadata
    bounds = [getattr(m, b) for m in metadata for b in ("ge", "le") if hasattr(m, b)]
    return max(bounds, key=lambda value: len(str(value))) if bounds else -(2**53)


def test_id_fields_are_bounded() -> None:
    for cls in ALL_CALLBACKS:
        for name, field in cls.model_fields.items():
            if field.annotation is int and name not in LONGEST_INT:
                assert widest(cls, name) != -(2**53), (cls.__name__, name)


def test_prefixes_are_unique() -> None:
    prefixes = [cls.__prefix__ for cls in ALL_CALLBACKS]
    assert len(prefixes) == len(set(prefixes))


def test_every_callback_packs_within_64_bytes() -> None:
    for cls in ALL_CALLBACKS:
        packed = largest_instance(cls).pack()
        assert len(packed.encode()) <= 64, (cls.__name__, packed)


def test_all_callback_classes_are_listed() -> None:
    import bot.keyboards.callbacks as module

    defined = {
        obj
        for obj in vars(module).values()
        if isinstance(obj, type) and issubclass(obj, CallbackData) and obj is not CallbackData
    }
    assert defined == set(ALL_CALLBACKS)
