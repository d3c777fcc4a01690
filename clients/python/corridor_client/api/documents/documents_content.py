from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import File, Response


def _get_kwargs(
    case_id: UUID,
    document_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases/{case_id}/documents/{document_id}/content".format(
            case_id=quote(str(case_id), safe=""),
            document_id=quote(str(document_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

        return response_200

    if response.status_code == 206:
        response_206 = File(payload=BytesIO(response.content))

        return response_206

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

    if response.status_code == 416:
        response_416 = Problem.from_dict(response.json())

        return response_416

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: UUID,
    document_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[File | Problem]:
    """Download a document's content

     The bytes, streamed, with `Content-Disposition` (always attachment; the stored name,
    whose extension is the sniffed type's, as `filename*` with an ASCII `filename`),
    `ETag` (the SHA-256) and `Range` support (one range, 206). 410 `document_withdrawn`
    for a withdrawn document. Every download is a row of the audit trail.

    Args:
        case_id (UUID):
        document_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        document_id=document_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: UUID,
    document_id: UUID,
    *,
    client: AuthenticatedClient,
) -> File | Problem | None:
    """Download a document's content

     The bytes, streamed, with `Content-Disposition` (always attachment; the stored name,
    whose extension is the sniffed type's, as `filename*` with an ASCII `filename`),
    `ETag` (the SHA-256) and `Range` support (one range, 206). 410 `document_withdrawn`
    for a withdrawn document. Every download is a row of the audit trail.

    Args:
        case_id (UUID):
        document_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        case_id=case_id,
        document_id=document_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    case_id: UUID,
    document_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[File | Problem]:
    """Download a document's content

     The bytes, streamed, with `Content-Disposition` (always attachment; the stored name,
    whose extension is the sniffed type's, as `filename*` with an ASCII `filename`),
    `ETag` (the SHA-256) and `Range` support (one range, 206). 410 `document_withdrawn`
    for a withdrawn document. Every download is a row of the audit trail.

    Args:
        case_id (UUID):
        document_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        document_id=document_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: UUID,
    document_id: UUID,
    *,
    client: AuthenticatedClient,
) -> File | Problem | None:
    """Download a document's content

     The bytes, streamed, with `Content-Disposition` (always attachment; the stored name,
    whose extension is the sniffed type's, as `filename*` with an ASCII `filename`),
    `ETag` (the SHA-256) and `Range` support (one range, 206). 410 `document_withdrawn`
    for a withdrawn document. Every download is a row of the audit trail.

    Args:
        case_id (UUID):
        document_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            document_id=document_id,
            client=client,
        )
    ).parsed
