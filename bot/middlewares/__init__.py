"""Update middlewares, registered in `bot.app` in the documented order."""
