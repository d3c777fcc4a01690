"""A case is placed in the only agreement its facts fit (issue 24): cases that named none
(a CARES case created as the README showed) escaped their corridor's statistics and its
suspensions. New cases are placed by the API (app/registry/regime_service.py
`corridor_agreements`); existing ones are backfilled here with the same definition, in
one set-based UPDATE, where exactly one agreement fits.

Revision ID: 0016_case_agreement
Revises: 0011_i15_event_audience
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016_case_agreement"
down_revision: str | Sequence[str] | None = "0015_security_round_three"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# regime_service.AGREEMENT_KINDS_BY_ROUTE and Agreement.applies_to as they stand at this
# revision, in SQL: the agreement's kind covers the route; in force on the day the case was
# created; it binds the receiver, and the payer when it lists payers; the patient's
# residence lies in its zone (postal codes compared without spaces, upper case; a zone
# entry without codes covers its whole country; no zone, any residence); the specialty is
# not excluded (compared without case). ZOAST cases were placed at creation already.
BACKFILL = r"""
WITH route_kinds (route, kind) AS (
    VALUES ('zoast', 'zoast'), ('s2', 's2'), ('eu_directive', 'eu_directive'),
           ('third_party_guarantee', 'bilateral'),
           ('third_party_guarantee', 'private_contract'),
           ('insurer_guarantee', 'bilateral'), ('insurer_guarantee', 'private_contract'),
           ('self_pay', 'bilateral'), ('self_pay', 'private_contract')
),
candidates AS (
    SELECT c.id AS case_id, a.id AS agreement_id
    FROM cases AS c
    JOIN route_kinds AS rk ON rk.route = c.coverage_route
    JOIN agreements AS a ON a.kind = rk.kind
    LEFT JOIN patients AS p ON p.id = c.patient_id
    WHERE c.agreement_id IS NULL
      AND a.valid_from <= c.created_at::date
      AND (a.valid_until IS NULL OR c.created_at::date <= a.valid_until)
      AND (c.receiving_organization_id IS NULL
           OR c.receiving_organization_id = ANY (a.receiving_organization_ids))
      AND (cardinality(a.payer_organization_ids) = 0
           OR c.payer_organization_id = ANY (a.payer_organization_ids))
      AND NOT EXISTS (
          SELECT 1 FROM unnest(a.excluded_specialties) AS x (specialty)
          WHERE lower(btrim(x.specialty)) = lower(btrim(c.specialty))
      )
      AND (jsonb_array_length(a.zone) = 0 OR EXISTS (
          SELECT 1 FROM jsonb_array_elements(a.zone) AS z (entry)
          WHERE upper(regexp_replace(z.entry ->> 'country', '\s', '', 'g'))
                = upper(regexp_replace(p.residence ->> 'country', '\s', '', 'g'))
            AND (
                (coalesce(jsonb_array_length(z.entry -> 'postal_codes'), 0) = 0
                 AND coalesce(jsonb_array_length(z.entry -> 'postal_code_prefixes'), 0) = 0)
                OR EXISTS (
                    SELECT 1 FROM jsonb_array_elements_text(
                        coalesce(z.entry -> 'postal_codes', '[]')) AS pc (code)
                    WHERE upper(regexp_replace(pc.code, '\s', '', 'g'))
                          = upper(regexp_replace(p.residence ->> 'postal_code', '\s', '', 'g'))
                )
                OR EXISTS (
                    SELECT 1 FROM jsonb_array_elements_text(
                        coalesce(z.entry -> 'postal_code_prefixes', '[]')) AS pp (prefix)
                    WHERE starts_with(
                        upper(regexp_replace(p.residence ->> 'postal_code', '\s', '', 'g')),
                        upper(regexp_replace(pp.prefix, '\s', '', 'g')))
                )
            )
      ))
)
UPDATE cases AS c
SET agreement_id = one.agreement_id, agreement_inferred = true
FROM (
    SELECT case_id, (array_agg(agreement_id))[1] AS agreement_id
    FROM candidates
    GROUP BY case_id
    HAVING count(*) = 1
) AS one
WHERE c.id = one.case_id
"""


def upgrade() -> None:
    op.add_column(
        "cases",
        sa.Column("agreement_inferred", sa.Boolean(), server_default="false", nullable=False),
    )
    op.execute(BACKFILL)


def downgrade() -> None:
    op.drop_column("cases", "agreement_inferred")
