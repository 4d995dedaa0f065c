from __future__ import annotations

import json
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema, Status

from twoway.accounts.models import User
from twoway.api import auth_optional
from twoway.contracts.selectors import ClientStats, client_stats_for, client_stats_get
from twoway.core.http import actor_of
from twoway.core.schemas import ERRORS, WRITE_ERRORS, Cursor, user_brief
from twoway.jobs import selectors, services
from twoway.jobs.models import Job, Proposal
from twoway.jobs.schemas import JobIn, JobList, JobOut, ProposalIn, ProposalList, ProposalOut
from twoway.reputation.api import score_display, warnings_out
from twoway.reputation.selectors import (
    ReputationView,
    Summary,
    person_with_token,
    reputation_cached,
    reputation_summaries,
)
from twoway.search.selectors import JobFilters as SearchFilters
from twoway.search.selectors import job_search

router = Router(tags=["jobs"])


def client_record_out(job: Job, stats: ClientStats, summary: Summary) -> dict[str, Any]:
    return user_brief(job.client) | _record_fields(stats, summary)


def _record_fields(stats: ClientStats, summary: Summary) -> dict[str, Any]:
    return {
        "member_since": stats.member_since,
        "payment_verified": stats.payment_verified,
        "total_spent_cents": stats.total_spent_cents,
        "hires": stats.hires,
        "jobs_posted": stats.jobs_posted,
        "hire_rate": stats.hire_rate,
        "open_jobs": stats.open_jobs,
        "feedback_score": float(summary.feedback_score)
        if summary.feedback_score is not None
        else None,
        "review_count": summary.review_count,
        "display": score_display(summary.feedback_score, summary.review_count),
        "warning_count": summary.warning_count,
    }


def _client_record_detail(client: User, view: ReputationView) -> dict[str, Any]:
    """A client's whole record for a job's own page: everything, read live (due reveals folded
    in)."""
    summary = Summary(view.feedback_score, view.review_count, view.ranking_score, 0)
    rater = view.rater
    return (
        user_brief(client)
        | _record_fields(client_stats_get(client=client), summary)
        | {
            "warning_count": len(view.warnings),
            "success_score": float(view.success.score) if view.success.score is not None else None,
            "rating_given": {
                "count": rater.given_count,
                "average": float(rater.average_given) if rater.average_given is not None else None,
                "everyone_average": float(rater.everyone_average)
                if rater.everyone_average is not None
                else None,
                "tendency": rater.tendency,
            },
            "warnings": warnings_out(view.warnings),
        }
    )


def jobs_out(jobs: list[Job], *, view: ReputationView | None = None) -> list[dict[str, Any]]:
    """Jobs with their clients' stored summaries, or (``view``: one job's own page) with its
    client's whole record."""
    if view is not None:
        records = {job.client_id: _client_record_detail(job.client, view) for job in jobs}
    else:
        stats = client_stats_for(job.client for job in jobs)
        summaries = reputation_summaries([job.client_id for job in jobs], "client")
        records = {
            job.client_id: client_record_out(job, stats[job.client_id], summaries[job.client_id])
            for job in jobs
        }
    return [
        {
            "id": job.pk,
            "title": job.title,
            "description": job.description,
            "skills": [skill.name for skill in job.skills.all()],
            "budget_type": job.budget_type,
            "budget_cents": job.budget_cents,
            "status": job.status,
            "created_at": job.created_at,
            "closed_at": job.closed_at,
            "client": records[job.client_id],
        }
        for job in jobs
    ]


def proposal_out(proposal: Proposal) -> dict[str, Any]:
    contract = getattr(proposal, "contract", None)
    return {
        "id": proposal.pk,
        "job_id": proposal.job_id,
        "job_title": proposal.job.title,
        "freelancer": user_brief(proposal.freelancer),
        "cover_letter": proposal.cover_letter,
        "bid_cents": proposal.bid_cents,
        "status": proposal.status,
        "created_at": proposal.created_at,
        "decided_at": proposal.decided_at,
        "contract_id": contract.pk if contract is not None else None,
    }


class JobFilters(Schema):
    q: Annotated[str, Field(max_length=200)] = ""
    skill: Annotated[str, Field(max_length=40)] = ""
    budget_min_cents: Annotated[int, Field(ge=0)] | None = None
    budget_max_cents: Annotated[int, Field(ge=0)] | None = None
    min_client_score: Annotated[Decimal, Field(ge=0, le=5)] | None = None
    payment_verified: bool | None = None
    hide_warned: bool = False
    cursor: Annotated[str, Field(max_length=500)] | None = None
    limit: Annotated[int, Field(ge=1, le=100)] | None = None


class PageParams(Schema):
    cursor: Cursor | None = None
    limit: int | None = None


@router.post("/jobs", response={201: JobOut, **WRITE_ERRORS}, summary="Post a job")
def job_post(request: HttpRequest, payload: JobIn) -> Status[dict[str, Any]]:
    job = services.job_post(actor=actor_of(request), **payload.dict())
    return Status(201, jobs_out([selectors.job_get(job_id=job.pk)])[0])


@router.get("/jobs", auth=auth_optional, response={200: JobList, **ERRORS}, summary="Open jobs")
def job_list(request: HttpRequest, filters: Query[JobFilters]) -> dict[str, Any]:
    values = filters.dict()
    cursor, limit = values.pop("cursor"), values.pop("limit")
    page = job_search(SearchFilters(**values), cursor=cursor, limit=limit)
    return {"items": jobs_out(page.items), "next": page.next}


@router.get("/jobs/{job_id}", auth=auth_optional, response={200: JobOut, **ERRORS})
def job_detail(request: HttpRequest, job_id: int) -> HttpResponse:
    """A job with its client's full record: scores, success, ratings given, warnings."""
    client = person_with_token(selectors.job_client_id(job_id=job_id), "client")
    # Cached with the client's reputation (``reputation_cached``): the services raise the
    # client's version with every change to the job (closing it) and to their record (jobs,
    # hires, payments, verification, reveals, moderation). The client's name is read fresh.
    body = reputation_cached(
        user=client.user,
        role="client",
        name=f"job-json:{job_id}",
        token=client.token,
        build=lambda view: _job_json(job_id, view),
    )
    body = body | {"client": body["client"] | user_brief(client.user)}
    return HttpResponse(json.dumps(body), content_type="application/json")


def _job_json(job_id: int, view: ReputationView) -> dict[str, Any]:
    job = jobs_out([selectors.job_get(job_id=job_id)], view=view)[0]
    return dict(JobOut.model_validate(job).model_dump(mode="json"))


@router.post("/jobs/{job_id}/close", response={200: JobOut, **WRITE_ERRORS}, summary="Close a job")
def job_close(request: HttpRequest, job_id: int) -> dict[str, Any]:
    services.job_close(actor=actor_of(request), job_id=job_id)
    return jobs_out([selectors.job_get(job_id=job_id)])[0]


@router.post("/jobs/{job_id}/proposals", response={201: ProposalOut, **WRITE_ERRORS})
def proposal_submit(
    request: HttpRequest, job_id: int, payload: ProposalIn
) -> Status[dict[str, Any]]:
    actor = actor_of(request)
    proposal = services.proposal_submit(actor=actor, job_id=job_id, **payload.dict())
    return Status(
        201, proposal_out(selectors.proposal_get_for_viewer(viewer=actor, proposal_id=proposal.pk))
    )


@router.get("/jobs/{job_id}/proposals", response={200: ProposalList, **ERRORS})
def proposal_list_for_job(
    request: HttpRequest, job_id: int, params: Query[PageParams]
) -> dict[str, Any]:
    page = selectors.proposal_list_for_job(actor=actor_of(request), job_id=job_id, **params.dict())
    return {"items": [proposal_out(p) for p in page.items], "next": page.next}


@router.get("/proposals", response={200: ProposalList, **ERRORS}, summary="My proposals")
def proposal_list_mine(request: HttpRequest, params: Query[PageParams]) -> dict[str, Any]:
    page = selectors.proposal_list_for_freelancer(actor=actor_of(request), **params.dict())
    return {"items": [proposal_out(p) for p in page.items], "next": page.next}


@router.get("/proposals/{proposal_id}", response={200: ProposalOut, **ERRORS})
def proposal_detail(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    return proposal_out(
        selectors.proposal_get_for_viewer(viewer=actor_of(request), proposal_id=proposal_id)
    )


@router.post("/proposals/{proposal_id}/decline", response={200: ProposalOut, **WRITE_ERRORS})
def proposal_decline(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    actor = actor_of(request)
    services.proposal_decline(actor=actor, proposal_id=proposal_id)
    return proposal_out(selectors.proposal_get_for_viewer(viewer=actor, proposal_id=proposal_id))


@router.post("/proposals/{proposal_id}/withdraw", response={200: ProposalOut, **WRITE_ERRORS})
def proposal_withdraw(request: HttpRequest, proposal_id: int) -> dict[str, Any]:
    actor = actor_of(request)
    services.proposal_withdraw(actor=actor, proposal_id=proposal_id)
    return proposal_out(selectors.proposal_get_for_viewer(viewer=actor, proposal_id=proposal_id))
