"""The authorization matrix, generated from ``authz_table.py``: every row, every role.

Each cell calls one API operation or page as one person, in a world where the thing exists in
the right state (see the table's docstring), and checks the outcome the table gives — and, for
writes, that an allowed call did what it says and a refused one changed nothing. The
completeness tests fail when the API or the pages have a route the table does not cover.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from tests.conftest import make_job, make_proposal, make_user
from tests.hardening.authz_table import (
    API_ROWS,
    CLIENT_STARS,
    DEFAULT_ARGS,
    FREELANCER_STARS,
    PAGE_ROWS,
    ROLES,
    ROWS,
    Row,
    World,
)
from tests.hardening.world import rolled_back
from twoway.accounts.models import User
from twoway.accounts.services import api_token_create
from twoway.api import api as ninja_api
from twoway.contracts.models import Contract
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.core import clock
from twoway.feedback.models import Feedback
from twoway.feedback.services import feedback_submit
from twoway.notifications.models import Notification

API_PREFIX = "/api/v1"
LOGIN = "/login/?next="
# Not pages of the product: the admin (Django guards it; tests/feedback/test_admin.py), static
# files, and the API (its operations are rows of their own; its docs are public).
NOT_PAGES = ("admin/", "static/", "api/")

# --- The world -----------------------------------------------------------------------------


def _hire(client: User, freelancer: User, *, paid: int = 0) -> Contract:
    proposal = make_proposal(make_job(client), freelancer)
    contract = proposal_hire(actor=client, proposal_id=proposal.pk)
    if paid:
        payment_record(actor=client, contract_id=contract.pk, amount_cents=paid)
    return contract


def _give(author: User, contract: Contract, stars: dict[str, int]) -> Feedback:
    return feedback_submit(
        actor=author,
        contract_id=contract.pk,
        ratings=stars,
        comment="Worked well together.",
        private_reason="completed",
        would_work_again=9,
        private_note="Private note for the operators.",
    )


def build_world() -> World:
    carol = make_user("client", username="carol_authz")
    fred = make_user("freelancer", username="fred_authz")
    sam = make_user("client", "freelancer", username="sam_authz")
    olive = make_user("client", username="olive_authz")
    olive.is_staff = True
    olive.save(update_fields=["is_staff"])

    job = make_job(carol)
    proposal = make_proposal(job, fred)
    fresh_job = make_job(carol)
    active = _hire(carol, fred, paid=50_000)
    ended = _hire(carol, fred, paid=30_000)
    contract_end(actor=carol, contract_id=ended.pk)
    sealed = _hire(carol, fred, paid=20_000)
    contract_end(actor=fred, contract_id=sealed.pk)
    sealed_feedback = _give(carol, sealed, CLIENT_STARS)
    revealed = _hire(carol, fred, paid=80_000)
    contract_end(actor=carol, contract_id=revealed.pk)
    revealed_feedback = _give(carol, revealed, CLIENT_STARS)
    _give(fred, revealed, FREELANCER_STARS)
    revealed_feedback.refresh_from_db()
    assert revealed_feedback.is_revealed(clock.now())
    assert not sealed_feedback.is_revealed(clock.now())
    spare, _ = api_token_create(user=carol, name="spare")
    notification = Notification.objects.filter(user=carol).order_by("pk").first()
    assert notification is not None

    people: dict[str, User | None] = {
        "anonymous": None,
        "stranger": sam,
        "client": carol,
        "freelancer": fred,
        "operator": olive,
    }
    return World(
        people=people,
        tokens={
            role: api_token_create(user=person, name="authz")[1]
            for role, person in people.items()
            if person is not None
        },
        ids={
            "carol": carol.pk,
            "fred": fred.pk,
            "sam": sam.pk,
            "olive": olive.pk,
            "job": job.pk,
            "proposal": proposal.pk,
            "fresh_job": fresh_job.pk,
            "contract": active.pk,
            "ended": ended.pk,
            "sealed": sealed.pk,
            "sealed_feedback": sealed_feedback.pk,
            "revealed": revealed.pk,
            "revealed_feedback": revealed_feedback.pk,
            "notification": notification.pk,
            "token": spare.pk,
            "role_client": "client",
            "role_freelancer": "freelancer",
        },
    )


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any) -> Iterator[World]:
    """Built once per module (and worker); each cell's changes are rolled back after it."""
    fast = override_settings(PASSWORD_HASHERS=["tests.support.FastArgon2PasswordHasher"])
    with django_db_blocker.unblock(), fast, rolled_back():
        yield build_world()


# --- Calling a cell ------------------------------------------------------------------------

PARAM = re.compile(r"\{(\w+)\}|<(?:\w+:)?(\w+)>")


def url_of(row: Row, world: World) -> str:
    def value(match: re.Match[str]) -> str:
        name = match.group(1) or match.group(2)
        return str(world.ids[row.args.get(name, DEFAULT_ARGS[name])])

    path = PARAM.sub(value, row.path)
    return API_PREFIX + path if row.kind == "api" else path


def call(row: Row, role: str, world: World) -> Any:
    user = world.people[role]
    url = url_of(row, world)
    body = row.body(world, role) if callable(row.body) else row.body
    http = Client()
    method = row.method.lower()
    if row.kind == "api":
        headers = {"Authorization": f"Bearer {world.tokens[role]}"} if user else {}
        if method == "get":
            return http.get(url, row.query, headers=headers)
        data = "" if body is None else json.dumps(body)
        return getattr(http, method)(url, data, content_type="application/json", headers=headers)
    if user is not None:
        http.force_login(user)
    if method == "get":
        return http.get(url, row.query)
    return http.post(url, body or {})


def check(row: Row, role: str, world: World, response: Any) -> None:
    expected = row.expected[role]
    user = world.people[role]
    status = response.status_code
    location = response.get("Location", "")
    shown = f"{row.name} as {role}: {status} {location} {response.content[:300]!r}"
    if expected == "ok":
        assert 200 <= status < 400, shown
        assert not location.startswith(LOGIN), shown
        if row.done is not None:
            assert row.done(world, user), f"allowed but not done: {shown}"
        if row.shows is not None:
            items = row.shows(world, response)
            others = [owners for owners in items if role not in owners]
            assert not others, f"lists what belongs to {others}: {shown}"
            assert items or role not in row.mine, f"does not list one's own: {shown}"
        return
    if expected == "away":
        assert 300 <= status < 400, shown
        assert not location.startswith(LOGIN), shown
    elif expected == "login":
        assert status == 302, shown
        assert location.startswith(LOGIN), shown
    else:
        assert status == int(expected), shown
        if row.kind == "api":
            body = response.json()
            assert set(body) >= {"code", "message"}, shown
            if status == 401:
                assert body["code"] == "not_authenticated", shown
    if row.done is not None:
        assert not row.done(world, user), f"refused but done anyway: {shown}"


CELLS = [pytest.param(row, role, id=f"{row.name} as {role}") for row in ROWS for role in ROLES]


@pytest.mark.django_db
@pytest.mark.parametrize(("row", "role"), CELLS)
def test_authorization(world: World, row: Row, role: str) -> None:
    check(row, role, world, call(row, role, world))


# --- Completeness --------------------------------------------------------------------------


def api_routes() -> set[tuple[str, str]]:
    schema = ninja_api.get_openapi_schema()
    return {
        (method.upper(), path.removeprefix(API_PREFIX))
        for path, operations in schema["paths"].items()
        for method in operations
    }


def _walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def page_routes() -> set[str]:
    """Every URL pattern outside NOT_PAGES, as "/jobs/<int:job_id>/" (regex patterns, such as
    the static files' with DEBUG on, start with "^")."""
    return {
        "/" + route
        for route in _walk(get_resolver().url_patterns)
        if not route.lstrip("^").startswith(NOT_PAGES)
    }


def test_every_api_operation_has_a_row() -> None:
    covered = {(row.method, row.path) for row in API_ROWS}
    assert api_routes() - covered == set(), "API operations missing from authz_table.py"
    assert covered - api_routes() == set(), "rows for API operations that do not exist"


def test_every_page_has_a_row() -> None:
    covered = {row.path for row in PAGE_ROWS}
    assert page_routes() - covered == set(), "pages missing from authz_table.py"
    assert covered - page_routes() == set(), "rows for pages that do not exist"


def test_the_schema_says_which_operations_anonymous_callers_may_use() -> None:
    """The OpenAPI document marks the public operations (security ``{}``): exactly the rows
    whose anonymous column is allowed."""
    schema = ninja_api.get_openapi_schema()
    documented = {
        (method.upper(), path.removeprefix(API_PREFIX))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if not operation.get("security") or {} in operation["security"]
    }
    allowed = {(row.method, row.path) for row in API_ROWS if row.expected["anonymous"] == "ok"}
    assert documented == allowed


@pytest.mark.django_db
@pytest.mark.parametrize(
    "back", ["https://evil.example/login", "//evil.example/", "http://testserver.evil/"]
)
def test_the_report_page_sends_people_back_only_within_the_site(world: World, back: str) -> None:
    """Its ``next`` comes from a link anyone can craft: never a redirect to another site."""
    http = Client()
    http.force_login(world.people["stranger"])
    url = f"/feedback/{world.ids['revealed_feedback']}/report/"
    form = http.get(url, {"next": back})
    assert back.encode() not in form.content
    response = http.post(url, {"reason": "irrelevant", "target": "feedback", "next": back})
    assert (response.status_code, response["Location"]) == (302, "/")
    http.force_login(world.people["client"])
    response = http.post(url, {"reason": "irrelevant", "target": "feedback", "next": "/jobs/"})
    assert (response.status_code, response["Location"]) == (302, "/jobs/")


def test_rows_are_unique() -> None:
    names = [row.name for row in ROWS]
    assert len(names) == len(set(names))
