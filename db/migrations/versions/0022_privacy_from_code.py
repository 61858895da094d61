"""The privacy page is rendered from the code (retention from the settings), not stored.

The seeded page said "24 months" whatever RETENTION_MONTHS was. A version still holding the text
0002 seeded is removed; a version staff edited stays in the table (nothing is lost) but is no
longer shown, since Information → Privacy shows the code's text (bot.services.info.PRIVACY_SLUG).

Revision ID: 0022
Revises: 0017
Create Date: 2026-12-07
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0022"
down_revision = "0017"
branch_labels = None
depends_on = None

SEEDED = Path(__file__).resolve().parents[1] / "seed" / "info" / "privacy"
SLUG = "privacy"
POSITION = 40  # 0002's menu place of the page

pages = sa.table(
    "info_pages",
    sa.column("slug", sa.String),
    sa.column("language", sa.String),
    sa.column("title", sa.String),
    sa.column("body", sa.Text),
    sa.column("position", sa.Integer),
    sa.column("updated_at", UTCDateTime()),
)


def _page(file: Path) -> tuple[str, str]:
    # Same reading as 0002: the title, a blank line, the body.
    title, _, body = file.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def upgrade() -> None:
    for file in sorted(SEEDED.glob("*.html")):
        title, body = _page(file)
        op.execute(
            pages.delete().where(
                pages.c.slug == SLUG,
                pages.c.language == file.stem,
                pages.c.title == title,
                pages.c.body == body,
            )
        )


def downgrade() -> None:
    present = {
        row.language
        for row in op.get_bind().execute(sa.select(pages.c.language).where(pages.c.slug == SLUG))
    }
    rows = []
    for file in sorted(SEEDED.glob("*.html")):
        if file.stem in present:
            continue
        title, body = _page(file)
        rows.append(
            {"slug": SLUG, "language": file.stem, "title": title, "body": body,
             "position": POSITION, "updated_at": utcnow()}
        )  # fmt: skip
    if rows:
        op.bulk_insert(pages, rows)
