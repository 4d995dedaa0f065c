"""App processes are stateless: any request may land on any process on any machine behind a
load balancer (docs/scaling.md). A "machine" here is a fresh test client with the per-process
cache emptied — everything a process keeps in memory."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client, RequestFactory

from tests.conftest import PASSWORD, make_contract
from tests.feedback.conftest import client_feedback, freelancer_feedback
from twoway.accounts.throttle import client_ip
from twoway.feedback.services import feedback_submit
from twoway.reputation.selectors import reputation_get

pytestmark = pytest.mark.django_db


def another_machine() -> Client:
    cache.clear()
    return Client()


def test_a_session_made_on_one_machine_works_on_another(client_user):
    first = Client()
    response = first.post("/login/", {"username": client_user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    session = django_settings.SESSION_COOKIE_NAME
    second = another_machine()
    second.cookies[session] = first.cookies[session].value
    assert second.get("/dashboard/").status_code == 200


def test_sign_in_throttling_counts_failures_on_every_machine(client_user):
    for _ in range(5):
        machine = another_machine()
        machine.post("/login/", {"username": client_user.username, "password": "wrong-one"})
    response = another_machine().post(
        "/login/", {"username": client_user.username, "password": PASSWORD}
    )
    assert response.status_code == 429


def test_a_cached_reputation_is_not_served_after_a_change_made_elsewhere(client_user, freelancer):
    """Nothing tells other processes to forget: the cache key holds the stored totals' version,
    so a process's next read after a change anywhere computes afresh."""
    contract = make_contract(client_user, freelancer, paid_cents=50_000, ended=True)
    before = reputation_get(user=freelancer, role="freelancer")  # cached in "this process"
    assert before.review_count == 0
    feedback_submit(actor=client_user, contract_id=contract.pk, **client_feedback())
    feedback_submit(actor=freelancer, contract_id=contract.pk, **freelancer_feedback())
    after = reputation_get(user=freelancer, role="freelancer")
    assert after.review_count == 1


# --- Behind a load balancer: whose address is it? -----------------------------------------------


@pytest.mark.parametrize(
    ("proxies", "remote", "forwarded", "expected"),
    [
        pytest.param([], "10.0.0.5", "203.0.113.7", "10.0.0.5", id="no-proxies-ignores-xff"),
        pytest.param(["10.0.0.0/8"], "10.0.0.5", "203.0.113.7", "203.0.113.7", id="via-lb"),
        pytest.param(
            ["10.0.0.0/8"], "10.0.0.5", "1.2.3.4, 203.0.113.7", "203.0.113.7", id="spoofed-left"
        ),
        pytest.param(
            ["10.0.0.0/8"], "10.0.0.5", "203.0.113.7, 10.1.1.1", "203.0.113.7", id="two-proxies"
        ),
        pytest.param(["10.0.0.0/8"], "198.51.100.9", "1.2.3.4", "198.51.100.9", id="direct"),
        pytest.param(["10.0.0.0/8"], "10.0.0.5", "", "10.0.0.5", id="no-header"),
        pytest.param(["10.0.0.0/8"], "10.0.0.5", "1.2.3.4, junk", "10.0.0.5", id="garbage"),
        pytest.param(
            ["10.0.0.5", "2001:db8::/32"],
            "2001:db8::1",
            "2001:db8::2, 192.0.2.1",
            "192.0.2.1",
            id="ipv6-proxy",
        ),
    ],
)
def test_the_per_address_limit_counts_the_client_not_the_load_balancer(
    settings, proxies, remote, forwarded, expected
):
    settings.TRUSTED_PROXIES = proxies
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected


def test_failures_from_many_people_behind_one_load_balancer_do_not_lock_everyone_out(
    settings, client_user
):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for n in range(25):  # more than the per-address limit, each from a different person
        Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").post(
            "/login/", {"username": f"someone{n}", "password": "wrong-one"}
        )
    response = Client(REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="198.51.100.1").post(
        "/login/", {"username": client_user.username, "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_bad_trusted_proxy_stops_start_up_naming_the_variable():
    done = subprocess.run(
        [sys.executable, "-c", "import twoway.settings"],
        env={"SECRET_KEY": "x", "TRUSTED_PROXIES": "10.0.0.0/8,load-balancer", "PATH": ""},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode != 0
    assert "TRUSTED_PROXIES" in done.stderr
