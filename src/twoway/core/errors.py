"""The domain's error tree.

Services raise these; the API turns them into ``{"code", "message"}`` with the class's HTTP
status, and pages show the message. ``code`` is stable: clients may switch on it.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    status = 400
    code = "bad_request"
    default_message = "The request cannot be carried out."

    def __init__(
        self, message: str | None = None, *, code: str | None = None, **details: Any
    ) -> None:
        self.message = message or self.default_message
        if code is not None:
            self.code = code
        self.details = details
        super().__init__(self.message)

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return body


class InvalidInput(DomainError):
    status = 422
    code = "invalid_input"
    default_message = "The request contains invalid values."


class NotAuthenticated(DomainError):
    status = 401
    code = "not_authenticated"
    default_message = "Sign in to do this."


class PermissionDenied(DomainError):
    status = 403
    code = "forbidden"
    default_message = "You are not allowed to do this."


class NotFound(DomainError):
    status = 404
    code = "not_found"
    default_message = "Not found."


class Conflict(DomainError):
    status = 409
    code = "conflict"
    default_message = "This conflicts with the current state."


class Throttled(DomainError):
    status = 429
    code = "throttled"
    default_message = "Too many attempts; wait a few minutes and try again."

    def __init__(
        self, message: str | None = None, *, retry_after: int = 60, **details: Any
    ) -> None:
        super().__init__(message, **details)
        self.retry_after = retry_after
