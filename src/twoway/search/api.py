from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from twoway.accounts.models import FreelancerProfile
from twoway.api import auth_optional
from twoway.core.schemas import ERRORS, UserBrief, user_brief
from twoway.reputation.api import score_display
from twoway.reputation.selectors import reputation_summaries
from twoway.search.selectors import FreelancerFilters, freelancer_search

router = Router(tags=["search"])


class FreelancerQuery(Schema):
    q: Annotated[str, Field(max_length=200)] = ""
    skill: Annotated[str, Field(max_length=40)] = ""
    min_score: Annotated[Decimal, Field(ge=0, le=5)] | None = None
    min_reviews: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    min_success: Annotated[Decimal, Field(ge=-1, le=1)] | None = None
    rate_min_cents: Annotated[int, Field(ge=0, le=100_000)] | None = None
    rate_max_cents: Annotated[int, Field(ge=0, le=100_000)] | None = None
    sort: Literal["relevance", "ranking", "score", "reviews"] = "relevance"
    cursor: Annotated[str, Field(max_length=500)] | None = None
    limit: Annotated[int, Field(ge=1, le=100)] | None = None


class FreelancerHit(Schema):
    user: UserBrief
    title: str
    overview: str
    skills: list[str]
    hourly_rate_cents: int | None
    feedback_score: float | None
    review_count: int
    display: str
    ranking_score: float | None
    success_score: float | None


class FreelancerResults(Schema):
    items: list[FreelancerHit]
    next: str | None


def hits_out(profiles: list[FreelancerProfile]) -> list[dict[str, Any]]:
    summaries = reputation_summaries([p.user_id for p in profiles], "freelancer")
    hits = []
    for profile in profiles:
        summary = summaries[profile.user_id]
        hits.append(
            {
                "user": user_brief(profile.user),
                "title": profile.title,
                "overview": profile.overview[:500],
                "skills": [skill.name for skill in profile.skills.all()],
                "hourly_rate_cents": profile.hourly_rate_cents,
                "feedback_score": float(summary.feedback_score)
                if summary.feedback_score is not None
                else None,
                "review_count": summary.review_count,
                "display": score_display(summary.feedback_score, summary.review_count),
                "ranking_score": round(summary.ranking_score, 4)
                if summary.ranking_score is not None
                else None,
                "success_score": profile.success_score,
            }
        )
    return hits


@router.get("/freelancers", auth=auth_optional, response={200: FreelancerResults, **ERRORS})
def freelancers(request: HttpRequest, params: Query[FreelancerQuery]) -> dict[str, Any]:
    """Search freelancers: keywords, skill, rate, minimum score/reviews/success; four sorts.

    People without reviews come after everyone rated in score sorts and are excluded by any
    minimum score or review count.
    """
    values = params.dict()
    cursor, limit = values.pop("cursor"), values.pop("limit")
    page = freelancer_search(FreelancerFilters(**values), cursor=cursor, limit=limit)
    return {"items": hits_out(page.items), "next": page.next}
