"""`python -m bot.cli` runs the stadtstimme command."""

from bot.cli import main

main()
