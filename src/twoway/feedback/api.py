from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from twoway.accounts.selectors import user_get_public
from twoway.api import auth_optional
from twoway.contracts.selectors import contract_get_for_viewer
from twoway.core.http import actor_of, viewer_of
from twoway.core.schemas import ERRORS, WRITE_ERRORS, Cursor, user_brief
from twoway.feedback import selectors, services
from twoway.feedback.schemas import (
    ContractFeedbackOut,
    FeedbackIn,
    FeedbackList,
    FeedbackOut,
    FeedbackPatch,
    FeedbackRequestOut,
    ReportIn,
    ReportOut,
    ResponseIn,
)
from twoway.feedback.selectors import REMOVED, SEALED, FeedbackView

router = Router(tags=["feedback"])

REMOVED_MESSAGE = "Removed for violating policy."


def feedback_out(view: FeedbackView | None) -> dict[str, Any] | None:
    """Serialise exactly what the visibility rule allows; nothing else is ever read."""
    if view is None:
        return None
    if view.feedback is None:
        if view.state == SEALED:
            return {"status": SEALED}
        return {"status": REMOVED, "id": view.feedback_id, "message": REMOVED_MESSAGE}
    feedback = view.feedback
    body: dict[str, Any] = {
        "status": view.state,
        "id": feedback.pk,
        "message": REMOVED_MESSAGE if view.state == REMOVED else None,
        "author": user_brief(feedback.author),
        "author_role": feedback.author_role,
        "contract_id": feedback.contract_id,
        "ratings": feedback.ratings,
        "overall": float(feedback.overall),
        "comment": feedback.comment,
        "submitted_at": feedback.submitted_at,
        "revealed_at": feedback.reveals_at if view.state != SEALED else None,
        "response": None,
        "private": None,
    }
    if view.response is not None:
        response = view.response.response
        body["response"] = {
            "status": "removed" if view.response.removed else "published",
            "text": response.text if response is not None else None,
            "created_at": response.created_at if response is not None else None,
        }
    if view.show_private:
        body["private"] = {
            "reason": feedback.private_reason,
            "would_work_again": feedback.would_work_again,
            "note": feedback.private_note,
        }
    return body


def _contract_feedback(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    actor = actor_of(request)
    contract = contract_get_for_viewer(viewer=actor, contract_id=contract_id)
    state = selectors.contract_feedback_for_viewer(contract=contract, viewer=actor)
    return {
        "window_closes_at": state.window_closes_at,
        "window_open": state.window_open,
        "can_submit": state.can_submit,
        "can_edit": state.can_edit,
        "from_client": feedback_out(state.from_client),
        "from_freelancer": feedback_out(state.from_freelancer),
    }


@router.get("/contracts/{contract_id}/feedback", response={200: ContractFeedbackOut, **ERRORS})
def contract_feedback(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    """Both sides of the feedback as the caller may see them, and the window's close."""
    return _contract_feedback(request, contract_id)


@router.post("/contracts/{contract_id}/feedback", response={201: FeedbackOut, **WRITE_ERRORS})
def feedback_submit(
    request: HttpRequest, contract_id: int, payload: FeedbackIn
) -> Status[dict[str, Any] | None]:
    actor = actor_of(request)
    feedback = services.feedback_submit(
        actor=actor,
        contract_id=contract_id,
        ratings=payload.ratings,
        comment=payload.comment,
        private_reason=payload.private.reason,
        would_work_again=payload.private.would_work_again,
        private_note=payload.private.note,
    )
    return Status(
        201, feedback_out(selectors.feedback_get_for_viewer(feedback_id=feedback.pk, viewer=actor))
    )


@router.patch("/contracts/{contract_id}/feedback", response={200: FeedbackOut, **WRITE_ERRORS})
def feedback_edit(
    request: HttpRequest, contract_id: int, payload: FeedbackPatch
) -> dict[str, Any] | None:
    actor = actor_of(request)
    private = payload.private
    feedback = services.feedback_edit(
        actor=actor,
        contract_id=contract_id,
        ratings=payload.ratings,
        comment=payload.comment,
        private_reason=private.reason if private else None,
        would_work_again=private.would_work_again if private else None,
        private_note=private.note if private else None,
    )
    return feedback_out(selectors.feedback_get_for_viewer(feedback_id=feedback.pk, viewer=actor))


@router.post(
    "/contracts/{contract_id}/feedback/request", response={201: FeedbackRequestOut, **WRITE_ERRORS}
)
def feedback_request(request: HttpRequest, contract_id: int) -> Status[dict[str, Any]]:
    """Ask the other party to leave feedback (fixed text, at most once a day)."""
    notification = services.feedback_request(actor=actor_of(request), contract_id=contract_id)
    return Status(201, {"id": notification.pk, "created_at": notification.created_at})


@router.get("/feedback/{feedback_id}", auth=auth_optional, response={200: FeedbackOut, **ERRORS})
def feedback_detail(request: HttpRequest, feedback_id: int) -> dict[str, Any] | None:
    return feedback_out(
        selectors.feedback_get_for_viewer(feedback_id=feedback_id, viewer=viewer_of(request))
    )


@router.post("/feedback/{feedback_id}/response", response={201: FeedbackOut, **WRITE_ERRORS})
def feedback_respond(
    request: HttpRequest, feedback_id: int, payload: ResponseIn
) -> Status[dict[str, Any] | None]:
    actor = actor_of(request)
    services.feedback_respond(actor=actor, feedback_id=feedback_id, text=payload.text)
    return Status(
        201, feedback_out(selectors.feedback_get_for_viewer(feedback_id=feedback_id, viewer=actor))
    )


@router.post("/feedback/{feedback_id}/reports", response={201: ReportOut, **WRITE_ERRORS})
def report_create(
    request: HttpRequest, feedback_id: int, payload: ReportIn
) -> Status[dict[str, Any]]:
    report = services.report_create(
        actor=actor_of(request),
        feedback_id=feedback_id,
        target=payload.target,
        reason=payload.reason,
        details=payload.details,
    )
    return Status(
        201,
        {
            "id": report.pk,
            "feedback_id": report.feedback_id,
            "target": report.target,
            "reason": report.reason,
            "status": report.status,
            "created_at": report.created_at,
        },
    )


class HistoryParams(Schema):
    role: Literal["client", "freelancer"]
    cursor: Cursor | None = None
    limit: int | None = None


@router.get("/users/{user_id}/feedback", auth=auth_optional, response={200: FeedbackList, **ERRORS})
def feedback_history(
    request: HttpRequest, user_id: int, params: Query[HistoryParams]
) -> dict[str, Any]:
    """Revealed feedback about a person in one role, newest first."""
    subject = user_get_public(user_id=user_id)
    page, views = selectors.feedback_history(
        subject=subject,
        role=params.role,
        viewer=viewer_of(request),
        cursor=params.cursor,
        limit=params.limit,
    )
    return {"items": [feedback_out(v) for v in views], "next": page.next}
