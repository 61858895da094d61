"""Delivery: the outbox every push message goes through, and the rate-limited sender."""
