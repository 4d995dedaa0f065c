from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from twoway.accounts.models import MAX_HOURLY_RATE_CENTS, MIN_HOURLY_RATE_CENTS, Role
from twoway.core.forms import MoneyField, SkillsField


class SignupForm(forms.Form):
    username = forms.CharField(
        max_length=30, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    email = forms.EmailField(
        max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    first_name = forms.CharField(max_length=60, required=False)
    last_name = forms.CharField(max_length=60, required=False)
    password = forms.CharField(
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters; not a common password.",
    )
    roles = forms.MultipleChoiceField(
        choices=[
            (Role.CLIENT, "I want to hire (client)"),
            (Role.FREELANCER, "I want to work (freelancer)"),
        ],
        widget=forms.CheckboxSelectMultiple,
        label="How will you use Twoway?",
        help_text="Choose one or both; you can change this later.",
    )


class AccountForm(forms.Form):
    first_name = forms.CharField(max_length=60, required=False)
    last_name = forms.CharField(max_length=60, required=False)
    roles = forms.MultipleChoiceField(
        choices=[(Role.CLIENT, "Client (I hire)"), (Role.FREELANCER, "Freelancer (I work)")],
        widget=forms.CheckboxSelectMultiple,
    )


class FreelancerProfileForm(forms.Form):
    title = forms.CharField(
        max_length=120, required=False, help_text='Your headline, e.g. "Django developer".'
    )
    overview = forms.CharField(
        max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    skills = SkillsField()
    hourly_rate_cents = MoneyField(
        label="Hourly rate (USD)",
        required=False,
        min_cents=MIN_HOURLY_RATE_CENTS,
        max_cents=MAX_HOURLY_RATE_CENTS,
    )


class ClientProfileForm(forms.Form):
    company = forms.CharField(max_length=120, required=False)


class TokenForm(forms.Form):
    name = forms.CharField(max_length=60, initial="API token")


class DeactivateForm(forms.Form):
    password = forms.CharField(
        max_length=128,
        strip=False,
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text="To confirm that it is you.",
    )


class LoginForm(AuthenticationForm):
    """Django's sign-in form with a bound on the password too (Django sets none): every text a
    page accepts has a maximum length."""

    password = forms.CharField(
        label="Password",
        max_length=128,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
