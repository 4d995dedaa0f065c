"""Writes for jobs and proposals. Hiring (which makes a contract) lives in contracts.services."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, transaction

from twoway.accounts.models import Role, User
from twoway.accounts.services import user_ensure_role
from twoway.core import audit, clock
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.core.models import AuditEvent
from twoway.core.skills import skills_resolve
from twoway.jobs.models import (
    MAX_BID_CENTS,
    MAX_BUDGET_CENTS,
    BudgetType,
    Job,
    JobStatus,
    Proposal,
    ProposalStatus,
)
from twoway.reputation.services import reputation_touch
from twoway.search.index import job_index

TITLE_MIN_LENGTH = 5
TITLE_MAX_LENGTH = 120
DESCRIPTION_MIN_LENGTH = 20
DESCRIPTION_MAX_LENGTH = 10_000
COVER_LETTER_MIN_LENGTH = 10
COVER_LETTER_MAX_LENGTH = 5_000

JOB_AUDIT_FIELDS = ["title", "description", "budget_type", "budget_cents", "status", "closed_at"]
PROPOSAL_AUDIT_FIELDS = ["job", "freelancer", "bid_cents", "status", "decided_at"]


def _text(value: str, *, field: str, minimum: int, maximum: int) -> str:
    value = value.strip()
    if len(value) < minimum:
        raise InvalidInput(f"{field} needs at least {minimum} characters.", code="too_short")
    if len(value) > maximum:
        raise InvalidInput(f"{field} has at most {maximum:,} characters.", code="too_long")
    return value


def _cents(value: int, *, field: str, maximum: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value <= maximum:
        raise InvalidInput(
            f"{field} must be a whole number of cents from 1 to {maximum:,}.",
            code="invalid_amount",
        )
    return value


def job_post(
    *,
    actor: User,
    title: str,
    description: str,
    skills: Iterable[str],
    budget_type: str,
    budget_cents: int,
) -> Job:
    """Post a job. Only people acting as clients post jobs."""
    user_ensure_role(actor, Role.CLIENT)
    title = _text(title, field="The title", minimum=TITLE_MIN_LENGTH, maximum=TITLE_MAX_LENGTH)
    description = _text(
        description,
        field="The description",
        minimum=DESCRIPTION_MIN_LENGTH,
        maximum=DESCRIPTION_MAX_LENGTH,
    )
    if budget_type not in BudgetType.values:
        raise InvalidInput("The budget type is 'fixed' or 'hourly'.", code="invalid_budget_type")
    budget_cents = _cents(budget_cents, field="The budget", maximum=MAX_BUDGET_CENTS)
    with transaction.atomic():
        skill_rows = skills_resolve(skills)
        job = Job.objects.create(
            client=actor,
            title=title,
            description=description,
            budget_type=budget_type,
            budget_cents=budget_cents,
            created_at=clock.now(),
        )
        job.skills.set(skill_rows)
        job_index(job)
        reputation_touch([(actor.pk, Role.CLIENT)])  # the client's jobs posted and open
        after = audit.snapshot(job, JOB_AUDIT_FIELDS) | {"skills": [s.name for s in skill_rows]}
        audit.record(actor=actor, action="job.posted", target=job, after=after)
    return job


def job_get_for_owner(*, actor: User, job_id: int, lock: bool = False) -> Job:
    """The job if ``actor`` posted it; 404 if it does not exist, 403 if it is someone else's."""
    qs = Job.objects.select_for_update() if lock else Job.objects.all()
    job = qs.filter(pk=job_id).first()
    if job is None:
        raise NotFound("No such job.", code="job_not_found")
    if job.client_id != actor.pk:
        raise PermissionDenied(
            "Only the client who posted this job can do this.", code="not_job_owner"
        )
    return job


@transaction.atomic
def job_close(*, actor: User, job_id: int) -> Job:
    """Close a job to new proposals; pending proposals are declined. Contracts carry on."""
    job = job_get_for_owner(actor=actor, job_id=job_id, lock=True)
    if not job.is_open:
        raise Conflict("This job is already closed.", code="job_closed")
    before = audit.snapshot(job, JOB_AUDIT_FIELDS)
    at = clock.now()
    job.status = JobStatus.CLOSED
    job.closed_at = at
    job.save(update_fields=["status", "closed_at"])
    reputation_touch([(job.client_id, Role.CLIENT)])  # the client's open jobs
    audit.record(
        actor=actor,
        action="job.closed",
        target=job,
        before=before,
        after=audit.snapshot(job, JOB_AUDIT_FIELDS),
    )
    pending = list(
        Proposal.objects.select_for_update().filter(job=job, status=ProposalStatus.PENDING)
    )
    Proposal.objects.filter(pk__in=[p.pk for p in pending]).update(
        status=ProposalStatus.DECLINED, decided_at=at
    )
    AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor,
            action="proposal.declined",
            target_type=Proposal._meta.label_lower,
            target_id=proposal.pk,
            before={"status": ProposalStatus.PENDING},
            after={"status": ProposalStatus.DECLINED, "why": "job closed"},
            created_at=at,
        )
        for proposal in pending
    )
    return job


def proposal_submit(*, actor: User, job_id: int, cover_letter: str, bid_cents: int) -> Proposal:
    """Send a proposal: one per freelancer per job, never to one's own job, only while open."""
    user_ensure_role(actor, Role.FREELANCER)
    cover_letter = _text(
        cover_letter,
        field="The cover letter",
        minimum=COVER_LETTER_MIN_LENGTH,
        maximum=COVER_LETTER_MAX_LENGTH,
    )
    bid_cents = _cents(bid_cents, field="The bid", maximum=MAX_BID_CENTS)
    try:
        with transaction.atomic():
            job = Job.objects.select_for_update().filter(pk=job_id).first()
            if job is None:
                raise NotFound("No such job.", code="job_not_found")
            if job.client_id == actor.pk:
                raise PermissionDenied(
                    "You cannot send a proposal to your own job.", code="own_job"
                )
            if not job.is_open:
                raise Conflict("This job is closed to new proposals.", code="job_closed")
            if Proposal.objects.filter(job=job, freelancer=actor).exists():
                raise Conflict(
                    "You have already sent a proposal for this job.", code="proposal_exists"
                )
            proposal = Proposal.objects.create(
                job=job,
                freelancer=actor,
                cover_letter=cover_letter,
                bid_cents=bid_cents,
                created_at=clock.now(),
            )
            audit.record(
                actor=actor,
                action="proposal.submitted",
                target=proposal,
                after=audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS),
            )
    except IntegrityError as exc:  # a racing duplicate lost to the unique constraint
        raise Conflict(
            "You have already sent a proposal for this job.", code="proposal_exists"
        ) from exc
    return proposal


def proposal_get_locked(proposal_id: int) -> Proposal:
    proposal = (
        Proposal.objects.select_for_update().select_related("job").filter(pk=proposal_id).first()
    )
    if proposal is None:
        raise NotFound("No such proposal.", code="proposal_not_found")
    return proposal


def _decide(proposal: Proposal, *, actor: User, status: str, action: str) -> Proposal:
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(
            f"This proposal is already {proposal.get_status_display().lower()}.",
            code="proposal_not_pending",
        )
    before = audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS)
    proposal.status = status
    proposal.decided_at = clock.now()
    proposal.save(update_fields=["status", "decided_at"])
    audit.record(
        actor=actor,
        action=action,
        target=proposal,
        before=before,
        after=audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS),
    )
    return proposal


@transaction.atomic
def proposal_decline(*, actor: User, proposal_id: int) -> Proposal:
    """The job's owner declines a pending proposal."""
    proposal = proposal_get_locked(proposal_id)
    if proposal.job.client_id != actor.pk:
        if proposal.freelancer_id == actor.pk:
            raise PermissionDenied(
                "Only the job's client declines proposals; you can withdraw yours.",
                code="not_job_owner",
            )
        raise NotFound("No such proposal.", code="proposal_not_found")
    return _decide(
        proposal, actor=actor, status=ProposalStatus.DECLINED, action="proposal.declined"
    )


@transaction.atomic
def proposal_withdraw(*, actor: User, proposal_id: int) -> Proposal:
    """The freelancer takes back a pending proposal."""
    proposal = proposal_get_locked(proposal_id)
    if proposal.freelancer_id != actor.pk:
        if proposal.job.client_id == actor.pk:
            raise PermissionDenied(
                "Only the freelancer who sent a proposal can withdraw it.",
                code="not_proposal_author",
            )
        raise NotFound("No such proposal.", code="proposal_not_found")
    return _decide(
        proposal, actor=actor, status=ProposalStatus.WITHDRAWN, action="proposal.withdrawn"
    )
