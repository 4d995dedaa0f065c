from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from twoway.accounts import selectors, services, throttle
from twoway.accounts.forms import (
    AccountForm,
    ClientProfileForm,
    DeactivateForm,
    FreelancerProfileForm,
    LoginForm,
    SignupForm,
    TokenForm,
)
from twoway.accounts.models import User
from twoway.contracts.selectors import client_stats_get, freelancer_stats_get
from twoway.core.errors import Throttled
from twoway.core.forms import call_service
from twoway.core.http import actor_of, viewer_of
from twoway.feedback.selectors import feedback_history
from twoway.reputation.selectors import reputation_summaries
from twoway.reputation.views import record_context
from twoway.search.forms import FreelancerSearchForm
from twoway.search.selectors import freelancer_search


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = call_service(form, services.user_signup, **form.cleaned_data)
        if user is not None:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to Twoway, {user.display_name}.")
            return redirect("accounts:settings" if user.is_freelancer else "core:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/signup.html", {"form": form}, status=status)


def _settings_forms(user: User, **bound: Any) -> dict[str, Any]:
    freelancer = getattr(user, "freelancer_profile", None)
    client = getattr(user, "client_profile", None)
    return {
        "account_form": bound.get("account_form")
        or AccountForm(
            initial={
                "first_name": user.first_name,
                "last_name": user.last_name,
                "roles": user.roles,
            }
        ),
        "freelancer_form": bound.get("freelancer_form")
        or FreelancerProfileForm(
            initial={
                "title": freelancer.title if freelancer else "",
                "overview": freelancer.overview if freelancer else "",
                "skills": [s.name for s in freelancer.skills.all()] if freelancer else [],
                "hourly_rate_cents": (
                    f"{freelancer.hourly_rate_cents / 100:.2f}"
                    if freelancer and freelancer.hourly_rate_cents
                    else ""
                ),
            }
        ),
        "client_form": bound.get("client_form")
        or ClientProfileForm(initial={"company": client.company if client else ""}),
        "deactivate_form": bound.get("deactivate_form") or DeactivateForm(),
        "client_profile": client,
    }


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest) -> HttpResponse:
    """Account, roles and both profiles on one page; each form posts its own ``section``."""
    actor = actor_of(request)
    user = selectors.user_get_public(user_id=actor.pk)
    bound: dict[str, Any] = {}
    if request.method == "POST":
        section = request.POST.get("section")
        saved: object = None
        if section == "account":
            form: Any = AccountForm(request.POST)
            bound["account_form"] = form
            if form.is_valid():
                saved = call_service(
                    form,
                    services.user_name_update,
                    user=actor,
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
                saved = saved and call_service(
                    form, services.user_roles_update, user=actor, roles=form.cleaned_data["roles"]
                )
        elif section == "freelancer":
            form = FreelancerProfileForm(request.POST)
            bound["freelancer_form"] = form
            if form.is_valid():
                saved = call_service(
                    form, services.freelancer_profile_update, user=actor, **form.cleaned_data
                )
        elif section == "client":
            form = ClientProfileForm(request.POST)
            bound["client_form"] = form
            if form.is_valid():
                saved = call_service(
                    form, services.client_profile_update, user=actor, **form.cleaned_data
                )
        elif section == "deactivate":
            form = DeactivateForm(request.POST)
            bound["deactivate_form"] = form
            if form.is_valid() and call_service(
                form,
                services.user_deactivate,
                fields={"wrong_password": "password"},
                user=actor,
                password=form.cleaned_data["password"],
                ip=throttle.client_ip(request),
            ):
                logout(request)
                messages.info(
                    request,
                    "Your account is deactivated and you are signed out. Feedback you gave "
                    "and received stays on Twoway; write to the operators to reopen it.",
                )
                return redirect("jobs:board")
        if saved:
            messages.success(request, "Saved.")
            return redirect("accounts:settings")
        user = selectors.user_get_public(user_id=actor.pk)
    context = {"person": user, **_settings_forms(user, **bound)}
    return render(request, "accounts/settings.html", context, status=400 if bound else 200)


@login_required
@require_http_methods(["GET", "POST"])
def tokens_page(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        created = call_service(
            form, services.api_token_create, user=actor, name=form.cleaned_data["name"]
        )
        if created is not None:
            new_token = created[1]
            form = TokenForm()
    context = {"form": form, "tokens": selectors.api_token_list(user=actor), "new_token": new_token}
    return render(request, "accounts/tokens.html", context)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    services.api_token_revoke(user=actor_of(request), token_id=token_id)
    messages.success(request, "Token revoked. Programs using it can no longer sign in.")
    return redirect("accounts:tokens")


def profile(request: HttpRequest, user_id: int) -> HttpResponse:
    """A person's public page: one record per role they hold."""
    person = selectors.user_get_public(user_id=user_id)
    viewer = viewer_of(request)
    histories = {
        role: feedback_history(subject=person, role=role, viewer=viewer, limit=10)
        for role in ("freelancer", "client")
    }
    roles = [role for role in ("freelancer", "client") if person.has_role(role)]
    context = {
        "records": {role: record_context(person, role) for role in roles},
        "histories": {
            role: {"page": page, "views": views} for role, (page, views) in histories.items()
        },
        "person": person,
        "freelancer_profile": getattr(person, "freelancer_profile", None),
        "client_profile": getattr(person, "client_profile", None),
        "client_stats": client_stats_get(client=person) if person.is_client else None,
        "freelancer_stats": freelancer_stats_get(freelancer=person)
        if person.is_freelancer
        else None,
    }
    return render(request, "accounts/profile.html", context)


def freelancer_list(request: HttpRequest) -> HttpResponse:
    """Find talent: keyword and filter search with four sorts (see docs/domain.md)."""
    form = FreelancerSearchForm(request.GET or None)
    filters = form.filters()
    page = freelancer_search(filters, cursor=request.GET.get("cursor") or None)
    summaries = reputation_summaries([p.user_id for p in page.items], "freelancer")
    rows = [{"profile": p, "person": p.user, "rep": summaries[p.user_id]} for p in page.items]
    context = {"form": form, "page": page, "rows": rows, "searching": any(request.GET.values())}
    template = "accounts/_freelancer_results.html" if request.htmx else "accounts/freelancers.html"  # type: ignore[attr-defined]
    return render(request, template, context)


class ThrottledLoginView(auth_views.LoginView):
    """Django's login page, refusing with 429 after repeated failures (accounts.throttle)."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        username = request.POST.get("username", "")
        ip = throttle.client_ip(request)
        try:
            throttle.login_throttle_check(username=username, ip=ip)
        except Throttled as exc:
            form = self.get_form()
            form.errors.clear()
            response = render(
                request,
                self.template_name,
                {**self.get_context_data(form=form), "throttled": exc.message},
                status=429,
            )
            response["Retry-After"] = str(exc.retry_after)
            return response
        response = super().post(request, *args, **kwargs)
        if response.status_code == 302:
            throttle.login_success_record(username=username)
        else:
            throttle.login_failure_record(username=username, ip=ip)
        return response


def admin_login(request: HttpRequest) -> HttpResponse:
    """The operators' sign-in (/admin/login/), throttled like the site's and the API's, so it is
    no side door for guessing an operator's password."""
    from django.contrib import admin

    if request.method != "POST":
        return admin.site.login(request)
    username = request.POST.get("username", "")
    ip = throttle.client_ip(request)
    try:
        throttle.login_throttle_check(username=username, ip=ip)
    except Throttled as exc:
        response = render(request, "core/error.html", {"error": exc}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    response = admin.site.login(request)
    if response.status_code == 302:
        throttle.login_success_record(username=username)
    else:
        throttle.login_failure_record(username=username, ip=ip)
    return response
