"""Seed the information pages from db/migrations/seed/info/<slug>/<lang>.html.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

SEED = Path(__file__).resolve().parents[1] / "seed" / "info"
# Menu order of the seeded pages.
ORDER = ("participation", "how-it-works", "contact", "privacy")

pages = sa.table(
    "info_pages",
    sa.column("slug", sa.String),
    sa.column("language", sa.String),
    sa.column("title", sa.String),
    sa.column("body", sa.Text),
    sa.column("position", sa.Integer),
    sa.column("updated_at", UTCDateTime()),
)


def _rows() -> list[dict[str, object]]:
    rows = []
    for position, slug in enumerate(ORDER, start=1):
        for file in sorted((SEED / slug).glob("*.html")):
            title, _, body = file.read_text(encoding="utf-8").partition("\n\n")
            rows.append(
                {
                    "slug": slug,
                    "language": file.stem,
                    "title": title.strip(),
                    "body": body.strip(),
                    "position": position * 10,
                    "updated_at": utcnow(),
                }
            )
    return rows


def upgrade() -> None:
    op.bulk_insert(pages, _rows())


def downgrade() -> None:
    op.execute(pages.delete().where(pages.c.slug.in_(ORDER)))
