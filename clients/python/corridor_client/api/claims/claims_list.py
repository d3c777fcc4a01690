from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.claim_status import ClaimStatus
from ...models.page_claim import PageClaim
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    payer_organization_id: None | Unset | UUID = UNSET,
    status: ClaimStatus | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_payer_organization_id: None | str | Unset
    if isinstance(payer_organization_id, Unset):
        json_payer_organization_id = UNSET
    elif isinstance(payer_organization_id, UUID):
        json_payer_organization_id = str(payer_organization_id)
    else:
        json_payer_organization_id = payer_organization_id
    params["payer_organization_id"] = json_payer_organization_id

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, ClaimStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_case_id: None | str | Unset
    if isinstance(case_id, Unset):
        json_case_id = UNSET
    elif isinstance(case_id, UUID):
        json_case_id = str(case_id)
    else:
        json_case_id = case_id
    params["case_id"] = json_case_id

    params["limit"] = limit

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/claims",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageClaim | Problem | None:
    if response.status_code == 200:
        response_200 = PageClaim.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PageClaim | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    status: ClaimStatus | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageClaim | Problem]:
    """List the claims you sent or owe

     Claims your organisation sent or received, oldest first.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        status (ClaimStatus | None | Unset):
        case_id (None | Unset | UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageClaim | Problem]
    """

    kwargs = _get_kwargs(
        payer_organization_id=payer_organization_id,
        status=status,
        case_id=case_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    status: ClaimStatus | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageClaim | Problem | None:
    """List the claims you sent or owe

     Claims your organisation sent or received, oldest first.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        status (ClaimStatus | None | Unset):
        case_id (None | Unset | UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageClaim | Problem
    """

    return sync_detailed(
        client=client,
        payer_organization_id=payer_organization_id,
        status=status,
        case_id=case_id,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    status: ClaimStatus | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageClaim | Problem]:
    """List the claims you sent or owe

     Claims your organisation sent or received, oldest first.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        status (ClaimStatus | None | Unset):
        case_id (None | Unset | UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageClaim | Problem]
    """

    kwargs = _get_kwargs(
        payer_organization_id=payer_organization_id,
        status=status,
        case_id=case_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    status: ClaimStatus | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageClaim | Problem | None:
    """List the claims you sent or owe

     Claims your organisation sent or received, oldest first.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        status (ClaimStatus | None | Unset):
        case_id (None | Unset | UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageClaim | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            payer_organization_id=payer_organization_id,
            status=status,
            case_id=case_id,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
