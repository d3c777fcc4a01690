"""Agreements (care corridors) and their suspensions, eligibility, and the regimes' country
lists: admins create; every authenticated caller reads what concerns it."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from app.cases import corridor
from app.domain.agreements import deposit_ratio_for
from app.domain.regimes import CareKind
from app.http.answers import AnsweredRoute, created
from app.http.dependencies import (
    CursorDep,
    IdempotencyDep,
    LimitDep,
    PrincipalDep,
    SettingsDep,
    UowDep,
)
from app.platform.clock import now_utc
from app.platform.problems import problem_responses
from app.platform.schemas import CountryCode, Page, QueryDate, Specialty
from app.registry import agreement_service, presenters, regime_service
from app.registry.schemas import (
    Agreement,
    AgreementCreate,
    AgreementSuspension,
    CoordinatingOrganizations,
    Eligibility,
    RegimeCountryList,
    RegimeCountryListUpdate,
    SuspendAgreement,
)

agreements = APIRouter(route_class=AnsweredRoute, prefix="/v1/agreements", tags=["agreements"])
eligibility = APIRouter(route_class=AnsweredRoute, prefix="/v1/eligibility", tags=["eligibility"])
regime_lists = APIRouter(
    route_class=AnsweredRoute, prefix="/v1/regime-country-lists", tags=["agreements"]
)


@agreements.post(
    "",
    status_code=201,
    response_model=Agreement,
    responses=problem_responses(400, 401, 403, 409, 422),
    name="create",
)
async def create_agreement(
    body: AgreementCreate,
    response: Response,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Register a care corridor agreement (platform admins only), with the coordination
    bodies that may read its statistics."""

    values = body.model_dump()
    values["zone"] = [entry.model_dump(mode="json") for entry in body.zone]
    row = await agreement_service.create_agreement(uow, principal, values)
    reader = await agreement_service.reader_of(uow, principal, [row])
    created(response, uow, "agreement", row.id, f"/v1/agreements/{row.id}")
    return presenters.agreement(row, reader)


@agreements.get(
    "", response_model=Page[Agreement], responses=problem_responses(401, 422), name="list"
)
async def list_agreements(
    principal: PrincipalDep,
    uow: UowDep,
    organization_id: Annotated[
        uuid.UUID | None, Query(description="Only agreements binding this organisation.")
    ] = None,
    limit: LimitDep = 50,
    cursor: CursorDep = None,
):
    """Every agreement (keyset-paginated)."""

    rows, next_cursor = await agreement_service.list_agreements(uow, limit, cursor, organization_id)
    reader = await agreement_service.reader_of(uow, principal, rows)
    return {
        "items": [presenters.agreement(r, reader) for r in rows],
        "next_cursor": next_cursor,
    }


@agreements.get(
    "/{agreement_id}",
    response_model=Agreement,
    responses=problem_responses(401, 404, 422),
    name="get",
)
async def get_agreement(agreement_id: uuid.UUID, principal: PrincipalDep, uow: UowDep):
    """One agreement. A suspension's note is for the agreement's parties; its counts are of
    the caller's own cases."""

    row = await agreement_service.get_agreement(uow, agreement_id)
    reader = await agreement_service.reader_of(uow, principal, [row])
    return presenters.agreement(row, reader)


@agreements.put(
    "/{agreement_id}/coordinating-organizations",
    response_model=Agreement,
    responses=problem_responses(400, 401, 403, 404, 422),
    name="replace_coordinators",
    summary="Name the coordination bodies of an agreement",
)
async def replace_coordinators(
    agreement_id: uuid.UUID,
    body: CoordinatingOrganizations,
    principal: PrincipalDep,
    uow: UowDep,
):
    """Replace the agreement's coordination bodies (`coordination_body` organisations:
    observatories, a programme's secretariat), which then read the corridor's statistics
    (suppressed aggregates, never a case). Platform admins only."""

    row = await agreement_service.replace_coordinators(
        uow, principal, agreement_id, body.organization_ids
    )
    reader = await agreement_service.reader_of(uow, principal, [row])
    return presenters.agreement(row, reader)


@agreements.post(
    "/{agreement_id}/suspend",
    response_model=AgreementSuspension,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="suspend",
    summary="Suspend a corridor: hold every open case of the agreement",
)
async def suspend_agreement(
    agreement_id: uuid.UUID,
    body: SuspendAgreement,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """A border closure, a transport disruption: every case of the agreement that can be
    held (submitted to transfer scheduled), whichever hospital receives it, goes on hold in
    one transaction, each with its own `case.held` event (the feed and webhooks tell every
    integrator), and the agreement takes no submission (409 `agreement_suspended`) until it
    resumes. Coordinators of a coordination body the agreement names, and platform admins;
    a receiving hospital pauses its own intake instead (`pause-intake`). The answer counts
    the caller's own cases only."""

    outcome = await corridor.suspend(
        uow, principal, agreement_id, body.reason, body.note, now_utc()
    )
    return presenters.suspension(outcome)


@agreements.post(
    "/{agreement_id}/resume",
    response_model=AgreementSuspension,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="resume",
    summary="Resume a suspended corridor",
)
async def resume_agreement(
    agreement_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Each case the suspension held returns to the status it was held from (one
    `case.resumed` event each, one transaction); cases held for other reasons stay held.
    The agreement takes submissions again. Whoever may suspend it."""

    outcome = await corridor.resume(uow, principal, agreement_id, now_utc())
    return presenters.suspension(outcome)


@agreements.post(
    "/{agreement_id}/pause-intake",
    response_model=AgreementSuspension,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="pause_intake",
    summary="Pause your hospital's intake on a corridor: hold its own open cases",
)
async def pause_intake(
    agreement_id: uuid.UUID,
    body: SuspendAgreement,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """A full ward: a coordinator of one of the agreement's receiving hospitals holds that
    hospital's own open cases of the agreement (one `case.held` event each, one
    transaction) and refuses new submissions to it on the agreement (409 `intake_paused`)
    until it resumes. The other hospitals of the corridor are not touched. 409
    `intake_already_paused` when it is paused already."""

    outcome = await corridor.pause_intake(
        uow, principal, agreement_id, body.reason, body.note, now_utc()
    )
    return presenters.suspension(outcome)


@agreements.post(
    "/{agreement_id}/resume-intake",
    response_model=AgreementSuspension,
    responses=problem_responses(400, 401, 403, 404, 409, 422),
    name="resume_intake",
    summary="Resume your hospital's intake on a corridor",
)
async def resume_intake(
    agreement_id: uuid.UUID,
    principal: PrincipalDep,
    uow: UowDep,
    idempotency: IdempotencyDep = None,
):
    """Each case the hospital's pause held returns to the status it was held from; the
    hospital takes submissions on the agreement again. 409 `intake_not_paused` when it is
    not paused."""

    outcome = await corridor.resume_intake(uow, principal, agreement_id, now_utc())
    return presenters.suspension(outcome)


@eligibility.get(
    "", response_model=Eligibility, responses=problem_responses(401, 422), name="check"
)
async def check_eligibility(
    principal: PrincipalDep,
    uow: UowDep,
    settings: SettingsDep,
    residence_country: CountryCode,
    postal_code: Annotated[str | None, Query(max_length=12)] = None,
    receiving_organization_id: uuid.UUID | None = None,
    specialty: Specialty | None = None,
    on: Annotated[QueryDate | None, Query(description="The day of care; today by default.")] = None,
    insurance_country: Annotated[
        CountryCode | None,
        Query(description="The insuring state; the payer's, or the residence's, by default."),
    ] = None,
    payer_organization_id: uuid.UUID | None = None,
    cross_border_worker: bool = False,
    care: Annotated[
        CareKind, Query(description="`unplanned` for care needed during a stay (EHIC).")
    ] = CareKind.PLANNED,
):
    """Which agreements apply to a patient's residence, a receiver and a specialty,
    whether prior authorisation or advance payment is needed, and every funding route
    with whether it applies and why not (the route advisor for a prospective patient)."""

    found = await agreement_service.applicable_rows(
        uow,
        residence_country=residence_country,
        postal_code=postal_code,
        receiving_organization_id=receiving_organization_id,
        specialty=specialty,
        on=on or now_utc().date(),
    )
    reader = await agreement_service.reader_of(uow, principal, [row for row, _ in found])
    items = [
        {
            "agreement": presenters.agreement(row, reader),
            "prior_authorisation_required": agreement.prior_authorisation_required,
            "advance_payment_required": agreement.advance_payment_required,
            "deposit_ratio": str(
                deposit_ratio_for(agreement, settings.default_deposit_ratio).normalize()
            ),
        }
        for row, agreement in found
    ]
    options = await regime_service.options_for_prospect(
        uow,
        on=on or now_utc().date(),
        residence_country=residence_country,
        postal_code=postal_code,
        receiving_organization_id=receiving_organization_id,
        specialty=specialty,
        insurance_country=insurance_country,
        payer_organization_id=payer_organization_id,
        cross_border_worker=cross_border_worker,
        care=care,
        default_deposit_ratio=settings.default_deposit_ratio,
    )
    return {
        "eligible": bool(found),
        "prior_authorisation_required": any(a.prior_authorisation_required for _, a in found),
        "advance_payment_required": any(a.advance_payment_required for _, a in found),
        "agreements": items,
        "coverage_options": options,
    }


def _country_list(row) -> dict:
    return {
        "name": row.name,
        "title": row.title,
        "countries": list(row.countries),
        "updated_at": row.updated_at.isoformat(),
    }


@regime_lists.get(
    "",
    response_model=list[RegimeCountryList],
    responses=problem_responses(401, 422),
    name="list_regime_country_lists",
    summary="The funding regimes' country lists",
)
async def list_regime_country_lists(principal: PrincipalDep, uow: UowDep):
    """The countries where each regime applies: `eu_eea_ch` (Regulation 883/2004: S2 and
    EHIC) and `eu_eea` (Directive 2011/24). Every caller may read them."""

    return [_country_list(row) for row in await regime_service.list_country_lists(uow)]


@regime_lists.put(
    "/{name}",
    response_model=RegimeCountryList,
    responses=problem_responses(400, 401, 403, 404, 422),
    name="replace_regime_country_list",
    summary="Replace a regime's country list",
)
async def replace_regime_country_list(
    name: Annotated[str, Path(max_length=40)],
    body: RegimeCountryListUpdate,
    principal: PrincipalDep,
    uow: UowDep,
):
    """Platform admins keep the lists in step with the law (a state joining the EEA, an
    agreement with Switzerland ending); route applicability reads them at once."""

    row = await regime_service.replace_country_list(uow, principal, name, body.countries, now_utc())
    return _country_list(row)
