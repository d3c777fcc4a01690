from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.service import Service
from ...models.service_create import ServiceCreate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    organization_id: UUID,
    *,
    body: ServiceCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/organizations/{organization_id}/services".format(
            organization_id=quote(str(organization_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | Service | None:
    if response.status_code == 201:
        response_201 = Service.from_dict(response.json())

        return response_201

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | Service]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ServiceCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | Service]:
    """Publish a service in the public directory

     A receiving organisation publishes a service it offers: specialty, care setting,
    languages spoken (IETF tags), typical lead time in days and a contact. The
    organisation's coordinators and org_admins (or a platform admin) publish; residents
    find the service through `GET /v1/directory` where an agreement covers them.
    Refusals: 403 `forbidden_role` (a role that does not publish), 404 `not_found`
    (no such organisation, or not the caller's).

    Args:
        organization_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ServiceCreate): A service the organisation offers to residents across the border.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Service]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ServiceCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | Service | None:
    """Publish a service in the public directory

     A receiving organisation publishes a service it offers: specialty, care setting,
    languages spoken (IETF tags), typical lead time in days and a contact. The
    organisation's coordinators and org_admins (or a platform admin) publish; residents
    find the service through `GET /v1/directory` where an agreement covers them.
    Refusals: 403 `forbidden_role` (a role that does not publish), 404 `not_found`
    (no such organisation, or not the caller's).

    Args:
        organization_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ServiceCreate): A service the organisation offers to residents across the border.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Service
    """

    return sync_detailed(
        organization_id=organization_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ServiceCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Problem | Service]:
    """Publish a service in the public directory

     A receiving organisation publishes a service it offers: specialty, care setting,
    languages spoken (IETF tags), typical lead time in days and a contact. The
    organisation's coordinators and org_admins (or a platform admin) publish; residents
    find the service through `GET /v1/directory` where an agreement covers them.
    Refusals: 403 `forbidden_role` (a role that does not publish), 404 `not_found`
    (no such organisation, or not the caller's).

    Args:
        organization_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ServiceCreate): A service the organisation offers to residents across the border.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | Service]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    organization_id: UUID,
    *,
    client: AuthenticatedClient,
    body: ServiceCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Problem | Service | None:
    """Publish a service in the public directory

     A receiving organisation publishes a service it offers: specialty, care setting,
    languages spoken (IETF tags), typical lead time in days and a contact. The
    organisation's coordinators and org_admins (or a platform admin) publish; residents
    find the service through `GET /v1/directory` where an agreement covers them.
    Refusals: 403 `forbidden_role` (a role that does not publish), 404 `not_found`
    (no such organisation, or not the caller's).

    Args:
        organization_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (ServiceCreate): A service the organisation offers to residents across the border.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | Service
    """

    return (
        await asyncio_detailed(
            organization_id=organization_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
