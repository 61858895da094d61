"""What the people running the bot look at: health, readiness, metrics, structured logs."""
