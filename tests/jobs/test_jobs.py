"""Posting and closing jobs."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from tests.conftest import make_job, make_proposal, make_user
from tests.support import audit_events
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.jobs.models import MAX_BUDGET_CENTS, Job, JobStatus, Proposal, ProposalStatus
from twoway.jobs.selectors import job_get, job_list_for_client, job_list_open
from twoway.jobs.services import job_close, proposal_withdraw

pytestmark = pytest.mark.django_db


def test_a_client_posts_an_open_job(client_user, clock):
    at = clock.freeze()
    job = make_job(client_user, title="  Logo design  ", skills=["Figma", "figma", "Branding"])
    job.refresh_from_db()
    assert job.client_id == client_user.pk
    assert job.title == "Logo design"
    assert job.status == JobStatus.OPEN
    assert job.is_open
    assert job.created_at == at
    assert job.closed_at is None
    assert [s.name for s in job.skills.order_by("name")] == ["Branding", "Figma"]


def test_only_clients_post_jobs(freelancer):
    with pytest.raises(PermissionDenied) as caught:
        make_job(freelancer)
    assert caught.value.code == "not_a_client"
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "code"),
    [
        ("title", "Logo", "too_short"),
        ("title", "   Logo   ", "too_short"),
        ("title", "T" * 121, "too_long"),
        ("description", "Too short to say.", "too_short"),
        ("description", "D" * 10_001, "too_long"),
        ("budget_type", "monthly", "invalid_budget_type"),
        ("budget_cents", 0, "invalid_amount"),
        ("budget_cents", -100, "invalid_amount"),
        ("budget_cents", MAX_BUDGET_CENTS + 1, "invalid_amount"),
        ("budget_cents", 100.5, "invalid_amount"),
        ("budget_cents", True, "invalid_amount"),
        ("budget_cents", "1000", "invalid_amount"),
        ("skills", ["S" * 41], "skill_too_long"),
        ("skills", [f"skill{n}" for n in range(16)], "too_many_skills"),
    ],
)
def test_a_job_with_bad_values_is_refused(client_user, field, value, code):
    with pytest.raises(InvalidInput) as caught:
        make_job(client_user, **{field: value})
    assert caught.value.code == code
    assert not Job.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Logos"),
        ("title", "T" * 120),
        ("description", "D" * 20),
        ("description", "D" * 10_000),
        ("budget_cents", 1),
        ("budget_cents", MAX_BUDGET_CENTS),
        ("budget_type", "hourly"),
    ],
)
def test_jobs_at_the_limits_are_accepted(client_user, field, value):
    job = make_job(client_user, **{field: value})
    assert getattr(job, field) == value


def test_the_database_refuses_an_out_of_range_budget(job):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(budget_cents=0)


def test_the_database_refuses_a_closed_job_without_a_close_time(job):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.filter(pk=job.pk).update(status=JobStatus.CLOSED)


def test_posting_a_job_is_audited(client_user):
    job = make_job(client_user, skills=["Django"])
    (event,) = audit_events(job, "job.posted")
    assert event.actor_id == client_user.pk
    assert event.before is None
    assert event.after is not None
    assert event.after["title"] == job.title
    assert event.after["budget_cents"] == job.budget_cents
    assert event.after["status"] == "open"
    assert event.after["skills"] == ["Django"]


# --- closing ----------------------------------------------------------------------------------


def test_the_owner_closes_a_job(job, client_user, clock):
    at = clock.freeze()
    closed = job_close(actor=client_user, job_id=job.pk)
    closed.refresh_from_db()
    assert closed.status == JobStatus.CLOSED
    assert closed.closed_at == at


@pytest.mark.parametrize("who", ["freelancer", "stranger"])
def test_only_the_jobs_owner_can_close_it(job, who, request):
    actor = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied) as caught:
        job_close(actor=actor, job_id=job.pk)
    assert caught.value.code == "not_job_owner"
    job.refresh_from_db()
    assert job.is_open
    assert audit_events(job, "job.closed") == []


def test_closing_a_missing_job_is_not_found(client_user):
    with pytest.raises(NotFound):
        job_close(actor=client_user, job_id=424_242)


def test_a_job_cannot_be_closed_twice(job, client_user):
    job_close(actor=client_user, job_id=job.pk)
    with pytest.raises(Conflict) as caught:
        job_close(actor=client_user, job_id=job.pk)
    assert caught.value.code == "job_closed"
    assert len(audit_events(job, "job.closed")) == 1


def test_closing_a_job_declines_only_its_pending_proposals(job, client_user, freelancer, clock):
    pending = make_proposal(job, freelancer)
    withdrawn = make_proposal(job, make_user("freelancer"))
    proposal_withdraw(actor=withdrawn.freelancer, proposal_id=withdrawn.pk)
    elsewhere = make_proposal(make_job(client_user), make_user("freelancer"))
    at = clock.freeze()
    job_close(actor=client_user, job_id=job.pk)
    pending.refresh_from_db()
    withdrawn.refresh_from_db()
    elsewhere.refresh_from_db()
    assert pending.status == ProposalStatus.DECLINED
    assert pending.decided_at == at
    assert withdrawn.status == ProposalStatus.WITHDRAWN
    assert elsewhere.status == ProposalStatus.PENDING


def test_closing_a_job_audits_the_job_and_each_declined_proposal(job, client_user, freelancer):
    pending = make_proposal(job, freelancer)
    job_close(actor=client_user, job_id=job.pk)
    (closed,) = audit_events(job, "job.closed")
    assert closed.actor_id == client_user.pk
    assert closed.before is not None
    assert closed.after is not None
    assert closed.before["status"] == "open"
    assert closed.after["status"] == "closed"
    assert closed.after["closed_at"] is not None
    (declined,) = audit_events(pending, "proposal.declined")
    assert declined.actor_id == client_user.pk
    assert declined.before == {"status": "pending"}
    assert declined.after == {"status": "declined", "why": "job closed"}


# --- selectors ------------------------------------------------------------------------------


def test_the_board_lists_open_jobs_newest_first(client_user, clock):
    first = make_job(client_user)
    clock.advance(minutes=1)
    second = make_job(client_user)
    clock.advance(minutes=1)
    closed = make_job(client_user)
    job_close(actor=client_user, job_id=closed.pk)
    assert [j.pk for j in job_list_open().items] == [second.pk, first.pk]


def test_the_board_filters_by_words_skill_and_budget(client_user):
    logo = make_job(
        client_user,
        title="Logo design",
        description="A friendly logo for a bakery.",
        skills=["Figma"],
        budget_cents=50_000,
    )
    site = make_job(client_user, title="Django site", skills=["Django"], budget_cents=500_000)
    assert [j.pk for j in job_list_open(q="bakery logo").items] == [logo.pk]
    assert [j.pk for j in job_list_open(q="bakery django").items] == []
    assert [j.pk for j in job_list_open(skill="DJANGO").items] == [site.pk]
    assert [j.pk for j in job_list_open(budget_min_cents=100_000).items] == [site.pk]
    assert [j.pk for j in job_list_open(budget_max_cents=100_000).items] == [logo.pk]


def test_a_clients_own_list_includes_closed_jobs_and_filters_by_status(client_user, stranger):
    open_job = make_job(client_user)
    closed = make_job(client_user)
    make_job(stranger)
    job_close(actor=client_user, job_id=closed.pk)
    assert {j.pk for j in job_list_for_client(client=client_user).items} == {
        open_job.pk,
        closed.pk,
    }
    assert [j.pk for j in job_list_for_client(client=client_user, status="open").items] == [
        open_job.pk
    ]


def test_a_missing_job_is_not_found(db):
    with pytest.raises(NotFound) as caught:
        job_get(job_id=999_999)
    assert caught.value.code == "job_not_found"


def test_proposals_cannot_be_deleted_while_their_job_exists(proposal):
    # PROTECT keeps history: a job with proposals cannot be deleted out from under them.
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        proposal.job.delete()
    assert Proposal.objects.filter(pk=proposal.pk).exists()
