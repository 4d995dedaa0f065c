"""List endpoints run a fixed number of queries however many rows they return (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_contract, make_job, make_proposal, make_user
from twoway.contracts.services import payment_record

pytestmark = pytest.mark.django_db


def queries_for(caller, path, **params):
    with CaptureQueriesContext(connection) as captured:
        response = caller.get(path, **params)
    assert response.status_code == 200, response.content
    return len(captured), response.json()


def test_the_job_list_does_not_grow_queries_with_jobs_or_clients(
    api, client_user, django_assert_max_num_queries
):
    anon = api(None)
    make_job(client_user, skills=["Django"])
    few, _ = queries_for(anon, "/jobs")
    clients = [make_user("client") for _ in range(5)]
    for n in range(19):
        make_job(clients[n % 5], skills=["Django", f"Skill {n}"])
    many, body = queries_for(anon, "/jobs")
    assert len(body["items"]) == 20
    assert len({job["client"]["id"] for job in body["items"]}) == 6
    assert many == few
    with django_assert_max_num_queries(8):
        anon.get("/jobs")


def test_the_job_list_for_a_signed_in_caller_stays_flat(
    api, client_user, freelancer, django_assert_max_num_queries
):
    caller = api(freelancer)
    caller.get("/me")  # touch the token now, so the count below is steady-state
    for n in range(20):
        make_job(client_user if n % 2 else make_user("client"), skills=["Go"])
    with django_assert_max_num_queries(9):
        response = caller.get("/jobs")
    assert len(response.json()["items"]) == 20


def test_the_contract_list_does_not_grow_queries_with_contracts(
    api, client_user, freelancer, django_assert_max_num_queries
):
    caller = api(freelancer)
    caller.get("/me")
    make_contract(client_user, freelancer)
    few, _ = queries_for(caller, "/contracts")
    for _ in range(9):
        contract = make_contract(make_user("client"), freelancer, ended=True)
        assert contract.ended_by_id is not None
    many, body = queries_for(caller, "/contracts")
    assert len(body["items"]) == 10
    assert many == few
    with django_assert_max_num_queries(4):
        caller.get("/contracts")


def test_a_jobs_proposal_list_does_not_grow_queries_with_proposals(
    api, client_user, django_assert_max_num_queries
):
    caller = api(client_user)
    caller.get("/me")
    job = make_job(client_user)
    make_proposal(job, make_user("freelancer"))
    few, _ = queries_for(caller, f"/jobs/{job.pk}/proposals")
    for _ in range(11):
        make_proposal(job, make_user("freelancer"))
    from twoway.contracts.services import proposal_hire

    hired = job.proposals.order_by("id").first()
    assert hired is not None
    proposal_hire(actor=client_user, proposal_id=hired.pk)
    many, body = queries_for(caller, f"/jobs/{job.pk}/proposals")
    assert len(body["items"]) == 12
    assert any(p["contract_id"] for p in body["items"])
    assert many == few
    with django_assert_max_num_queries(6):
        caller.get(f"/jobs/{job.pk}/proposals")


def test_my_proposal_list_does_not_grow_queries_with_proposals(
    api, freelancer, django_assert_max_num_queries
):
    caller = api(freelancer)
    caller.get("/me")
    make_proposal(make_job(make_user("client")), freelancer)
    few, _ = queries_for(caller, "/proposals")
    for _ in range(9):
        make_contract(make_user("client"), freelancer)
    many, body = queries_for(caller, "/proposals")
    assert len(body["items"]) == 10
    assert many == few
    with django_assert_max_num_queries(6):
        caller.get("/proposals")


def test_a_contracts_detail_does_not_grow_queries_with_payments(
    api, contract, client_user, django_assert_max_num_queries
):
    caller = api(client_user)
    caller.get("/me")
    payment_record(actor=client_user, contract_id=contract.pk, amount_cents=100)
    few, _ = queries_for(caller, f"/contracts/{contract.pk}")
    for _ in range(10):
        payment_record(actor=client_user, contract_id=contract.pk, amount_cents=100)
    many, body = queries_for(caller, f"/contracts/{contract.pk}")
    assert len(body["payments"]) == 11
    assert many == few
