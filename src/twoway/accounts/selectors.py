"""Reads for people."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from twoway.accounts.models import ApiToken, User
from twoway.core.errors import NotFound
from twoway.core.pagination import Page, keyset_page
from twoway.core.skills import skill_slug


def user_get_public(*, user_id: int) -> User:
    """A person as anyone may see them (deactivated accounts keep their public page)."""
    user = (
        User.objects.select_related("freelancer_profile", "client_profile")
        .prefetch_related("freelancer_profile__skills")
        .filter(pk=user_id)
        .first()
    )
    if user is None:
        raise NotFound("No such person.", code="user_not_found")
    return user


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def freelancer_list(
    *,
    q: str = "",
    skill: str = "",
    rate_min_cents: int | None = None,
    rate_max_cents: int | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[User]:
    """Active freelancers, newest first, filtered by words, skill and hourly rate."""
    qs = (
        User.objects.filter(is_freelancer=True, is_active=True)
        .select_related("freelancer_profile")
        .prefetch_related("freelancer_profile__skills")
    )
    # NUL is not a search term, and PostgreSQL refuses it in a query (a 500 otherwise).
    for word in q.replace("\x00", " ").split()[:8]:
        qs = qs.filter(
            Q(freelancer_profile__title__icontains=word)
            | Q(freelancer_profile__overview__icontains=word)
            | Q(freelancer_profile__skills__name__iexact=word)
        ).distinct()
    if skill.strip():
        qs = qs.filter(freelancer_profile__skills__slug=skill_slug(skill))
    if rate_min_cents is not None:
        qs = qs.filter(freelancer_profile__hourly_rate_cents__gte=rate_min_cents)
    if rate_max_cents is not None:
        qs = qs.filter(freelancer_profile__hourly_rate_cents__lte=rate_max_cents)
    return keyset_page(qs, order=["-date_joined", "-id"], cursor=cursor, limit=limit)
