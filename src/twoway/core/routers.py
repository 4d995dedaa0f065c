"""Reads from PostgreSQL read replicas, writes to the primary, and read-your-writes.

With ``DATABASE_REPLICA_URLS`` set, settings add one alias per replica (``replica_1``, …) and
register :class:`PrimaryReplicaRouter`. Without it nothing here does anything: every query goes
to ``default``, as before. The rules, in order (docs/scaling.md explains why):

1. Every write goes to the primary (``default``). ``select_for_update()`` is a write query for
   Django's routing, so row locks are always taken on the primary.
2. Replica reads are opt-in per HTTP request: outside a request — management commands, the
   sweeper, ``serve``'s start-up, shells, background threads — every read goes to the primary.
3. A request is *pinned* to the primary when its method is unsafe (POST, PUT, PATCH, DELETE),
   when it carries a valid ``twoway_pin`` cookie (set by every unsafe request's response, and by
   any response whose request wrote, for ``REPLICA_LAG_WINDOW``), or when it sends
   ``X-Read-Your-Writes: 1`` (for API clients that keep no cookies).
4. Once a request has written, its later reads go to the primary.
5. A read while the primary has a transaction open (``transaction.atomic``) goes to the
   primary: a service's reads and its writes see one database.
6. Otherwise the read goes to the request's replica — one chosen per request, so every read in a
   request sees one consistent point in time.

The state is a context variable set by :class:`ReadYourWritesMiddleware` around each request,
so it is per request (and per thread) and never global.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

from twoway.core import clock

PIN_COOKIE = "twoway_pin"
PIN_HEADER = "X-Read-Your-Writes"
_PIN_SALT = "twoway.core.routers.pin"
_SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_TRUE = frozenset({"1", "true", "yes", "on"})


@dataclass
class RequestReads:
    """Where this request's reads may go: ``replica`` is None when pinned to the primary."""

    replica: str | None
    wrote: bool = False


_reads: ContextVar[RequestReads | None] = ContextVar("twoway_request_reads", default=None)


def replica_aliases() -> list[str]:
    return list(getattr(settings, "DATABASE_REPLICAS", []))


def current() -> RequestReads | None:
    """This request's routing state (None outside a request: everything on the primary)."""
    return _reads.get()


@contextmanager
def request_reads(*, pinned: bool, replica: str | None = None) -> Iterator[RequestReads | None]:
    """Route reads in this block as for one request: from a replica unless ``pinned``.

    What the middleware does around each request; tests and scripts may use it directly.
    Without replicas configured it yields None and changes nothing.
    """
    aliases = replica_aliases()
    if not aliases:
        yield None
        return
    chosen = None if pinned else (replica or random.choice(aliases))
    token = _reads.set(RequestReads(replica=chosen))
    try:
        yield _reads.get()
    finally:
        _reads.reset(token)


class PrimaryReplicaRouter:
    """Writes and locked reads to the primary; a request's plain reads to its replica."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        state = _reads.get()
        if state is None or state.replica is None or state.wrote:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return state.replica

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        state = _reads.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool | None:
        # Replicas hold the primary's rows: an object read from one may point at one written
        # to the other.
        same_data = {DEFAULT_DB_ALIAS, *replica_aliases()}
        if obj1._state.db in same_data and obj2._state.db in same_data:
            return True
        return None

    def allow_migrate(
        self, db: str, app_label: str, model_name: str | None = None, **hints: Any
    ) -> bool | None:
        # Replicas receive the schema by replication; never migrate them directly.
        return False if db in replica_aliases() else None


# --- Read-your-writes for people ------------------------------------------------------------


def _window() -> timedelta:
    value = getattr(settings, "REPLICA_LAG_WINDOW", timedelta(seconds=10))
    return value if isinstance(value, timedelta) else timedelta(seconds=10)


def pin_cookie_value(until_epoch: int) -> str:
    """The signed cookie value pinning a browser to the primary until ``until_epoch``."""
    return signing.get_cookie_signer(salt=PIN_COOKIE + _PIN_SALT).sign(str(until_epoch))


def has_valid_pin(request: HttpRequest) -> bool:
    """True when the request carries an untampered ``twoway_pin`` cookie that has not expired
    (by ``core.clock``, so tests travel past it instead of sleeping)."""
    raw = request.get_signed_cookie(PIN_COOKIE, default=None, salt=_PIN_SALT)
    if raw is None or not raw.isdigit():
        return False
    return clock.now().timestamp() < int(raw)


def asks_for_primary(request: HttpRequest) -> bool:
    return request.headers.get(PIN_HEADER, "").strip().lower() in _TRUE


class ReadYourWritesMiddleware:
    """Chooses where each request reads from and pins people who just wrote to the primary.

    A no-op unless read replicas are configured.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not replica_aliases():
            return self.get_response(request)
        unsafe = request.method not in _SAFE_METHODS
        pinned = unsafe or asks_for_primary(request) or has_valid_pin(request)
        with request_reads(pinned=pinned) as state:
            response = self.get_response(request)
            if unsafe or (state is not None and state.wrote):
                self._pin(response)
        return response

    @staticmethod
    def _pin(response: HttpResponse) -> None:
        window = _window()
        until = int(clock.now().timestamp() + window.total_seconds()) + 1
        response.set_cookie(
            PIN_COOKIE,
            pin_cookie_value(until),
            max_age=max(1, int(window.total_seconds())),
            secure=bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
            httponly=True,
            samesite="Lax",
        )
