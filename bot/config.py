"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import time as dt_time
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    Field,
    SecretStr,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict
from pydantic_settings import SettingsError as SourceError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

# Content languages: announcements, polls, meetings and info pages are written in these.
LANGUAGES = ("de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el")
# German with "du": an interface catalog of its own (locales/de@du, see locales/STYLE-du.md);
# its people get the German content and Babel's German dates ("de@du" is German to Babel).
INFORMAL_GERMAN = "de@du"
INTERFACE_LANGUAGES = (*LANGUAGES, INFORMAL_GERMAN)
TOKEN_PATTERN = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{30,64}$")
# Telegram allows 1–256 characters; fewer than 32 could be guessed or brute-forced.
WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{32,256}")
WEBHOOK_SECRET_RULE = "32–256 characters A-Z a-z 0-9 _ - (e.g. `openssl rand -hex 32`)"  # noqa: S105
SUPPORTED_DRIVERS = ("sqlite+aiosqlite", "postgresql+asyncpg")
ProcessKind = Literal["bot", "sender", "dashboard"]
# The ops port of each kind of process while OPS_PORT is unset (docs/OPERATIONS.md).
OPS_PORTS: dict[ProcessKind, int] = {"bot": 9108, "sender": 9109, "dashboard": 9110}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
LOG_FORMATS = ("text", "json")
TRANSLATE_PROVIDERS = ("none", "libretranslate", "deepl")
DEEPL_FREE_URL = "https://api-free.deepl.com"
POLL_SECRET_MIN = 32  # characters: `openssl rand -hex 32` gives 64
# Only for the sandbox (no BOT_TOKEN): its votes are demo data in a database of its own.
SANDBOX_POLL_KEY = b"stadtstimme-sandbox"


class Settings(BaseSettings):
    """Every setting the bot reads; see `.env.example` for documentation."""

    # An empty value (`STAFF_CHAT_ID=` as in .env.example) is unset, never "" or "no check".
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", env_ignore_empty=True, extra="ignore"
    )

    bot_token: SecretStr | None = None
    telegram_api_url: str = "https://api.telegram.org"
    database_url: str = "sqlite+aiosqlite:///./stadtstimme.db"
    default_language: str = "de"
    timezone: str = "Europe/Berlin"
    admin_ids: Annotated[list[int], NoDecode] = Field(default_factory=list)
    staff_chat_id: int | None = None
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8443, ge=1, le=65535)
    redis_url: str | None = None
    log_level: str = "INFO"
    # `json`: one object per line for a log collector (time, level, logger, message, update_id).
    log_format: str = "text"
    # /healthz, /readyz and /metrics of every bot process (OPS_PORT=0: none). Unset, each kind
    # of process takes its own port (OPS_PORTS), so a bot, a sender and the dashboard fit on one
    # host; read it through `ops_port_for`.
    ops_host: str = "127.0.0.1"
    ops_port: int = Field(default=OPS_PORTS["bot"], ge=0, le=65535)
    db_pool_size: int = Field(default=10, ge=1, le=200)
    throttle_burst: int = Field(default=5, ge=1, le=10_000)
    throttle_rate: float = Field(default=2.0, gt=0, le=100)
    # The same free text (commands excepted) this many times within SPAM_WINDOW seconds is
    # ignored (after one notice).
    spam_repeats: int = Field(default=3, ge=2, le=1000)
    spam_window: int = Field(default=60, ge=1, le=86_400)
    # Sender: messages per second overall (Telegram allows ~30; headroom for interactive replies).
    send_rate: float = Field(default=28.0, gt=0, le=30)
    # Paid broadcast (costs Telegram Stars): 0 = off, else messages per second up to 1000.
    paid_broadcast_rate: int = Field(default=0, ge=0, le=1000)
    # Ideas: hand-ins and reports per person per day; distinct reports that hide an idea.
    ideas_per_day: int = Field(default=5, ge=1, le=1000)
    reports_per_day: int = Field(default=10, ge=1, le=1000)
    idea_hide_reports: int = Field(default=3, ge=1, le=1000)
    # Ideas: the usual response time promised after handing one in, in working days.
    idea_response_days: int = Field(default=5, ge=1, le=60)
    # The bot's @username, for poster links t.me/<username>?start=m<id> (`meetings qr`).
    bot_username: str = Field(default="StadtstimmeBot", pattern=r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
    # Key of the HMAC that stands for a voter in poll_votes (the Telegram id is never stored);
    # required with a BOT_TOKEN (see `poll_key`), never the token itself.
    poll_secret: SecretStr | None = None
    # Retention: residents inactive this long are deleted (warned 30 days before); staff audit
    # entries older than AUDIT_RETENTION_MONTHS are pruned.
    retention_months: int = Field(default=24, ge=2, le=240)
    audit_retention_months: int = Field(default=12, ge=1, le=240)
    # Machine translation (issue 21): none sends nothing anywhere; libretranslate (self-hosted,
    # TRANSLATE_URL, optional TRANSLATE_API_KEY) or deepl (DEEPL_API_KEY, DEEPL_API_URL).
    translate_provider: str = "none"
    translate_url: str | None = None
    translate_api_key: SecretStr | None = None
    deepl_api_key: SecretStr | None = None
    deepl_api_url: str = DEEPL_FREE_URL
    # Requests per minute to the provider at most; beyond it texts wait for a later tick.
    translate_per_minute: int = Field(default=60, ge=1, le=10_000)
    translate_timeout: float = Field(default=10.0, gt=0, le=120)
    sandbox_host: str = "127.0.0.1"
    sandbox_port: int = Field(default=8080, ge=1, le=65535)
    # The staff dashboard (bot/dashboard): where it listens, and its public address behind the
    # city's reverse proxy (login links point there; https makes the cookie Secure).
    dashboard_host: str = "127.0.0.1"
    dashboard_port: int = Field(default=8081, ge=1, le=65535)
    dashboard_url: str | None = None
    # Whether `stadtstimme run` serves the dashboard in the bot's process: unset (auto) when
    # DASHBOARD_URL is set; false where a separate `stadtstimme dashboard` container serves it.
    dashboard_enabled: bool | None = None
    # The moderator digest in the staff chat each morning at this local time (HH:MM, city
    # zone); "off" sends none.
    digest_time: str = "08:00"

    @field_validator("bot_token", mode="before")
    @classmethod
    def _token_shape(cls, value: object) -> object:
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not TOKEN_PATTERN.match(value.strip()):
            # Never echo the value: it may be a real token with a typo.
            raise ValueError("expected a token from @BotFather like 123456789:AA… (value hidden)")
        return value.strip()

    @field_validator("webhook_secret", mode="before")
    @classmethod
    def _webhook_secret(cls, value: object) -> object:
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        # Empty (`WEBHOOK_SECRET=` in .env) means missing, never "no check".
        if value in (None, ""):
            return None
        if not isinstance(value, str) or not WEBHOOK_SECRET_PATTERN.fullmatch(value):
            raise ValueError(f"expected {WEBHOOK_SECRET_RULE} (value hidden)")
        return value

    @field_validator("poll_secret", mode="before")
    @classmethod
    def _poll_secret(cls, value: object, info: ValidationInfo) -> object:
        if value in (None, ""):
            return None
        secret = value.get_secret_value() if isinstance(value, SecretStr) else value
        if not isinstance(secret, str):
            return value
        token = info.data.get("bot_token")
        # Whoever holds the token (every hoster of the bot) could otherwise recompute voters.
        if token is not None and secret.strip() == token.get_secret_value():
            raise ValueError("must not be the bot token: set a long random value of its own")
        if len(secret.strip()) < POLL_SECRET_MIN:
            raise ValueError(
                f"expected at least {POLL_SECRET_MIN} random characters, "
                "e.g. from `openssl rand -hex 32` (value hidden)"
            )
        return secret.strip()

    @field_validator("admin_ids", mode="before")
    @classmethod
    def _split_ids(cls, value: object) -> object:
        if isinstance(value, str):
            parts = [p for p in re.split(r"[,\s]+", value.strip()) if p]
            if not all(re.fullmatch(r"-?\d+", p) for p in parts):
                raise ValueError("expected Telegram user ids separated by commas, e.g. 123,456")
            return [int(p) for p in parts]
        if isinstance(value, int):
            return [value]
        return value

    @field_validator("database_url")
    @classmethod
    def _database_url(cls, value: str) -> str:
        try:
            url = make_url(value)
        except ArgumentError:
            raise ValueError(
                "expected an SQLAlchemy URL such as sqlite+aiosqlite:///./stadtstimme.db "
                "or postgresql+asyncpg://user@host/db"
            ) from None
        if url.drivername not in SUPPORTED_DRIVERS:
            raise ValueError(f"expected a driver among {', '.join(SUPPORTED_DRIVERS)}")
        return value

    @field_validator("default_language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise ValueError(f"expected one of {', '.join(LANGUAGES)}")
        return value

    @field_validator("timezone")
    @classmethod
    def _timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("expected an IANA time zone such as Europe/Berlin") from None
        return value

    @field_validator("dashboard_enabled", mode="before")
    @classmethod
    def _auto(cls, value: object) -> object:
        return None if isinstance(value, str) and value.strip().lower() in ("", "auto") else value

    @field_validator("digest_time", mode="before")
    @classmethod
    def _digest_time(cls, value: object) -> object:
        text = str(value).strip().lower()
        if text in ("", "off"):
            return "off"
        found = re.fullmatch(r"([01]?[0-9]|2[0-3]):([0-5][0-9])", text)
        if found is None:
            raise ValueError("expected a local time like 08:00, or off")
        return f"{int(found[1]):02d}:{found[2]}"

    @field_validator("log_level", mode="before")
    @classmethod
    def _log_level(cls, value: object) -> object:
        if isinstance(value, str) and value.upper() in LOG_LEVELS:
            return value.upper()
        raise ValueError(f"expected one of {', '.join(LOG_LEVELS)}")

    @field_validator("log_format", mode="before")
    @classmethod
    def _log_format(cls, value: object) -> object:
        if isinstance(value, str) and value.lower() in LOG_FORMATS:
            return value.lower()
        raise ValueError(f"expected one of {', '.join(LOG_FORMATS)}")

    @field_validator("translate_provider", mode="before")
    @classmethod
    def _translate_provider(cls, value: object) -> object:
        if isinstance(value, str) and value.strip().lower() in TRANSLATE_PROVIDERS:
            return value.strip().lower()
        raise ValueError(f"expected one of {', '.join(TRANSLATE_PROVIDERS)}")

    @field_validator("telegram_api_url", "webhook_url", "translate_url", "deepl_api_url")
    @classmethod
    def _http_url(cls, value: str | None) -> str | None:
        if value is not None and not re.match(r"^https?://[^\s/]+", value):
            raise ValueError("expected an http(s) URL")
        return value.rstrip("/") if value else value

    @model_validator(mode="after")
    def _translation_complete(self) -> Settings:
        # A provider without its address or key would fail on every text: say so at start-up.
        if self.translate_provider == "libretranslate" and not self.translate_url:
            raise ValueError(
                "TRANSLATE_URL: required with TRANSLATE_PROVIDER=libretranslate "
                "(the address of your LibreTranslate server, e.g. http://127.0.0.1:5000)"
            )
        if self.translate_provider == "deepl" and self.deepl_api_key is None:
            raise ValueError(
                "DEEPL_API_KEY: required with TRANSLATE_PROVIDER=deepl "
                "(the key of your DeepL account)"
            )
        return self

    @property
    def serves_dashboard(self) -> bool:
        """Whether `stadtstimme run` serves the dashboard beside the bot (DASHBOARD_ENABLED)."""
        if self.dashboard_enabled is not None:
            return self.dashboard_enabled
        return bool(self.dashboard_url)

    @property
    def digest_at(self) -> dt_time | None:
        """The digest's local time (city zone), None when DIGEST_TIME is off."""
        if self.digest_time == "off":
            return None
        hours, minutes = self.digest_time.split(":")
        return dt_time(int(hours), int(minutes))

    @property
    def is_sqlite(self) -> bool:
        """Whether the database is the embedded SQLite file."""
        return self.database_url.startswith("sqlite")

    @property
    def poll_key(self) -> bytes:
        """The voters' HMAC key: POLL_SECRET; without a BOT_TOKEN (sandbox) a fixed key.

        SettingsError when a BOT_TOKEN is set without POLL_SECRET: real votes are never keyed
        with the token (anyone who runs the bot holds it) nor with the public sandbox key.
        """
        if self.poll_secret is not None:
            return self.poll_secret.get_secret_value().encode()
        if self.bot_token is not None:
            raise SettingsError(
                "POLL_SECRET: required when BOT_TOKEN is set; "
                "set a long random value, e.g. from `openssl rand -hex 32`"
            )
        return SANDBOX_POLL_KEY

    def check_poll_secret(self) -> None:
        """Raise SettingsError now, at start-up, if `poll_key` would."""
        self.poll_key  # noqa: B018

    @property
    def author_key(self) -> bytes:
        """Key of the staff chat's pseudonymous author tags, derived from the poll key with its
        own purpose label (a tag can't be recomputed from the sequential user id without it)."""
        return hmac.new(self.poll_key, b"stadtstimme:idea-author", hashlib.sha256).digest()

    def ops_port_for(self, kind: ProcessKind) -> int:
        """OPS_PORT when it is set (0: no endpoints), else the kind's own port."""
        return self.ops_port if "ops_port" in self.model_fields_set else OPS_PORTS[kind]

    @property
    def zone(self) -> ZoneInfo:
        """The time zone dates are shown in."""
        return ZoneInfo(self.timezone)


class SettingsError(Exception):
    """A setting has a wrong value; the message is one line, safe to print."""


def webhook_credentials(settings: Settings) -> tuple[str, str]:
    """The bot token and webhook secret `run --webhook` needs; SettingsError when one is missing."""
    if settings.bot_token is None:
        # Never the sandbox: a webhook deployment without its token is a mistake, not a demo.
        raise SettingsError("BOT_TOKEN: required for --webhook (the sandbox: `run` or `sandbox`)")
    if not settings.webhook_url:
        raise SettingsError("WEBHOOK_URL: required for --webhook")
    if settings.webhook_secret is None:
        raise SettingsError(f"WEBHOOK_SECRET: required for --webhook: {WEBHOOK_SECRET_RULE}")
    return settings.bot_token.get_secret_value(), settings.webhook_secret.get_secret_value()


def load_settings(**overrides: object) -> Settings:
    """Read the settings, turning validation errors into one readable line."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except SourceError as error:
        raise SettingsError(str(error).split(" from source")[0]) from None
    except ValidationError as error:
        first = error.errors()[0]
        message = str(first["msg"]).removeprefix("Value error, ")
        if not first["loc"]:  # a check across settings names its variable itself
            raise SettingsError(message) from None
        raise SettingsError(f"{str(first['loc'][0]).upper()}: {message}") from None
