from http import HTTPStatus
from typing import Any, cast

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.directory_bundle import DirectoryBundle
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_none_match, Unset):
        headers["If-None-Match"] = if_none_match

    params: dict[str, Any] = {}

    params["residence_country"] = residence_country

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

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/directory/fhir",
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | DirectoryBundle | Problem | None:
    if response.status_code == 200:
        response_200 = DirectoryBundle.from_dict(response.json())

        return response_200

    if response.status_code == 304:
        response_304 = cast(Any, None)
        return response_304

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

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
) -> Response[Any | DirectoryBundle | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | DirectoryBundle | Problem]:
    """Ask the directory, as FHIR

     The same question and answer as `GET /v1/directory`, as a FHIR R4 `searchset`
    Bundle: one `HealthcareService` per service found (`search.mode` `match`: specialty,
    care setting as `characteristic`, languages as `communication`, contact as `telecom`,
    the covering agreements as `program` and `eligibility` with their terms and what to
    bring, the lead time in `availabilityExceptions`) and the `Organization` providing it
    (`include`). No token; cacheable and rate-limited like the directory.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DirectoryBundle | Problem]
    """

    kwargs = _get_kwargs(
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        if_none_match=if_none_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Any | DirectoryBundle | Problem | None:
    """Ask the directory, as FHIR

     The same question and answer as `GET /v1/directory`, as a FHIR R4 `searchset`
    Bundle: one `HealthcareService` per service found (`search.mode` `match`: specialty,
    care setting as `characteristic`, languages as `communication`, contact as `telecom`,
    the covering agreements as `program` and `eligibility` with their terms and what to
    bring, the lead time in `availabilityExceptions`) and the `Organization` providing it
    (`include`). No token; cacheable and rate-limited like the directory.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DirectoryBundle | Problem
    """

    return sync_detailed(
        client=client,
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        if_none_match=if_none_match,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Response[Any | DirectoryBundle | Problem]:
    """Ask the directory, as FHIR

     The same question and answer as `GET /v1/directory`, as a FHIR R4 `searchset`
    Bundle: one `HealthcareService` per service found (`search.mode` `match`: specialty,
    care setting as `characteristic`, languages as `communication`, contact as `telecom`,
    the covering agreements as `program` and `eligibility` with their terms and what to
    bring, the lead time in `availabilityExceptions`) and the `Organization` providing it
    (`include`). No token; cacheable and rate-limited like the directory.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | DirectoryBundle | Problem]
    """

    kwargs = _get_kwargs(
        residence_country=residence_country,
        postal_code=postal_code,
        specialty=specialty,
        language=language,
        if_none_match=if_none_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    residence_country: str,
    postal_code: None | str | Unset = UNSET,
    specialty: None | str | Unset = UNSET,
    language: None | str | Unset = UNSET,
    if_none_match: None | str | Unset = UNSET,
) -> Any | DirectoryBundle | Problem | None:
    """Ask the directory, as FHIR

     The same question and answer as `GET /v1/directory`, as a FHIR R4 `searchset`
    Bundle: one `HealthcareService` per service found (`search.mode` `match`: specialty,
    care setting as `characteristic`, languages as `communication`, contact as `telecom`,
    the covering agreements as `program` and `eligibility` with their terms and what to
    bring, the lead time in `availabilityExceptions`) and the `Organization` providing it
    (`include`). No token; cacheable and rate-limited like the directory.

    Args:
        residence_country (str): ISO 3166-1 alpha-2
        postal_code (None | str | Unset):
        specialty (None | str | Unset):
        language (None | str | Unset):
        if_none_match (None | str | Unset): An ETag read before.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | DirectoryBundle | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            residence_country=residence_country,
            postal_code=postal_code,
            specialty=specialty,
            language=language,
            if_none_match=if_none_match,
        )
    ).parsed
