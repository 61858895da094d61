"""Use cases and rules. Channel-agnostic: nothing here imports aiogram."""
