from __future__ import annotations

from django import forms

from twoway.core.forms import MoneyField, SkillsField
from twoway.jobs.models import MAX_BID_CENTS, MAX_BUDGET_CENTS, BudgetType


class JobForm(forms.Form):
    title = forms.CharField(
        max_length=120,
        min_length=5,
        help_text="Say what you need in a few words, e.g. “Build a Django booking site”.",
    )
    description = forms.CharField(
        max_length=10_000,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="The work, the deliverables, and how you will judge them.",
    )
    skills = SkillsField()
    budget_type = forms.ChoiceField(
        choices=BudgetType.choices, widget=forms.RadioSelect, initial=BudgetType.FIXED
    )
    budget_cents = MoneyField(
        label="Budget (USD)",
        max_cents=MAX_BUDGET_CENTS,
        help_text="The fixed price, or the most you will pay per hour.",
    )


class ProposalForm(forms.Form):
    cover_letter = forms.CharField(
        max_length=5000,
        min_length=10,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Why you are a good fit and how you would approach the work.",
    )
    bid_cents = MoneyField(label="Your bid (USD)", max_cents=MAX_BID_CENTS)


class JobFilterForm(forms.Form):
    q = forms.CharField(max_length=200, required=False, label="Keywords")
    skill = forms.CharField(max_length=40, required=False)
    budget_min_cents = MoneyField(label="Budget from", required=False, max_cents=MAX_BUDGET_CENTS)
    budget_max_cents = MoneyField(label="Budget up to", required=False, max_cents=MAX_BUDGET_CENTS)
    min_client_score = forms.DecimalField(
        label="Client score at least",
        required=False,
        min_value=0,
        max_value=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "5"}),
    )
    payment_verified = forms.BooleanField(label="Payment verified only", required=False)
    hide_warned = forms.BooleanField(label="Hide clients with warnings", required=False)
