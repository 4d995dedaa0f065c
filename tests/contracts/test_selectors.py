"""Reads for contracts: private to their parties (and operators), plus the money records."""

from __future__ import annotations

import pytest

from tests.conftest import make_contract, make_job, make_proposal, make_user
from twoway.contracts.selectors import (
    client_stats_for,
    client_stats_get,
    contract_get_for_viewer,
    contract_list_for_user,
    freelancer_stats_get,
)
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.core.errors import NotFound
from twoway.jobs.services import job_close

pytestmark = pytest.mark.django_db


def test_both_parties_and_operators_see_a_contract(contract, client_user, freelancer, operator):
    for viewer in (client_user, freelancer, operator):
        assert contract_get_for_viewer(viewer=viewer, contract_id=contract.pk) == contract


def test_a_stranger_gets_not_found_for_someone_elses_contract(contract, stranger):
    with pytest.raises(NotFound) as caught:
        contract_get_for_viewer(viewer=stranger, contract_id=contract.pk)
    assert caught.value.code == "contract_not_found"


def test_a_person_lists_only_the_contracts_they_are_party_to(client_user, freelancer, stranger):
    as_client = make_contract(client_user, freelancer)
    as_freelancer = make_contract(stranger, client_user.__class__.objects.get(pk=freelancer.pk))
    unrelated = make_contract(stranger, make_user("freelancer"))
    freelancer_ids = {c.pk for c in contract_list_for_user(user=freelancer).items}
    assert freelancer_ids == {as_client.pk, as_freelancer.pk}
    assert unrelated.pk not in freelancer_ids
    assert [c.pk for c in contract_list_for_user(user=client_user).items] == [as_client.pk]


def test_contract_lists_filter_by_role_and_status(client_user, freelancer, stranger):
    # stranger holds both roles: one contract on each side, one of them ended.
    hired_by_stranger = make_contract(stranger, freelancer, ended=True)
    stranger_works = make_contract(client_user, stranger)
    assert [c.pk for c in contract_list_for_user(user=stranger, role="client").items] == [
        hired_by_stranger.pk
    ]
    assert [c.pk for c in contract_list_for_user(user=stranger, role="freelancer").items] == [
        stranger_works.pk
    ]
    assert [c.pk for c in contract_list_for_user(user=stranger, status="ended").items] == [
        hired_by_stranger.pk
    ]
    assert [c.pk for c in contract_list_for_user(user=stranger, status="active").items] == [
        stranger_works.pk
    ]


def test_a_clients_record_counts_money_hires_and_jobs(client_user, freelancer, stranger):
    # Two contracts on one job, one on another, a job with no hire, and a closed job.
    job = make_job(client_user)
    first = proposal_hire(actor=client_user, proposal_id=make_proposal(job, freelancer).pk)
    proposal_hire(actor=client_user, proposal_id=make_proposal(job, stranger).pk)
    make_contract(client_user, freelancer, paid_cents=5_000)
    payment_record(actor=client_user, contract_id=first.pk, amount_cents=2_500)
    make_job(client_user)
    job_close(actor=client_user, job_id=make_job(client_user).pk)
    stats = client_stats_get(client=client_user)
    assert stats.total_spent_cents == 7_500
    assert stats.hires == 3
    assert stats.jobs_posted == 4
    assert stats.jobs_with_hire == 2
    assert stats.hire_rate == pytest.approx(2 / 4)
    # all but the closed one
    assert stats.open_jobs == 3
    assert stats.member_since == client_user.date_joined
    assert not stats.payment_verified


def test_a_new_clients_hire_rate_is_unknown_not_zero(client_user):
    stats = client_stats_get(client=client_user)
    assert stats.jobs_posted == 0
    assert stats.hire_rate is None
    assert stats.total_spent_cents == 0


def test_client_records_for_many_clients_do_not_mix(client_user, stranger, freelancer):
    make_contract(client_user, freelancer, paid_cents=1_000)
    make_contract(stranger, freelancer, paid_cents=9_000)
    stats = client_stats_for([client_user, stranger])
    assert stats[client_user.pk].total_spent_cents == 1_000
    assert stats[stranger.pk].total_spent_cents == 9_000
    assert client_stats_for([]) == {}


def test_a_freelancers_record_counts_earnings_and_active_contracts(
    client_user, freelancer, stranger
):
    make_contract(client_user, freelancer, paid_cents=3_000, ended=True)
    active = make_contract(stranger, freelancer, paid_cents=1_000)
    make_contract(client_user, stranger, paid_cents=50_000)
    stats = freelancer_stats_get(freelancer=freelancer)
    assert stats.total_earned_cents == 4_000
    assert stats.contracts == 2
    assert stats.active_contracts == 1
    contract_end(actor=freelancer, contract_id=active.pk)
    assert freelancer_stats_get(freelancer=freelancer).active_contracts == 0
