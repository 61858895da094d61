"""no profile under 16: erase the profiles of residents who gave the age group "under-16"

The optional profile rests on consent, and under 16 that needs a parent's (Art. 8 GDPR,
16 in Germany). From now on nobody under 16 gets a profile; this erases the ones stored
before: district, age group, topics and the consent date, and the district and age group
copied into their poll votes. Erased data can't come back, so downgrade changes nothing.

Revision ID: 0013
Revises: 0010
Create Date: 2026-12-07
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "DELETE FROM user_topics WHERE user_id IN "
        "(SELECT id FROM users WHERE age_group = 'under-16')"
    )
    op.execute(
        "UPDATE users SET district = NULL, age_group = NULL, profile_consent_at = NULL "
        "WHERE age_group = 'under-16'"
    )
    op.execute(
        "UPDATE poll_votes SET district = NULL, age_group = NULL WHERE age_group = 'under-16'"
    )


def downgrade() -> None:
    pass  # the erased profiles are gone for good
