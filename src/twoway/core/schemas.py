"""Schema pieces shared by the apps' API modules."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema

# A page cursor as clients send it back (they are about 60 characters; anything much longer is
# not one of ours).
Cursor = Annotated[str, Field(max_length=500)]


class ErrorOut(Schema):
    code: str
    message: str


class UserBrief(Schema):
    id: int
    username: str
    display_name: str


def user_brief(user: object) -> dict[str, object]:
    return {
        "id": user.pk,  # type: ignore[attr-defined]
        "username": user.username,  # type: ignore[attr-defined]
        "display_name": user.display_name,  # type: ignore[attr-defined]
    }


# Every operation may answer these (400 is also a body that is not a JSON object).
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}
# Any write may be sent a body over DATA_UPLOAD_MAX_MEMORY_SIZE (256 KiB): 413 too_large.
WRITE_ERRORS = {**ERRORS, 413: ErrorOut}
# Writes that check a password are throttled after repeated failures: 429, with Retry-After.
THROTTLED_WRITE_ERRORS = {**WRITE_ERRORS, 429: ErrorOut}


class Timestamped(Schema):
    created_at: datetime
