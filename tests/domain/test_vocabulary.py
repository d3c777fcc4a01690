from app.domain.vocabulary import (
    CASE_EVENT_TYPES,
    EVENT_TYPES,
    Action,
    Disposition,
    event_type_for,
)


def test_every_action_has_a_past_tense_event_type():
    assert set(EVENT_TYPES) == set(Action)
    assert all(event_type_for(a).startswith("case.") for a in Action)
    assert len(set(EVENT_TYPES.values())) == len(Action)


def test_event_types_named_by_the_design():
    assert event_type_for(Action.SCHEDULE_TELECONSULTATION) == "case.teleconsultation_scheduled"
    assert event_type_for("record-arrival") == "case.arrived"
    assert event_type_for(Action.TRANSFER_UNIT) == "case.unit_transferred"
    assert event_type_for(Action.HOLD) == "case.held"
    assert event_type_for(Action.RESUME) == "case.resumed"
    assert CASE_EVENT_TYPES[0] == "case.created"


def test_action_values_are_path_segments():
    assert Action("approve-funding") is Action.APPROVE_FUNDING
    assert all(a.value == a.name.lower().replace("_", "-") for a in Action)


def test_dispositions_are_fhir_codes():
    assert Disposition.ALT_HOME == "alt-home"
    assert Disposition.OTHER_HCF == "other-hcf"
