from __future__ import annotations

from django import forms

from twoway.contracts.models import MAX_PAYMENT_CENTS, EndReason
from twoway.core.forms import MoneyField


class PaymentForm(forms.Form):
    amount_cents = MoneyField(label="Amount (USD)", max_cents=MAX_PAYMENT_CENTS)
    memo = forms.CharField(max_length=200, required=False, label="Memo (optional)")


class EndForm(forms.Form):
    reason = forms.ChoiceField(
        choices=EndReason.choices, initial=EndReason.COMPLETED, label="Why are you ending it?"
    )
