"""The fixed wording of every notification. Nothing here reads feedback content."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from twoway.notifications.models import Kind, Notification


@dataclass(frozen=True)
class Message:
    subject: str
    body: str
    url: str


def message_for(notification: Notification) -> Message:
    contract = notification.contract
    is_client = notification.user_id == contract.client_id
    other = contract.freelancer if is_client else contract.client
    title = contract.title
    closes = contract.feedback_window_closes_at
    closes_text = f"{closes:%b %-d, %Y %H:%M} UTC" if closes else ""
    url = reverse("contracts:detail", args=[contract.pk])
    kind = notification.kind
    if kind == Kind.CONTRACT_ENDED:
        return Message(
            f"Contract ended: leave feedback for {other.display_name}",
            f"Your contract “{title}” with {other.display_name} has ended. Leave your feedback "
            f"before {closes_text}. Neither of you sees the other's feedback until both have "
            "left theirs or the window closes.",
            url + "#feedback",
        )
    if kind == Kind.FEEDBACK_LEFT:
        return Message(
            f"{other.display_name} left feedback — leave yours to see it",
            f"{other.display_name} left feedback on “{title}”. Leave yours to see it; both are "
            f"shown together. The window closes {closes_text}.",
            url + "#feedback",
        )
    if kind == Kind.WINDOW_CLOSING:
        return Message(
            "The feedback window is closing soon",
            f"The feedback window for “{title}” closes {closes_text}. You haven't left feedback "
            f"for {other.display_name} yet; after the close, no feedback can be added.",
            url + "#feedback",
        )
    if kind == Kind.FEEDBACK_REVEALED:
        return Message(
            f"Feedback on “{title}” is now visible",
            f"The feedback on your contract “{title}” with {other.display_name} has been "
            "revealed. You can read it on the contract page.",
            url + "#feedback",
        )
    if kind == Kind.FEEDBACK_REQUESTED:
        return Message(
            f"{other.display_name} asks for your feedback",
            f"{other.display_name} asks you to leave feedback on “{title}”. The window closes "
            f"{closes_text}.",
            url + "#feedback",
        )
    if kind == Kind.RESPONSE_POSTED:
        return Message(
            f"{other.display_name} responded to your feedback",
            f"{other.display_name} posted a public response to your feedback on “{title}”.",
            url + "#feedback",
        )
    return Message("Twoway notification", f"There is news on “{title}”.", url)
