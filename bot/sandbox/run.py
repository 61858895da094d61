"""`stadtstimme run` without a token: fake Telegram, the bot and the web chat in one process."""

from __future__ import annotations

import logging
from pathlib import Path

from aiohttp import web
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.runner import background_work, prepare_database, start_bot
from bot.runtime import Runtime, build_bot, create_runtime
from bot.sandbox import updates
from bot.sandbox.demo import (
    DEMO_STAFF,
    DEMO_YOUTH,
    demo_chats,
    sandbox_settings,
    seed_demo,
    translation_line,
)
from bot.sandbox.demo_base import DemoContext
from bot.sandbox.origin_guard import same_site_only
from bot.sandbox.server import FakeBotAPI
from bot.sandbox.snapshot import Snapshot
from bot.sandbox.webchat import WebChat
from bot.sandbox.webchat_directory import Directory
from bot.services.maintenance import highest_processed_update

# Not a secret: it only works against the fake Bot API inside this process.
SANDBOX_TOKEN = "123456789:SANDBOX-stadtstimme-local-only-token-xx"  # noqa: S105
SANDBOX_DATABASE = "sqlite+aiosqlite:///./stadtstimme-sandbox.db"
# Names of simulated residents: sandbox only, never in the bot's database.
SANDBOX_RESIDENTS = Path("stadtstimme-sandbox-residents.jsonl")
LEGACY_RESIDENTS = Path("stadtstimme-sandbox-residents.json")  # before JSON lines
# What fake Telegram holds (chats, messages, polls), so a restart continues where it stopped.
SANDBOX_TELEGRAM = Path("stadtstimme-sandbox-telegram.json")
SANDBOX_FILES = Path("stadtstimme-sandbox-files")
log = logging.getLogger(__name__)


def introduce_groups(api: FakeBotAPI, directory: Directory, first_start: bool) -> None:
    """Name the groups in the fake; on the first start the bot is added to the demo group."""
    state = api.state(SANDBOX_TOKEN)
    bot = api.me(SANDBOX_TOKEN)
    for group in directory.groups.values():
        state.chats[group.id] = group.as_chat()
        for member in group.members:
            if member in directory.residents:
                api.set_member(SANDBOX_TOKEN, group.id, member, "member")
        if first_start and group.kind == "group":  # added by its first member
            first = directory.residents.get(group.members[0]) if group.members else None
            by = first or DEMO_YOUTH[0]
            adder = updates.user(by.id, by.language_code, by.name.split(" ")[0])
            added = updates.my_chat_member_update(
                adder, bot, "member", "left", chat=group.as_chat()
            )
            api.add_update(SANDBOX_TOKEN, added)


def sandbox_app(api: FakeBotAPI, directory: Directory, host: str, port: int) -> web.Application:
    """Fake Telegram and the web chat in one app that answers only its own page (origin_guard)."""
    app = web.Application(
        client_max_size=50 * 1024 * 1024, middlewares=[same_site_only(host, port)]
    )
    api.add_routes(app)
    WebChat(api, SANDBOX_TOKEN, directory).add_routes(app)
    return app


async def run_sandbox(settings: Settings) -> None:
    """Serve fake Telegram and the web chat, then run the bot against them until interrupted."""
    host, port = settings.sandbox_host, settings.sandbox_port
    # The sandbox never touches the real database: demo data must not reach production.
    sandbox = sandbox_settings(settings).model_copy(
        update={"telegram_api_url": f"http://{host}:{port}", "database_url": SANDBOX_DATABASE}
    )
    directory = Directory(SANDBOX_RESIDENTS, LEGACY_RESIDENTS)
    demo_chats(directory, sandbox)
    api = FakeBotAPI()
    runtime = create_runtime(sandbox)
    await prepare_database(runtime)
    snapshot = Snapshot(SANDBOX_TELEGRAM, SANDBOX_FILES)
    await restore_telegram(api, snapshot, runtime.session_factory)
    app = sandbox_app(api, directory, host, port)
    introduce_groups(api, directory, directory.fresh)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    try:
        async with snapshot.kept(api.state(SANDBOX_TOKEN)):
            await serve(sandbox, runtime, host, port)
    finally:
        await api.stop()
        await runner.cleanup()
        await runtime.engine.dispose()


async def restore_telegram(
    api: FakeBotAPI, snapshot: Snapshot, factory: async_sessionmaker[AsyncSession]
) -> None:
    """Chats as they were; new update ids continue after every one the bot has processed.

    Otherwise ids would start at 1 again and the bot would skip each as "already processed"
    (also after a kill that lost the last seconds of the snapshot).
    """
    state = api.state(SANDBOX_TOKEN)
    if snapshot.load(state):
        log.info("sandbox chats restored from %s", snapshot.path)
    state.last_update_id = max(state.last_update_id, await highest_processed_update(factory))


async def serve(sandbox: Settings, runtime: Runtime, host: str, port: int) -> None:
    """Start the bot against the fake and poll it until interrupted."""
    runtime, bot, dispatcher = await start_bot(sandbox, SANDBOX_TOKEN, runtime)
    context = DemoContext(
        runtime.session_factory, runtime.clock, sandbox, DEMO_STAFF.id, runtime.i18n
    )
    seeded = {name: count for name, count in (await seed_demo(context)).items() if count}
    dashboard = await serve_dashboard(sandbox, runtime)
    print(
        f"\nStadtstimme sandbox: open http://{host}:{port} in your browser and chat with the bot.\n"
        "No Telegram account needed; data goes to ./stadtstimme-sandbox.db, the chats to\n"
        "./stadtstimme-sandbox-telegram.json: a restart here continues where you stopped.\n"
        f"Demo data (marked [Demo]) seeded: {seeded or 'already there'}. Staff view: the chat\n"
        f"'Stadtstimme staff (demo)' (STAFF_CHAT_ID={sandbox.staff_chat_id}), where the demo\n"
        "staff member Mira is an admin.\n"
        "To run on Telegram instead: get a token from @BotFather, put BOT_TOKEN=… into .env,\n"
        "and start `stadtstimme run` again. Stop with Ctrl+C.\n"
        f"Staff dashboard: http://{sandbox.dashboard_host}:{sandbox.dashboard_port} — send\n"
        "/dashboard as a staff member for a sign-in link.\n"
        f"{translation_line(sandbox)}\n",
        flush=True,
    )
    try:
        async with background_work(runtime, bot):
            await dispatcher.start_polling(bot, handle_signals=True)
    finally:
        await dashboard.cleanup()


async def serve_dashboard(sandbox: Settings, runtime: Runtime) -> web.AppRunner:
    """The staff dashboard on the sandbox's database, beside the web chat."""
    from bot.dashboard.serve import dashboard_app

    bot = build_bot(sandbox, SANDBOX_TOKEN)  # uploads (an announcement's photo) to the fake
    app = dashboard_app(
        sandbox, runtime.clock, runtime.session_factory, runtime.i18n, runtime.translator, bot,
        SANDBOX_TOKEN,  # photos come from the fake Telegram, as from Telegram (getFile)
    )  # fmt: skip
    app.on_cleanup.append(lambda _app: bot.session.close())
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, sandbox.dashboard_host, sandbox.dashboard_port).start()
    except OSError as error:  # the port is taken: the chat works without the dashboard
        log.warning("dashboard not started on port %s: %s", sandbox.dashboard_port, error.strerror)
    return runner
