"""Agreements (care corridors) and the eligibility question they answer."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from app.access.authorization import authorize
from app.db.keyset import SortKey, keyset_page
from app.db.models import AgreementRow, AgreementSuspensionRow
from app.db.repositories.registry import AgreementRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.agreements import Agreement, ZoneEntry, applicable_agreements
from app.domain.directory import free_slug, slug_of
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.domain.vocabulary import OrganizationKind, SuspensionReason
from app.platform.errors import Conflict, InvalidRequest, NotFound
from app.registry.service import require_admin


def to_domain(row: AgreementRow) -> Agreement:
    return Agreement(
        id=row.id,
        kind=row.kind,
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


# The lists of organisations an agreement binds; each must name existing organisations.
AGREEMENT_PARTIES = (
    "receiving_organization_ids",
    "payer_organization_ids",
    "coordinating_organization_ids",
)
# A coordination body sees the corridor's aggregates: nobody else may be given that.
COORDINATOR_KINDS = frozenset({OrganizationKind.COORDINATION_BODY})


async def create_agreement(uow: UnitOfWork, principal: Principal, values: dict) -> AgreementRow:
    require_admin(principal)
    agreements = uow.repository(AgreementRepository)
    values = {"coordinating_organization_ids": [], **values}
    kinds = await agreements.organizations_of_kinds(
        organization_id for field in AGREEMENT_PARTIES for organization_id in values[field]
    )
    for field in AGREEMENT_PARTIES:
        if set(values[field]) - set(kinds):
            raise InvalidRequest(
                "An organisation the agreement binds does not exist.",
                code="unknown_organization",
                field=field,
            )
    await _check_coordinators(agreements, values["coordinating_organization_ids"])
    ratio = values.get("deposit_ratio")
    taken = await agreements.taken_slugs(slug_of(values["name"]))
    row = AgreementRow(
        id=uuid.uuid4(),
        slug=free_slug(values["name"], taken),
        **{**values, "deposit_ratio": Decimal(ratio) if ratio is not None else None},
    )
    return await agreements.add(row)


async def replace_coordinators(
    uow: UnitOfWork, principal: Principal, agreement_id: uuid.UUID, organization_ids: list
) -> AgreementRow:
    """Name the coordination bodies of an existing agreement (platform admins)."""
    require_admin(principal)
    agreements = uow.repository(AgreementRepository)
    row = await agreements.get(agreement_id, for_update=True)
    if row is None:
        raise NotFound("agreement")
    await _check_coordinators(agreements, list(dict.fromkeys(organization_ids)))
    row.coordinating_organization_ids = list(dict.fromkeys(organization_ids))
    await agreements.refresh(row)
    return row


async def _check_coordinators(agreements: AgreementRepository, organization_ids: list) -> None:
    kinds = await agreements.organizations_of_kinds(organization_ids)
    if set(organization_ids) - set(kinds):
        raise InvalidRequest(
            "An organisation the agreement binds does not exist.",
            code="unknown_organization",
            field="coordinating_organization_ids",
        )
    if any(kinds[organization_id] not in COORDINATOR_KINDS for organization_id in organization_ids):
        raise InvalidRequest(
            "The coordinating organisations must be coordination_body organisations.",
            code="wrong_organization_kind",
            field="coordinating_organization_ids",
        )


async def get_agreement(uow: UnitOfWork, agreement_id: uuid.UUID) -> AgreementRow:
    row = await uow.repository(AgreementRepository).get(agreement_id)
    if row is None:
        raise NotFound("agreement")
    return row


async def list_agreements(
    uow: UnitOfWork, limit: int, cursor: str | None, organization_id: uuid.UUID | None = None
) -> tuple[list[AgreementRow], str | None]:
    query = uow.repository(AgreementRepository).listing(organization_id)
    return await keyset_page(
        uow, query, kind="agreements", order=[SortKey(AgreementRow.id)], limit=limit, cursor=cursor
    )


async def coordinated_by(uow: UnitOfWork, organization_id: uuid.UUID) -> list[uuid.UUID]:
    return await uow.repository(AgreementRepository).coordinated_by(organization_id)


# -- a corridor in a crisis --------------------------------------------------------------------


@dataclass(frozen=True)
class SuspensionOutcome:
    agreement: AgreementRow
    suspension: AgreementSuspensionRow
    # The caller's own cases only (the corridor's others are other organisations'), held
    # from (suspend, pause) or resumed to (resume), per status.
    counts: dict[str, int]


@dataclass(frozen=True)
class Reader:
    """Who reads an agreement: what of its suspensions it may see."""

    organization_id: uuid.UUID | None
    is_admin: bool
    # Per suspension in force: how many of the reader's own cases it holds.
    held: dict[uuid.UUID, int]

    def is_party(self, row: AgreementRow) -> bool:
        """The agreement's parties (receiving, payer, coordinating organisations) and the
        platform admin read a suspension's note; nobody else (it is free text)."""
        if self.is_admin:
            return True
        return self.organization_id is not None and self.organization_id in (
            *row.receiving_organization_ids,
            *row.payer_organization_ids,
            *row.coordinating_organization_ids,
        )


async def reader_of(uow: UnitOfWork, principal: Principal, rows: list[AgreementRow]) -> Reader:
    suspensions = [
        suspension.id
        for row in rows
        for suspension in (
            *([row.suspension_in_force] if row.suspension_in_force else []),
            *row.intake_pauses_in_force,
        )
    ]
    held = await uow.repository(AgreementRepository).held_cases_of(
        suspensions, principal.organization_id
    )
    return Reader(principal.organization_id, principal.is_admin, held)


async def corridor_for(
    uow: UnitOfWork, principal: Principal, agreement_id: uuid.UUID, operation: Operation
) -> AgreementRow:
    """The agreement under its row lock, for who may suspend it (its coordination bodies)
    or pause their intake on it (its receiving hospitals)."""
    row = await uow.repository(AgreementRepository).get(agreement_id, for_update=True)
    if row is None:
        raise NotFound("agreement")
    if operation is Operation.SUSPEND_CORRIDOR:
        authorize(principal, operation, row.coordinating_organization_ids)
    else:
        authorize(principal, operation, row.receiving_organization_ids)
    return row


async def open_suspension(
    uow: UnitOfWork,
    principal: Principal,
    row: AgreementRow,
    reason: SuspensionReason,
    note: str | None,
    now: datetime,
    *,
    receiving_organization_id: uuid.UUID | None,
) -> AgreementSuspensionRow:
    """A suspension of the corridor (or one hospital's pause on it) begins; one at a time."""
    agreements = uow.repository(AgreementRepository)
    if await agreements.suspension_in_force(row.id, receiving_organization_id) is not None:
        if receiving_organization_id is None:
            raise Conflict(
                "The agreement is suspended already.", code="agreement_already_suspended"
            )
        raise Conflict(
            "Your intake on this agreement is paused already.", code="intake_already_paused"
        )
    return await agreements.add_suspension(
        AgreementSuspensionRow(
            id=uuid.uuid4(),
            agreement_id=row.id,
            receiving_organization_id=receiving_organization_id,
            reason=reason,
            note=note,
            suspended_at=now,
            suspended_by=principal.sub,
        )
    )


async def suspension_to_close(
    uow: UnitOfWork, row: AgreementRow, *, receiving_organization_id: uuid.UUID | None
) -> AgreementSuspensionRow:
    """The suspension (or pause) in force that a resumption ends."""
    suspension = await uow.repository(AgreementRepository).suspension_in_force(
        row.id, receiving_organization_id
    )
    if suspension is None:
        if receiving_organization_id is None:
            raise Conflict("The agreement is not suspended.", code="agreement_not_suspended")
        raise Conflict("Your intake on this agreement is not paused.", code="intake_not_paused")
    return suspension


async def refreshed(uow: UnitOfWork, row: AgreementRow) -> AgreementRow:
    await uow.repository(AgreementRepository).refresh(row)
    return row


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
    rows = await uow.repository(AgreementRepository).in_force(on, receiving_organization_id)
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


async def offered_rows(
    uow: UnitOfWork, *, specialty: str | None, on: date
) -> list[tuple[AgreementRow, Agreement]]:
    """Every agreement in force on `on` (not excluding `specialty`), whoever it covers:
    the corridors that make up the public offer."""
    rows = await uow.repository(AgreementRepository).in_force(on, None)
    agreements = [(row, to_domain(row)) for row in rows]
    return [
        (row, agreement)
        for row, agreement in agreements
        if agreement.is_active(on) and not agreement.excludes(specialty)
    ]


async def applicable(uow: UnitOfWork, **question) -> list[Agreement]:
    return [agreement for _, agreement in await applicable_rows(uow, **question)]
