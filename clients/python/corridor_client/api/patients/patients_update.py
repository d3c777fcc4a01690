from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patient import Patient
from ...models.patient_update import PatientUpdate
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    patient_id: UUID,
    *,
    body: PatientUpdate,
    if_match: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(if_match, Unset):
        headers["If-Match"] = if_match

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/patients/{patient_id}".format(
            patient_id=quote(str(patient_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Patient | Problem | None:
    if response.status_code == 200:
        response_200 = Patient.from_dict(response.json())

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

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 412:
        response_412 = Problem.from_dict(response.json())

        return response_412

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 428:
        response_428 = Problem.from_dict(response.json())

        return response_428

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Patient | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    patient_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatientUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Patient | Problem]:
    """Change a patient's details

     Change a patient's fields; needs If-Match with the version last read. Only the
    organisation that registered the patient changes it (403 `not_patient_owner` for the
    other organisations of its cases, which read it).

    Args:
        patient_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        body (PatientUpdate): Fields to change; absent fields are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Patient | Problem]
    """

    kwargs = _get_kwargs(
        patient_id=patient_id,
        body=body,
        if_match=if_match,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    patient_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatientUpdate,
    if_match: None | str | Unset = UNSET,
) -> Patient | Problem | None:
    """Change a patient's details

     Change a patient's fields; needs If-Match with the version last read. Only the
    organisation that registered the patient changes it (403 `not_patient_owner` for the
    other organisations of its cases, which read it).

    Args:
        patient_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        body (PatientUpdate): Fields to change; absent fields are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Patient | Problem
    """

    return sync_detailed(
        patient_id=patient_id,
        client=client,
        body=body,
        if_match=if_match,
    ).parsed


async def asyncio_detailed(
    patient_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatientUpdate,
    if_match: None | str | Unset = UNSET,
) -> Response[Patient | Problem]:
    """Change a patient's details

     Change a patient's fields; needs If-Match with the version last read. Only the
    organisation that registered the patient changes it (403 `not_patient_owner` for the
    other organisations of its cases, which read it).

    Args:
        patient_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        body (PatientUpdate): Fields to change; absent fields are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Patient | Problem]
    """

    kwargs = _get_kwargs(
        patient_id=patient_id,
        body=body,
        if_match=if_match,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    patient_id: UUID,
    *,
    client: AuthenticatedClient,
    body: PatientUpdate,
    if_match: None | str | Unset = UNSET,
) -> Patient | Problem | None:
    """Change a patient's details

     Change a patient's fields; needs If-Match with the version last read. Only the
    organisation that registered the patient changes it (403 `not_patient_owner` for the
    other organisations of its cases, which read it).

    Args:
        patient_id (UUID):
        if_match (None | str | Unset): The version last read, as returned in ETag ("3"); required
            (428 without).
        body (PatientUpdate): Fields to change; absent fields are left as they are.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Patient | Problem
    """

    return (
        await asyncio_detailed(
            patient_id=patient_id,
            client=client,
            body=body,
            if_match=if_match,
        )
    ).parsed
