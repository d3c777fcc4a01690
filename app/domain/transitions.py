"""The case lifecycle as data: one row per (action, sources, roles) of the design table.

This table is the single source of the allowed-actions answer, of the lifecycle docs and
of the case aggregate's permission check.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from .vocabulary import Action, CaseStatus, Priority, Role

S = CaseStatus


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[CaseStatus]
    # None: the action decides (record-teleconsultation by outcome, resume by held_from,
    # extend-authorisation and amend-guarantee leave it unchanged).
    target: CaseStatus | None
    roles: frozenset[Role]
    only_priority: Priority | None = None

    def leaves(self, status: CaseStatus, priority: Priority) -> bool:
        """Whether this row moves a case out of `status` at this priority, for some role."""
        return status in self.sources and self.only_priority in (None, priority)

    def permits(self, roles: Iterable[Role]) -> bool:
        return not self.roles.isdisjoint(roles)


def _row(
    action: Action,
    sources: Iterable[CaseStatus],
    target: CaseStatus | None,
    roles: Iterable[Role],
    only_priority: Priority | None = None,
) -> Transition:
    return Transition(action, frozenset(sources), target, frozenset(roles), only_priority)


_BEFORE_ADMISSION = (
    S.DRAFT,
    S.SUBMITTED,
    S.TELECONSULTATION_SCHEDULED,
    S.ACCEPTED,
    S.FUNDING_APPROVED,
    S.TRANSFER_SCHEDULED,
    S.ARRIVED,
)
_HOLDABLE = (
    S.SUBMITTED,
    S.TELECONSULTATION_SCHEDULED,
    S.ACCEPTED,
    S.FUNDING_APPROVED,
    S.TRANSFER_SCHEDULED,
)

_FUNDED = (S.FUNDING_APPROVED, S.TRANSFER_SCHEDULED, S.ARRIVED, S.ADMITTED, S.DISCHARGED)

REFERRER, COORDINATOR, CLINICIAN, PAYER = (
    Role.REFERRER,
    Role.COORDINATOR,
    Role.CLINICIAN,
    Role.PAYER,
)

# Admins administer organisations and agreements, not cases: no row names them.
TRANSITIONS: tuple[Transition, ...] = (
    _row(Action.SUBMIT, [S.DRAFT], S.SUBMITTED, [REFERRER, COORDINATOR]),
    _row(
        Action.SCHEDULE_TELECONSULTATION,
        [S.SUBMITTED],
        S.TELECONSULTATION_SCHEDULED,
        [COORDINATOR],
    ),
    _row(
        Action.RECORD_TELECONSULTATION,
        [S.TELECONSULTATION_SCHEDULED],
        None,
        [CLINICIAN, COORDINATOR],
    ),
    _row(Action.ACCEPT, [S.SUBMITTED], S.ACCEPTED, [CLINICIAN, COORDINATOR]),
    _row(
        Action.DECLINE,
        [S.SUBMITTED, S.TELECONSULTATION_SCHEDULED],
        S.DECLINED,
        [CLINICIAN, COORDINATOR],
    ),
    _row(Action.APPROVE_FUNDING, [S.ACCEPTED], S.FUNDING_APPROVED, [COORDINATOR, PAYER]),
    _row(Action.SCHEDULE_TRANSFER, [S.FUNDING_APPROVED], S.TRANSFER_SCHEDULED, [COORDINATOR]),
    # An emergency is moved first and funded later.
    _row(
        Action.SCHEDULE_TRANSFER,
        [S.ACCEPTED],
        S.TRANSFER_SCHEDULED,
        [COORDINATOR],
        only_priority=Priority.EMERGENCY,
    ),
    _row(Action.RECORD_ARRIVAL, [S.TRANSFER_SCHEDULED], S.ARRIVED, [COORDINATOR]),
    _row(Action.ADMIT, [S.ARRIVED, S.TRANSFER_SCHEDULED], S.ADMITTED, [COORDINATOR, CLINICIAN]),
    _row(Action.TRANSFER_UNIT, [S.ADMITTED], S.ADMITTED, [COORDINATOR, CLINICIAN]),
    _row(Action.DISCHARGE, [S.ADMITTED], S.DISCHARGED, [CLINICIAN, COORDINATOR]),
    _row(Action.CLOSE, [S.DISCHARGED], S.CLOSED, [COORDINATOR]),
    _row(Action.CANCEL, [S.DRAFT, S.SUBMITTED], S.CANCELLED, [REFERRER]),
    _row(Action.CANCEL, [*_BEFORE_ADMISSION, S.ON_HOLD], S.CANCELLED, [COORDINATOR]),
    _row(Action.HOLD, _HOLDABLE, S.ON_HOLD, [COORDINATOR]),
    _row(Action.RESUME, [S.ON_HOLD], None, [COORDINATOR]),
    # While the case is open the payer (or the hospital, on the document's copy) records a
    # new S2 validity (EESSI S_BUC_09, S035/S037) or an amended guarantee; status unchanged.
    _row(Action.EXTEND_AUTHORISATION, _FUNDED, None, [COORDINATOR, PAYER]),
    _row(Action.AMEND_GUARANTEE, _FUNDED, None, [COORDINATOR, PAYER]),
)

TERMINAL_STATUSES: frozenset[CaseStatus] = frozenset({S.CLOSED, S.DECLINED, S.CANCELLED})


def transitions_for(action: Action) -> tuple[Transition, ...]:
    return tuple(row for row in TRANSITIONS if row.action == action)


def rows_leaving(status: CaseStatus, action: Action, priority: Priority) -> tuple[Transition, ...]:
    """The rows that take `action` out of `status`, whoever the caller is."""
    return tuple(row for row in transitions_for(action) if row.leaves(status, priority))


def find_transition(
    status: CaseStatus, action: Action, roles: Iterable[Role], priority: Priority
) -> Transition | None:
    roles = frozenset(roles)
    for row in rows_leaving(status, action, priority):
        if row.permits(roles):
            return row
    return None


def allowed_actions(status: CaseStatus, roles: Iterable[Role], priority: Priority) -> list[str]:
    """Path segments of the actions these roles may take now, in table order."""
    roles = frozenset(roles)
    return _distinct(
        row.action for row in TRANSITIONS if row.leaves(status, priority) and row.permits(roles)
    )


def actions_from(status: CaseStatus, priority: Priority) -> list[str]:
    """Path segments of the actions that leave `status` for any role, in table order."""
    return _distinct(row.action for row in TRANSITIONS if row.leaves(status, priority))


def _distinct(actions: Iterable[Action]) -> list[str]:
    return list(dict.fromkeys(action.value for action in actions))


def render_table_markdown() -> str:
    """The transition table for the docs, generated so the docs cannot drift."""
    lines = [
        "| action | from | to | who | only when |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in TRANSITIONS:
        sources = ", ".join(f"`{s}`" for s in CaseStatus if s in row.sources)
        target = f"`{row.target}`" if row.target else _decided_target(row.action)
        roles = ", ".join(role.value for role in Role if role in row.roles)
        condition = f"priority `{row.only_priority}`" if row.only_priority else "—"
        lines.append(f"| `{row.action}` | {sources} | {target} | {roles} | {condition} |")
    return "\n".join(lines) + "\n"


def _decided_target(action: Action) -> str:
    if action == Action.RECORD_TELECONSULTATION:
        return "`accepted` / `declined` / `submitted` (by outcome)"
    if action == Action.RESUME:
        return "the status it was held from"
    if action in (Action.EXTEND_AUTHORISATION, Action.AMEND_GUARANTEE):
        return "unchanged"
    return "—"
