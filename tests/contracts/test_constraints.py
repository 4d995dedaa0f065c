"""The database itself refuses impossible contracts and payments, even past the services."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from twoway.contracts.models import Contract, ContractStatus, Payment
from twoway.core import clock as clock_module
from twoway.jobs.models import Proposal

pytestmark = pytest.mark.django_db


def refused(contract: Contract, **changes: object) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(**changes)


def test_the_database_refuses_a_contract_with_oneself(stranger, job):
    proposal = Proposal.objects.create(
        job=job,
        freelancer=stranger,
        cover_letter="Planted.",
        bid_cents=100,
        created_at=clock_module.now(),
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.create(
            job=job,
            proposal=proposal,
            client=stranger,
            freelancer=stranger,
            title="Self-dealing",
            budget_type="fixed",
            rate_cents=100,
            started_at=clock_module.now(),
        )
    assert not Contract.objects.exists()


def test_the_database_refuses_turning_a_contract_into_a_self_contract(contract):
    refused(contract, freelancer=contract.client)


def test_the_database_refuses_an_ended_contract_without_an_end_time(contract):
    now = clock_module.now()
    refused(
        contract,
        status=ContractStatus.ENDED,
        ended_by=contract.client,
        feedback_window_closes_at=now + timedelta(days=1),
    )


def test_the_database_refuses_an_ended_contract_without_who_ended_it(contract):
    now = clock_module.now()
    refused(
        contract,
        status=ContractStatus.ENDED,
        ended_at=now,
        feedback_window_closes_at=now + timedelta(days=1),
    )


def test_the_database_refuses_an_ended_contract_without_a_feedback_window(contract):
    refused(
        contract, status=ContractStatus.ENDED, ended_at=clock_module.now(), ended_by=contract.client
    )


def test_the_database_refuses_a_window_that_closes_before_it_opens(contract):
    now = clock_module.now()
    refused(
        contract,
        status=ContractStatus.ENDED,
        ended_at=now,
        ended_by=contract.client,
        feedback_window_closes_at=now,
    )


def test_the_database_refuses_an_active_contract_with_an_end(contract):
    refused(contract, ended_at=clock_module.now())


def test_the_database_refuses_an_ender_who_is_not_a_party(contract, stranger):
    now = clock_module.now()
    refused(
        contract,
        status=ContractStatus.ENDED,
        ended_at=now,
        ended_by=stranger,
        feedback_window_closes_at=now + timedelta(days=1),
    )


def test_the_database_accepts_a_consistent_end(contract):
    now = clock_module.now()
    Contract.objects.filter(pk=contract.pk).update(
        status=ContractStatus.ENDED,
        ended_at=now,
        ended_by=contract.freelancer,
        feedback_window_closes_at=now + timedelta(seconds=1),
    )
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ENDED


def test_the_database_refuses_a_negative_total_paid(contract):
    refused(contract, total_paid_cents=-1)


def test_the_database_refuses_a_zero_rate(contract):
    refused(contract, rate_cents=0)


@pytest.mark.parametrize("amount", [0, -100, 100_000_001])
def test_the_database_refuses_a_payment_out_of_range(contract, amount):
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(
            contract=contract,
            amount_cents=amount,
            created_by=contract.client,
            created_at=clock_module.now(),
        )


def test_the_database_refuses_a_second_contract_for_one_proposal(contract):
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.create(
            job=contract.job,
            proposal=contract.proposal,
            client=contract.client,
            freelancer=contract.freelancer,
            title="Duplicate",
            budget_type="fixed",
            rate_cents=100,
            started_at=clock_module.now(),
        )
