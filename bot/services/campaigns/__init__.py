"""Announcement campaigns: input, creation and sending, the staff list."""
