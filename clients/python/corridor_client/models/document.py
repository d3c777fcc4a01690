from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.document_kind import DocumentKind
from ..models.document_status import DocumentStatus
from ..models.letter_kind import LetterKind

T = TypeVar("T", bound="Document")


@_attrs_define
class Document:
    """
    Attributes:
        id (UUID):
        case_id (UUID):
        kind (DocumentKind):
        language (str):
        title (str):
        filename (None | str):
        translation_of (None | UUID):
        content_type (str): Decided from the file's own bytes
        size_bytes (int):
        sha256 (str): SHA-256 of the content, hex; also the download's ETag
        status (DocumentStatus):
        letter_kind (LetterKind | None): Set on generated letters
        created_by_organization_id (None | UUID):
        created_at (datetime.datetime):
        withdrawn_at (datetime.datetime | None):
    """

    id: UUID
    case_id: UUID
    kind: DocumentKind
    language: str
    title: str
    filename: None | str
    translation_of: None | UUID
    content_type: str
    size_bytes: int
    sha256: str
    status: DocumentStatus
    letter_kind: LetterKind | None
    created_by_organization_id: None | UUID
    created_at: datetime.datetime
    withdrawn_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        case_id = str(self.case_id)

        kind = self.kind.value

        language = self.language

        title = self.title

        filename: None | str
        filename = self.filename

        translation_of: None | str
        if isinstance(self.translation_of, UUID):
            translation_of = str(self.translation_of)
        else:
            translation_of = self.translation_of

        content_type = self.content_type

        size_bytes = self.size_bytes

        sha256 = self.sha256

        status = self.status.value

        letter_kind: None | str
        if isinstance(self.letter_kind, LetterKind):
            letter_kind = self.letter_kind.value
        else:
            letter_kind = self.letter_kind

        created_by_organization_id: None | str
        if isinstance(self.created_by_organization_id, UUID):
            created_by_organization_id = str(self.created_by_organization_id)
        else:
            created_by_organization_id = self.created_by_organization_id

        created_at = self.created_at.isoformat()

        withdrawn_at: None | str
        if isinstance(self.withdrawn_at, datetime.datetime):
            withdrawn_at = self.withdrawn_at.isoformat()
        else:
            withdrawn_at = self.withdrawn_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case_id": case_id,
                "kind": kind,
                "language": language,
                "title": title,
                "filename": filename,
                "translation_of": translation_of,
                "content_type": content_type,
                "size_bytes": size_bytes,
                "sha256": sha256,
                "status": status,
                "letter_kind": letter_kind,
                "created_by_organization_id": created_by_organization_id,
                "created_at": created_at,
                "withdrawn_at": withdrawn_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        case_id = UUID(d.pop("case_id"))

        kind = DocumentKind(d.pop("kind"))

        language = d.pop("language")

        title = d.pop("title")

        def _parse_filename(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        filename = _parse_filename(d.pop("filename"))

        def _parse_translation_of(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                translation_of_type_0 = UUID(data)

                return translation_of_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        translation_of = _parse_translation_of(d.pop("translation_of"))

        content_type = d.pop("content_type")

        size_bytes = d.pop("size_bytes")

        sha256 = d.pop("sha256")

        status = DocumentStatus(d.pop("status"))

        def _parse_letter_kind(data: object) -> LetterKind | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                letter_kind_type_0 = LetterKind(data)

                return letter_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LetterKind | None, data)

        letter_kind = _parse_letter_kind(d.pop("letter_kind"))

        def _parse_created_by_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_by_organization_id_type_0 = UUID(data)

                return created_by_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        created_by_organization_id = _parse_created_by_organization_id(d.pop("created_by_organization_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_withdrawn_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                withdrawn_at_type_0 = datetime.datetime.fromisoformat(data)

                return withdrawn_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        withdrawn_at = _parse_withdrawn_at(d.pop("withdrawn_at"))

        document = cls(
            id=id,
            case_id=case_id,
            kind=kind,
            language=language,
            title=title,
            filename=filename,
            translation_of=translation_of,
            content_type=content_type,
            size_bytes=size_bytes,
            sha256=sha256,
            status=status,
            letter_kind=letter_kind,
            created_by_organization_id=created_by_organization_id,
            created_at=created_at,
            withdrawn_at=withdrawn_at,
        )

        document.additional_properties = d
        return document

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
