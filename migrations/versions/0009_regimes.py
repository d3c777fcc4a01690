"""i12 funding regimes and money: regime country lists, facility time zones, insurance
country on the coverage, exchange on payments, patient invoices, claim payments

Revision ID: 0104_i12_regimes
Revises: 0005_i15_list_indexes
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from app.db.row_security import disable_rls, enable_rls
from app.domain.regimes import COUNTRY_LIST_TITLES, DEFAULT_COUNTRY_LISTS

revision: str = "0104_i12_regimes"
down_revision: str | Sequence[str] | None = "0005_i15_list_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    lists = op.create_table(
        "regime_country_lists",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column(
            "countries",
            postgresql.ARRAY(sa.String(length=2)),
            server_default="{}",
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_regime_country_lists")),
    )
    op.bulk_insert(
        lists,
        [
            {"name": name, "title": COUNTRY_LIST_TITLES[name], "countries": sorted(countries)}
            for name, countries in DEFAULT_COUNTRY_LISTS.items()
        ],
    )
    op.add_column("organizations", sa.Column("time_zone", sa.String(length=64), nullable=True))
    op.add_column("cases", sa.Column("insurance_country", sa.String(length=2), nullable=True))
    op.add_column(
        "cases",
        sa.Column("cross_border_worker", sa.Boolean(), server_default="false", nullable=False),
    )
    op.add_column("payments", sa.Column("counted_amount", sa.Numeric(19, 4), nullable=True))
    op.add_column("payments", sa.Column("counted_currency", sa.String(length=3), nullable=True))
    op.add_column("payments", sa.Column("exchange_rate", sa.Numeric(19, 9), nullable=True))
    op.add_column("payments", sa.Column("exchange_rate_base", sa.String(length=3), nullable=True))
    op.add_column(
        "payments", sa.Column("exchange_rate_source", sa.String(length=200), nullable=True)
    )
    op.alter_column("claims", "debtor_organization_id", existing_type=sa.UUID(), nullable=True)
    op.add_column(
        "claims",
        sa.Column("debtor_kind", sa.String(length=20), server_default="payer", nullable=False),
    )
    op.add_column(
        "claims",
        sa.Column(
            "contested_lines",
            postgresql.JSONB(astext_type=sa.Text()),
            server_default="[]",
            nullable=False,
        ),
    )
    op.create_table(
        "claim_payments",
        sa.Column("id", sa.UUID(), server_default=sa.text("gen_random_uuid()"), nullable=False),
        sa.Column("claim_id", sa.UUID(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.Numeric(19, 4), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("paid_at", sa.Date(), nullable=False),
        sa.Column("reference", sa.String(length=120), nullable=True),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("now()"),
            nullable=False,
        ),
        sa.CheckConstraint("amount > 0", name=op.f("ck_claim_payments_amount_positive")),
        sa.ForeignKeyConstraint(
            ["claim_id"],
            ["claims.id"],
            name=op.f("fk_claim_payments_claim_id_claims"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_payments")),
    )
    op.create_index(
        op.f("ix_claim_payments_claim_id"), "claim_payments", ["claim_id"], unique=False
    )
    # A claim payment is visible with its claim (creditor and debtor only).
    enable_rls(
        "claim_payments",
        "EXISTS (SELECT 1 FROM claims AS c WHERE c.id = claim_payments.claim_id)",
        execute=op.execute,
    )


def downgrade() -> None:
    disable_rls("claim_payments", execute=op.execute)
    op.drop_index(op.f("ix_claim_payments_claim_id"), table_name="claim_payments")
    op.drop_table("claim_payments")
    op.drop_column("claims", "contested_lines")
    op.drop_column("claims", "debtor_kind")
    op.execute("DELETE FROM claims WHERE debtor_organization_id IS NULL")
    op.alter_column("claims", "debtor_organization_id", existing_type=sa.UUID(), nullable=False)
    for column in (
        "exchange_rate_source",
        "exchange_rate_base",
        "exchange_rate",
        "counted_currency",
        "counted_amount",
    ):
        op.drop_column("payments", column)
    op.drop_column("cases", "cross_border_worker")
    op.drop_column("cases", "insurance_country")
    op.drop_column("organizations", "time_zone")
    op.drop_table("regime_country_lists")
