"""Security headers Django does not set itself: a Content-Security-Policy the pages satisfy
(no inline scripts or styles anywhere) and a restrictive Permissions-Policy; and a cap on the
size of every request body."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
# The interactive API docs (Swagger UI, served from our own static files) set styles inline.
API_DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            docs = request.path.startswith("/api/v1/docs")
            response["Content-Security-Policy"] = API_DOCS_CSP if docs else CSP
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RequestSizeLimitMiddleware:
    """Refuse any request whose body is larger than ``DATA_UPLOAD_MAX_MEMORY_SIZE``, before
    anything reads it: 413 JSON on the API, the 400 page elsewhere.

    Django applies that limit to form fields and raw bodies but not to uploaded files, which it
    streams to disk whatever their size; no Twoway form takes a file, so a large multipart body
    is only ever a way to fill the disk. A body without a Content-Length is never read by
    Django (it reads exactly Content-Length bytes), so the declared length is the whole story.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body with an unreadable length either
        if limit is not None and length > limit:
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {
                        "code": "too_large",
                        "message": f"The request body is too large ({limit // 1024} KiB at most).",
                    },
                    status=413,
                )
            # Django turns this SuspiciousOperation into the 400 page.
            raise RequestDataTooBig("The request body exceeded DATA_UPLOAD_MAX_MEMORY_SIZE.")
        return self.get_response(request)
