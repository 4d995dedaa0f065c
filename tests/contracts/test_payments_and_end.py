"""Payments on a contract and ending it (which opens the feedback window)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.conftest import make_contract
from tests.support import audit_events
from twoway.contracts.models import MAX_PAYMENT_CENTS, Contract, ContractStatus, EndReason, Payment
from twoway.contracts.services import contract_end, payment_record
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.core.templatetags.twoway import is_past

pytestmark = pytest.mark.django_db


def pay(contract: Contract, amount_cents: object, actor: object = None, **extra: object) -> Payment:
    return payment_record(
        actor=actor or contract.client,  # type: ignore[arg-type]
        contract_id=contract.pk,
        amount_cents=amount_cents,  # type: ignore[arg-type]
        **extra,  # type: ignore[arg-type]
    )


# --- payments ---------------------------------------------------------------------------------


def test_the_client_records_a_payment(contract, client_user, clock):
    at = clock.freeze()
    payment = pay(contract, 25_000, memo="  Milestone 1  ")
    payment.refresh_from_db()
    assert payment.contract_id == contract.pk
    assert payment.amount_cents == 25_000
    assert payment.memo == "Milestone 1"
    assert payment.created_by_id == client_user.pk
    assert payment.created_at == at


def test_total_paid_is_always_the_sum_of_the_payments(contract):
    for amount in (1, 2_500, 100_000, 99):
        pay(contract, amount)
        contract.refresh_from_db()
        assert contract.total_paid_cents == sum(
            contract.payments.values_list("amount_cents", flat=True)
        )
    assert contract.total_paid_cents == 102_600


def test_only_the_contracts_client_records_payments(contract, freelancer):
    with pytest.raises(PermissionDenied) as caught:
        pay(contract, 1_000, actor=freelancer)
    assert caught.value.code == "not_contract_client"
    assert not Payment.objects.exists()


def test_a_stranger_cannot_see_a_contract_to_pay_it(contract, stranger):
    with pytest.raises(NotFound) as caught:
        pay(contract, 1_000, actor=stranger)
    assert caught.value.code == "contract_not_found"


def test_the_jobs_client_is_not_the_client_of_someone_elses_contract(
    client_user, stranger, freelancer
):
    # stranger's contract with freelancer: client_user is unrelated even though a client.
    theirs = make_contract(stranger, freelancer)
    with pytest.raises(NotFound):
        pay(theirs, 1_000, actor=client_user)


@pytest.mark.parametrize(
    "amount", [0, -1, MAX_PAYMENT_CENTS + 1, 10.5, 10.0, True, "100", None], ids=repr
)
def test_a_payment_is_a_positive_whole_number_of_cents_up_to_the_maximum(contract, amount):
    with pytest.raises(InvalidInput) as caught:
        pay(contract, amount)
    assert caught.value.code == "invalid_amount"
    contract.refresh_from_db()
    assert contract.total_paid_cents == 0


@pytest.mark.parametrize("amount", [1, MAX_PAYMENT_CENTS])
def test_payments_at_the_limits_are_accepted(contract, amount):
    assert pay(contract, amount).amount_cents == amount


def test_a_memo_over_200_characters_is_refused(contract):
    with pytest.raises(InvalidInput) as caught:
        pay(contract, 100, memo="M" * 201)
    assert caught.value.code == "too_long"
    assert not Payment.objects.exists()


def test_payments_are_recorded_only_on_an_active_contract(contract, client_user):
    pay(contract, 1_000)
    contract_end(actor=client_user, contract_id=contract.pk)
    with pytest.raises(Conflict) as caught:
        pay(contract, 1_000)
    assert caught.value.code == "contract_ended"
    contract.refresh_from_db()
    assert contract.total_paid_cents == 1_000


def test_a_payment_is_audited_on_the_payment_and_the_contract_total(contract, client_user):
    pay(contract, 1_000)
    payment = pay(contract, 500, memo="tip")
    (recorded,) = audit_events(payment, "payment.recorded")
    assert recorded.actor_id == client_user.pk
    assert recorded.after == {"contract": contract.pk, "amount_cents": 500, "memo": "tip"}
    totals = audit_events(contract, "contract.paid")
    assert [(e.before, e.after) for e in totals] == [
        ({"total_paid_cents": 0}, {"total_paid_cents": 1_000}),
        ({"total_paid_cents": 1_000}, {"total_paid_cents": 1_500}),
    ]


# --- ending -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["client_user", "freelancer"])
def test_either_party_ends_the_contract(contract, who, request, clock, settings):
    settings.FEEDBACK_WINDOW = timedelta(seconds=5)
    actor = request.getfixturevalue(who)
    at = clock.freeze()
    ended = contract_end(actor=actor, contract_id=contract.pk, reason=EndReason.CANCELLED)
    ended.refresh_from_db()
    assert ended.status == ContractStatus.ENDED
    assert not ended.is_active
    assert ended.ended_at == at
    assert ended.ended_by_id == actor.pk
    assert ended.end_reason == EndReason.CANCELLED
    assert ended.feedback_window_closes_at == at + timedelta(seconds=5)


def test_the_default_reason_is_completed(contract, freelancer):
    assert contract_end(actor=freelancer, contract_id=contract.pk).end_reason == "completed"


def test_the_feedback_window_closes_exactly_feedback_window_after_the_end(
    contract, client_user, clock, settings
):
    settings.FEEDBACK_WINDOW = timedelta(seconds=3)
    clock.freeze()
    ended = contract_end(actor=client_user, contract_id=contract.pk)
    closes = ended.feedback_window_closes_at
    assert not is_past(closes)
    clock.advance(seconds=2)
    assert not is_past(closes)
    clock.advance(seconds=1)
    assert is_past(closes)


def test_changing_the_setting_later_does_not_move_an_open_window(contract, client_user, settings):
    settings.FEEDBACK_WINDOW = timedelta(days=14)
    ended = contract_end(actor=client_user, contract_id=contract.pk)
    settings.FEEDBACK_WINDOW = timedelta(seconds=1)
    stored = Contract.objects.get(pk=contract.pk)
    assert stored.ended_at is not None
    assert stored.feedback_window_closes_at == ended.feedback_window_closes_at
    assert stored.feedback_window_closes_at == stored.ended_at + timedelta(days=14)


def test_a_stranger_cannot_end_a_contract(contract, stranger):
    with pytest.raises(NotFound):
        contract_end(actor=stranger, contract_id=contract.pk)
    contract.refresh_from_db()
    assert contract.is_active


def test_ending_a_missing_contract_is_not_found(client_user):
    with pytest.raises(NotFound):
        contract_end(actor=client_user, contract_id=8_888_888)


def test_a_contract_cannot_be_ended_twice(contract, client_user, freelancer, clock):
    first = contract_end(actor=client_user, contract_id=contract.pk)
    clock.advance(hours=1)
    with pytest.raises(Conflict) as caught:
        contract_end(actor=freelancer, contract_id=contract.pk)
    assert caught.value.code == "contract_ended"
    contract.refresh_from_db()
    assert contract.ended_by_id == client_user.pk
    assert contract.ended_at == first.ended_at
    assert len(audit_events(contract, "contract.ended")) == 1


def test_an_unknown_end_reason_is_refused(contract, client_user):
    with pytest.raises(InvalidInput) as caught:
        contract_end(actor=client_user, contract_id=contract.pk, reason="bored")
    assert caught.value.code == "invalid_end_reason"
    contract.refresh_from_db()
    assert contract.is_active


def test_ending_is_audited_with_before_and_after(contract, freelancer, settings):
    settings.FEEDBACK_WINDOW = timedelta(seconds=30)
    ended = contract_end(actor=freelancer, contract_id=contract.pk, reason="unresponsive")
    (event,) = audit_events(contract, "contract.ended")
    assert event.actor_id == freelancer.pk
    assert event.before is not None
    assert event.after is not None
    assert event.before["status"] == "active"
    assert event.before["ended_at"] is None
    assert event.after["status"] == "ended"
    assert event.after["ended_by"] == freelancer.pk
    assert event.after["end_reason"] == "unresponsive"
    assert ended.ended_at is not None
    assert ended.feedback_window_closes_at is not None
    assert event.after["ended_at"] == ended.ended_at.isoformat()
    assert event.after["feedback_window_closes_at"] == ended.feedback_window_closes_at.isoformat()
