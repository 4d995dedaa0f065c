from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from twoway.accounts.models import User
from twoway.accounts.selectors import user_get_public
from twoway.core.errors import NotFound
from twoway.feedback import rules
from twoway.reputation import charts, selectors


def record_context(person: User, role: str, *, charts_too: bool = True) -> dict[str, Any]:
    """What the profile and job pages need to show one role's reputation."""
    view = selectors.reputation_get(user=person, role=role)
    noun = "freelancer" if role == rules.FREELANCER else "client"
    if not charts_too:
        return {"view": view, "role": role, "person": person}
    return {
        "view": view,
        "role": role,
        "person": person,
        "dist_chart": charts.distribution_svg(
            view.distribution,
            label=f"Star distribution of {person.display_name} as a {noun}",
            key=role,
        ),
        "history_chart": charts.history_svg(
            selectors.reputation_history(user=person, role=role),
            label=f"Feedback score of {person.display_name} as a {noun} over time",
            key=role,
        ),
    }


def explain(request: HttpRequest, user_id: int, role: str) -> HttpResponse:
    """Each contract's contribution to a person's score, so anyone can check the number."""
    if role not in (rules.CLIENT, rules.FREELANCER):
        raise NotFound("No such role.", code="not_found")
    person = user_get_public(user_id=user_id)
    aggregate, *_ = selectors.reputation_aggregate(person, role)
    page, rows = selectors.reputation_explain(
        user=person, role=role, cursor=request.GET.get("cursor") or None, limit=50
    )
    context = {
        "person": person,
        "role": role,
        "score": aggregate.feedback_score,
        "page": page,
        "rows": rows,
        "floor": settings.CLIENT_FLOOR_WEIGHT_CENTS,
    }
    return render(request, "reputation/explain.html", context)
