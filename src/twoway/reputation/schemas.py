from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Schema

from twoway.core.schemas import UserBrief


class SuccessOut(Schema):
    score: float | None  # -1.00 .. 1.00; null when hidden (fewer than 2 counterparts)
    shown: bool
    contracts: int
    counterparts: int


class RaterOut(Schema):
    given_count: int
    average_given: float | None
    everyone_average: float | None
    tendency: Literal["harsh", "lenient", "typical"] | None


class ThemeExampleOut(Schema):
    quote: str
    polarity: Literal["complaint", "praise"]
    feedback_id: int


class ThemeOut(Schema):
    theme: str
    label: str
    complaints: int
    praise: int
    examples: list[ThemeExampleOut]


class EvidenceOut(Schema):
    feedback_id: int
    quote: str
    overall: float
    url: str


class WarningOut(Schema):
    code: str
    message: str
    evidence: list[EvidenceOut]


class ReputationOut(Schema):
    user: UserBrief
    role: Literal["client", "freelancer"]
    feedback_score: float | None
    review_count: int
    display: str
    ranking_score: float | None
    distribution: dict[str, float]
    criteria: dict[str, float]
    success: SuccessOut
    rating_given: RaterOut
    themes: list[ThemeOut]
    warnings: list[WarningOut]


class HistoryPointOut(Schema):
    at: datetime
    score: float | None
    reviews: int


class ExplainRowOut(Schema):
    contract_id: int
    title: str
    counterpart: UserBrief
    ended_at: datetime | None
    paid_cents: int
    weight_cents: int
    overall: float | None
    counted: bool
    why: str


class ExplainOut(Schema):
    role: Literal["client", "freelancer"]
    feedback_score: float | None
    formula: str
    items: list[ExplainRowOut]
    next: str | None
