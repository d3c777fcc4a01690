from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.approve_funding_request import ApproveFundingRequest
from ...models.case import Case
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: UUID,
    *,
    body: ApproveFundingRequest | Unset = UNSET,
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
        "url": "/v1/cases/{case_id}/approve-funding".format(
            case_id=quote(str(case_id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Case | Problem | None:
    if response.status_code == 200:
        response_200 = Case.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Case | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApproveFundingRequest | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Case | Problem]:
    """Approve the case's funding

     Performs `approve-funding` on the case, as the lifecycle table allows it:

    - from `accepted` to `funding_approved`: by a coordinator of the receiving organisation; a payer of
    the payer organisation.
    - from `transfer_scheduled`, `arrived`, `admitted`, `discharged` to the same status, only with no
    funding approved yet: by a coordinator of the receiving organisation; a payer of the payer
    organisation.

    A role acts for its own side: a coordinator of another hospital is not a coordinator of this case.

    The guard depends on the coverage route; with nothing brought or recorded, it reports these as
    `missing`:

    - `zoast`: `zoast_agreement`
    - `s2`: `authorisation`
    - `eu_directive`: `estimate`
    - `ehic`: `unplanned_care`
    - `third_party_guarantee`: `guarantee`, `estimate`
    - `insurer_guarantee`: `guarantee`
    - `self_pay`: `estimate`

    The body is optional where every field is. Refusals: 409 `invalid_transition` (with `current_status`
    and `allowed_actions`) when no row leaves the case's status, 403 `forbidden_action` when rows exist
    but not for your roles on this case, 422 `guard_failed` naming everything `missing`, 412 when `If-
    Match` is stale. A retry with the same `Idempotency-Key` replays the first answer.

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ApproveFundingRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Case | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApproveFundingRequest | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Case | Problem | None:
    """Approve the case's funding

     Performs `approve-funding` on the case, as the lifecycle table allows it:

    - from `accepted` to `funding_approved`: by a coordinator of the receiving organisation; a payer of
    the payer organisation.
    - from `transfer_scheduled`, `arrived`, `admitted`, `discharged` to the same status, only with no
    funding approved yet: by a coordinator of the receiving organisation; a payer of the payer
    organisation.

    A role acts for its own side: a coordinator of another hospital is not a coordinator of this case.

    The guard depends on the coverage route; with nothing brought or recorded, it reports these as
    `missing`:

    - `zoast`: `zoast_agreement`
    - `s2`: `authorisation`
    - `eu_directive`: `estimate`
    - `ehic`: `unplanned_care`
    - `third_party_guarantee`: `guarantee`, `estimate`
    - `insurer_guarantee`: `guarantee`
    - `self_pay`: `estimate`

    The body is optional where every field is. Refusals: 409 `invalid_transition` (with `current_status`
    and `allowed_actions`) when no row leaves the case's status, 403 `forbidden_action` when rows exist
    but not for your roles on this case, 422 `guard_failed` naming everything `missing`, 412 when `If-
    Match` is stale. A retry with the same `Idempotency-Key` replays the first answer.

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ApproveFundingRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Case | Problem
    """

    return sync_detailed(
        case_id=case_id,
        client=client,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApproveFundingRequest | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Case | Problem]:
    """Approve the case's funding

     Performs `approve-funding` on the case, as the lifecycle table allows it:

    - from `accepted` to `funding_approved`: by a coordinator of the receiving organisation; a payer of
    the payer organisation.
    - from `transfer_scheduled`, `arrived`, `admitted`, `discharged` to the same status, only with no
    funding approved yet: by a coordinator of the receiving organisation; a payer of the payer
    organisation.

    A role acts for its own side: a coordinator of another hospital is not a coordinator of this case.

    The guard depends on the coverage route; with nothing brought or recorded, it reports these as
    `missing`:

    - `zoast`: `zoast_agreement`
    - `s2`: `authorisation`
    - `eu_directive`: `estimate`
    - `ehic`: `unplanned_care`
    - `third_party_guarantee`: `guarantee`, `estimate`
    - `insurer_guarantee`: `guarantee`
    - `self_pay`: `estimate`

    The body is optional where every field is. Refusals: 409 `invalid_transition` (with `current_status`
    and `allowed_actions`) when no row leaves the case's status, 403 `forbidden_action` when rows exist
    but not for your roles on this case, 422 `guard_failed` naming everything `missing`, 412 when `If-
    Match` is stale. A retry with the same `Idempotency-Key` replays the first answer.

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ApproveFundingRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Case | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        if_match=if_match,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ApproveFundingRequest | Unset = UNSET,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Case | Problem | None:
    """Approve the case's funding

     Performs `approve-funding` on the case, as the lifecycle table allows it:

    - from `accepted` to `funding_approved`: by a coordinator of the receiving organisation; a payer of
    the payer organisation.
    - from `transfer_scheduled`, `arrived`, `admitted`, `discharged` to the same status, only with no
    funding approved yet: by a coordinator of the receiving organisation; a payer of the payer
    organisation.

    A role acts for its own side: a coordinator of another hospital is not a coordinator of this case.

    The guard depends on the coverage route; with nothing brought or recorded, it reports these as
    `missing`:

    - `zoast`: `zoast_agreement`
    - `s2`: `authorisation`
    - `eu_directive`: `estimate`
    - `ehic`: `unplanned_care`
    - `third_party_guarantee`: `guarantee`, `estimate`
    - `insurer_guarantee`: `guarantee`
    - `self_pay`: `estimate`

    The body is optional where every field is. Refusals: 409 `invalid_transition` (with `current_status`
    and `allowed_actions`) when no row leaves the case's status, 403 `forbidden_action` when rows exist
    but not for your roles on this case, 422 `guard_failed` naming everything `missing`, 412 when `If-
    Match` is stale. A retry with the same `Idempotency-Key` replays the first answer.

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ApproveFundingRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Case | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            client=client,
            body=body,
            if_match=if_match,
            idempotency_key=idempotency_key,
        )
    ).parsed
