# Stadtstimme: one image for every process kind (webhook worker, sender, polling, CLI).
#   docker build -t stadtstimme .
#   docker run --env-file .env stadtstimme run --webhook
# Dependencies come only from the hashed lock file (requirements.lock); the source tree is
# copied in and run in place, so nothing unpinned (not even a build backend) is installed.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app \
    # Inside the container the ops endpoints listen on all interfaces; publish port 9108
    # only to the monitoring network (compose.yaml does not publish it at all).
    OPS_HOST=0.0.0.0 \
    OPS_PORT=9108 \
    WEBHOOK_HOST=0.0.0.0 \
    WEBHOOK_PORT=8443 \
    LOG_FORMAT=json

# pg_dump for `stadtstimme db backup` against PostgreSQL; curl-free health check (Python).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client tini \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock

COPY bot ./bot
COPY db ./db
COPY handlers ./handlers
COPY locales ./locales
COPY babel.cfg pyproject.toml ./
RUN python -m bot.cli i18n compile \
    && printf '#!/bin/sh\nexec python -m bot.cli "$@"\n' > /usr/local/bin/stadtstimme \
    && chmod 0755 /usr/local/bin/stadtstimme \
    && useradd --system --uid 10001 --home-dir /data --create-home stadtstimme

# SQLite deployments keep their database here (DATABASE_URL=sqlite+aiosqlite:////data/stadtstimme.db).
VOLUME ["/data"]
USER stadtstimme
WORKDIR /data

EXPOSE 8443 9108
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('OPS_PORT', '9108'), timeout=4)"]

# tini forwards SIGTERM to the bot (graceful stop: 503 to new updates, in-flight finished,
# sender lock released, exit 0 within 10 s) and reaps children.
ENTRYPOINT ["tini", "--", "stadtstimme"]
CMD ["run", "--webhook"]
