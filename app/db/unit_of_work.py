"""The unit of work: one transaction per use case, committed explicitly.

Leaving the `async with` block without `commit()` rolls back, so a use case
that raises half-way writes nothing.

A unit of work always knows who it works for: `UnitOfWork(sessionmaker, principal)` for a
caller (row-level security sees the caller's organisation), `UnitOfWork.system(...)` for
work without one (the worker, the CLI, the audit row of an anonymous request). There is
no default: a missing principal is an error, never a silent switch to the system context.

Handlers commit inside the block, before they return, never in a dependency's teardown
(FastAPI runs that after the response has been sent).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, TypeVar

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

from app.db.engine import carries_begin_prelude
from app.db.row_security import configured_system_context_token

if TYPE_CHECKING:
    from app.domain.principal import Principal
    from app.platform.paging import Cursors


R = TypeVar("R")


class AuditRecord(Protocol):
    """What a unit of work keeps of the request's audit record
    (app.access.audit.RequestAudit, written by the answer pipeline)."""

    patient_ids: set[uuid.UUID]
    object_ids: dict[str, str]


_UNIT_OF_WORK = "corridor.unit_of_work"
TENANT_CONTEXT = (
    "SELECT set_config('corridor.organization_id', $1, true),"
    " set_config('corridor.is_admin', $2, true),"
    " set_config('corridor.system', $3, true)"
)


# The caller's context as literals, for the simple-protocol query that starts the
# transaction (no parameters there). Only an organisation's UUID and on/off ever go in:
# checked against these shapes, never quoted user input.
_LITERAL_CONTEXT = re.compile(r"[0-9a-f-]{0,36}")


@event.listens_for(Session, "after_begin")
def _tenant_context_on_begin(session: Session, transaction, connection) -> None:
    unit_of_work = session.info.get(_UNIT_OF_WORK)
    if unit_of_work is not None:
        unit_of_work._apply_tenant_context(connection)


@event.listens_for(Session, "loaded_as_persistent")
def _note_patients_read(session: Session, instance) -> None:
    """The trail names the patients whose rows a request read: a row that names a patient
    says which attribute does (`PATIENT_KEY` on the table's class, app/db/models)."""
    key = getattr(instance, "PATIENT_KEY", None)
    if key is None:
        return
    unit_of_work = session.info.get(_UNIT_OF_WORK)
    if unit_of_work is not None:
        unit_of_work.disclose(getattr(instance, key))


def disclose_read(session: AsyncSession | Session, *patient_ids) -> None:
    """A repository that reads a patient's row without the ORM (one driver statement)
    notes the patient itself, as the load event above does for mapped rows."""
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    unit_of_work = sync.info.get(_UNIT_OF_WORK)
    if unit_of_work is not None:
        unit_of_work.disclose(*patient_ids)


def _caller_context_literal(org: str, admin: str) -> str:
    if not _LITERAL_CONTEXT.fullmatch(org) or admin not in ("on", "off"):
        raise ValueError("tenant context: unexpected value")
    return (
        f"SELECT set_config('corridor.organization_id', '{org}', true),"
        f" set_config('corridor.is_admin', '{admin}', true),"
        " set_config('corridor.system', '', true)"
    )


class UnitOfWork:
    def __init__(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        principal: Principal,
        *,
        cursors: Cursors | None = None,
    ) -> None:
        if principal is None:
            raise TypeError(
                "a unit of work needs the caller's principal; "
                "use UnitOfWork.system() for work without a caller"
            )
        self._open(sessionmaker, principal, cursors)

    @classmethod
    def system(
        cls, sessionmaker: async_sessionmaker[AsyncSession], *, cursors: Cursors | None = None
    ) -> UnitOfWork:
        """The system's own work, outside any caller: row-level security's `system` context."""
        uow = cls.__new__(cls)
        uow._open(sessionmaker, None, cursors)
        return uow

    @property
    def is_system(self) -> bool:
        return self.principal is None

    @property
    def reads_replica(self) -> bool:
        """Opened on a streaming replica (app.http.dependencies.get_read_uow)."""
        return self.audit_sessionmaker is not None

    def _open(
        self,
        sessionmaker: async_sessionmaker[AsyncSession],
        principal: Principal | None,
        cursors: Cursors | None,
    ) -> None:
        self._sessionmaker = sessionmaker
        self.principal = principal
        self._cursors = cursors
        self._repositories: dict = {}
        self._session: AsyncSession | None = None
        self.committed = False
        # The request's audit record, when there is one.
        self.audit: AuditRecord | None = None
        # Set when this unit of work reads on a replica: the audit row goes to the primary.
        self.audit_sessionmaker: async_sessionmaker[AsyncSession] | None = None

    def repository(self, kind: Callable[[AsyncSession], R]) -> R:
        """The area's repository on this unit of work's session, one per kind: areas own
        their repositories, the unit of work hands them out (`uow.repository(Cases)`)."""
        found = self._repositories.get(kind)
        if found is None:
            found = self._repositories[kind] = kind(self.session)
        return found

    @property
    def cursors(self) -> Cursors:
        """Signs and checks the cursors of the lists read in this unit of work."""
        if self._cursors is None:
            raise RuntimeError("this unit of work was opened without a cursor key")
        return self._cursors

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    async def __aenter__(self) -> UnitOfWork:
        self._session = self._sessionmaker()
        # Every transaction the session begins, not only the first: after commit() the
        # session may begin another, and it must not run without the caller's context.
        # One listener for all sessions (registering one per session cost more than the
        # statement); it finds this unit of work in the session's `info`.
        self._session.sync_session.info[_UNIT_OF_WORK] = self
        await self._session.begin()
        self.committed = False
        return self

    def _apply_tenant_context(self, connection) -> None:
        """Tell row-level security who is asking, for this transaction only.

        `set_config(..., true)` is transaction-local, so a pooled connection never
        carries one caller's organisation into the next caller's transaction.
        """
        principal = self.principal
        org = str(principal.organization_id) if principal and principal.organization_id else ""
        admin = "on" if principal is not None and principal.is_admin else "off"
        driver = connection.connection.driver_connection
        if (
            principal is not None
            and carries_begin_prelude(driver)
            and not driver.is_in_transaction()
            # An autocommit connection sends no BEGIN for the context to ride with.
            and not getattr(connection.connection.dbapi_connection, "autocommit", False)
        ):
            # A caller's context rides with the BEGIN SQLAlchemy is about to send: one
            # round trip for both (app.db.engine.TenantConnection); still transaction-local.
            driver.begin_prelude = _caller_context_literal(org, admin)
            return
        # The system context is a token only this process knows (app.db.row_security): it
        # goes as a parameter, in a statement of its own, never as text a server keeps
        # (pg_stat_activity shows a backend's last query text, never its parameters).
        system = configured_system_context_token() if principal is None else ""
        # A driver-level statement: it needs no compiling.
        connection.exec_driver_sql(TENANT_CONTEXT, (org, admin, system))

    async def widen_to_system(self) -> None:
        """For the rest of this transaction, row-level security's system context.

        Only for a use case that has already checked its caller against the policy table
        and filters what it touches itself: a corridor's suspension holds every case of
        the agreement wherever it is received; a coordination body's statistics aggregate
        cases it may not see one by one. Transaction-local like the caller's context."""
        await self.session.execute(
            text("SELECT set_config('corridor.system', :token, true)"),
            {"token": configured_system_context_token()},
        )

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            if self._session.in_transaction():
                await self._session.rollback()
        finally:
            await self._session.close()
            self._session = None
            self._repositories = {}

    def disclose(self, *patient_ids) -> None:
        """Note patients this request read, for its audit row (a use case reading them
        without loading their rows says so itself)."""
        audit = self.audit
        if audit is None:
            return
        for value in patient_ids:
            if value is not None:
                audit.patient_ids.add(value if isinstance(value, uuid.UUID) else uuid.UUID(value))

    async def commit(self) -> None:
        await self.session.commit()
        self.committed = True

    async def rollback(self) -> None:
        await self.session.rollback()
