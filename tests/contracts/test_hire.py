"""Hiring: a pending proposal on an open job becomes a contract between exactly two people."""

from __future__ import annotations

import pytest

from tests.conftest import make_job, make_proposal
from tests.support import audit_events
from twoway.contracts.models import Contract, ContractStatus
from twoway.contracts.services import proposal_hire
from twoway.core import clock as clock_module
from twoway.core.errors import Conflict, NotFound, PermissionDenied
from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus
from twoway.jobs.services import proposal_decline, proposal_withdraw

pytestmark = pytest.mark.django_db


def test_hiring_makes_a_contract_between_the_client_and_the_freelancer(
    job, proposal, client_user, freelancer, clock
):
    at = clock.freeze()
    contract = proposal_hire(actor=client_user, proposal_id=proposal.pk)
    contract.refresh_from_db()
    assert contract.client_id == client_user.pk
    assert contract.freelancer_id == freelancer.pk
    assert contract.job_id == job.pk
    assert contract.proposal_id == proposal.pk
    assert contract.title == job.title
    assert contract.budget_type == job.budget_type
    assert contract.rate_cents == proposal.bid_cents
    assert contract.status == ContractStatus.ACTIVE
    assert contract.is_active
    assert contract.started_at == at
    assert contract.ended_at is None
    assert contract.feedback_window_closes_at is None
    assert contract.total_paid_cents == 0


def test_the_hired_proposal_is_marked_hired(proposal, client_user, clock):
    at = clock.freeze()
    proposal_hire(actor=client_user, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED
    assert proposal.decided_at == at


def test_only_the_jobs_owner_can_hire(proposal, freelancer, stranger):
    with pytest.raises(PermissionDenied) as caught:
        proposal_hire(actor=freelancer, proposal_id=proposal.pk)
    assert caught.value.code == "not_job_owner"
    with pytest.raises(NotFound):
        proposal_hire(actor=stranger, proposal_id=proposal.pk)
    assert not Contract.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_hiring_a_missing_proposal_is_not_found(client_user):
    with pytest.raises(NotFound):
        proposal_hire(actor=client_user, proposal_id=55_555)


@pytest.mark.parametrize("how", ["declined", "withdrawn", "hired"])
def test_only_a_pending_proposal_can_be_hired(proposal, client_user, freelancer, how):
    if how == "declined":
        proposal_decline(actor=client_user, proposal_id=proposal.pk)
    elif how == "withdrawn":
        proposal_withdraw(actor=freelancer, proposal_id=proposal.pk)
    else:
        proposal_hire(actor=client_user, proposal_id=proposal.pk)
    with pytest.raises(Conflict) as caught:
        proposal_hire(actor=client_user, proposal_id=proposal.pk)
    assert caught.value.code == "proposal_not_pending"
    assert Contract.objects.count() == (1 if how == "hired" else 0)


def test_nobody_is_hired_on_a_closed_job(job, proposal, client_user):
    # job_close declines pending proposals; close it behind the service's back to test the rule.
    Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED, closed_at=clock_module.now())
    with pytest.raises(Conflict) as caught:
        proposal_hire(actor=client_user, proposal_id=proposal.pk)
    assert caught.value.code == "job_closed"
    assert not Contract.objects.exists()


def test_nobody_can_hire_themselves(stranger):
    # proposal_submit refuses one's own job, so plant the proposal directly.
    job = make_job(stranger)
    own = Proposal.objects.create(
        job=job,
        freelancer=stranger,
        cover_letter="Hiring myself.",
        bid_cents=1_000,
        created_at=clock_module.now(),
    )
    with pytest.raises(Conflict) as caught:
        proposal_hire(actor=stranger, proposal_id=own.pk)
    assert caught.value.code == "self_contract"
    assert not Contract.objects.exists()


def test_a_deactivated_freelancer_cannot_be_hired(proposal, client_user, freelancer):
    freelancer.is_active = False
    freelancer.save(update_fields=["is_active"])
    with pytest.raises(Conflict) as caught:
        proposal_hire(actor=client_user, proposal_id=proposal.pk)
    assert caught.value.code == "account_inactive"


def test_a_client_may_hire_several_freelancers_for_one_job(job, client_user, freelancer, stranger):
    first = proposal_hire(actor=client_user, proposal_id=make_proposal(job, freelancer).pk)
    second = proposal_hire(actor=client_user, proposal_id=make_proposal(job, stranger).pk)
    assert {first.freelancer_id, second.freelancer_id} == {freelancer.pk, stranger.pk}


def test_hiring_is_audited_on_the_proposal_and_the_contract(proposal, client_user, freelancer):
    contract = proposal_hire(actor=client_user, proposal_id=proposal.pk)
    (hired,) = audit_events(proposal, "proposal.hired")
    assert hired.actor_id == client_user.pk
    assert hired.before is not None
    assert hired.after is not None
    assert hired.before["status"] == "pending"
    assert hired.after["status"] == "hired"
    (started,) = audit_events(contract, "contract.started")
    assert started.actor_id == client_user.pk
    assert started.before is None
    assert started.after is not None
    assert started.after["client"] == client_user.pk
    assert started.after["freelancer"] == freelancer.pk
    assert started.after["status"] == "active"
    assert started.after["rate_cents"] == proposal.bid_cents
