"""What `stadtstimme announce` reads from its options: text files, audience codes, send time."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.exits import fail
from bot.cli.support import DISTRICT_NAMES
from bot.cli.translate_option import translate_or_exit
from bot.config import LANGUAGES, Settings
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import CampaignError, Draft
from bot.services.campaigns.translation import translate_draft
from bot.services.profile import DISTRICTS
from bot.services.translation.drafts import Filled
from bot.services.translation.engine import Translator

TIME_FORMAT = "%Y-%m-%d %H:%M"


def read_texts(files: list[Path], langs: list[str]) -> tuple[dict[str, str], dict[str, Path]]:
    """Pair the files with their languages (the first is German) and read them."""
    if not files:
        raise fail("--text-file is required (the first one is the German text)")
    if len(files) != len(langs) + 1:
        raise fail(
            "the first --text-file is German and every later one needs a --lang, in order: "
            f"got {len(files)} --text-file and {len(langs)} --lang"
        )
    sources = {"de": files[0]}
    for lang, file in zip(langs, files[1:], strict=True):
        code = lang.strip().lower()
        if code not in LANGUAGES:
            raise fail(f"--lang: unknown language {lang!r}; valid: {', '.join(LANGUAGES[1:])}")
        if code in sources:
            raise fail(f"--lang {code}: there is already a {code} text ({sources[code]})")
        sources[code] = file
    texts = {}
    for code, file in sources.items():
        try:
            texts[code] = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise fail(f"{file}: not UTF-8 text") from None
        except OSError as error:
            raise fail(f"{file}: cannot read it ({error.strerror or error})") from None
    return texts, sources


def district_help() -> str:
    names = ", ".join(DISTRICT_NAMES[code] for code in DISTRICTS[:7])
    return f"{names} (or a code: {', '.join(DISTRICTS)})"


def choose(
    option: str,
    values: list[str] | None,
    allowed: Sequence[str],
    key: Callable[[str], str] = lambda value: value.strip().casefold(),
    shown: str | None = None,
) -> frozenset[str]:
    """The codes for an option's values; an unknown one exits with the valid values."""
    chosen = set()
    for value in values or ():
        code = key(value)
        if code not in allowed:
            valid = shown or ", ".join(allowed)
            raise fail(f"{option}: unknown value {value!r}; valid: {valid}")
        chosen.add(code)
    return frozenset(chosen)


def send_time(at: str | None, settings: Settings, now: datetime) -> datetime | None:
    """--at in the configured zone, as UTC; None means now."""
    if at is None:
        return None
    try:
        naive = datetime.strptime(at.strip().replace("T", " "), TIME_FORMAT)
    except ValueError:
        raise fail(
            f"--at: expected YYYY-MM-DD HH:MM ({settings.timezone}), e.g. 2026-12-01 18:00; "
            f"got {at!r}"
        ) from None
    moment = naive.replace(tzinfo=settings.zone).astimezone(UTC)
    if moment.astimezone(settings.zone).replace(tzinfo=None) != naive:
        raise fail(
            f"--at {at}: that time is skipped when the clocks go forward ({settings.timezone})"
        )
    if moment <= now:
        raise fail(f"--at {at}: that is in the past ({settings.timezone})")
    return moment


def validate(draft: Draft, sources: dict[str, Path], at: str | None, now: datetime) -> None:
    """campaigns.validate, its complaint phrased with the file or option it is about."""
    try:
        campaigns.validate(draft, now)
    except CampaignError as error:
        raise fail(complaint(error, sources, at)) from None


def complaint(error: CampaignError, sources: dict[str, Path], at: str | None) -> str:
    if error.code == "invalid_html":
        language = str(error.details["language"])
        where = sources.get(language, f"{language} (machine-translated)")
        return f"{where}: {error.details['reason']}"
    if error.code == "in_past":
        return f"--at {at}: that is in the past"
    return str(error)


def translated(settings: Settings, draft: Draft) -> Draft:
    """The draft with every missing version machine-translated (said on the terminal)."""

    async def fill(session: AsyncSession, translator: Translator) -> Filled:
        return (await translate_draft(session, translator, draft.texts, photo=False))[1]

    filled = translate_or_exit(settings, fill)
    made = {language: versions[0] for language, versions in filled.versions.items()}
    return replace(draft, texts={**draft.texts, **made}, machine=frozenset(made))
