import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.flows import Flows
from ...models.problem import Problem
from ...models.stats_format import StatsFormat
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    group_by: list[str] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: StatsFormat | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_group_by: list[str] | None | Unset
    if isinstance(group_by, Unset):
        json_group_by = UNSET
    elif isinstance(group_by, list):
        json_group_by = group_by

    else:
        json_group_by = group_by
    params["group_by"] = json_group_by

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.date):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.date):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_.value

    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/stats/flows",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Flows | Problem | None:
    if response.status_code == 200:
        response_200 = Flows.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Flows | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    group_by: list[str] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: StatsFormat | Unset = UNSET,
) -> Response[Flows | Problem]:
    """Count cases by flow with lead times and money

     Cases by flow: counts, lead times between stages (median and 90th percentile, in
    days) and amounts quoted, claimed and paid per currency. Hospitals, referrers and payers
    count their own cases; a coordination body counts the cases of the agreements it
    coordinates and the platform admin every case, with cells of fewer cases than the
    threshold suppressed (null, `suppressed: true`). For those two: periods are whole
    calendar months (422 `stats_period_not_whole_months`), every figure is one month's
    (`month` joins the grouping), at most two other dimensions (422
    `stats_grouping_too_fine`; default `origin_country,receiving_organization`), a small
    count inside a shown cell (declined, a lead time's cases, a currency's money) is null,
    and so is every cell a published total would give away (complementary suppression).

    Args:
        group_by (list[str] | None | Unset): Group the cases by any of `origin_country`,
            `receiving_organization`, `specialty`, `care_setting`, `route`, `agreement`, `status`,
            `month` (comma-separated or repeated; several at once). Default: `origin_country`,
            `receiving_organization`, `specialty`. An unknown name is 422 `unknown_group_by`.
        from_ (datetime.date | None | Unset): Cases created on or after.
        to (datetime.date | None | Unset): Cases created on or before.
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Flows | Problem]
    """

    kwargs = _get_kwargs(
        group_by=group_by,
        from_=from_,
        to=to,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    group_by: list[str] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: StatsFormat | Unset = UNSET,
) -> Flows | Problem | None:
    """Count cases by flow with lead times and money

     Cases by flow: counts, lead times between stages (median and 90th percentile, in
    days) and amounts quoted, claimed and paid per currency. Hospitals, referrers and payers
    count their own cases; a coordination body counts the cases of the agreements it
    coordinates and the platform admin every case, with cells of fewer cases than the
    threshold suppressed (null, `suppressed: true`). For those two: periods are whole
    calendar months (422 `stats_period_not_whole_months`), every figure is one month's
    (`month` joins the grouping), at most two other dimensions (422
    `stats_grouping_too_fine`; default `origin_country,receiving_organization`), a small
    count inside a shown cell (declined, a lead time's cases, a currency's money) is null,
    and so is every cell a published total would give away (complementary suppression).

    Args:
        group_by (list[str] | None | Unset): Group the cases by any of `origin_country`,
            `receiving_organization`, `specialty`, `care_setting`, `route`, `agreement`, `status`,
            `month` (comma-separated or repeated; several at once). Default: `origin_country`,
            `receiving_organization`, `specialty`. An unknown name is 422 `unknown_group_by`.
        from_ (datetime.date | None | Unset): Cases created on or after.
        to (datetime.date | None | Unset): Cases created on or before.
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Flows | Problem
    """

    return sync_detailed(
        client=client,
        group_by=group_by,
        from_=from_,
        to=to,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    group_by: list[str] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: StatsFormat | Unset = UNSET,
) -> Response[Flows | Problem]:
    """Count cases by flow with lead times and money

     Cases by flow: counts, lead times between stages (median and 90th percentile, in
    days) and amounts quoted, claimed and paid per currency. Hospitals, referrers and payers
    count their own cases; a coordination body counts the cases of the agreements it
    coordinates and the platform admin every case, with cells of fewer cases than the
    threshold suppressed (null, `suppressed: true`). For those two: periods are whole
    calendar months (422 `stats_period_not_whole_months`), every figure is one month's
    (`month` joins the grouping), at most two other dimensions (422
    `stats_grouping_too_fine`; default `origin_country,receiving_organization`), a small
    count inside a shown cell (declined, a lead time's cases, a currency's money) is null,
    and so is every cell a published total would give away (complementary suppression).

    Args:
        group_by (list[str] | None | Unset): Group the cases by any of `origin_country`,
            `receiving_organization`, `specialty`, `care_setting`, `route`, `agreement`, `status`,
            `month` (comma-separated or repeated; several at once). Default: `origin_country`,
            `receiving_organization`, `specialty`. An unknown name is 422 `unknown_group_by`.
        from_ (datetime.date | None | Unset): Cases created on or after.
        to (datetime.date | None | Unset): Cases created on or before.
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Flows | Problem]
    """

    kwargs = _get_kwargs(
        group_by=group_by,
        from_=from_,
        to=to,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    group_by: list[str] | None | Unset = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: StatsFormat | Unset = UNSET,
) -> Flows | Problem | None:
    """Count cases by flow with lead times and money

     Cases by flow: counts, lead times between stages (median and 90th percentile, in
    days) and amounts quoted, claimed and paid per currency. Hospitals, referrers and payers
    count their own cases; a coordination body counts the cases of the agreements it
    coordinates and the platform admin every case, with cells of fewer cases than the
    threshold suppressed (null, `suppressed: true`). For those two: periods are whole
    calendar months (422 `stats_period_not_whole_months`), every figure is one month's
    (`month` joins the grouping), at most two other dimensions (422
    `stats_grouping_too_fine`; default `origin_country,receiving_organization`), a small
    count inside a shown cell (declined, a lead time's cases, a currency's money) is null,
    and so is every cell a published total would give away (complementary suppression).

    Args:
        group_by (list[str] | None | Unset): Group the cases by any of `origin_country`,
            `receiving_organization`, `specialty`, `care_setting`, `route`, `agreement`, `status`,
            `month` (comma-separated or repeated; several at once). Default: `origin_country`,
            `receiving_organization`, `specialty`. An unknown name is 422 `unknown_group_by`.
        from_ (datetime.date | None | Unset): Cases created on or after.
        to (datetime.date | None | Unset): Cases created on or before.
        format_ (StatsFormat | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Flows | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            group_by=group_by,
            from_=from_,
            to=to,
            format_=format_,
        )
    ).parsed
