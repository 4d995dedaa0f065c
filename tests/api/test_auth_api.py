"""Signing up, getting tokens and authenticating against /api/v1 (bearer tokens and sessions)."""

from __future__ import annotations

import pytest

from tests.conftest import PASSWORD
from tests.support import csrf_token_of, logged_in
from twoway.accounts.models import ApiToken, User
from twoway.accounts.services import api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "api_person",
    "password": PASSWORD,
    "email": "api.person@example.com",
    "roles": ["client", "freelancer"],
}


def test_signup_returns_the_user_and_a_working_token(api):
    response = api(None).post("/auth/signup", SIGNUP)
    assert response.status_code == 201
    body = response.json()
    assert set(body) == {"user", "token"}
    user = User.objects.get(username="api_person")
    assert body["user"]["id"] == user.pk
    assert body["user"]["username"] == "api_person"
    assert body["user"]["email"] == "api.person@example.com"
    assert body["user"]["roles"] == ["client", "freelancer"]
    assert body["user"]["is_operator"] is False
    assert body["user"]["freelancer_profile"]["skills"] == []
    assert body["user"]["client_profile"] == {"company": "", "payment_verified": False}
    me = api(None).http.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {body['token']}")
    assert me.status_code == 200
    assert me.json()["id"] == user.pk


def test_signup_with_a_taken_username_is_a_409(api, client_user):
    response = api(None).post("/auth/signup", SIGNUP | {"username": "CAROL_CLIENT"})
    assert response.status_code == 409
    assert response.json() == {"code": "username_taken", "message": "That username is taken."}


def test_signup_with_a_taken_email_is_a_409(api, client_user):
    response = api(None).post("/auth/signup", SIGNUP | {"email": "Carol_Client@Example.com"})
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"


def test_signup_with_a_weak_password_is_a_422_saying_why(api):
    response = api(None).post("/auth/signup", SIGNUP | {"password": "password"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "weak_password"
    assert "too common" in body["message"]
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"roles": ["operator"]}, "invalid_input"),
        ({"roles": []}, "invalid_input"),
        ({"email": "nope"}, "invalid_email"),
        ({"username": "a b"}, "invalid_username"),
    ],
)
def test_signup_with_bad_values_is_a_422(api, change, code):
    response = api(None).post("/auth/signup", SIGNUP | change)
    assert response.status_code == 422
    assert response.json()["code"] == code


def test_a_token_is_issued_for_the_right_password_only(api, client_user):
    response = api(None).post(
        "/auth/token", {"username": "carol_client", "password": PASSWORD, "name": "cli"}
    )
    assert response.status_code == 201
    body = response.json()
    token = ApiToken.objects.get(pk=body["id"])
    assert token.user_id == client_user.pk
    assert token.name == "cli"
    assert body["token"].startswith(token.prefix)
    wrong = api(None).post("/auth/token", {"username": "carol_client", "password": "nope-nope-1"})
    assert wrong.status_code == 401
    assert wrong.json()["code"] == "invalid_credentials"


def test_a_deactivated_person_gets_no_token(api, client_user):
    client_user.is_active = False
    client_user.save(update_fields=["is_active"])
    response = api(None).post("/auth/token", {"username": "carol_client", "password": PASSWORD})
    assert response.status_code == 401


def test_me_describes_the_caller(api, client_user):
    response = api(client_user).get("/me")
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == client_user.pk
    assert body["display_name"] == "Carol Client"
    assert body["roles"] == ["client"]
    assert body["freelancer_profile"] is None


def test_anonymous_callers_get_a_401_on_me(api):
    response = api(None).get("/me")
    assert response.status_code == 401
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Sign in or send a bearer token.",
    }


def test_put_freelancer_profile_writes_it(api, client_user):
    response = api(client_user).put(
        "/me/freelancer-profile",
        {
            "title": "Designer",
            "overview": "Logos and brands.",
            "skills": ["Figma", "figma", "Branding"],
            "hourly_rate_cents": 6_500,
        },
    )
    assert response.status_code == 200
    body = response.json()
    assert "freelancer" in body["roles"]
    assert body["freelancer_profile"]["title"] == "Designer"
    assert sorted(body["freelancer_profile"]["skills"]) == ["Branding", "Figma"]
    assert body["freelancer_profile"]["hourly_rate_cents"] == 6_500


@pytest.mark.parametrize(
    "payload",
    [
        {"hourly_rate_cents": 99},
        {"hourly_rate_cents": 100_001},
        {"title": "T" * 121},
        {"skills": [f"s{n}" for n in range(16)]},
        {"skills": ["S" * 41]},
        {"skills": "Django"},
    ],
)
def test_put_freelancer_profile_refuses_bad_values(api, freelancer, payload):
    response = api(freelancer).put("/me/freelancer-profile", payload)
    assert response.status_code == 422
    assert set(response.json()) >= {"code", "message"}


def test_put_client_profile_writes_it(api, freelancer):
    response = api(freelancer).put("/me/client-profile", {"company": "Fred Ltd"})
    assert response.status_code == 200
    assert response.json()["client_profile"] == {"company": "Fred Ltd", "payment_verified": False}


def test_a_person_lists_and_revokes_their_tokens(api, client_user):
    caller = api(client_user)
    extra, raw = api_token_create(user=client_user, name="spare")
    listed = caller.get("/me/tokens").json()
    assert {t["name"] for t in listed} == {"test", "spare"}
    assert all("digest" not in t and "token" not in t for t in listed)
    response = caller.delete(f"/me/tokens/{extra.pk}")
    assert response.status_code == 204
    revoked = caller.http.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert revoked.status_code == 401


def test_a_public_profile_is_readable_by_anyone(api, freelancer):
    response = api(None).get(f"/users/{freelancer.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "fred_freelancer"
    assert "email" not in body
    assert api(None).get("/users/999999").status_code == 404


# --- bearer tokens --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "header",
    ["Bearer nonsense", "Bearer tw_" + "x" * 40, "bearer tw_", "Bearer " + "tw_" + "y" * 200],
)
def test_an_invalid_token_is_a_401_invalid_token(api, header, db):
    response = api(None).http.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] in {"invalid_token", "invalid_authorization"}


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Token abc", "Bearer", "Bearer    "])
def test_a_malformed_authorization_header_is_a_401(api, header, db):
    response = api(None).http.get("/api/v1/me", HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_authorization"


def test_a_revoked_token_is_a_401_invalid_token(api, client_user):
    token, raw = api_token_create(user=client_user)
    api_token_revoke(user=client_user, token_id=token.pk)
    response = api(None).http.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 401
    assert response.json() == {
        "code": "invalid_token",
        "message": "The API token is invalid or revoked.",
    }


def test_a_bad_token_is_refused_even_where_anonymous_callers_are_welcome(api, db):
    # Falling back to anonymous would hide a broken integration: a bad token is always a 401.
    response = api(None).http.get("/api/v1/jobs", HTTP_AUTHORIZATION="Bearer tw_wrong")
    assert response.status_code == 401
    assert response.json()["code"] == "invalid_token"
    assert api(None).get("/jobs").status_code == 200


def test_using_a_token_over_http_records_last_use(api, client_user):
    caller = api(client_user)
    assert ApiToken.objects.get(user=client_user).last_used_at is None
    assert caller.get("/me").status_code == 200
    assert ApiToken.objects.get(user=client_user).last_used_at is not None


# --- browser sessions -----------------------------------------------------------------------


def test_a_session_reads_the_api_without_a_csrf_token(client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    response = browser.get("/api/v1/me")
    assert response.status_code == 200
    assert response.json()["id"] == client_user.pk


def test_a_session_write_without_a_csrf_token_is_refused(client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    response = browser.put(
        "/api/v1/me/client-profile", {"company": "Forged"}, content_type="application/json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"
    client_user.client_profile.refresh_from_db()
    assert client_user.client_profile.company == ""


def test_a_session_write_with_the_csrf_token_works(client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    token = csrf_token_of(browser)
    response = browser.post(
        "/api/v1/jobs",
        {
            "title": "Write a newsletter",
            "description": "Monthly newsletter for a small bakery.",
            "budget_type": "fixed",
            "budget_cents": 30_000,
        },
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201
    assert response.json()["client"]["id"] == client_user.pk


def test_a_session_write_with_a_wrong_csrf_token_is_refused(client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    csrf_token_of(browser)
    response = browser.post(
        "/api/v1/jobs",
        {},
        content_type="application/json",
        HTTP_X_CSRFTOKEN="x" * 32,
    )
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


def test_a_bearer_token_needs_no_csrf_token_even_with_a_session(client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    _, raw = api_token_create(user=client_user)
    response = browser.put(
        "/api/v1/me/client-profile",
        {"company": "Via token"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200
    assert response.json()["client_profile"]["company"] == "Via token"
