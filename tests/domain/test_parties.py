"""The parties of a case, one definition (app/domain/parties.py)."""

from types import SimpleNamespace
from uuid import uuid4

from app.domain.parties import CaseParties

REFERRER, HOSPITAL, PAYER, OTHER = uuid4(), uuid4(), uuid4(), uuid4()


def test_the_parties_are_read_from_anything_that_names_them():
    row = SimpleNamespace(
        referring_organization_id=REFERRER,
        receiving_organization_id=HOSPITAL,
        payer_organization_id=PAYER,
    )
    assert CaseParties.of(row) == CaseParties(REFERRER, HOSPITAL, PAYER)
    assert CaseParties.from_mapping(vars(row)) == CaseParties(REFERRER, HOSPITAL, PAYER)


def test_each_party_is_in_the_audience_once_in_order():
    # A walk-in: the hospital refers and receives.
    assert CaseParties(HOSPITAL, HOSPITAL, PAYER).organizations == [HOSPITAL, PAYER]
    assert CaseParties(REFERRER, None, None).organizations == [REFERRER]


def test_who_is_a_party_and_who_only_pays():
    parties = CaseParties(REFERRER, HOSPITAL, PAYER)
    assert all(parties.includes(o) for o in (REFERRER, HOSPITAL, PAYER))
    assert not parties.includes(OTHER) and not parties.includes(None)
    assert parties.pays_only(PAYER) and not parties.pays_only(HOSPITAL)
    # A hospital paying for its own referral is a care party: it reads the clinical text.
    assert not CaseParties(REFERRER, HOSPITAL, HOSPITAL).pays_only(HOSPITAL)
    assert not CaseParties(None, None, None).pays_only(None)
