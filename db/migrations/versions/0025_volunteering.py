"""volunteering: organisations, opportunities, interests, relay conversations

The "how it works" page names the new main-menu button (🤝): a page still holding 0017's text
gets db/migrations/seed/info_0025/how-it-works/<lang>.html (staff edits are kept).

Revision ID: 0025
Revises: 0027
Create Date: 2026-12-07
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0025"
down_revision = "0027"
branch_labels = None
depends_on = None

SEED = Path(__file__).resolve().parents[1] / "seed"
OLD, NEW = SEED / "info_0017", SEED / "info_0025"
SLUG = "how-it-works"

pages = sa.table(
    "info_pages",
    sa.column("slug", sa.String),
    sa.column("language", sa.String),
    sa.column("title", sa.String),
    sa.column("body", sa.Text),
    sa.column("updated_at", UTCDateTime()),
)


def _page(file: Path) -> tuple[str, str]:
    # Same reading as 0002 and 0017: the title, a blank line, the body.
    title, _, body = file.read_text(encoding="utf-8").partition("\n\n")
    return title.strip(), body.strip()


def _replace(source: Path, target: Path) -> None:
    """Pages still equal to `source`'s text get `target`'s."""
    for file in sorted((target / SLUG).glob("*.html")):
        old_title, old_body = _page(source / SLUG / file.name)
        title, body = _page(file)
        op.execute(
            pages.update()
            .where(
                pages.c.slug == SLUG,
                pages.c.language == file.stem,
                pages.c.title == old_title,
                pages.c.body == old_body,
            )
            .values(title=title, body=body, updated_at=utcnow())
        )


def upgrade() -> None:
    op.create_table(
        "volunteer_orgs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("website", sa.String(length=300), nullable=True),
        sa.Column("contact", sa.String(length=300), nullable=True),
        sa.Column("inbox_chat_id", sa.BigInteger(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_orgs")),
    )
    with op.batch_alter_table("volunteer_orgs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_orgs_inbox_chat_id"), ["inbox_chat_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_volunteer_orgs_status"), ["status"], unique=False)

    op.create_table(
        "volunteer_opportunities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("when_text", sa.Text(), nullable=False),
        sa.Column("starts_at", UTCDateTime(), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=True),
        sa.Column("team_languages", sa.String(length=64), nullable=False),
        sa.Column("min_age", sa.SmallInteger(), nullable=True),
        sa.Column("accessibility", sa.Text(), nullable=False),
        sa.Column("topics", sa.String(length=200), nullable=False),
        sa.Column("places", sa.Integer(), nullable=True),
        sa.Column("valid_until", UTCDateTime(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("closed_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_id"], ["volunteer_orgs.id"],
            name=op.f("fk_volunteer_opportunities_org_id_volunteer_orgs"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_opportunities")),
    )  # fmt: skip
    with op.batch_alter_table("volunteer_opportunities", schema=None) as batch_op:
        for column in ("district", "org_id", "status"):
            batch_op.create_index(
                batch_op.f(f"ix_volunteer_opportunities_{column}"), [column], unique=False
            )

    op.create_table(
        "volunteer_interests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("opportunity_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("share_contact", sa.Boolean(), nullable=False),
        sa.Column("tag", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["opportunity_id"], ["volunteer_opportunities.id"],
            name=op.f("fk_volunteer_interests_opportunity_id_volunteer_opportunities"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_volunteer_interests_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_interests")),
        sa.UniqueConstraint(
            "opportunity_id", "user_id", name=op.f("uq_volunteer_interests_opportunity_id")
        ),
        sa.UniqueConstraint("tag", name=op.f("uq_volunteer_interests_tag")),
    )  # fmt: skip
    with op.batch_alter_table("volunteer_interests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_volunteer_interests_opportunity_id"), ["opportunity_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_volunteer_interests_user_id"), ["user_id"], unique=False
        )

    op.create_table(
        "volunteer_relays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("interest_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("window_started_at", UTCDateTime(), nullable=False),
        sa.Column("window_count", sa.Integer(), nullable=False),
        sa.Column("relayed", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("ended_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["interest_id"], ["volunteer_interests.id"],
            name=op.f("fk_volunteer_relays_interest_id_volunteer_interests"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_volunteer_relays")),
        sa.UniqueConstraint("interest_id", name=op.f("uq_volunteer_relays_interest_id")),
    )  # fmt: skip
    _replace(OLD, NEW)


def downgrade() -> None:
    _replace(NEW, OLD)
    op.drop_table("volunteer_relays")
    with op.batch_alter_table("volunteer_interests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_interests_user_id"))
        batch_op.drop_index(batch_op.f("ix_volunteer_interests_opportunity_id"))
    op.drop_table("volunteer_interests")
    with op.batch_alter_table("volunteer_opportunities", schema=None) as batch_op:
        for column in ("status", "org_id", "district"):
            batch_op.drop_index(batch_op.f(f"ix_volunteer_opportunities_{column}"))
    op.drop_table("volunteer_opportunities")
    with op.batch_alter_table("volunteer_orgs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_volunteer_orgs_status"))
        batch_op.drop_index(batch_op.f("ix_volunteer_orgs_inbox_chat_id"))
    op.drop_table("volunteer_orgs")
