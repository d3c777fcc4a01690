from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.document import Document
from ...models.document_upload import DocumentUpload
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    case_id: UUID,
    *,
    body: DocumentUpload,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/cases/{case_id}/documents".format(
            case_id=quote(str(case_id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Document | Problem | None:
    if response.status_code == 201:
        response_201 = Document.from_dict(response.json())

        return response_201

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

    if response.status_code == 408:
        response_408 = Problem.from_dict(response.json())

        return response_408

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Document | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DocumentUpload,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Document | Problem]:
    """Attach a document to the case

     Send a file with `kind`, `language`, `title` and optionally `translation_of`, as
    multipart/form-data. The type is decided from the file's own bytes (PDF, PNG, JPEG,
    TIFF, DICOM, plain text; 415 `unsupported_content_type` otherwise); a file over the
    size limit (20 MB by default) is refused with 413 `document_too_large` as soon as it
    passes the limit, without reading the rest. An upload that arrives too slowly (under
    a minimum rate, or past a deadline) is cut with 408 `upload_too_slow`; a client
    streaming too many uploads at once gets 429 `too_many_uploads` with Retry-After. The
    answer carries the file's SHA-256.

    Args:
        case_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (DocumentUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Document | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DocumentUpload,
    idempotency_key: None | str | Unset = UNSET,
) -> Document | Problem | None:
    """Attach a document to the case

     Send a file with `kind`, `language`, `title` and optionally `translation_of`, as
    multipart/form-data. The type is decided from the file's own bytes (PDF, PNG, JPEG,
    TIFF, DICOM, plain text; 415 `unsupported_content_type` otherwise); a file over the
    size limit (20 MB by default) is refused with 413 `document_too_large` as soon as it
    passes the limit, without reading the rest. An upload that arrives too slowly (under
    a minimum rate, or past a deadline) is cut with 408 `upload_too_slow`; a client
    streaming too many uploads at once gets 429 `too_many_uploads` with Retry-After. The
    answer carries the file's SHA-256.

    Args:
        case_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (DocumentUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Document | Problem
    """

    return sync_detailed(
        case_id=case_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DocumentUpload,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[Document | Problem]:
    """Attach a document to the case

     Send a file with `kind`, `language`, `title` and optionally `translation_of`, as
    multipart/form-data. The type is decided from the file's own bytes (PDF, PNG, JPEG,
    TIFF, DICOM, plain text; 415 `unsupported_content_type` otherwise); a file over the
    size limit (20 MB by default) is refused with 413 `document_too_large` as soon as it
    passes the limit, without reading the rest. An upload that arrives too slowly (under
    a minimum rate, or past a deadline) is cut with 408 `upload_too_slow`; a client
    streaming too many uploads at once gets 429 `too_many_uploads` with Retry-After. The
    answer carries the file's SHA-256.

    Args:
        case_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (DocumentUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Document | Problem]
    """

    kwargs = _get_kwargs(
        case_id=case_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    case_id: UUID,
    *,
    client: AuthenticatedClient,
    body: DocumentUpload,
    idempotency_key: None | str | Unset = UNSET,
) -> Document | Problem | None:
    """Attach a document to the case

     Send a file with `kind`, `language`, `title` and optionally `translation_of`, as
    multipart/form-data. The type is decided from the file's own bytes (PDF, PNG, JPEG,
    TIFF, DICOM, plain text; 415 `unsupported_content_type` otherwise); a file over the
    size limit (20 MB by default) is refused with 413 `document_too_large` as soon as it
    passes the limit, without reading the rest. An upload that arrives too slowly (under
    a minimum rate, or past a deadline) is cut with 408 `upload_too_slow`; a client
    streaming too many uploads at once gets 429 `too_many_uploads` with Retry-After. The
    answer carries the file's SHA-256.

    Args:
        case_id (UUID):
        idempotency_key (None | str | Unset): Repeat a POST safely: a repeat within 24 h replays
            the stored answer.
        body (DocumentUpload):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Document | Problem
    """

    return (
        await asyncio_detailed(
            case_id=case_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
