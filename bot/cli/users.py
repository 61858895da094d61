"""`stadtstimme users delete TELEGRAM_ID`: a deletion request handled from the shell."""

from __future__ import annotations

import typer

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.services import audit, staff_erasure
from bot.services.clock import SystemClock
from db.repositories import users as user_repo

users_app = typer.Typer(help="Residents' data (deletion requests).", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `users` to the main command."""
    app.add_typer(users_app, name="users")


@users_app.command("delete")
def delete(
    telegram_id: int = typer.Argument(..., metavar="TELEGRAM_ID"),
    keep_public_ideas: bool = typer.Option(
        False, "--keep-public-ideas", help="Keep published ideas, without any link to the person."
    ),
) -> None:
    """Erase a resident and everything linked to them (GDPR Art. 17)."""
    from bot.i18n import build_i18n
    from bot.presentation.erasure import erasure

    settings = settings_or_exit()
    how = erasure(build_i18n(settings.default_language), settings, SystemClock())

    async def erase() -> int | None:
        async with database_session(settings) as session:
            user = await user_repo.get_by_telegram_id(session, telegram_id)
            if user is None:
                return None
            kept = await staff_erasure.erase_on_request(
                session, user, how, keep_public_ideas=keep_public_ideas, actor=audit.CLI_OPERATOR
            )
        # Conversation state in Redis (REDIS_URL) is not in the database: removed separately.
        # Imported here: bot.storage loads aiogram, seconds of start-up every other command
        # would pay.
        from bot.storage import forget_in_redis

        await forget_in_redis(settings.redis_url, telegram_id)
        return kept

    kept = run_db(erase())
    if kept is None:
        raise fail(f"no resident with Telegram id {telegram_id} is stored", code=1)
    typer.echo(
        f"deleted all data of {telegram_id}"
        + (f"; {kept} published ideas kept anonymously" if kept else "")
    )
