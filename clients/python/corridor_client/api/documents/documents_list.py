from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document_list import DocumentList
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: UUID,
    *,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

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
        "url": "/v1/cases/{case_id}/documents".format(
            case_id=quote(str(case_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DocumentList | Problem | None:
    if response.status_code == 200:
        response_200 = DocumentList.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DocumentList | Problem]:
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
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[DocumentList | Problem]:
    """List the case's documents

     The active documents of the case that you may see: a payer sees quotes, guarantee
    letters, authorisations and invoices only; identity documents are for the receiving
    coordinators alone. Withdrawn documents are not listed.

    Args:
        case_id (UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentList | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        limit=limit,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> DocumentList | Problem | None:
    """List the case's documents

     The active documents of the case that you may see: a payer sees quotes, guarantee
    letters, authorisations and invoices only; identity documents are for the receiving
    coordinators alone. Withdrawn documents are not listed.

    Args:
        case_id (UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentList | Problem
    """

    return sync_detailed(
        case_id=case_id,
        client=client,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[DocumentList | Problem]:
    """List the case's documents

     The active documents of the case that you may see: a payer sees quotes, guarantee
    letters, authorisations and invoices only; identity documents are for the receiving
    coordinators alone. Withdrawn documents are not listed.

    Args:
        case_id (UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DocumentList | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> DocumentList | Problem | None:
    """List the case's documents

     The active documents of the case that you may see: a payer sees quotes, guarantee
    letters, authorisations and invoices only; identity documents are for the receiving
    coordinators alone. Withdrawn documents are not listed.

    Args:
        case_id (UUID):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DocumentList | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            client=client,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
