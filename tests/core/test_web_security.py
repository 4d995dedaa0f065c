"""Web security of the whole site, enumerated rather than sampled: CSRF on every form and every
write endpoint, cookie flags behind HTTPS, limits on every text input and every request body,
page-size caps, throttled sign-in on every door, and inert user markup.

The browser half (CSP violations, dialogs that must not fire) is tests/browser/test_security.py.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

from tests.conftest import PASSWORD, make_contract, make_job
from tests.feedback.test_services import submit_client, submit_freelancer
from tests.support import logged_in, page_text
from twoway.api import api as ninja_api
from twoway.core.forms import MoneyField
from twoway.notifications.models import Kind, Notification

pytestmark = pytest.mark.django_db

SRC = Path(__file__).resolve().parents[2] / "src" / "twoway"
WRITE_METHODS = {"post", "put", "patch", "delete"}

# --- CSRF -----------------------------------------------------------------------------------

SAMPLE_ARGUMENT = {"int": "1", "str": "client", "path": "1", "slug": "x", None: "client"}


def _sample(match: re.Match[str]) -> str:
    return SAMPLE_ARGUMENT.get(match.group(1), "1")


def _routes(patterns: list[Any], prefix: str = "") -> Iterator[str]:
    """Every concrete path of the URLconf outside the API, with sample path arguments."""
    for entry in patterns:
        if not isinstance(entry.pattern, RoutePattern):
            continue  # the admin's one regex route (an app index) is covered by its siblings
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith("api/"):
                continue  # JSON only; see the API tests below
            yield from _routes(entry.url_patterns, route)
        elif isinstance(entry, URLPattern):
            yield "/" + re.sub(r"<(?:(\w+):)?\w+>", _sample, route)


ROUTES = sorted(set(_routes(get_resolver().url_patterns)))


def test_the_route_list_covers_every_form_of_the_site():
    for expected in (
        "/login/",
        "/signup/",
        "/logout/",
        "/settings/",
        "/settings/tokens/",
        "/settings/tokens/1/revoke/",
        "/jobs/new/",
        "/jobs/1/close/",
        "/jobs/1/proposals/",
        "/proposals/1/hire/",
        "/proposals/1/decline/",
        "/proposals/1/withdraw/",
        "/contracts/1/payments/",
        "/contracts/1/end/",
        "/contracts/1/feedback/",
        "/contracts/1/feedback/request/",
        "/feedback/1/respond/",
        "/feedback/1/report/",
        "/notifications/read-all/",
        "/notifications/1/open/",
        "/admin/login/",
        "/admin/feedback/report/",
        "/admin/reputation/ringflag/",
        "/admin/accounts/user/1/change/",
    ):
        assert expected in ROUTES, expected


@pytest.mark.parametrize("path", ROUTES)
def test_every_route_refuses_a_post_without_a_csrf_token(path, stranger):
    for browser in (
        Client(enforce_csrf_checks=True),
        logged_in(stranger, enforce_csrf_checks=True),
    ):
        response = browser.post(path, {"anything": "x"})
        assert response.status_code == 403, (path, response.status_code)


def test_the_same_posts_pass_the_csrf_check_with_a_token(stranger):
    """The 403s above are the CSRF check's, not the views' own refusals."""
    browser = logged_in(stranger, enforce_csrf_checks=True)
    browser.get("/settings/")
    token = browser.cookies["csrftoken"].value
    response = browser.post("/notifications/read-all/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302


def _templates() -> list[Path]:
    return sorted(path for path in SRC.rglob("templates/**/*.html") if "generate" not in path.parts)


def test_every_post_form_in_the_templates_carries_a_csrf_token():
    forms_seen = 0
    for template in _templates():
        html = template.read_text()
        for form in re.findall(r"<form\b[^>]*>.*?</form>", html, flags=re.S | re.I):
            opening = form[: form.index(">") + 1].lower()
            if 'method="post"' in opening:
                forms_seen += 1
                assert "{% csrf_token %}" in form, f"{template}: {opening}"
    assert forms_seen >= 20


def _write_operations() -> list[tuple[str, str, bool]]:
    schema = ninja_api.get_openapi_schema()
    found = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method in WRITE_METHODS:
                security = operation.get("security") or []
                needs_auth = bool(security) and {} not in security  # {}: anonymous allowed
                found.append((method, path.removeprefix("/api/v1"), needs_auth))
    return sorted(found)


WRITE_OPERATIONS = _write_operations()
# Anyone may call these; they never use the session, and take JSON only (below).
SESSIONLESS = {("post", "/auth/signup"), ("post", "/auth/token")}


def test_the_sessionless_writes_are_exactly_sign_up_and_token():
    assert {(m, p) for m, p, auth in WRITE_OPERATIONS if not auth} == SESSIONLESS


@pytest.mark.parametrize(
    ("method", "path"),
    [(m, p) for m, p, auth in WRITE_OPERATIONS if auth],
    ids=lambda value: value,
)
def test_every_api_write_with_the_session_needs_the_csrf_header(method, path, stranger):
    browser = logged_in(stranger, enforce_csrf_checks=True)
    url = "/api/v1" + re.sub(r"\{\w+\}", "1", path)
    response = getattr(browser, method)(url, "{}", content_type="application/json")
    assert response.status_code == 403, (method, path, response.content)
    assert response.json()["code"] == "csrf_failed"


@pytest.mark.parametrize(("method", "path"), sorted(SESSIONLESS))
@pytest.mark.parametrize(
    "content_type", ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"]
)
def test_the_sessionless_writes_refuse_anything_a_cross_site_form_can_send(
    method, path, content_type, db
):
    body = json.dumps({"username": "someone", "password": "x" * 12})
    if content_type == "multipart/form-data":
        response = Client().post("/api/v1" + path, {"username": "someone", "password": "x"})
    else:
        response = Client().post("/api/v1" + path, body, content_type=content_type)
    assert response.status_code == 400
    assert response.json()["code"] == "bad_request"


# --- Cookies and headers behind HTTPS ------------------------------------------------------


@override_settings(SESSION_COOKIE_SECURE=True, CSRF_COOKIE_SECURE=True, SECURE_HSTS_SECONDS=3600)
def test_behind_https_the_cookies_are_secure_http_only_and_same_site(client_user):
    browser = Client()
    login_page = browser.get("/login/", secure=True)
    csrf = login_page.cookies["csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"
    assert login_page["Strict-Transport-Security"].startswith("max-age=3600")

    response = browser.post(
        "/login/", {"username": client_user.username, "password": PASSWORD}, secure=True
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"


def test_https_true_turns_on_every_secure_setting(monkeypatch):
    import twoway.settings as settings_module

    monkeypatch.setenv("HTTPS", "true")
    try:
        secure = importlib.reload(settings_module)
        assert secure.SESSION_COOKIE_SECURE is True
        assert secure.CSRF_COOKIE_SECURE is True
        assert secure.SECURE_HSTS_SECONDS >= 31536000
        assert secure.SECURE_PROXY_SSL_HEADER == ("HTTP_X_FORWARDED_PROTO", "https")
        assert secure.SESSION_COOKIE_HTTPONLY is True
        assert secure.X_FRAME_OPTIONS == "DENY"
    finally:
        monkeypatch.delenv("HTTPS")
        importlib.reload(settings_module)


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/api/v1/docs", "/api/v1/openapi.json", "/no-such-page/"]
)
def test_admin_docs_and_error_pages_cannot_be_framed_either(client, path):
    response = client.get(path)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


# --- Sign-in throttling on every door -------------------------------------------------------


def test_the_admin_login_is_throttled_like_the_others(operator):
    browser = Client()
    for _ in range(5):
        response = browser.post("/admin/login/", {"username": operator.username, "password": "x"})
        assert response.status_code == 200
    response = browser.post("/admin/login/", {"username": operator.username, "password": PASSWORD})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "_auth_user_id" not in browser.session


def test_the_admin_login_still_signs_operators_in(operator):
    browser = Client()
    response = browser.post(
        "/admin/login/", {"username": operator.username, "password": PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert browser.get("/admin/").status_code == 200


# --- Size limits: every text input, every request body --------------------------------------


def _site_forms() -> list[type[forms.Form]]:
    for module in ("accounts", "jobs", "contracts", "feedback", "search", "core"):
        importlib.import_module(f"twoway.{module}.forms")
    found: list[type[forms.Form]] = []
    stack: list[type[forms.Form]] = [forms.Form]
    while stack:
        cls = stack.pop()
        for sub in cls.__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("twoway."):
                found.append(sub)
    return sorted(found, key=lambda cls: cls.__qualname__)


SITE_FORMS = _site_forms()


def _instance(cls: type[forms.Form]) -> forms.Form:
    try:
        return cls()
    except TypeError:
        return cls(role="client")  # type: ignore[call-arg]


def test_the_form_list_is_complete():
    names = {cls.__name__ for cls in SITE_FORMS}
    assert {"LoginForm", "SignupForm", "FeedbackForm", "JobForm", "DeactivateForm"} <= names
    assert len(SITE_FORMS) >= 14


@pytest.mark.parametrize("form_class", SITE_FORMS, ids=lambda cls: cls.__name__)
def test_every_text_field_of_every_form_has_a_maximum_length(form_class):
    form = _instance(form_class)
    for name, field in form.fields.items():
        if isinstance(field, MoneyField):
            assert field.widget.attrs.get("maxlength") == 20, name
        elif isinstance(field, forms.CharField):
            assert field.max_length is not None, f"{form_class.__name__}.{name}"
            assert field.max_length <= 10_000, f"{form_class.__name__}.{name}"
        else:
            # Choices, numbers and booleans cannot carry long text.
            assert isinstance(field, forms.ChoiceField | forms.BooleanField | forms.IntegerField), (
                f"{form_class.__name__}.{name}: {type(field).__name__}"
            )


def _unbounded(schema: dict[str, Any], defs: dict[str, Any], where: str) -> list[str]:
    """Places in a JSON schema where a client could send text or lists of any size."""
    if "$ref" in schema:
        return _unbounded(defs[schema["$ref"].rsplit("/", 1)[-1]], defs, where)
    problems = []
    for key in ("anyOf", "oneOf", "allOf"):
        options = schema.get(key, [])
        numeric = any(option.get("type") in ("number", "integer") for option in options)
        for index, option in enumerate(options):
            if numeric and option.get("type") == "string":
                continue  # a number also accepted as a string (decimals): parsed, then bounded
            problems += _unbounded(option, defs, f"{where}|{index}")
    kind = schema.get("type")
    bounded_text = ("maxLength", "enum", "const", "format")
    if kind == "string" and not any(key in schema for key in bounded_text):
        problems.append(where)
    if kind == "array":
        if "maxItems" not in schema:
            problems.append(where)
        problems += _unbounded(schema.get("items", {}), defs, where + "[]")
    if kind == "object":
        for name, sub in schema.get("properties", {}).items():
            problems += _unbounded(sub, defs, f"{where}.{name}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            if "maxProperties" not in schema:
                problems.append(where + "{}")
            problems += _unbounded(extra, defs, where + "{}")
    return problems


def test_every_api_input_has_a_maximum_size():
    schema = ninja_api.get_openapi_schema()
    defs = schema["components"]["schemas"]
    problems = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            for parameter in operation.get("parameters", []):
                where = f"{method.upper()} {path} ?{parameter['name']}"
                problems += _unbounded(parameter["schema"], defs, where)
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                problems += _unbounded(body["schema"], defs, f"{method.upper()} {path} body")
    assert problems == []


def test_the_body_limit_is_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 256 * 1024
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 200


HUGE_TEXT = "D" * 300_000


@pytest.mark.parametrize(
    ("path", "auth"),
    [("/jobs", True), ("/auth/signup", False), ("/auth/token", False), ("/me/deactivate", True)],
)
def test_an_oversized_api_body_is_a_413_in_json(path, auth, api, client_user):
    caller = api(client_user if auth else None)
    body = json.dumps({"description": HUGE_TEXT, "username": "x", "password": "y"})
    response = caller.http.post(
        "/api/v1" + path, body, content_type="application/json", **caller.headers
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "too_large"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "path",
    ["/login/", "/signup/", "/jobs/new/", "/settings/", "/contracts/1/feedback/", "/admin/login/"],
)
def test_an_oversized_form_post_is_the_400_page(path, client_user):
    browser = logged_in(client_user)
    response = browser.post(path, {"description": HUGE_TEXT, "comment": HUGE_TEXT})
    assert response.status_code == 400
    assert "We could not accept that request" in page_text(response)
    assert "Content-Security-Policy" in response


def test_a_large_file_upload_is_refused_before_it_reaches_the_disk(client_user):
    def upload() -> SimpleUploadedFile:
        return SimpleUploadedFile("big.bin", b"\0" * 400_000)

    response = Client().post("/login/", {"username": "x", "password": "y", "file": upload()})
    assert response.status_code == 400
    api_response = Client().post("/api/v1/auth/token", {"file": upload()})
    assert api_response.status_code == 413


def test_too_many_form_fields_are_a_400(client_user):
    response = logged_in(client_user).post("/jobs/new/", {f"f{n}": "x" for n in range(300)})
    assert response.status_code == 400


def test_a_body_just_under_the_limit_is_handled_normally(client_user):
    """The cap is on size only: a large but allowed form gets its usual validation error."""
    response = logged_in(client_user).post(
        "/jobs/new/", {"title": "A job", "description": "D" * 200_000}
    )
    assert response.status_code == 400
    assert "Ensure this value has at most 10000 characters" in page_text(response)


# --- Page sizes -----------------------------------------------------------------------------


def _list_endpoints() -> list[str]:
    schema = ninja_api.get_openapi_schema()
    return sorted(
        path.removeprefix("/api/v1")
        for path, operations in schema["paths"].items()
        if any(p["name"] == "limit" for p in operations.get("get", {}).get("parameters", []))
    )


LIST_ENDPOINTS = _list_endpoints()


def test_every_list_endpoint_takes_a_limit():
    assert len(LIST_ENDPOINTS) >= 8


@pytest.mark.parametrize("path", LIST_ENDPOINTS)
def test_no_list_endpoint_returns_more_than_100_items(path, api, client_user):
    job = make_job(client_user)
    url = path.replace("{user_id}", str(client_user.pk)).replace("{job_id}", str(job.pk))
    response = api(client_user).get(url, limit=1000, role="client")
    assert response.status_code in (200, 422), response.content
    if response.status_code == 200:
        assert len(response.json()["items"]) <= 100


def test_a_huge_limit_gives_one_page_of_100_and_a_cursor(api, client_user, freelancer):
    contract = make_contract(client_user, freelancer)
    Notification.objects.bulk_create(
        Notification(
            user=client_user,
            kind=Kind.FEEDBACK_REQUESTED,
            contract=contract,
            created_at=contract.started_at,
        )
        for _ in range(105)
    )
    page = api(client_user).get("/notifications", limit=1000).json()
    assert len(page["items"]) == 100
    assert page["next"]
    rest = api(client_user).get("/notifications", limit=1000, cursor=page["next"]).json()
    assert len(rest["items"]) == 5


# --- User markup is inert on every page that shows it ---------------------------------------

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>x</b>']
MARKUP = " ".join(PAYLOADS)


def test_markup_in_a_job_and_in_feedback_is_escaped_on_every_page(client_user, freelancer):
    job = make_job(client_user, description=f"We need a site. {MARKUP}")
    contract = make_contract(client_user, freelancer, paid_cents=50_000, ended=True)
    submit_client(contract, comment=f"Great work. {MARKUP}")
    submit_freelancer(contract, comment=f"Clear brief. {MARKUP}")
    pages = [
        (Client(), "/"),
        (Client(), f"/jobs/{job.pk}/"),
        (Client(), f"/users/{freelancer.pk}/"),
        (Client(), f"/users/{client_user.pk}/"),
        (Client(), f"/users/{freelancer.pk}/feedback/freelancer/"),
        (Client(), f"/users/{freelancer.pk}/reputation/freelancer/explain/"),
        (logged_in(client_user), f"/contracts/{contract.pk}/"),
        (logged_in(client_user), "/notifications/"),
    ]
    for browser, path in pages:
        html = browser.get(path).content.decode()
        for payload in PAYLOADS:
            assert payload not in html, (path, payload)
        assert "<b>x</b>" not in html
    profile = Client().get(f"/users/{freelancer.pk}/").content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in profile
    assert "&lt;img src=x onerror=alert(1)&gt;" in profile
