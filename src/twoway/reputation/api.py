from __future__ import annotations

import json
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Query, Router, Schema

from twoway.accounts.selectors import user_get_public
from twoway.api import auth_optional
from twoway.core.schemas import ERRORS, Cursor, user_brief
from twoway.reputation import selectors
from twoway.reputation.schemas import ExplainOut, HistoryPointOut, ReputationOut, WarningOut
from twoway.reputation.warnings import Warning

router = Router(tags=["reputation"])

FORMULA = (
    "feedback score = sum(weight x overall) / sum(weight); weight = amount paid on the contract "
    "(for a client at least CLIENT_FLOOR_WEIGHT_CENTS; for a freelancer 0 when nothing was paid)"
)


class RoleParams(Schema):
    role: Literal["client", "freelancer"]


class ExplainParams(RoleParams):
    cursor: Cursor | None = None
    limit: int | None = None


def score_display(score: Any, count: int) -> str:
    if score is None:
        return (
            f"No score yet ({count} review{'s' if count != 1 else ''})"
            if count
            else "No reviews yet"
        )
    return f"{score} ({count} review{'s' if count != 1 else ''})"


def warnings_out(items: list[Warning]) -> list[dict[str, Any]]:
    return [
        {
            "code": w.code,
            "message": w.message,
            "evidence": [
                {
                    "feedback_id": e.feedback_id,
                    "quote": e.quote,
                    "overall": e.overall_hundredths / 100,
                    "url": f"/api/v1/feedback/{e.feedback_id}",
                }
                for e in w.evidence
            ],
        }
        for w in items
    ]


def reputation_out(view: selectors.ReputationView) -> dict[str, Any]:
    success = view.success
    return {
        "user": user_brief(view.user),
        "role": view.role,
        "feedback_score": float(view.feedback_score) if view.feedback_score is not None else None,
        "review_count": view.review_count,
        "display": score_display(view.feedback_score, view.review_count),
        "ranking_score": round(view.ranking_score, 4) if view.ranking_score is not None else None,
        "distribution": {str(level): float(count) for level, count in view.distribution.items()},
        "criteria": {name: float(value) for name, value in view.criteria.items()},
        "success": {
            "score": float(success.score) if success.score is not None else None,
            "shown": success.score is not None,
            "contracts": success.contracts if success.score is not None else 0,
            "counterparts": success.counterparts if success.score is not None else 0,
        },
        "rating_given": {
            "given_count": view.rater.given_count,
            "average_given": float(view.rater.average_given)
            if view.rater.average_given is not None
            else None,
            "everyone_average": float(view.rater.everyone_average)
            if view.rater.everyone_average is not None
            else None,
            "tendency": view.rater.tendency,
        },
        "themes": [
            {
                "theme": t.theme,
                "label": t.label,
                "complaints": t.complaints,
                "praise": t.praise,
                "examples": t.examples,
            }
            for t in view.themes
        ],
        "warnings": warnings_out(view.warnings),
    }


@router.get(
    "/users/{user_id}/reputation", auth=auth_optional, response={200: ReputationOut, **ERRORS}
)
def reputation(request: HttpRequest, user_id: int, params: Query[RoleParams]) -> HttpResponse:
    """Scores, counts, distribution, criteria, success, themes and warnings for one role."""
    person = selectors.person_with_token(user_id, params.role)
    # The body but the person's name is cached as JSON, validated against the schema when built
    # (``_reputation_json``); a cached read is then one query and a join of two byte strings.
    rest = selectors.reputation_cached(
        user=person.user,
        role=params.role,
        name="api-json",
        build=_reputation_json,
        token=person.token,
    )
    head = json.dumps({"user": user_brief(person.user)}).encode()
    return HttpResponse(head[:-1] + b", " + rest[1:], content_type="application/json")


def _reputation_json(view: selectors.ReputationView) -> bytes:
    """``reputation_out`` as the schema renders it, without ``user`` (always read fresh)."""
    data = ReputationOut.model_validate(reputation_out(view)).model_dump(mode="json")
    del data["user"]
    return json.dumps(data).encode()


@router.get(
    "/users/{user_id}/reputation/history",
    auth=auth_optional,
    response={200: list[HistoryPointOut], **ERRORS},
)
def reputation_history(
    request: HttpRequest, user_id: int, params: Query[RoleParams]
) -> list[dict[str, Any]]:
    """The feedback score over time (one point per revealed review, at most 60)."""
    user = user_get_public(user_id=user_id)
    return [
        {"at": p.at, "score": float(p.score) if p.score is not None else None, "reviews": p.reviews}
        for p in selectors.reputation_history(user=user, role=params.role)
    ]


@router.get(
    "/users/{user_id}/reputation/explain", auth=auth_optional, response={200: ExplainOut, **ERRORS}
)
def reputation_explain(
    request: HttpRequest, user_id: int, params: Query[ExplainParams]
) -> dict[str, Any]:
    """Each contract's contribution to the feedback score: weight, score, counted or why not."""
    user = user_get_public(user_id=user_id)
    aggregate, *_ = selectors.reputation_aggregate(user, params.role)
    page, rows = selectors.reputation_explain(
        user=user, role=params.role, cursor=params.cursor, limit=params.limit
    )
    return {
        "role": params.role,
        "feedback_score": float(aggregate.feedback_score)
        if aggregate.feedback_score is not None
        else None,
        "formula": FORMULA,
        "items": [
            {
                "contract_id": r.contract.pk,
                "title": r.contract.title,
                "counterpart": user_brief(r.counterpart),
                "ended_at": r.contract.ended_at,
                "paid_cents": r.paid_cents,
                "weight_cents": r.weight_cents,
                "overall": float(r.overall) if r.overall is not None else None,
                "counted": r.counted,
                "why": r.why,
            }
            for r in rows
        ],
        "next": page.next,
    }


__all__ = ["WarningOut", "router"]
