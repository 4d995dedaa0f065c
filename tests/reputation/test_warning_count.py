"""The stored warning count is counted like the stored totals (recorded reveals only), so it
equals a rebuild at every moment; reads fold in reveals that are due but not recorded yet."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.conf import settings

from tests.conftest import make_contract, make_user
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.core import clock
from twoway.feedback.services import feedback_submit, reveals_process_due
from twoway.reputation.models import Reputation
from twoway.reputation.selectors import reputation_get
from twoway.reputation.services import reputation_recompute

pytestmark = pytest.mark.django_db

COMPLAINT = "We were never paid for the final milestone, despite weeks of reminders."


def warning_count(client) -> int:
    return Reputation.objects.get(user=client, role="client").warning_count


def test_a_due_but_unrecorded_complaint_is_read_at_once_and_stored_when_recorded():
    clock.freeze()
    client = make_user("client", username="slowpayer")
    first, second = (make_user("freelancer", username=f"unpaid{n}") for n in (1, 2))
    both = make_contract(client, first, paid_cents=30_000, ended=True)
    feedback_submit(actor=first, contract_id=both.pk, **freelancer_feedback(comment=COMPLAINT))
    feedback_submit(actor=client, contract_id=both.pk, **client_feedback())
    lone = make_contract(client, second, paid_cents=30_000, ended=True)
    feedback_submit(actor=second, contract_id=lone.pk, **freelancer_feedback(comment=COMPLAINT))
    assert warning_count(client) == 0  # one freelancer's complaint is not a warning

    # The lone complaint's window closes; no sweeper has recorded its reveal yet.
    clock.travel(settings.FEEDBACK_WINDOW + timedelta(seconds=1))
    live = reputation_get(user=client, role="client")
    assert [w.code for w in live.warnings] == ["non_payment"]  # read: folded in at once
    assert warning_count(client) == 0  # stored: like the totals, recorded reveals only
    reputation_recompute()
    assert warning_count(client) == 0  # ...which is what a rebuild stores too

    reveals_process_due()
    assert warning_count(client) == 1
    reputation_recompute()
    assert warning_count(client) == 1
