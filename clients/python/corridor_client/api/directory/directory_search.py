from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.directory import Directory
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    residence_country: None | str | Unset = UNSET,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    json_residence_country: None | str | Unset
    if isinstance(residence_country, Unset):
        json_residence_country = UNSET
    else:
        json_residence_country = residence_country
    params["residence_country"] = json_residence_country

    json_postal_code: None | str | Unset
    if isinstance(postal_code, Unset):
        json_postal_code = UNSET
    else:
        json_postal_code = postal_code
    params["postal_code"] = json_postal_code

    json_specialty: None | str | Unset
    if isinstance(specialty, Unset):
        json_specialty = UNSET
    else:
        json_specialty = specialty
    params["specialty"] = json_specialty

    json_language: None | str | Unset
    if isinstance(language, Unset):
        json_language = UNSET
    else:
        json_language = language
    params["language"] = json_language

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
        "url": "/v1/directory",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | Directory | Problem | None:
    if response.status_code == 200:
        response_200 = Directory.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 406:
        response_406 = Problem.from_dict(response.json())

        return response_406

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | Directory | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    residence_country: None | str | Unset = UNSET,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | Directory | Problem]:
    """Find where a resident may be treated across the border

     No token needed: which facilities a resident of `residence_country` (and
    `postal_code`) may use, for a specialty and a language, under which agreement, whether
    prior authorisation or an advance payment applies, and what to bring. Without
    `residence_country`, the whole offer: every facility with a published service an
    agreement in force covers, whoever it covers. Facilities come in name order, `limit`
    a page (`next_cursor`). Only public data:
    organisations, agreements' names and terms, published services. Cacheable
    (`Cache-Control`, `ETag`; `If-None-Match` answers 304); rate-limited per client
    address (429 `rate_limited` with `Retry-After`).

    Content negotiation: JSON by default; `Accept: application/fhir+json` answers the
    FHIR R4 searchset Bundle of `GET /v1/directory/fhir` (its own ETag; `Vary: Accept`).
    An Accept that admits neither is 406 `not_acceptable`.

    Args:
        residence_country (None | str | Unset): Where the resident lives; without it, the whole
            offer.
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Directory | Problem]
    """

    kwargs = _get_kwargs(
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    residence_country: None | str | Unset = UNSET,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Any | Directory | Problem | None:
    """Find where a resident may be treated across the border

     No token needed: which facilities a resident of `residence_country` (and
    `postal_code`) may use, for a specialty and a language, under which agreement, whether
    prior authorisation or an advance payment applies, and what to bring. Without
    `residence_country`, the whole offer: every facility with a published service an
    agreement in force covers, whoever it covers. Facilities come in name order, `limit`
    a page (`next_cursor`). Only public data:
    organisations, agreements' names and terms, published services. Cacheable
    (`Cache-Control`, `ETag`; `If-None-Match` answers 304); rate-limited per client
    address (429 `rate_limited` with `Retry-After`).

    Content negotiation: JSON by default; `Accept: application/fhir+json` answers the
    FHIR R4 searchset Bundle of `GET /v1/directory/fhir` (its own ETag; `Vary: Accept`).
    An Accept that admits neither is 406 `not_acceptable`.

    Args:
        residence_country (None | str | Unset): Where the resident lives; without it, the whole
            offer.
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Directory | Problem
    """

    return sync_detailed(
        client=client,
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    residence_country: None | str | Unset = UNSET,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | Directory | Problem]:
    """Find where a resident may be treated across the border

     No token needed: which facilities a resident of `residence_country` (and
    `postal_code`) may use, for a specialty and a language, under which agreement, whether
    prior authorisation or an advance payment applies, and what to bring. Without
    `residence_country`, the whole offer: every facility with a published service an
    agreement in force covers, whoever it covers. Facilities come in name order, `limit`
    a page (`next_cursor`). Only public data:
    organisations, agreements' names and terms, published services. Cacheable
    (`Cache-Control`, `ETag`; `If-None-Match` answers 304); rate-limited per client
    address (429 `rate_limited` with `Retry-After`).

    Content negotiation: JSON by default; `Accept: application/fhir+json` answers the
    FHIR R4 searchset Bundle of `GET /v1/directory/fhir` (its own ETag; `Vary: Accept`).
    An Accept that admits neither is 406 `not_acceptable`.

    Args:
        residence_country (None | str | Unset): Where the resident lives; without it, the whole
            offer.
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Directory | Problem]
    """

    kwargs = _get_kwargs(
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        limit=limit,
        cursor=cursor,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    residence_country: None | str | Unset = UNSET,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Any | Directory | Problem | None:
    """Find where a resident may be treated across the border

     No token needed: which facilities a resident of `residence_country` (and
    `postal_code`) may use, for a specialty and a language, under which agreement, whether
    prior authorisation or an advance payment applies, and what to bring. Without
    `residence_country`, the whole offer: every facility with a published service an
    agreement in force covers, whoever it covers. Facilities come in name order, `limit`
    a page (`next_cursor`). Only public data:
    organisations, agreements' names and terms, published services. Cacheable
    (`Cache-Control`, `ETag`; `If-None-Match` answers 304); rate-limited per client
    address (429 `rate_limited` with `Retry-After`).

    Content negotiation: JSON by default; `Accept: application/fhir+json` answers the
    FHIR R4 searchset Bundle of `GET /v1/directory/fhir` (its own ETag; `Vary: Accept`).
    An Accept that admits neither is 406 `not_acceptable`.

    Args:
        residence_country (None | str | Unset): Where the resident lives; without it, the whole
            offer.
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Directory | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            residence_country=residence_country,
            postal_code=postal_code,
            specialty=specialty,
            language=language,
            limit=limit,
            cursor=cursor,
            if_none_match=if_none_match,
        )
    ).parsed
