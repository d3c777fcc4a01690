from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.agreement_suspension import AgreementSuspension
from ...models.problem import Problem
from ...models.suspend_agreement import SuspendAgreement
from ...types import UNSET, Response, Unset


def _get_kwargs(
    agreement_id: UUID,
    *,
    body: SuspendAgreement,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/agreements/{agreement_id}/pause-intake".format(
            agreement_id=quote(str(agreement_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> AgreementSuspension | Problem | None:
    if response.status_code == 200:
        response_200 = AgreementSuspension.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[AgreementSuspension | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SuspendAgreement,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[AgreementSuspension | Problem]:
    """Pause your hospital's intake on a corridor and hold its own open cases

     A full ward: a coordinator of one of the agreement's receiving hospitals holds that
    hospital's own open cases of the agreement (one `case.held` event each, one
    transaction) and refuses new submissions to it on the agreement (409 `intake_paused`)
    until it resumes. The other hospitals of the corridor are not touched. 409
    `intake_already_paused` when it is paused already.

    Args:
        agreement_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (SuspendAgreement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementSuspension | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SuspendAgreement,
    idempotency_key: None | str | Unset = UNSET,
) -> AgreementSuspension | Problem | None:
    """Pause your hospital's intake on a corridor and hold its own open cases

     A full ward: a coordinator of one of the agreement's receiving hospitals holds that
    hospital's own open cases of the agreement (one `case.held` event each, one
    transaction) and refuses new submissions to it on the agreement (409 `intake_paused`)
    until it resumes. The other hospitals of the corridor are not touched. 409
    `intake_already_paused` when it is paused already.

    Args:
        agreement_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (SuspendAgreement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementSuspension | Problem
    """

    return sync_detailed(
        agreement_id=agreement_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SuspendAgreement,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[AgreementSuspension | Problem]:
    """Pause your hospital's intake on a corridor and hold its own open cases

     A full ward: a coordinator of one of the agreement's receiving hospitals holds that
    hospital's own open cases of the agreement (one `case.held` event each, one
    transaction) and refuses new submissions to it on the agreement (409 `intake_paused`)
    until it resumes. The other hospitals of the corridor are not touched. 409
    `intake_already_paused` when it is paused already.

    Args:
        agreement_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (SuspendAgreement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AgreementSuspension | Problem]
    """

    kwargs = _get_kwargs(
        agreement_id=agreement_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    agreement_id: UUID,
    *,
    client: AuthenticatedClient,
    body: SuspendAgreement,
    idempotency_key: None | str | Unset = UNSET,
) -> AgreementSuspension | Problem | None:
    """Pause your hospital's intake on a corridor and hold its own open cases

     A full ward: a coordinator of one of the agreement's receiving hospitals holds that
    hospital's own open cases of the agreement (one `case.held` event each, one
    transaction) and refuses new submissions to it on the agreement (409 `intake_paused`)
    until it resumes. The other hospitals of the corridor are not touched. 409
    `intake_already_paused` when it is paused already.

    Args:
        agreement_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (SuspendAgreement):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AgreementSuspension | Problem
    """

    return (
        await asyncio_detailed(
            agreement_id=agreement_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
