from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement import Agreement
from ...models.coordinating_organizations import CoordinatingOrganizations
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    agreement_id: UUID,
    *,
    body: CoordinatingOrganizations,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/v1/agreements/{agreement_id}/coordinating-organizations".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Agreement | Problem | None:
    if response.status_code == 200:
        response_200 = Agreement.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Agreement | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CoordinatingOrganizations,
) -> Response[Agreement | Problem]:
    """Name the coordination bodies of an agreement

     Replace the agreement's coordination bodies (`coordination_body` organisations:
    observatories, a programme's secretariat), which then read the corridor's statistics
    (suppressed aggregates, never a case). Platform admins only.

    Args:
        agreement_id (UUID):
        body (CoordinatingOrganizations):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Agreement | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CoordinatingOrganizations,
) -> Agreement | Problem | None:
    """Name the coordination bodies of an agreement

     Replace the agreement's coordination bodies (`coordination_body` organisations:
    observatories, a programme's secretariat), which then read the corridor's statistics
    (suppressed aggregates, never a case). Platform admins only.

    Args:
        agreement_id (UUID):
        body (CoordinatingOrganizations):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Agreement | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CoordinatingOrganizations,
) -> Response[Agreement | Problem]:
    """Name the coordination bodies of an agreement

     Replace the agreement's coordination bodies (`coordination_body` organisations:
    observatories, a programme's secretariat), which then read the corridor's statistics
    (suppressed aggregates, never a case). Platform admins only.

    Args:
        agreement_id (UUID):
        body (CoordinatingOrganizations):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Agreement | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: CoordinatingOrganizations,
) -> Agreement | Problem | None:
    """Name the coordination bodies of an agreement

     Replace the agreement's coordination bodies (`coordination_body` organisations:
    observatories, a programme's secretariat), which then read the corridor's statistics
    (suppressed aggregates, never a case). Platform admins only.

    Args:
        agreement_id (UUID):
        body (CoordinatingOrganizations):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Agreement | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
        )
    ).parsed
