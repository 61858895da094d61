"""Repositories: queries only. They never commit; the calling service owns the transaction."""
