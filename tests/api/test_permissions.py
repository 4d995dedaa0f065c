"""Who may call what: every marketplace endpoint, for anonymous, stranger, client, freelancer.

The scene: Carol (client) and Fred (freelancer) share an active contract; Carol also has an open
job with Fred's pending proposal on it, and a fresh job with no proposals. Sam (stranger) holds
both roles but is party to none of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from tests.conftest import make_contract, make_job, make_proposal
from twoway.accounts.services import api_token_create
from twoway.api import api as ninja_api

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "stranger", "client", "freelancer"]

JOB = {
    "title": "Proofread a report",
    "description": "Twenty pages of a technical report to proofread.",
    "budget_type": "fixed",
    "budget_cents": 20_000,
}
PROPOSAL = {"cover_letter": "I proofread for a living.", "bid_cents": 15_000}


def expect(anonymous: int, stranger: int, client: int, freelancer: int) -> dict[str, int]:
    """The expected status for each role, in the column order of ROLES."""
    return dict(zip(ROLES, (anonymous, stranger, client, freelancer), strict=True))


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: Any = None


# (call, expected status as: anonymous, stranger, client party, freelancer party)
MATRIX: list[tuple[Call, dict[str, int]]] = [
    (Call("get", "/me"), expect(401, 200, 200, 200)),
    (Call("put", "/me/freelancer-profile", {"title": "Anything"}), expect(401, 200, 200, 200)),
    (Call("put", "/me/client-profile", {"company": "Co"}), expect(401, 200, 200, 200)),
    (Call("get", "/me/tokens"), expect(401, 200, 200, 200)),
    (Call("delete", "/me/tokens/{client_token}"), expect(401, 404, 204, 404)),
    # A wrong password: the endpoint is reachable for everyone signed in and acts on no one.
    (Call("post", "/me/deactivate", {"password": "not-the-password"}), expect(401, 403, 403, 403)),
    (Call("get", "/users/{client}"), expect(200, 200, 200, 200)),
    (Call("get", "/jobs"), expect(200, 200, 200, 200)),
    (Call("get", "/jobs/{job}"), expect(200, 200, 200, 200)),
    (Call("post", "/jobs", JOB), expect(401, 201, 201, 403)),
    (Call("post", "/jobs/{job}/close"), expect(401, 403, 200, 403)),
    (Call("post", "/jobs/{fresh_job}/proposals", PROPOSAL), expect(401, 201, 403, 201)),
    (Call("get", "/jobs/{job}/proposals"), expect(401, 403, 200, 403)),
    (Call("get", "/proposals"), expect(401, 200, 200, 200)),
    (Call("get", "/proposals/{proposal}"), expect(401, 404, 200, 200)),
    (Call("post", "/proposals/{proposal}/decline"), expect(401, 404, 200, 403)),
    (Call("post", "/proposals/{proposal}/withdraw"), expect(401, 404, 403, 200)),
    (Call("post", "/proposals/{proposal}/hire"), expect(401, 404, 201, 403)),
    (Call("get", "/contracts"), expect(401, 200, 200, 200)),
    (Call("get", "/contracts/{contract}"), expect(401, 404, 200, 200)),
    (Call("get", "/contracts/{contract}/payments"), expect(401, 404, 200, 200)),
    (
        Call("post", "/contracts/{contract}/payments", {"amount_cents": 5_000}),
        expect(401, 404, 201, 403),
    ),
    (
        Call("post", "/contracts/{contract}/end", {"reason": "completed"}),
        expect(401, 404, 200, 200),
    ),
]

CASES = [
    pytest.param(call, role, expected[role], id=f"{call.method.upper()} {call.path} as {role}")
    for call, expected in MATRIX
    for role in ROLES
]


@pytest.fixture
def scene(client_user, freelancer, stranger) -> dict[str, Any]:
    contract = make_contract(client_user, freelancer)
    job = make_job(client_user)
    proposal = make_proposal(job, freelancer)
    fresh_job = make_job(client_user)
    token, _ = api_token_create(user=client_user, name="to revoke")
    return {
        "users": {"anonymous": None, "stranger": stranger, "client": client_user},
        "freelancer": freelancer,
        "ids": {
            "client": client_user.pk,
            "contract": contract.pk,
            "job": job.pk,
            "proposal": proposal.pk,
            "fresh_job": fresh_job.pk,
            "client_token": token.pk,
        },
    }


@pytest.mark.parametrize(("call", "role", "status"), CASES)
def test_permission_matrix(api, scene, call, role, status):
    user = scene["freelancer"] if role == "freelancer" else scene["users"][role]
    caller = api(user)
    path = call.path.format(**scene["ids"])
    if call.method in ("get", "delete"):
        response = getattr(caller, call.method)(path)
    else:
        response = getattr(caller, call.method)(path, call.body)
    assert response.status_code == status, response.content
    if status >= 400:
        body = response.json()
        assert set(body) >= {"code", "message"}
        if status == 401:
            assert body["code"] == "not_authenticated"


def test_a_stranger_sees_an_empty_contract_list(api, scene, stranger):
    assert api(stranger).get("/contracts").json() == {"items": [], "next": None}


def test_an_operator_may_read_any_contract_but_not_act_on_it(api, scene, operator):
    contract_id = scene["ids"]["contract"]
    caller = api(operator)
    assert caller.get(f"/contracts/{contract_id}").status_code == 200
    assert caller.post(f"/contracts/{contract_id}/end").status_code == 404
    assert caller.post(f"/contracts/{contract_id}/payments", {"amount_cents": 1}).status_code == 404


def test_the_matrix_covers_every_marketplace_endpoint():
    """A new endpoint in accounts, jobs or contracts must be added to the matrix above."""
    schema = ninja_api.get_openapi_schema()
    core_tags = {"people", "jobs", "contracts"}
    documented = {
        (method, path.removeprefix("/api/v1"))
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if core_tags & set(operation.get("tags", []))
    }
    covered = {
        (call.method, _as_openapi_path(call.path)) for call, _ in MATRIX
    } | PUBLIC_WITHOUT_PERMISSIONS
    assert documented - covered == set()


# Endpoints anyone may call and that act on no one's data; covered in test_auth_api.py.
PUBLIC_WITHOUT_PERMISSIONS = {("post", "/auth/signup"), ("post", "/auth/token")}


def _as_openapi_path(path: str) -> str:
    names = {
        "{client}": "{user_id}",
        "{client_token}": "{token_id}",
        "{job}": "{job_id}",
        "{fresh_job}": "{job_id}",
        "{proposal}": "{proposal_id}",
        "{contract}": "{contract_id}",
    }
    for placeholder, name in names.items():
        path = path.replace(placeholder, name)
    return path
