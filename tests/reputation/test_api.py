"""The reputation API and pages: scores, explain, warnings with evidence, charts."""

from __future__ import annotations

import pytest

from tests.conftest import make_contract, make_job, make_user
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.feedback import services

pytestmark = pytest.mark.django_db

PAYMENT_STARS = dict.fromkeys(
    [
        "clarity_of_requirements",
        "communication",
        "cooperation",
        "availability",
        "reasonable_deadlines",
        "payment_promptness",
    ],
    1,
)
COMPLAINTS = [
    "Never paid the final milestone. Still waiting for my money after two months.",
    "He changed the scope midway and then refused to pay for the extra work.",
    "Payment never arrived and he stopped answering.",
]


@pytest.fixture
def bad_client(db):
    client = make_user("client", username="badclient")
    for comment in COMPLAINTS:
        person = make_user("freelancer")
        contract = make_contract(client, person, paid_cents=0, ended=True)
        services.feedback_submit(
            actor=person,
            contract_id=contract.pk,
            **freelancer_feedback(ratings=PAYMENT_STARS, comment=comment),
        )
        services.feedback_submit(actor=client, contract_id=contract.pk, **client_feedback())
    return client


def test_reputation_api_shape(api, bad_client):
    body = api(None).get(f"/users/{bad_client.pk}/reputation", role="client").json()
    assert body["review_count"] == 3
    assert body["feedback_score"] == 1.0
    assert body["display"] == "1.00 (3 reviews)"
    assert set(body["distribution"]) == {"1", "2", "3", "4", "5"}
    assert body["criteria"]["payment_promptness"] == 1.0
    assert body["success"]["shown"] is True
    assert body["success"]["score"] == -1.0


def test_a_client_with_complaints_gets_warnings_with_evidence(api, bad_client):
    body = api(None).get(f"/users/{bad_client.pk}/reputation", role="client").json()
    codes = {w["code"] for w in body["warnings"]}
    assert {"low_score", "non_payment"} <= codes
    non_payment = next(w for w in body["warnings"] if w["code"] == "non_payment")
    assert len(non_payment["evidence"]) >= 2
    for evidence in non_payment["evidence"]:
        assert evidence["quote"]
        assert any(evidence["quote"] in comment for comment in COMPLAINTS)


def test_the_job_post_carries_the_clients_record_and_warnings(api, bad_client):
    job = make_job(bad_client)
    detail = api(None).get(f"/jobs/{job.pk}").json()["client"]
    assert detail["review_count"] == 3
    assert detail["warning_count"] >= 2
    assert detail["warnings"]
    listed = api(None).get("/jobs").json()["items"][0]["client"]
    assert listed["warning_count"] == detail["warning_count"]
    assert api(None).get("/jobs", hide_warned="true").json()["items"] == []


def test_explain_lists_each_contract_and_why(api, client_user, freelancer):
    paid = make_contract(client_user, freelancer, paid_cents=40_000, ended=True)
    free = make_contract(client_user, freelancer, paid_cents=0, ended=True)
    for contract in (paid, free):
        services.feedback_submit(actor=client_user, contract_id=contract.pk, **client_feedback())
        services.feedback_submit(actor=freelancer, contract_id=contract.pk, **freelancer_feedback())
    body = api(None).get(f"/users/{freelancer.pk}/reputation/explain", role="freelancer").json()
    rows = {row["contract_id"]: row for row in body["items"]}
    assert rows[paid.pk]["counted"] is True
    assert rows[paid.pk]["weight_cents"] == 40_000
    assert rows[free.pk]["counted"] is False
    assert "Nothing was paid" in rows[free.pk]["why"]
    as_client = api(None).get(f"/users/{client_user.pk}/reputation/explain", role="client").json()
    weights = {row["contract_id"]: row["weight_cents"] for row in as_client["items"]}
    assert weights[free.pk] == 10_000  # the client floor


def test_profile_draws_charts_with_text_alternatives(client, bad_client):
    html = client.get(f"/users/{bad_client.pk}/").content.decode()
    assert html.count('role="img"') >= 2
    assert "<title" in html
    assert "<desc" in html
    assert "Star distribution of" in html


def test_history_endpoint_gives_the_score_after_each_review(api, bad_client):
    points = api(None).get(f"/users/{bad_client.pk}/reputation/history", role="client").json()
    assert [p["reviews"] for p in points] == [1, 2, 3]
    assert points[-1]["score"] == 1.0
