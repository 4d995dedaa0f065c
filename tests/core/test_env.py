"""Settings from the environment: durations, booleans, integers and lists; bad values stop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured

from twoway.core.env import env_bool, env_duration, env_int, env_list, env_str, parse_duration


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("14d", timedelta(days=14)),
        ("36h", timedelta(hours=36)),
        ("90m", timedelta(minutes=90)),
        ("5s", timedelta(seconds=5)),
        ("2w", timedelta(weeks=2)),
        ("1d12h", timedelta(days=1, hours=12)),
        ("1w2d3h4m5s", timedelta(weeks=1, days=2, hours=3, minutes=4, seconds=5)),
        ("1D12H", timedelta(days=1, hours=12)),
        (" 1d 12h ", timedelta(days=1, hours=12)),
        ("120", timedelta(seconds=120)),
        ("0s", timedelta(0)),
    ],
)
def test_durations_parse(raw, expected):
    assert parse_duration(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "abc", "5x", "d5", "5d3", "-5s", "1.5h", "1d-2h", "5 days", "h", "1d,2h"],
)
def test_bad_durations_raise(raw):
    with pytest.raises(ValueError, match=r"duration"):
        parse_duration(raw)


def test_feedback_window_style_settings_read_the_environment(monkeypatch):
    monkeypatch.setenv("TEST_WINDOW", "36h")
    assert env_duration("TEST_WINDOW", "14d") == timedelta(hours=36)


def test_a_missing_duration_uses_the_default(monkeypatch):
    monkeypatch.delenv("TEST_WINDOW", raising=False)
    assert env_duration("TEST_WINDOW", "14d") == timedelta(days=14)


def test_a_bad_duration_stops_start_up_naming_the_variable(monkeypatch):
    monkeypatch.setenv("TEST_WINDOW", "two weeks")
    with pytest.raises(ImproperlyConfigured, match="TEST_WINDOW"):
        env_duration("TEST_WINDOW", "14d")


def test_a_duration_below_the_minimum_stops_start_up(monkeypatch):
    monkeypatch.setenv("TEST_WINDOW", "0s")
    with pytest.raises(ImproperlyConfigured, match="at least"):
        env_duration("TEST_WINDOW", "14d", minimum=timedelta(seconds=1))
    monkeypatch.setenv("TEST_WINDOW", "1s")
    assert env_duration("TEST_WINDOW", "14d", minimum=timedelta(seconds=1)) == timedelta(seconds=1)


@pytest.mark.parametrize("raw", ["1", "true", "TRUE", "yes", "on", " True "])
def test_true_booleans(monkeypatch, raw):
    monkeypatch.setenv("TEST_FLAG", raw)
    assert env_bool("TEST_FLAG", False) is True


@pytest.mark.parametrize("raw", ["0", "false", "False", "no", "off", ""])
def test_false_booleans(monkeypatch, raw):
    monkeypatch.setenv("TEST_FLAG", raw)
    assert env_bool("TEST_FLAG", True) is False


@pytest.mark.parametrize("default", [True, False])
def test_a_missing_boolean_uses_the_default(monkeypatch, default):
    monkeypatch.delenv("TEST_FLAG", raising=False)
    assert env_bool("TEST_FLAG", default) is default


@pytest.mark.parametrize("raw", ["maybe", "2", "tru", "y e s"])
def test_a_bad_boolean_stops_start_up_naming_the_variable(monkeypatch, raw):
    monkeypatch.setenv("TEST_FLAG", raw)
    with pytest.raises(ImproperlyConfigured, match="TEST_FLAG"):
        env_bool("TEST_FLAG", False)


def test_integers_parse_with_a_default_and_a_minimum(monkeypatch):
    monkeypatch.delenv("TEST_INT", raising=False)
    assert env_int("TEST_INT", 7) == 7
    monkeypatch.setenv("TEST_INT", "")
    assert env_int("TEST_INT", 7) == 7
    monkeypatch.setenv("TEST_INT", "42")
    assert env_int("TEST_INT", 7) == 42
    monkeypatch.setenv("TEST_INT", "forty")
    with pytest.raises(ImproperlyConfigured, match="TEST_INT"):
        env_int("TEST_INT", 7)
    monkeypatch.setenv("TEST_INT", "-1")
    with pytest.raises(ImproperlyConfigured, match="at least 0"):
        env_int("TEST_INT", 7, minimum=0)


def test_lists_are_comma_separated_and_trimmed(monkeypatch):
    monkeypatch.setenv("TEST_LIST", " a.example , b.example,,")
    assert env_list("TEST_LIST", []) == ["a.example", "b.example"]
    monkeypatch.delenv("TEST_LIST")
    assert env_list("TEST_LIST", ["default"]) == ["default"]


def test_strings_default_to_empty(monkeypatch):
    monkeypatch.delenv("TEST_STR", raising=False)
    assert env_str("TEST_STR") == ""
    monkeypatch.setenv("TEST_STR", "value")
    assert env_str("TEST_STR", "other") == "value"
