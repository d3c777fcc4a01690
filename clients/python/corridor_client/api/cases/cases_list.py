import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.care_setting import CareSetting
from ...models.case_origin import CaseOrigin
from ...models.case_sort import CaseSort
from ...models.case_status import CaseStatus
from ...models.page_case import PageCase
from ...models.priority import Priority
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: list[CaseStatus] | None | Unset = UNSET,
    priority: list[Priority] | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    care_setting: list[CareSetting] | None | Unset = UNSET,
    origin: CaseOrigin | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    arriving_from: datetime.datetime | None | Unset = UNSET,
    arriving_to: datetime.datetime | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CaseSort | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: list[str] | None | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, list):
        json_status = []
        for status_type_0_item_data in status:
            status_type_0_item = status_type_0_item_data.value
            json_status.append(status_type_0_item)

    else:
        json_status = status
    params["status"] = json_status

    json_priority: list[str] | None | Unset
    if isinstance(priority, Unset):
        json_priority = UNSET
    elif isinstance(priority, list):
        json_priority = []
        for priority_type_0_item_data in priority:
            priority_type_0_item = priority_type_0_item_data.value
            json_priority.append(priority_type_0_item)

    else:
        json_priority = priority
    params["priority"] = json_priority

    json_reference: None | str | Unset
    if isinstance(reference, Unset):
        json_reference = UNSET
    else:
        json_reference = reference
    params["reference"] = json_reference

    json_care_setting: list[str] | None | Unset
    if isinstance(care_setting, Unset):
        json_care_setting = UNSET
    elif isinstance(care_setting, list):
        json_care_setting = []
        for care_setting_type_0_item_data in care_setting:
            care_setting_type_0_item = care_setting_type_0_item_data.value
            json_care_setting.append(care_setting_type_0_item)

    else:
        json_care_setting = care_setting
    params["care_setting"] = json_care_setting

    json_origin: None | str | Unset
    if isinstance(origin, Unset):
        json_origin = UNSET
    elif isinstance(origin, CaseOrigin):
        json_origin = origin.value
    else:
        json_origin = origin
    params["origin"] = json_origin

    json_assignee: None | str | Unset
    if isinstance(assignee, Unset):
        json_assignee = UNSET
    else:
        json_assignee = assignee
    params["assignee"] = json_assignee

    json_arriving_from: None | str | Unset
    if isinstance(arriving_from, Unset):
        json_arriving_from = UNSET
    elif isinstance(arriving_from, datetime.datetime):
        json_arriving_from = arriving_from.isoformat()
    else:
        json_arriving_from = arriving_from
    params["arriving_from"] = json_arriving_from

    json_arriving_to: None | str | Unset
    if isinstance(arriving_to, Unset):
        json_arriving_to = UNSET
    elif isinstance(arriving_to, datetime.datetime):
        json_arriving_to = arriving_to.isoformat()
    else:
        json_arriving_to = arriving_to
    params["arriving_to"] = json_arriving_to

    json_overdue: bool | None | Unset
    if isinstance(overdue, Unset):
        json_overdue = UNSET
    else:
        json_overdue = overdue
    params["overdue"] = json_overdue

    json_q: None | str | Unset
    if isinstance(q, Unset):
        json_q = UNSET
    else:
        json_q = q
    params["q"] = json_q

    json_sort: str | Unset = UNSET
    if not isinstance(sort, Unset):
        json_sort = sort.value

    params["sort"] = json_sort

    json_receiving_organization_id: None | str | Unset
    if isinstance(receiving_organization_id, Unset):
        json_receiving_organization_id = UNSET
    elif isinstance(receiving_organization_id, UUID):
        json_receiving_organization_id = str(receiving_organization_id)
    else:
        json_receiving_organization_id = receiving_organization_id
    params["receiving_organization_id"] = json_receiving_organization_id

    json_referring_organization_id: None | str | Unset
    if isinstance(referring_organization_id, Unset):
        json_referring_organization_id = UNSET
    elif isinstance(referring_organization_id, UUID):
        json_referring_organization_id = str(referring_organization_id)
    else:
        json_referring_organization_id = referring_organization_id
    params["referring_organization_id"] = json_referring_organization_id

    json_patient_id: None | str | Unset
    if isinstance(patient_id, Unset):
        json_patient_id = UNSET
    elif isinstance(patient_id, UUID):
        json_patient_id = str(patient_id)
    else:
        json_patient_id = patient_id
    params["patient_id"] = json_patient_id

    json_updated_since: None | str | Unset
    if isinstance(updated_since, Unset):
        json_updated_since = UNSET
    elif isinstance(updated_since, datetime.datetime):
        json_updated_since = updated_since.isoformat()
    else:
        json_updated_since = updated_since
    params["updated_since"] = json_updated_since

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
        "url": "/v1/cases",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> PageCase | Problem | None:
    if response.status_code == 200:
        response_200 = PageCase.from_dict(response.json())

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[PageCase | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: list[CaseStatus] | None | Unset = UNSET,
    priority: list[Priority] | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    care_setting: list[CareSetting] | None | Unset = UNSET,
    origin: CaseOrigin | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    arriving_from: datetime.datetime | None | Unset = UNSET,
    arriving_to: datetime.datetime | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CaseSort | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCase | Problem]:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    The office's worklist: filters combine (AND); a filter given several values matches
    any of them. An unknown query parameter is 400 `unknown_parameter`, never ignored.

    Args:
        status (list[CaseStatus] | None | Unset): Only cases in these statuses: repeat it, or
            separate with commas.
        priority (list[Priority] | None | Unset): Only these priorities: repeat it, or separate
            with commas.
        reference (None | str | Unset): Exactly this case reference (COR-2026-000014).
        care_setting (list[CareSetting] | None | Unset): Only these care settings: repeat it, or
            separate with commas.
        origin (CaseOrigin | None | Unset): Only cases of this origin.
        assignee (None | str | Unset): Only cases owned by this person at the receiving office;
            `me` for yours, `none` for unassigned ones.
        arriving_from (datetime.datetime | None | Unset): Expected arrival at or after.
        arriving_to (datetime.datetime | None | Unset): Expected arrival at or before.
        overdue (bool | None | Unset): true: only cases with an open logistics task or information
            request past its due date.
        q (None | str | Unset): Patient name search, ignoring case and accents (`desiree n'diaye`
            finds `Désirée N'Diaye-Éloi`).
        sort (CaseSort | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCase | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        priority=priority,
        reference=reference,
        care_setting=care_setting,
        origin=origin,
        assignee=assignee,
        arriving_from=arriving_from,
        arriving_to=arriving_to,
        overdue=overdue,
        q=q,
        sort=sort,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
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
    status: list[CaseStatus] | None | Unset = UNSET,
    priority: list[Priority] | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    care_setting: list[CareSetting] | None | Unset = UNSET,
    origin: CaseOrigin | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    arriving_from: datetime.datetime | None | Unset = UNSET,
    arriving_to: datetime.datetime | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CaseSort | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCase | Problem | None:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    The office's worklist: filters combine (AND); a filter given several values matches
    any of them. An unknown query parameter is 400 `unknown_parameter`, never ignored.

    Args:
        status (list[CaseStatus] | None | Unset): Only cases in these statuses: repeat it, or
            separate with commas.
        priority (list[Priority] | None | Unset): Only these priorities: repeat it, or separate
            with commas.
        reference (None | str | Unset): Exactly this case reference (COR-2026-000014).
        care_setting (list[CareSetting] | None | Unset): Only these care settings: repeat it, or
            separate with commas.
        origin (CaseOrigin | None | Unset): Only cases of this origin.
        assignee (None | str | Unset): Only cases owned by this person at the receiving office;
            `me` for yours, `none` for unassigned ones.
        arriving_from (datetime.datetime | None | Unset): Expected arrival at or after.
        arriving_to (datetime.datetime | None | Unset): Expected arrival at or before.
        overdue (bool | None | Unset): true: only cases with an open logistics task or information
            request past its due date.
        q (None | str | Unset): Patient name search, ignoring case and accents (`desiree n'diaye`
            finds `Désirée N'Diaye-Éloi`).
        sort (CaseSort | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCase | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        priority=priority,
        reference=reference,
        care_setting=care_setting,
        origin=origin,
        assignee=assignee,
        arriving_from=arriving_from,
        arriving_to=arriving_to,
        overdue=overdue,
        q=q,
        sort=sort,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: list[CaseStatus] | None | Unset = UNSET,
    priority: list[Priority] | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    care_setting: list[CareSetting] | None | Unset = UNSET,
    origin: CaseOrigin | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    arriving_from: datetime.datetime | None | Unset = UNSET,
    arriving_to: datetime.datetime | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CaseSort | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> Response[PageCase | Problem]:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    The office's worklist: filters combine (AND); a filter given several values matches
    any of them. An unknown query parameter is 400 `unknown_parameter`, never ignored.

    Args:
        status (list[CaseStatus] | None | Unset): Only cases in these statuses: repeat it, or
            separate with commas.
        priority (list[Priority] | None | Unset): Only these priorities: repeat it, or separate
            with commas.
        reference (None | str | Unset): Exactly this case reference (COR-2026-000014).
        care_setting (list[CareSetting] | None | Unset): Only these care settings: repeat it, or
            separate with commas.
        origin (CaseOrigin | None | Unset): Only cases of this origin.
        assignee (None | str | Unset): Only cases owned by this person at the receiving office;
            `me` for yours, `none` for unassigned ones.
        arriving_from (datetime.datetime | None | Unset): Expected arrival at or after.
        arriving_to (datetime.datetime | None | Unset): Expected arrival at or before.
        overdue (bool | None | Unset): true: only cases with an open logistics task or information
            request past its due date.
        q (None | str | Unset): Patient name search, ignoring case and accents (`desiree n'diaye`
            finds `Désirée N'Diaye-Éloi`).
        sort (CaseSort | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PageCase | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        priority=priority,
        reference=reference,
        care_setting=care_setting,
        origin=origin,
        assignee=assignee,
        arriving_from=arriving_from,
        arriving_to=arriving_to,
        overdue=overdue,
        q=q,
        sort=sort,
        receiving_organization_id=receiving_organization_id,
        referring_organization_id=referring_organization_id,
        patient_id=patient_id,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: list[CaseStatus] | None | Unset = UNSET,
    priority: list[Priority] | None | Unset = UNSET,
    reference: None | str | Unset = UNSET,
    care_setting: list[CareSetting] | None | Unset = UNSET,
    origin: CaseOrigin | None | Unset = UNSET,
    assignee: None | str | Unset = UNSET,
    arriving_from: datetime.datetime | None | Unset = UNSET,
    arriving_to: datetime.datetime | None | Unset = UNSET,
    overdue: bool | None | Unset = UNSET,
    q: None | str | Unset = UNSET,
    sort: CaseSort | Unset = UNSET,
    receiving_organization_id: None | Unset | UUID = UNSET,
    referring_organization_id: None | Unset | UUID = UNSET,
    patient_id: None | Unset | UUID = UNSET,
    updated_since: datetime.datetime | None | Unset = UNSET,
    limit: int | Unset = 50,
    cursor: None | str | Unset = UNSET,
) -> PageCase | Problem | None:
    """List your organisation's cases

     The cases of your organisation (referring, receiving or paying), keyset-paginated.

    The office's worklist: filters combine (AND); a filter given several values matches
    any of them. An unknown query parameter is 400 `unknown_parameter`, never ignored.

    Args:
        status (list[CaseStatus] | None | Unset): Only cases in these statuses: repeat it, or
            separate with commas.
        priority (list[Priority] | None | Unset): Only these priorities: repeat it, or separate
            with commas.
        reference (None | str | Unset): Exactly this case reference (COR-2026-000014).
        care_setting (list[CareSetting] | None | Unset): Only these care settings: repeat it, or
            separate with commas.
        origin (CaseOrigin | None | Unset): Only cases of this origin.
        assignee (None | str | Unset): Only cases owned by this person at the receiving office;
            `me` for yours, `none` for unassigned ones.
        arriving_from (datetime.datetime | None | Unset): Expected arrival at or after.
        arriving_to (datetime.datetime | None | Unset): Expected arrival at or before.
        overdue (bool | None | Unset): true: only cases with an open logistics task or information
            request past its due date.
        q (None | str | Unset): Patient name search, ignoring case and accents (`desiree n'diaye`
            finds `Désirée N'Diaye-Éloi`).
        sort (CaseSort | Unset):
        receiving_organization_id (None | Unset | UUID):
        referring_organization_id (None | Unset | UUID):
        patient_id (None | Unset | UUID):
        updated_since (datetime.datetime | None | Unset): Only cases changed since; pages by
            update time.
        limit (int | Unset): Page size (max 200). Default: 50.
        cursor (None | str | Unset): Opaque cursor from next_cursor.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PageCase | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            priority=priority,
            reference=reference,
            care_setting=care_setting,
            origin=origin,
            assignee=assignee,
            arriving_from=arriving_from,
            arriving_to=arriving_to,
            overdue=overdue,
            q=q,
            sort=sort,
            receiving_organization_id=receiving_organization_id,
            referring_organization_id=referring_organization_id,
            patient_id=patient_id,
            updated_since=updated_since,
            limit=limit,
            cursor=cursor,
        )
    ).parsed
