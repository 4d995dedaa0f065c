"""Slowing down password guessing, for the API's token endpoint and the web login alike.

Failures are rows in the database, so every worker process (and every machine behind a load
balancer) sees the same counts. After ``PER_USERNAME`` failures for one username, or
``PER_IP`` from one address, within ``WINDOW``, sign-in answers 429 until the window passes.
"""

from __future__ import annotations

import ipaddress
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

from twoway.accounts.models import LoginFailure
from twoway.core import clock
from twoway.core.errors import Throttled

WINDOW = timedelta(minutes=15)
PER_USERNAME = 5
PER_IP = 20


Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _is_proxy(address: str, networks: tuple[Network, ...]) -> bool | None:
    """True/False for a trusted proxy or not; None when ``address`` is not an IP address."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    return any(ip in network for network in networks)


def client_ip(request: HttpRequest) -> str | None:
    """The address a request came from, as the per-address limit counts it.

    REMOTE_ADDR, unless it is one of ``TRUSTED_PROXIES`` (the load balancers in front of the
    app): then the nearest address in X-Forwarded-For that is not a trusted proxy, which is the
    one our own proxy appended. Entries further left are whatever the client sent, so they are
    never used: a spoofable key would make the limit pointless. Without TRUSTED_PROXIES behind
    a load balancer, every request would count as the balancer's one address.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if remote is None or not networks or not _is_proxy(remote, networks):
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    for hop in reversed(hops):
        trusted = _is_proxy(hop, networks)
        if trusted is None:
            return remote  # not written by a proxy of ours: do not trust any of it
        if not trusted:
            return hop
    return hops[0] if hops else remote


def login_throttle_check(*, username: str, ip: str | None) -> None:
    """Raise Throttled if this username or address failed too often lately."""
    since = clock.now() - WINDOW
    key = username.strip().lower()[:150]
    if LoginFailure.objects.filter(username=key, at__gt=since).count() >= PER_USERNAME or (
        ip is not None and LoginFailure.objects.filter(ip=ip, at__gt=since).count() >= PER_IP
    ):
        raise Throttled(
            "Too many failed sign-ins; wait 15 minutes and try again.",
            retry_after=int(WINDOW.total_seconds()),
        )


def login_failure_record(*, username: str, ip: str | None) -> None:
    now = clock.now()
    LoginFailure.objects.create(username=username.strip().lower()[:150], ip=ip, at=now)
    # Keep the table small: old failures no longer count for anything.
    LoginFailure.objects.filter(at__lt=now - WINDOW * 4).delete()


def login_success_record(*, username: str) -> None:
    LoginFailure.objects.filter(username=username.strip().lower()[:150]).delete()
