from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim import Claim
from ...models.home_submission_request import HomeSubmissionRequest
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    claim_id: UUID,
    *,
    body: HomeSubmissionRequest,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/claims/{claim_id}/home-submission".format(
            claim_id=quote(str(claim_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Claim | Problem | None:
    if response.status_code == 200:
        response_200 = Claim.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Claim | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    claim_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HomeSubmissionRequest,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Claim | Problem]:
    """Record the invoice's submission to the home insurer

     The patient submitted their invoice to the insurer of the state of affiliation
    (Directive 2011/24 Art. 7(4)): when, to whom, under which reference. Recorded by the
    hospital's office on the patient's behalf, once per invoice (409
    `home_reimbursement_already_submitted`); only on a patient's invoice under
    `eu_directive` (409 `home_reimbursement_not_applicable`). Appends
    `claim.home_reimbursement_submitted` (the step only).

    Args:
        claim_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (HomeSubmissionRequest): The patient's invoice submitted to the insurer of the state
            of affiliation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Claim | Problem]
    """

    kwargs = _get_kwargs(
        claim_id=claim_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    claim_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HomeSubmissionRequest,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Claim | Problem | None:
    """Record the invoice's submission to the home insurer

     The patient submitted their invoice to the insurer of the state of affiliation
    (Directive 2011/24 Art. 7(4)): when, to whom, under which reference. Recorded by the
    hospital's office on the patient's behalf, once per invoice (409
    `home_reimbursement_already_submitted`); only on a patient's invoice under
    `eu_directive` (409 `home_reimbursement_not_applicable`). Appends
    `claim.home_reimbursement_submitted` (the step only).

    Args:
        claim_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (HomeSubmissionRequest): The patient's invoice submitted to the insurer of the state
            of affiliation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Claim | Problem
    """

    return sync_detailed(
        claim_id=claim_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    claim_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HomeSubmissionRequest,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Claim | Problem]:
    """Record the invoice's submission to the home insurer

     The patient submitted their invoice to the insurer of the state of affiliation
    (Directive 2011/24 Art. 7(4)): when, to whom, under which reference. Recorded by the
    hospital's office on the patient's behalf, once per invoice (409
    `home_reimbursement_already_submitted`); only on a patient's invoice under
    `eu_directive` (409 `home_reimbursement_not_applicable`). Appends
    `claim.home_reimbursement_submitted` (the step only).

    Args:
        claim_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (HomeSubmissionRequest): The patient's invoice submitted to the insurer of the state
            of affiliation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Claim | Problem]
    """

    kwargs = _get_kwargs(
        claim_id=claim_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    claim_id: UUID,
    *,
    client: AuthenticatedClient,
    body: HomeSubmissionRequest,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Claim | Problem | None:
    """Record the invoice's submission to the home insurer

     The patient submitted their invoice to the insurer of the state of affiliation
    (Directive 2011/24 Art. 7(4)): when, to whom, under which reference. Recorded by the
    hospital's office on the patient's behalf, once per invoice (409
    `home_reimbursement_already_submitted`); only on a patient's invoice under
    `eu_directive` (409 `home_reimbursement_not_applicable`). Appends
    `claim.home_reimbursement_submitted` (the step only).

    Args:
        claim_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (HomeSubmissionRequest): The patient's invoice submitted to the insurer of the state
            of affiliation.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Claim | Problem
    """

    return (
        await asyncio_detailed(
            claim_id=claim_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
