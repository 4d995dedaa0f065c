"""Job pages through Django's test client: board, detail, posting, proposals."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import make_job, make_proposal, make_user
from tests.support import csrf_token_of, logged_in, page_text
from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus

pytestmark = pytest.mark.django_db

NEW_JOB = {
    "title": "Write product descriptions",
    "description": "Forty product descriptions for an online tea shop.",
    "skills": "Copywriting, SEO",
    "budget_type": "fixed",
    "budget_cents": "1,500.50",
}
PROPOSAL = {"cover_letter": "I write about tea every day.", "bid_cents": "1,200"}


# --- board and detail -------------------------------------------------------------------------


def test_the_board_shows_open_jobs_to_anyone(client, client_user):
    open_job = make_job(client_user, title="Open and listed")
    closed = make_job(client_user, title="Closed and hidden")
    closed.status, closed.closed_at = JobStatus.CLOSED, open_job.created_at
    closed.save()
    response = client.get("/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Open and listed" in text
    assert "Closed and hidden" not in text


def test_the_board_filters_by_keyword_and_budget(client, client_user):
    make_job(client_user, title="Logo for a bakery", budget_cents=40_000)
    make_job(client_user, title="Django booking site", budget_cents=900_000)
    text = page_text(client.get("/", {"q": "bakery"}))
    assert "Logo for a bakery" in text
    assert "Django booking site" not in text
    text = page_text(client.get("/", {"budget_min_cents": "5,000"}))
    assert "Django booking site" in text
    assert "Logo for a bakery" not in text


@pytest.mark.parametrize(
    "params",
    [
        {"budget_min_cents": "lots"},
        {"budget_max_cents": "1e30"},
        {"q": "a\x00b"},
        {"cursor": "garbage"},
        {"q": "x" * 1000},
    ],
    ids=["word-budget", "exponent-budget", "nul", "cursor", "long-q"],
)
def test_odd_board_filters_are_not_a_500(client, db, params):
    response = client.get("/", params)
    assert response.status_code in (200, 400, 422)


def test_the_board_answers_htmx_with_the_results_fragment(client, client_user):
    make_job(client_user, title="Fragment job")
    response = client.get("/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Fragment job" in page_text(response)
    assert "<html" not in page_text(response)


def test_a_job_page_is_public_and_invites_anonymous_visitors_to_log_in(client, job):
    response = client.get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    text = page_text(response)
    assert job.title in text
    assert f"/login/?next=/jobs/{job.pk}/" in text


def test_a_missing_job_page_is_a_404(client, db):
    assert client.get("/jobs/424242/").status_code == 404


def test_the_owner_sees_the_proposals_on_their_job(job, proposal, client_user):
    response = logged_in(client_user).get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    assert proposal.cover_letter in page_text(response)
    assert f"/proposals/{proposal.pk}/hire/" in page_text(response)


def test_other_people_never_see_someone_elses_proposal(job, proposal, stranger):
    response = logged_in(stranger).get(f"/jobs/{job.pk}/")
    assert response.status_code == 200
    assert proposal.cover_letter not in page_text(response)
    assert "Send a proposal" in page_text(response)


def test_a_freelancer_sees_their_own_proposal(job, proposal, freelancer):
    response = logged_in(freelancer).get(f"/jobs/{job.pk}/")
    assert "Your proposal" in page_text(response)
    assert proposal.cover_letter in page_text(response)


# --- posting a job ----------------------------------------------------------------------------


def test_posting_a_job_from_the_page_reads_dollars_into_cents(client_user):
    browser = logged_in(client_user)
    assert browser.get("/jobs/new/").status_code == 200
    response = browser.post("/jobs/new/", NEW_JOB)
    assert response.status_code == 302
    job = Job.objects.get()
    assert response["Location"] == f"/jobs/{job.pk}/"
    assert job.budget_cents == 150_050
    assert job.client_id == client_user.pk
    assert sorted(s.name for s in job.skills.all()) == ["Copywriting", "SEO"]


@pytest.mark.parametrize(
    ("amount", "cents"),
    [("1500", 150_000), ("$1,500", 150_000), ("99.5", 9_950), (" 0.01 ", 1), ("1 000", 100_000)],
)
def test_the_budget_accepts_the_ways_people_type_dollars(client_user, amount, cents):
    logged_in(client_user).post("/jobs/new/", NEW_JOB | {"budget_cents": amount})
    assert Job.objects.get().budget_cents == cents


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"budget_cents": "abc"}, "Enter an amount in dollars"),
        ({"budget_cents": "1.234"}, "Use at most two decimals"),
        ({"budget_cents": "0"}, "The least is $0.01."),
        ({"budget_cents": "-5"}, "The least is $0.01."),
        ({"budget_cents": "2,000,000"}, "The most is $1,000,000.00."),
        ({"budget_cents": "1e30"}, ""),
        ({"budget_cents": "NaN"}, ""),
        ({"budget_cents": "Infinity"}, ""),
        ({"budget_cents": "9" * 25}, ""),
        ({"budget_cents": ""}, "This field is required."),
        ({"title": "Logo"}, "at least 5 characters"),
        ({"description": "Too short."}, "at least 20 characters"),
        ({"budget_type": "monthly"}, "Select a valid choice"),
        ({"skills": ", ".join(f"s{n}" for n in range(16))}, "List at most 15 skills."),
        ({"title": "Nul \x00 byte title"}, "Null characters are not allowed."),
    ],
    ids=lambda v: repr(v)[:40],
)
def test_job_form_errors_re_render_with_400_and_the_message(client_user, change, message):
    response = logged_in(client_user).post("/jobs/new/", NEW_JOB | change)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Job.objects.exists()


def test_a_freelancer_posting_a_job_is_told_why_not(freelancer):
    response = logged_in(freelancer).post("/jobs/new/", NEW_JOB)
    assert response.status_code == 400
    assert "Only people acting as a client can do this" in page_text(response)
    assert not Job.objects.exists()


def test_posting_a_job_needs_a_login(client, db):
    response = client.get("/jobs/new/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/jobs/new/"
    client.post("/jobs/new/", NEW_JOB)
    assert not Job.objects.exists()


def test_posting_a_job_without_a_csrf_token_is_rejected(client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    assert browser.post("/jobs/new/", NEW_JOB).status_code == 403
    token = csrf_token_of(browser)
    assert browser.post("/jobs/new/", NEW_JOB | {"csrfmiddlewaretoken": token}).status_code == 302
    assert Job.objects.count() == 1


# --- closing ------------------------------------------------------------------------------------


def test_the_owner_closes_a_job_from_the_page(job, proposal, client_user):
    response = logged_in(client_user).post(f"/jobs/{job.pk}/close/")
    assert response.status_code == 302
    job.refresh_from_db()
    proposal.refresh_from_db()
    assert job.status == JobStatus.CLOSED
    assert proposal.status == ProposalStatus.DECLINED


def test_someone_else_cannot_close_a_job_from_the_page(job, stranger):
    response = logged_in(stranger).post(f"/jobs/{job.pk}/close/")
    assert response.status_code == 403
    job.refresh_from_db()
    assert job.is_open


def test_closing_twice_from_the_page_is_a_409_page(job, client_user):
    browser = logged_in(client_user)
    browser.post(f"/jobs/{job.pk}/close/")
    response = browser.post(f"/jobs/{job.pk}/close/")
    assert response.status_code == 409
    assert "This job is already closed." in page_text(response)


# --- proposals ----------------------------------------------------------------------------------


def test_sending_a_proposal_from_the_page(job, freelancer):
    response = logged_in(freelancer).post(f"/jobs/{job.pk}/proposals/", PROPOSAL)
    assert response.status_code == 302
    assert response["Location"] == f"/jobs/{job.pk}/"
    proposal = Proposal.objects.get()
    assert proposal.freelancer_id == freelancer.pk
    assert proposal.bid_cents == 120_000


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bid_cents": "free"}, "Enter an amount in dollars"),
        ({"bid_cents": "1e30"}, ""),
        ({"cover_letter": "Hi"}, "at least 10 characters"),
        ({"cover_letter": "C" * 5001}, "at most 5000 characters"),
    ],
    ids=lambda v: repr(v)[:30],
)
def test_proposal_form_errors_re_render_with_400(job, freelancer, change, message):
    response = logged_in(freelancer).post(f"/jobs/{job.pk}/proposals/", PROPOSAL | change)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Proposal.objects.exists()


def test_a_second_proposal_from_the_page_says_why(job, proposal, freelancer):
    response = logged_in(freelancer).post(f"/jobs/{job.pk}/proposals/", PROPOSAL)
    assert response.status_code == 400
    assert "You have already sent a proposal for this job." in page_text(response)


def test_proposing_on_your_own_job_from_the_page_says_why(stranger):
    own = make_job(stranger)
    response = logged_in(stranger).post(f"/jobs/{own.pk}/proposals/", PROPOSAL)
    assert response.status_code == 400
    assert "You cannot send a proposal to your own job." in page_text(response)


def test_proposing_on_a_missing_job_from_the_page_is_a_404(freelancer):
    assert logged_in(freelancer).post("/jobs/999999/proposals/", PROPOSAL).status_code == 404


def test_the_owner_declines_from_the_page(proposal, client_user):
    response = logged_in(client_user).post(f"/proposals/{proposal.pk}/decline/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECLINED


def test_the_author_cannot_decline_from_the_page(proposal, freelancer):
    response = logged_in(freelancer).post(f"/proposals/{proposal.pk}/decline/")
    assert response.status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_the_author_withdraws_from_the_page(proposal, freelancer, stranger):
    assert logged_in(stranger).post(f"/proposals/{proposal.pk}/withdraw/").status_code == 404
    response = logged_in(freelancer).post(f"/proposals/{proposal.pk}/withdraw/")
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_decline_and_withdraw_need_a_post(proposal, client_user, freelancer):
    assert logged_in(client_user).get(f"/proposals/{proposal.pk}/decline/").status_code == 405
    assert logged_in(freelancer).get(f"/proposals/{proposal.pk}/withdraw/").status_code == 405


def test_proposal_forms_without_a_csrf_token_are_rejected(job, proposal, freelancer, client_user):
    freelancer_browser = logged_in(freelancer, enforce_csrf_checks=True)
    other_job = make_job(client_user)
    assert freelancer_browser.post(f"/jobs/{other_job.pk}/proposals/", PROPOSAL).status_code == 403
    owner_browser = logged_in(client_user, enforce_csrf_checks=True)
    assert owner_browser.post(f"/proposals/{proposal.pk}/decline/").status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
    assert Proposal.objects.count() == 1


# --- my pages -----------------------------------------------------------------------------------


def test_my_jobs_lists_only_mine(client_user, stranger):
    make_job(client_user, title="Carol's own job")
    make_job(stranger, title="Sam's job elsewhere")
    text = page_text(logged_in(client_user).get("/my/jobs/"))
    assert "Carol's own job" in text
    assert "Sam's job elsewhere" not in text


def test_my_proposals_lists_only_mine(client_user, freelancer):
    make_proposal(make_job(client_user, title="Fred applied here"), freelancer)
    make_proposal(make_job(client_user, title="Someone else applied"), make_user("freelancer"))
    response = logged_in(freelancer).get("/my/proposals/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Fred applied here" in text
    assert "Someone else applied" not in text


def test_anonymous_form_posts_go_to_log_in(client, proposal):
    for path in (
        f"/jobs/{proposal.job_id}/proposals/",
        f"/jobs/{proposal.job_id}/close/",
        f"/proposals/{proposal.pk}/decline/",
        f"/proposals/{proposal.pk}/withdraw/",
    ):
        response = Client().post(path, PROPOSAL)
        assert response.status_code == 302
        assert response["Location"].startswith("/login/?next=")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING
