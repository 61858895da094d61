"""Ideas (DuisbürgerIdeen): handing in, moderation, notices, engagement, export, erasure."""
