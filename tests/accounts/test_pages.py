"""Account pages through Django's test client: sign-up, log-in, settings, tokens, profiles."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import PASSWORD
from tests.support import csrf_token_of, logged_in, page_text
from twoway.accounts.models import ApiToken, FreelancerProfile, User
from twoway.accounts.services import (
    api_token_authenticate,
    api_token_create,
    freelancer_profile_update,
)

pytestmark = pytest.mark.django_db

SIGNUP = {
    "username": "page_person",
    "email": "page.person@example.com",
    "password": PASSWORD,
    "roles": ["client"],
    "first_name": "Paige",
    "last_name": "",
}


def test_the_signup_page_renders(client):
    response = client.get("/signup/")
    assert response.status_code == 200
    assert "Create your Twoway account" in page_text(response)


def test_signing_up_creates_the_account_and_logs_in(client):
    response = client.post("/signup/", SIGNUP)
    assert response.status_code == 302
    assert response["Location"] == "/dashboard/"
    user = User.objects.get(username="page_person")
    assert user.is_client
    assert not user.is_freelancer
    assert client.session["_auth_user_id"] == str(user.pk)
    assert client.get("/dashboard/").status_code == 200


def test_a_new_freelancer_is_sent_to_fill_in_their_profile(client):
    response = client.post("/signup/", SIGNUP | {"roles": ["freelancer"]})
    assert response.status_code == 302
    assert response["Location"] == "/settings/"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"password": "short"}, "at least 10 characters"),
        ({"password": "password123"}, "too common"),
        ({"username": "x"}, "3 to 30 characters"),
        ({"email": "nope"}, "valid email"),
        ({"roles": []}, "This field is required"),
        ({"roles": ["operator"]}, "Select a valid choice"),
        ({"username": "bad name!"}, "letters, digits"),
    ],
)
def test_signup_errors_re_render_with_400_and_the_message(client, change, message):
    response = client.post("/signup/", SIGNUP | change)
    assert response.status_code == 400
    assert message in page_text(response)
    assert not User.objects.filter(username="page_person").exists()


def test_signing_up_with_a_taken_username_shows_why(client, client_user):
    response = client.post("/signup/", SIGNUP | {"username": "Carol_Client"})
    assert response.status_code == 400
    assert "That username is taken." in page_text(response)


def test_a_signed_in_person_is_sent_away_from_signup(client_user):
    assert logged_in(client_user).get("/signup/").status_code == 302


def test_signup_without_a_csrf_token_is_rejected(db):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/signup/", SIGNUP)
    assert response.status_code == 403
    assert not User.objects.exists()


def test_signup_with_the_csrf_token_works(db):
    browser = Client(enforce_csrf_checks=True)
    token = csrf_token_of(browser)
    response = browser.post("/signup/", SIGNUP | {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert User.objects.filter(username="page_person").exists()


def test_logging_in_and_out(client, client_user):
    assert client.get("/login/").status_code == 200
    wrong = client.post("/login/", {"username": "carol_client", "password": "wrong-password"})
    assert wrong.status_code == 200
    assert "_auth_user_id" not in client.session
    right = client.post("/login/", {"username": "carol_client", "password": PASSWORD})
    assert right.status_code == 302
    assert client.session["_auth_user_id"] == str(client_user.pk)
    out = client.post("/logout/")
    assert out.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "path", ["/settings/", "/settings/tokens/", "/dashboard/", "/my/jobs/", "/my/proposals/"]
)
def test_private_pages_send_anonymous_visitors_to_log_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={path}"


def test_the_settings_page_renders_for_a_signed_in_person(client_user):
    response = logged_in(client_user).get("/settings/")
    assert response.status_code == 200


def test_saving_the_freelancer_section(freelancer):
    browser = logged_in(freelancer)
    response = browser.post(
        "/settings/",
        {
            "section": "freelancer",
            "title": "Django developer",
            "overview": "Ten years of it.",
            "skills": "Django, django, PostgreSQL",
            "hourly_rate_cents": "$85.50",
        },
    )
    assert response.status_code == 302
    profile = FreelancerProfile.objects.get(user=freelancer)
    assert profile.title == "Django developer"
    assert profile.hourly_rate_cents == 8_550
    assert sorted(s.name for s in profile.skills.all()) == ["Django", "PostgreSQL"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"hourly_rate_cents": "0.50"}, "The least is $1.00."),
        ({"hourly_rate_cents": "5000"}, "The most is $1,000.00."),
        ({"hourly_rate_cents": "ten"}, "Enter an amount in dollars"),
        ({"skills": ", ".join(f"s{n}" for n in range(16))}, "List at most 15 skills."),
    ],
)
def test_freelancer_section_errors_re_render_with_400(freelancer, fields, message):
    response = logged_in(freelancer).post("/settings/", {"section": "freelancer"} | fields)
    assert response.status_code == 400
    assert message in page_text(response)


def test_saving_the_account_section_changes_name_and_roles(client_user):
    response = logged_in(client_user).post(
        "/settings/",
        {"section": "account", "first_name": "Caz", "last_name": "", "roles": ["freelancer"]},
    )
    assert response.status_code == 302
    client_user.refresh_from_db()
    assert client_user.first_name == "Caz"
    assert client_user.roles == ["freelancer"]


def test_the_account_section_needs_a_role(client_user):
    response = logged_in(client_user).post(
        "/settings/", {"section": "account", "first_name": "", "last_name": ""}
    )
    assert response.status_code == 400
    client_user.refresh_from_db()
    assert client_user.roles == ["client"]


def test_saving_the_client_section(freelancer):
    response = logged_in(freelancer).post("/settings/", {"section": "client", "company": "Acme"})
    assert response.status_code == 302
    freelancer.refresh_from_db()
    assert freelancer.is_client
    assert freelancer.client_profile.company == "Acme"


def test_an_unknown_settings_section_is_not_a_500(client_user):
    response = logged_in(client_user).post("/settings/", {"section": "nonsense"})
    assert response.status_code in (200, 400)


def test_the_tokens_page_creates_a_token_shown_once(client_user):
    browser = logged_in(client_user)
    response = browser.post("/settings/tokens/", {"name": "deploy"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=client_user, name="deploy")
    raw = response.context["new_token"]
    assert raw in page_text(response)
    assert api_token_authenticate(raw) == client_user
    again = browser.get("/settings/tokens/")
    assert raw not in page_text(again)
    assert token.prefix in page_text(again)


def test_the_tokens_page_revokes_a_token(client_user):
    token, raw = api_token_create(user=client_user)
    response = logged_in(client_user).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api_token_authenticate(raw) is None


def test_nobody_revokes_someone_elses_token_from_the_page(client_user, stranger):
    token, raw = api_token_create(user=client_user)
    response = logged_in(stranger).post(f"/settings/tokens/{token.pk}/revoke/")
    assert response.status_code == 404
    assert api_token_authenticate(raw) == client_user


def test_revoking_needs_a_post(client_user):
    token, _ = api_token_create(user=client_user)
    assert logged_in(client_user).get(f"/settings/tokens/{token.pk}/revoke/").status_code == 405


def test_a_profile_page_is_public(client, freelancer):
    response = client.get(f"/users/{freelancer.pk}/")
    assert response.status_code == 200
    assert "Fred Lance" in page_text(response)
    assert freelancer.email not in page_text(response)


def test_a_missing_profile_is_a_404(client, db):
    assert client.get("/users/987654/").status_code == 404


def test_the_freelancer_search_page_renders_and_filters(client, freelancer, stranger):
    freelancer_profile_update(
        user=freelancer, title="Django wizard", overview="", skills=[], hourly_rate_cents=None
    )
    response = client.get("/freelancers/", {"q": "wizard"})
    assert response.status_code == 200
    assert "Fred Lance" in page_text(response)
    assert "sam_stranger" not in page_text(response)


@pytest.mark.parametrize(
    "params", [{"q": "a\x00b"}, {"cursor": "garbage"}, {"skill": "\x00"}, {"q": "x" * 5000}]
)
def test_odd_freelancer_search_input_is_not_a_500(client, db, params):
    response = client.get("/freelancers/", params)
    assert response.status_code in (200, 400, 422)
