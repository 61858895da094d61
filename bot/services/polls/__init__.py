"""Polls: drafts and files, sending, votes, results and charts, closing."""
