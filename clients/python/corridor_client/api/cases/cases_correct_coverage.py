from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case import Case
from ...models.coverage_correction import CoverageCorrection
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: UUID,
    *,
    body: CoverageCorrection,
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
        "url": "/v1/cases/{case_id}/coverage-corrections".format(
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

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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
    body: CoverageCorrection,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Case | Problem]:
    """Correct a case's coverage after arrival

     The receiving hospital's coordinator corrects the coverage after arrival, up to
    discharge (before close): the route must apply (422 `route_not_applicable`); 409
    `field_not_editable` in another status. Appends `case.coverage_corrected` (the routes
    before and after) to the timeline and the feed; claims already submitted stay as they
    are (contest and replace them).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (CoverageCorrection): The coverage as it turns out to be, once the patient is in the
            hospital's care or
            discharged (an EHIC shown after an emergency visit, a wrong payer).

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
    body: CoverageCorrection,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Case | Problem | None:
    """Correct a case's coverage after arrival

     The receiving hospital's coordinator corrects the coverage after arrival, up to
    discharge (before close): the route must apply (422 `route_not_applicable`); 409
    `field_not_editable` in another status. Appends `case.coverage_corrected` (the routes
    before and after) to the timeline and the feed; claims already submitted stay as they
    are (contest and replace them).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (CoverageCorrection): The coverage as it turns out to be, once the patient is in the
            hospital's care or
            discharged (an EHIC shown after an emergency visit, a wrong payer).

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
    body: CoverageCorrection,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Case | Problem]:
    """Correct a case's coverage after arrival

     The receiving hospital's coordinator corrects the coverage after arrival, up to
    discharge (before close): the route must apply (422 `route_not_applicable`); 409
    `field_not_editable` in another status. Appends `case.coverage_corrected` (the routes
    before and after) to the timeline and the feed; claims already submitted stay as they
    are (contest and replace them).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (CoverageCorrection): The coverage as it turns out to be, once the patient is in the
            hospital's care or
            discharged (an EHIC shown after an emergency visit, a wrong payer).

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
    body: CoverageCorrection,
    if_match: None | str | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Case | Problem | None:
    """Correct a case's coverage after arrival

     The receiving hospital's coordinator corrects the coverage after arrival, up to
    discharge (before close): the route must apply (422 `route_not_applicable`); 409
    `field_not_editable` in another status. Appends `case.coverage_corrected` (the routes
    before and after) to the timeline and the feed; claims already submitted stay as they
    are (contest and replace them).

    Args:
        case_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (CoverageCorrection): The coverage as it turns out to be, once the patient is in the
            hospital's care or
            discharged (an EHIC shown after an emergency visit, a wrong payer).

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
