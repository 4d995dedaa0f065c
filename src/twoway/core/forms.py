"""Form pieces shared by the pages: money typed as dollars, skills typed as a list."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

from twoway.core.errors import DomainError

T = TypeVar("T")


class MoneyField(forms.CharField):
    """A dollar amount typed by a person ("1,500" or "$99.50"), cleaned to integer cents."""

    def __init__(self, *, max_cents: int, min_cents: int = 1, **kwargs: Any) -> None:
        self.max_cents = max_cents
        self.min_cents = min_cents
        # Not CharField's max_length: its validator would run on the cleaned int (len() fails).
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": 20}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(value or "").strip().replace(",", "").replace("$", "").replace(" ", "")
        if not text:
            return None
        if len(text) > 20:
            raise forms.ValidationError("Enter an amount in dollars, such as 250 or 99.50.")
        try:
            amount = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError(
                "Enter an amount in dollars, such as 250 or 99.50."
            ) from exc
        if not amount.is_finite():
            raise forms.ValidationError("Enter an amount in dollars, such as 250 or 99.50.")
        # The range comes first: quantize() raises on "1e30", which has more digits than
        # Decimal's precision, and that would be a 500.
        if amount < Decimal(self.min_cents) / 100:
            raise forms.ValidationError(f"The least is ${self.min_cents / 100:,.2f}.")
        if amount > Decimal(self.max_cents) / 100:
            raise forms.ValidationError(f"The most is ${self.max_cents / 100:,.2f}.")
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError("Use at most two decimals (cents).")
        return int(amount * 100)


class SkillsField(forms.CharField):
    """Comma-separated skills ("Django, PostgreSQL, htmx") cleaned to a list of names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 700)
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", "Separate skills with commas; up to 15.")
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value) or ""
        return [part.strip() for part in text.split(",") if part.strip()]

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list | tuple):
            return ", ".join(str(v) for v in value)
        return value


def call_service(
    form: forms.Form,
    service: Callable[..., T],
    *,
    flash: HttpRequest | None = None,
    fields: dict[str, str] | None = None,
    **kwargs: Any,
) -> T | None:
    """Run a service for a page; a DomainError becomes a form error instead of a crash.

    With ``flash=request`` the error becomes a page message instead: for forms the page does not
    show in the refused state (a payment on an ended contract, a second proposal), where a form
    error would be invisible. ``fields`` maps error codes to the form field they are about, so
    the message shows next to that field.
    """
    try:
        return service(**kwargs)
    except DomainError as exc:
        field = (fields or {}).get(exc.code)
        if field is not None:
            form.add_error(field, exc.message)
        elif flash is not None:
            messages.error(flash, exc.message)
        else:
            form.add_error(None, exc.message)
        return None
