from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="ProvideInformationRequest")


@_attrs_define
class ProvideInformationRequest:
    """
    Attributes:
        answer (None | str | Unset):
        document_ids (list[UUID] | Unset): Documents uploaded to the case.
    """

    answer: None | str | Unset = UNSET
    document_ids: list[UUID] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        answer: None | str | Unset
        if isinstance(self.answer, Unset):
            answer = UNSET
        else:
            answer = self.answer

        document_ids: list[str] | Unset = UNSET
        if not isinstance(self.document_ids, Unset):
            document_ids = []
            for document_ids_item_data in self.document_ids:
                document_ids_item = str(document_ids_item_data)
                document_ids.append(document_ids_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if answer is not UNSET:
            field_dict["answer"] = answer
        if document_ids is not UNSET:
            field_dict["document_ids"] = document_ids

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_answer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        answer = _parse_answer(d.pop("answer", UNSET))

        _document_ids = d.pop("document_ids", UNSET)
        document_ids: list[UUID] | Unset = UNSET
        if _document_ids is not UNSET:
            document_ids = []
            for document_ids_item_data in _document_ids:
                document_ids_item = UUID(document_ids_item_data)

                document_ids.append(document_ids_item)

        provide_information_request = cls(
            answer=answer,
            document_ids=document_ids,
        )

        return provide_information_request
