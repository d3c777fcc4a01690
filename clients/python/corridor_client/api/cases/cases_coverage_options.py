from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.coverage_options import CoverageOptions
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    case_id: UUID,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/cases/{case_id}/coverage-options".format(
            case_id=quote(str(case_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoverageOptions | Problem | None:
    if response.status_code == 200:
        response_200 = CoverageOptions.from_dict(response.json())

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
) -> Response[CoverageOptions | Problem]:
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
) -> Response[CoverageOptions | Problem]:
    """List the funding routes and whether each can apply to the case

     Every funding route weighed against the case's facts (insurance, payer and provider
    countries, residence, care planned or not, the agreements in force): `applicable`, the
    conditions that fail, the legal basis, who pays, what funding needs and the documents
    to gather. Read-only; the case's parties may ask.

    Args:
        case_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoverageOptions | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
) -> CoverageOptions | Problem | None:
    """List the funding routes and whether each can apply to the case

     Every funding route weighed against the case's facts (insurance, payer and provider
    countries, residence, care planned or not, the agreements in force): `applicable`, the
    conditions that fail, the legal basis, who pays, what funding needs and the documents
    to gather. Read-only; the case's parties may ask.

    Args:
        case_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoverageOptions | Problem
    """

    return sync_detailed(
        case_id=case_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
) -> Response[CoverageOptions | Problem]:
    """List the funding routes and whether each can apply to the case

     Every funding route weighed against the case's facts (insurance, payer and provider
    countries, residence, care planned or not, the agreements in force): `applicable`, the
    conditions that fail, the legal basis, who pays, what funding needs and the documents
    to gather. Read-only; the case's parties may ask.

    Args:
        case_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoverageOptions | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
) -> CoverageOptions | Problem | None:
    """List the funding routes and whether each can apply to the case

     Every funding route weighed against the case's facts (insurance, payer and provider
    countries, residence, care planned or not, the agreements in force): `applicable`, the
    conditions that fail, the legal basis, who pays, what funding needs and the documents
    to gather. Read-only; the case's parties may ask.

    Args:
        case_id (UUID):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoverageOptions | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            client=client,
        )
    ).parsed
