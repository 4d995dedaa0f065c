from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from twoway.contracts.selectors import client_stats_for, client_stats_get
from twoway.core.forms import call_service
from twoway.core.http import actor_of, viewer_of
from twoway.jobs import selectors, services
from twoway.jobs.forms import JobFilterForm, JobForm, ProposalForm
from twoway.reputation.selectors import reputation_summaries
from twoway.reputation.views import record_context
from twoway.search.selectors import JobFilters, job_search


def board(request: HttpRequest) -> HttpResponse:
    """The job board: open jobs with each client's record at a glance."""
    filters = JobFilterForm(request.GET or None)
    values: dict[str, Any] = {}
    if filters.is_bound:
        filters.is_valid()  # a bad filter is reported; the valid ones still apply
        values = filters.cleaned_data
    page = job_search(
        JobFilters(
            q=values.get("q") or "",
            skill=values.get("skill") or "",
            budget_min_cents=values.get("budget_min_cents"),
            budget_max_cents=values.get("budget_max_cents"),
            min_client_score=values.get("min_client_score"),
            payment_verified=values.get("payment_verified") or None,
            hide_warned=bool(values.get("hide_warned")),
        ),
        cursor=request.GET.get("cursor") or None,
    )
    stats = client_stats_for(job.client for job in page.items)
    summaries = reputation_summaries([job.client_id for job in page.items], "client")
    context = {
        "filters": filters,
        "page": page,
        "rows": [
            {"job": job, "record": stats[job.client_id], "rep": summaries[job.client_id]}
            for job in page.items
        ],
    }
    template = "jobs/_job_results.html" if request.htmx else "jobs/board.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def _detail_context(
    request: HttpRequest, job_id: int, proposal_form: ProposalForm | None = None
) -> dict[str, object]:
    job = selectors.job_get(job_id=job_id)
    viewer = viewer_of(request)
    is_owner = viewer is not None and viewer.pk == job.client_id
    context: dict[str, object] = {
        "job": job,
        "client_stats": client_stats_get(client=job.client),
        "client_rep": record_context(job.client, "client", charts_too=False),
        "is_owner": is_owner,
    }
    if is_owner and viewer is not None:
        context["proposals"] = selectors.proposal_list_for_job(
            actor=viewer, job_id=job.pk, cursor=request.GET.get("cursor") or None, limit=50
        )
    elif viewer is not None:
        context["my_proposal"] = selectors.proposal_of_freelancer_for_job(
            freelancer=viewer, job=job
        )
        context["proposal_form"] = proposal_form or ProposalForm()
    return context


def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    return render(request, "jobs/detail.html", _detail_context(request, job_id))


@login_required
@require_http_methods(["GET", "POST"])
def job_new(request: HttpRequest) -> HttpResponse:
    form = JobForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        job = call_service(form, services.job_post, actor=actor_of(request), **form.cleaned_data)
        if job is not None:
            messages.success(request, "Your job is posted. Freelancers can send proposals now.")
            return redirect("jobs:detail", job_id=job.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "jobs/new.html", {"form": form}, status=status)


@login_required
@require_POST
def job_close(request: HttpRequest, job_id: int) -> HttpResponse:
    services.job_close(actor=actor_of(request), job_id=job_id)
    messages.success(request, "The job is closed; pending proposals were declined.")
    return redirect("jobs:detail", job_id=job_id)


@login_required
@require_POST
def proposal_submit(request: HttpRequest, job_id: int) -> HttpResponse:
    form = ProposalForm(request.POST)
    if form.is_valid():
        proposal = call_service(
            form,
            services.proposal_submit,
            flash=request,
            actor=actor_of(request),
            job_id=job_id,
            **form.cleaned_data,
        )
        if proposal is not None:
            messages.success(request, "Proposal sent. The client will see it with your profile.")
            return redirect("jobs:detail", job_id=job_id)
    return render(request, "jobs/detail.html", _detail_context(request, job_id, form), status=400)


@login_required
@require_POST
def proposal_decline(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = services.proposal_decline(actor=actor_of(request), proposal_id=proposal_id)
    messages.info(request, "Proposal declined.")
    return redirect("jobs:detail", job_id=proposal.job_id)


@login_required
@require_POST
def proposal_withdraw(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = services.proposal_withdraw(actor=actor_of(request), proposal_id=proposal_id)
    messages.info(request, "Proposal withdrawn.")
    return redirect("jobs:detail", job_id=proposal.job_id)


@login_required
def my_jobs(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.job_list_for_client(client=actor, cursor=request.GET.get("cursor") or None)
    return render(request, "jobs/mine.html", {"page": page})


@login_required
def my_proposals(request: HttpRequest) -> HttpResponse:
    actor = actor_of(request)
    page = selectors.proposal_list_for_freelancer(
        actor=actor, cursor=request.GET.get("cursor") or None
    )
    return render(request, "jobs/my_proposals.html", {"page": page})
