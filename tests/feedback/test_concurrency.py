"""Races, with real threads and real transactions, on PostgreSQL.

(SQLite's test database lives in memory and serialises every writer anyway; these tests are
about row locks and constraints under true concurrency, which is PostgreSQL's case.)
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from tests.conftest import make_contract, make_user
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.core.errors import Conflict
from twoway.core.models import AuditEvent
from twoway.feedback import services
from twoway.feedback.models import Feedback
from twoway.reputation.models import Reputation

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row-lock races are tested on PostgreSQL"
    ),
]


def run_together(calls: list[Callable[[], Any]]) -> list[Any]:
    """Start every call at the same instant in its own thread; return results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def worker(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait()
            results[index] = call()
        except Exception as exc:  # collected and asserted on by the test
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_twenty_simultaneous_submissions_by_one_author_store_exactly_one(client_user, freelancer):
    contract = make_contract(client_user, freelancer, paid_cents=50_000, ended=True)
    calls = [
        lambda: services.feedback_submit(
            actor=client_user, contract_id=contract.pk, **client_feedback()
        )
        for _ in range(20)
    ]
    results = run_together(calls)
    stored = [r for r in results if isinstance(r, Feedback)]
    conflicts = [r for r in results if isinstance(r, Conflict)]
    assert len(stored) == 1
    assert len(conflicts) == 19
    assert all(c.code == "feedback_exists" for c in conflicts)
    assert Feedback.objects.filter(contract=contract).count() == 1


def test_both_parties_submitting_at_once_end_revealed_exactly_once(client_user, freelancer):
    for _ in range(5):
        contract = make_contract(client_user, freelancer, paid_cents=50_000, ended=True)
        results = run_together(
            [
                partial(
                    services.feedback_submit,
                    actor=client_user,
                    contract_id=contract.pk,
                    **client_feedback(),
                ),
                partial(
                    services.feedback_submit,
                    actor=freelancer,
                    contract_id=contract.pk,
                    **freelancer_feedback(),
                ),
            ]
        )
        assert all(isinstance(r, Feedback) for r in results), results
        rows = list(Feedback.objects.filter(contract=contract))
        assert len(rows) == 2
        assert all(f.revealed_at is not None for f in rows)
        assert rows[0].reveals_at == rows[1].reveals_at
        reveals = AuditEvent.objects.filter(
            action="feedback.revealed", target_id__in=[f.pk for f in rows]
        )
        assert reveals.count() == 2
    assert Reputation.objects.get(user=freelancer, role="freelancer").review_count == 5
    assert Reputation.objects.get(user=client_user, role="client").review_count == 5


def test_two_sweepers_at_once_reveal_each_feedback_once(client_user, clock):
    people = [make_user("freelancer") for _ in range(6)]
    for person in people:
        contract = make_contract(client_user, person, paid_cents=10_000, ended=True)
        services.feedback_submit(actor=person, contract_id=contract.pk, **freelancer_feedback())
    clock.advance(days=15)
    results = run_together([lambda: services.reveals_process_due(limit=4) for _ in range(3)])
    leftover = services.reveals_process_due()
    assert sum(results) + leftover == 6
    assert AuditEvent.objects.filter(action="feedback.revealed").count() == 6
    reputation = Reputation.objects.get(user=client_user, role="client")
    assert reputation.review_count == 6
