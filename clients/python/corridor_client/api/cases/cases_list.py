import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.case_status import CaseStatus
from ...models.page_case import PageCase
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: CaseStatus | None | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, CaseStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_receiving_organization_id: None | str | Unset
    if isinstance(receiving_organization_id, Unset):
        json_receiving_organization_id = UNSET
    elif isinstance(receiving_organization_id, UUID):
        json_receiving_organization_id = str(receiving_organization_id)
    else:
        json_receiving_organization_id = receiving_organization_id
    params["receiving_organization_id"] = json_receiving_organization_id

    json_referring_organization_id: None | str | Unset
    if isinstance(referring_organization_id, Unset):
        json_referring_organization_id = UNSET
    elif isinstance(referring_organization_id, UUID):
        json_referring_organization_id = str(referring_organization_id)
    else:
        json_referring_organization_id = referring_organization_id
    params["referring_organization_id"] = json_referring_organization_id

    json_patient_id: None | str | Unset
    if isinstance(patient_id, Unset):
        json_patient_id = UNSET
    elif isinstance(patient_id, UUID):
        json_patient_id = str(patient_id)
    else:
        json_patient_id = patient_id
    params["patient_id"] = json_patient_id

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since

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
        "url": "/v1/cases",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageCase | Problem | None:
    if response.status_code == 200:
        response_200 = PageCase.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PageCase | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: CaseStatus | None | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCase | Problem]:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    Args:
        status (CaseStatus | None | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCase | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
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
    status: CaseStatus | None | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCase | Problem | None:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    Args:
        status (CaseStatus | None | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCase | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: CaseStatus | None | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCase | Problem]:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    Args:
        status (CaseStatus | None | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCase | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: CaseStatus | None | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCase | Problem | None:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    Args:
        status (CaseStatus | None | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCase | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            receiving_organization_id=receiving_organization_id,
            referring_organization_id=referring_organization_id,
            patient_id=patient_id,
            updated_since=updated_since,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
