"""Info pages name every main-menu feature and DuisbürgerIdeen (how-it-works, participation).

A page is replaced only while it still holds the text 0002 seeded: staff edits are kept.
New texts: db/migrations/seed/info_0017/<slug>/<lang>.html; old: db/migrations/seed/info/.

Revision ID: 0017
Revises: 0013
Create Date: 2026-12-07
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0017"
down_revision = "0013"
branch_labels = None
depends_on = None

SEED = Path(__file__).resolve().parents[1] / "seed"
OLD, NEW = SEED / "info", SEED / "info_0017"
SLUGS = ("how-it-works", "participation")

pages = sa.table(
    "info_pages",
    sa.column("slug", sa.String),
    sa.column("language", sa.String),
    sa.column("title", sa.String),
    sa.column("body", sa.Text),
    sa.column("updated_at", UTCDateTime()),
)


def _page(file: Path) -> tuple[str, str]:
    # Same reading as 0002: the title, a blank line, the body.
    title, _, body = file.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def _replace(source: Path, target: Path) -> None:
    """Pages still equal to `source`'s text get `target`'s."""
    for slug in SLUGS:
        for file in sorted((target / slug).glob("*.html")):
            old_title, old_body = _page(source / slug / file.name)
            title, body = _page(file)
            op.execute(
                pages.update()
                .where(
                    pages.c.slug == slug,
                    pages.c.language == file.stem,
                    pages.c.title == old_title,
                    pages.c.body == old_body,
                )
                .values(title=title, body=body, updated_at=utcnow())
            )


def upgrade() -> None:
    _replace(OLD, NEW)


def downgrade() -> None:
    _replace(NEW, OLD)
