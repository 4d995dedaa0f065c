"""Small request helpers shared by the API and the pages."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest

from twoway.accounts.models import User
from twoway.core.errors import NotAuthenticated


def actor_of(request: HttpRequest) -> User:
    """The signed-in person making the request (API token or session); 401 otherwise."""
    user = getattr(request, "auth", None) or request.user
    if not getattr(user, "is_authenticated", False):
        raise NotAuthenticated()
    return cast(User, user)


def viewer_of(request: HttpRequest) -> User | None:
    """The signed-in person, or None for an anonymous visitor."""
    user = getattr(request, "auth", None) or request.user
    if getattr(user, "is_authenticated", False):
        return cast(User, user)
    return None
