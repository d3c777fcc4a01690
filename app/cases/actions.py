"""The case actions as one explicit table: action → request body → aggregate method.

The routes (one `POST /v1/cases/{id}/<action>` each), the OpenAPI document and the tests
read this table; the service calls the method named here. Searching for `Case.accept`
finds both the route's row and the call. A new action is one row here, one row in the
lifecycle table (`app/domain/transitions.py`) and one method on `Case`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.cases import schemas
from app.domain.case import Case
from app.domain.vocabulary import Action


@dataclass(frozen=True)
class CaseAction:
    action: Action
    body: type[schemas.RequestBody]
    # The aggregate's method, called as method(case, actor=..., now=..., **fields).
    method: Callable[..., None]


ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(Action.SUBMIT, schemas.SubmitRequest, Case.submit),
    CaseAction(
        Action.SCHEDULE_TELECONSULTATION,
        schemas.ScheduleTeleconsultationRequest,
        Case.schedule_teleconsultation,
    ),
    CaseAction(
        Action.RECORD_TELECONSULTATION,
        schemas.RecordTeleconsultationRequest,
        Case.record_teleconsultation,
    ),
    CaseAction(Action.ACCEPT, schemas.AcceptRequest, Case.accept),
    CaseAction(Action.DECLINE, schemas.DeclineRequest, Case.decline),
    CaseAction(Action.APPROVE_FUNDING, schemas.ApproveFundingRequest, Case.approve_funding),
    CaseAction(Action.SCHEDULE_TRANSFER, schemas.ScheduleTransferRequest, Case.schedule_transfer),
    CaseAction(Action.RECORD_ARRIVAL, schemas.RecordArrivalRequest, Case.record_arrival),
    CaseAction(Action.ADMIT, schemas.AdmitRequest, Case.admit),
    CaseAction(Action.TRANSFER_UNIT, schemas.TransferUnitRequest, Case.transfer_unit),
    CaseAction(Action.DISCHARGE, schemas.DischargeRequest, Case.discharge),
    CaseAction(Action.CLOSE, schemas.CloseRequest, Case.close),
    CaseAction(Action.CANCEL, schemas.CancelRequest, Case.cancel),
    CaseAction(Action.HOLD, schemas.HoldRequest, Case.hold),
    CaseAction(Action.RESUME, schemas.ResumeRequest, Case.resume),
)

BY_ACTION: dict[Action, CaseAction] = {row.action: row for row in ACTIONS}
