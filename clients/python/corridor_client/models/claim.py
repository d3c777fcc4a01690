from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast
from uuid import UUID

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.claim_debtor import ClaimDebtor
from ..models.claim_kind import ClaimKind
from ..models.claim_status import ClaimStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.claim_payment import ClaimPayment
    from ..models.contested_line import ContestedLine
    from ..models.home_reimbursement import HomeReimbursement
    from ..models.line import Line
    from ..models.money import Money


T = TypeVar("T", bound="Claim")


@_attrs_define
class Claim:
    """
    Attributes:
        id (UUID):
        case_id (UUID):
        number (str):
        kind (ClaimKind):
        status (ClaimStatus):
        total (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        lines (list[Line]):
        creditor_organization_id (UUID):
        debtor_organization_id (None | UUID):
        replaces_claim_id (None | UUID):
        contest_reason (None | str):
        paid_amount (Money | None): Everything set against the claim: the debtor's payments and the advances deducted.
        advances_received (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a
            float.
        net_amount_due (Money): An exact amount in an ISO 4217 currency; the amount is a decimal string, never a float.
        paid_at (datetime.date | None):
        payment_reference (None | str):
        version (int):
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        debtor (ClaimDebtor | Unset): A claim goes to the payer organisation, or is an invoice to the patient (self-pay,
            Directive 2011/24).
        contested_lines (list[ContestedLine] | Unset):
        payments (list[ClaimPayment] | Unset):
        care_from (datetime.date | None | Unset):
        care_until (datetime.date | None | Unset):
        introduction_deadline (datetime.date | None | Unset): Reg. 987/2009 Art. 67(1): 12 months after the end of the
            calendar half-year in which the care ended (claims under S2, the EHIC or a ZOAST; null otherwise).
        introduction_overdue (bool | Unset): The claim was submitted after its introduction deadline. Default: False.
        contest_deadline (datetime.date | None | Unset): Reg. 987/2009 Art. 67(5): the last day of the 18th month after
            the month the claim was submitted, by which the debtor pays or contests it.
        contest_window_open (bool | Unset): Submitted, and the debtor may still contest it. Default: False.
        contest_overdue (bool | Unset): Past the contest deadline, neither paid in full nor contested. Default: False.
        home_reimbursement (HomeReimbursement | None | Unset): A patient's invoice under Directive 2011/24: its
            submission to the home insurer and the answer (Art. 7(4)).
    """

    id: UUID
    case_id: UUID
    number: str
    kind: ClaimKind
    status: ClaimStatus
    total: Money
    lines: list[Line]
    creditor_organization_id: UUID
    debtor_organization_id: None | UUID
    replaces_claim_id: None | UUID
    contest_reason: None | str
    paid_amount: Money | None
    advances_received: Money
    net_amount_due: Money
    paid_at: datetime.date | None
    payment_reference: None | str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    debtor: ClaimDebtor | Unset = UNSET
    contested_lines: list[ContestedLine] | Unset = UNSET
    payments: list[ClaimPayment] | Unset = UNSET
    care_from: datetime.date | None | Unset = UNSET
    care_until: datetime.date | None | Unset = UNSET
    introduction_deadline: datetime.date | None | Unset = UNSET
    introduction_overdue: bool | Unset = False
    contest_deadline: datetime.date | None | Unset = UNSET
    contest_window_open: bool | Unset = False
    contest_overdue: bool | Unset = False
    home_reimbursement: HomeReimbursement | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.home_reimbursement import HomeReimbursement  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        id = str(self.id)

        case_id = str(self.case_id)

        number = self.number

        kind = self.kind.value

        status = self.status.value

        total = self.total.to_dict()

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        creditor_organization_id = str(self.creditor_organization_id)

        debtor_organization_id: None | str
        if isinstance(self.debtor_organization_id, UUID):
            debtor_organization_id = str(self.debtor_organization_id)
        else:
            debtor_organization_id = self.debtor_organization_id

        replaces_claim_id: None | str
        if isinstance(self.replaces_claim_id, UUID):
            replaces_claim_id = str(self.replaces_claim_id)
        else:
            replaces_claim_id = self.replaces_claim_id

        contest_reason: None | str
        contest_reason = self.contest_reason

        paid_amount: dict[str, Any] | None
        if isinstance(self.paid_amount, Money):
            paid_amount = self.paid_amount.to_dict()
        else:
            paid_amount = self.paid_amount

        advances_received = self.advances_received.to_dict()

        net_amount_due = self.net_amount_due.to_dict()

        paid_at: None | str
        if isinstance(self.paid_at, datetime.date):
            paid_at = self.paid_at.isoformat()
        else:
            paid_at = self.paid_at

        payment_reference: None | str
        payment_reference = self.payment_reference

        version = self.version

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        debtor: str | Unset = UNSET
        if not isinstance(self.debtor, Unset):
            debtor = self.debtor.value

        contested_lines: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.contested_lines, Unset):
            contested_lines = []
            for contested_lines_item_data in self.contested_lines:
                contested_lines_item = contested_lines_item_data.to_dict()
                contested_lines.append(contested_lines_item)

        payments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.payments, Unset):
            payments = []
            for payments_item_data in self.payments:
                payments_item = payments_item_data.to_dict()
                payments.append(payments_item)

        care_from: None | str | Unset
        if isinstance(self.care_from, Unset):
            care_from = UNSET
        elif isinstance(self.care_from, datetime.date):
            care_from = self.care_from.isoformat()
        else:
            care_from = self.care_from

        care_until: None | str | Unset
        if isinstance(self.care_until, Unset):
            care_until = UNSET
        elif isinstance(self.care_until, datetime.date):
            care_until = self.care_until.isoformat()
        else:
            care_until = self.care_until

        introduction_deadline: None | str | Unset
        if isinstance(self.introduction_deadline, Unset):
            introduction_deadline = UNSET
        elif isinstance(self.introduction_deadline, datetime.date):
            introduction_deadline = self.introduction_deadline.isoformat()
        else:
            introduction_deadline = self.introduction_deadline

        introduction_overdue = self.introduction_overdue

        contest_deadline: None | str | Unset
        if isinstance(self.contest_deadline, Unset):
            contest_deadline = UNSET
        elif isinstance(self.contest_deadline, datetime.date):
            contest_deadline = self.contest_deadline.isoformat()
        else:
            contest_deadline = self.contest_deadline

        contest_window_open = self.contest_window_open

        contest_overdue = self.contest_overdue

        home_reimbursement: dict[str, Any] | None | Unset
        if isinstance(self.home_reimbursement, Unset):
            home_reimbursement = UNSET
        elif isinstance(self.home_reimbursement, HomeReimbursement):
            home_reimbursement = self.home_reimbursement.to_dict()
        else:
            home_reimbursement = self.home_reimbursement

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case_id": case_id,
                "number": number,
                "kind": kind,
                "status": status,
                "total": total,
                "lines": lines,
                "creditor_organization_id": creditor_organization_id,
                "debtor_organization_id": debtor_organization_id,
                "replaces_claim_id": replaces_claim_id,
                "contest_reason": contest_reason,
                "paid_amount": paid_amount,
                "advances_received": advances_received,
                "net_amount_due": net_amount_due,
                "paid_at": paid_at,
                "payment_reference": payment_reference,
                "version": version,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if debtor is not UNSET:
            field_dict["debtor"] = debtor
        if contested_lines is not UNSET:
            field_dict["contested_lines"] = contested_lines
        if payments is not UNSET:
            field_dict["payments"] = payments
        if care_from is not UNSET:
            field_dict["care_from"] = care_from
        if care_until is not UNSET:
            field_dict["care_until"] = care_until
        if introduction_deadline is not UNSET:
            field_dict["introduction_deadline"] = introduction_deadline
        if introduction_overdue is not UNSET:
            field_dict["introduction_overdue"] = introduction_overdue
        if contest_deadline is not UNSET:
            field_dict["contest_deadline"] = contest_deadline
        if contest_window_open is not UNSET:
            field_dict["contest_window_open"] = contest_window_open
        if contest_overdue is not UNSET:
            field_dict["contest_overdue"] = contest_overdue
        if home_reimbursement is not UNSET:
            field_dict["home_reimbursement"] = home_reimbursement

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.claim_payment import ClaimPayment  # noqa: PLC0415
        from ..models.contested_line import ContestedLine  # noqa: PLC0415
        from ..models.home_reimbursement import HomeReimbursement  # noqa: PLC0415
        from ..models.line import Line  # noqa: PLC0415
        from ..models.money import Money  # noqa: PLC0415

        d = dict(src_dict)
        id = UUID(d.pop("id"))

        case_id = UUID(d.pop("case_id"))

        number = d.pop("number")

        kind = ClaimKind(d.pop("kind"))

        status = ClaimStatus(d.pop("status"))

        total = Money.from_dict(d.pop("total"))

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = Line.from_dict(lines_item_data)

            lines.append(lines_item)

        creditor_organization_id = UUID(d.pop("creditor_organization_id"))

        def _parse_debtor_organization_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                debtor_organization_id_type_0 = UUID(data)

                return debtor_organization_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        debtor_organization_id = _parse_debtor_organization_id(d.pop("debtor_organization_id"))

        def _parse_replaces_claim_id(data: object) -> None | UUID:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replaces_claim_id_type_0 = UUID(data)

                return replaces_claim_id_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | UUID, data)

        replaces_claim_id = _parse_replaces_claim_id(d.pop("replaces_claim_id"))

        def _parse_contest_reason(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        contest_reason = _parse_contest_reason(d.pop("contest_reason"))

        def _parse_paid_amount(data: object) -> Money | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                paid_amount_type_0 = Money.from_dict(data)

                return paid_amount_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(Money | None, data)

        paid_amount = _parse_paid_amount(d.pop("paid_amount"))

        advances_received = Money.from_dict(d.pop("advances_received"))

        net_amount_due = Money.from_dict(d.pop("net_amount_due"))

        def _parse_paid_at(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_at_type_0 = datetime.date.fromisoformat(data)

                return paid_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        paid_at = _parse_paid_at(d.pop("paid_at"))

        def _parse_payment_reference(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        payment_reference = _parse_payment_reference(d.pop("payment_reference"))

        version = d.pop("version")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        _debtor = d.pop("debtor", UNSET)
        debtor: ClaimDebtor | Unset
        if isinstance(_debtor, Unset):
            debtor = UNSET
        else:
            debtor = ClaimDebtor(_debtor)

        _contested_lines = d.pop("contested_lines", UNSET)
        contested_lines: list[ContestedLine] | Unset = UNSET
        if _contested_lines is not UNSET:
            contested_lines = []
            for contested_lines_item_data in _contested_lines:
                contested_lines_item = ContestedLine.from_dict(contested_lines_item_data)

                contested_lines.append(contested_lines_item)

        _payments = d.pop("payments", UNSET)
        payments: list[ClaimPayment] | Unset = UNSET
        if _payments is not UNSET:
            payments = []
            for payments_item_data in _payments:
                payments_item = ClaimPayment.from_dict(payments_item_data)

                payments.append(payments_item)

        def _parse_care_from(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                care_from_type_0 = datetime.date.fromisoformat(data)

                return care_from_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        care_from = _parse_care_from(d.pop("care_from", UNSET))

        def _parse_care_until(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                care_until_type_0 = datetime.date.fromisoformat(data)

                return care_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        care_until = _parse_care_until(d.pop("care_until", UNSET))

        def _parse_introduction_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                introduction_deadline_type_0 = datetime.date.fromisoformat(data)

                return introduction_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        introduction_deadline = _parse_introduction_deadline(d.pop("introduction_deadline", UNSET))

        introduction_overdue = d.pop("introduction_overdue", UNSET)

        def _parse_contest_deadline(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                contest_deadline_type_0 = datetime.date.fromisoformat(data)

                return contest_deadline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        contest_deadline = _parse_contest_deadline(d.pop("contest_deadline", UNSET))

        contest_window_open = d.pop("contest_window_open", UNSET)

        contest_overdue = d.pop("contest_overdue", UNSET)

        def _parse_home_reimbursement(data: object) -> HomeReimbursement | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                home_reimbursement_type_0 = HomeReimbursement.from_dict(data)

                return home_reimbursement_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HomeReimbursement | None | Unset, data)

        home_reimbursement = _parse_home_reimbursement(d.pop("home_reimbursement", UNSET))

        claim = cls(
            id=id,
            case_id=case_id,
            number=number,
            kind=kind,
            status=status,
            total=total,
            lines=lines,
            creditor_organization_id=creditor_organization_id,
            debtor_organization_id=debtor_organization_id,
            replaces_claim_id=replaces_claim_id,
            contest_reason=contest_reason,
            paid_amount=paid_amount,
            advances_received=advances_received,
            net_amount_due=net_amount_due,
            paid_at=paid_at,
            payment_reference=payment_reference,
            version=version,
            created_at=created_at,
            updated_at=updated_at,
            debtor=debtor,
            contested_lines=contested_lines,
            payments=payments,
            care_from=care_from,
            care_until=care_until,
            introduction_deadline=introduction_deadline,
            introduction_overdue=introduction_overdue,
            contest_deadline=contest_deadline,
            contest_window_open=contest_window_open,
            contest_overdue=contest_overdue,
            home_reimbursement=home_reimbursement,
        )

        claim.additional_properties = d
        return claim

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
