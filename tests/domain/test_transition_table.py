"""Every status x action x role x priority x care setting against the design table, written
out again here.

The oracle below is copied by hand from DESIGN.md's lifecycle table, as plain strings, so
a slip in app.domain.transitions cannot hide behind itself.
"""

import itertools
from dataclasses import replace

import pytest

from app.domain import transitions
from app.domain.errors import ActionForbidden, InvalidTransition
from app.domain.funding import Guarantee
from app.domain.money import Money
from app.domain.vocabulary import (
    Action,
    CareSetting,
    CaseOrigin,
    CaseStatus,
    CoverageRoute,
    Priority,
    Role,
    event_type_for,
)

from .builders import actor, case_in, coverage, perform, valid_payload

REF, COORD, CLIN, PAY = "referrer", "coordinator", "clinician", "payer"
TELE = "teleconsultation_scheduled"
INFO = "information_requested"
BEFORE_ADMISSION = [
    "draft", "submitted", INFO, TELE, "accepted", "funding_approved", "transfer_scheduled",
    "arrived",
]  # fmt: skip
FUNDED = ["funding_approved", "transfer_scheduled", "arrived", "admitted", "discharged"]
MOVED = ["transfer_scheduled", "arrived", "admitted", "discharged"]
HOLDABLE = ["submitted", TELE, "accepted", "funding_approved", "transfer_scheduled"]
AMBULATORY = "day_case,outpatient"

# (action, from, to, who, only when priority is, only in care settings, only when the case
# holds these facts) -- "BY_OUTCOME" / "HELD_FROM": decided by the action; the builders
# record transfer_recommended and hold cases from submitted.
DESIGN_TABLE = [
    ("submit", ["draft"], "submitted", [REF, COORD], None, None, None),
    ("request-information", ["submitted"], INFO, [COORD, CLIN], None, None, None),
    ("provide-information", [INFO], "submitted", [REF], None, None, None),
    ("schedule-teleconsultation", ["submitted"], TELE, [COORD], None, None, None),
    ("record-teleconsultation", [TELE], "BY_OUTCOME", [CLIN, COORD], None, None, None),
    ("accept", ["submitted"], "accepted", [CLIN, COORD], None, None, None),
    ("decline", ["submitted", INFO, TELE], "declined", [CLIN, COORD], None, None, None),
    ("approve-funding", ["accepted"], "funding_approved", [COORD, PAY], None, None, None),
    # Moved first, funded later: the transfer, the stay and the discharge do not wait.
    ("approve-funding", MOVED, "UNCHANGED", [COORD, PAY], None, None, "not_funded"),
    ("schedule-transfer", ["funding_approved"], "transfer_scheduled", [COORD], None, None, None),
    ("schedule-transfer", ["accepted"], "transfer_scheduled", [COORD], "emergency", None, None),
    ("record-arrival", ["transfer_scheduled"], "arrived", [COORD], None, None, None),
    ("admit", ["arrived", "transfer_scheduled"], "admitted", [COORD, CLIN], None, None, None),
    ("transfer-unit", ["admitted"], "admitted", [COORD, CLIN], None, None, None),
    ("record-attendance", ["arrived"], "arrived", [COORD, CLIN], None, AMBULATORY, None),
    ("discharge", ["admitted"], "discharged", [CLIN, COORD], None, None, None),
    ("discharge", ["arrived"], "discharged", [CLIN, COORD], None, AMBULATORY, None),
    ("schedule-follow-up", ["discharged"], "discharged", [COORD, CLIN], None, None, None),
    ("record-follow-up", ["discharged"], "discharged", [COORD, CLIN], None, None, None),
    ("acknowledge-discharge", ["discharged"], "discharged", [REF], None, None, None),
    ("close", ["discharged"], "closed", [COORD], None, None, None),
    ("cancel", ["draft", "submitted", INFO], "cancelled", [REF], None, None, None),
    ("cancel", [*BEFORE_ADMISSION, "on_hold"], "cancelled", [COORD], None, None, None),
    ("hold", HOLDABLE, "on_hold", [COORD], None, None, None),
    ("resume", ["on_hold"], "HELD_FROM", [COORD], None, None, None),
    ("extend-authorisation", FUNDED, "UNCHANGED", [COORD, PAY], None, None, "authorisation"),
    ("amend-guarantee", FUNDED, "UNCHANGED", [COORD, PAY], None, None, "guarantee"),
]  # fmt: skip

DECIDED_TARGETS = {"BY_OUTCOME": "accepted", "HELD_FROM": "submitted", "UNCHANGED": None}
# The oracle's words for the facts, and the table's.
FACT_NAMES = {
    None: frozenset(),
    "not_funded": frozenset({"not_funded"}),
    "authorisation": frozenset({"holds_authorisation"}),
    "guarantee": frozenset({"holds_guarantee"}),
}


def oracle_rows(
    status: str, action: str, priority: str, care_setting: str, facts: set[str]
) -> list[tuple]:
    return [
        row
        for row in DESIGN_TABLE
        if row[0] == action
        and status in row[1]
        and row[4] in (None, priority)
        and (row[5] is None or care_setting in row[5].split(","))
        and (row[6] is None or row[6] in facts)
    ]


def oracle_allowed(
    status: str, role: str, priority: str, care_setting: str, facts: set[str]
) -> list[str]:
    actions = [row[0] for row in DESIGN_TABLE if role in row[3]]
    allowed = [
        a
        for a in actions
        if any(role in r[3] for r in oracle_rows(status, a, priority, care_setting, facts))
    ]
    return list(dict.fromkeys(allowed))


# How the case is funded, and the facts that holds, written out by hand:
# "s2": an S2 case (its authorisation on the coverage), funded from funding_approved on;
# "moved_first": a self-pay emergency not funded yet, whatever its status;
# "guaranteed": an S2 case whose funding also carries a letter of guarantee.
FUNDED_STATUSES = {*FUNDED, "closed"}


def variant_facts(variant: str, status: str) -> set[str]:
    funded = variant != "moved_first" and status in FUNDED_STATUSES
    facts = set() if funded else {"not_funded"}
    if variant != "moved_first":
        facts.add("authorisation")
    if variant == "guaranteed" and funded:
        facts.add("guarantee")
    return facts


def variant_case(status, priority, care_setting, variant: str):
    if variant == "moved_first":
        case = case_in(status, priority, care_setting, coverage=coverage(CoverageRoute.SELF_PAY))
        case.funding = None
        return case
    case = case_in(status, priority, care_setting)
    if variant == "guaranteed" and case.funding is not None:
        guarantee = Guarantee("G-2026-7", Money.parse("12000.00", "EUR"))
        case.funding = replace(case.funding, guarantee=guarantee)
    return case


VARIANTS = ("s2", "moved_first", "guaranteed")

# Priority, care setting and funding are looped inside each test: one test per cell of the rest.
GRID = list(itertools.product(CaseStatus, Action, Role))
CONDITIONS = list(itertools.product(Priority, CareSetting, VARIANTS))


@pytest.mark.parametrize(("status", "action", "role"), GRID)
def test_every_status_action_role_priority_care_setting(status, action, role):
    for priority, care_setting, variant in CONDITIONS:
        case = variant_case(status, priority, care_setting, variant)
        if action == Action.APPROVE_FUNDING:
            case.has_final_claim = False  # funding may follow the care until the final claim
        who = actor(role)
        facts = variant_facts(variant, status.value)
        rows = oracle_rows(status.value, action.value, priority.value, care_setting.value, facts)
        where = (priority, care_setting, variant)

        if not rows:
            with pytest.raises(InvalidTransition) as refused:
                perform(case, action, who, **valid_payload(action))
            assert refused.value.current_status == status.value, where
            assert refused.value.allowed_actions == oracle_allowed(
                status, role, priority, care_setting, facts
            ), where
        elif not any(role.value in row[3] for row in rows):
            with pytest.raises(ActionForbidden):
                perform(case, action, who, **valid_payload(action))
        else:
            # The builders satisfy every guard, so a permitted action must succeed.
            perform(case, action, who, **valid_payload(action))
            target = rows[0][2]
            assert case.status == (DECIDED_TARGETS.get(target, target) or status), where
            assert case.version == 8
            [event] = case.events
            assert event.type == event_type_for(action)
            assert (event.from_status, event.to_status) == (status, case.status)
            assert event.actor_role == role


@pytest.mark.parametrize(("status", "role"), list(itertools.product(CaseStatus, Role)))
def test_allowed_actions_match_the_design(status, role):
    for priority, care_setting, variant in CONDITIONS:
        case = variant_case(status, priority, care_setting, variant)
        facts = variant_facts(variant, status.value)
        expected = oracle_allowed(status, role, priority, care_setting, facts)
        assert case.allowed_actions(actor(role)) == expected, (priority, care_setting, variant)


def test_entries_are_the_design_entries():
    assert {(entry.origin, entry.statuses, entry.roles) for entry in transitions.ENTRIES} == {
        (
            CaseOrigin.REFERRAL,
            frozenset({CaseStatus.DRAFT}),
            frozenset({Role.REFERRER, Role.COORDINATOR}),
        ),
        (
            CaseOrigin.EMERGENCY_PRESENTATION,
            frozenset({CaseStatus.ARRIVED, CaseStatus.ADMITTED}),
            frozenset({Role.COORDINATOR, Role.CLINICIAN}),
        ),
    }


def test_table_rows_are_the_design_rows():
    def normalised(action, sources, target, roles, only, settings, facts):
        decided = target in DECIDED_TARGETS
        return (
            action,
            frozenset(sources),
            None if decided else target,
            frozenset(roles),
            only,
            frozenset(settings.split(",")) if settings else None,
            FACT_NAMES[facts],
        )

    expected = {normalised(*row) for row in DESIGN_TABLE}
    actual = {
        (
            row.action.value,
            frozenset(s.value for s in row.sources),
            row.target.value if row.target else None,
            frozenset(r.value for r in row.roles),
            row.only_priority.value if row.only_priority else None,
            frozenset(c.value for c in row.only_care_settings) if row.only_care_settings else None,
            frozenset(f.value for f in row.only_when),
        )
        for row in transitions.TRANSITIONS
    }
    assert actual == expected
    assert len(transitions.TRANSITIONS) == len(DESIGN_TABLE)


def test_no_row_names_the_admin():
    assert all(Role.ADMIN not in row.roles for row in transitions.TRANSITIONS)


def test_terminal_statuses_have_no_way_out():
    assert set(transitions.TERMINAL_STATUSES) == {"closed", "declined", "cancelled"}
    for status, priority in itertools.product(transitions.TERMINAL_STATUSES, Priority):
        assert transitions.actions_from(status, priority) == []


def test_actions_from_ignores_roles_but_respects_priority():
    assert transitions.actions_from(CaseStatus.ACCEPTED, Priority.ROUTINE) == [
        "approve-funding",
        "cancel",
        "hold",
    ]
    assert transitions.actions_from(CaseStatus.ACCEPTED, Priority.EMERGENCY) == [
        "approve-funding",
        "schedule-transfer",
        "cancel",
        "hold",
    ]


def test_find_transition_picks_the_row_for_the_role():
    row = transitions.find_transition(
        CaseStatus.SUBMITTED, Action.CANCEL, [Role.REFERRER], Priority.ROUTINE
    )
    assert row is not None and row.roles == {Role.REFERRER}
    assert (
        transitions.find_transition(
            CaseStatus.ACCEPTED, Action.CANCEL, [Role.REFERRER], Priority.ROUTINE
        )
        is None
    )


def test_transitions_for_lists_every_row_of_an_action():
    assert len(transitions.transitions_for(Action.CANCEL)) == 2
    assert len(transitions.transitions_for(Action.SCHEDULE_TRANSFER)) == 2
    assert len(transitions.transitions_for(Action.DISCHARGE)) == 2


def test_rendered_table_lists_every_row():
    table = transitions.render_table_markdown()
    lifecycle, entries = table.split("How a case starts:")
    assert lifecycle.strip().count("\n") == len(transitions.TRANSITIONS) + 1
    assert entries.strip().count("\n") == len(transitions.ENTRIES) + 1
    for action in Action:
        assert f"| `{action}` |" in table
    assert "priority `emergency`" in table
    assert "care setting `day_case`, `outpatient`" in table
    for origin in CaseOrigin:
        assert f"| `{origin}` |" in table
