"""Profiles, roles, names and payment verification."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from tests.conftest import make_user
from tests.support import audit_events
from twoway.accounts.models import (
    MAX_HOURLY_RATE_CENTS,
    MIN_HOURLY_RATE_CENTS,
    ClientProfile,
    FreelancerProfile,
)
from twoway.accounts.selectors import freelancer_list, user_get_public
from twoway.accounts.services import (
    client_payment_verify,
    client_profile_update,
    freelancer_profile_update,
    user_name_update,
    user_roles_update,
)
from twoway.core.errors import InvalidInput, NotFound, PermissionDenied
from twoway.core.models import Skill

pytestmark = pytest.mark.django_db


def update_freelancer(user, **overrides):
    values: dict[str, Any] = {
        "title": "Django developer",
        "overview": "Ten years of Python.",
        "skills": ["Django", "PostgreSQL"],
        "hourly_rate_cents": 8_000,
    }
    values.update(overrides)
    return freelancer_profile_update(user=user, **values)


# --- freelancer profile ---------------------------------------------------------------------


def test_a_freelancer_writes_their_profile(freelancer):
    profile = update_freelancer(freelancer)
    profile.refresh_from_db()
    assert profile.title == "Django developer"
    assert profile.overview == "Ten years of Python."
    assert profile.hourly_rate_cents == 8_000
    assert sorted(s.name for s in profile.skills.all()) == ["Django", "PostgreSQL"]


def test_a_profile_title_over_120_characters_is_refused(freelancer):
    with pytest.raises(InvalidInput) as caught:
        update_freelancer(freelancer, title="T" * 121)
    assert caught.value.code == "too_long"
    update_freelancer(freelancer, title="T" * 120)


def test_an_overview_over_5000_characters_is_refused(freelancer):
    with pytest.raises(InvalidInput) as caught:
        update_freelancer(freelancer, overview="O" * 5001)
    assert caught.value.code == "too_long"
    update_freelancer(freelancer, overview="O" * 5000)


@pytest.mark.parametrize("rate", [0, MIN_HOURLY_RATE_CENTS - 1, MAX_HOURLY_RATE_CENTS + 1, -500])
def test_an_hourly_rate_outside_one_to_a_thousand_dollars_is_refused(freelancer, rate):
    with pytest.raises(InvalidInput) as caught:
        update_freelancer(freelancer, hourly_rate_cents=rate)
    assert caught.value.code == "invalid_rate"


@pytest.mark.parametrize("rate", [MIN_HOURLY_RATE_CENTS, MAX_HOURLY_RATE_CENTS, None])
def test_hourly_rates_at_the_limits_or_none_are_accepted(freelancer, rate):
    assert update_freelancer(freelancer, hourly_rate_cents=rate).hourly_rate_cents == rate


def test_the_database_refuses_an_hourly_rate_out_of_range(freelancer):
    with pytest.raises(IntegrityError), transaction.atomic():
        FreelancerProfile.objects.filter(user=freelancer).update(
            hourly_rate_cents=MAX_HOURLY_RATE_CENTS + 1
        )


def test_profile_skills_are_trimmed_and_deduplicated_case_insensitively(freelancer):
    profile = update_freelancer(freelancer, skills=["  Django ", "django", "Vue.js", "", "C#"])
    assert sorted(s.name for s in profile.skills.all()) == ["C#", "Django", "Vue.js"]


def test_profile_skills_reuse_existing_skill_rows(freelancer, stranger):
    update_freelancer(freelancer, skills=["Django"])
    update_freelancer(stranger, skills=["DJANGO"])
    assert Skill.objects.filter(slug="django").count() == 1


def test_a_profile_lists_at_most_fifteen_skills(freelancer):
    fifteen = [f"Skill {n}" for n in range(15)]
    assert update_freelancer(freelancer, skills=fifteen).skills.count() == 15
    with pytest.raises(InvalidInput) as caught:
        update_freelancer(freelancer, skills=[*fifteen, "One too many"])
    assert caught.value.code == "too_many_skills"


def test_writing_a_freelancer_profile_makes_a_client_a_freelancer(client_user):
    assert not client_user.is_freelancer
    update_freelancer(client_user)
    client_user.refresh_from_db()
    assert client_user.is_freelancer
    assert FreelancerProfile.objects.filter(user=client_user).exists()


def test_a_profile_update_is_audited_with_before_and_after(freelancer):
    profile = update_freelancer(freelancer, title="First", skills=["Django"])
    update_freelancer(freelancer, title="Second", skills=["Go"], hourly_rate_cents=None)
    first, second = audit_events(profile, "freelancer_profile.updated")
    assert first.before == {"title": "", "overview": "", "skills": [], "hourly_rate_cents": None}
    assert second.actor_id == freelancer.pk
    assert second.before is not None
    assert second.before["title"] == "First"
    assert second.before["skills"] == ["Django"]
    assert second.after == {
        "title": "Second",
        "overview": "Ten years of Python.",
        "skills": ["Go"],
        "hourly_rate_cents": None,
    }


def test_a_refused_profile_update_changes_nothing(freelancer):
    update_freelancer(freelancer, title="Kept")
    with pytest.raises(InvalidInput):
        update_freelancer(freelancer, title="Lost", hourly_rate_cents=1)
    assert FreelancerProfile.objects.get(user=freelancer).title == "Kept"


# --- client profile -------------------------------------------------------------------------


def test_a_client_names_their_company(client_user):
    profile = client_profile_update(user=client_user, company="  Acme Ltd  ")
    profile.refresh_from_db()
    assert profile.company == "Acme Ltd"
    (event,) = audit_events(profile, "client_profile.updated")
    assert event.before == {"company": ""}
    assert event.after == {"company": "Acme Ltd"}


def test_a_company_name_over_120_characters_is_refused(client_user):
    with pytest.raises(InvalidInput) as caught:
        client_profile_update(user=client_user, company="C" * 121)
    assert caught.value.code == "too_long"


def test_writing_a_client_profile_makes_a_freelancer_a_client(freelancer):
    client_profile_update(user=freelancer, company="Fred Ltd")
    freelancer.refresh_from_db()
    assert freelancer.is_client
    assert ClientProfile.objects.filter(user=freelancer).exists()


# --- roles and names ------------------------------------------------------------------------


def test_changing_roles_adds_the_missing_profile_and_is_audited(client_user):
    user_roles_update(user=client_user, roles=["client", "freelancer"])
    client_user.refresh_from_db()
    assert client_user.roles == ["client", "freelancer"]
    assert FreelancerProfile.objects.filter(user=client_user).exists()
    (event,) = audit_events(client_user, "user.roles_changed")
    assert event.before == {"roles": ["client"]}
    assert event.after == {"roles": ["client", "freelancer"]}


def test_dropping_a_role_keeps_its_profile(stranger):
    user_roles_update(user=stranger, roles=["client"])
    stranger.refresh_from_db()
    assert not stranger.is_freelancer
    assert FreelancerProfile.objects.filter(user=stranger).exists()


@pytest.mark.parametrize(("roles", "code"), [([], "no_role"), (["admin"], "invalid_role")])
def test_roles_must_be_known_and_not_empty(client_user, roles, code):
    with pytest.raises(InvalidInput) as caught:
        user_roles_update(user=client_user, roles=roles)
    assert caught.value.code == code
    client_user.refresh_from_db()
    assert client_user.roles == ["client"]


def test_renaming_is_trimmed_limited_and_audited(client_user):
    user_name_update(user=client_user, first_name=" Caroline ", last_name="C")
    client_user.refresh_from_db()
    assert client_user.display_name == "Caroline C"
    (event,) = audit_events(client_user, "user.renamed")
    assert event.before == {"first_name": "Carol", "last_name": "Client"}
    with pytest.raises(InvalidInput):
        user_name_update(user=client_user, first_name="x", last_name="L" * 61)


def test_the_display_name_falls_back_to_the_username(db):
    assert make_user("client", username="no_names").display_name == "no_names"


# --- payment verification -------------------------------------------------------------------


def test_only_operators_verify_payment_methods(client_user, stranger):
    with pytest.raises(PermissionDenied) as caught:
        client_payment_verify(operator=stranger, client=client_user, verified=True)
    assert caught.value.code == "not_an_operator"
    assert not ClientProfile.objects.get(user=client_user).payment_verified


def test_an_operator_verifies_and_unverifies_a_client(operator, client_user, clock):
    at = clock.freeze()
    profile = client_payment_verify(operator=operator, client=client_user, verified=True)
    assert profile.payment_verified
    assert profile.payment_verified_at == at
    profile = client_payment_verify(operator=operator, client=client_user, verified=False)
    assert not profile.payment_verified
    assert profile.payment_verified_at is None
    actions = [e.action for e in audit_events(profile)]
    assert actions[-2:] == [
        "client_profile.payment_verified",
        "client_profile.payment_unverified",
    ]
    assert audit_events(profile, "client_profile.payment_verified")[0].actor_id == operator.pk


def test_the_database_refuses_verification_without_a_time(client_user):
    with pytest.raises(IntegrityError), transaction.atomic():
        ClientProfile.objects.filter(user=client_user).update(payment_verified=True)


# --- selectors ------------------------------------------------------------------------------


def test_a_missing_person_is_not_found(db):
    with pytest.raises(NotFound):
        user_get_public(user_id=987_654)


def test_freelancer_search_finds_by_word_skill_and_rate(freelancer, stranger, client_user):
    update_freelancer(
        freelancer, title="Django developer", skills=["Django"], hourly_rate_cents=5000
    )
    update_freelancer(stranger, title="Copywriter", skills=["Writing"], hourly_rate_cents=9000)
    assert [u.pk for u in freelancer_list(q="django").items] == [freelancer.pk]
    assert [u.pk for u in freelancer_list(skill="writing").items] == [stranger.pk]
    assert [u.pk for u in freelancer_list(rate_min_cents=6000).items] == [stranger.pk]
    assert [u.pk for u in freelancer_list(rate_max_cents=6000).items] == [freelancer.pk]
    everyone = {u.pk for u in freelancer_list().items}
    assert everyone == {freelancer.pk, stranger.pk}
    assert client_user.pk not in everyone
