"""Bürgerforen: creating and publishing, registration, reminders, changes, files, calendar."""
