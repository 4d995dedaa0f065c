"""Sign-up: who may register, with what, and what it creates."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import identify_hasher
from django.db import IntegrityError, transaction

import twoway.settings as project_settings
from tests.conftest import PASSWORD
from tests.support import audit_events
from twoway.accounts.models import ClientProfile, FreelancerProfile, User
from twoway.accounts.services import user_signup
from twoway.core.errors import Conflict, InvalidInput

pytestmark = pytest.mark.django_db


def signup(**overrides: object) -> User:
    values: dict[str, object] = {
        "username": "new_person",
        "password": PASSWORD,
        "email": "new.person@example.com",
        "roles": ["client"],
    }
    values.update(overrides)
    return user_signup(**values)  # type: ignore[arg-type]


def test_signing_up_creates_an_active_person_with_the_chosen_roles():
    user = signup(roles=["client", "freelancer"], first_name="Nia", last_name="New")
    user.refresh_from_db()
    assert user.is_active
    assert user.is_client
    assert user.is_freelancer
    assert user.roles == ["client", "freelancer"]
    assert user.display_name == "Nia New"
    assert user.check_password(PASSWORD)


def test_a_client_gets_a_client_profile_and_no_freelancer_profile():
    user = signup(roles=["client"])
    assert ClientProfile.objects.filter(user=user).exists()
    assert not FreelancerProfile.objects.filter(user=user).exists()
    assert not user.is_freelancer


def test_a_freelancer_gets_a_freelancer_profile_and_no_client_profile():
    user = signup(roles=["freelancer"])
    assert FreelancerProfile.objects.filter(user=user).exists()
    assert not ClientProfile.objects.filter(user=user).exists()
    assert not user.is_client


def test_signing_up_records_an_audit_event():
    user = signup(roles=["freelancer"])
    (event,) = audit_events(user, "user.signed_up")
    assert event.actor_id == user.pk
    assert event.after == {"username": "new_person", "roles": ["freelancer"]}


def test_the_username_is_trimmed():
    assert signup(username="  padded_name  ").username == "padded_name"


@pytest.mark.parametrize(
    "username",
    ["ab", "x" * 31, "has space", "semi;colon", "slash/name", "", "   "],
    ids=["too-short", "too-long", "space", "semicolon", "slash", "empty", "blank"],
)
def test_a_bad_username_is_refused(username):
    with pytest.raises(InvalidInput) as caught:
        signup(username=username)
    assert caught.value.code == "invalid_username"
    assert not User.objects.exists()


@pytest.mark.parametrize("username", ["abc", "x" * 30, "a.b+c-d_e@f"])
def test_usernames_at_the_limits_are_accepted(username):
    assert signup(username=username).username == username


@pytest.mark.parametrize("email", ["not-an-email", "a@", "@example.com", "", "a b@example.com"])
def test_a_bad_email_is_refused(email):
    with pytest.raises(InvalidInput) as caught:
        signup(email=email)
    assert caught.value.code == "invalid_email"


@pytest.mark.parametrize(
    ("password", "why"),
    [
        ("short-1A", "too short"),
        ("password123", "too common"),
        ("8675309123456", "entirely numeric"),
        ("new_person_x", "too similar to the username"),
    ],
)
def test_a_weak_password_is_refused_by_djangos_validators(password, why):
    with pytest.raises(InvalidInput) as caught:
        signup(password=password)
    assert caught.value.code == "weak_password", why
    assert not User.objects.exists()


def test_the_weak_password_message_says_what_is_wrong():
    with pytest.raises(InvalidInput) as caught:
        signup(password="short-1A")
    assert "at least 10 characters" in caught.value.message


def test_a_username_taken_in_another_case_is_refused(client_user):
    with pytest.raises(Conflict) as caught:
        signup(username=client_user.username.upper())
    assert caught.value.code == "username_taken"


def test_an_email_taken_in_another_case_is_refused(client_user):
    with pytest.raises(Conflict) as caught:
        signup(email=client_user.email.upper())
    assert caught.value.code == "email_taken"
    assert User.objects.count() == 1


def test_the_database_refuses_two_accounts_with_the_same_email_in_any_case(client_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="sneaky", email=client_user.email.upper())


def test_the_database_allows_many_accounts_without_an_email(db):
    User.objects.create(username="first_blank", email="")
    User.objects.create(username="second_blank", email="")
    assert User.objects.filter(email="").count() == 2


def test_signing_up_needs_at_least_one_role():
    with pytest.raises(InvalidInput) as caught:
        signup(roles=[])
    assert caught.value.code == "no_role"


def test_signing_up_with_an_unknown_role_is_refused():
    with pytest.raises(InvalidInput) as caught:
        signup(roles=["client", "operator"])
    assert caught.value.code == "invalid_role"
    assert not User.objects.exists()


def test_a_name_longer_than_sixty_characters_is_refused():
    with pytest.raises(InvalidInput) as caught:
        signup(first_name="N" * 61)
    assert caught.value.code == "too_long"


def test_argon2_is_the_configured_password_hasher():
    # The project module, not the (test-tuned) live settings.
    assert project_settings.PASSWORD_HASHERS[0] == (
        "django.contrib.auth.hashers.Argon2PasswordHasher"
    )


def test_passwords_are_stored_as_argon2id_hashes():
    user = signup()
    user.refresh_from_db()
    assert PASSWORD not in user.password
    assert identify_hasher(user.password).algorithm == "argon2"
    assert user.password.startswith("argon2$argon2id$")
