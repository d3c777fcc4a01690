"""Agreements (care corridors) and the eligibility question they answer."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import or_, select

from app.access.tokens import Principal
from app.domain.agreements import Agreement, ZoneEntry, applicable_agreements
from app.domain.vocabulary import AgreementKind
from app.models import AgreementRow, OrganizationRow
from app.platform.errors import InvalidRequest, NotFound
from app.platform.paging import SortKey, keyset_page
from app.platform.unit_of_work import UnitOfWork
from app.registry.service import require_admin


def to_domain(row: AgreementRow) -> Agreement:
    return Agreement(
        id=row.id,
        kind=AgreementKind(row.kind),
        receiving_organization_ids=frozenset(row.receiving_organization_ids),
        payer_organization_ids=frozenset(row.payer_organization_ids),
        zone=tuple(
            ZoneEntry(
                country=entry["country"],
                postal_codes=tuple(entry.get("postal_codes", ())),
                postal_code_prefixes=tuple(entry.get("postal_code_prefixes", ())),
            )
            for entry in row.zone
        ),
        excluded_specialties=frozenset(row.excluded_specialties),
        prior_authorisation_required=row.prior_authorisation_required,
        advance_payment_required=row.advance_payment_required,
        deposit_ratio=row.deposit_ratio,
        valid_from=row.valid_from,
        valid_until=row.valid_until,
    )


async def create_agreement(uow: UnitOfWork, principal: Principal, values: dict) -> AgreementRow:
    require_admin(principal)
    bound = set(values["receiving_organization_ids"]) | set(values["payer_organization_ids"])
    found = set(
        (
            await uow.session.execute(
                select(OrganizationRow.id).where(OrganizationRow.id.in_(bound))
            )
        ).scalars()
    )
    if bound - found:
        raise InvalidRequest(
            "An organisation the agreement binds does not exist.", code="unknown_organization"
        )
    ratio = values.get("deposit_ratio")
    row = AgreementRow(
        id=uuid.uuid4(),
        **{**values, "deposit_ratio": Decimal(ratio) if ratio is not None else None},
    )
    uow.session.add(row)
    await uow.session.flush()
    await uow.session.refresh(row)
    return row


async def get_agreement(uow: UnitOfWork, agreement_id: uuid.UUID) -> AgreementRow:
    row = await uow.session.get(AgreementRow, agreement_id)
    if row is None:
        raise NotFound("agreement")
    return row


async def list_agreements(
    uow: UnitOfWork, limit: int, cursor: str | None, organization_id: uuid.UUID | None = None
) -> tuple[list[AgreementRow], str | None]:
    query = select(AgreementRow)
    if organization_id is not None:
        query = query.where(
            or_(
                AgreementRow.receiving_organization_ids.contains([organization_id]),
                AgreementRow.payer_organization_ids.contains([organization_id]),
            )
        )
    return await keyset_page(
        uow, query, kind="agreements", order=[SortKey(AgreementRow.id)], limit=limit, cursor=cursor
    )


async def applicable_rows(
    uow: UnitOfWork,
    *,
    residence_country: str | None,
    postal_code: str | None,
    receiving_organization_id: uuid.UUID | None,
    specialty: str | None,
    on: date,
) -> list[tuple[AgreementRow, Agreement]]:
    # The database narrows by validity and receiver; the domain decides zone and specialty.
    query = select(AgreementRow).where(
        AgreementRow.valid_from <= on,
        or_(AgreementRow.valid_until.is_(None), AgreementRow.valid_until >= on),
    )
    if receiving_organization_id is not None:
        query = query.where(
            AgreementRow.receiving_organization_ids.contains([receiving_organization_id])
        )
    rows = (
        await uow.session.execute(query.order_by(AgreementRow.created_at, AgreementRow.id))
    ).scalars()
    candidates = {row.id: row for row in rows}
    chosen = applicable_agreements(
        [to_domain(row) for row in candidates.values()],
        residence_country,
        postal_code,
        receiving_organization_id,
        specialty,
        on,
    )
    return [(candidates[agreement.id], agreement) for agreement in chosen]


async def applicable(uow: UnitOfWork, **question) -> list[Agreement]:
    return [agreement for _, agreement in await applicable_rows(uow, **question)]
