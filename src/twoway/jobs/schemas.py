from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from ninja import Field, Schema

from twoway.core.schemas import UserBrief
from twoway.reputation.schemas import WarningOut


class JobIn(Schema):
    title: Annotated[str, Field(max_length=120)]
    description: Annotated[str, Field(max_length=10_000)]
    skills: Annotated[list[Annotated[str, Field(max_length=40)]], Field(max_length=15)] = []
    budget_type: Literal["fixed", "hourly"]
    budget_cents: Annotated[int, Field(gt=0, le=100_000_000)]


class RatingGivenOut(Schema):
    count: int
    average: float | None
    everyone_average: float | None
    tendency: Literal["harsh", "lenient", "typical"] | None


class ClientRecordOut(Schema):
    """What a freelancer weighs before applying. Lists carry the stored summary; a job's own
    page adds the success score, the ratings this client gives, and warnings with evidence."""

    id: int
    username: str
    display_name: str
    member_since: datetime
    payment_verified: bool
    total_spent_cents: int
    hires: int
    jobs_posted: int
    hire_rate: float | None
    open_jobs: int
    feedback_score: float | None
    review_count: int
    display: str
    warning_count: int
    success_score: float | None = None
    rating_given: RatingGivenOut | None = None
    warnings: list[WarningOut] | None = None


class JobOut(Schema):
    id: int
    title: str
    description: str
    skills: list[str]
    budget_type: Literal["fixed", "hourly"]
    budget_cents: int
    status: Literal["open", "closed"]
    created_at: datetime
    closed_at: datetime | None
    client: ClientRecordOut


class JobList(Schema):
    items: list[JobOut]
    next: str | None


class ProposalIn(Schema):
    cover_letter: Annotated[str, Field(max_length=5000)]
    bid_cents: Annotated[int, Field(gt=0, le=100_000_000)]


class ProposalOut(Schema):
    id: int
    job_id: int
    job_title: str
    freelancer: UserBrief
    cover_letter: str
    bid_cents: int
    status: Literal["pending", "declined", "withdrawn", "hired"]
    created_at: datetime
    decided_at: datetime | None
    contract_id: int | None


class ProposalList(Schema):
    items: list[ProposalOut]
    next: str | None
