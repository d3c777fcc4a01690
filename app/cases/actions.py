"""The case actions as one explicit table: action → request body → preparation →
aggregate method.

The routes (one `POST /v1/cases/{id}/<action>` each), the OpenAPI document and the tests
read this table; the service runs the preparation named here (the method's arguments from
the request's fields, what the guards read: app/cases/preparations.py) and calls the
method. Searching for `Case.accept` finds both the route's row and the call. A new action
is one row here, one row in the lifecycle table (`app/domain/transitions.py`) and one
method on `Case`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from app.cases import preparations as prepare
from app.cases import schemas
from app.cases.preparations import ActionContext
from app.domain.case import Case
from app.domain.vocabulary import Action


@dataclass(frozen=True)
class CaseAction:
    action: Action
    body: type[schemas.RequestBody]
    # The aggregate's method, called as method(case, actor=..., now=..., **prepared).
    method: Callable[..., None]
    # The method's keyword arguments from the request's fields (and what the guards read).
    preparation: Callable[[ActionContext], Awaitable[dict]] = prepare.as_given


ACTIONS: tuple[CaseAction, ...] = (
    CaseAction(Action.SUBMIT, schemas.SubmitRequest, Case.submit, prepare.submit),
    CaseAction(
        Action.REQUEST_INFORMATION,
        schemas.RequestInformationRequest,
        Case.request_information,
        prepare.request_information,
    ),
    CaseAction(
        Action.PROVIDE_INFORMATION,
        schemas.ProvideInformationRequest,
        Case.provide_information,
        prepare.provide_information,
    ),
    CaseAction(
        Action.SCHEDULE_TELECONSULTATION,
        schemas.ScheduleTeleconsultationRequest,
        Case.schedule_teleconsultation,
        prepare.booking,
    ),
    CaseAction(
        Action.RECORD_TELECONSULTATION,
        schemas.RecordTeleconsultationRequest,
        Case.record_teleconsultation,
    ),
    CaseAction(Action.ACCEPT, schemas.AcceptRequest, Case.accept),
    CaseAction(Action.DECLINE, schemas.DeclineRequest, Case.decline),
    CaseAction(
        Action.APPROVE_FUNDING,
        schemas.ApproveFundingRequest,
        Case.approve_funding,
        prepare.approve_funding,
    ),
    CaseAction(
        Action.SCHEDULE_TRANSFER,
        schemas.ScheduleTransferRequest,
        Case.schedule_transfer,
        prepare.schedule_transfer,
    ),
    CaseAction(Action.RECORD_ARRIVAL, schemas.RecordArrivalRequest, Case.record_arrival),
    CaseAction(Action.ADMIT, schemas.AdmitRequest, Case.admit),
    CaseAction(Action.TRANSFER_UNIT, schemas.TransferUnitRequest, Case.transfer_unit),
    CaseAction(
        Action.RECORD_ATTENDANCE,
        schemas.RecordAttendanceRequest,
        Case.record_attendance,
        prepare.record_attendance,
    ),
    CaseAction(Action.DISCHARGE, schemas.DischargeRequest, Case.discharge, prepare.discharge),
    CaseAction(
        Action.SCHEDULE_FOLLOW_UP,
        schemas.ScheduleFollowUpRequest,
        Case.schedule_follow_up,
        prepare.booking,
    ),
    CaseAction(Action.RECORD_FOLLOW_UP, schemas.RecordFollowUpRequest, Case.record_follow_up),
    CaseAction(
        Action.ACKNOWLEDGE_DISCHARGE,
        schemas.AcknowledgeDischargeRequest,
        Case.acknowledge_discharge,
    ),
    CaseAction(Action.CLOSE, schemas.CloseRequest, Case.close, prepare.close),
    CaseAction(Action.CANCEL, schemas.CancelRequest, Case.cancel),
    CaseAction(Action.HOLD, schemas.HoldRequest, Case.hold),
    CaseAction(Action.RESUME, schemas.ResumeRequest, Case.resume),
    CaseAction(
        Action.EXTEND_AUTHORISATION,
        schemas.ExtendAuthorisationRequest,
        Case.extend_authorisation,
        prepare.extend_authorisation,
    ),
    CaseAction(
        Action.AMEND_GUARANTEE,
        schemas.AmendGuaranteeRequest,
        Case.amend_guarantee,
        prepare.amend_guarantee,
    ),
)

BY_ACTION: dict[Action, CaseAction] = {row.action: row for row in ACTIONS}
