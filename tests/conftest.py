"""The cast of every test: a client, a freelancer, a stranger, an operator, and their API clients.

Factories go through the services, so test data obeys the same rules as real data.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client

from twoway.accounts.models import User
from twoway.accounts.services import api_token_create, user_signup
from twoway.contracts.models import Contract
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.core import clock as clock_module
from twoway.jobs.models import Job, Proposal
from twoway.jobs.services import job_post, proposal_submit

PASSWORD = "a-long-test-password-42"
_counter = itertools.count(1)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    """Argon2id at its smallest cost: the cast signs up in microseconds, not 0.1 s each."""
    settings.PASSWORD_HASHERS = ["tests.support.FastArgon2PasswordHasher"]


@pytest.fixture(autouse=True)
def _real_time_after_each_test() -> Iterator[None]:
    yield
    clock_module.reset()


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    """Each test starts with an empty per-process cache (ids are reused between tests)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


class Clock:
    """Time travel for tests: ``clock.advance(days=15)``."""

    def now(self) -> Any:
        return clock_module.now()

    def advance(self, **delta: float) -> Any:
        from datetime import timedelta

        return clock_module.travel(timedelta(**delta))

    def freeze(self) -> Any:
        return clock_module.freeze()


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_user(*roles: str, username: str | None = None, **extra: Any) -> User:
    n = next(_counter)
    name = username or f"person{n}"
    return user_signup(
        username=name,
        password=PASSWORD,
        email=f"{name}@example.com",
        roles=list(roles) or ["client"],
        **extra,
    )


def make_job(client: User, **overrides: Any) -> Job:
    values: dict[str, Any] = {
        "title": "Build a booking website",
        "description": "A small Django site with a booking calendar and payments.",
        "skills": ["Django", "PostgreSQL"],
        "budget_type": "fixed",
        "budget_cents": 150_000,
    }
    values.update(overrides)
    return job_post(actor=client, **values)


def make_proposal(job: Job, freelancer: User, bid_cents: int = 120_000) -> Proposal:
    return proposal_submit(
        actor=freelancer,
        job_id=job.pk,
        cover_letter="I have built three booking sites like this one.",
        bid_cents=bid_cents,
    )


def make_contract(
    client: User, freelancer: User, *, paid_cents: int = 0, ended: bool = False
) -> Contract:
    job = make_job(client)
    proposal = make_proposal(job, freelancer)
    contract = proposal_hire(actor=client, proposal_id=proposal.pk)
    if paid_cents:
        payment_record(actor=client, contract_id=contract.pk, amount_cents=paid_cents)
    if ended:
        contract = contract_end(actor=client, contract_id=contract.pk)
    contract.refresh_from_db()
    return contract


@pytest.fixture
def client_user(db: None) -> User:
    return make_user("client", username="carol_client", first_name="Carol", last_name="Client")


@pytest.fixture
def freelancer(db: None) -> User:
    return make_user("freelancer", username="fred_freelancer", first_name="Fred", last_name="Lance")


@pytest.fixture
def stranger(db: None) -> User:
    return make_user("client", "freelancer", username="sam_stranger")


@pytest.fixture
def operator(db: None) -> User:
    user = make_user("client", username="olive_operator")
    user.is_staff = True
    user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    return user


@pytest.fixture
def job(client_user: User) -> Job:
    return make_job(client_user)


@pytest.fixture
def proposal(job: Job, freelancer: User) -> Proposal:
    return make_proposal(job, freelancer)


@pytest.fixture
def contract(client_user: User, freelancer: User) -> Contract:
    return make_contract(client_user, freelancer)


class ApiClient:
    """Calls /api/v1 as one person (or anonymously) and decodes JSON."""

    def __init__(self, user: User | None) -> None:
        self.user = user
        self.http = Client()
        self.headers: dict[str, Any] = {}
        if user is not None:
            _, raw = api_token_create(user=user, name="test")
            self.headers["HTTP_AUTHORIZATION"] = f"Bearer {raw}"

    def _call(self, method: str, path: str, body: Any = None, **params: Any) -> Any:
        url = "/api/v1" + path
        if method == "get":
            return self.http.get(url, params, **self.headers)
        payload = "" if body is None else json.dumps(body)
        return getattr(self.http, method)(
            url, payload, content_type="application/json", **self.headers
        )

    def get(self, path: str, **params: Any) -> Any:
        return self._call("get", path, **params)

    def post(self, path: str, body: Any = None) -> Any:
        return self._call("post", path, body)

    def put(self, path: str, body: Any = None) -> Any:
        return self._call("put", path, body)

    def patch(self, path: str, body: Any = None) -> Any:
        return self._call("patch", path, body)

    def delete(self, path: str) -> Any:
        return self._call("delete", path)


@pytest.fixture
def api() -> Any:
    """``api(user)`` → an ApiClient for that person; ``api(None)`` is anonymous."""
    return ApiClient
