"""The rating a person gives, marked harsh or lenient against everyone in their role, and the
baseline the sweeper stores so a page never sums the whole reputation table."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.conftest import make_contract, make_user
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.core import clock
from twoway.feedback.services import feedback_submit
from twoway.reputation.models import RatingBaseline
from twoway.reputation.selectors import everyone_average_given, reputation_get

pytestmark = pytest.mark.django_db

CLIENT_STARS = [
    "clarity_of_requirements",
    "communication",
    "cooperation",
    "availability",
    "reasonable_deadlines",
    "payment_promptness",
]
FREELANCER_STARS = [
    "skills",
    "quality",
    "availability",
    "adherence_to_schedule",
    "communication",
    "cooperation",
]


def contract_rated(client, freelancer, client_gives: int) -> None:
    contract = make_contract(client, freelancer, paid_cents=20_000, ended=True)
    feedback_submit(
        actor=client,
        contract_id=contract.pk,
        **client_feedback(
            ratings=dict.fromkeys(FREELANCER_STARS, client_gives),
            comment="Fine." if client_gives >= 3 else "Did not deliver what we agreed.",
        ),
    )
    feedback_submit(
        actor=freelancer,
        contract_id=contract.pk,
        **freelancer_feedback(ratings=dict.fromkeys(CLIENT_STARS, 5)),
    )


@pytest.fixture
def clients():
    harsh, kind = make_user("client", username="harsh"), make_user("client", username="kind")
    for n in range(4):
        freelancer = make_user("freelancer", username=f"freelancer{n}")
        contract_rated(harsh, freelancer, 2)
        contract_rated(kind, freelancer, 5)
    return harsh, kind


def test_a_harsh_and_a_lenient_client_are_marked_against_everyone(clients):
    harsh, kind = clients
    # Everyone (these two clients) gives 3.50 on average; harsh gives 2.00, kind 5.00.
    assert everyone_average_given("client") == Decimal("3.50")
    harsh_view = reputation_get(user=harsh, role="client")
    assert harsh_view.rater.average_given == Decimal("2.00")
    assert harsh_view.rater.tendency == "harsh"
    assert reputation_get(user=kind, role="client").rater.tendency == "lenient"


def test_the_job_page_api_shows_the_tendency(api, clients):
    from tests.conftest import make_job

    harsh, _ = clients
    job = make_job(harsh)
    record = api(None).get(f"/jobs/{job.pk}").json()["client"]
    assert record["rating_given"]["tendency"] == "harsh"
    assert record["rating_given"]["everyone_average"] == 3.5


def test_the_sweeper_stores_the_baseline_and_reads_use_it_while_fresh(clients):
    call_command("sweep")
    stored = RatingBaseline.objects.get(role="client")
    assert (stored.given_count, stored.given_sum) == (8, 8 * 350)
    # A stored baseline is what reads use (here made different on purpose to tell them apart).
    RatingBaseline.objects.filter(role="client").update(given_count=1, given_sum=420)
    cache.clear()
    assert everyone_average_given("client") == Decimal("4.20")
    # Once stale (the sweeper has stopped), reads sum the totals again.
    clock.travel(timedelta(hours=1))
    cache.clear()
    assert everyone_average_given("client") == Decimal("3.50")
