"""The policy table: roles count only from the operation's side."""

from uuid import uuid4

import pytest

from app.domain.policies import POLICIES, Operation, Side, permits
from app.domain.vocabulary import Role

HOSPITAL, OTHER = uuid4(), uuid4()


def test_every_operation_has_one_policy():
    assert set(POLICIES) == set(Operation)


@pytest.mark.parametrize("operation", list(Operation))
def test_no_role_outside_the_row_is_permitted(operation):
    policy = POLICIES[operation]
    for role in set(Role) - policy.roles:
        assert not permits(operation, [role], HOSPITAL, HOSPITAL)
    for role in policy.roles:
        assert permits(operation, [role], HOSPITAL, HOSPITAL)


@pytest.mark.parametrize(
    "operation", [op for op, policy in POLICIES.items() if policy.side is not Side.PLATFORM]
)
def test_an_organisation_side_needs_an_organisation(operation):
    # The platform admin acts for a corridor without belonging to any organisation.
    (role, *_) = sorted(POLICIES[operation].roles - {Role.ADMIN})
    assert not permits(operation, [role], None, HOSPITAL)


@pytest.mark.parametrize(
    "operation",
    [op for op, policy in POLICIES.items() if policy.side in (Side.RECEIVING, Side.DEBTOR)],
)
def test_a_role_of_another_organisation_is_not_the_side(operation):
    (role, *_) = sorted(POLICIES[operation].roles)
    assert permits(operation, [role], HOSPITAL, HOSPITAL)
    assert not permits(operation, [role], OTHER, HOSPITAL)


def test_platform_operations_need_no_organisation():
    assert permits(Operation.ADMINISTER_REGISTRY, [Role.ADMIN], None)
    assert not permits(Operation.ADMINISTER_REGISTRY, [Role.COORDINATOR], HOSPITAL)


def test_unknown_roles_grant_nothing():
    assert not permits(Operation.MANAGE_WEBHOOKS, ["auditor"], HOSPITAL)


def test_a_corridor_is_suspended_by_its_coordination_bodies_or_the_platform_admin():
    # The service passes the agreement's coordination bodies as the side.
    bodies = [HOSPITAL, uuid4()]
    assert permits(Operation.SUSPEND_CORRIDOR, [Role.COORDINATOR], HOSPITAL, bodies)
    assert not permits(Operation.SUSPEND_CORRIDOR, [Role.COORDINATOR], OTHER, bodies)
    assert not permits(Operation.SUSPEND_CORRIDOR, [Role.CLINICIAN], HOSPITAL, bodies)
    assert not permits(Operation.SUSPEND_CORRIDOR, [Role.PAYER], HOSPITAL, bodies)
    assert permits(Operation.SUSPEND_CORRIDOR, [Role.ADMIN], None, bodies)
    assert not permits(Operation.SUSPEND_CORRIDOR, [Role.COORDINATOR], None, bodies)


def test_a_receiving_hospitals_coordinator_pauses_its_own_intake_only():
    receivers = [HOSPITAL, uuid4()]
    assert permits(Operation.PAUSE_INTAKE, [Role.COORDINATOR], HOSPITAL, receivers)
    assert not permits(Operation.PAUSE_INTAKE, [Role.COORDINATOR], OTHER, receivers)
    assert not permits(Operation.PAUSE_INTAKE, [Role.CLINICIAN], HOSPITAL, receivers)
    assert not permits(Operation.PAUSE_INTAKE, [Role.ADMIN], None, receivers)
