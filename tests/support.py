"""Helpers shared by the marketplace-core tests (accounts, jobs, contracts, core, api).

``FastArgon2PasswordHasher`` is what every test signs up with (see tests/conftest.py).
"""

from __future__ import annotations

import html
from typing import Any

from django.contrib.auth.hashers import Argon2PasswordHasher
from django.db import models
from django.test import Client

from twoway.accounts.models import User
from twoway.core.models import AuditEvent


class FastArgon2PasswordHasher(Argon2PasswordHasher):
    """The production algorithm (argon2id) at the smallest cost the library allows."""

    time_cost = 1
    memory_cost = 8
    parallelism = 1


def audit_events(target: models.Model, action: str | None = None) -> list[AuditEvent]:
    """The audit events about ``target`` (optionally one action), oldest first."""
    qs = AuditEvent.objects.filter(target_type=target._meta.label_lower, target_id=target.pk)
    if action is not None:
        qs = qs.filter(action=action)
    return list(qs.order_by("created_at", "id"))


def logged_in(user: User, *, enforce_csrf_checks: bool = False) -> Client:
    """A browser-like test client signed in as ``user`` through the session."""
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(user)
    return client


def csrf_token_of(client: Client) -> str:
    """Load a page that renders a form so the client holds a CSRF cookie; return its value."""
    client.get("/login/" if not client.session.get("_auth_user_id") else "/settings/")
    return client.cookies["csrftoken"].value


def page_text(response: Any) -> str:
    """A rendered page's HTML with entities decoded, for asserting on messages."""
    return html.unescape(response.content.decode())
