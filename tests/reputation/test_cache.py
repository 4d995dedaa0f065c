"""Cached reputation reads: one query when nothing changed, and every write that changes what a
view or a client's record is made of shows at once (the cache is never cleared here)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_contract, make_job, make_proposal, make_user
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.accounts.models import User
from twoway.accounts.services import client_payment_verify
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.feedback import services as feedback_services
from twoway.jobs.services import job_close
from twoway.reputation.models import Reputation
from twoway.reputation.selectors import person_with_token

pytestmark = pytest.mark.django_db


def record(api: Any, job_id: int) -> dict[str, Any]:
    response = api(None).get(f"/jobs/{job_id}")
    assert response.status_code == 200
    return dict(response.json()["client"])


def test_a_cached_reputation_read_is_one_query(api: Any, client_user: User, freelancer: User):
    contract = make_contract(client_user, freelancer, paid_cents=50_000, ended=True)
    feedback_services.feedback_submit(
        actor=client_user, contract_id=contract.pk, **client_feedback()
    )
    feedback_services.feedback_submit(
        actor=freelancer, contract_id=contract.pk, **freelancer_feedback()
    )
    path = f"/users/{freelancer.pk}/reputation"
    first = api(None).get(path, role="freelancer")
    with CaptureQueriesContext(connection) as queries:
        again = api(None).get(path, role="freelancer")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert first.json()["review_count"] == 1
    assert len(queries) == 1, [q["sql"] for q in queries]


def test_a_cached_job_read_is_two_queries(api: Any, client_user: User, job: Any):
    first = api(None).get(f"/jobs/{job.pk}")
    with CaptureQueriesContext(connection) as queries:
        again = api(None).get(f"/jobs/{job.pk}")
    assert again.status_code == 200
    assert again.json() == first.json()
    assert again.json()["client"]["display_name"] == "Carol Client"
    assert len(queries) == 2, [q["sql"] for q in queries]
    assert api(None).get("/jobs/987654").json()["code"] == "job_not_found"


def test_a_new_name_shows_at_once_while_the_rest_is_cached(api: Any, freelancer: User):
    path = f"/users/{freelancer.pk}/reputation"
    assert api(None).get(path, role="freelancer").json()["user"]["display_name"] == "Fred Lance"
    freelancer.first_name, freelancer.last_name = "Frederica", "Lancaster"
    freelancer.save(update_fields=["first_name", "last_name"])
    body = api(None).get(path, role="freelancer").json()
    assert body["user"] == {
        "id": freelancer.pk,
        "username": "fred_freelancer",
        "display_name": "Frederica Lancaster",
    }
    assert body["review_count"] == 0


def test_an_unknown_person_is_a_404_with_a_code(api: Any, db: None):
    response = api(None).get("/users/987654/reputation", role="client")
    assert response.status_code == 404
    assert response.json()["code"] == "user_not_found"


def test_every_write_to_the_clients_record_shows_at_once(
    api: Any, client_user: User, freelancer: User, operator: User
):
    job = make_job(client_user)
    before = record(api, job.pk)
    assert (before["jobs_posted"], before["open_jobs"], before["hires"]) == (1, 1, 0)
    assert before["payment_verified"] is False

    make_job(client_user, title="A second job for the record")
    after_post = record(api, job.pk)
    assert (after_post["jobs_posted"], after_post["open_jobs"]) == (2, 2)

    contract = proposal_hire(actor=client_user, proposal_id=make_proposal(job, freelancer).pk)
    assert record(api, job.pk)["hires"] == 1

    payment_record(actor=client_user, contract_id=contract.pk, amount_cents=75_000)
    assert record(api, job.pk)["total_spent_cents"] == 75_000

    client_payment_verify(operator=operator, client=client_user, verified=True)
    assert record(api, job.pk)["payment_verified"] is True

    job_close(actor=client_user, job_id=job.pk)
    assert record(api, job.pk)["open_jobs"] == 1
    assert api(None).get(f"/jobs/{job.pk}").json()["status"] == "closed"

    contract_end(actor=client_user, contract_id=contract.pk)
    feedback_services.feedback_submit(
        actor=freelancer,
        contract_id=contract.pk,
        **freelancer_feedback(comment="Never paid the final milestone, still waiting."),
    )
    feedback_services.feedback_submit(
        actor=client_user, contract_id=contract.pk, **client_feedback()
    )
    revealed = record(api, job.pk)
    assert revealed["review_count"] == 1
    assert revealed["rating_given"]["count"] == 1


def test_ending_a_contract_raises_both_parties_versions(client_user: User, freelancer: User):
    contract = make_contract(client_user, freelancer, paid_cents=10_000)
    client_before = person_with_token(client_user.pk, "client").token
    freelancer_before = person_with_token(freelancer.pk, "freelancer").token
    contract_end(actor=freelancer, contract_id=contract.pk)
    assert person_with_token(client_user.pk, "client").token != client_before
    assert person_with_token(freelancer.pk, "freelancer").token != freelancer_before


def test_a_rebuilt_row_has_a_new_token(client_user: User, freelancer: User):
    """``twoway recompute`` replaces every row: version numbers restart, ids do not."""
    from twoway.reputation.services import reputation_recompute

    make_contract(client_user, freelancer, ended=True)
    before = person_with_token(client_user.pk, "client").token
    reputation_recompute()
    after = person_with_token(client_user.pk, "client").token
    assert after != before
    assert Reputation.objects.get(user=client_user, role="client").version == 0


def test_a_person_without_a_stored_row_reads_and_caches(api: Any, db: None):
    person = make_user("freelancer")
    assert not Reputation.objects.filter(user=person).exists()
    assert person_with_token(person.pk, "freelancer").token == "-"
    for _ in range(2):
        body = api(None).get(f"/users/{person.pk}/reputation", role="freelancer").json()
        assert body["review_count"] == 0
        assert body["display"] == "No reviews yet"


def test_a_clients_view_is_computed_once_for_all_their_jobs_and_their_profile(
    api: Any, client_user: User, monkeypatch: pytest.MonkeyPatch
):
    from twoway.reputation import selectors

    jobs = [make_job(client_user, title=f"Job {n}") for n in range(3)]
    computed = selectors._reputation_compute
    calls: list[int] = []

    def counting(user: User, role: str, now: Any) -> Any:
        calls.append(user.pk)
        return computed(user, role, now)

    monkeypatch.setattr(selectors, "_reputation_compute", counting)
    records = [record(api, job.pk) for job in jobs]
    assert api(None).get(f"/users/{client_user.pk}/reputation", role="client").status_code == 200
    assert calls == [client_user.pk]
    assert records[0] == records[1] == records[2]
    make_job(client_user, title="One more")  # the client's record changed: computed again
    record(api, jobs[0].pk)
    assert calls == [client_user.pk, client_user.pk]


def test_with_every_reveal_recorded_a_view_does_not_search_for_unrecorded_ones(
    api: Any, client_user: User, freelancer: User
):
    contract = make_contract(client_user, freelancer, paid_cents=50_000, ended=True)
    feedback_services.feedback_submit(
        actor=client_user, contract_id=contract.pk, **client_feedback()
    )
    with CaptureQueriesContext(connection) as queries:
        response = api(None).get(f"/users/{freelancer.pk}/reputation", role="freelancer")
    assert response.status_code == 200
    unrecorded = [q["sql"] for q in queries if '"revealed_at" IS NULL' in q["sql"]]
    probes = [sql for sql in unrecorded if "_id" not in sql.split("WHERE", 1)[1]]
    assert len(probes) == 1, unrecorded  # anyone's: one probe of the partial index
    # The person's unrecorded feedback (read with its contract's paid amount) is not searched.
    assert not [sql for sql in unrecorded if '"contracts_contract"' in sql], unrecorded
