from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar
from uuid import UUID

from attrs import define as _attrs_define

from .. import types
from ..models.document_kind import DocumentKind
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="DocumentUpload")


@_attrs_define
class DocumentUpload:
    """
    Attributes:
        kind (DocumentKind):
        language (str): IETF BCP 47 language tag of the document
        title (str):
        file (File): PDF, PNG, JPEG, TIFF, DICOM or plain text, judged by content
        translation_of (UUID | Unset): The document of this case that this one translates
    """

    kind: DocumentKind
    language: str
    title: str
    file: File
    translation_of: UUID | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        kind = self.kind.value

        language = self.language

        title = self.title

        file = self.file.to_tuple()

        translation_of: str | Unset = UNSET
        if not isinstance(self.translation_of, Unset):
            translation_of = str(self.translation_of)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "kind": kind,
                "language": language,
                "title": title,
                "file": file,
            }
        )
        if translation_of is not UNSET:
            field_dict["translation_of"] = translation_of

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("kind", (None, str(self.kind.value).encode(), "text/plain")))

        files.append(("language", (None, str(self.language).encode(), "text/plain")))

        files.append(("title", (None, str(self.title).encode(), "text/plain")))

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.translation_of, Unset):
            files.append(("translation_of", (None, str(self.translation_of), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        kind = DocumentKind(d.pop("kind"))

        language = d.pop("language")

        title = d.pop("title")

        file = File(payload=BytesIO(d.pop("file")))

        _translation_of = d.pop("translation_of", UNSET)
        translation_of: UUID | Unset
        if isinstance(_translation_of, Unset):
            translation_of = UNSET
        else:
            translation_of = UUID(_translation_of)

        document_upload = cls(
            kind=kind,
            language=language,
            title=title,
            file=file,
            translation_of=translation_of,
        )

        return document_upload
