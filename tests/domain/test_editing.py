"""Which fields a status lets each side change; an edit never changes the status."""

import copy

import pytest

from app.domain.editing import EDITABLE_FIELDS, editable_fields
from app.domain.errors import ActionForbidden, FieldsNotEditable
from app.domain.transitions import TERMINAL_STATUSES
from app.domain.vocabulary import CaseStatus, Role
from tests.domain.builders import CLINICIAN, COORDINATOR, NOW, PAYER, REFERRER, case_in


def test_a_draft_lets_the_referrer_change_identity_and_bumps_the_version():
    case = case_in(CaseStatus.DRAFT)
    case.collect_events()
    version = case.version
    case.edit(actor=REFERRER, now=NOW, changes={"specialty": "oncology", "priority": "urgent"})
    assert case.specialty == "oncology" and case.priority == "urgent"
    assert case.version == version + 1 and case.status == CaseStatus.DRAFT
    (event,) = case.collect_events()
    assert event.type == "case.updated" and event.from_status == event.to_status == CaseStatus.DRAFT


@pytest.mark.parametrize("status", [CaseStatus.SUBMITTED, CaseStatus.ACCEPTED, CaseStatus.ADMITTED])
def test_identity_is_frozen_once_submitted(status):
    case = case_in(status)
    before = copy.deepcopy(case)
    with pytest.raises(FieldsNotEditable) as refused:
        case.edit(actor=COORDINATOR, now=NOW, changes={"specialty": "oncology"})
    assert refused.value.fields == ["specialty"]
    assert case == before


@pytest.mark.parametrize("status", [*TERMINAL_STATUSES, CaseStatus.DISCHARGED])
def test_records_are_not_edited(status):
    case = case_in(status)
    for who in (REFERRER, COORDINATOR, CLINICIAN):
        with pytest.raises((FieldsNotEditable, ActionForbidden)):
            case.edit(actor=who, now=NOW, changes={"clinical_summary": "late note"})


def test_a_payer_never_edits_and_the_clinician_only_during_the_stay():
    with pytest.raises(FieldsNotEditable):
        case_in(CaseStatus.SUBMITTED).edit(actor=PAYER, now=NOW, changes={"priority": "urgent"})
    admitted = case_in(CaseStatus.ADMITTED)
    admitted.edit(actor=CLINICIAN, now=NOW, changes={"clinical_summary": "Day 2: stable"})
    assert admitted.clinical_summary == "Day 2: stable"
    assert editable_fields(CaseStatus.SUBMITTED, frozenset({Role.CLINICIAN})) == frozenset()


def test_every_status_named_in_the_editing_table_is_a_real_non_terminal_status():
    assert set(EDITABLE_FIELDS) <= set(CaseStatus) - set(TERMINAL_STATUSES)
