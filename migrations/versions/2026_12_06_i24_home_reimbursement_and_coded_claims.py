"""Issue 24 items 9 and 10: the Directive loop to the reimbursement at home, the home
state's prior authorisation, and claims with their care dates and EU deadlines.

- cases.prior_authorisation: the home state's decision (Directive 2011/24 Art. 8-9).
- claims.home_reimbursement: the patient's invoice submitted at home and its answer
  (Art. 7(4)).
- claims.care_from / care_until: the care a claim bills; introduction_deadline and
  contest_deadline: Reg. 987/2009 Art. 67(1) and (5), fixed when the claim is introduced.
- the regime country list `directive_prior_authorisation` (platform admins edit it).
  Claim lines stay JSONB: their code system, code, quantity and unit price need no column.

Revision ID: 0018_home_reimb_coded_claims
Revises: 0017_intake_pauses
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0018_home_reimb_coded_claims"
down_revision: str | Sequence[str] | None = "0017_intake_pauses"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIST_NAME = "directive_prior_authorisation"
LIST_TITLE = (
    "States of affiliation requiring prior authorisation for hospital care "
    "(Directive 2011/24/EU Art. 8)"
)
# The default of app/domain/regimes.py at this revision, written out: a migration does not
# change when the code's default does.
# fmt: off
LIST_COUNTRIES = [
    "AT", "BG", "CY", "DE", "DK", "ES", "FR", "GR", "HR", "HU", "IE", "IS", "IT", "LI",
    "LU", "LV", "MT", "NO", "PL", "PT", "RO", "SI", "SK",
]
# fmt: on


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column("prior_authorisation", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column(
        "claims",
        sa.Column("home_reimbursement", postgresql.JSONB(astext_type=sa.Text()), nullable=True),
    )
    op.add_column("claims", sa.Column("care_from", sa.Date(), nullable=True))
    op.add_column("claims", sa.Column("care_until", sa.Date(), nullable=True))
    op.add_column("claims", sa.Column("introduction_deadline", sa.Date(), nullable=True))
    op.add_column("claims", sa.Column("contest_deadline", sa.Date(), nullable=True))
    # Migration 0009 seeds the lists from the code's defaults, so a new database has this
    # one already; an existing one gets it here.
    lists = sa.table(
        "regime_country_lists",
        sa.column("name", sa.String),
        sa.column("title", sa.String),
        sa.column("countries", postgresql.ARRAY(sa.String(length=2))),
    )
    op.execute(
        postgresql.insert(lists)
        .values(name=LIST_NAME, title=LIST_TITLE, countries=LIST_COUNTRIES)
        .on_conflict_do_nothing(index_elements=["name"])
    )


def downgrade() -> None:
    op.execute(
        sa.text("DELETE FROM regime_country_lists WHERE name = :name").bindparams(name=LIST_NAME)
    )
    op.drop_column("claims", "contest_deadline")
    op.drop_column("claims", "introduction_deadline")
    op.drop_column("claims", "care_until")
    op.drop_column("claims", "care_from")
    op.drop_column("claims", "home_reimbursement")
    op.drop_column("cases", "prior_authorisation")
