"""Keyset pagination: every row exactly once, in order, even with ties; bad cursors are 422s."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.db.models import F, FloatField, Value
from django.db.models.expressions import RawSQL

from tests.conftest import make_job
from twoway.core import clock as clock_module
from twoway.core.errors import InvalidInput
from twoway.core.models import AuditEvent
from twoway.core.pagination import (
    DEFAULT_PAGE_SIZE,
    MAX_PAGE_SIZE,
    clamp_limit,
    decode_cursor,
    encode_cursor,
    keyset_page,
)
from twoway.jobs.models import Job

pytestmark = pytest.mark.django_db

RECENT = ["-created_at", "-id"]


def walk(queryset, order, limit):
    """Follow ``next`` from the first page to the last; return the ids seen and page count."""
    seen: list[int] = []
    cursor = None
    pages = 0
    while True:
        page = keyset_page(queryset, order=order, cursor=cursor, limit=limit)
        pages += 1
        seen.extend(item.pk for item in page.items)
        if page.next is None:
            return seen, pages
        cursor = page.next
        assert pages < 100, "pagination does not terminate"


def make_events(count: int, *, ties: int) -> list[AuditEvent]:
    """``count`` audit events whose created_at values repeat in runs of ``ties``."""
    base = clock_module.now()
    return [
        AuditEvent.objects.create(
            action="test.event",
            target_type="core.test",
            target_id=n,
            created_at=base + timedelta(seconds=n // ties),
        )
        for n in range(count)
    ]


@pytest.mark.parametrize("limit", [1, 2, 3, 7, 10, 11])
def test_walking_all_pages_returns_every_row_once_in_order_with_ties(limit):
    make_events(23, ties=4)
    qs = AuditEvent.objects.all()
    expected = list(qs.order_by(*RECENT).values_list("pk", flat=True))
    seen, pages = walk(qs, RECENT, limit)
    assert seen == expected
    assert len(seen) == len(set(seen)) == 23
    assert pages == -(-23 // limit)


def test_all_rows_sharing_one_timestamp_still_paginate(client_user, clock):
    clock.freeze()
    jobs = [make_job(client_user) for _ in range(9)]
    seen, _ = walk(Job.objects.all(), RECENT, 2)
    assert seen == sorted((j.pk for j in jobs), reverse=True)


def test_ascending_and_mixed_orders_paginate_too():
    make_events(17, ties=3)
    qs = AuditEvent.objects.all()
    for order in (["created_at", "id"], ["-target_id"], ["created_at", "-id"]):
        expected = list(qs.order_by(*order).values_list("pk", flat=True))
        assert walk(qs, order, 4)[0] == expected, order


def test_three_key_orders_paginate_exactly_once():
    # Ties on the first two keys; ids run against the time order within each action.
    base = clock_module.now()
    for n in range(24):
        AuditEvent.objects.create(
            action=f"test.{n % 2}",
            target_type="core.test",
            target_id=n,
            created_at=base + timedelta(seconds=n // 4),
        )
    qs = AuditEvent.objects.all()
    order = ["action", "-created_at", "id"]
    expected = list(qs.order_by(*order).values_list("pk", flat=True))
    for limit in (1, 3, 5):
        assert walk(qs, order, limit)[0] == expected


@pytest.mark.parametrize(
    "annotation",
    [
        RawSQL("target_id %% 4", ()),  # no output_field: a key of unknown type
        F("target_id") * 2,
        Value(1.5, output_field=FloatField()) * F("target_id"),
    ],
    ids=["raw-sql", "integer-expression", "float-expression"],
)
def test_annotated_sort_keys_paginate(annotation):
    make_events(13, ties=3)
    qs = AuditEvent.objects.annotate(rank=annotation)
    order = ["-rank", "-id"]
    expected = list(qs.order_by(*order).values_list("pk", flat=True))
    assert walk(qs, order, 4)[0] == expected


def test_a_filtered_queryset_stays_filtered_across_pages():
    make_events(20, ties=2)
    qs = AuditEvent.objects.filter(target_id__gte=5)
    seen, _ = walk(qs, RECENT, 4)
    assert len(seen) == 15
    assert set(seen) == set(qs.values_list("pk", flat=True))


def test_the_last_page_has_no_next_cursor():
    make_events(4, ties=1)
    page = keyset_page(AuditEvent.objects.all(), order=RECENT, cursor=None, limit=4)
    assert len(page.items) == 4
    assert page.next is None
    assert keyset_page(AuditEvent.objects.none(), order=RECENT, cursor=None).items == []


def test_the_page_size_defaults_and_is_clamped():
    assert clamp_limit(None) == DEFAULT_PAGE_SIZE
    assert clamp_limit(0) == 1
    assert clamp_limit(-5) == 1
    assert clamp_limit(10**9) == MAX_PAGE_SIZE
    assert clamp_limit(7) == 7


def test_cursors_round_trip_times_decimals_ints_and_strings():
    values = [datetime(2025, 1, 2, 3, 4, 5, 678, tzinfo=UTC), Decimal("4.83"), 42, "x", None]
    assert decode_cursor(encode_cursor(values), len(values)) == values


def _raw_cursor(data: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "not a cursor!",
        "%%%",
        "aGVsbG8",  # base64 of "hello": not JSON
        _raw_cursor({"a": 1}),  # not a list
        _raw_cursor([1]),  # wrong length
        _raw_cursor([1, 2, 3]),  # wrong length
        _raw_cursor([{"evil": 1}, 2]),  # unknown tagged value
        _raw_cursor([{"dt": "yesterday"}, 2]),  # not a time
        _raw_cursor([[1], 2]),  # nested list
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),  # not UTF-8
    ],
)
def test_a_bad_cursor_is_invalid_input(cursor):
    make_events(3, ties=1)
    with pytest.raises(InvalidInput) as caught:
        keyset_page(AuditEvent.objects.all(), order=RECENT, cursor=cursor, limit=1)
    assert caught.value.code == "invalid_cursor"
    assert caught.value.status == 422


@pytest.mark.parametrize(
    "values",
    [
        ["2025-01-01T00:00:00+00:00", 5],  # a time sent as a plain string
        [{"dt": "2025-01-01T00:00:00"}, 5],  # a time without a zone
        [{"dt": "2025-01-01T00:00:00+00:00"}, "five"],  # an id that is not a number
        [{"dt": "2025-01-01T00:00:00+00:00"}, 1.5],  # an id that is not whole
        [{"dt": "2025-01-01T00:00:00+00:00"}, True],  # a boolean id
        [{"dt": "2025-01-01T00:00:00+00:00"}, None],  # a missing id
        [{"dec": "4.83"}, 5],  # a decimal where a time belongs
        [5, 5],  # a number where a time belongs
    ],
    ids=[
        "str-time",
        "naive-time",
        "str-id",
        "float-id",
        "bool-id",
        "null-id",
        "dec-time",
        "int-time",
    ],
)
def test_a_well_formed_cursor_with_values_of_the_wrong_type_is_invalid_input(values):
    """A tampered cursor must be a 422, not a database error (500)."""
    make_events(3, ties=1)
    with pytest.raises(InvalidInput) as caught:
        keyset_page(AuditEvent.objects.all(), order=RECENT, cursor=_raw_cursor(values), limit=1)
    assert caught.value.code == "invalid_cursor"
