from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from twoway import __version__
from twoway.contracts.selectors import contract_list_for_user
from twoway.core.http import actor_of
from twoway.feedback.selectors import feedback_to_give
from twoway.jobs.models import JobStatus
from twoway.jobs.selectors import job_list_for_client, proposal_list_for_freelancer


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What needs the person's attention: active contracts, open jobs, pending proposals."""
    actor = actor_of(request)
    context = {
        "feedback_due": feedback_to_give(user=actor),
        "active_contracts": contract_list_for_user(user=actor, status="active", limit=10),
        "ended_contracts": contract_list_for_user(user=actor, status="ended", limit=5),
        "open_jobs": job_list_for_client(client=actor, status=JobStatus.OPEN, limit=10)
        if actor.is_client
        else None,
        "proposals": proposal_list_for_freelancer(actor=actor, limit=10)
        if actor.is_freelancer
        else None,
    }
    return render(request, "core/dashboard.html", context)


def health(request: HttpRequest) -> JsonResponse:
    """A trivial JSON endpoint: liveness for load balancers and the benchmark's baseline."""
    return JsonResponse({"status": "ok", "version": __version__})


def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's): point them at
    ours instead of a 404."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("twoway/favicon.svg"))
