"""Registry persistence: organisations, patients and their identifiers, the regime country
lists, and the agreements in force. The registry's services ask here
(`uow.repository(RegistryRepository)`); they build no SQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date

from sqlalchemy import ColumnElement, Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from app.db.case_tenancy import visible_to as case_visible_to
from app.db.models import (
    AgreementRow,
    AgreementSuspensionRow,
    CaseRow,
    OrganizationRow,
    PatientIdentifierRow,
    PatientRow,
    RegimeCountryListRow,
)
from app.db.name_search import patient_name_matches
from app.domain.vocabulary import CaseStatus, OrganizationKind


def _patient_visible(organization_id: uuid.UUID | None) -> ColumnElement[bool]:
    """A patient is visible to the organisation that registered it and to every
    organisation that shares a case about it."""
    if organization_id is None:
        return PatientRow.id.is_(None)
    shared_case = exists().where(
        CaseRow.patient_id == PatientRow.id, case_visible_to(organization_id)
    )
    return or_(PatientRow.organization_id == organization_id, shared_case)


async def _taken_slugs(session: AsyncSession, column, base: str) -> list[str]:
    """The slugs `base` or `base-N` already held in `column` (for app.domain.directory).
    Two creations with one name would pick the same free slug: the second waits here for
    the first's transaction (a lock per table and base), then sees its slug."""
    key = f"slug:{column.class_.__tablename__}:{base}"
    await session.execute(select(func.pg_advisory_xact_lock(func.hashtext(key))))
    pattern = base.replace("_", r"\_").replace("%", r"\%") + "%"
    return list((await session.execute(select(column).where(column.like(pattern)))).scalars())


class RegistryRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def add(self, row: object) -> None:
        """A new row, written and read back (server defaults filled in)."""
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)

    async def save(self, row: object) -> None:
        """Changes to a loaded row, written and read back."""
        await self.session.flush()
        await self.session.refresh(row)

    async def flush(self) -> None:
        await self.session.flush()

    # -- organisations ---------------------------------------------------------------------

    async def taken_organization_slugs(self, base: str) -> list[str]:
        return await _taken_slugs(self.session, OrganizationRow.slug, base)

    async def organization(self, organization_id: uuid.UUID) -> OrganizationRow | None:
        return await self.session.get(OrganizationRow, organization_id)

    def organizations(self, kind: OrganizationKind | None = None) -> Select[tuple[OrganizationRow]]:
        query = select(OrganizationRow)
        if kind is not None:
            query = query.where(OrganizationRow.kind == kind)
        return query

    # -- patients --------------------------------------------------------------------------

    async def visible_patient(
        self, organization_id: uuid.UUID | None, patient_id: uuid.UUID
    ) -> PatientRow | None:
        query = select(PatientRow).where(
            PatientRow.id == patient_id, _patient_visible(organization_id)
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def lock(self, row: PatientRow) -> None:
        """Re-read the row FOR UPDATE: concurrent edits of one record run one at a time."""
        await self.session.refresh(row, with_for_update=True)

    async def patient_with_identifier(
        self, organization_id: uuid.UUID | None, system: str, value: str
    ) -> uuid.UUID | None:
        """Which of this organisation's patients carries the identifier, if any."""
        query = select(PatientIdentifierRow.patient_id).where(
            PatientIdentifierRow.organization_id == organization_id,
            PatientIdentifierRow.system == system,
            PatientIdentifierRow.value == value,
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    def visible_patients(
        self,
        organization_id: uuid.UUID | None,
        identifier: tuple[str, str] | None = None,
        name: str | None = None,
    ) -> Select[tuple[PatientRow]]:
        """The patients the organisation may see; with an identifier (system, value), those
        carrying it; with a name, those whose name has its every word."""
        query = select(PatientRow).where(_patient_visible(organization_id))
        if name is not None:
            query = query.where(patient_name_matches(name))
        if identifier is not None:
            system, value = identifier
            query = query.where(
                exists().where(
                    PatientIdentifierRow.patient_id == PatientRow.id,
                    PatientIdentifierRow.system == system,
                    PatientIdentifierRow.value == value,
                )
            )
        return query

    async def patient(self, patient_id: uuid.UUID) -> PatientRow | None:
        """Any patient, for facts about a case the caller already sees."""
        return await self.session.get(PatientRow, patient_id)

    # -- regimes and agreements ------------------------------------------------------------

    async def country_lists(self) -> list[RegimeCountryListRow]:
        query = select(RegimeCountryListRow).order_by(RegimeCountryListRow.name)
        return list((await self.session.execute(query)).scalars())

    async def country_list(
        self, name: str, *, for_update: bool = False
    ) -> RegimeCountryListRow | None:
        return await self.session.get(RegimeCountryListRow, name, with_for_update=for_update)

    async def agreement(self, agreement_id: uuid.UUID) -> AgreementRow | None:
        return await self.session.get(AgreementRow, agreement_id)

    async def agreements_in_force(self, on: date) -> list[AgreementRow]:
        query = select(AgreementRow).where(
            AgreementRow.valid_from <= on,
            or_(AgreementRow.valid_until.is_(None), AgreementRow.valid_until >= on),
        )
        rows = await self.session.execute(query.order_by(AgreementRow.created_at))
        return list(rows.scalars())


class AgreementRepository:
    """The agreements as care corridors: registering, listing, their coordination bodies and
    suspensions (`uow.repository(AgreementRepository)`)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(
        self, agreement_id: uuid.UUID, *, for_update: bool = False
    ) -> AgreementRow | None:
        query = select(AgreementRow).where(AgreementRow.id == agreement_id)
        if for_update:
            # Serialises suspending and resuming one corridor.
            query = query.with_for_update(of=AgreementRow)
        return (await self.session.execute(query)).scalar_one_or_none()

    async def organizations_of_kinds(
        self, organization_ids: Iterable[uuid.UUID]
    ) -> dict[uuid.UUID, OrganizationKind]:
        """Which of these organisations exist, with their kind."""
        ids = list(set(organization_ids))
        if not ids:
            return {}
        rows = await self.session.execute(
            select(OrganizationRow.id, OrganizationRow.kind).where(OrganizationRow.id.in_(ids))
        )
        return {row.id: row.kind for row in rows}

    async def taken_slugs(self, base: str) -> list[str]:
        return await _taken_slugs(self.session, AgreementRow.slug, base)

    async def add(self, row: AgreementRow) -> AgreementRow:
        self.session.add(row)
        await self.session.flush()
        await self.session.refresh(row)
        return row

    def listing(self, organization_id: uuid.UUID | None) -> Select[tuple[AgreementRow]]:
        query = select(AgreementRow)
        if organization_id is not None:
            query = query.where(
                or_(
                    AgreementRow.receiving_organization_ids.contains([organization_id]),
                    AgreementRow.payer_organization_ids.contains([organization_id]),
                    AgreementRow.coordinating_organization_ids.contains([organization_id]),
                )
            )
        return query

    async def in_force(
        self, on: date, receiving_organization_id: uuid.UUID | None
    ) -> list[AgreementRow]:
        """Agreements valid on the day (for this receiver, when given), oldest first."""
        query = select(AgreementRow).where(
            AgreementRow.valid_from <= on,
            or_(AgreementRow.valid_until.is_(None), AgreementRow.valid_until >= on),
        )
        if receiving_organization_id is not None:
            query = query.where(
                AgreementRow.receiving_organization_ids.contains([receiving_organization_id])
            )
        rows = await self.session.execute(query.order_by(AgreementRow.created_at, AgreementRow.id))
        return list(rows.scalars())

    async def coordinated_by(self, organization_id: uuid.UUID) -> list[uuid.UUID]:
        """The agreements a coordination body coordinates."""
        rows = await self.session.execute(
            select(AgreementRow.id).where(
                AgreementRow.coordinating_organization_ids.contains([organization_id])
            )
        )
        return list(rows.scalars())

    async def add_suspension(self, row: AgreementSuspensionRow) -> AgreementSuspensionRow:
        self.session.add(row)
        await self.session.flush()
        return row

    async def suspension_in_force(
        self, agreement_id: uuid.UUID, receiving_organization_id: uuid.UUID | None = None
    ) -> AgreementSuspensionRow | None:
        """The corridor-wide suspension in force, or one hospital's intake pause."""
        scope = AgreementSuspensionRow.receiving_organization_id
        query = select(AgreementSuspensionRow).where(
            AgreementSuspensionRow.agreement_id == agreement_id,
            AgreementSuspensionRow.resumed_at.is_(None),
            scope.is_(None)
            if receiving_organization_id is None
            else scope == receiving_organization_id,
        )
        return (await self.session.execute(query)).scalar_one_or_none()

    async def held_cases_of(
        self, suspension_ids: list[uuid.UUID], organization_id: uuid.UUID | None
    ) -> dict[uuid.UUID, int]:
        """Per suspension, how many of the organisation's own cases it holds now (the
        tenancy filter: nobody counts another organisation's cases)."""
        if not suspension_ids:
            return {}
        query = (
            select(CaseRow.held_by_suspension_id, func.count())
            .where(
                CaseRow.held_by_suspension_id.in_(suspension_ids),
                CaseRow.status == CaseStatus.ON_HOLD,
                case_visible_to(organization_id),
            )
            .group_by(CaseRow.held_by_suspension_id)
        )
        return {key: count for key, count in (await self.session.execute(query)).all()}

    async def refresh(self, row: AgreementRow) -> None:
        await self.session.flush()
        await self.session.refresh(row, ["suspension_in_force", "intake_pauses_in_force"])
