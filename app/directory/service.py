"""Publishing services, and the public question: where may a resident be treated?"""

from __future__ import annotations

import uuid
from datetime import date

from app.access.authorization import authorize
from app.db.models import DirectoryServiceRow
from app.db.repositories.directory import DirectoryServices
from app.db.unit_of_work import UnitOfWork
from app.domain.directory import WHAT_TO_BRING, speaks
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.platform.errors import NotFound
from app.registry import agreement_service
from app.registry import service as organization_service


def _authorize_publisher(principal: Principal, organization_id: uuid.UUID) -> None:
    if principal.is_admin:
        return
    # The role first (403 whatever the organisation), then the organisation: another
    # organisation's services are not the caller's to see or change (404, as everywhere).
    authorize(principal, Operation.PUBLISH_SERVICES, principal.organization_id)
    if principal.organization_id != organization_id:
        raise NotFound("organization")


async def publish(
    uow: UnitOfWork, principal: Principal, organization_id: uuid.UUID, values: dict
) -> DirectoryServiceRow:
    _authorize_publisher(principal, organization_id)
    await organization_service.get_organization(uow, organization_id)
    row = DirectoryServiceRow(id=uuid.uuid4(), organization_id=organization_id, **values)
    return await uow.repository(DirectoryServices).add(row)


async def withdraw(
    uow: UnitOfWork, principal: Principal, organization_id: uuid.UUID, service_id: uuid.UUID
) -> None:
    _authorize_publisher(principal, organization_id)
    services = uow.repository(DirectoryServices)
    row = await services.get(organization_id, service_id)
    if row is None:
        raise NotFound("service")
    await services.delete(row)


def present_service(row: DirectoryServiceRow) -> dict:
    return {
        "id": str(row.id),
        "organization_id": str(row.organization_id),
        "specialty": row.specialty,
        "care_setting": row.care_setting,
        "languages": list(row.languages),
        "lead_time_days": row.lead_time_days,
        "contact": row.contact,
    }


async def directory(
    uow: UnitOfWork,
    *,
    residence_country: str | None,
    postal_code: str | None,
    specialty: str | None,
    language: str | None,
    on: date,
    limit: int = 50,
    after: tuple[str, str] | None = None,
) -> dict:
    """Facilities with a published service the resident's agreements cover, or, without
    a residence, every facility with a service some agreement in force covers (the
    offer). Only public data: organisations' names and countries, agreements' names and
    terms, services; organisations and agreements are named by their public slugs, never
    their ids. Paged by facility, in name order: `after` is the (name, id) of the last
    facility of the previous page."""
    # The registry decides which agreements cover the residence (and the specialty asked
    # for); each service is then checked against each of them with the same rule.
    if residence_country is None:
        covering = await agreement_service.offered_rows(uow, specialty=specialty, on=on)
    else:
        covering = await agreement_service.applicable_rows(
            uow,
            residence_country=residence_country,
            postal_code=postal_code,
            receiving_organization_id=None,
            specialty=specialty,
            on=on,
        )

    def covers(agreement, organization_id, service_specialty) -> bool:
        if residence_country is None:
            return agreement.binds_receiver(organization_id) and not agreement.excludes(
                service_specialty
            )
        return agreement.applies_to(
            residence_country, postal_code, organization_id, service_specialty, on
        )

    receivers = {org for _, agreement in covering for org in agreement.receiving_organization_ids}
    repository = uow.repository(DirectoryServices)
    services = await repository.of_organizations(receivers)
    facilities: dict[uuid.UUID, dict] = {}
    for row in services:
        if specialty is not None and row.specialty != specialty:
            continue
        if not speaks(tuple(row.languages), language):
            continue
        under = [
            (agreement_row, agreement)
            for agreement_row, agreement in covering
            if covers(agreement, row.organization_id, row.specialty)
        ]
        if not under:
            continue
        facility = facilities.setdefault(row.organization_id, {"agreements": {}, "services": []})
        for agreement_row, agreement in under:
            # The corridor's suspension, or this hospital's own intake pause on it.
            stop = agreement_row.suspension_in_force or next(
                (
                    pause
                    for pause in agreement_row.intake_pauses_in_force
                    if pause.receiving_organization_id == row.organization_id
                ),
                None,
            )
            facility["agreements"][agreement.id] = {
                "slug": agreement_row.slug,
                "name": agreement_row.name,
                "kind": agreement.kind.value,
                "prior_authorisation_required": agreement.prior_authorisation_required,
                "advance_payment_required": agreement.advance_payment_required,
                "what_to_bring": list(WHAT_TO_BRING.get(agreement.kind, ())),
                # A corridor suspended in a crisis takes no new referral: say so, and why
                # (the reason code only; the suspension's note is not public).
                "suspended": stop is not None,
                "suspension_reason": stop.reason if stop is not None else None,
            }
        entry = present_service(row)
        del entry["organization_id"]
        entry["agreements"] = [agreement_row.slug for agreement_row, _ in under]
        facility["services"].append(entry)
    # Ordered here, as the cursor compares (a database collation may order names otherwise).
    organizations = sorted(
        await repository.organizations(facilities), key=lambda row: (row.name, str(row.id))
    )
    if after is not None:
        organizations = [row for row in organizations if (row.name, str(row.id)) > after]
    more = len(organizations) > limit
    organizations = organizations[:limit]
    last = organizations[-1] if more else None
    return {
        "residence_country": residence_country,
        "postal_code": postal_code,
        "next": (last.name, str(last.id)) if last is not None else None,
        "facilities": [
            {
                "slug": organization.slug,
                "name": organization.name,
                "country": organization.country,
                "agreements": list(facilities[organization.id]["agreements"].values()),
                "services": facilities[organization.id]["services"],
            }
            for organization in organizations
        ],
    }
