"""The case lifecycle as data: one row per (action, sources, roles) of the design table.

This table is the single source of the allowed-actions answer, of the lifecycle docs and
of the case aggregate's permission check.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from .policies import POLICIES, Operation
from .vocabulary import Action, CareSetting, CaseOrigin, CaseStatus, Priority, Role

S = CaseStatus


class CaseFact(StrEnum):
    """What a row may need of a case beyond its status, priority and care setting: facts of
    its funding, so that an action that can never succeed is not offered."""

    # No funding decision yet (an emergency moved first, funded later).
    NOT_FUNDED = "not_funded"
    # An authorisation to extend (an S2, or a prior authorisation an agreement required).
    HOLDS_AUTHORISATION = "holds_authorisation"
    # A letter of guarantee to amend.
    HOLDS_GUARANTEE = "holds_guarantee"


FACT_WORDS: dict[CaseFact, str] = {
    CaseFact.NOT_FUNDED: "no funding approved yet",
    CaseFact.HOLDS_AUTHORISATION: "an authorisation on the case",
    CaseFact.HOLDS_GUARANTEE: "a guarantee on the case",
}


@dataclass(frozen=True)
class Transition:
    action: Action
    sources: frozenset[CaseStatus]
    # None: the action decides (record-teleconsultation by outcome, resume by held_from;
    # extend-authorisation, amend-guarantee and a late approve-funding leave it unchanged).
    target: CaseStatus | None
    roles: frozenset[Role]
    only_priority: Priority | None = None
    # None: any care setting.
    only_care_settings: frozenset[CareSetting] | None = None
    # Facts the case must hold (all of them); empty: none.
    only_when: frozenset[CaseFact] = frozenset()

    def leaves(
        self,
        status: CaseStatus,
        priority: Priority,
        care_setting: CareSetting = CareSetting.INPATIENT,
        facts: frozenset[CaseFact] | None = None,
    ) -> bool:
        """Whether this row moves a case out of `status` at this priority and care setting,
        for some role, given the facts the case holds (None: some case, whatever its facts:
        the question a table about statuses asks)."""
        return (
            status in self.sources
            and self.only_priority in (None, priority)
            and (self.only_care_settings is None or care_setting in self.only_care_settings)
            and (facts is None or self.only_when <= facts)
        )

    def permits(self, roles: Iterable[Role]) -> bool:
        return not self.roles.isdisjoint(roles)


def _row(
    action: Action,
    sources: Iterable[CaseStatus],
    target: CaseStatus | None,
    roles: Iterable[Role],
    only_priority: Priority | None = None,
    only_care_settings: Iterable[CareSetting] | None = None,
    only_when: Iterable[CaseFact] = (),
) -> Transition:
    return Transition(
        action,
        frozenset(sources),
        target,
        frozenset(roles),
        only_priority,
        frozenset(only_care_settings) if only_care_settings is not None else None,
        frozenset(only_when),
    )


_BEFORE_ADMISSION = (
    S.DRAFT,
    S.SUBMITTED,
    S.INFORMATION_REQUESTED,
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
# Where a case moved before its funding (an emergency) still is until it closes.
_MOVED = (S.TRANSFER_SCHEDULED, S.ARRIVED, S.ADMITTED, S.DISCHARGED)

# Care without an admission: attendances after arrival, then discharge from `arrived`.
AMBULATORY = (CareSetting.OUTPATIENT, CareSetting.DAY_CASE)

REFERRER, COORDINATOR, CLINICIAN, PAYER = (
    Role.REFERRER,
    Role.COORDINATOR,
    Role.CLINICIAN,
    Role.PAYER,
)

# Admins administer organisations and agreements, not cases: no row names them.
TRANSITIONS: tuple[Transition, ...] = (
    _row(Action.SUBMIT, [S.DRAFT], S.SUBMITTED, [REFERRER, COORDINATOR]),
    # The information loop: the case waits on the referrer, then returns to review.
    _row(
        Action.REQUEST_INFORMATION,
        [S.SUBMITTED],
        S.INFORMATION_REQUESTED,
        [COORDINATOR, CLINICIAN],
    ),
    _row(Action.PROVIDE_INFORMATION, [S.INFORMATION_REQUESTED], S.SUBMITTED, [REFERRER]),
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
        [S.SUBMITTED, S.INFORMATION_REQUESTED, S.TELECONSULTATION_SCHEDULED],
        S.DECLINED,
        [CLINICIAN, COORDINATOR],
    ),
    _row(Action.APPROVE_FUNDING, [S.ACCEPTED], S.FUNDING_APPROVED, [COORDINATOR, PAYER]),
    # Moved first, funded later (DESIGN.md; Reg. 883/2004 Art. 19 and 987/2009 Art. 25 for
    # care needed during a stay): an emergency transfer or a walk-in is funded after the
    # transfer, the admission or the discharge, until the final claim; status unchanged.
    _row(
        Action.APPROVE_FUNDING, _MOVED, None, [COORDINATOR, PAYER], only_when=[CaseFact.NOT_FUNDED]
    ),
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
    _row(
        Action.RECORD_ATTENDANCE,
        [S.ARRIVED],
        S.ARRIVED,
        [COORDINATOR, CLINICIAN],
        only_care_settings=AMBULATORY,
    ),
    _row(Action.DISCHARGE, [S.ADMITTED], S.DISCHARGED, [CLINICIAN, COORDINATOR]),
    # Outpatient and day-case care completes without an admission.
    _row(
        Action.DISCHARGE,
        [S.ARRIVED],
        S.DISCHARGED,
        [CLINICIAN, COORDINATOR],
        only_care_settings=AMBULATORY,
    ),
    _row(Action.SCHEDULE_FOLLOW_UP, [S.DISCHARGED], S.DISCHARGED, [COORDINATOR, CLINICIAN]),
    _row(Action.RECORD_FOLLOW_UP, [S.DISCHARGED], S.DISCHARGED, [COORDINATOR, CLINICIAN]),
    _row(Action.ACKNOWLEDGE_DISCHARGE, [S.DISCHARGED], S.DISCHARGED, [REFERRER]),
    _row(Action.CLOSE, [S.DISCHARGED], S.CLOSED, [COORDINATOR]),
    _row(Action.CANCEL, [S.DRAFT, S.SUBMITTED, S.INFORMATION_REQUESTED], S.CANCELLED, [REFERRER]),
    _row(Action.CANCEL, [*_BEFORE_ADMISSION, S.ON_HOLD], S.CANCELLED, [COORDINATOR]),
    _row(Action.HOLD, _HOLDABLE, S.ON_HOLD, [COORDINATOR]),
    _row(Action.RESUME, [S.ON_HOLD], None, [COORDINATOR]),
    # While the case is open the payer (or the hospital, on the document's copy) records a
    # new S2 validity (EESSI S_BUC_09, S035/S037) or an amended guarantee; status unchanged.
    # Each only where there is something to extend or amend (an action that can never
    # succeed is not offered).
    _row(
        Action.EXTEND_AUTHORISATION,
        _FUNDED,
        None,
        [COORDINATOR, PAYER],
        only_when=[CaseFact.HOLDS_AUTHORISATION],
    ),
    _row(
        Action.AMEND_GUARANTEE,
        _FUNDED,
        None,
        [COORDINATOR, PAYER],
        only_when=[CaseFact.HOLDS_GUARANTEE],
    ),
)

TERMINAL_STATUSES: frozenset[CaseStatus] = frozenset({S.CLOSED, S.DECLINED, S.CANCELLED})


@dataclass(frozen=True)
class Entry:
    """How a case may start: its origin, the statuses it may start in, who opens it."""

    origin: CaseOrigin
    statuses: frozenset[CaseStatus]
    roles: frozenset[Role]


ENTRIES: tuple[Entry, ...] = (
    # A referral is a draft of the referrer (or of the receiving office on its behalf):
    # whoever the create-case policy names.
    Entry(CaseOrigin.REFERRAL, frozenset({S.DRAFT}), POLICIES[Operation.CREATE_CASE].roles),
    # A patient already on site (emergency department, a visitor taken ill): the receiving
    # hospital opens the case where the patient is, arrived or already admitted.
    Entry(
        CaseOrigin.EMERGENCY_PRESENTATION,
        frozenset({S.ARRIVED, S.ADMITTED}),
        frozenset({COORDINATOR, CLINICIAN}),
    ),
)


def entry_for(origin: CaseOrigin) -> Entry:
    return next(entry for entry in ENTRIES if entry.origin == origin)


def transitions_for(action: Action) -> tuple[Transition, ...]:
    return tuple(row for row in TRANSITIONS if row.action == action)


def rows_leaving(
    status: CaseStatus,
    action: Action,
    priority: Priority,
    care_setting: CareSetting = CareSetting.INPATIENT,
    facts: frozenset[CaseFact] | None = None,
) -> tuple[Transition, ...]:
    """The rows that take `action` out of `status`, whoever the caller is."""
    return tuple(
        row for row in transitions_for(action) if row.leaves(status, priority, care_setting, facts)
    )


def sources_of(action: Action) -> frozenset[CaseStatus]:
    """Every status some row of `action` leaves (a corridor's suspension holds these)."""
    return frozenset().union(*(row.sources for row in transitions_for(action)))


def find_transition(
    status: CaseStatus,
    action: Action,
    roles: Iterable[Role],
    priority: Priority,
    care_setting: CareSetting = CareSetting.INPATIENT,
    facts: frozenset[CaseFact] | None = None,
) -> Transition | None:
    roles = frozenset(roles)
    for row in rows_leaving(status, action, priority, care_setting, facts):
        if row.permits(roles):
            return row
    return None


def allowed_actions(
    status: CaseStatus,
    roles: Iterable[Role],
    priority: Priority,
    care_setting: CareSetting = CareSetting.INPATIENT,
    facts: frozenset[CaseFact] | None = None,
) -> list[str]:
    """Path segments of the actions these roles may take now, in table order."""
    roles = frozenset(roles)
    return _distinct(
        row.action
        for row in TRANSITIONS
        if row.leaves(status, priority, care_setting, facts) and row.permits(roles)
    )


def actions_from(
    status: CaseStatus,
    priority: Priority,
    care_setting: CareSetting = CareSetting.INPATIENT,
    facts: frozenset[CaseFact] | None = None,
) -> list[str]:
    """Path segments of the actions that leave `status` for any role, in table order."""
    return _distinct(
        row.action for row in TRANSITIONS if row.leaves(status, priority, care_setting, facts)
    )


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
        conditions = []
        if row.only_priority:
            conditions.append(f"priority `{row.only_priority}`")
        if row.only_care_settings:
            settings = ", ".join(f"`{c}`" for c in CareSetting if c in row.only_care_settings)
            conditions.append(f"care setting {settings}")
        conditions.extend(FACT_WORDS[fact] for fact in CaseFact if fact in row.only_when)
        condition = "; ".join(conditions) or "—"
        lines.append(f"| `{row.action}` | {sources} | {target} | {roles} | {condition} |")
    lines += [
        "",
        "How a case starts:",
        "",
        "| origin | starts in | who |",
        "| --- | --- | --- |",
    ]
    for entry in ENTRIES:
        statuses = ", ".join(f"`{s}`" for s in CaseStatus if s in entry.statuses)
        roles = ", ".join(role.value for role in Role if role in entry.roles)
        lines.append(f"| `{entry.origin}` | {statuses} | {roles} |")
    return "\n".join(lines) + "\n"


def _decided_target(action: Action) -> str:
    if action == Action.RECORD_TELECONSULTATION:
        return "`accepted` / `declined` / `submitted` (by outcome)"
    if action == Action.RESUME:
        return "the status it was held from"
    if action in (Action.EXTEND_AUTHORISATION, Action.AMEND_GUARANTEE, Action.APPROVE_FUNDING):
        return "unchanged"
    return "—"
