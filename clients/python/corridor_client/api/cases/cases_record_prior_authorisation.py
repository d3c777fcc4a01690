from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case import Case
from ...models.prior_authorisation_in import PriorAuthorisationIn
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: UUID,
    *,
    body: PriorAuthorisationIn,
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
        "url": "/v1/cases/{case_id}/prior-authorisation".format(
            case_id=quote(str(case_id), safe=""),
        ),
    }

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
    body: PriorAuthorisationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Case | Problem]:
    """Record the home state's prior authorisation decision

     Record the home state's decision on a prior authorisation (Directive 2011/24 Art.
    8-9), granted with its validity or refused with its reason: by the receiving office or
    the referring side, on the patient's behalf, on an open `eu_directive` case (422
    `prior_authorisation_not_for_route` on another route). A later decision replaces it.
    Where the state of affiliation requires one (the regime country list
    `directive_prior_authorisation`, for planned care with a night in hospital),
    approve-funding and schedule-transfer answer 422 `prior_authorisation_required` until
    it is granted for the care's dates. Appends `case.prior_authorisation_recorded` (the
    decision only).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (PriorAuthorisationIn): The home state's decision on a prior authorisation (Directive
            2011/24 Art. 8-9), as
            the patient received it.

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
    body: PriorAuthorisationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Case | Problem | None:
    """Record the home state's prior authorisation decision

     Record the home state's decision on a prior authorisation (Directive 2011/24 Art.
    8-9), granted with its validity or refused with its reason: by the receiving office or
    the referring side, on the patient's behalf, on an open `eu_directive` case (422
    `prior_authorisation_not_for_route` on another route). A later decision replaces it.
    Where the state of affiliation requires one (the regime country list
    `directive_prior_authorisation`, for planned care with a night in hospital),
    approve-funding and schedule-transfer answer 422 `prior_authorisation_required` until
    it is granted for the care's dates. Appends `case.prior_authorisation_recorded` (the
    decision only).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (PriorAuthorisationIn): The home state's decision on a prior authorisation (Directive
            2011/24 Art. 8-9), as
            the patient received it.

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
    body: PriorAuthorisationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Case | Problem]:
    """Record the home state's prior authorisation decision

     Record the home state's decision on a prior authorisation (Directive 2011/24 Art.
    8-9), granted with its validity or refused with its reason: by the receiving office or
    the referring side, on the patient's behalf, on an open `eu_directive` case (422
    `prior_authorisation_not_for_route` on another route). A later decision replaces it.
    Where the state of affiliation requires one (the regime country list
    `directive_prior_authorisation`, for planned care with a night in hospital),
    approve-funding and schedule-transfer answer 422 `prior_authorisation_required` until
    it is granted for the care's dates. Appends `case.prior_authorisation_recorded` (the
    decision only).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (PriorAuthorisationIn): The home state's decision on a prior authorisation (Directive
            2011/24 Art. 8-9), as
            the patient received it.

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
    body: PriorAuthorisationIn,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Case | Problem | None:
    """Record the home state's prior authorisation decision

     Record the home state's decision on a prior authorisation (Directive 2011/24 Art.
    8-9), granted with its validity or refused with its reason: by the receiving office or
    the referring side, on the patient's behalf, on an open `eu_directive` case (422
    `prior_authorisation_not_for_route` on another route). A later decision replaces it.
    Where the state of affiliation requires one (the regime country list
    `directive_prior_authorisation`, for planned care with a night in hospital),
    approve-funding and schedule-transfer answer 422 `prior_authorisation_required` until
    it is granted for the care's dates. Appends `case.prior_authorisation_recorded` (the
    decision only).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"). Stale:
            412.
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (PriorAuthorisationIn): The home state's decision on a prior authorisation (Directive
            2011/24 Art. 8-9), as
            the patient received it.

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
