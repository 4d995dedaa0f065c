"""Schema fuzzing: every operation of the OpenAPI document, anonymously and signed in.

Schemathesis reads the schema the app serves (``/api/v1/openapi.json``) and generates requests
from it: valid ones (positive mode) and invalid ones (negative mode: wrong types, numbers out of
range, missing fields, odd strings). Every response must be

- never a 5xx,
- a documented status code, with the documented content type,
- a body that matches the documented schema for that status.

The signed-in caller is Pat, who holds both roles and has data of every kind: open jobs,
proposals, contracts active and ended, payments, feedback sealed and revealed, notifications
and tokens. Path ids are drawn half of the time from Pat's world (so they exist), half of the
time by Schemathesis (so they mostly do not).

The run is bounded — ``FUZZ_EXAMPLES`` examples per mode for each operation and caller, fewer
for anonymous calls that can only be a 401 — and derandomized, so CI sends the same requests
every time. For a deeper hunt, with fresh random data on each run:
``FUZZ_EXAMPLES=300 FUZZ_RANDOM=1 pytest tests/hardening/test_schema_fuzz.py``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.conftest import make_job, make_proposal, make_user
from tests.hardening.world import rolled_back
from twoway.accounts.models import User
from twoway.accounts.services import api_token_create
from twoway.api import api as ninja_api
from twoway.contracts.models import Contract
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.feedback import services as feedback_services
from twoway.feedback.models import Feedback
from twoway.notifications.models import Notification

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
APP = WSGIHandler()
SCHEMA = schemathesis.openapi.from_wsgi(f"{PREFIX}/openapi.json", APP)
LABELS = [result.ok().label for result in SCHEMA.get_all_operations()]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
DERANDOMIZE = not os.environ.get("FUZZ_RANDOM")
# Anonymous calls to an operation that needs a signed-in caller stop at the 401.
EXAMPLES_UNTIL_401 = 2
MODES = [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _anonymous_allowed(operation: Any) -> bool:
    """No security requirement, or an empty one among the alternatives (``{}``)."""
    security = operation.definition.raw.get("security")
    return not security or {} in security


# --- Pat's world --------------------------------------------------------------------------


@dataclass(frozen=True)
class World:
    token: str
    ids: dict[str, list[int]]


CLIENT_RATINGS = {
    "skills": 5,
    "quality": 5,
    "availability": 4,
    "adherence_to_schedule": 5,
    "communication": 5,
    "cooperation": 4,
}
FREELANCER_RATINGS = {
    "clarity_of_requirements": 4,
    "communication": 4,
    "cooperation": 5,
    "availability": 4,
    "reasonable_deadlines": 5,
    "payment_promptness": 5,
}


def _give(author: User, contract: Contract, ratings: dict[str, int], comment: str) -> None:
    feedback_services.feedback_submit(
        actor=author,
        contract_id=contract.pk,
        ratings=ratings,
        comment=comment,
        private_reason="completed",
        would_work_again=9,
        private_note="A private note for the operators.",
    )


def _hire(client: User, freelancer: User) -> Contract:
    proposal = make_proposal(make_job(client), freelancer)
    return proposal_hire(actor=client, proposal_id=proposal.pk)


def build_world() -> World:
    """Pat (both roles) with a bit of everything; Carol, Fred and Rita around Pat."""
    pat = make_user("client", "freelancer", username="pat_fuzz")
    carol = make_user("client", username="carol_fuzz")
    fred = make_user("freelancer", username="fred_fuzz")
    rita = make_user("freelancer", username="rita_fuzz")
    # Pat's open job with a pending proposal; an active contract with a payment.
    open_job = make_job(pat)
    pending = make_proposal(open_job, fred)
    active = _hire(pat, rita)
    payment_record(actor=pat, contract_id=active.pk, amount_cents=50_000)
    # Pat as a freelancer: an ended contract, both sides' feedback given (revealed).
    revealed = _hire(carol, pat)
    payment_record(actor=carol, contract_id=revealed.pk, amount_cents=120_000)
    contract_end(actor=carol, contract_id=revealed.pk)
    _give(carol, revealed, CLIENT_RATINGS, "Pat delivered early; clean code.")
    _give(pat, revealed, FREELANCER_RATINGS, "Carol was clear about what she needed.")
    # Pat as a client: Fred's feedback sealed (Pat may still give), Pat's own sealed on Rita.
    sealed_for_pat = _hire(pat, fred)
    contract_end(actor=fred, contract_id=sealed_for_pat.pk)
    _give(fred, sealed_for_pat, FREELANCER_RATINGS, "Good client.")
    sealed_by_pat = _hire(pat, rita)
    contract_end(actor=pat, contract_id=sealed_by_pat.pk)
    _give(pat, sealed_by_pat, CLIENT_RATINGS, "Solid work, on time.")
    _, raw = api_token_create(user=pat, name="fuzzing")
    spare, _ = api_token_create(user=pat, name="spare")
    contracts = [active, revealed, sealed_for_pat, sealed_by_pat]
    return World(
        token=raw,
        ids={
            "user_id": [pat.pk, carol.pk, fred.pk, rita.pk],
            "job_id": [open_job.pk, *(c.job_id for c in contracts)],
            "proposal_id": [pending.pk, *(c.proposal_id for c in contracts)],
            "contract_id": [c.pk for c in contracts],
            "feedback_id": list(Feedback.objects.values_list("pk", flat=True)),
            "notification_id": list(
                Notification.objects.filter(user=pat).values_list("pk", flat=True)
            ),
            "token_id": [spare.pk],  # not the token the fuzzer signs in with
        },
    )


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once per module (and worker), rolled back at the end; every test's own changes
    are rolled back after it, so each test starts from the same world."""
    fast = override_settings(PASSWORD_HASHERS=["tests.support.FastArgon2PasswordHasher"])
    with django_db_blocker.unblock(), fast, rolled_back():
        yield build_world()


@pytest.fixture(scope="module", autouse=True)
def _requests_keep_the_test_connection() -> Iterator[None]:
    """Django's WSGI handler closes the database connection after each request, which would
    end the test's transaction; Django's test client switches that off, and so do we."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# --- The fuzzing ---------------------------------------------------------------------------


def _cases(operation: Any, mode: GenerationMode, ids: dict[str, list[int]]) -> Any:
    """Schemathesis' cases; for operations with path ids, half of them use existing ids."""
    generated = operation.as_strategy(generation_mode=mode)
    names = [parameter.name for parameter in operation.path_parameters]
    if not names:
        return generated
    existing = st.fixed_dictionaries({name: st.sampled_from(ids[name]) for name in names})
    return st.one_of(
        generated,
        existing.flatmap(
            lambda path: operation.as_strategy(generation_mode=mode, path_parameters=path)
        ),
    )


def _fuzz(operation: Any, mode: GenerationMode, headers: dict[str, str], world: World) -> None:
    examples = EXAMPLES
    if not headers and not _anonymous_allowed(operation):
        examples = min(EXAMPLES, EXAMPLES_UNTIL_401)

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=DERANDOMIZE,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=_cases(operation, mode, world.ids))
    def run(case: Any) -> None:
        # The caller is ours to choose: drop any Authorization header the generator made up.
        sent = {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}
        case.headers = sent | headers
        response = case.call()
        case.validate_response(response, checks=CHECKS)

    run()


def test_the_schema_lists_every_operation() -> None:
    assert len(LABELS) == sum(
        len(operation.methods)
        for _, router in ninja_api._routers
        for view in router.path_operations.values()
        for operation in view.operations
    )


WRITES = [label for label in LABELS if not label.startswith("GET ")]


@pytest.mark.parametrize("label", WRITES)
def test_a_body_over_the_limit_is_a_documented_413(world: World, label: str) -> None:
    """Not generated by the fuzzer (its bodies are small): every write, even one that takes
    no body, answers a body over 256 KiB with the documented 413."""
    operation = SCHEMA.find_operation_by_label(label)
    assert operation is not None
    path = {p.name: world.ids[p.name][0] for p in operation.path_parameters}
    case = operation.Case(
        path_parameters=path,
        headers={"Authorization": f"Bearer {world.token}"},
        body={"padding": "x" * 300_000},
        media_type="application/json",
    )
    response = case.call()
    assert response.status_code == 413
    assert response.json()["code"] == "too_large"
    case.validate_response(response, checks=CHECKS)


THROTTLED = [
    label
    for label in LABELS
    if "429" in SCHEMA.find_operation_by_label(label).definition.raw["responses"]
]


@pytest.mark.parametrize("label", THROTTLED)
def test_password_guessing_gets_the_documented_429(world: World, label: str) -> None:
    operation = SCHEMA.find_operation_by_label(label)
    assert operation is not None
    case = operation.Case(
        headers={"Authorization": f"Bearer {world.token}"},
        body={"username": "pat_fuzz", "password": "not-the-password"},
        media_type="application/json",
    )
    statuses = []
    for _ in range(10):
        response = case.call()
        case.validate_response(response, checks=CHECKS)
        statuses.append(response.status_code)
    assert statuses[-1] == 429, statuses
    assert response.headers["retry-after"] == ["900"]  # the throttle window, 15 minutes


@pytest.mark.parametrize("caller", ["anonymous", "signed_in"])
@pytest.mark.parametrize("label", LABELS)
def test_fuzz(world: World, label: str, caller: str) -> None:
    operation = SCHEMA.find_operation_by_label(label)
    assert operation is not None
    headers = {"Authorization": f"Bearer {world.token}"} if caller == "signed_in" else {}
    for mode in MODES:
        _fuzz(operation, mode, headers, world)
