from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_patient import PagePatient
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    identifier: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_identifier: None | str | Unset
    if isinstance(identifier, Unset):
        json_identifier = UNSET
    else:
        json_identifier = identifier
    params["identifier"] = json_identifier

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

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
        "url": "/v1/patients",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PagePatient | Problem | None:
    if response.status_code == 200:
        response_200 = PagePatient.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PagePatient | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    identifier: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePatient | Problem]:
    """List or find patients

     The patients visible to you, optionally found by one identifier or by name.

    Args:
        identifier (None | str | Unset): `system|value`, e.g. `passport|LC1234567`.
        q (None | str | Unset): Name search, ignoring case and accents, every word in any order
            (`desiree n'diaye` finds `Désirée N'Diaye-Éloi`); as `q` on the cases list.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePatient | Problem]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        q=q,
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
    identifier: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePatient | Problem | None:
    """List or find patients

     The patients visible to you, optionally found by one identifier or by name.

    Args:
        identifier (None | str | Unset): `system|value`, e.g. `passport|LC1234567`.
        q (None | str | Unset): Name search, ignoring case and accents, every word in any order
            (`desiree n'diaye` finds `Désirée N'Diaye-Éloi`); as `q` on the cases list.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePatient | Problem
    """

    return sync_detailed(
        client=client,
        identifier=identifier,
        q=q,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    identifier: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PagePatient | Problem]:
    """List or find patients

     The patients visible to you, optionally found by one identifier or by name.

    Args:
        identifier (None | str | Unset): `system|value`, e.g. `passport|LC1234567`.
        q (None | str | Unset): Name search, ignoring case and accents, every word in any order
            (`desiree n'diaye` finds `Désirée N'Diaye-Éloi`); as `q` on the cases list.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PagePatient | Problem]
    """

    kwargs = _get_kwargs(
        identifier=identifier,
        q=q,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    identifier: None | str | Unset = UNSET,
    q: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PagePatient | Problem | None:
    """List or find patients

     The patients visible to you, optionally found by one identifier or by name.

    Args:
        identifier (None | str | Unset): `system|value`, e.g. `passport|LC1234567`.
        q (None | str | Unset): Name search, ignoring case and accents, every word in any order
            (`desiree n'diaye` finds `Désirée N'Diaye-Éloi`); as `q` on the cases list.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PagePatient | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            identifier=identifier,
            q=q,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
