"""`stadtstimme run` without a token: fake Telegram, the bot and the web chat in one process."""

from __future__ import annotations

import logging

from aiohttp import web

from bot.config import Settings
from bot.runner import background_work, start_bot
from bot.sandbox.server import FakeBotAPI
from bot.sandbox.webchat import WebChat

# Not a secret: it only works against the fake Bot API inside this process.
SANDBOX_TOKEN = "123456789:SANDBOX-stadtstimme-local-only-token-xx"  # noqa: S105
SANDBOX_DATABASE = "sqlite+aiosqlite:///./stadtstimme-sandbox.db"
log = logging.getLogger(__name__)


async def run_sandbox(settings: Settings) -> None:
    """Serve fake Telegram and the web chat, then run the bot against them until interrupted."""
    api = FakeBotAPI()
    app = web.Application(client_max_size=50 * 1024 * 1024)
    api.add_routes(app)
    WebChat(api, SANDBOX_TOKEN).add_routes(app)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    host, port = settings.sandbox_host, settings.sandbox_port
    await web.TCPSite(runner, host, port).start()
    # The sandbox never touches the real database: demo data must not reach production.
    sandbox_settings = settings.model_copy(
        update={"telegram_api_url": f"http://{host}:{port}", "database_url": SANDBOX_DATABASE}
    )
    runtime, bot, dispatcher = await start_bot(sandbox_settings, SANDBOX_TOKEN)
    print(
        f"\nStadtstimme sandbox: open http://{host}:{port} in your browser and chat with the bot.\n"
        "No Telegram account needed; data goes to ./stadtstimme-sandbox.db.\n"
        "To run on Telegram instead: get a token from @BotFather, put BOT_TOKEN=… into .env,\n"
        "and start `stadtstimme run` again. Stop with Ctrl+C.\n",
        flush=True,
    )
    try:
        async with background_work(runtime, bot):
            await dispatcher.start_polling(bot, handle_signals=True)
    finally:
        await api.stop()
        await runner.cleanup()
        await runtime.engine.dispose()
