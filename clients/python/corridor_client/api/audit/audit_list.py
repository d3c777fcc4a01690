import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.page_audit_event import PageAuditEvent
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    object_id: None | str | Unset = UNSET,
    operation: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    request_id: None | str | Unset = UNSET,
    caller_request_id: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_organization_id: None | str | Unset
    if isinstance(organization_id, Unset):
        json_organization_id = UNSET
    elif isinstance(organization_id, UUID):
        json_organization_id = str(organization_id)
    else:
        json_organization_id = organization_id
    params["organization_id"] = json_organization_id

    json_patient_id: None | str | Unset
    if isinstance(patient_id, Unset):
        json_patient_id = UNSET
    elif isinstance(patient_id, UUID):
        json_patient_id = str(patient_id)
    else:
        json_patient_id = patient_id
    params["patient_id"] = json_patient_id

    json_object_id: None | str | Unset
    if isinstance(object_id, Unset):
        json_object_id = UNSET
    else:
        json_object_id = object_id
    params["object_id"] = json_object_id

    json_operation: None | str | Unset
    if isinstance(operation, Unset):
        json_operation = UNSET
    else:
        json_operation = operation
    params["operation"] = json_operation

    json_outcome: None | str | Unset
    if isinstance(outcome, Unset):
        json_outcome = UNSET
    else:
        json_outcome = outcome
    params["outcome"] = json_outcome

    json_request_id: None | str | Unset
    if isinstance(request_id, Unset):
        json_request_id = UNSET
    else:
        json_request_id = request_id
    params["request_id"] = json_request_id

    json_caller_request_id: None | str | Unset
    if isinstance(caller_request_id, Unset):
        json_caller_request_id = UNSET
    else:
        json_caller_request_id = caller_request_id
    params["caller_request_id"] = json_caller_request_id

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    elif isinstance(from_, datetime.datetime):
        json_from_ = from_.isoformat()
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    elif isinstance(to, datetime.datetime):
        json_to = to.isoformat()
    else:
        json_to = to
    params["to"] = json_to

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
        "url": "/v1/audit-events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PageAuditEvent | Problem | None:
    if response.status_code == 200:
        response_200 = PageAuditEvent.from_dict(response.json())

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
) -> Response[PageAuditEvent | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    object_id: None | str | Unset = UNSET,
    operation: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    request_id: None | str | Unset = UNSET,
    caller_request_id: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageAuditEvent | Problem]:
    """Read the audit trail

     Who accessed what, oldest first. Admins read every organisation's rows; an
    organisation's coordinators and payers read the rows of its own people and clients.

    Args:
        organization_id (None | Unset | UUID): Admins: only this organisation's rows.
        patient_id (None | Unset | UUID): Only accesses that touched this patient.
        object_id (None | str | Unset): Only accesses to this object.
        operation (None | str | Unset): An operationId.
        outcome (None | str | Unset): How it ended.
        request_id (None | str | Unset): Only this request (our X-Request-Id).
        caller_request_id (None | str | Unset): Only requests that sent this X-Request-Id.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditEvent | Problem]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        patient_id=patient_id,
        object_id=object_id,
        operation=operation,
        outcome=outcome,
        request_id=request_id,
        caller_request_id=caller_request_id,
        from_=from_,
        to=to,
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
    organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    object_id: None | str | Unset = UNSET,
    operation: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    request_id: None | str | Unset = UNSET,
    caller_request_id: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageAuditEvent | Problem | None:
    """Read the audit trail

     Who accessed what, oldest first. Admins read every organisation's rows; an
    organisation's coordinators and payers read the rows of its own people and clients.

    Args:
        organization_id (None | Unset | UUID): Admins: only this organisation's rows.
        patient_id (None | Unset | UUID): Only accesses that touched this patient.
        object_id (None | str | Unset): Only accesses to this object.
        operation (None | str | Unset): An operationId.
        outcome (None | str | Unset): How it ended.
        request_id (None | str | Unset): Only this request (our X-Request-Id).
        caller_request_id (None | str | Unset): Only requests that sent this X-Request-Id.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditEvent | Problem
    """

    return sync_detailed(
        client=client,
        organization_id=organization_id,
        patient_id=patient_id,
        object_id=object_id,
        operation=operation,
        outcome=outcome,
        request_id=request_id,
        caller_request_id=caller_request_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    object_id: None | str | Unset = UNSET,
    operation: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    request_id: None | str | Unset = UNSET,
    caller_request_id: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageAuditEvent | Problem]:
    """Read the audit trail

     Who accessed what, oldest first. Admins read every organisation's rows; an
    organisation's coordinators and payers read the rows of its own people and clients.

    Args:
        organization_id (None | Unset | UUID): Admins: only this organisation's rows.
        patient_id (None | Unset | UUID): Only accesses that touched this patient.
        object_id (None | str | Unset): Only accesses to this object.
        operation (None | str | Unset): An operationId.
        outcome (None | str | Unset): How it ended.
        request_id (None | str | Unset): Only this request (our X-Request-Id).
        caller_request_id (None | str | Unset): Only requests that sent this X-Request-Id.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageAuditEvent | Problem]
    """

    kwargs = _get_kwargs(
        organization_id=organization_id,
        patient_id=patient_id,
        object_id=object_id,
        operation=operation,
        outcome=outcome,
        request_id=request_id,
        caller_request_id=caller_request_id,
        from_=from_,
        to=to,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    object_id: None | str | Unset = UNSET,
    operation: None | str | Unset = UNSET,
    outcome: None | str | Unset = UNSET,
    request_id: None | str | Unset = UNSET,
    caller_request_id: None | str | Unset = UNSET,
    from_: datetime.datetime | None | Unset = UNSET,
    to: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageAuditEvent | Problem | None:
    """Read the audit trail

     Who accessed what, oldest first. Admins read every organisation's rows; an
    organisation's coordinators and payers read the rows of its own people and clients.

    Args:
        organization_id (None | Unset | UUID): Admins: only this organisation's rows.
        patient_id (None | Unset | UUID): Only accesses that touched this patient.
        object_id (None | str | Unset): Only accesses to this object.
        operation (None | str | Unset): An operationId.
        outcome (None | str | Unset): How it ended.
        request_id (None | str | Unset): Only this request (our X-Request-Id).
        caller_request_id (None | str | Unset): Only requests that sent this X-Request-Id.
        from_ (datetime.datetime | None | Unset):
        to (datetime.datetime | None | Unset):
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageAuditEvent | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            organization_id=organization_id,
            patient_id=patient_id,
            object_id=object_id,
            operation=operation,
            outcome=outcome,
            request_id=request_id,
            caller_request_id=caller_request_id,
            from_=from_,
            to=to,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
