"""The announcement form: what staff typed, checked by the rules /announce and the CLI use."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import LANGUAGES
from bot.services.audience import VOCABULARY, Audience, UnknownAudienceValue
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.input import check_text, parse_send_time
from bot.services.campaigns.lifecycle import CampaignError, Draft, text_limit


@dataclass(frozen=True)
class Problem:
    """Why the form can't be sent: `where` is a language, "audience" or "send_at"."""

    where: str
    code: str
    details: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Form:
    """The form as sent: every value kept, so the page shows it again unchanged."""

    texts: dict[str, str]  # only the languages with a text
    chosen: dict[str, list[str]]  # audience kind -> codes ticked
    send_at: str  # the datetime-local value in the city's zone, "" for now
    nonce: str  # one per opened form: a second press of "Send" stores nothing twice
    previewed: str  # the digest of what the last preview showed
    photo: str = ""  # the uploaded photo's Telegram file_id; the texts are then its captions

    def audience(self) -> Audience:
        """The chosen filters; UnknownAudienceValue for a value outside the vocabulary."""
        return audience_from(self.chosen)

    def digest(self) -> str:
        """What a preview showed, so "Send" can tell that nothing changed since."""
        shown = json.dumps([self.texts, self.chosen, self.send_at, self.photo], sort_keys=True)
        return hashlib.sha256(shown.encode()).hexdigest()


def audience_from(values: Mapping[str, list[str]]) -> Audience:
    """An Audience from ticked codes per kind (form fields or the count's query)."""
    return Audience(**{kind: frozenset(values.get(kind, ())) for kind in VOCABULARY})


def read(form: Any) -> Form:
    """The form's fields (a MultiDict); texts trimmed, empty ones left out."""

    def one(name: str) -> str:
        value = form.get(name)  # a browser's CRLF line endings as the chat's LF
        return value.replace("\r\n", "\n") if isinstance(value, str) else ""

    texts = {code: text for code in LANGUAGES if (text := one(f"text_{code}").strip())}
    chosen = {
        kind: sorted({v for v in form.getall(kind, []) if isinstance(v, str)})
        for kind in VOCABULARY
    }
    photo = "" if one("photo_remove") == "yes" else one("photo").strip()
    return Form(texts, chosen, one("send_at").strip(), one("nonce"), one("previewed"), photo)


def check(
    form: Form, zone: ZoneInfo, now: datetime, paid: bool, machine: frozenset[str] = frozenset()
) -> tuple[Draft | None, list[Problem]]:
    """The campaign's Draft, or every problem found (each language, audience, time);
    `machine`: the versions machine translation made (each keeps room for its note)."""
    problems = []
    photo = bool(form.photo)  # captions then: at most 1024 UTF-16 units, as in the chat
    for language, text in form.texts.items():
        try:
            check_text(text, caption=photo, limit=text_limit(photo, language in machine))
        except CampaignError as error:
            problems.append(Problem(language, error.code, error.details))
    if "de" not in form.texts:
        problems.append(Problem("de", "no_german"))
    try:
        audience = form.audience()
    except UnknownAudienceValue as error:
        problems.append(Problem("audience", "unknown_value", {"value": error.value}))
        audience = Audience()
    send_at = None
    if form.send_at:
        try:  # datetime-local sends "2026-12-24T18:00"
            send_at = parse_send_time(form.send_at.replace("T", " "), zone, now)
        except CampaignError as error:
            problems.append(Problem("send_at", error.code))
    if problems:
        return None, problems
    draft = Draft(
        texts=form.texts, audience=audience, send_at=send_at, paid=paid, machine=machine,
        photo=form.photo or None,
    )  # fmt: skip
    try:  # the rules the chat and the CLI apply to the whole draft
        campaigns.validate(draft, now)
    except CampaignError as error:
        return None, [Problem(str(error.details.get("language", "")), error.code, error.details)]
    return draft, []
