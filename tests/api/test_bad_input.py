"""Bad input gets a 4xx with {"code", "message"} — never a 500."""

from __future__ import annotations

import base64
import json

import pytest

from twoway.jobs.models import Job

pytestmark = pytest.mark.django_db

JOB = {
    "title": "Build a booking website",
    "description": "A small Django site with a booking calendar.",
    "budget_type": "fixed",
    "budget_cents": 150_000,
}


def raw_post(caller, path, data, content_type="application/json"):
    return caller.http.post(f"/api/v1{path}", data, content_type=content_type, **caller.headers)


def assert_error(response, status, code=None):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) >= {"code", "message"}
    assert isinstance(body["message"], str)
    assert body["message"]
    if code is not None:
        assert body["code"] == code


@pytest.mark.parametrize("data", ["{", '{"title": ', "not json", "{'single': 'quotes'}"])
def test_malformed_json_is_a_400(api, client_user, data):
    assert_error(raw_post(api(client_user), "/jobs", data), 400, "bad_request")
    assert not Job.objects.exists()


@pytest.mark.parametrize("data", ["[]", "[1, 2]", '"a string"', "42", "null", "true"])
def test_json_that_is_not_an_object_is_a_400(api, client_user, data):
    assert_error(raw_post(api(client_user), "/jobs", data), 400, "bad_request")


def test_a_form_encoded_body_is_a_400(api, client_user):
    response = raw_post(
        api(client_user), "/jobs", "title=x&budget_cents=1", "application/x-www-form-urlencoded"
    )
    assert_error(response, 400)


@pytest.mark.parametrize(
    "change",
    [
        {"budget_cents": "lots"},
        {"budget_cents": 10.5},
        {"budget_cents": None},
        {"budget_cents": [1]},
        {"budget_cents": 0},
        {"budget_cents": 100_000_001},
        {"budget_cents": 10**30},
        {"budget_type": "monthly"},
        {"title": 123},
        {"title": None},
        {"skills": "Django"},
        {"skills": [1, 2]},
        {"skills": [{"name": "Django"}]},
    ],
    ids=repr,
)
def test_values_of_the_wrong_type_or_range_are_a_422(api, client_user, change):
    response = api(client_user).post("/jobs", JOB | change)
    assert_error(response, 422, "invalid_input")
    errors = response.json()["errors"]
    assert errors
    assert errors[0]["field"].split(".")[0] == next(iter(change))


@pytest.mark.parametrize("missing", ["title", "description", "budget_type", "budget_cents"])
def test_a_missing_field_is_a_422_naming_it(api, client_user, missing):
    payload = {k: v for k, v in JOB.items() if k != missing}
    response = api(client_user).post("/jobs", payload)
    assert_error(response, 422, "invalid_input")
    assert missing in response.json()["message"]


def test_an_empty_body_where_one_is_needed_is_a_422(api, client_user):
    assert_error(api(client_user).post("/jobs"), 422, "invalid_input")


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/jobs", JOB | {"title": "T" * 121}),
        ("/jobs", JOB | {"description": "D" * 10_001}),
        ("/jobs", JOB | {"skills": ["S" * 41]}),
        ("/jobs", JOB | {"skills": [f"s{n}" for n in range(16)]}),
        ("/auth/signup", {"username": "u" * 151, "password": "p", "email": "e", "roles": []}),
        ("/auth/token", {"username": "u", "password": "p" * 129}),
    ],
    ids=["title", "description", "skill", "skills", "username", "password"],
)
def test_oversized_text_is_a_422(api, client_user, path, payload):
    assert_error(api(client_user).post(path, payload), 422)


def test_text_just_too_short_for_the_service_is_a_422_from_the_service(api, client_user):
    assert_error(api(client_user).post("/jobs", JOB | {"title": "Logo"}), 422, "too_short")


def test_oversized_proposal_and_payment_values_are_422s(api, job, proposal, client_user):
    freelancer_call = api(proposal.freelancer)
    response = freelancer_call.post(
        f"/jobs/{job.pk}/proposals", {"cover_letter": "C" * 5001, "bid_cents": 1}
    )
    assert_error(response, 422)
    from twoway.contracts.services import proposal_hire

    contract = proposal_hire(actor=client_user, proposal_id=proposal.pk)
    caller = api(client_user)
    for payload in (
        {"amount_cents": 0},
        {"amount_cents": -5},
        {"amount_cents": 12.5},
        {"amount_cents": "ten"},
        {"amount_cents": 10**40},
        {"amount_cents": 100, "memo": "M" * 201},
        {},
    ):
        assert_error(caller.post(f"/contracts/{contract.pk}/payments", payload), 422)
    assert_error(caller.post(f"/contracts/{contract.pk}/end", {"reason": "bored"}), 422)


def test_a_body_over_the_upload_limit_is_refused_without_a_500(api, client_user):
    huge = json.dumps(JOB | {"description": "D" * 300_000})
    response = raw_post(api(client_user), "/jobs", huge)
    assert response.status_code in (400, 413)
    assert not Job.objects.exists()


@pytest.mark.parametrize("path", ["/jobs/abc", "/contracts/1.5", "/proposals/-"])
def test_a_path_id_that_is_not_a_number_is_a_4xx(api, client_user, path):
    response = api(client_user).get(path)
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "path",
    [
        "/jobs/99999999999999999999999",
        "/jobs/-1",
        "/contracts/99999999999999999999999",
        "/proposals/9223372036854775808",
        "/users/99999999999999999999",
    ],
)
def test_a_huge_or_negative_id_is_a_404(api, client_user, path):
    assert_error(api(client_user).get(path), 404)


def test_huge_numbers_in_filters_do_not_break_the_database(api, client_user):
    from tests.conftest import make_job

    make_job(client_user)
    response = api(None).get("/jobs", budget_min_cents=10**30)
    assert response.status_code in (200, 422)
    if response.status_code == 200:
        assert response.json()["items"] == []
    everything = api(None).get("/jobs", budget_max_cents=10**30)
    assert everything.status_code in (200, 422)
    assert api(None).get("/jobs", limit=10**30).status_code in (200, 422)
    assert api(None).get("/jobs", limit=-3).status_code in (200, 422)


def test_a_filter_of_the_wrong_type_is_a_422(api, db):
    assert_error(api(None).get("/jobs", budget_min_cents="cheap"), 422, "invalid_input")
    assert_error(api(None).get("/jobs", limit="all"), 422, "invalid_input")


def _cursor(values: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


BAD_CURSORS = [
    "garbage",
    "!!!",
    _cursor({"not": "a list"}),
    _cursor([1]),
    _cursor([{"dt": "nope"}, 1]),
    _cursor(["2025-01-01", "x"]),
    _cursor([{"dt": "2025-01-01T00:00:00+00:00"}, 10**30]),
    _cursor([{"dt": "2025-01-01T00:00:00"}, 1]),
]


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_bad_cursor_on_the_job_list_is_a_422(api, client_user, cursor):
    assert_error(api(None).get("/jobs", cursor=cursor), 422, "invalid_cursor")


@pytest.mark.parametrize("cursor", BAD_CURSORS)
def test_a_bad_cursor_on_the_contract_list_is_a_422(api, client_user, cursor):
    assert_error(api(client_user).get("/contracts", cursor=cursor), 422, "invalid_cursor")


@pytest.mark.parametrize("path", ["/proposals", "/jobs/{job}/proposals"])
def test_a_bad_cursor_on_proposal_lists_is_a_422(api, job, client_user, freelancer, path):
    caller = api(client_user if "{job}" in path else freelancer)
    response = caller.get(path.format(job=job.pk), cursor=_cursor(["x", "y"]))
    assert_error(response, 422, "invalid_cursor")


def test_a_nul_character_in_a_json_body_is_a_400(api, client_user):
    # PostgreSQL refuses NUL in text; it must not get that far.
    payload = json.dumps(JOB | {"title": "Nul \x00 title"})
    assert_error(raw_post(api(client_user), "/jobs", payload), 400, "bad_request")
    nested = json.dumps(JOB | {"skills": ["Django", "Go\x00"]})
    assert_error(raw_post(api(client_user), "/jobs", nested), 400, "bad_request")
    assert not Job.objects.exists()


def test_a_lone_surrogate_in_text_is_a_422(api, client_user):
    payload = json.dumps(JOB | {"title": "Broken \ud800 text"})
    assert_error(raw_post(api(client_user), "/jobs", payload), 422, "invalid_input")


def test_unicode_text_round_trips(api, client_user):
    title = "Ünïcödé 🎉 名前 title"
    response = api(client_user).post("/jobs", JOB | {"title": title})
    assert response.status_code == 201
    assert response.json()["title"] == title
    assert Job.objects.get().title == title


@pytest.mark.parametrize(("param", "status"), [("q", 200), ("skill", 200), ("cursor", 422)])
def test_a_nul_byte_in_a_query_parameter_never_gives_a_500(api, client_user, param, status):
    from tests.conftest import make_job

    make_job(client_user, title="Nul search target")
    response = api(None).get("/jobs", **{param: "a\x00b"})
    assert response.status_code == status, response.content


def test_an_unknown_api_path_is_a_404(api, db):
    assert api(None).get("/no-such-thing").status_code == 404


def test_a_wrong_method_is_a_405(api, client_user):
    assert api(client_user).delete("/jobs").status_code == 405
