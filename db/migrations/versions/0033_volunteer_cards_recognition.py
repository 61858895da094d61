"""Volunteering: where each interest card was posted (so erasing the resident removes it), and
the information page on recognition (Ehrenamtskarte NRW) with the city's contacts.

`volunteer_interests.card_chat_id`/`card_message_id`: the inbox chat and message of the card
(`bot.services.volunteering.cards`).

The page (slug `volunteering-recognition`, db/migrations/seed/info_0033/<slug>/<lang>.html,
all ten languages) follows these sources, checked on 2026-12-07:
- Land NRW, Staatskanzlei, press release of 26 January 2026, "Zugangsvoraussetzungen zum
  Erhalt der Ehrenamtskarte NRW werden erleichtert": 200 hours a year or 4 hours a week
  (before: 250 / 5); an allowance within the Ehrenamtspauschale (960 €) or
  Übungsleiterpauschale (3,300 €) is allowed.
  https://www.land.nrw/pressemitteilung/mehr-anerkennung-fuer-freiwilliges-engagement-zugangsvoraussetzungen-zum-erhalt
- Stadt Duisburg, "Beantragung einer Ehrenamtskarte": every Duisburg resident may apply,
  wherever they volunteer; in that amount for at least one year (stated before the 2026
  change, so the page says "details at the city"); apply at the Amt für Kommunikation,
  Anliegenmanagement und Bürgerschaftliches Engagement, Burgplatz 19, 47051 Duisburg.
  https://duisburg.de/microsites/buergerengagement/rubrik1/beantragung-ehrenamtskarte.php
- Stadt Duisburg, press release of 17 December 2024 ("Ein Jahrzehnt Ehrenamtskarte"): the
  Ehrenamtskarten-App, phone (0203) 283-2830, www.duisburg.de/ehrenamt.
The brief's "at least two years" and "unpaid" are outdated for Duisburg/NRW and not used. No
e-mail address for volunteering could be verified: the page has a marked line
("[wird von der Stadt ergänzt]") for the city to fill in, in every language.

Revision ID: 0033
Revises: 0029
Create Date: 2026-12-07
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from alembic import op

from db.types import UTCDateTime, utcnow

revision = "0033"
down_revision = "0029"
branch_labels = None
depends_on = None

SEED = Path(__file__).resolve().parents[1] / "seed" / "info_0033"
SLUG = "volunteering-recognition"
POSITION = 25  # after "how it works" (20), before "contact" (30)

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
    rows: list[dict[str, object]] = []
    for file in sorted((SEED / SLUG).glob("*.html")):
        # Same reading as 0002: the title, a blank line, the body.
        title, _, body = file.read_text(encoding="utf-8").partition("\n\n")
        rows.append({
            "slug": SLUG, "language": file.stem, "title": title.strip(), "body": body.strip(),
            "position": POSITION, "updated_at": utcnow(),
        })  # fmt: skip
    return rows


def upgrade() -> None:
    with op.batch_alter_table("volunteer_interests") as batch:
        batch.add_column(sa.Column("card_chat_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("card_message_id", sa.BigInteger(), nullable=True))
    op.bulk_insert(pages, _rows())


def downgrade() -> None:
    op.execute(pages.delete().where(pages.c.slug == SLUG))
    with op.batch_alter_table("volunteer_interests") as batch:
        batch.drop_column("card_message_id")
        batch.drop_column("card_chat_id")
