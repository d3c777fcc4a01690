import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_format import ExportFormat
from ...models.export_rows import ExportRows
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    payer_organization_id: None | Unset | UUID = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: ExportFormat | Unset = UNSET,
    rows: ExportRows | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_payer_organization_id: None | str | Unset
    if isinstance(payer_organization_id, Unset):
        json_payer_organization_id = UNSET
    elif isinstance(payer_organization_id, UUID):
        json_payer_organization_id = str(payer_organization_id)
    else:
        json_payer_organization_id = payer_organization_id
    params["payer_organization_id"] = json_payer_organization_id

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

    json_rows: str | Unset = UNSET
    if not isinstance(rows, Unset):
        json_rows = rows.value

    params["rows"] = json_rows

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/billing/export",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | str | None:
    if response.status_code == 200:
        response_200 = response.text
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: ExportFormat | Unset = UNSET,
    rows: ExportRows | Unset = UNSET,
) -> Response[Problem | str]:
    """Export claims for a billing system

     Claims your organisation owes (payers) or sent (coordinators), oldest first, with the case
    reference, the payer's member number, admission and discharge dates (UTC), days, amounts and
    currency. Streamed: any size, flat memory.

    Columns: `claim_id`, `claim_number`, `claim_kind`, `claim_status`, `submitted_on`,
    `replaces_claim_id`, `case_id`, `case_reference`, `member_number`, `route`, `agreement_id`,
    `agreement_name`, `authorisation_reference`, `authorisation_valid_from`,
    `authorisation_valid_until`, `niss`, `nir`, `ehic_number`, `facility_time_zone`, `admission_date`,
    `discharge_date`, `admitted_at_utc`, `discharged_at_utc`, `days`, `total_amount`, `paid_amount`,
    `advances_received`, `net_amount_due`, `currency`, `paid_at`, `payment_reference`,
    `creditor_organization_id`, `debtor_organization_id`, `debtor`, `submitted_at_utc`, `claim_lines`,
    `care_from`, `care_until`, `introduction_deadline`, `introduction_overdue`, `contest_deadline`,
    `contest_overdue`.

    With `rows=lines`, one row per claim line (a mutuality's file), the claim's columns but
    `claim_lines` repeated, then: `line_number`, `line_code_system`, `line_code`, `line_description`,
    `line_quantity`, `line_unit_price`, `line_amount`.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        from_ (datetime.date | None | Unset): Claims submitted on or after this day, as
            `submitted_on` shows it (the creditor's local day).
        to (datetime.date | None | Unset): Claims submitted on or before this day (as
            `submitted_on`).
        format_ (ExportFormat | Unset):
        rows (ExportRows | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        payer_organization_id=payer_organization_id,
        from_=from_,
        to=to,
        format_=format_,
        rows=rows,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: ExportFormat | Unset = UNSET,
    rows: ExportRows | Unset = UNSET,
) -> Problem | str | None:
    """Export claims for a billing system

     Claims your organisation owes (payers) or sent (coordinators), oldest first, with the case
    reference, the payer's member number, admission and discharge dates (UTC), days, amounts and
    currency. Streamed: any size, flat memory.

    Columns: `claim_id`, `claim_number`, `claim_kind`, `claim_status`, `submitted_on`,
    `replaces_claim_id`, `case_id`, `case_reference`, `member_number`, `route`, `agreement_id`,
    `agreement_name`, `authorisation_reference`, `authorisation_valid_from`,
    `authorisation_valid_until`, `niss`, `nir`, `ehic_number`, `facility_time_zone`, `admission_date`,
    `discharge_date`, `admitted_at_utc`, `discharged_at_utc`, `days`, `total_amount`, `paid_amount`,
    `advances_received`, `net_amount_due`, `currency`, `paid_at`, `payment_reference`,
    `creditor_organization_id`, `debtor_organization_id`, `debtor`, `submitted_at_utc`, `claim_lines`,
    `care_from`, `care_until`, `introduction_deadline`, `introduction_overdue`, `contest_deadline`,
    `contest_overdue`.

    With `rows=lines`, one row per claim line (a mutuality's file), the claim's columns but
    `claim_lines` repeated, then: `line_number`, `line_code_system`, `line_code`, `line_description`,
    `line_quantity`, `line_unit_price`, `line_amount`.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        from_ (datetime.date | None | Unset): Claims submitted on or after this day, as
            `submitted_on` shows it (the creditor's local day).
        to (datetime.date | None | Unset): Claims submitted on or before this day (as
            `submitted_on`).
        format_ (ExportFormat | Unset):
        rows (ExportRows | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return sync_detailed(
        client=client,
        payer_organization_id=payer_organization_id,
        from_=from_,
        to=to,
        format_=format_,
        rows=rows,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: ExportFormat | Unset = UNSET,
    rows: ExportRows | Unset = UNSET,
) -> Response[Problem | str]:
    """Export claims for a billing system

     Claims your organisation owes (payers) or sent (coordinators), oldest first, with the case
    reference, the payer's member number, admission and discharge dates (UTC), days, amounts and
    currency. Streamed: any size, flat memory.

    Columns: `claim_id`, `claim_number`, `claim_kind`, `claim_status`, `submitted_on`,
    `replaces_claim_id`, `case_id`, `case_reference`, `member_number`, `route`, `agreement_id`,
    `agreement_name`, `authorisation_reference`, `authorisation_valid_from`,
    `authorisation_valid_until`, `niss`, `nir`, `ehic_number`, `facility_time_zone`, `admission_date`,
    `discharge_date`, `admitted_at_utc`, `discharged_at_utc`, `days`, `total_amount`, `paid_amount`,
    `advances_received`, `net_amount_due`, `currency`, `paid_at`, `payment_reference`,
    `creditor_organization_id`, `debtor_organization_id`, `debtor`, `submitted_at_utc`, `claim_lines`,
    `care_from`, `care_until`, `introduction_deadline`, `introduction_overdue`, `contest_deadline`,
    `contest_overdue`.

    With `rows=lines`, one row per claim line (a mutuality's file), the claim's columns but
    `claim_lines` repeated, then: `line_number`, `line_code_system`, `line_code`, `line_description`,
    `line_quantity`, `line_unit_price`, `line_amount`.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        from_ (datetime.date | None | Unset): Claims submitted on or after this day, as
            `submitted_on` shows it (the creditor's local day).
        to (datetime.date | None | Unset): Claims submitted on or before this day (as
            `submitted_on`).
        format_ (ExportFormat | Unset):
        rows (ExportRows | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | str]
    """

    kwargs = _get_kwargs(
        payer_organization_id=payer_organization_id,
        from_=from_,
        to=to,
        format_=format_,
        rows=rows,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    payer_organization_id: None | Unset | UUID = UNSET,
    from_: datetime.date | None | Unset = UNSET,
    to: datetime.date | None | Unset = UNSET,
    format_: ExportFormat | Unset = UNSET,
    rows: ExportRows | Unset = UNSET,
) -> Problem | str | None:
    """Export claims for a billing system

     Claims your organisation owes (payers) or sent (coordinators), oldest first, with the case
    reference, the payer's member number, admission and discharge dates (UTC), days, amounts and
    currency. Streamed: any size, flat memory.

    Columns: `claim_id`, `claim_number`, `claim_kind`, `claim_status`, `submitted_on`,
    `replaces_claim_id`, `case_id`, `case_reference`, `member_number`, `route`, `agreement_id`,
    `agreement_name`, `authorisation_reference`, `authorisation_valid_from`,
    `authorisation_valid_until`, `niss`, `nir`, `ehic_number`, `facility_time_zone`, `admission_date`,
    `discharge_date`, `admitted_at_utc`, `discharged_at_utc`, `days`, `total_amount`, `paid_amount`,
    `advances_received`, `net_amount_due`, `currency`, `paid_at`, `payment_reference`,
    `creditor_organization_id`, `debtor_organization_id`, `debtor`, `submitted_at_utc`, `claim_lines`,
    `care_from`, `care_until`, `introduction_deadline`, `introduction_overdue`, `contest_deadline`,
    `contest_overdue`.

    With `rows=lines`, one row per claim line (a mutuality's file), the claim's columns but
    `claim_lines` repeated, then: `line_number`, `line_code_system`, `line_code`, `line_description`,
    `line_quantity`, `line_unit_price`, `line_amount`.

    Args:
        payer_organization_id (None | Unset | UUID): Only claims addressed to this payer.
        from_ (datetime.date | None | Unset): Claims submitted on or after this day, as
            `submitted_on` shows it (the creditor's local day).
        to (datetime.date | None | Unset): Claims submitted on or before this day (as
            `submitted_on`).
        format_ (ExportFormat | Unset):
        rows (ExportRows | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | str
    """

    return (
        await asyncio_detailed(
            client=client,
            payer_organization_id=payer_organization_id,
            from_=from_,
            to=to,
            format_=format_,
            rows=rows,
        )
    ).parsed
