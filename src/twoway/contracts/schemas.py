from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from twoway.core.schemas import UserBrief

EndReasonName = Literal["completed", "cancelled", "unresponsive", "other"]


class PaymentIn(Schema):
    amount_cents: Annotated[int, Field(gt=0, le=100_000_000)]
    memo: Annotated[str, Field(max_length=200)] = ""


class PaymentOut(Schema):
    id: int
    contract_id: int
    amount_cents: int
    memo: str
    created_at: datetime


class EndIn(Schema):
    reason: EndReasonName = "completed"


class ContractOut(Schema):
    id: int
    job_id: int
    proposal_id: int
    title: str
    client: UserBrief
    freelancer: UserBrief
    budget_type: Literal["fixed", "hourly"]
    rate_cents: int
    status: Literal["active", "ended"]
    started_at: datetime
    ended_at: datetime | None
    ended_by_id: int | None
    end_reason: EndReasonName | None
    feedback_window_closes_at: datetime | None
    total_paid_cents: int


class ContractDetailOut(ContractOut):
    payments: list[PaymentOut]


class ContractList(Schema):
    items: list[ContractOut]
    next: str | None
