"""Accounts are deactivated, never deleted: nobody erases feedback about them by leaving."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db.models import ProtectedError
from django.test import Client

from tests.conftest import PASSWORD, make_contract, make_job, make_proposal
from tests.feedback.conftest import CLIENT_COMMENT, FREELANCER_COMMENT
from tests.feedback.test_services import submit_client, submit_freelancer
from tests.support import audit_events, logged_in, page_text
from twoway.accounts import services
from twoway.accounts.models import ApiToken, User
from twoway.core.errors import Conflict, PermissionDenied, Throttled
from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus
from twoway.reputation.models import Reputation

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(client_user, freelancer):
    """Both parties of an ended $1,000 contract rated each other; the feedback is revealed."""
    ended = make_contract(client_user, freelancer, paid_cents=100_000, ended=True)
    submit_client(ended)
    submit_freelancer(ended)
    return ended


def test_deactivating_keeps_the_person_and_every_feedback_about_and_by_them(reviewed, api):
    freelancer, client = reviewed.freelancer, reviewed.client
    before = {
        (row.user_id, row.role): (row.review_count, row.feedback_score)
        for row in Reputation.objects.all()
    }

    services.user_deactivate(user=freelancer, password=PASSWORD)

    freelancer.refresh_from_db()
    assert freelancer.is_active is False
    after = {
        (row.user_id, row.role): (row.review_count, row.feedback_score)
        for row in Reputation.objects.all()
    }
    assert after == before
    assert before[(freelancer.pk, "freelancer")][0] == 1
    assert before[(client.pk, "client")][0] == 1

    about = api(None).get(f"/users/{freelancer.pk}/feedback", role="freelancer").json()
    assert [item["comment"] for item in about["items"]] == [CLIENT_COMMENT]
    by = api(None).get(f"/users/{client.pk}/feedback", role="client").json()
    assert [item["comment"] for item in by["items"]] == [FREELANCER_COMMENT]
    reputation = api(None).get(f"/users/{freelancer.pk}/reputation", role="freelancer").json()
    assert reputation["review_count"] == 1

    profile = page_text(Client().get(f"/users/{freelancer.pk}/"))
    assert "Account deactivated" in profile
    assert CLIENT_COMMENT in profile
    assert FREELANCER_COMMENT in page_text(Client().get(f"/users/{client.pk}/"))
    assert api(None).get(f"/users/{freelancer.pk}").json()["is_active"] is False


def test_deactivation_is_audited(freelancer):
    services.user_deactivate(user=freelancer, password=PASSWORD)
    (event,) = audit_events(freelancer, "user.deactivated")
    assert event.actor_id == freelancer.pk
    assert event.before == {"is_active": True}
    assert event.after is not None
    assert event.after["is_active"] is False


def test_a_wrong_password_changes_nothing_and_guessing_is_throttled(freelancer):
    for _ in range(5):
        with pytest.raises(PermissionDenied) as error:
            services.user_deactivate(user=freelancer, password="not-my-password", ip="10.0.0.1")
        assert error.value.code == "wrong_password"
    with pytest.raises(Throttled):
        services.user_deactivate(user=freelancer, password=PASSWORD, ip="10.0.0.1")
    freelancer.refresh_from_db()
    assert freelancer.is_active
    assert not audit_events(freelancer, "user.deactivated")


def test_deactivating_twice_is_a_conflict(freelancer):
    services.user_deactivate(user=freelancer, password=PASSWORD)
    with pytest.raises(Conflict) as error:
        services.user_deactivate(user=freelancer, password=PASSWORD)
    assert error.value.code == "account_inactive"


def test_every_token_is_revoked_and_every_session_ends(freelancer, api):
    caller = api(freelancer)
    _, spare = services.api_token_create(user=freelancer, name="spare")
    laptop, phone = Client(), Client()
    for browser in (laptop, phone):
        assert browser.post("/login/", {"username": freelancer.username, "password": PASSWORD})[
            "Location"
        ].startswith("/")
    assert Session.objects.count() == 2
    assert laptop.get("/settings/").status_code == 200

    services.user_deactivate(user=freelancer, password=PASSWORD)

    assert not ApiToken.objects.filter(user=freelancer, revoked_at__isnull=True).exists()
    assert Session.objects.count() == 0
    for browser in (laptop, phone):
        response = browser.get("/settings/")
        assert response.status_code == 302
        assert response["Location"].startswith("/login/")
    assert caller.get("/me").status_code == 401
    spare_call = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {spare}")
    assert spare_call.status_code == 401
    assert spare_call.json()["code"] == "invalid_token"


def test_a_session_the_sweep_missed_still_stops_authenticating(freelancer, settings):
    """With a session engine the service cannot search, inactivity alone ends the session."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    browser = logged_in(freelancer)
    assert browser.get("/settings/").status_code == 200
    services.user_deactivate(user=freelancer, password=PASSWORD)
    assert browser.get("/settings/").status_code == 302


def test_a_deactivated_person_cannot_sign_in_on_the_web_or_the_api(freelancer, api):
    services.user_deactivate(user=freelancer, password=PASSWORD)
    browser = Client()
    response = browser.post("/login/", {"username": freelancer.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in browser.session
    token = api(None).post("/auth/token", {"username": freelancer.username, "password": PASSWORD})
    assert token.status_code == 401


def test_a_clients_open_jobs_close_and_the_proposals_on_them_are_declined(client_user, freelancer):
    job = make_job(client_user)
    waiting = make_proposal(make_job(client_user, title="Another small website"), freelancer)

    services.user_deactivate(user=client_user, password=PASSWORD)

    assert set(Job.objects.filter(client=client_user).values_list("status", flat=True)) == {
        JobStatus.CLOSED
    }
    assert audit_events(job, "job.closed")[0].actor_id == client_user.pk
    assert Proposal.objects.get(pk=waiting.pk).status == ProposalStatus.DECLINED


def test_a_freelancers_pending_proposals_are_withdrawn(client_user, freelancer):
    proposal = make_proposal(make_job(client_user), freelancer)
    services.user_deactivate(user=freelancer, password=PASSWORD)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    assert audit_events(proposal, "proposal.withdrawn")[0].actor_id == freelancer.pk


# --- The settings page ----------------------------------------------------------------------


def test_the_settings_page_offers_deactivation_with_the_password(freelancer):
    page = page_text(logged_in(freelancer).get("/settings/"))
    assert "Deactivate my account" in page
    assert 'name="section" value="deactivate"' in page
    assert 'autocomplete="current-password"' in page


def test_the_settings_page_refuses_a_wrong_password(freelancer):
    browser = logged_in(freelancer)
    response = browser.post("/settings/", {"section": "deactivate", "password": "wrong-one"})
    assert response.status_code == 400
    assert "That is not your password" in page_text(response)
    freelancer.refresh_from_db()
    assert freelancer.is_active


def test_the_settings_page_deactivates_and_signs_out(reviewed):
    freelancer = reviewed.freelancer
    browser = logged_in(freelancer)
    response = browser.post(
        "/settings/", {"section": "deactivate", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/"
    assert "Your account is deactivated" in page_text(response)
    assert "_auth_user_id" not in browser.session
    freelancer.refresh_from_db()
    assert not freelancer.is_active
    assert Reputation.objects.get(user=freelancer, role="freelancer").review_count == 1


# --- The API --------------------------------------------------------------------------------


def test_the_api_refuses_a_wrong_password(freelancer, api):
    response = api(freelancer).post("/me/deactivate", {"password": "wrong-one"})
    assert response.status_code == 403
    assert response.json()["code"] == "wrong_password"
    freelancer.refresh_from_db()
    assert freelancer.is_active


def test_the_api_deactivates_and_the_token_stops_working(freelancer, api):
    caller = api(freelancer)
    response = caller.post("/me/deactivate", {"password": PASSWORD})
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert caller.get("/me").status_code == 401
    assert caller.post("/me/deactivate", {"password": PASSWORD}).status_code == 401


def test_the_api_needs_the_password_field(freelancer, api):
    response = api(freelancer).post("/me/deactivate", {})
    assert response.status_code == 422
    assert api(freelancer).post("/me/deactivate", {"password": "p" * 129}).status_code == 422


# --- Operators cannot delete people ---------------------------------------------------------


def test_the_admin_cannot_delete_people(reviewed, operator):
    admin = logged_in(operator)
    person = reviewed.freelancer
    assert admin.get(f"/admin/accounts/user/{person.pk}/delete/").status_code == 403
    changelist = page_text(admin.get("/admin/accounts/user/"))
    assert "delete_selected" not in changelist
    admin.post(
        "/admin/accounts/user/", {"action": "delete_selected", "_selected_action": [person.pk]}
    )
    assert User.objects.filter(pk=person.pk).exists()


def test_the_database_refuses_to_delete_a_person_with_feedback(reviewed):
    with pytest.raises(ProtectedError):
        reviewed.freelancer.delete()
