"""The one NinjaAPI: authentication, error mapping, and the routers of every app.

Errors always have the shape ``{"code": "...", "message": "..."}``; a ``DomainError`` raised by a
service carries its own status and code.
"""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.parser import Parser
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from twoway import __version__
from twoway.accounts.services import api_token_authenticate
from twoway.core.errors import DomainError, NotAuthenticated, PermissionDenied, Throttled

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class TwowayAuth(HttpBearer):
    """``Authorization: Bearer <token>``, or the browser's session (with CSRF on writes).

    A present but bad token is always a 401, never a silent fall-back to anonymous. With
    ``optional=True`` an anonymous caller is let through as ``AnonymousUser``.
    """

    def __init__(self, *, optional: bool = False) -> None:
        self.optional = optional
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if header:
            scheme, _, token = header.partition(" ")
            if scheme.lower() != "bearer" or not token.strip():
                raise NotAuthenticated(
                    "Use 'Authorization: Bearer <token>'.", code="invalid_authorization"
                )
            return self.authenticate(request, token.strip())
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if request.method not in SAFE_METHODS and check_csrf(request) is not None:
                raise PermissionDenied(
                    "CSRF check failed: send the X-CSRFToken header with the session.",
                    code="csrf_failed",
                )
            return user
        if self.optional:
            return AnonymousUser()
        return None

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(token)
        if user is None:
            raise NotAuthenticated("The API token is invalid or revoked.", code="invalid_token")
        request.user = user
        return user


class JsonObjectParser(Parser):
    """JSON bodies must be objects; an empty body counts as ``{}`` (for optional payloads)."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        if not request.body.strip():
            return {}
        if request.content_type != "application/json":
            # Refusing other types also stops cross-site HTML forms from posting here.
            raise ValueError("send the body as application/json")
        data = json.loads(request.body)
        if not isinstance(data, dict):
            raise ValueError("the body must be a JSON object")
        if _has_nul(data):
            # No text field accepts NUL, and PostgreSQL would refuse it with a 500.
            raise ValueError("the body contains a NUL character")
        return data


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


auth_required = TwowayAuth()
auth_optional = TwowayAuth(optional=True)

api = NinjaAPI(
    title="Twoway API",
    version=f"v1 ({__version__})",
    description=(
        "The REST API of Twoway, a freelance marketplace with two-way, double-blind feedback. "
        "Authenticate with `Authorization: Bearer <token>` (from `POST /auth/signup` or "
        "`POST /auth/token`). Money is integer cents; times are ISO 8601 UTC. Errors are "
        '`{"code": "...", "message": "..."}`. Lists are `{"items": [...], "next": cursor}`: '
        "pass `next` back as `cursor` for the following page."
    ),
    urls_namespace="api",
    auth=auth_required,
    parser=JsonObjectParser(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(
    request: HttpRequest, status: int, code: str, message: str, **extra: Any
) -> HttpResponse:
    return api.create_response(request, {"code": code, "message": message, **extra}, status=status)


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = api.create_response(request, exc.as_dict(), status=exc.status)
    if isinstance(exc, Throttled):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    problems = []
    for error in exc.errors:
        # loc is ("body", "<param name>", field, ...): keep only the field path.
        loc = [str(part) for part in error.get("loc", ())]
        location = ".".join(loc[2:] if loc[:1] == ["body"] else loc[1:])
        problems.append({"field": location, "message": str(error.get("msg", "invalid"))})
    first = problems[0] if problems else {"field": "", "message": "invalid"}
    message = f"{first['field']}: {first['message']}" if first["field"] else first["message"]
    return _error(request, 422, "invalid_input", message, errors=problems)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "not_authenticated", "Sign in or send a bearer token.")


@api.exception_handler(RequestDataTooBig)
def on_too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return _error(request, 413, "too_large", "The request body is too large (256 KiB at most).")


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", "Not found.")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {400: "bad_request", 403: "forbidden", 405: "method_not_allowed", 429: "throttled"}
    return _error(request, exc.status_code, codes.get(exc.status_code, "error"), str(exc))


def _register_routers() -> None:
    from twoway.accounts.api import router as accounts_router
    from twoway.contracts.api import router as contracts_router
    from twoway.feedback.api import router as feedback_router
    from twoway.jobs.api import router as jobs_router
    from twoway.notifications.api import router as notifications_router
    from twoway.reputation.api import router as reputation_router
    from twoway.search.api import router as search_router

    api.add_router("", accounts_router)
    api.add_router("", jobs_router)
    api.add_router("", contracts_router)
    api.add_router("", feedback_router)
    api.add_router("", notifications_router)
    api.add_router("", reputation_router)
    api.add_router("", search_router)


def _document_optional_auth() -> None:
    """Operations open to anonymous callers say so in the OpenAPI document: their security
    requirement is "the bearer token, or nothing" (``[{"TwowayAuth": []}, {}]``)."""
    for _, router in api._routers:
        for view in router.path_operations.values():
            for operation in view.operations:
                if auth_optional in operation.auth_callbacks:
                    extra = dict(operation.openapi_extra or {})
                    extra["security"] = [{}]  # appended to the scheme ninja lists itself
                    operation.openapi_extra = extra


_register_routers()
_document_optional_auth()
