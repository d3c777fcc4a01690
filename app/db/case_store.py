"""The case store: the one way a case is read whole and written (create, edit, coverage
correction, the lifecycle actions, a corridor's suspension and resumption).

Rows are the ORM's typed rows (`CaseRow` and its children); the aggregate's state goes back
onto them through `write_back`, the one mapping, and the session's unit of work writes what
changed (changed columns only, new child rows, the new events) at `save`.

The whole case (the row, every child table, its logistics tasks, for an action the
receiving facility's time zone) is read in ONE statement, each child an array of rows from
a correlated subquery, prepared once per connection by the driver: the hottest read and
the start of every action. Under the row lock (`lock`) the typed rows built from it are
attached to the session as if the ORM had loaded them, so its change tracking applies;
read-only (`read`) they stay detached. The tenancy clause is `app.db.case_tenancy`'s.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import bindparam, func, insert, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.dialects.postgresql.asyncpg import dialect as asyncpg_dialect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import make_transient_to_detached
from sqlalchemy.orm.attributes import set_committed_value

from app.db import case_values
from app.db.case_tenancy import visible_to
from app.db.engine import driver_connection
from app.db.models import (
    CaseEventRow,
    CaseRow,
    LogisticsTaskRow,
    OrganizationRow,
    StayRow,
    TeleconsultationRow,
    TransferRow,
    UnitMovementRow,
)
from app.db.models.types import StrEnumColumn
from app.db.unit_of_work import disclose_read
from app.domain.case import (
    Case,
    CaseEvent,
    Coverage,
    Stay,
    Teleconsultation,
    TransferPlan,
    UnitMovement,
)
from app.domain.funding import Authorisation
from app.domain.milestones import Milestone
from app.domain.parties import CaseParties
from app.domain.vocabulary import (
    CareSetting,
    CaseOrigin,
    CaseStatus,
    FollowUpOutcome,
    TeleconsultationKind,
    TeleconsultationOutcome,
)


@dataclass
class StoredCase:
    """A case as the store read it: its typed rows, its logistics tasks and (read for an
    action) the receiving facility's time zone."""

    row: CaseRow
    tasks: list[LogisticsTaskRow] = field(default_factory=list)
    receiving_time_zone: str | None = None


class CaseStore:
    """Every write of a case, on the unit of work's session (`uow.repository(CaseStore)`)."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def read(
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> StoredCase | None:
        """The whole case, read-only (its rows stay out of the session)."""
        return await self._whole(WHOLE_CASE, case_id, organization_id)

    async def lock(
        self, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> StoredCase | None:
        """The whole case under its row lock (`FOR UPDATE OF cases`: concurrent writes of
        one case queue, the version check then sees the winner), its rows in the session."""
        found = await self._whole(WHOLE_CASE_FOR_UPDATE, case_id, organization_id)
        if found is not None:
            _attach(self.session, found.row)
        return found

    async def _whole(
        self, statement: _Statement, case_id: uuid.UUID, organization_id: uuid.UUID | None
    ) -> StoredCase | None:
        if organization_id is None:
            return None  # admins and org-less callers see no case
        found = await (await driver_connection(self.session)).fetchrow(
            statement.sql, *statement.arguments(case_id=case_id, organization_id=organization_id)
        )
        if found is None:
            return None
        # Read through the driver, not loaded by the ORM: the audit's note says so itself.
        disclose_read(self.session, found["patient_id"])
        return _stored_case(dict(found.items()))

    async def of_corridor_for_update(
        self,
        agreement_id: uuid.UUID,
        statuses: Iterable[CaseStatus],
        receiving_organization_id: uuid.UUID | None = None,
    ) -> list[CaseRow]:
        """Every case of the agreement in these statuses (those one receiving hospital
        receives, when given), locked, in a stable order (two suspensions never deadlock).
        Whoever may see them is the caller's business: the corridor's use cases run in the
        system context."""
        query = (
            select(CaseRow)
            .where(
                CaseRow.agreement_id == agreement_id,
                CaseRow.status.in_(list(statuses)),
            )
            .order_by(CaseRow.id)
            .with_for_update(of=CaseRow)
        )
        if receiving_organization_id is not None:
            query = query.where(CaseRow.receiving_organization_id == receiving_organization_id)
        return list((await self.session.execute(query)).scalars())

    async def held_by_for_update(self, suspension_id: uuid.UUID) -> list[CaseRow]:
        """The cases a suspension holds, locked, in a stable order."""
        query = (
            select(CaseRow)
            .where(
                CaseRow.held_by_suspension_id == suspension_id,
                CaseRow.status == CaseStatus.ON_HOLD,
            )
            .order_by(CaseRow.id)
            .with_for_update(of=CaseRow)
        )
        return list((await self.session.execute(query)).scalars())

    async def add(
        self, case: Case, now: datetime, *, referring_practitioner: dict | None = None
    ) -> CaseRow:
        """A new case and the events of its creation."""
        row = CaseRow(
            id=case.id,
            reference=case.reference,
            referring_organization_id=case.referring_organization_id,
            referring_practitioner=referring_practitioner,
            created_at=now,
            teleconsultations=[],
            transfer=None,
            stay=None,
        )
        write_back(case, row, now)
        self.session.add(row)
        await self.session.flush()  # the case before its events (their foreign key)
        await self._append_events(case)
        return row

    async def save(self, row: CaseRow, case: Case, now: datetime) -> None:
        """The aggregate's state back onto its rows, written by one flush (the columns that
        changed, new child rows), then its new events."""
        write_back(case, row, now)
        await self.session.flush()
        await self._append_events(case)

    async def _append_events(self, case: Case) -> None:
        """The aggregate's new events, appended in one statement (a timeline is
        append-only: nothing reads them back in this transaction)."""
        events = event_rows(case, case.collect_events())
        if events:
            await self.session.execute(insert(CaseEventRow.__table__), events)


# -- rows <-> the aggregate ------------------------------------------------------------------


def _outcome(kind: TeleconsultationKind, value: str | None):
    if value is None:
        return None
    return (
        FollowUpOutcome(value)
        if kind == TeleconsultationKind.FOLLOW_UP
        else TeleconsultationOutcome(value)
    )


def to_domain(row: CaseRow) -> Case:
    stay = None
    if row.stay is not None:
        stay = Stay(
            admitted_at=row.stay.admitted_at,
            unit=row.stay.unit,
            bed=row.stay.bed,
            movements=[
                UnitMovement(from_unit=m.from_unit, to_unit=m.to_unit, at=m.at, bed=m.bed)
                for m in row.stay.movements
            ],
            discharged_at=row.stay.discharged_at,
            disposition=row.stay.disposition,
            discharge_summary=row.stay.discharge_summary,
        )
    transfer = None
    if row.transfer is not None:
        transfer = TransferPlan(
            expected_arrival_at=row.transfer.expected_arrival_at,
            transport=row.transfer.transport,
            escorts=row.transfer.escorts,
            interpreter_language=row.transfer.interpreter_language,
            arrived_at=row.transfer.arrived_at,
        )
    authorisation = None
    if row.authorisation_reference is not None:
        authorisation = Authorisation(
            reference=row.authorisation_reference,
            valid_from=row.authorisation_valid_from,
            valid_until=row.authorisation_valid_until,
        )
    return Case(
        id=row.id,
        reference=row.reference,
        referring_organization_id=row.referring_organization_id,
        priority=row.priority,
        coverage=Coverage(
            route=row.coverage_route,
            payer_organization_id=row.payer_organization_id,
            member_number=row.member_number,
            agreement_id=row.agreement_id,
            authorisation=authorisation,
            insurance_country=row.insurance_country,
            cross_border_worker=bool(row.cross_border_worker),
            agreement_inferred=bool(row.agreement_inferred),
        ),
        patient_id=row.patient_id,
        receiving_organization_id=row.receiving_organization_id,
        specialty=row.specialty,
        reason=row.reason,
        clinical_summary=row.clinical_summary,
        status=row.status,
        version=row.version,
        held_from=row.held_from,
        held_by_suspension_id=row.held_by_suspension_id,
        teleconsultations=[
            Teleconsultation(
                id=t.id,
                scheduled_at=t.scheduled_at,
                mode=t.mode,
                consultant=t.consultant,
                status=t.status,
                outcome=_outcome(t.kind, t.outcome),
                notes=t.notes,
                kind=t.kind,
                virtual_service=case_values.VIRTUAL_SERVICE.of(t.virtual_service),
                time_zone=t.time_zone,
            )
            for t in row.teleconsultations
        ],
        origin=row.origin or CaseOrigin.REFERRAL,
        care_setting=row.care_setting or CareSetting.INPATIENT,
        assignee=row.assignee,
        presented_at=row.presented_at,
        information_requests=[
            case_values.INFORMATION_REQUEST.of(r) for r in row.information_requests or []
        ],
        attendances=[case_values.ATTENDANCE.of(a) for a in row.attendances or []],
        discharge_letter=case_values.DISCHARGE_LETTER.of(row.discharge_letter),
        transfer=transfer,
        stay=stay,
        funding=case_values.FUNDING.of(row.funding),
        prior_authorisation=case_values.PRIOR_AUTHORISATION.of(row.prior_authorisation),
        cancel_reason_code=row.cancel_reason_code,
        cancel_reason=row.cancel_reason,
        milestones={
            milestone: getattr(row, milestone.column)
            for milestone in Milestone
            if getattr(row, milestone.column) is not None
        },
    )


def write_back(case: Case, row: CaseRow, now: datetime) -> None:
    """Copy the aggregate's state onto its row (and child rows)."""
    authorisation = case.coverage.authorisation
    _assign(
        row,
        {
            "status": case.status,
            "version": case.version,
            "held_from": case.held_from,
            "held_by_suspension_id": case.held_by_suspension_id,
            "priority": case.priority,
            "patient_id": case.patient_id,
            "receiving_organization_id": case.receiving_organization_id,
            "specialty": case.specialty,
            "reason": case.reason,
            "clinical_summary": case.clinical_summary,
            "coverage_route": case.coverage.route,
            "payer_organization_id": case.coverage.payer_organization_id,
            "member_number": case.coverage.member_number,
            "agreement_id": case.coverage.agreement_id,
            "insurance_country": case.coverage.insurance_country,
            "cross_border_worker": case.coverage.cross_border_worker,
            "agreement_inferred": case.coverage.agreement_inferred,
            "authorisation_reference": authorisation.reference if authorisation else None,
            "authorisation_valid_from": authorisation.valid_from if authorisation else None,
            "authorisation_valid_until": authorisation.valid_until if authorisation else None,
            "funding": case_values.FUNDING.json(case.funding),
            "prior_authorisation": case_values.PRIOR_AUTHORISATION.json(case.prior_authorisation),
            "cancel_reason_code": case.cancel_reason_code,
            "cancel_reason": case.cancel_reason,
            "origin": case.origin,
            "care_setting": case.care_setting,
            "assignee": case.assignee,
            "presented_at": case.presented_at,
            "information_requests": [
                case_values.INFORMATION_REQUEST.json(r) for r in case.information_requests
            ],
            "attendances": [case_values.ATTENDANCE.json(a) for a in case.attendances],
            "discharge_letter": case_values.DISCHARGE_LETTER.json(case.discharge_letter),
            **{milestone.column: case.milestones.get(milestone) for milestone in Milestone},
            "updated_at": now,
        },
    )

    existing = {t.id: t for t in row.teleconsultations}
    for teleconsultation in case.teleconsultations:
        target = existing.get(teleconsultation.id)
        if target is None:
            target = TeleconsultationRow(id=teleconsultation.id, case_id=case.id, created_at=now)
            row.teleconsultations.append(target)
        _assign(
            target,
            {
                "scheduled_at": teleconsultation.scheduled_at,
                "mode": teleconsultation.mode,
                "consultant": teleconsultation.consultant,
                "status": teleconsultation.status,
                "outcome": teleconsultation.outcome.value if teleconsultation.outcome else None,
                "notes": teleconsultation.notes,
                "kind": teleconsultation.kind,
                "virtual_service": case_values.VIRTUAL_SERVICE.json(
                    teleconsultation.virtual_service
                ),
                "time_zone": teleconsultation.time_zone,
            },
        )

    if case.transfer is not None:
        if row.transfer is None:
            row.transfer = TransferRow(case_id=case.id)
        _assign(
            row.transfer,
            {
                "expected_arrival_at": case.transfer.expected_arrival_at,
                "transport": case.transfer.transport,
                "escorts": case.transfer.escorts,
                "interpreter_language": case.transfer.interpreter_language,
                "arrived_at": case.transfer.arrived_at,
            },
        )

    if case.stay is not None:
        if row.stay is None:
            row.stay = StayRow(case_id=case.id, movements=[])
        stay = row.stay
        _assign(
            stay,
            {
                "admitted_at": case.stay.admitted_at,
                "unit": case.stay.unit,
                "bed": case.stay.bed,
                "discharged_at": case.stay.discharged_at,
                "disposition": case.stay.disposition,
                "discharge_summary": case.stay.discharge_summary,
            },
        )
        # Movements are append-only: add the ones the row does not have yet.
        for movement in case.stay.movements[len(stay.movements) :]:
            stay.movements.append(
                UnitMovementRow(
                    case_id=case.id,
                    from_unit=movement.from_unit,
                    to_unit=movement.to_unit,
                    at=movement.at,
                    bed=movement.bed,
                )
            )


_UNSET = object()


def _assign(row: Any, values: dict[str, Any]) -> None:
    """Set the columns whose value differs: an unchanged column is no change for the
    session to track, compare and flush."""
    held = row.__dict__
    for name, value in values.items():
        if held.get(name, _UNSET) != value:
            setattr(row, name, value)


def event_rows(case: Case, events: list[CaseEvent]) -> list[dict[str, Any]]:
    """The `case_events` rows of the aggregate's new events."""
    audience = CaseParties.of(case).organizations
    return [
        {
            "type": event.type,
            "case_id": case.id,
            "case_version": event.case_version,
            "from_status": event.from_status,
            "to_status": event.to_status,
            "actor_sub": event.actor.sub,
            "actor_organization_id": event.actor.organization_id,
            "actor_role": event.actor_role,
            "reason": event.reason,
            "data": event.data,
            "visible_to": audience,
            "occurred_at": event.occurred_at,
        }
        for event in events
    ]


# -- the whole case in one statement ---------------------------------------------------


@dataclass(frozen=True)
class _Child:
    """A child table read with the case: `attribute` of the case (or of its `parent`),
    rows of `kind`."""

    attribute: str
    kind: type
    many: bool
    order_by: tuple[str, ...]
    parent: str | None = None


def _child(relationship, parent: str | None) -> _Child:
    table = relationship.mapper.local_table
    if "case_id" not in table.c:
        raise TypeError(f"{table.name} is not keyed by case_id: read it with the ORM")
    order_by = tuple(column.name for column in relationship.order_by or ())
    return _Child(
        relationship.key, relationship.mapper.class_, bool(relationship.uselist), order_by, parent
    )


def _case_children() -> list[_Child]:
    """Every relationship of CaseRow and of its children, from the mappers: a table added
    to the case is read here without a change."""
    children = []
    for relationship in sa_inspect(CaseRow).relationships:
        children.append(_child(relationship, None))
        children.extend(
            _child(nested, relationship.key) for nested in relationship.mapper.relationships
        )
    children.append(_Child("logistics_tasks", LogisticsTaskRow, True, ("created_at", "id")))
    return children


@dataclass(frozen=True)
class _Statement:
    """A statement compiled once for the driver, and the order its parameters go in."""

    sql: str
    positions: tuple[str, ...]

    def arguments(self, **values: Any) -> list[Any]:
        return [values[name] for name in self.positions]


def _whole_case_statement(children: list[_Child], *, for_update: bool = False) -> _Statement:
    cases = CaseRow.__table__
    columns = []
    for index, child in enumerate(children):
        table = child.kind.__table__.alias(f"t{index}")
        row = table.table_valued()  # the whole row, a composite value
        if child.many:
            order = [table.c[name] for name in child.order_by]
            value = func.array_agg(aggregate_order_by(row, *order) if order else row)
        else:
            value = row
        subquery = select(value).where(table.c.case_id == cases.c.id).scalar_subquery()
        columns.append(subquery.label(f"child_{index}"))
    if for_update:
        # An action also needs the receiving facility's time zone (its local dates).
        organization = OrganizationRow.__table__.alias("o")
        columns.append(
            select(organization.c.time_zone)
            .where(organization.c.id == cases.c.receiving_organization_id)
            .scalar_subquery()
            .label("receiving_time_zone")
        )
    statement = select(cases, *columns).where(
        cases.c.id == bindparam("case_id"),
        visible_to(bindparam("organization_id", type_=cases.c.id.type)),
    )
    if for_update:
        statement = statement.with_for_update(of=cases)
    compiled = statement.compile(dialect=asyncpg_dialect())
    return _Statement(str(compiled), tuple(compiled.positiontup))


WHOLE_CASE_CHILDREN = _case_children()
WHOLE_CASE = _whole_case_statement(WHOLE_CASE_CHILDREN)
WHOLE_CASE_FOR_UPDATE = _whole_case_statement(WHOLE_CASE_CHILDREN, for_update=True)


@functools.cache
def _enum_columns(kind: type) -> tuple[tuple[str, type[StrEnum]], ...]:
    """The columns of a table that hold a StrEnum: the driver gives their strings."""
    return tuple(
        (column.key, column.type.enum)
        for column in kind.__table__.columns
        if isinstance(column.type, StrEnumColumn)
    )


def _typed(kind: type, values: dict) -> Any:
    """A typed row holding these column values as loaded, as the ORM's own loader makes
    one (no constructor, no attribute events: a row is built per child per read)."""
    for name, enum in _enum_columns(kind):
        if values.get(name) is not None:
            values[name] = enum(values[name])
    row = kind.__mapper__.class_manager.new_instance()
    row.__dict__.update(values)
    return row


def _stored_case(values: dict) -> StoredCase:
    time_zone = values.pop("receiving_time_zone", None)
    found = {child: values.pop(f"child_{index}") for index, child in enumerate(WHOLE_CASE_CHILDREN)}
    row = _typed(CaseRow, values)
    typed: dict[str, Any] = {}
    for child, value in found.items():
        typed[child.attribute] = (
            [_typed(child.kind, dict(record.items())) for record in value or ()]
            if child.many
            else (None if value is None else _typed(child.kind, dict(value.items())))
        )
    tasks = []
    for child in WHOLE_CASE_CHILDREN:
        if child.kind is LogisticsTaskRow:
            tasks = typed[child.attribute]
            continue
        holder = typed[child.parent] if child.parent else row
        if holder is not None:
            # As a loader sets a relationship: a loaded collection, no history.
            set_committed_value(holder, child.attribute, typed[child.attribute])
    return StoredCase(row, tasks, time_zone)


def _attach(session: AsyncSession, row: CaseRow) -> None:
    """Rows built from the statement become the session's, as if it had loaded them:
    their values are their committed state, so a flush writes only what changes."""
    for item in _graph(row):
        make_transient_to_detached(item)
    session.add(row)


def _graph(row: CaseRow) -> list:
    """The case row and every child row read with it (not its logistics tasks: an action
    writes none)."""
    items: list = [row]
    for child in WHOLE_CASE_CHILDREN:
        if child.kind is LogisticsTaskRow:
            continue
        holder = getattr(row, child.parent) if child.parent else row
        value = getattr(holder, child.attribute) if holder is not None else None
        items.extend((value or []) if child.many else [value] if value is not None else [])
    return items
