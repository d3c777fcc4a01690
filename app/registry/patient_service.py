"""The patient registry. A patient is visible to the organisation that registered
it and to every organisation that shares a case about it."""

from __future__ import annotations

import uuid

from app.access.authorization import authorize
from app.db.keyset import SortKey, keyset_page
from app.db.models import PatientIdentifierRow, PatientRow
from app.db.repositories.registry import RegistryRepository
from app.db.unit_of_work import UnitOfWork
from app.domain.identifiers import normalise_identifier, normalise_system
from app.domain.policies import Operation
from app.domain.principal import Principal
from app.platform.clock import now_utc
from app.platform.errors import Conflict, Forbidden, InvalidRequest, NotFound
from app.platform.versioning import check_version


async def find_visible(
    uow: UnitOfWork, principal: Principal, patient_id: uuid.UUID
) -> PatientRow | None:
    return await uow.repository(RegistryRepository).visible_patient(
        principal.organization_id, patient_id
    )


async def get_patient(uow: UnitOfWork, principal: Principal, patient_id: uuid.UUID) -> PatientRow:
    row = await find_visible(uow, principal, patient_id)
    if row is None:
        raise NotFound("patient")
    return row


def _require_registering_role(principal: Principal) -> None:
    authorize(principal, Operation.REGISTER_PATIENT)


# patient_identifiers.value
MAX_IDENTIFIER_CHARS = 120


def _normalised(identifiers: list[dict]) -> list[dict]:
    """Identifiers as compared and stored (app.domain.identifiers); one left empty is 422."""
    result = []
    for item in identifiers:
        system = normalise_system(item["system"])
        value = normalise_identifier(item["value"], system)
        if not system or not value:
            raise InvalidRequest(
                "An identifier has no visible characters.", code="invalid_identifier"
            )
        if len(value) > MAX_IDENTIFIER_CHARS:
            # Upper case can lengthen a value (ß -> SS) past what is stored.
            raise InvalidRequest(
                "An identifier is too long once normalised.", code="invalid_identifier"
            )
        result.append({"system": system, "value": value})
    return result


async def _refuse_duplicates(
    uow: UnitOfWork, principal: Principal, identifiers: list[dict], own_id: uuid.UUID | None = None
) -> None:
    """Identifiers are unique within the registering organisation, and only there: whether
    another organisation registered a passport number is not ours to tell."""
    pairs = [(item["system"], item["value"]) for item in identifiers]
    if len(set(pairs)) != len(pairs):
        raise InvalidRequest(
            "An identifier is listed twice.", code="duplicate_identifier_in_request"
        )
    for system, value in pairs:
        existing = await uow.repository(RegistryRepository).patient_with_identifier(
            principal.organization_id, system, value
        )
        if existing is not None and existing != own_id:
            raise Conflict(
                "Your organisation already registered a patient with this identifier.",
                code="duplicate_identifier",
                existing_id=str(existing),
                system=system,
            )


def _identifier_rows(organization_id: uuid.UUID, identifiers: list[dict]):
    return [
        PatientIdentifierRow(
            organization_id=organization_id,
            system=item["system"],
            value=item["value"],
            position=index,
        )
        for index, item in enumerate(identifiers)
    ]


async def create_patient(uow: UnitOfWork, principal: Principal, values: dict) -> PatientRow:
    _require_registering_role(principal)
    identifiers = _normalised(values.pop("identifiers", []))
    await _refuse_duplicates(uow, principal, identifiers)
    row = PatientRow(
        id=uuid.uuid4(), organization_id=principal.organization_id, version=1, **values
    )
    row.identifiers = _identifier_rows(row.organization_id, identifiers)
    await uow.repository(RegistryRepository).add(row)
    return row


async def update_patient(
    uow: UnitOfWork, principal: Principal, patient_id: uuid.UUID, changes: dict, if_match: str
) -> PatientRow:
    _require_registering_role(principal)
    row = await get_patient(uow, principal, patient_id)
    if row.organization_id != principal.organization_id:
        # Sharing a case lets an organisation read the record, not rewrite it.
        raise Forbidden(
            "Only the organisation that registered a patient changes the record.",
            code="not_patient_owner",
        )
    patients = uow.repository(RegistryRepository)
    await patients.lock(row)
    check_version(row.version, if_match)
    if "identifiers" in changes:
        identifiers = _normalised(changes.pop("identifiers") or [])
        await _refuse_duplicates(uow, principal, identifiers, own_id=row.id)
        row.identifiers.clear()
        await patients.flush()
        row.identifiers.extend(_identifier_rows(row.organization_id, identifiers))
    for name, value in changes.items():
        if name == "family_name" and value is None:
            raise InvalidRequest("family_name cannot be removed.", code="field_required")
        setattr(
            row,
            name,
            value if value is not None or name not in {"given_names", "languages"} else [],
        )
    row.version += 1
    row.updated_at = now_utc()
    await patients.save(row)
    return row


async def search_patients(
    uow: UnitOfWork,
    principal: Principal,
    identifier: str | None,
    limit: int,
    cursor: str | None,
    name: str | None = None,
) -> tuple[list[PatientRow], str | None]:
    wanted = None
    if identifier is not None:
        system, separator, value = identifier.partition("|")
        system = normalise_system(system)
        value = normalise_identifier(value, system)
        if not separator or not system or not value:
            raise InvalidRequest(
                "identifier must be system|value.", code="invalid_identifier_query"
            )
        wanted = (system, value)
    query = uow.repository(RegistryRepository).visible_patients(
        principal.organization_id, wanted, name
    )
    return await keyset_page(
        uow, query, kind="patients", order=[SortKey(PatientRow.id)], limit=limit, cursor=cursor
    )
