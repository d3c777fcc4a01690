from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.census import Census
from ...models.problem import Problem
from ...models.stats_format import StatsFormat
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: StatsFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats/census",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Census | Problem | None:
    if response.status_code == 200:
        response_200 = Census.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Census | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: StatsFormat | Unset = UNSET,
) -> Response[Census | Problem]:
    """See who is admitted and who is coming

     Per receiving hospital: patients admitted now, arrivals expected in the next 7 days
    and cases held by a corridor's suspension; for a hospital, also who is in (by unit)
    and who is coming (a payer sees no unit). CSV: one row per hospital. A coordination
    body or an admin gets every hospital of its scope, each count under the threshold null
    (zero too), and only the units with at least the threshold.

    Args:
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Census | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: StatsFormat | Unset = UNSET,
) -> Census | Problem | None:
    """See who is admitted and who is coming

     Per receiving hospital: patients admitted now, arrivals expected in the next 7 days
    and cases held by a corridor's suspension; for a hospital, also who is in (by unit)
    and who is coming (a payer sees no unit). CSV: one row per hospital. A coordination
    body or an admin gets every hospital of its scope, each count under the threshold null
    (zero too), and only the units with at least the threshold.

    Args:
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Census | Problem
    """

    return sync_detailed(
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: StatsFormat | Unset = UNSET,
) -> Response[Census | Problem]:
    """See who is admitted and who is coming

     Per receiving hospital: patients admitted now, arrivals expected in the next 7 days
    and cases held by a corridor's suspension; for a hospital, also who is in (by unit)
    and who is coming (a payer sees no unit). CSV: one row per hospital. A coordination
    body or an admin gets every hospital of its scope, each count under the threshold null
    (zero too), and only the units with at least the threshold.

    Args:
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Census | Problem]
    """

    kwargs = _get_kwargs(
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: StatsFormat | Unset = UNSET,
) -> Census | Problem | None:
    """See who is admitted and who is coming

     Per receiving hospital: patients admitted now, arrivals expected in the next 7 days
    and cases held by a corridor's suspension; for a hospital, also who is in (by unit)
    and who is coming (a payer sees no unit). CSV: one row per hospital. A coordination
    body or an admin gets every hospital of its scope, each count under the threshold null
    (zero too), and only the units with at least the threshold.

    Args:
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Census | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
        )
    ).parsed
