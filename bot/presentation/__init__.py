"""Texts and cards several callers render: handlers, delivery, scheduler, CLI, sandbox."""
