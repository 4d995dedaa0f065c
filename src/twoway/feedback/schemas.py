from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from ninja import Field, Schema
from pydantic import SerializerFunctionWrapHandler, model_serializer

from twoway.core.schemas import UserBrief

ReasonName = Literal[
    "completed", "cancelled", "quality", "communication", "payment", "scope_change", "other"
]
ReportReasonName = Literal[
    "extortion", "harassment", "off_platform", "private_information", "irrelevant"
]
Stars = Annotated[int, Field(ge=1, le=5)]


class PrivateIn(Schema):
    reason: ReasonName
    would_work_again: Annotated[int, Field(ge=0, le=10)]
    note: Annotated[str, Field(max_length=2000)] = ""


class FeedbackIn(Schema):
    ratings: dict[str, Stars] = Field(
        ...,
        description=(
            "Stars 1-5 for each criterion of your side. Client rating a freelancer: skills, "
            "quality, availability, adherence_to_schedule, communication, cooperation. "
            "Freelancer rating a client: clarity_of_requirements, communication, cooperation, "
            "availability, reasonable_deadlines, payment_promptness."
        ),
        max_length=6,
    )
    comment: Annotated[str, Field(max_length=5000)] = ""
    private: PrivateIn


class PrivatePatch(Schema):
    reason: ReasonName | None = None
    would_work_again: Annotated[int, Field(ge=0, le=10)] | None = None
    note: Annotated[str, Field(max_length=2000)] | None = None


class FeedbackPatch(Schema):
    ratings: dict[str, Stars] | None = Field(None, max_length=6)
    comment: Annotated[str, Field(max_length=5000)] | None = None
    private: PrivatePatch | None = None


class PrivateOut(Schema):
    reason: ReasonName
    would_work_again: int
    note: str


class ResponseOut(Schema):
    status: Literal["published", "removed"]
    text: str | None
    created_at: datetime | None


class FeedbackOut(Schema):
    """A feedback as the caller may see it. Sealed feedback of the other party is only
    ``{"status": "sealed"}``; removed feedback only ``{"id", "status": "removed", "message"}``
    (its author and operators see everything)."""

    status: Literal["sealed", "revealed", "removed"]
    id: int | None = None
    message: str | None = None
    author: UserBrief | None = None
    author_role: Literal["client", "freelancer"] | None = None
    contract_id: int | None = None
    ratings: dict[str, int] | None = None
    overall: float | None = None
    comment: str | None = None
    submitted_at: datetime | None = None
    revealed_at: datetime | None = None
    response: ResponseOut | None = None
    private: PrivateOut | None = None

    @model_serializer(mode="wrap")
    def _placeholders_carry_nothing_else(
        self, handler: SerializerFunctionWrapHandler
    ) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        if self.author is None:  # a placeholder: sealed, or removed for this caller
            return {
                key: data[key] for key in ("status", "id", "message") if data.get(key) is not None
            }
        return data


class ContractFeedbackOut(Schema):
    window_closes_at: datetime | None
    window_open: bool
    can_submit: bool
    can_edit: bool
    from_client: FeedbackOut | None
    from_freelancer: FeedbackOut | None


class FeedbackList(Schema):
    items: list[FeedbackOut]
    next: str | None


class ResponseIn(Schema):
    text: Annotated[str, Field(max_length=2000)]


class ReportIn(Schema):
    reason: ReportReasonName
    details: Annotated[str, Field(max_length=2000)] = ""
    target: Literal["feedback", "response"] = "feedback"


class ReportOut(Schema):
    id: int
    feedback_id: int
    target: Literal["feedback", "response"]
    reason: ReportReasonName
    status: Literal["open", "upheld", "dismissed"]
    created_at: datetime


class FeedbackRequestOut(Schema):
    id: int
    created_at: datetime
