from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.http import HttpRequest
from ninja import Router, Status

from twoway.accounts import selectors, services, throttle
from twoway.accounts.models import User
from twoway.accounts.schemas import (
    ClientProfileIn,
    DeactivateIn,
    FreelancerProfileIn,
    MeOut,
    SignupIn,
    SignupOut,
    TokenIn,
    TokenInfoOut,
    TokenOut,
    UserOut,
)
from twoway.api import auth_optional
from twoway.core.errors import NotAuthenticated
from twoway.core.http import actor_of
from twoway.core.schemas import ERRORS, THROTTLED_WRITE_ERRORS, WRITE_ERRORS

router = Router(tags=["people"])


def user_out(user: User) -> dict[str, Any]:
    freelancer = getattr(user, "freelancer_profile", None)
    client = getattr(user, "client_profile", None)
    return {
        "id": user.pk,
        "username": user.username,
        "display_name": user.display_name,
        "roles": user.roles,
        "member_since": user.date_joined,
        "is_active": user.is_active,
        "freelancer_profile": None
        if freelancer is None
        else {
            "title": freelancer.title,
            "overview": freelancer.overview,
            "skills": [skill.name for skill in freelancer.skills.all()],
            "hourly_rate_cents": freelancer.hourly_rate_cents,
        },
        "client_profile": None
        if client is None
        else {"company": client.company, "payment_verified": client.payment_verified},
    }


def me_out(user: User) -> dict[str, Any]:
    fresh = selectors.user_get_public(user_id=user.pk)
    return user_out(fresh) | {"email": fresh.email, "is_operator": fresh.is_staff}


@router.post(
    "/auth/signup", auth=None, response={201: SignupOut, **WRITE_ERRORS}, summary="Sign up"
)
def signup(request: HttpRequest, payload: SignupIn) -> Status[dict[str, Any]]:
    user = services.user_signup(**payload.dict())
    _, raw = services.api_token_create(user=user, name="Sign-up token")
    return Status(201, {"user": me_out(user), "token": raw})


@router.post(
    "/auth/token",
    auth=None,
    response={201: TokenOut, **THROTTLED_WRITE_ERRORS},
    summary="Get a token",
)
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Exchange a username and password for a new token (throttled after failures)."""
    ip = throttle.client_ip(request)
    throttle.login_throttle_check(username=payload.username, ip=ip)
    user = authenticate(request, username=payload.username, password=payload.password)
    if user is None or not isinstance(user, User):
        throttle.login_failure_record(username=payload.username, ip=ip)
        raise NotAuthenticated("The username or password is wrong.", code="invalid_credentials")
    throttle.login_success_record(username=payload.username)
    token, raw = services.api_token_create(user=user, name=payload.name)
    return Status(201, {"id": token.pk, "token": raw})


@router.get("/me", response={200: MeOut, **ERRORS}, summary="The caller")
def me(request: HttpRequest) -> dict[str, Any]:
    return me_out(actor_of(request))


@router.put("/me/freelancer-profile", response={200: MeOut, **WRITE_ERRORS})
def freelancer_profile_put(request: HttpRequest, payload: FreelancerProfileIn) -> dict[str, Any]:
    actor = actor_of(request)
    services.freelancer_profile_update(user=actor, **payload.dict())
    return me_out(actor)


@router.put("/me/client-profile", response={200: MeOut, **WRITE_ERRORS})
def client_profile_put(request: HttpRequest, payload: ClientProfileIn) -> dict[str, Any]:
    actor = actor_of(request)
    services.client_profile_update(user=actor, company=payload.company)
    return me_out(actor)


@router.post(
    "/me/deactivate",
    response={200: MeOut, **THROTTLED_WRITE_ERRORS},
    summary="Deactivate my account",
)
def deactivate(request: HttpRequest, payload: DeactivateIn) -> dict[str, Any]:
    """Close the caller's account, confirming with the password (throttled like sign-in).

    Every token is revoked (this one too) and every session ends; open jobs are closed and
    pending proposals withdrawn. Feedback about and by the person stays visible and counted.
    Accounts are never deleted; operators can reactivate one.
    """
    actor = actor_of(request)
    services.user_deactivate(user=actor, password=payload.password, ip=throttle.client_ip(request))
    return me_out(actor)


@router.get("/me/tokens", response={200: list[TokenInfoOut], **ERRORS})
def tokens_list(request: HttpRequest) -> list[Any]:
    return list(selectors.api_token_list(user=actor_of(request)))


@router.delete("/me/tokens/{token_id}", response={204: None, **WRITE_ERRORS})
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    services.api_token_revoke(user=actor_of(request), token_id=token_id)
    return Status(204, None)


@router.get("/users/{user_id}", auth=auth_optional, response={200: UserOut, **ERRORS})
def user_detail(request: HttpRequest, user_id: int) -> dict[str, Any]:
    return user_out(selectors.user_get_public(user_id=user_id))
