"""Read replicas: reads go to a replica, writes and locks to the primary, and a person who just
wrote reads from the primary (core.routers, docs/scaling.md).

The replica is a second connection alias to the test database (what ``TEST: {"MIRROR":
"default"}`` gives in a real configuration). To show read-your-writes against real lag, the
``lagging`` fixture makes the replica stop receiving writes: a snapshot file of the database on
SQLite, a ``REPEATABLE READ`` snapshot held open on PostgreSQL.
"""

from __future__ import annotations

import copy
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_user
from tests.support import logged_in
from twoway.accounts.models import User
from twoway.accounts.services import api_token_create
from twoway.core import routers
from twoway.core.routers import PIN_COOKIE, PIN_HEADER, PrimaryReplicaRouter, request_reads
from twoway.jobs.models import Job

REPLICA = "replica_1"
ROUTER = "twoway.core.routers.PrimaryReplicaRouter"
NEW_JOB = {
    "title": "Write product descriptions",
    "description": "Forty product descriptions for an online tea shop.",
    "skills": "Copywriting, SEO",
    "budget_type": "fixed",
    "budget_cents": "1,500.50",
}
API_JOB = {
    "title": "Translate a leaflet",
    "description": "Two pages from English to Spanish, by Friday.",
    "skills": ["Spanish"],
    "budget_type": "fixed",
    "budget_cents": 20_000,
}


def _add_alias(alias: str, settings_dict: dict[str, Any]) -> None:
    """Add a connection alias for this test only, connected at once: the test case forbids
    *opening* connections to aliases it was not told about, not using an open one."""
    connections.settings[alias] = settings_dict
    connections[alias].connect()


def _drop_alias(alias: str) -> None:
    if alias not in connections.settings:
        return
    try:
        wrapper = connections[alias]
        if wrapper.connection is not None:
            if wrapper.vendor == "sqlite":
                # Django keeps in-memory SQLite connections open on close(); this one is ours.
                wrapper.connection.close()
                wrapper.connection = None
            else:
                wrapper.close()
        del connections[alias]
    except AttributeError:
        pass
    del connections.settings[alias]


@pytest.fixture
def replica(transactional_db: None, settings: Any) -> Iterator[str]:
    """A replica alias that reads the test database, with the router registered."""
    _add_alias(REPLICA, copy.deepcopy(connections["default"].settings_dict))
    settings.DATABASE_REPLICAS = [REPLICA]
    settings.DATABASE_ROUTERS = [ROUTER]
    yield REPLICA
    _drop_alias(REPLICA)


class Lagging:
    """A replica that stops receiving the primary's writes when ``stop()`` is called."""

    def __init__(self, tmp_path: Path, settings: Any) -> None:
        self.tmp_path = tmp_path
        self.settings = settings
        self.holding = False

    def stop(self) -> None:
        self.settings.DATABASE_REPLICAS = [REPLICA]
        self.settings.DATABASE_ROUTERS = [ROUTER]
        primary = connections["default"]
        primary.ensure_connection()
        if primary.vendor == "sqlite":
            snapshot = self.tmp_path / "replica.sqlite3"
            target = sqlite3.connect(snapshot)
            primary.connection.backup(target)
            target.close()
            _add_alias(REPLICA, {**copy.deepcopy(primary.settings_dict), "NAME": str(snapshot)})
            return
        _add_alias(REPLICA, copy.deepcopy(primary.settings_dict))
        replica = connections[REPLICA]
        replica.ensure_connection()
        replica.set_autocommit(False)
        with replica.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT count(*) FROM jobs_job")  # takes the snapshot
        self.holding = True

    def close(self) -> None:
        if self.holding:
            replica = connections[REPLICA]
            replica.rollback()
            replica.set_autocommit(True)
        _drop_alias(REPLICA)


@pytest.fixture
def lagging(transactional_db: None, settings: Any, tmp_path: Path) -> Iterator[Lagging]:
    lag = Lagging(tmp_path, settings)
    yield lag
    lag.close()


class Counted:
    """Queries run on the primary and on the replica while the block runs."""

    def __init__(self) -> None:
        self.primary = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections[REPLICA])

    def __enter__(self) -> Counted:
        self.primary.__enter__()
        self.replica.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.replica.__exit__(*exc)
        self.primary.__exit__(*exc)

    @staticmethod
    def _statements(capture: CaptureQueriesContext) -> int:
        control = ("BEGIN", "SAVEPOINT", "RELEASE", "COMMIT", "ROLLBACK")
        return sum(
            1 for query in capture.captured_queries if not query["sql"].upper().startswith(control)
        )

    @property
    def on_primary(self) -> int:
        return self._statements(self.primary)

    @property
    def on_replica(self) -> int:
        return self._statements(self.replica)


def _bearer(user: User) -> dict[str, Any]:
    _, raw = api_token_create(user=user, name="replicas")
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


# --- Configuration ---------------------------------------------------------------------------


def _settings_in_a_fresh_process(**env: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import json, twoway.settings as s; "
        "print(json.dumps({'aliases': sorted(s.DATABASES), 'replicas': s.DATABASE_REPLICAS, "
        "'routers': s.DATABASE_ROUTERS, 'test': s.DATABASES.get('replica_1', {}).get('TEST'), "
        "'host': s.DATABASES.get('replica_2', {}).get('HOST'), "
        "'lag': s.REPLICA_LAG_WINDOW.total_seconds(), "
        "'no_named_cursors': [d.get('DISABLE_SERVER_SIDE_CURSORS') for d in s.DATABASES.values()]"
        "}))"
    )
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DATABASE", "REPLICA", "DB_"))
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "SECRET_KEY": "x", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_replica_urls_become_mirrored_aliases_and_register_the_router():
    done = _settings_in_a_fresh_process(
        DATABASE_URL="postgres://app@primary:5432/twoway",
        DATABASE_REPLICA_URLS="postgres://app@replica-a:5432/twoway, postgres://app@replica-b/twoway",
        REPLICA_LAG_WINDOW="30s",
        DB_DISABLE_SERVER_SIDE_CURSORS="true",
    )
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found == {
        "aliases": ["default", "replica_1", "replica_2"],
        "replicas": ["replica_1", "replica_2"],
        "routers": [ROUTER],
        "test": {"MIRROR": "default"},
        "host": "replica-b",
        "lag": 30.0,
        "no_named_cursors": [True, True, True],
    }


def test_without_replica_urls_there_is_no_router_and_no_alias():
    done = _settings_in_a_fresh_process(DATABASE_URL="postgres://app@primary:5432/twoway")
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["aliases"] == ["default"]
    assert found["routers"] == []
    assert found["lag"] == 10.0
    assert found["no_named_cursors"] == [False]


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "needs a PostgreSQL DATABASE_URL"),
        ({"DATABASE_URL": "postgres://a@b/c", "DATABASE_REPLICA_URLS": "nosuch://x"}, "replica 1"),
        ({"DATABASE_URL": "postgres://a@b/c", "REPLICA_LAG_WINDOW": "soon"}, "REPLICA_LAG_WINDOW"),
    ],
)
def test_bad_replica_settings_stop_start_up_naming_the_variable(env, message):
    env = {"DATABASE_REPLICA_URLS": "postgres://a@r/c", **env}
    done = _settings_in_a_fresh_process(**env)
    assert done.returncode != 0
    assert message in done.stderr


def test_this_suite_runs_without_replicas(settings, client, db):
    assert settings.DATABASE_REPLICAS == []
    assert settings.DATABASE_ROUTERS == []
    response = client.post("/login/", {"username": "nobody", "password": "wrong-password-1"})
    assert PIN_COOKIE not in response.cookies


# --- The router's decisions -------------------------------------------------------------------


def test_reads_outside_a_request_go_to_the_primary(replica):
    """Management commands, the sweeper, shells and threads never read from a replica."""
    router = PrimaryReplicaRouter()
    assert routers.current() is None
    assert router.db_for_read(User) == "default"
    with Counted() as counted:
        User.objects.count()
        call_command("sweep")
    assert counted.on_replica == 0
    assert counted.on_primary > 0


def test_a_request_reads_from_its_replica_and_writes_to_the_primary(replica):
    router = PrimaryReplicaRouter()
    with request_reads(pinned=False), Counted() as counted:
        assert router.db_for_read(User) == REPLICA
        assert User.objects.count() == 0
    assert counted.on_replica == 1
    assert counted.on_primary == 0
    with request_reads(pinned=False) as state:
        assert router.db_for_write(User) == "default"
        assert state is not None
        assert state.wrote


def test_reads_inside_a_transaction_and_locking_reads_go_to_the_primary(replica):
    person = make_user("client")
    with request_reads(pinned=False), Counted() as counted:
        User.objects.filter(pk=person.pk).count()
        with transaction.atomic():
            assert PrimaryReplicaRouter().db_for_read(User) == "default"
            User.objects.filter(pk=person.pk).count()
            User.objects.select_for_update().get(pk=person.pk)
        # A row lock is taken to write: the rest of the request stays on the primary.
        User.objects.filter(pk=person.pk).count()
    assert counted.on_replica == 1
    assert counted.on_primary == 3


def test_after_a_write_the_rest_of_the_request_reads_from_the_primary(replica):
    person = make_user("client")
    with request_reads(pinned=False), Counted() as counted:
        User.objects.get(pk=person.pk)
        person.first_name = "Changed"
        person.save(update_fields=["first_name"])
        assert User.objects.get(pk=person.pk).first_name == "Changed"
    assert counted.on_replica == 1
    assert counted.on_primary == 2


def test_a_pinned_request_reads_from_the_primary(replica):
    with request_reads(pinned=True), Counted() as counted:
        assert PrimaryReplicaRouter().db_for_read(User) == "default"
        User.objects.count()
    assert (counted.on_primary, counted.on_replica) == (1, 0)


def test_the_pin_is_per_request_not_global(replica):
    """Two requests at once in two threads: one pinned, one not; each keeps its own routing."""
    router = PrimaryReplicaRouter()
    barrier = threading.Barrier(2)
    seen: dict[str, list[str]] = {}

    def request(name: str, pinned: bool) -> None:
        with request_reads(pinned=pinned):
            decisions = [router.db_for_read(User)]
            barrier.wait(timeout=10)
            decisions.append(router.db_for_read(User))
            barrier.wait(timeout=10)
            decisions.append(router.db_for_read(User))
        seen[name] = decisions

    threads = [
        threading.Thread(target=request, args=("reader", False)),
        threading.Thread(target=request, args=("writer", True)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert seen == {"reader": [REPLICA] * 3, "writer": ["default"] * 3}
    assert routers.current() is None


def test_replicas_are_never_migrated_and_relations_across_aliases_are_allowed(replica):
    router = PrimaryReplicaRouter()
    assert router.allow_migrate(REPLICA, "jobs") is False
    assert router.allow_migrate("default", "jobs") is None
    person = make_user("client")
    read_there = User.objects.using(REPLICA).get(pk=person.pk)
    assert router.allow_relation(read_there, person) is True


# --- Requests through the middleware ----------------------------------------------------------


def test_a_safe_request_reads_from_the_replica_and_sets_no_pin(replica, client):
    with Counted() as counted:
        response = client.get("/api/v1/jobs")
    assert response.status_code == 200
    assert counted.on_replica > 0
    assert counted.on_primary == 0
    assert PIN_COOKIE not in response.cookies


def test_an_unsafe_request_uses_the_primary_and_pins_the_browser(replica, settings, clock):
    person = make_user("client")
    headers = _bearer(person)
    http = Client()
    with Counted() as counted:
        response = http.post(
            "/api/v1/jobs", json.dumps(API_JOB), content_type="application/json", **headers
        )
    assert response.status_code == 201
    assert counted.on_replica == 0
    assert counted.on_primary > 0
    cookie = response.cookies[PIN_COOKIE]
    assert int(cookie["max-age"]) == settings.REPLICA_LAG_WINDOW.total_seconds()
    assert cookie["httponly"]
    assert cookie["samesite"] == "Lax"
    # The next request from the same browser reads from the primary...
    with Counted() as counted:
        assert http.get(f"/api/v1/jobs/{response.json()['id']}", **headers).status_code == 200
    assert (counted.on_replica, counted.on_primary > 0) == (0, True)
    # ...until the window passes.
    clock.advance(seconds=settings.REPLICA_LAG_WINDOW.total_seconds() + 1)
    with Counted() as counted:
        http.get("/api/v1/jobs", **headers)
    assert counted.on_replica > 0
    assert counted.on_primary == 0


def test_the_header_pins_a_request_for_clients_without_cookies(replica):
    with Counted() as counted:
        Client().get("/api/v1/jobs", headers={PIN_HEADER: "1"})
    assert (counted.on_replica, counted.on_primary > 0) == (0, True)


@pytest.mark.parametrize(
    "forge",
    [
        pytest.param(lambda until: str(until), id="unsigned"),
        pytest.param(
            lambda until: signing.TimestampSigner(key="not-our-key", salt="x").sign(str(until)),
            id="signed-with-another-key",
        ),
        pytest.param(lambda until: routers.pin_cookie_value(until - 3600), id="expired"),
        pytest.param(lambda until: routers.pin_cookie_value(until)[:-2] + "xx", id="tampered"),
    ],
)
def test_a_forged_or_expired_pin_does_not_pin(replica, clock, forge):
    http = Client()
    until = int(clock.now().timestamp()) + 3000
    http.cookies[PIN_COOKIE] = forge(until)
    with Counted() as counted:
        http.get("/api/v1/jobs")
    assert counted.on_replica > 0
    assert counted.on_primary == 0


def test_a_valid_pin_cookie_pins(replica, clock):
    http = Client()
    http.cookies[PIN_COOKIE] = routers.pin_cookie_value(int(clock.now().timestamp()) + 5)
    with Counted() as counted:
        http.get("/api/v1/jobs")
    assert (counted.on_replica, counted.on_primary > 0) == (0, True)


# --- Against a replica that lags ----------------------------------------------------------------


def test_a_person_sees_their_own_write_on_the_very_next_request(lagging, clock):
    """The replica misses the write; the writer's next page comes from the primary anyway,
    while everyone else reads the (stale) replica until it catches up."""
    person = make_user("client")
    browser = logged_in(person)
    lagging.stop()

    response = browser.post("/jobs/new/", NEW_JOB)
    assert response.status_code == 302
    assert PIN_COOKIE in response.cookies
    job = Job.objects.get(title=NEW_JOB["title"])
    assert response["Location"] == f"/jobs/{job.pk}/"

    page = browser.get(f"/jobs/{job.pk}/")
    assert page.status_code == 200
    assert NEW_JOB["title"] in page.content.decode()

    # The replica really is behind: a visitor without the pin does not see the job yet.
    assert Client().get(f"/jobs/{job.pk}/").status_code == 404
    # The writer's own reads fall back to the replica once the window has passed.
    clock.advance(seconds=11)
    assert browser.get(f"/jobs/{job.pk}/").status_code == 404


def test_an_api_client_without_cookies_reads_its_write_with_the_header(lagging):
    person = make_user("client")
    headers = _bearer(person)
    Client().get("/api/v1/proposals", **headers)  # the token's once-a-minute touch, done now
    lagging.stop()

    created = Client().post(
        "/api/v1/jobs", json.dumps(API_JOB), content_type="application/json", **headers
    )
    assert created.status_code == 201
    path = f"/api/v1/jobs/{created.json()['id']}"
    assert Client().get(path, **headers).status_code == 404  # no cookie, no header: stale
    pinned = Client().get(path, **headers, HTTP_X_READ_YOUR_WRITES="1")
    assert pinned.status_code == 200
    assert pinned.json()["title"] == API_JOB["title"]
