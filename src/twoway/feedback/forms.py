from __future__ import annotations

from typing import Any

from django import forms

from twoway.feedback import rules
from twoway.feedback.models import PrivateReason, ReportReason

STAR_CHOICES = [(str(n), f"{n} star{'s' if n > 1 else ''}") for n in range(5, 0, -1)]
AGAIN_CHOICES = [("", "Choose…")] + [(str(n), str(n)) for n in range(10, -1, -1)]


class StarWidget(forms.RadioSelect):
    template_name = "feedback/widgets/stars.html"
    option_template_name = "feedback/widgets/star_option.html"


class FeedbackForm(forms.Form):
    """Stars for each criterion of the author's side, the comment, and the private part."""

    comment = forms.CharField(
        required=False,
        max_length=rules.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        label="Public comment",
        help_text="Shown on their profile once revealed. Required for an overall score below 3.",
    )
    private_reason = forms.ChoiceField(
        choices=[("", "Choose…"), *PrivateReason.choices], label="Why did the contract end?"
    )
    would_work_again = forms.TypedChoiceField(
        choices=AGAIN_CHOICES,
        coerce=int,
        label="Would you work with them again? (0 = never, 10 = gladly)",
    )
    private_note = forms.CharField(
        required=False,
        max_length=rules.PRIVATE_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Note to Twoway (optional)",
    )

    def __init__(self, *args: Any, role: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.role = role
        self.criteria = rules.CRITERIA[role]
        stars = {
            name: forms.TypedChoiceField(
                choices=STAR_CHOICES,
                coerce=int,
                widget=StarWidget,
                label=rules.CRITERION_LABELS[name],
            )
            for name in self.criteria
        }
        self.fields = {**stars, **self.fields}

    def star_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.criteria]

    def overall_preview(self) -> str:
        """The overall score of the stars chosen so far (shown without JavaScript too)."""
        source = self.data if self.is_bound else self.initial
        stars = []
        for name in self.criteria:
            value = str(source.get(name) or "")
            if value.isdigit() and 1 <= int(value) <= 5:
                stars.append(int(value))
        if len(stars) != len(self.criteria):
            return ""
        return str(rules.overall_score(stars))

    def private_fields(self) -> list[forms.BoundField]:
        return [self["private_reason"], self["would_work_again"], self["private_note"]]

    def service_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "ratings": {name: data[name] for name in self.criteria},
            "comment": data["comment"],
            "private_reason": data["private_reason"],
            "would_work_again": data["would_work_again"],
            "private_note": data["private_note"],
        }

    @classmethod
    def initial_from(cls, feedback: Any) -> dict[str, Any]:
        initial = {name: str(value) for name, value in feedback.ratings.items()}
        initial.update(
            comment=feedback.comment,
            private_reason=feedback.private_reason,
            would_work_again=str(feedback.would_work_again),
            private_note=feedback.private_note,
        )
        return initial


class ResponseForm(forms.Form):
    text = forms.CharField(
        max_length=rules.RESPONSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Your public response",
        help_text="Shown under the feedback. One response, and it cannot be edited.",
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(choices=ReportReason.choices, widget=forms.RadioSelect)
    details = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="What should operators know? (optional)",
    )
    target = forms.ChoiceField(
        choices=[("feedback", "the feedback"), ("response", "the response")],
        widget=forms.HiddenInput,
        initial="feedback",
    )
