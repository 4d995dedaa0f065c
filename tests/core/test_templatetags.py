"""Template filters: money, counts and times as people read them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from twoway.core.templatetags.twoway import (
    ago,
    dollars,
    is_past,
    money,
    money_short,
    percent,
    query_with,
    time_left,
)


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (12_345, "$123.45"),
        (150_000, "$1,500"),
        (150_050, "$1,500.50"),
        (5, "$0.05"),
        (0, "$0"),
        (-250, "-$2.50"),
        (100_000_000, "$1,000,000"),
        ("999", "$9.99"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_money_shows_dollars_and_cents(cents, text):
    assert money(cents) == text


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (99_999, "$999.99"),
        (100_000, "$1K"),
        (150_000, "$1.5K"),
        (999_999, "$10K"),
        (1_234_567, "$12K"),
        (100_000_000, "$1M"),
        (250_000_000, "$2.5M"),
        (None, "—"),
    ],
)
def test_money_short_rounds_large_sums(cents, text):
    assert money_short(cents) == text


@pytest.mark.parametrize(
    ("cents", "text"), [(150_050, "1500.50"), (100, "1.00"), (1, "0.01"), (None, ""), ("", "")]
)
def test_dollars_fills_a_form_field(cents, text):
    assert dollars(cents) == text


def test_percent():
    assert percent(0.5) == "50%"
    assert percent(1) == "100%"
    assert percent(None) == "—"


def test_ago_and_time_left_use_twowas_clock(clock):
    now = clock.freeze()
    assert ago(now - timedelta(days=3)) == "3\xa0days ago"
    assert ago(now) == "just now"
    assert ago(now + timedelta(hours=1)) == "just now"
    assert ago(None) == ""
    assert time_left(now + timedelta(days=2, hours=3)) == "2\xa0days, 3\xa0hours"
    assert time_left(now) == ""
    assert time_left(None) == ""
    clock.advance(days=10)
    assert ago(now) == "1\xa0week ago"


def test_is_past_follows_the_clock(clock):
    now = clock.freeze()
    deadline = now + timedelta(seconds=5)
    assert not is_past(deadline)
    clock.advance(seconds=5)
    assert is_past(deadline)
    assert not is_past(None)


def test_query_with_replaces_and_drops_parameters():
    request = RequestFactory().get("/", {"q": "django", "cursor": "abc"})
    assert query_with({"request": request}, cursor="next") == "?q=django&cursor=next"
    assert query_with({"request": request}, cursor=None) == "?q=django"
    empty = RequestFactory().get("/")
    assert query_with({"request": empty}, cursor="") == "?"


def test_filters_load_in_templates():
    rendered = Template("{% load twoway %}{{ amount|money }} {{ amount|money_short }}").render(
        Context({"amount": 1_234_567})
    )
    assert rendered == "$12,345.67 $12K"
