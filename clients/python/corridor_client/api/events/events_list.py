from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.event_page import EventPage
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_after: None | str | Unset
    if isinstance(after, Unset):
        json_after = UNSET
    else:
        json_after = after
    params["after"] = json_after

    json_types: list[str] | None | Unset
    if isinstance(types, Unset):
        json_types = UNSET
    elif isinstance(types, list):
        json_types = types

    else:
        json_types = types
    params["types"] = json_types

    json_case_id: None | str | Unset
    if isinstance(case_id, Unset):
        json_case_id = UNSET
    elif isinstance(case_id, UUID):
        json_case_id = str(case_id)
    else:
        json_case_id = case_id
    params["case_id"] = json_case_id

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> EventPage | Problem | None:
    if response.status_code == 200:
        response_200 = EventPage.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 410:
        response_410 = Problem.from_dict(response.json())

        return response_410

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[EventPage | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> Response[EventPage | Problem]:
    """Read your organisation's event feed

     Your organisation's events, oldest first. The feed never skips an event, even when
    transactions commit out of order: it orders by transaction and serves only what no
    running transaction can still add to. Items are thin (ids, codes, statuses, actor):
    read the case or claim for details. A cursor older than the retention window, or one
    handed out after the backup the database was restored from, is 410
    `cursor_expired`: start again without `after` and skip the event ids already
    processed.

    Args:
        after (None | str | Unset): A `next_cursor` or an event `id`: read after it.
        types (list[str] | None | Unset): Event types, comma-separated or repeated:
            `case.accepted`, a family `claim.*`, or `*`.
        case_id (None | Unset | UUID): Only this case's events.
        limit (int | Unset): Page size (max 1000). Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        case_id=case_id,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> EventPage | Problem | None:
    """Read your organisation's event feed

     Your organisation's events, oldest first. The feed never skips an event, even when
    transactions commit out of order: it orders by transaction and serves only what no
    running transaction can still add to. Items are thin (ids, codes, statuses, actor):
    read the case or claim for details. A cursor older than the retention window, or one
    handed out after the backup the database was restored from, is 410
    `cursor_expired`: start again without `after` and skip the event ids already
    processed.

    Args:
        after (None | str | Unset): A `next_cursor` or an event `id`: read after it.
        types (list[str] | None | Unset): Event types, comma-separated or repeated:
            `case.accepted`, a family `claim.*`, or `*`.
        case_id (None | Unset | UUID): Only this case's events.
        limit (int | Unset): Page size (max 1000). Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return sync_detailed(
        client=client,
        after=after,
        types=types,
        case_id=case_id,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> Response[EventPage | Problem]:
    """Read your organisation's event feed

     Your organisation's events, oldest first. The feed never skips an event, even when
    transactions commit out of order: it orders by transaction and serves only what no
    running transaction can still add to. Items are thin (ids, codes, statuses, actor):
    read the case or claim for details. A cursor older than the retention window, or one
    handed out after the backup the database was restored from, is 410
    `cursor_expired`: start again without `after` and skip the event ids already
    processed.

    Args:
        after (None | str | Unset): A `next_cursor` or an event `id`: read after it.
        types (list[str] | None | Unset): Event types, comma-separated or repeated:
            `case.accepted`, a family `claim.*`, or `*`.
        case_id (None | Unset | UUID): Only this case's events.
        limit (int | Unset): Page size (max 1000). Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[EventPage | Problem]
    """

    kwargs = _get_kwargs(
        after=after,
        types=types,
        case_id=case_id,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    after: None | str | Unset = UNSET,
    types: list[str] | None | Unset = UNSET,
    case_id: None | Unset | UUID = UNSET,
    limit: int | Unset = 50,
) -> EventPage | Problem | None:
    """Read your organisation's event feed

     Your organisation's events, oldest first. The feed never skips an event, even when
    transactions commit out of order: it orders by transaction and serves only what no
    running transaction can still add to. Items are thin (ids, codes, statuses, actor):
    read the case or claim for details. A cursor older than the retention window, or one
    handed out after the backup the database was restored from, is 410
    `cursor_expired`: start again without `after` and skip the event ids already
    processed.

    Args:
        after (None | str | Unset): A `next_cursor` or an event `id`: read after it.
        types (list[str] | None | Unset): Event types, comma-separated or repeated:
            `case.accepted`, a family `claim.*`, or `*`.
        case_id (None | Unset | UUID): Only this case's events.
        limit (int | Unset): Page size (max 1000). Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        EventPage | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            after=after,
            types=types,
            case_id=case_id,
            limit=limit,
        )
    ).parsed
