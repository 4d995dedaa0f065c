"""Operators moderate in the admin: the report queue, remove, restore, dismiss, history."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.feedback.conftest import CLIENT_COMMENT, CLIENT_PRIVATE_NOTE
from tests.feedback.test_services import submit_client, submit_freelancer
from twoway.feedback import services
from twoway.feedback.models import Feedback, Report, ReportStatus
from twoway.reputation.models import Reputation

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(ended, stranger):
    submit_client(ended)
    submit_freelancer(ended)
    feedback = Feedback.objects.get(contract=ended, author=ended.client)
    report = services.report_create(
        actor=stranger,
        feedback_id=feedback.pk,
        target="feedback",
        reason="extortion",
        details="He asked me for $50 to change the review.",
    )
    return feedback, report


def operator_client(operator) -> Client:
    client = Client()
    client.force_login(operator)
    return client


def test_the_queue_shows_open_reports_with_the_reporters_text(reported, operator):
    _, report = reported
    page = operator_client(operator).get("/admin/feedback/report/?status__exact=open")
    assert page.status_code == 200
    assert "Extortion" in page.content.decode()
    detail = (
        operator_client(operator)
        .get(f"/admin/feedback/report/{report.pk}/change/")
        .content.decode()
    )
    assert "He asked me for $50 to change the review." in detail
    assert CLIENT_COMMENT in detail  # the reported text
    assert "feedback.submitted" in detail  # the contract's history
    assert "contract.ended" in detail


def test_upholding_from_the_queue_removes_the_feedback(reported, operator):
    feedback, report = reported
    response = operator_client(operator).post(
        "/admin/feedback/report/",
        {"action": "uphold_selected", "_selected_action": [report.pk]},
    )
    assert response.status_code == 302
    feedback.refresh_from_db()
    report.refresh_from_db()
    assert feedback.removed_at is not None
    assert report.status == ReportStatus.UPHELD
    assert Reputation.objects.get(user=feedback.subject, role="freelancer").review_count == 0


def test_dismissing_from_the_queue_keeps_the_feedback(reported, operator):
    feedback, report = reported
    operator_client(operator).post(
        "/admin/feedback/report/", {"action": "dismiss_selected", "_selected_action": [report.pk]}
    )
    feedback.refresh_from_db()
    assert feedback.removed_at is None
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DISMISSED


def test_restoring_from_the_feedback_list(reported, operator):
    feedback, _ = reported
    services.feedback_remove(operator=operator, feedback_id=feedback.pk)
    operator_client(operator).post(
        "/admin/feedback/feedback/",
        {"action": "restore_selected", "_selected_action": [feedback.pk]},
    )
    feedback.refresh_from_db()
    assert feedback.removed_at is None


def test_operators_see_the_private_part_and_nothing_can_be_deleted(reported, operator):
    feedback, _ = reported
    client = operator_client(operator)
    assert (
        CLIENT_PRIVATE_NOTE
        in client.get(f"/admin/feedback/feedback/{feedback.pk}/change/").content.decode()
    )
    assert client.get(f"/admin/feedback/feedback/{feedback.pk}/delete/").status_code == 403
    assert client.get("/admin/core/auditevent/").status_code == 200


def test_people_who_are_not_operators_cannot_open_the_admin(reported, stranger):
    client = Client()
    client.force_login(stranger)
    response = client.get("/admin/feedback/report/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
