"""Jobs, proposals and contracts through /api/v1: status codes, shapes and cursors."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from tests.conftest import make_contract, make_job, make_proposal, make_user
from twoway.contracts.models import Contract
from twoway.jobs.models import Job, Proposal

pytestmark = pytest.mark.django_db

JOB = {
    "title": "Build a booking website",
    "description": "A small Django site with a booking calendar.",
    "skills": ["Django", "htmx"],
    "budget_type": "fixed",
    "budget_cents": 150_050,
}


def parse_time(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def test_posting_a_job_returns_201_with_the_job_and_the_clients_record(api, client_user):
    response = api(client_user).post("/jobs", JOB)
    assert response.status_code == 201
    body = response.json()
    job = Job.objects.get(pk=body["id"])
    assert job.client_id == client_user.pk
    assert body["title"] == JOB["title"]
    assert body["skills"] == ["Django", "htmx"]
    assert body["budget_type"] == "fixed"
    assert body["budget_cents"] == 150_050
    assert body["status"] == "open"
    assert body["closed_at"] is None
    client = body["client"]
    assert client["id"] == client_user.pk
    assert client["display_name"] == "Carol Client"
    assert client["jobs_posted"] == 1
    assert client["open_jobs"] == 1
    assert client["hires"] == 0
    assert client["hire_rate"] == 0
    assert client["total_spent_cents"] == 0
    assert client["payment_verified"] is False


def test_times_are_iso_8601_utc(api, client_user):
    body = api(client_user).post("/jobs", JOB).json()
    created = parse_time(body["created_at"])
    assert created.utcoffset() == timedelta(0)


def test_a_freelancer_cannot_post_a_job(api, freelancer):
    response = api(freelancer).post("/jobs", JOB)
    assert response.status_code == 403
    assert response.json()["code"] == "not_a_client"


def test_a_job_reads_with_its_clients_record(api, client_user, freelancer):
    make_contract(client_user, freelancer, paid_cents=12_345)
    job = make_job(client_user)
    body = api(None).get(f"/jobs/{job.pk}").json()
    assert body["id"] == job.pk
    assert body["client"]["total_spent_cents"] == 12_345
    assert body["client"]["hires"] == 1
    assert body["client"]["jobs_posted"] == 2
    assert body["client"]["hire_rate"] == 0.5


def test_a_missing_job_is_a_404_with_a_code(api, db):
    response = api(None).get("/jobs/424242")
    assert response.status_code == 404
    assert response.json() == {"code": "job_not_found", "message": "No such job."}


def test_the_job_list_has_items_and_next(api, client_user):
    make_job(client_user)
    body = api(None).get("/jobs").json()
    assert set(body) == {"items", "next"}
    assert len(body["items"]) == 1
    assert body["next"] is None


def test_the_job_list_filters(api, client_user):
    logo = make_job(client_user, title="Logo for a bakery", skills=["Figma"], budget_cents=40_000)
    make_job(client_user, title="Django booking site", skills=["Django"], budget_cents=900_000)
    anon = api(None)
    assert [j["id"] for j in anon.get("/jobs", q="bakery").json()["items"]] == [logo.pk]
    assert [j["id"] for j in anon.get("/jobs", skill="figma").json()["items"]] == [logo.pk]
    assert [j["id"] for j in anon.get("/jobs", budget_max_cents=50_000).json()["items"]] == [
        logo.pk
    ]
    assert len(anon.get("/jobs", budget_min_cents=50_000).json()["items"]) == 1


def test_the_job_list_pages_through_every_open_job_by_cursor(api, client_user, stranger, clock):
    clock.freeze()
    posted = [make_job(client_user if n % 2 else stranger) for n in range(12)]
    clock.advance(seconds=1)
    posted += [make_job(client_user) for _ in range(5)]
    closed = make_job(client_user)
    closed.status, closed.closed_at = "closed", clock.now()
    closed.save()
    anon = api(None)
    seen: list[int] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 5} | ({"cursor": cursor} if cursor else {})
        body = anon.get("/jobs", **params).json()
        assert len(body["items"]) <= 5
        seen += [j["id"] for j in body["items"]]
        cursor = body["next"]
        if cursor is None:
            break
    expected = sorted(posted, key=lambda j: (j.created_at, j.pk), reverse=True)
    assert seen == [j.pk for j in expected]


def test_the_job_list_ignores_the_caller(api, client_user, freelancer):
    make_job(client_user)
    assert api(freelancer).get("/jobs").json() == api(None).get("/jobs").json()


def test_a_job_closes_through_the_api(api, client_user, freelancer, job):
    pending = make_proposal(job, freelancer)
    response = api(client_user).post(f"/jobs/{job.pk}/close")
    assert response.status_code == 200
    assert response.json()["status"] == "closed"
    assert response.json()["closed_at"] is not None
    pending.refresh_from_db()
    assert pending.status == "declined"
    again = api(client_user).post(f"/jobs/{job.pk}/close")
    assert again.status_code == 409
    assert again.json()["code"] == "job_closed"


# --- proposals --------------------------------------------------------------------------------


def test_sending_a_proposal_returns_201(api, job, freelancer):
    response = api(freelancer).post(
        f"/jobs/{job.pk}/proposals", {"cover_letter": "I can do this well.", "bid_cents": 99_000}
    )
    assert response.status_code == 201
    body = response.json()
    proposal = Proposal.objects.get(pk=body["id"])
    assert proposal.freelancer_id == freelancer.pk
    assert body["job_id"] == job.pk
    assert body["job_title"] == job.title
    assert body["freelancer"]["id"] == freelancer.pk
    assert body["status"] == "pending"
    assert body["contract_id"] is None


def test_a_second_proposal_is_a_409(api, proposal, freelancer):
    response = api(freelancer).post(
        f"/jobs/{proposal.job_id}/proposals", {"cover_letter": "Me again, hello.", "bid_cents": 1}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "proposal_exists"


def test_the_jobs_owner_lists_its_proposals(api, job, proposal, client_user):
    body = api(client_user).get(f"/jobs/{job.pk}/proposals").json()
    assert body["next"] is None
    assert [p["id"] for p in body["items"]] == [proposal.pk]
    assert body["items"][0]["cover_letter"] == proposal.cover_letter


def test_a_freelancer_lists_their_proposals_with_status_and_contract(api, client_user, freelancer):
    contract = make_contract(client_user, freelancer)
    pending = make_proposal(make_job(client_user), freelancer)
    items = api(freelancer).get("/proposals").json()["items"]
    by_id = {p["id"]: p for p in items}
    assert by_id[contract.proposal_id]["status"] == "hired"
    assert by_id[contract.proposal_id]["contract_id"] == contract.pk
    assert by_id[pending.pk]["status"] == "pending"
    assert by_id[pending.pk]["contract_id"] is None


def test_decline_and_withdraw_return_the_proposal(api, job, client_user, freelancer, stranger):
    to_decline = make_proposal(job, freelancer)
    to_withdraw = make_proposal(job, stranger)
    declined = api(client_user).post(f"/proposals/{to_decline.pk}/decline")
    assert declined.status_code == 200
    assert declined.json()["status"] == "declined"
    withdrawn = api(stranger).post(f"/proposals/{to_withdraw.pk}/withdraw")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["status"] == "withdrawn"
    again = api(client_user).post(f"/proposals/{to_decline.pk}/decline")
    assert again.status_code == 409
    assert again.json()["code"] == "proposal_not_pending"


# --- contracts --------------------------------------------------------------------------------


def test_hiring_returns_201_with_the_contract(api, proposal, client_user, freelancer):
    response = api(client_user).post(f"/proposals/{proposal.pk}/hire")
    assert response.status_code == 201
    body = response.json()
    contract = Contract.objects.get(pk=body["id"])
    assert contract.proposal_id == proposal.pk
    assert body["client"]["id"] == client_user.pk
    assert body["freelancer"]["id"] == freelancer.pk
    assert body["status"] == "active"
    assert body["rate_cents"] == proposal.bid_cents
    assert body["payments"] == []
    assert body["total_paid_cents"] == 0
    assert body["feedback_window_closes_at"] is None


def test_recording_payments_returns_201_and_keeps_the_total(api, contract, client_user):
    caller = api(client_user)
    first = caller.post(f"/contracts/{contract.pk}/payments", {"amount_cents": 10_000})
    assert first.status_code == 201
    assert first.json()["amount_cents"] == 10_000
    assert first.json()["contract_id"] == contract.pk
    caller.post(f"/contracts/{contract.pk}/payments", {"amount_cents": 2_500, "memo": "extra"})
    detail = caller.get(f"/contracts/{contract.pk}").json()
    assert detail["total_paid_cents"] == 12_500
    assert [p["amount_cents"] for p in detail["payments"]] == [2_500, 10_000]
    listed = caller.get(f"/contracts/{contract.pk}/payments").json()
    assert [p["memo"] for p in listed] == ["extra", ""]


def test_ending_returns_the_contract_with_its_window(api, contract, freelancer, clock, settings):
    settings.FEEDBACK_WINDOW = timedelta(seconds=10)
    at = clock.freeze()
    response = api(freelancer).post(f"/contracts/{contract.pk}/end", {"reason": "cancelled"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ended"
    assert body["ended_by_id"] == freelancer.pk
    assert body["end_reason"] == "cancelled"
    # JSON times carry milliseconds.
    ended_at = parse_time(body["ended_at"])
    assert abs(ended_at - at) < timedelta(milliseconds=1)
    assert parse_time(body["feedback_window_closes_at"]) - ended_at == timedelta(seconds=10)


def test_ending_without_a_body_uses_the_default_reason(api, contract, client_user):
    response = api(client_user).post(f"/contracts/{contract.pk}/end")
    assert response.status_code == 200
    assert response.json()["end_reason"] == "completed"


def test_ending_twice_or_paying_after_the_end_is_a_409(api, contract, client_user):
    caller = api(client_user)
    caller.post(f"/contracts/{contract.pk}/end")
    again = caller.post(f"/contracts/{contract.pk}/end")
    assert again.status_code == 409
    assert again.json()["code"] == "contract_ended"
    paid = caller.post(f"/contracts/{contract.pk}/payments", {"amount_cents": 100})
    assert paid.status_code == 409


def test_the_contract_list_shows_the_callers_contracts_only(api, client_user, freelancer, stranger):
    mine = make_contract(client_user, freelancer)
    make_contract(stranger, make_user("freelancer"))
    body = api(client_user).get("/contracts").json()
    assert set(body) == {"items", "next"}
    assert [c["id"] for c in body["items"]] == [mine.pk]
    assert api(stranger).get("/contracts").json()["items"][0]["id"] != mine.pk


def test_the_contract_list_filters_by_status_and_role(api, client_user, stranger, freelancer):
    ended = make_contract(stranger, freelancer, ended=True)
    working = make_contract(client_user, stranger)
    caller = api(stranger)
    assert [c["id"] for c in caller.get("/contracts", status="ended").json()["items"]] == [ended.pk]
    assert [c["id"] for c in caller.get("/contracts", role="freelancer").json()["items"]] == [
        working.pk
    ]
    assert caller.get("/contracts", status="paused").status_code == 422


def test_the_contract_list_pages_by_cursor(api, client_user, freelancer, clock):
    clock.freeze()
    contracts = [make_contract(client_user, freelancer) for _ in range(7)]
    caller = api(freelancer)
    first = caller.get("/contracts", limit=3).json()
    second = caller.get("/contracts", limit=3, cursor=first["next"]).json()
    third = caller.get("/contracts", limit=3, cursor=second["next"]).json()
    assert third["next"] is None
    seen = [c["id"] for page in (first, second, third) for c in page["items"]]
    assert seen == sorted((c.pk for c in contracts), reverse=True)


def test_the_openapi_schema_and_docs_are_served(api, db):
    schema = api(None).get("/openapi.json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in (
        "/api/v1/auth/signup",
        "/api/v1/jobs",
        "/api/v1/jobs/{job_id}/proposals",
        "/api/v1/proposals/{proposal_id}/hire",
        "/api/v1/contracts/{contract_id}/payments",
        "/api/v1/contracts/{contract_id}/end",
    ):
        assert path in paths
    assert api(None).get("/docs").status_code == 200
