"""budget: Bürgerhaushalt processes, projects, ballots, voting codes; "how it works" names it

The how-it-works page gets a line about the main menu's new 💶 entry, only where it still holds
the text 0025 left (0017's with the 🤝 line; staff edits are kept):
db/migrations/seed/info_0024/how-it-works/.

Revision ID: 0024
Revises: 0025
Create Date: 2026-12-07
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0024"
down_revision = "0025"
branch_labels = None
depends_on = None

SEED = Path(__file__).resolve().parents[1] / "seed"
OLD, NEW = SEED / "info_0025", SEED / "info_0024"
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
        "budget_processes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("budget", sa.BigInteger(), nullable=False),
        sa.Column("rule", sa.String(length=8), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("codes", sa.Boolean(), nullable=False),
        sa.Column("support_threshold", sa.Integer(), nullable=False),
        sa.Column("max_projects", sa.Integer(), nullable=True),
        sa.Column("proposals_from", UTCDateTime(), nullable=True),
        sa.Column("proposals_to", UTCDateTime(), nullable=True),
        sa.Column("voting_from", UTCDateTime(), nullable=True),
        sa.Column("voting_to", UTCDateTime(), nullable=True),
        sa.Column("phase", sa.String(length=16), nullable=False),
        sa.Column("created_by", sa.BigInteger(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_processes")),
    )
    with op.batch_alter_table("budget_processes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_processes_district"), ["district"])
        batch_op.create_index(batch_op.f("ix_budget_processes_phase"), ["phase"])

    op.create_table(
        "budget_projects",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("cost", sa.BigInteger(), nullable=True),
        sa.Column("district", sa.String(length=32), nullable=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"], ["budget_processes.id"],
            name=op.f("fk_budget_projects_process_id_budget_processes"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"],
            name=op.f("fk_budget_projects_user_id_users"), ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_budget_projects")),
        sa.UniqueConstraint("process_id", "code", name=op.f("uq_budget_projects_process_id")),
    )  # fmt: skip
    with op.batch_alter_table("budget_projects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_budget_projects_process_id"), ["process_id"])
        batch_op.create_index(batch_op.f("ix_budget_projects_status"), ["status"])
        batch_op.create_index(batch_op.f("ix_budget_projects_user_id"), ["user_id"])

    op.create_table(
        "budget_ballots",
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("voter", sa.String(length=64), nullable=False),
        sa.Column("projects", sa.Text(), nullable=False),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"], ["budget_processes.id"],
            name=op.f("fk_budget_ballots_process_id_budget_processes"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("process_id", "voter", name=op.f("pk_budget_ballots")),
        sqlite_with_rowid=False,
    )  # fmt: skip
    op.create_table(
        "budget_codes",
        sa.Column("process_id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("used", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["process_id"], ["budget_processes.id"],
            name=op.f("fk_budget_codes_process_id_budget_processes"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("process_id", "digest", name=op.f("pk_budget_codes")),
        sqlite_with_rowid=False,
    )  # fmt: skip
    _replace(OLD, NEW)


def downgrade() -> None:
    _replace(NEW, OLD)
    op.drop_table("budget_codes")
    op.drop_table("budget_ballots")
    with op.batch_alter_table("budget_projects", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_projects_user_id"))
        batch_op.drop_index(batch_op.f("ix_budget_projects_status"))
        batch_op.drop_index(batch_op.f("ix_budget_projects_process_id"))
    op.drop_table("budget_projects")
    with op.batch_alter_table("budget_processes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_budget_processes_phase"))
        batch_op.drop_index(batch_op.f("ix_budget_processes_district"))
    op.drop_table("budget_processes")
