"""A bare aiogram echo bot, the yardstick of bench/updates.py (as in aiogram's examples).

/start answers with one inline button, a press is answered, any other message is copied back.
``python bench/echo_bot.py --api URL --token T (--webhook-port P --secret S | --polling)``;
like our bot, the webhook answers only after the update was handled.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.filters import CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from aiogram.webhook.aiohttp_server import SimpleRequestHandler
from aiohttp import web


def build_dispatcher() -> Dispatcher:
    dispatcher = Dispatcher()

    @dispatcher.message(CommandStart())
    async def start(message: Message) -> None:
        button = InlineKeyboardButton(text="Press", callback_data="echo")
        markup = InlineKeyboardMarkup(inline_keyboard=[[button]])
        await message.answer("Hello!", reply_markup=markup)

    @dispatcher.callback_query()
    async def press(callback: CallbackQuery) -> None:
        await callback.answer("Pressed")

    @dispatcher.message()
    async def echo(message: Message) -> None:
        await message.send_copy(chat_id=message.chat.id)

    return dispatcher


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--webhook-port", type=int)
    parser.add_argument("--secret", default="")
    parser.add_argument("--polling", action="store_true")
    args = parser.parse_args()
    session = AiohttpSession(api=TelegramAPIServer.from_base(args.api))
    bot = Bot(args.token, session=session, default=DefaultBotProperties(parse_mode="HTML"))
    dispatcher = build_dispatcher()
    if args.polling:
        await bot.delete_webhook()
        await dispatcher.start_polling(bot, handle_signals=True)
        return
    app = web.Application()
    SimpleRequestHandler(
        dispatcher, bot, secret_token=args.secret, handle_in_background=False
    ).register(app, path="/webhook")
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", args.webhook_port).start()
    print(f"echo webhook on 127.0.0.1:{args.webhook_port}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await runner.cleanup()
    await bot.session.close()


if __name__ == "__main__":
    asyncio.run(main())
