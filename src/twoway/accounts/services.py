"""Writes for people: sign-up, roles, profiles, payment verification, deactivation and API
tokens."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction

from twoway.accounts.models import (
    MAX_HOURLY_RATE_CENTS,
    MIN_HOURLY_RATE_CENTS,
    ApiToken,
    ClientProfile,
    FreelancerProfile,
    Role,
    User,
)
from twoway.core import audit, clock
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.core.skills import skills_resolve
from twoway.search.index import freelancer_index

USERNAME_MAX_LENGTH = 30
NAME_MAX_LENGTH = 60
TITLE_MAX_LENGTH = 120
OVERVIEW_MAX_LENGTH = 5000
COMPANY_MAX_LENGTH = 120
TOKEN_PREFIX = "tw_"  # noqa: S105 - a marker, not a secret
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def _clean_roles(roles: Iterable[str]) -> set[str]:
    chosen = set(roles)
    unknown = chosen - set(Role.values)
    if unknown:
        raise InvalidInput(
            f"Unknown role {sorted(unknown)[0]!r}; roles are 'client' and 'freelancer'.",
            code="invalid_role",
        )
    if not chosen:
        raise InvalidInput("Choose at least one role: client, freelancer or both.", code="no_role")
    return chosen


def _clean_username(username: str) -> str:
    username = username.strip()
    if not 3 <= len(username) <= USERNAME_MAX_LENGTH:
        raise InvalidInput(
            f"A username has 3 to {USERNAME_MAX_LENGTH} characters.", code="invalid_username"
        )
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as exc:
        raise InvalidInput(
            "A username may contain only letters, digits and @ . + - _", code="invalid_username"
        ) from exc
    return username


def _clean_email(email: str) -> str:
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise InvalidInput("Enter a valid email address.", code="invalid_email") from exc
    if len(email) > 254:
        raise InvalidInput("An email address has at most 254 characters.", code="invalid_email")
    return email


def _clean_text(value: str, *, field: str, max_length: int) -> str:
    value = value.strip()
    if len(value) > max_length:
        raise InvalidInput(
            f"{field.capitalize()} has at most {max_length:,} characters.", code="too_long"
        )
    return value


def _validate_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages), code="weak_password") from exc


def user_signup(
    *,
    username: str,
    password: str,
    email: str,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a person with the chosen roles and an empty profile for each."""
    chosen = _clean_roles(roles)
    username = _clean_username(username)
    email = _clean_email(email)
    user = User(
        username=username,
        email=email,
        first_name=_clean_text(first_name, field="first name", max_length=NAME_MAX_LENGTH),
        last_name=_clean_text(last_name, field="last name", max_length=NAME_MAX_LENGTH),
        is_client=Role.CLIENT in chosen,
        is_freelancer=Role.FREELANCER in chosen,
        date_joined=clock.now(),
    )
    _validate_password(password, user)
    user.set_password(password)
    if User.objects.filter(username__iexact=username).exists():
        raise Conflict("That username is taken.", code="username_taken")
    if User.objects.filter(email__iexact=email).exists():
        raise Conflict("An account with that email already exists.", code="email_taken")
    try:
        with transaction.atomic():
            user.save()
            _ensure_profiles(user)
            audit.record(
                actor=user,
                action="user.signed_up",
                target=user,
                after={"username": user.username, "roles": user.roles},
            )
    except IntegrityError as exc:  # a concurrent sign-up took the name or email
        raise Conflict("That username or email is taken.", code="username_taken") from exc
    return user


def _ensure_profiles(user: User) -> None:
    at = clock.now()
    if user.is_client:
        ClientProfile.objects.get_or_create(user=user, defaults={"updated_at": at})
    if user.is_freelancer:
        FreelancerProfile.objects.get_or_create(user=user, defaults={"updated_at": at})


@transaction.atomic
def user_roles_update(*, user: User, roles: Iterable[str]) -> User:
    """Set which roles a person holds. Dropping a role keeps its history and reputation."""
    chosen = _clean_roles(roles)
    before = {"roles": user.roles}
    user.is_client = Role.CLIENT in chosen
    user.is_freelancer = Role.FREELANCER in chosen
    user.save(update_fields=["is_client", "is_freelancer"])
    _ensure_profiles(user)
    audit.record(
        actor=user,
        action="user.roles_changed",
        target=user,
        before=before,
        after={"roles": user.roles},
    )
    return user


@transaction.atomic
def user_name_update(*, user: User, first_name: str, last_name: str) -> User:
    before = {"first_name": user.first_name, "last_name": user.last_name}
    user.first_name = _clean_text(first_name, field="first name", max_length=NAME_MAX_LENGTH)
    user.last_name = _clean_text(last_name, field="last name", max_length=NAME_MAX_LENGTH)
    user.save(update_fields=["first_name", "last_name"])
    audit.record(
        actor=user,
        action="user.renamed",
        target=user,
        before=before,
        after={"first_name": user.first_name, "last_name": user.last_name},
    )
    return user


def _freelancer_snapshot(profile: FreelancerProfile) -> dict[str, object]:
    return {
        "title": profile.title,
        "overview": profile.overview,
        "skills": sorted(skill.name for skill in profile.skills.all()),
        "hourly_rate_cents": profile.hourly_rate_cents,
    }


@transaction.atomic
def freelancer_profile_update(
    *,
    user: User,
    title: str,
    overview: str,
    skills: Iterable[str],
    hourly_rate_cents: int | None,
) -> FreelancerProfile:
    """Write the freelancer profile; publishing one makes the person a freelancer."""
    title = _clean_text(title, field="title", max_length=TITLE_MAX_LENGTH)
    overview = _clean_text(overview, field="overview", max_length=OVERVIEW_MAX_LENGTH)
    if hourly_rate_cents is not None and not (
        MIN_HOURLY_RATE_CENTS <= hourly_rate_cents <= MAX_HOURLY_RATE_CENTS
    ):
        raise InvalidInput(
            f"An hourly rate is between ${MIN_HOURLY_RATE_CENTS / 100:,.2f} and "
            f"${MAX_HOURLY_RATE_CENTS / 100:,.2f}.",
            code="invalid_rate",
        )
    skill_rows = skills_resolve(skills)
    if not user.is_freelancer:
        user.is_freelancer = True
        user.save(update_fields=["is_freelancer"])
    profile, _ = FreelancerProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"updated_at": clock.now()}
    )
    before = _freelancer_snapshot(profile)
    profile.title = title
    profile.overview = overview
    profile.hourly_rate_cents = hourly_rate_cents
    profile.updated_at = clock.now()
    profile.save()
    profile.skills.set(skill_rows)
    freelancer_index(profile)
    audit.record(
        actor=user,
        action="freelancer_profile.updated",
        target=profile,
        before=before,
        after=_freelancer_snapshot(profile),
    )
    return profile


@transaction.atomic
def client_profile_update(*, user: User, company: str) -> ClientProfile:
    """Write the client profile; saving one makes the person a client."""
    company = _clean_text(company, field="company", max_length=COMPANY_MAX_LENGTH)
    if not user.is_client:
        user.is_client = True
        user.save(update_fields=["is_client"])
    profile, _ = ClientProfile.objects.select_for_update().get_or_create(
        user=user, defaults={"updated_at": clock.now()}
    )
    before = {"company": profile.company}
    profile.company = company
    profile.updated_at = clock.now()
    profile.save(update_fields=["company", "updated_at"])
    audit.record(
        actor=user,
        action="client_profile.updated",
        target=profile,
        before=before,
        after={"company": company},
    )
    return profile


@transaction.atomic
def client_payment_verify(*, operator: User, client: User, verified: bool) -> ClientProfile:
    """Operators mark a client's payment method verified (or withdraw it)."""
    if not operator.is_staff:
        raise PermissionDenied("Only operators verify payment methods.", code="not_an_operator")
    profile, _ = ClientProfile.objects.select_for_update().get_or_create(
        user=client, defaults={"updated_at": clock.now()}
    )
    before = {"payment_verified": profile.payment_verified}
    profile.payment_verified = verified
    profile.payment_verified_at = clock.now() if verified else None
    profile.updated_at = clock.now()
    profile.save(update_fields=["payment_verified", "payment_verified_at", "updated_at"])
    from twoway.reputation.services import reputation_touch

    reputation_touch([(client.pk, Role.CLIENT)])  # shown on the client's record
    audit.record(
        actor=operator,
        action="client_profile.payment_verified"
        if verified
        else "client_profile.payment_unverified",
        target=profile,
        before=before,
        after={"payment_verified": verified},
    )
    return profile


# --- Deactivation ---------------------------------------------------------------------------


def user_deactivate(*, user: User, password: str, ip: str | None = None) -> User:
    """The person closes their account. Accounts are deactivated, never deleted.

    The password is asked again (throttled like sign-in, so a stolen session cannot be used to
    guess it). Then, in one transaction: ``is_active`` goes False, so the person can no longer
    sign in and every session of theirs stops authenticating; every API token is revoked; their
    open jobs are closed and pending proposals withdrawn, so nobody waits on an account that is
    gone. Feedback about them and by them stays, visible and counted: closing an account is not
    a way to erase a record. Operators can reactivate an account in the admin.
    """
    from twoway.accounts import throttle

    if not user.is_active:
        raise Conflict("This account is already deactivated.", code="account_inactive")
    throttle.login_throttle_check(username=user.username, ip=ip)
    if not user.check_password(password):
        throttle.login_failure_record(username=user.username, ip=ip)
        raise PermissionDenied(
            "That is not your password; the account stays open.", code="wrong_password"
        )
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if not user.is_active:
            raise Conflict("This account is already deactivated.", code="account_inactive")
        user.is_active = False
        user.save(update_fields=["is_active"])
        tokens = [
            api_token_revoke(user=user, token_id=pk)
            for pk in ApiToken.objects.filter(user=user, revoked_at__isnull=True).values_list(
                "pk", flat=True
            )
        ]
        jobs, proposals = _withdraw_from_the_market(user)
        ended_sessions = _sessions_end(user.pk)
        audit.record(
            actor=user,
            action="user.deactivated",
            target=user,
            before={"is_active": True},
            after={
                "is_active": False,
                "tokens_revoked": [token.prefix for token in tokens],
                "jobs_closed": jobs,
                "proposals_withdrawn": proposals,
                "sessions_ended": ended_sessions,
            },
        )
    return user


def _withdraw_from_the_market(user: User) -> tuple[list[int], list[int]]:
    """Close the person's open jobs and withdraw their pending proposals (each audited)."""
    from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus
    from twoway.jobs.services import job_close, proposal_withdraw

    jobs = list(Job.objects.filter(client=user, status=JobStatus.OPEN).values_list("pk", flat=True))
    for job_id in jobs:
        job_close(actor=user, job_id=job_id)
    proposals = list(
        Proposal.objects.filter(freelancer=user, status=ProposalStatus.PENDING).values_list(
            "pk", flat=True
        )
    )
    for proposal_id in proposals:
        proposal_withdraw(actor=user, proposal_id=proposal_id)
    return jobs, proposals


def _sessions_end(user_id: int) -> int:
    """Delete the person's stored sessions; returns how many.

    Sessions are signed blobs, so finding one person's means reading every live session: fine
    for a rare action. With another session engine nothing is deleted here, and nothing needs
    to be: a session of an inactive person no longer authenticates (Django's ModelBackend
    refuses inactive users on every request).
    """
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return 0
    from django.contrib.sessions.models import Session

    mine = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=clock.now()).iterator(chunk_size=1000)
        if session.get_decoded().get("_auth_user_id") == str(user_id)
    ]
    Session.objects.filter(pk__in=mine).delete()
    return len(mine)


# --- API tokens -----------------------------------------------------------------------------


def _digest(raw: str) -> str:
    # Tokens carry 240 random bits, so a fast hash is enough: there is nothing to brute-force.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str = "API token") -> tuple[ApiToken, str]:
    """Issue a token. The raw value is returned once and never stored."""
    name = _clean_text(name or "API token", field="name", max_length=60) or "API token"
    raw = TOKEN_PREFIX + secrets.token_urlsafe(30)
    token = ApiToken.objects.create(
        user=user, name=name, prefix=raw[:10], digest=_digest(raw), created_at=clock.now()
    )
    audit.record(
        actor=user,
        action="api_token.created",
        target=token,
        after={"name": name, "prefix": token.prefix},
    )
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound("No such token.", code="token_not_found")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            actor=user,
            action="api_token.revoked",
            target=token,
            before={"revoked_at": None},
            after={"revoked_at": token.revoked_at.isoformat()},
        )
    return token


def api_token_authenticate(raw: str) -> User | None:
    """The active person behind a live token, or None."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    at = clock.now()
    if token.last_used_at is None or at - token.last_used_at > TOKEN_TOUCH_INTERVAL:
        # Touch at most once a minute so reads do not turn into writes. In a transaction, so
        # on SQLite it queues for the write lock like every other write (core/sqlite).
        with transaction.atomic(savepoint=False):
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=at)
    return token.user


def user_ensure_role(user: User, role: str) -> None:
    """Raise unless ``user`` holds ``role``."""
    if not user.has_role(role):
        raise PermissionDenied(
            f"Only people acting as a {role} can do this; add the role in your settings.",
            code=f"not_a_{role}",
        )
