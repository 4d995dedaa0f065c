"""Reads for jobs and proposals. Proposals are private to the job's owner and their author."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from twoway.accounts.models import User
from twoway.core.errors import NotFound, PermissionDenied
from twoway.core.pagination import Page, keyset_page
from twoway.core.skills import skill_slug
from twoway.jobs.models import Job, JobStatus, Proposal

RECENT = ["-created_at", "-id"]


def _jobs() -> QuerySet[Job]:
    return Job.objects.select_related("client", "client__client_profile").prefetch_related("skills")


def job_get(*, job_id: int) -> Job:
    job = _jobs().filter(pk=job_id).first()
    if job is None:
        raise NotFound("No such job.", code="job_not_found")
    return job


def job_client_id(*, job_id: int) -> int:
    """Who posted the job (one primary-key read)."""
    client_id = Job.objects.filter(pk=job_id).values_list("client_id", flat=True).first()
    if client_id is None:
        raise NotFound("No such job.", code="job_not_found")
    return client_id


def job_list_open(
    *,
    q: str = "",
    skill: str = "",
    budget_min_cents: int | None = None,
    budget_max_cents: int | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[Job]:
    """Open jobs, newest first, with simple filters."""
    qs = _jobs().filter(status=JobStatus.OPEN)
    # NUL is not a search term, and PostgreSQL refuses it in a query (a 500 otherwise).
    for word in q.replace("\x00", " ").split()[:8]:
        qs = qs.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if skill.strip():
        qs = qs.filter(skills__slug=skill_slug(skill))
    if budget_min_cents is not None:
        qs = qs.filter(budget_cents__gte=budget_min_cents)
    if budget_max_cents is not None:
        qs = qs.filter(budget_cents__lte=budget_max_cents)
    return keyset_page(qs, order=RECENT, cursor=cursor, limit=limit)


def job_list_for_client(
    *, client: User, status: str | None = None, cursor: str | None = None, limit: int | None = None
) -> Page[Job]:
    qs = _jobs().filter(client=client)
    if status:
        qs = qs.filter(status=status)
    return keyset_page(qs, order=RECENT, cursor=cursor, limit=limit)


def _proposals() -> QuerySet[Proposal]:
    return Proposal.objects.select_related(
        "job", "freelancer", "freelancer__freelancer_profile"
    ).prefetch_related("contract")


def proposal_list_for_job(
    *, actor: User, job_id: int, cursor: str | None = None, limit: int | None = None
) -> Page[Proposal]:
    """The proposals on a job, for its owner only."""
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        raise NotFound("No such job.", code="job_not_found")
    if job.client_id != actor.pk:
        raise PermissionDenied(
            "Only the client who posted this job sees its proposals.", code="not_job_owner"
        )
    return keyset_page(_proposals().filter(job=job), order=RECENT, cursor=cursor, limit=limit)


def proposal_list_for_freelancer(
    *, actor: User, cursor: str | None = None, limit: int | None = None
) -> Page[Proposal]:
    return keyset_page(
        _proposals().filter(freelancer=actor), order=RECENT, cursor=cursor, limit=limit
    )


def proposal_get_for_viewer(*, viewer: User, proposal_id: int) -> Proposal:
    """A proposal, for its author or the job's owner; 404 for anyone else."""
    proposal = _proposals().filter(pk=proposal_id).first()
    if proposal is None or viewer.pk not in (proposal.freelancer_id, proposal.job.client_id):
        raise NotFound("No such proposal.", code="proposal_not_found")
    return proposal


def proposal_of_freelancer_for_job(*, freelancer: User, job: Job) -> Proposal | None:
    return Proposal.objects.filter(job=job, freelancer=freelancer).first()
