from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms

from twoway.accounts.models import MAX_HOURLY_RATE_CENTS
from twoway.core.forms import MoneyField
from twoway.search.selectors import FreelancerFilters

SORTS = [
    ("relevance", "Best match"),
    ("ranking", "Ranking score"),
    ("score", "Feedback score"),
    ("reviews", "Number of reviews"),
]


class FreelancerSearchForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, label="Keywords")
    skill = forms.CharField(max_length=40, required=False)
    min_score = forms.DecimalField(
        label="Feedback score at least",
        required=False,
        min_value=0,
        max_value=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "5"}),
    )
    min_reviews = forms.IntegerField(
        label="Reviews at least", required=False, min_value=0, max_value=1_000_000
    )
    min_success = forms.IntegerField(
        label="Success score at least (%)", required=False, min_value=-100, max_value=100
    )
    rate_min_cents = MoneyField(
        label="Rate from ($/h)", required=False, max_cents=MAX_HOURLY_RATE_CENTS
    )
    rate_max_cents = MoneyField(
        label="Rate up to ($/h)", required=False, max_cents=MAX_HOURLY_RATE_CENTS
    )
    sort = forms.ChoiceField(choices=SORTS, required=False, label="Sort by")

    def filters(self) -> FreelancerFilters:
        """The valid filters (an invalid one is reported and left out, the rest apply)."""
        values: dict[str, Any] = {}
        if self.is_bound:
            self.is_valid()
            values = self.cleaned_data
        success = values.get("min_success")
        return FreelancerFilters(
            q=values.get("q") or "",
            skill=values.get("skill") or "",
            min_score=values.get("min_score"),
            min_reviews=values.get("min_reviews"),
            min_success=Decimal(success) / 100 if success is not None else None,
            rate_min_cents=values.get("rate_min_cents"),
            rate_max_cents=values.get("rate_max_cents"),
            sort=values.get("sort") or "relevance",
        )
