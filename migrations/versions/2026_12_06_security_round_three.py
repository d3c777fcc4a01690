"""security round three: identifiers re-normalised per system; public slugs for
organisations and agreements

1. Every stored patient identifier is normalised again with today's rule
   (app.domain.identifiers: per system, every default-ignorable code point removed).
   Two identifiers of one organisation that become the same are a duplicate the old
   rule missed: the first (the earlier patient) takes the normal form, the later one
   keeps its stored spelling so that nothing is lost and the migration never fails;
   each such pair is logged (patient ids and the system only, never the value) for an
   operator to merge the records. A new registration with any spelling finds the first.
2. `organizations.slug` and `agreements.slug` (unique, from the name, `-2`, `-3`...
   when taken), filled in for existing rows in creation order: the public directory
   shows these, never ids.
3. The system context is no longer `corridor.system = 'on'` (which the application
   role could set itself): every policy's system clause becomes
   `(SELECT corridor_is_system())`, true only when `corridor.system` carries the token
   derived from CORRIDOR_SECRET_KEY (app.db.row_security); the digests accepted
   are in `corridor_system_context_keys`, which the application role cannot read.

Revision ID: 0015_security_round_three
Revises: 0011_i15_event_audience
Create Date: 2026-12-06 20:25:52.000000
"""

import logging
import re
import sys
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from app.db.row_security import (
    IS_SYSTEM,
    LEGACY_IS_SYSTEM,
    SYSTEM_KEYS_TABLE,
    configured_system_context_token,
    install_system_context_check,
)
from app.domain.directory import free_slug
from app.domain.identifiers import normalise_identifier, normalise_system

revision: str = "0015_security_round_three"
down_revision: str | Sequence[str] | None = "0014_claim_debtor_reads_case"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger("alembic.runtime.migration")


def _renormalise_identifiers(bind) -> None:
    rows = bind.execute(
        sa.text(
            "SELECT i.id, i.organization_id, i.patient_id, i.system, i.value"
            " FROM patient_identifiers AS i JOIN patients AS p ON p.id = i.patient_id"
            " ORDER BY p.created_at, i.patient_id, i.position, i.id"
        )
    ).all()
    wanted = []
    for row in rows:
        system = normalise_system(row.system)
        wanted.append((row, system, normalise_identifier(row.value, system) or row.value))
    # A value already in normal form keeps its place: claim those first (normalising is
    # idempotent, so no other row's new value can be a stored value that changes).
    holder = {}
    for row, system, value in wanted:
        if (row.system, row.value) == (system, value):
            holder.setdefault((row.organization_id, system, value), row.patient_id)
    for row, system, value in wanted:
        if (row.system, row.value) == (system, value):
            continue
        key = (row.organization_id, system, value)
        if key in holder:
            report = (
                f"identifier ({system}) of patient {row.patient_id} is the same as patient"
                f" {holder[key]}'s once normalised: kept as stored; merge the two records"
            )
            log.warning(report)
            # Also on stderr: `corridor migrate` and alembic may run without logging set up.
            print(f"WARNING: {report}", file=sys.stderr)
            continue
        holder[key] = row.patient_id
        bind.execute(
            sa.text(
                "UPDATE patient_identifiers SET system = :system, value = :value WHERE id = :id"
            ),
            {"system": system, "value": value, "id": row.id},
        )


def _fill_slugs(bind, table: str) -> None:
    rows = bind.execute(
        sa.text(f"SELECT id, name FROM {table} ORDER BY created_at, id")  # noqa: S608 - ours
    ).all()
    taken: set[str] = set()
    for row in rows:
        slug = free_slug(row.name, taken)
        taken.add(slug)
        bind.execute(
            sa.text(f"UPDATE {table} SET slug = :slug WHERE id = :id"),  # noqa: S608 - ours
            {"slug": slug, "id": row.id},
        )


# The system clause as PostgreSQL prints a policy back (pg_policies), before and after.
_LEGACY_PRINTED = re.compile(
    r"COALESCE\(current_setting\('corridor\.system'::text, true\), ''::text\) = 'on'::text"
)
_PRINTED = re.compile(r"\(\s*SELECT corridor_is_system\(\) AS corridor_is_system\)")


def _rewrite_policies(bind, pattern: re.Pattern, replacement: str) -> None:
    policies = bind.execute(
        sa.text(
            "SELECT tablename, policyname, qual, with_check FROM pg_policies"
            " WHERE schemaname = current_schema()"
        )
    ).all()
    for table, name, using, check in policies:
        new_using = pattern.sub(replacement, using) if using else None
        new_check = pattern.sub(replacement, check) if check else None
        if (new_using, new_check) == (using, check):
            continue
        clauses = []
        if new_using is not None:
            clauses.append(f"USING ({new_using})")
        if new_check is not None:
            clauses.append(f"WITH CHECK ({new_check})")
        op.execute(f'ALTER POLICY "{name}" ON "{table}" {" ".join(clauses)}')
    # Nothing may be left that the application role could open with 'on'.
    left = bind.execute(
        sa.text(
            "SELECT count(*) FROM pg_policies WHERE schemaname = current_schema()"
            " AND (qual LIKE '%corridor.system%' OR with_check LIKE '%corridor.system%')"
        )
    ).scalar()
    if replacement == IS_SYSTEM and left:
        raise RuntimeError(f"{left} policies still read corridor.system directly")


# The feed rebase (migration 0004_i9_feed_clock) switched itself to 'on'; it now runs in
# its caller's context (`corridor migrate` enters the system context with its token).
_REBASE_SWITCH = "PERFORM set_config('corridor.system', 'on', true);"
_REBASE_NOTE = "-- In the caller's system context (corridor migrate sets its token)."


def _replace_in_rebase(bind, old: str, new: str) -> None:
    definition = bind.execute(
        sa.text("SELECT pg_get_functiondef('corridor_feed_rebase()'::regprocedure)")
    ).scalar()
    if old in definition:
        op.execute(definition.replace(old, new))


def upgrade() -> None:
    bind = op.get_bind()
    install_system_context_check(op.execute)
    _rewrite_policies(bind, _LEGACY_PRINTED, IS_SYSTEM)
    _replace_in_rebase(bind, _REBASE_SWITCH, _REBASE_NOTE)
    # The owner is subject to the forced policies too: read and write every row.
    bind.execute(
        sa.text("SELECT set_config('corridor.system', :token, true)"),
        {"token": configured_system_context_token()},
    )
    _renormalise_identifiers(bind)
    for table in ("organizations", "agreements"):
        op.add_column(table, sa.Column("slug", sa.String(length=64), nullable=True))
        _fill_slugs(bind, table)
        op.alter_column(table, "slug", nullable=False)
        op.create_unique_constraint(op.f(f"uq_{table}_slug"), table, ["slug"])


def downgrade() -> None:
    bind = op.get_bind()
    _rewrite_policies(bind, _PRINTED, f"({LEGACY_IS_SYSTEM})")
    _replace_in_rebase(bind, _REBASE_NOTE, _REBASE_SWITCH)
    op.execute("DROP FUNCTION IF EXISTS corridor_is_system()")
    op.execute(f"DROP TABLE IF EXISTS {SYSTEM_KEYS_TABLE}")
    for table in ("agreements", "organizations"):
        op.drop_constraint(op.f(f"uq_{table}_slug"), table, type_="unique")
        op.drop_column(table, "slug")
