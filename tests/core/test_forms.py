"""Form pieces: dollars typed by people become integer cents; skills typed as a list."""

from __future__ import annotations

import pytest
from django import forms
from django.test import RequestFactory

from twoway.core.errors import Conflict
from twoway.core.forms import MoneyField, SkillsField, call_service


class PriceForm(forms.Form):
    price = MoneyField(max_cents=100_000, min_cents=100, required=False)
    skills = SkillsField()


def clean(**data: str) -> forms.Form:
    form = PriceForm(data)
    form.is_valid()
    return form


@pytest.mark.parametrize(
    ("typed", "cents"),
    [
        ("1", 100),
        ("1,000", 100_000),
        ("$12.50", 1_250),
        (" 99.9 ", 9_990),
        ("1 000.00", 100_000),
        ("1e2", 10_000),
        ("", None),
    ],
)
def test_dollars_become_cents(typed, cents):
    form = clean(price=typed)
    assert form.errors == {}
    assert form.cleaned_data["price"] == cents


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abc", "Enter an amount in dollars, such as 250 or 99.50."),
        ("1.005", "Use at most two decimals (cents)."),
        ("0.99", "The least is $1.00."),
        ("-5", "The least is $1.00."),
        ("1000.01", "The most is $1,000.00."),
        ("1e30", "The most is $1,000.00."),
        ("-1e30", "The least is $1.00."),
        ("9e999999", "The most is $1,000.00."),
        ("NaN", "Enter an amount in dollars, such as 250 or 99.50."),
        ("-Infinity", "Enter an amount in dollars, such as 250 or 99.50."),
        ("1" * 21, "Enter an amount in dollars, such as 250 or 99.50."),
    ],
)
def test_bad_dollar_amounts_are_form_errors_not_crashes(typed, message):
    assert clean(price=typed).errors == {"price": [message]}


def test_skills_are_split_on_commas():
    assert clean(skills=" Django, ,PostgreSQL ,htmx,").cleaned_data["skills"] == [
        "Django",
        "PostgreSQL",
        "htmx",
    ]
    assert clean(skills="").cleaned_data["skills"] == []


def test_a_skills_list_is_shown_back_as_comma_separated_text():
    assert SkillsField().prepare_value(["Django", "Go"]) == "Django, Go"
    assert SkillsField().prepare_value("as typed") == "as typed"


def test_call_service_turns_a_domain_error_into_a_form_error():
    def refuse() -> None:
        raise Conflict("Not now.", code="busy")

    form = clean()
    assert call_service(form, refuse) is None
    assert form.non_field_errors() == ["Not now."]
    assert call_service(form, lambda value: value * 2, value=21) == 42


def test_call_service_can_flash_the_error_on_the_page_instead():
    from django.contrib.messages import get_messages
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.signed_cookies import SessionStore

    def refuse() -> None:
        raise Conflict("Already done.", code="done")

    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    form = clean()
    assert call_service(form, refuse, flash=request) is None
    assert form.non_field_errors() == []
    assert [str(m) for m in get_messages(request)] == ["Already done."]
