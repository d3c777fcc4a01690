import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.eligibility import Eligibility
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    specialty: None | str | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["residence_country"] = residence_country

    json_postal_code: None | str | Unset
    if isinstance(postal_code, Unset):
        json_postal_code = UNSET
    else:
        json_postal_code = postal_code
    params["postal_code"] = json_postal_code

    json_receiving_organization_id: None | str | Unset
    if isinstance(receiving_organization_id, Unset):
        json_receiving_organization_id = UNSET
    elif isinstance(receiving_organization_id, UUID):
        json_receiving_organization_id = str(receiving_organization_id)
    else:
        json_receiving_organization_id = receiving_organization_id
    params["receiving_organization_id"] = json_receiving_organization_id

    json_specialty: None | str | Unset
    if isinstance(specialty, Unset):
        json_specialty = UNSET
    else:
        json_specialty = specialty
    params["specialty"] = json_specialty

    json_on: None | str | Unset
    if isinstance(on, Unset):
        json_on = UNSET
    elif isinstance(on, datetime.date):
        json_on = on.isoformat()
    else:
        json_on = on
    params["on"] = json_on

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/eligibility",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Eligibility | Problem | None:
    if response.status_code == 200:
        response_200 = Eligibility.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Eligibility | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    specialty: None | str | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
) -> Response[Eligibility | Problem]:
    """Find the agreements that cover a patient

     Which agreements apply to a patient's residence, a receiver and a specialty,
    and whether prior authorisation or advance payment is needed.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        receiving_organization_id (None | Unset | UUID):
        specialty (None | str | Unset):
        on (datetime.date | None | Unset): The day of care; today by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Eligibility | Problem]
    """

    kwargs = _get_kwargs(
        residence_country=residence_country,
        postal_code=postal_code,
        receiving_organization_id=receiving_organization_id,
        specialty=specialty,
        on=on,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    specialty: None | str | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
) -> Eligibility | Problem | None:
    """Find the agreements that cover a patient

     Which agreements apply to a patient's residence, a receiver and a specialty,
    and whether prior authorisation or advance payment is needed.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        receiving_organization_id (None | Unset | UUID):
        specialty (None | str | Unset):
        on (datetime.date | None | Unset): The day of care; today by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Eligibility | Problem
    """

    return sync_detailed(
        client=client,
        residence_country=residence_country,
        postal_code=postal_code,
        receiving_organization_id=receiving_organization_id,
        specialty=specialty,
        on=on,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    specialty: None | str | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
) -> Response[Eligibility | Problem]:
    """Find the agreements that cover a patient

     Which agreements apply to a patient's residence, a receiver and a specialty,
    and whether prior authorisation or advance payment is needed.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        receiving_organization_id (None | Unset | UUID):
        specialty (None | str | Unset):
        on (datetime.date | None | Unset): The day of care; today by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Eligibility | Problem]
    """

    kwargs = _get_kwargs(
        residence_country=residence_country,
        postal_code=postal_code,
        receiving_organization_id=receiving_organization_id,
        specialty=specialty,
        on=on,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    specialty: None | str | Unset = UNSET,
    on: datetime.date | None | Unset = UNSET,
) -> Eligibility | Problem | None:
    """Find the agreements that cover a patient

     Which agreements apply to a patient's residence, a receiver and a specialty,
    and whether prior authorisation or advance payment is needed.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        receiving_organization_id (None | Unset | UUID):
        specialty (None | str | Unset):
        on (datetime.date | None | Unset): The day of care; today by default.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Eligibility | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            residence_country=residence_country,
            postal_code=postal_code,
            receiving_organization_id=receiving_organization_id,
            specialty=specialty,
            on=on,
        )
    ).parsed
