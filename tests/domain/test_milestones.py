"""Which event reaches which milestone of the journey (app/domain/milestones.py)."""

from app.domain.milestones import Milestone, milestones_reached
from app.domain.vocabulary import CASE_CREATED, Action, CaseStatus, event_type_for

S = CaseStatus


def reached(action, from_status, to_status):
    return milestones_reached(event_type_for(action), from_status, to_status)


def test_actions_and_moves_reach_their_milestones():
    assert reached(Action.SUBMIT, S.DRAFT, S.SUBMITTED) == {Milestone.SUBMITTED}
    assert reached(Action.ACCEPT, S.SUBMITTED, S.ACCEPTED) == {
        Milestone.ACCEPTED,
        Milestone.DECIDED,
    }
    assert reached(Action.DECLINE, S.SUBMITTED, S.DECLINED) == {Milestone.DECIDED}
    # A teleconsultation's outcome decides as well as an accept does.
    assert reached(Action.RECORD_TELECONSULTATION, S.TELECONSULTATION_SCHEDULED, S.ACCEPTED) == {
        Milestone.ACCEPTED,
        Milestone.DECIDED,
    }
    assert reached(Action.APPROVE_FUNDING, S.ACCEPTED, S.FUNDING_APPROVED) == {
        Milestone.FUNDING_APPROVED
    }
    assert reached(Action.RECORD_ARRIVAL, S.TRANSFER_SCHEDULED, S.ARRIVED) == {Milestone.ARRIVED}
    assert reached(Action.ADMIT, S.TRANSFER_SCHEDULED, S.ADMITTED) == {Milestone.ARRIVED}


def test_no_milestone_by_creation_by_resuming_or_without_a_move():
    # An emergency presentation is created arrived or admitted: it made no journey.
    assert milestones_reached(CASE_CREATED, None, S.ADMITTED) == frozenset()
    # A resume returns to where the case was held: no new acceptance or arrival.
    assert reached(Action.RESUME, S.ON_HOLD, S.ACCEPTED) == frozenset()
    assert reached(Action.RESUME, S.ON_HOLD, S.ADMITTED) == frozenset()
    assert reached(Action.TRANSFER_UNIT, S.ADMITTED, S.ADMITTED) == frozenset()
    assert reached(Action.PROVIDE_INFORMATION, S.INFORMATION_REQUESTED, S.SUBMITTED) == frozenset()


def test_each_milestone_has_its_column():
    assert [m.column for m in Milestone] == [
        "submitted_at",
        "accepted_at",
        "decided_at",
        "funding_approved_at",
        "arrived_at",
    ]
