"""API tokens: shown once, stored only as a digest, revocable, touched when used."""

from __future__ import annotations

import hashlib

import pytest

from tests.support import audit_events
from twoway.accounts.models import ApiToken
from twoway.accounts.selectors import api_token_list
from twoway.accounts.services import (
    TOKEN_PREFIX,
    api_token_authenticate,
    api_token_create,
    api_token_revoke,
)
from twoway.core.errors import NotFound

pytestmark = pytest.mark.django_db


def test_a_new_token_authenticates_its_owner(client_user):
    _, raw = api_token_create(user=client_user, name="laptop")
    assert raw.startswith(TOKEN_PREFIX)
    assert api_token_authenticate(raw) == client_user


def test_tokens_are_stored_as_a_sha256_digest_and_never_raw(client_user):
    token, raw = api_token_create(user=client_user, name="laptop")
    row = ApiToken.objects.values().get(pk=token.pk)
    assert row["digest"] == hashlib.sha256(raw.encode()).hexdigest()
    assert all(raw not in str(value) for value in row.values())
    # The prefix helps people tell tokens apart but is far too short to use.
    assert raw.startswith(row["prefix"])
    assert len(row["prefix"]) < len(raw) // 2


def test_every_token_is_different(client_user):
    raws = {api_token_create(user=client_user)[1] for _ in range(5)}
    assert len(raws) == 5


def test_an_unknown_or_malformed_token_authenticates_nobody(client_user):
    _, raw = api_token_create(user=client_user)
    assert api_token_authenticate(raw + "x") is None
    assert api_token_authenticate(raw[len(TOKEN_PREFIX) :]) is None
    assert api_token_authenticate("") is None
    assert api_token_authenticate(TOKEN_PREFIX + "a" * 200) is None


def test_a_revoked_token_no_longer_authenticates(client_user, clock):
    token, raw = api_token_create(user=client_user)
    at = clock.freeze()
    revoked = api_token_revoke(user=client_user, token_id=token.pk)
    assert revoked.revoked_at == at
    assert not revoked.is_active
    assert api_token_authenticate(raw) is None


def test_revoking_keeps_the_others_working(client_user):
    first, first_raw = api_token_create(user=client_user)
    _, second_raw = api_token_create(user=client_user)
    api_token_revoke(user=client_user, token_id=first.pk)
    assert api_token_authenticate(first_raw) is None
    assert api_token_authenticate(second_raw) == client_user


def test_nobody_can_revoke_someone_elses_token(client_user, stranger):
    token, raw = api_token_create(user=client_user)
    with pytest.raises(NotFound):
        api_token_revoke(user=stranger, token_id=token.pk)
    assert api_token_authenticate(raw) == client_user


def test_revoking_twice_is_harmless_and_audited_once(client_user, clock):
    token, _ = api_token_create(user=client_user)
    first = api_token_revoke(user=client_user, token_id=token.pk).revoked_at
    clock.advance(minutes=5)
    assert api_token_revoke(user=client_user, token_id=token.pk).revoked_at == first
    assert len(audit_events(token, "api_token.revoked")) == 1


def test_a_deactivated_persons_tokens_stop_working(client_user):
    _, raw = api_token_create(user=client_user)
    client_user.is_active = False
    client_user.save(update_fields=["is_active"])
    assert api_token_authenticate(raw) is None


def test_using_a_token_records_when_it_was_last_used(client_user, clock):
    token, raw = api_token_create(user=client_user)
    assert token.last_used_at is None
    first_use = clock.freeze()
    api_token_authenticate(raw)
    token.refresh_from_db()
    assert token.last_used_at == first_use


def test_last_used_is_touched_at_most_once_a_minute(client_user, clock):
    token, raw = api_token_create(user=client_user)
    first_use = clock.freeze()
    api_token_authenticate(raw)
    clock.advance(seconds=30)
    api_token_authenticate(raw)
    token.refresh_from_db()
    assert token.last_used_at == first_use
    later = clock.advance(seconds=61)
    api_token_authenticate(raw)
    token.refresh_from_db()
    assert token.last_used_at == later


def test_creating_and_revoking_tokens_is_audited(client_user):
    token, raw = api_token_create(user=client_user, name="ci")
    api_token_revoke(user=client_user, token_id=token.pk)
    created, revoked = audit_events(token)
    assert created.action == "api_token.created"
    assert created.actor_id == client_user.pk
    assert created.after == {"name": "ci", "prefix": token.prefix}
    assert raw not in str(created.after)
    assert revoked.action == "api_token.revoked"
    assert revoked.before == {"revoked_at": None}
    assert revoked.after is not None
    assert revoked.after["revoked_at"] is not None


def test_a_blank_token_name_falls_back_to_a_default(client_user):
    token, _ = api_token_create(user=client_user, name="   ")
    assert token.name == "API token"


def test_a_person_lists_only_their_own_tokens(client_user, stranger):
    mine, _ = api_token_create(user=client_user)
    api_token_create(user=stranger)
    assert list(api_token_list(user=client_user)) == [mine]
