"""Proposals: who may send, decline and withdraw them, and when."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from tests.conftest import make_job, make_proposal, make_user
from tests.support import audit_events
from twoway.core import clock as clock_module
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.jobs.models import MAX_BID_CENTS, Proposal, ProposalStatus
from twoway.jobs.selectors import (
    proposal_get_for_viewer,
    proposal_list_for_freelancer,
    proposal_list_for_job,
)
from twoway.jobs.services import (
    job_close,
    proposal_decline,
    proposal_submit,
    proposal_withdraw,
)

pytestmark = pytest.mark.django_db


def submit(actor, job, **overrides):
    values: dict[str, Any] = {
        "cover_letter": "I have done this kind of work before.",
        "bid_cents": 90_000,
    }
    values.update(overrides)
    return proposal_submit(actor=actor, job_id=job.pk, **values)


def test_a_freelancer_sends_a_pending_proposal(job, freelancer, clock):
    at = clock.freeze()
    proposal = submit(freelancer, job, cover_letter="  Happy to help with this.  ")
    proposal.refresh_from_db()
    assert proposal.job_id == job.pk
    assert proposal.freelancer_id == freelancer.pk
    assert proposal.status == ProposalStatus.PENDING
    assert proposal.cover_letter == "Happy to help with this."
    assert proposal.bid_cents == 90_000
    assert proposal.created_at == at
    assert proposal.decided_at is None


def test_only_freelancers_send_proposals(job):
    client_only = make_user("client")
    with pytest.raises(PermissionDenied) as caught:
        submit(client_only, job)
    assert caught.value.code == "not_a_freelancer"
    assert not Proposal.objects.exists()


def test_one_proposal_per_job_per_freelancer(job, freelancer):
    submit(freelancer, job)
    with pytest.raises(Conflict) as caught:
        submit(freelancer, job, bid_cents=50_000)
    assert caught.value.code == "proposal_exists"
    assert Proposal.objects.filter(job=job, freelancer=freelancer).count() == 1


def test_a_withdrawn_proposal_still_counts_as_the_one_proposal(job, freelancer):
    first = submit(freelancer, job)
    proposal_withdraw(actor=freelancer, proposal_id=first.pk)
    with pytest.raises(Conflict):
        submit(freelancer, job)


def test_the_same_freelancer_may_propose_on_different_jobs(client_user, freelancer):
    submit(freelancer, make_job(client_user))
    submit(freelancer, make_job(client_user))
    assert Proposal.objects.filter(freelancer=freelancer).count() == 2


def test_the_database_refuses_a_second_proposal_for_the_same_job(proposal):
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.create(
            job=proposal.job,
            freelancer=proposal.freelancer,
            cover_letter="A sneaky second proposal.",
            bid_cents=1_000,
            created_at=clock_module.now(),
        )


def test_the_database_refuses_a_bid_out_of_range(proposal):
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(bid_cents=0)


def test_nobody_proposes_on_their_own_job(stranger):
    own = make_job(stranger)
    with pytest.raises(PermissionDenied) as caught:
        submit(stranger, own)
    assert caught.value.code == "own_job"


def test_nobody_proposes_on_a_closed_job(job, client_user, freelancer):
    job_close(actor=client_user, job_id=job.pk)
    with pytest.raises(Conflict) as caught:
        submit(freelancer, job)
    assert caught.value.code == "job_closed"


def test_proposing_on_a_missing_job_is_not_found(freelancer):
    with pytest.raises(NotFound) as caught:
        proposal_submit(actor=freelancer, job_id=31_337, cover_letter="Hello there!", bid_cents=5)
    assert caught.value.code == "job_not_found"


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("cover_letter", "Too short", "too_short"),
        ("cover_letter", "C" * 5001, "too_long"),
        ("bid_cents", 0, "invalid_amount"),
        ("bid_cents", -1, "invalid_amount"),
        ("bid_cents", MAX_BID_CENTS + 1, "invalid_amount"),
        ("bid_cents", 12.5, "invalid_amount"),
        ("bid_cents", False, "invalid_amount"),
    ],
)
def test_a_proposal_with_bad_values_is_refused(job, freelancer, field, value, code):
    with pytest.raises(InvalidInput) as caught:
        submit(freelancer, job, **{field: value})
    assert caught.value.code == code


def test_bids_and_letters_at_the_limits_are_accepted(client_user, freelancer):
    submit(freelancer, make_job(client_user), cover_letter="C" * 10, bid_cents=1)
    submit(freelancer, make_job(client_user), cover_letter="C" * 5000, bid_cents=MAX_BID_CENTS)
    assert Proposal.objects.filter(freelancer=freelancer).count() == 2


def test_sending_a_proposal_is_audited(job, freelancer):
    proposal = submit(freelancer, job)
    (event,) = audit_events(proposal, "proposal.submitted")
    assert event.actor_id == freelancer.pk
    assert event.after is not None
    assert event.after["job"] == job.pk
    assert event.after["freelancer"] == freelancer.pk
    assert event.after["status"] == "pending"
    assert event.after["bid_cents"] == 90_000


# --- declining --------------------------------------------------------------------------------


def test_the_jobs_owner_declines_a_pending_proposal(proposal, client_user, clock):
    at = clock.freeze()
    declined = proposal_decline(actor=client_user, proposal_id=proposal.pk)
    declined.refresh_from_db()
    assert declined.status == ProposalStatus.DECLINED
    assert declined.decided_at == at
    (event,) = audit_events(proposal, "proposal.declined")
    assert event.actor_id == client_user.pk
    assert event.before is not None
    assert event.after is not None
    assert event.before["status"] == "pending"
    assert event.after["status"] == "declined"


def test_the_author_cannot_decline_their_own_proposal(proposal, freelancer):
    with pytest.raises(PermissionDenied) as caught:
        proposal_decline(actor=freelancer, proposal_id=proposal.pk)
    assert caught.value.code == "not_job_owner"


def test_a_stranger_cannot_even_see_a_proposal_to_decline(proposal, stranger):
    with pytest.raises(NotFound):
        proposal_decline(actor=stranger, proposal_id=proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_declining_a_missing_proposal_is_not_found(client_user):
    with pytest.raises(NotFound):
        proposal_decline(actor=client_user, proposal_id=777_777)


@pytest.mark.parametrize("first", ["decline", "withdraw"])
def test_only_pending_proposals_can_be_declined(proposal, client_user, freelancer, first):
    if first == "decline":
        proposal_decline(actor=client_user, proposal_id=proposal.pk)
    else:
        proposal_withdraw(actor=freelancer, proposal_id=proposal.pk)
    with pytest.raises(Conflict) as caught:
        proposal_decline(actor=client_user, proposal_id=proposal.pk)
    assert caught.value.code == "proposal_not_pending"


# --- withdrawing ------------------------------------------------------------------------------


def test_the_author_withdraws_a_pending_proposal(proposal, freelancer):
    withdrawn = proposal_withdraw(actor=freelancer, proposal_id=proposal.pk)
    withdrawn.refresh_from_db()
    assert withdrawn.status == ProposalStatus.WITHDRAWN
    assert withdrawn.decided_at is not None
    (event,) = audit_events(proposal, "proposal.withdrawn")
    assert event.actor_id == freelancer.pk
    assert event.after is not None
    assert event.after["status"] == "withdrawn"


def test_the_jobs_owner_cannot_withdraw_a_proposal(proposal, client_user):
    with pytest.raises(PermissionDenied) as caught:
        proposal_withdraw(actor=client_user, proposal_id=proposal.pk)
    assert caught.value.code == "not_proposal_author"


def test_a_stranger_cannot_withdraw_a_proposal(proposal, stranger):
    with pytest.raises(NotFound):
        proposal_withdraw(actor=stranger, proposal_id=proposal.pk)


def test_only_pending_proposals_can_be_withdrawn(proposal, client_user, freelancer):
    proposal_decline(actor=client_user, proposal_id=proposal.pk)
    with pytest.raises(Conflict) as caught:
        proposal_withdraw(actor=freelancer, proposal_id=proposal.pk)
    assert caught.value.code == "proposal_not_pending"


# --- reading ----------------------------------------------------------------------------------


def test_only_the_jobs_owner_lists_its_proposals(job, proposal, client_user, freelancer, stranger):
    assert [p.pk for p in proposal_list_for_job(actor=client_user, job_id=job.pk).items] == [
        proposal.pk
    ]
    for outsider in (freelancer, stranger):
        with pytest.raises(PermissionDenied):
            proposal_list_for_job(actor=outsider, job_id=job.pk)
    with pytest.raises(NotFound):
        proposal_list_for_job(actor=client_user, job_id=123_456)


def test_a_proposal_is_visible_to_its_author_and_the_jobs_owner_only(
    proposal, client_user, freelancer, stranger
):
    assert proposal_get_for_viewer(viewer=client_user, proposal_id=proposal.pk) == proposal
    assert proposal_get_for_viewer(viewer=freelancer, proposal_id=proposal.pk) == proposal
    with pytest.raises(NotFound):
        proposal_get_for_viewer(viewer=stranger, proposal_id=proposal.pk)


def test_a_freelancer_lists_only_their_own_proposals(client_user, freelancer, stranger):
    mine = make_proposal(make_job(client_user), freelancer)
    make_proposal(make_job(client_user), stranger)
    assert [p.pk for p in proposal_list_for_freelancer(actor=freelancer).items] == [mine.pk]
