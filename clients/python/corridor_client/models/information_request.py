from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="InformationRequest")


@_attrs_define
class InformationRequest:
    """
    Attributes:
        id (UUID):
        due_date (datetime.date):
        requested_at (datetime.datetime):
        requested_by (str):
        document_ids (list[UUID]):
        answered_at (datetime.datetime | None):
        answered_by (None | str):
        overdue (bool):
        questions (None | str | Unset): Absent from a payer's view.
        answer (None | str | Unset): Absent from a payer's view.
    """

    id: UUID
    due_date: datetime.date
    requested_at: datetime.datetime
    requested_by: str
    document_ids: list[UUID]
    answered_at: datetime.datetime | None
    answered_by: None | str
    overdue: bool
    questions: None | str | Unset = UNSET
    answer: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = str(self.id)

        due_date = self.due_date.isoformat()

        requested_at = self.requested_at.isoformat()

        requested_by = self.requested_by

        document_ids = []
        for document_ids_item_data in self.document_ids:
            document_ids_item = str(document_ids_item_data)
            document_ids.append(document_ids_item)

        answered_at: None | str
        if isinstance(self.answered_at, datetime.datetime):
            answered_at = self.answered_at.isoformat()
        else:
            answered_at = self.answered_at

        answered_by: None | str
        answered_by = self.answered_by

        overdue = self.overdue

        questions: None | str | Unset
        if isinstance(self.questions, Unset):
            questions = UNSET
        else:
            questions = self.questions

        answer: None | str | Unset
        if isinstance(self.answer, Unset):
            answer = UNSET
        else:
            answer = self.answer

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "due_date": due_date,
                "requested_at": requested_at,
                "requested_by": requested_by,
                "document_ids": document_ids,
                "answered_at": answered_at,
                "answered_by": answered_by,
                "overdue": overdue,
            }
        )
        if questions is not UNSET:
            field_dict["questions"] = questions
        if answer is not UNSET:
            field_dict["answer"] = answer

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = UUID(d.pop("id"))

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        requested_by = d.pop("requested_by")

        document_ids = []
        _document_ids = d.pop("document_ids")
        for document_ids_item_data in _document_ids:
            document_ids_item = UUID(document_ids_item_data)

            document_ids.append(document_ids_item)

        def _parse_answered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                answered_at_type_0 = datetime.datetime.fromisoformat(data)

                return answered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        answered_at = _parse_answered_at(d.pop("answered_at"))

        def _parse_answered_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        answered_by = _parse_answered_by(d.pop("answered_by"))

        overdue = d.pop("overdue")

        def _parse_questions(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        questions = _parse_questions(d.pop("questions", UNSET))

        def _parse_answer(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        answer = _parse_answer(d.pop("answer", UNSET))

        information_request = cls(
            id=id,
            due_date=due_date,
            requested_at=requested_at,
            requested_by=requested_by,
            document_ids=document_ids,
            answered_at=answered_at,
            answered_by=answered_by,
            overdue=overdue,
            questions=questions,
            answer=answer,
        )

        information_request.additional_properties = d
        return information_request

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
