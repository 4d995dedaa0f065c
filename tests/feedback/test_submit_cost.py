"""What a feedback submission costs, and the claims that make its side effects happen once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.feedback.conftest import CLIENT_RATINGS, FREELANCER_RATINGS
from twoway.contracts.models import Contract
from twoway.core import claims, clock
from twoway.feedback.models import Feedback
from twoway.notifications.models import Kind, Notification
from twoway.notifications.services import notifications_deliver, notifications_deliver_pending

pytestmark = pytest.mark.django_db(transaction=True)

# A submission that reveals a pair: authentication, the locked contract and the feedback
# already given, the insert with its themes and audit, one claim for both reveals and their
# audit, both reputations (locked in one statement), the freelancer's search keys and ranking
# band (the band's statement writes nothing unless the band changed), and the notifications.
# 32 before the claims and the shared reads (33 with the band); 27 while it also read the
# freelancer's contracts for the success score (two reads) and emailed the notifications after
# commit (a claim in a transaction of its own, and a read): the sweeper does both now.
SUBMIT_REVEALING_QUERIES = 21


def body(ratings: dict[str, int], comment: str) -> dict[str, Any]:
    return {
        "ratings": ratings,
        "comment": comment,
        "private": {"reason": "completed", "would_work_again": 9},
    }


def test_a_revealing_submission_has_a_fixed_query_budget(
    api: Any, ended: Contract, client_user: Any, freelancer: Any
) -> None:
    client_api, freelancer_api = api(client_user), api(freelancer)
    client_api.get("/me")
    freelancer_api.get("/me")  # tokens touched now, so the count below is steady-state
    first = client_api.post(
        f"/contracts/{ended.pk}/feedback", body(CLIENT_RATINGS, "Fast and careful work.")
    )
    assert first.status_code == 201, first.content
    notifications_deliver_pending()
    mail.outbox.clear()
    with CaptureQueriesContext(connection) as captured:
        second = freelancer_api.post(
            f"/contracts/{ended.pk}/feedback", body(FREELANCER_RATINGS, "Paid on time.")
        )
    assert second.status_code == 201, second.content
    assert second.json()["status"] == "revealed"
    assert len(captured) <= SUBMIT_REVEALING_QUERIES, "\n".join(
        q["sql"][:120] for q in captured.captured_queries
    )
    # The sweeper emails both parties about the reveal, once each.
    assert not mail.outbox
    assert notifications_deliver_pending() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([client_user.email, freelancer.email])
    assert Feedback.objects.filter(contract=ended, revealed_at__isnull=False).count() == 2


def test_a_claim_sets_only_unset_rows_and_says_which(ended: Contract, client_user: Any) -> None:
    at = clock.now()
    rows = [
        Notification.objects.create(user=client_user, kind=kind, contract=ended, created_at=at)
        for kind in (Kind.FEEDBACK_LEFT, Kind.WINDOW_CLOSING, Kind.FEEDBACK_REVEALED)
    ]
    Notification.objects.filter(pk=rows[0].pk).update(emailed_at=at)
    first = claims.claim(Notification, [r.pk for r in rows] + [10**9], "emailed_at", at)
    assert first == {rows[1].pk, rows[2].pk}
    assert claims.claim(Notification, [r.pk for r in rows], "emailed_at", at) == set()
    assert claims.claim(Notification, [], "emailed_at", at) == set()
    stored = Notification.objects.get(pk=rows[1].pk).emailed_at
    assert stored is not None
    assert abs((stored - at).total_seconds()) < 1e-3


def test_two_deliveries_of_the_same_notifications_send_each_email_once(
    ended: Contract, client_user: Any, freelancer: Any
) -> None:
    at = clock.now()
    ids = [
        Notification.objects.create(
            user=person, kind=Kind.FEEDBACK_LEFT, contract=ended, created_at=at
        ).pk
        for person in (client_user, freelancer)
    ]
    mail.outbox.clear()
    assert notifications_deliver(ids=ids) == 2
    assert notifications_deliver(ids=ids) == 0
    assert len(mail.outbox) == 2
    assert not Notification.objects.filter(pk__in=ids, emailed_at__isnull=True).exists()
