"""Keyset (cursor) pagination: stable and fast on deep pages, unlike OFFSET.

A cursor is the sort key of the last item on the previous page, base64-encoded JSON. It is
opaque to clients; a malformed one is a 422 with code ``invalid_cursor``.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import models
from django.db.models import Q

from twoway.core.errors import InvalidInput

T = TypeVar("T", bound=models.Model)

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next: str | None


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, Decimal):
        return {"dec": str(value)}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict):
        if "dt" in value:
            return datetime.fromisoformat(value["dt"])
        if "dec" in value:
            return Decimal(value["dec"])
        raise ValueError("unknown cursor value")
    if value is None or isinstance(value, int | float | str):
        return value
    raise ValueError("unknown cursor value")


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps([_encode_value(v) for v in values], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, length: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if not isinstance(values, list) or len(values) != length:
            raise ValueError("wrong length")
        return [_decode_value(v) for v in values]
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError) as exc:
        raise InvalidInput(
            "The cursor is not valid; start again from the first page.", code="invalid_cursor"
        ) from exc


def _after(order: list[str], values: list[Any]) -> Q:
    """Rows strictly after ``values`` in ``order`` (each field may be ascending or "-desc")."""
    condition = Q()
    equal_so_far = Q()
    for field, value in zip(order, values, strict=True):
        name = field.lstrip("-")
        lookup = "lt" if field.startswith("-") else "gt"
        condition |= equal_so_far & Q(**{f"{name}__{lookup}": value})
        equal_so_far &= Q(**{name: value})
    # The redundant leading bound lets the database use a range scan on the first key.
    first = order[0].lstrip("-")
    bound = "lte" if order[0].startswith("-") else "gte"
    return Q(**{f"{first}__{bound}": values[0]}) & condition


def clamp_limit(limit: int | None) -> int:
    if limit is None:
        return DEFAULT_PAGE_SIZE
    return max(1, min(int(limit), MAX_PAGE_SIZE))


def keyset_page(
    queryset: models.QuerySet[T],
    *,
    order: list[str],
    cursor: str | None,
    limit: int | None = None,
) -> Page[T]:
    """One page of ``queryset`` in ``order``; the last field must make the order total."""
    size = clamp_limit(limit)
    qs = queryset.order_by(*order)
    if cursor:
        values = decode_cursor(cursor, len(order))
        _check_cursor_values(queryset, order, values)
        qs = qs.filter(_after(order, values))
    rows = list(qs[: size + 1])
    items = rows[:size]
    next_cursor = None
    if len(rows) > size:
        last = items[-1]
        next_cursor = encode_cursor([_attr(last, field.lstrip("-")) for field in order])
    return Page(items=items, next=next_cursor)


def _sort_field(queryset: models.QuerySet[Any], path: str) -> Any:
    """The model field, or annotation output field, that a sort key reads; None if unknown."""
    model = queryset.model
    try:
        field: Any = None
        for part in path.split("__"):
            field = model._meta.get_field(part)
            if field.is_relation and field.related_model is not None:
                model = field.related_model
                field = getattr(field, "target_field", field)
        return field
    except FieldDoesNotExist:
        pass
    annotation = queryset.query.annotations.get(path)
    if annotation is None:
        return None
    try:
        return annotation.output_field
    except FieldError:  # e.g. RawSQL without an output_field
        return None


def _fits(field: Any, value: Any) -> bool:
    if value is None or isinstance(value, bool):
        return False
    if isinstance(value, float) and not math.isfinite(value):
        return False
    if isinstance(value, str) and "\x00" in value:
        return False
    if isinstance(value, datetime) and value.utcoffset() is None:
        return False
    if isinstance(field, models.DateTimeField):
        return isinstance(value, datetime)
    if isinstance(field, models.DecimalField):
        return isinstance(value, Decimal) and value.is_finite()
    if isinstance(field, models.IntegerField):  # includes the auto (id) fields
        return isinstance(value, int) and abs(value) < 2**63
    if isinstance(field, models.FloatField):
        return isinstance(value, int | float) and abs(value) < 2**63
    if isinstance(field, models.CharField | models.TextField):
        return isinstance(value, str)
    # A key of unknown type (say, a raw SQL rank): any plain scalar the encoder makes.
    return isinstance(value, int | float | str | datetime) and not (
        isinstance(value, int) and abs(value) >= 2**63
    )


def _check_cursor_values(
    queryset: models.QuerySet[Any], order: list[str], values: list[Any]
) -> None:
    """A cursor is client input: each value must have its sort key's type, or the database
    (not this module) would be the one to complain, with a 500."""
    for key, value in zip(order, values, strict=True):
        if not _fits(_sort_field(queryset, key.lstrip("-")), value):
            raise InvalidInput(
                "The cursor is not valid; start again from the first page.", code="invalid_cursor"
            )


def _attr(instance: models.Model, path: str) -> Any:
    value: Any = instance
    for part in path.split("__"):
        value = getattr(value, part)
    return value
