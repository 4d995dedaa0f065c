"""Password guessing is slowed down on the API and the web login alike."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def api_login(client: Client, username: str, password: str):
    return client.post(
        "/api/v1/auth/token",
        json.dumps({"username": username, "password": password}),
        content_type="application/json",
    )


def test_the_token_endpoint_answers_429_after_five_failures(client_user):
    client = Client()
    for _ in range(5):
        assert api_login(client, client_user.username, "wrong-password").status_code == 401
    blocked = api_login(client, client_user.username, PASSWORD)
    assert blocked.status_code == 429
    assert blocked.json()["code"] == "throttled"
    assert int(blocked["Retry-After"]) > 0


def test_the_block_lifts_after_the_window(client_user, clock):
    client = Client()
    for _ in range(5):
        api_login(client, client_user.username, "wrong-password")
    clock.advance(minutes=16)
    assert api_login(client, client_user.username, PASSWORD).status_code == 201


def test_a_success_resets_the_count(client_user):
    client = Client()
    for _ in range(4):
        api_login(client, client_user.username, "wrong-password")
    assert api_login(client, client_user.username, PASSWORD).status_code == 201
    for _ in range(4):
        assert api_login(client, client_user.username, "wrong-password").status_code == 401


def test_many_usernames_from_one_address_are_throttled_too(client_user):
    client = Client()
    for n in range(20):
        api_login(client, f"nobody{n}", "wrong-password")
    assert api_login(client, client_user.username, PASSWORD).status_code == 429


def test_the_web_login_answers_429_after_five_failures(client_user):
    client = Client()
    for _ in range(5):
        response = client.post("/login/", {"username": client_user.username, "password": "nope"})
        assert response.status_code == 200
        assert b"Please enter a correct username and password" in response.content
    response = client.post("/login/", {"username": client_user.username, "password": PASSWORD})
    assert response.status_code == 429
    assert b"Too many failed sign-ins" in response.content
    assert "_auth_user_id" not in client.session
