"""Feedback extortion ("five stars or else", "pay me and I'll change it"): operators see the
whole story on a report, and the only message the platform carries between the parties about
feedback — the "ask for feedback" nudge — has no words of the sender in it."""

from __future__ import annotations

import inspect
import re

import pytest
from django.core import mail
from django.db import models

from tests.feedback.test_services import submit_client, submit_freelancer
from tests.support import logged_in, page_text
from twoway.feedback import services
from twoway.feedback.models import Feedback
from twoway.notifications.models import Kind, Notification
from twoway.notifications.services import notifications_deliver_pending

pytestmark = pytest.mark.django_db

THREAT = "Give me 5 stars or I tell everyone you never paid — $50 changes my mind"


def test_an_extortion_report_shows_operators_the_contracts_whole_history(ended, operator):
    services.feedback_request(actor=ended.freelancer, contract_id=ended.pk)
    submit_client(ended)
    submit_freelancer(ended)
    feedback = Feedback.objects.get(contract=ended, author=ended.client)
    report = services.report_create(
        actor=ended.freelancer,
        feedback_id=feedback.pk,
        target="feedback",
        reason="extortion",
        details="They asked for money to raise the rating.",
    )

    html = page_text(logged_in(operator).get(f"/admin/feedback/report/{report.pk}/change/"))

    assert "Extortion" in html
    assert "They asked for money to raise the rating." in html
    for action in (
        "contract.started",
        "contract.paid",
        "contract.ended",
        "feedback.requested",  # who nudged whom, and when
        "feedback.submitted",
        "feedback.revealed",
        "report.created",
    ):
        assert action in html, action
    # The history names who did each step.
    assert ended.freelancer.username in html
    assert ended.client.username in html


def test_the_nudge_service_accepts_no_text():
    assert list(inspect.signature(services.feedback_request).parameters) == [
        "actor",
        "contract_id",
    ]


def test_a_notification_has_no_field_that_could_hold_free_text():
    text_fields = {
        field.name
        for field in Notification._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
    }
    assert text_fields == {"kind"}


def test_text_sent_along_with_a_nudge_on_the_api_goes_nowhere(ended, api):
    response = api(ended.freelancer).post(
        f"/contracts/{ended.pk}/feedback/request", {"message": THREAT, "text": THREAT}
    )
    assert response.status_code == 201
    notifications_deliver_pending()

    inbox = api(ended.client).get("/notifications").json()
    (nudge,) = [item for item in inbox["items"] if item["kind"] == Kind.FEEDBACK_REQUESTED]
    assert THREAT not in str(nudge)
    assert "asks for your feedback" in nudge["subject"]
    assert all(
        THREAT not in message.body and THREAT not in message.subject for message in mail.outbox
    )
    assert THREAT not in page_text(logged_in(ended.client).get("/notifications/"))


def test_the_nudge_button_is_a_form_without_a_text_field(ended):
    page = page_text(logged_in(ended.freelancer).get(f"/contracts/{ended.pk}/"))
    form = re.search(
        rf'<form method="post" action="/contracts/{ended.pk}/feedback/request/">(.*?)</form>',
        page,
        re.S,
    )
    assert form is not None
    inputs = re.findall(r"<(input|textarea|select)\b[^>]*>", form.group(1))
    names = re.findall(r'name="([^"]+)"', form.group(1))
    assert inputs == ["input"]
    assert names == ["csrfmiddlewaretoken"]


def test_text_posted_with_the_nudge_form_goes_nowhere(ended):
    browser = logged_in(ended.freelancer)
    response = browser.post(f"/contracts/{ended.pk}/feedback/request/", {"message": THREAT})
    assert response.status_code == 302
    assert Notification.objects.filter(kind=Kind.FEEDBACK_REQUESTED).count() == 1
    notifications_deliver_pending()
    assert all(THREAT not in message.body for message in mail.outbox)
    assert THREAT not in page_text(logged_in(ended.client).get("/notifications/"))
