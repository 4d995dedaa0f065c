"""Core pages: the dashboard (signed in only) and the health check."""

from __future__ import annotations

import pytest

from tests.conftest import make_contract, make_job
from tests.support import logged_in, page_text

pytestmark = pytest.mark.django_db


def test_the_dashboard_sends_anonymous_visitors_to_log_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/login/?next=/dashboard/"


def test_the_dashboard_shows_a_clients_open_jobs_and_contracts(client_user, freelancer):
    make_job(client_user, title="Still looking for help")
    contract = make_contract(client_user, freelancer)
    response = logged_in(client_user).get("/dashboard/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Still looking for help" in text
    assert f"/contracts/{contract.pk}/" in text


@pytest.mark.parametrize("who", ["freelancer", "stranger", "operator"])
def test_the_dashboard_renders_for_everyone_signed_in(who, request):
    assert logged_in(request.getfixturevalue(who)).get("/dashboard/").status_code == 200


def test_the_health_check_reports_the_version(client, db):
    from twoway import __version__

    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_an_unknown_page_is_a_404(client, db):
    assert client.get("/no/such/page/").status_code == 404
