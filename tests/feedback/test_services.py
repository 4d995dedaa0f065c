"""The feedback engine's rules, through its services and the database."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tests.conftest import make_contract, make_user
from tests.feedback.conftest import (
    CLIENT_COMMENT,
    CLIENT_PRIVATE_NOTE,
    client_feedback,
    freelancer_feedback,
)
from twoway.contracts.services import contract_end
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.core.models import AuditEvent
from twoway.feedback import services
from twoway.feedback.models import Feedback, Report, ReportStatus
from twoway.notifications.models import Kind, Notification
from twoway.notifications.services import notifications_deliver_pending
from twoway.reputation.models import Reputation

pytestmark = pytest.mark.django_db


def submit_client(contract, **overrides):
    return services.feedback_submit(
        actor=contract.client, contract_id=contract.pk, **client_feedback(**overrides)
    )


def submit_freelancer(contract, **overrides):
    return services.feedback_submit(
        actor=contract.freelancer, contract_id=contract.pk, **freelancer_feedback(**overrides)
    )


def test_no_feedback_on_an_active_contract(client_user, freelancer):
    contract = make_contract(client_user, freelancer)
    with pytest.raises(Conflict) as error:
        submit_client(contract)
    assert error.value.code == "contract_not_ended"


def test_the_window_length_comes_from_the_setting(client_user, freelancer, settings, clock):
    settings.FEEDBACK_WINDOW = timedelta(seconds=5)
    clock.freeze()
    contract = make_contract(client_user, freelancer, ended=True)
    assert contract.feedback_window_closes_at == contract.ended_at + timedelta(seconds=5)


def test_no_feedback_after_the_window_closes(ended, clock):
    clock.advance(days=14, seconds=1)
    with pytest.raises(Conflict) as error:
        submit_client(ended)
    assert error.value.code == "feedback_window_closed"


def test_the_overall_score_is_stored_to_two_decimals(ended):
    feedback = submit_client(ended)
    assert feedback.overall == Decimal("4.83")


def test_one_feedback_per_party(ended):
    submit_client(ended)
    with pytest.raises(Conflict) as error:
        submit_client(ended)
    assert error.value.code == "feedback_exists"
    assert Feedback.objects.filter(contract=ended).count() == 1


def test_strangers_cannot_leave_feedback(ended, stranger):
    with pytest.raises(NotFound):
        services.feedback_submit(actor=stranger, contract_id=ended.pk, **client_feedback())


def test_ratings_must_be_the_authors_side_criteria(ended):
    with pytest.raises(InvalidInput) as error:
        services.feedback_submit(actor=ended.client, contract_id=ended.pk, **freelancer_feedback())
    assert error.value.code == "invalid_ratings"


def test_a_low_score_needs_a_comment(ended):
    low = dict.fromkeys(
        [
            "skills",
            "quality",
            "availability",
            "adherence_to_schedule",
            "communication",
            "cooperation",
        ],
        2,
    )
    with pytest.raises(InvalidInput) as error:
        submit_client(ended, ratings=low, comment="  ")
    assert error.value.code == "comment_required"
    assert submit_client(ended, ratings=low, comment="Missed every deadline.").overall == Decimal(
        "2.00"
    )


def test_comments_are_limited_to_5000_characters(ended):
    with pytest.raises(InvalidInput):
        submit_client(ended, comment="x" * 5001)
    assert submit_client(ended, comment="x" * 5000).comment == "x" * 5000


def test_would_work_again_is_zero_to_ten(ended):
    with pytest.raises(InvalidInput):
        submit_client(ended, would_work_again=11)


def test_a_lone_feedback_is_sealed_and_the_second_reveals_both(ended, clock):
    first = submit_client(ended)
    assert not first.is_revealed(clock.now())
    assert first.reveals_at == ended.feedback_window_closes_at
    second = submit_freelancer(ended)
    first.refresh_from_db()
    assert second.is_revealed(clock.now())
    assert first.is_revealed(clock.now())
    assert first.reveals_at == second.reveals_at == second.submitted_at
    assert first.revealed_at is not None
    assert second.revealed_at is not None
    assert AuditEvent.objects.filter(action="feedback.revealed").count() == 2


def test_a_lone_feedback_is_revealed_at_the_close_even_before_the_sweeper_runs(ended, clock):
    feedback = submit_client(ended)
    clock.advance(days=14)
    feedback.refresh_from_db()
    assert feedback.revealed_at is None  # nothing has processed it yet
    assert feedback.is_revealed(clock.now())  # ... yet every read sees it revealed


def test_the_sweeper_records_due_reveals_once_and_counts_them(ended, clock):
    submit_client(ended)
    assert services.reveals_process_due() == 0
    clock.advance(days=14)
    assert services.reveals_process_due() == 1
    assert services.reveals_process_due() == 0
    reputation = Reputation.objects.get(user=ended.freelancer, role="freelancer")
    assert reputation.review_count == 1
    assert reputation.feedback_score == Decimal("4.83")


def test_the_author_may_edit_while_sealed_but_not_after_the_reveal(ended):
    submit_client(ended)
    edited = services.feedback_edit(
        actor=ended.client, contract_id=ended.pk, comment="Even better."
    )
    assert edited.comment == "Even better."
    assert AuditEvent.objects.filter(action="feedback.edited", target_id=edited.pk).exists()
    submit_freelancer(ended)
    with pytest.raises(Conflict) as error:
        services.feedback_edit(actor=ended.client, contract_id=ended.pk, comment="Changed my mind")
    assert error.value.code == "feedback_revealed"


def test_only_the_author_edits(ended):
    submit_client(ended)
    with pytest.raises(NotFound):
        services.feedback_edit(actor=ended.freelancer, contract_id=ended.pk, comment="x")


def test_the_database_refuses_feedback_from_someone_not_a_party(ended, stranger):
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(
            contract=ended,
            author=stranger,
            subject=ended.freelancer,
            author_role="client",
            skills=5,
            quality=5,
            availability=5,
            adherence_to_schedule=5,
            communication=5,
            cooperation=5,
            overall=Decimal("5.00"),
            private_reason="completed",
            would_work_again=10,
            submitted_at=ended.ended_at,
            updated_at=ended.ended_at,
            reveals_at=ended.feedback_window_closes_at,
        )


def test_the_database_refuses_a_second_feedback_from_the_same_side(ended):
    feedback = submit_client(ended)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(
            contract=ended,
            author=feedback.author,
            subject=feedback.subject,
            author_role="client",
            skills=1,
            quality=1,
            availability=1,
            adherence_to_schedule=1,
            communication=1,
            cooperation=1,
            overall=Decimal("1.00"),
            comment="duplicate",
            private_reason="completed",
            would_work_again=0,
            submitted_at=feedback.submitted_at,
            updated_at=feedback.submitted_at,
            reveals_at=feedback.reveals_at,
        )


def test_the_database_refuses_stars_out_of_range_and_missing_low_score_comments(ended):
    feedback = submit_client(ended)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.filter(pk=feedback.pk).update(skills=6)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.filter(pk=feedback.pk).update(overall=Decimal("2.00"), comment="")


def test_the_database_refuses_feedback_on_an_active_contract(client_user, freelancer):
    contract = make_contract(client_user, freelancer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Feedback.objects.create(
            contract=contract,
            author=client_user,
            subject=freelancer,
            author_role="client",
            skills=5,
            quality=5,
            availability=5,
            adherence_to_schedule=5,
            communication=5,
            cooperation=5,
            overall=Decimal("5.00"),
            private_reason="completed",
            would_work_again=10,
            submitted_at=contract.started_at,
            updated_at=contract.started_at,
            reveals_at=contract.started_at,
        )


def test_ending_a_contract_notifies_both_parties_and_emails_them(client_user, freelancer):
    mail.outbox.clear()
    contract = make_contract(client_user, freelancer)
    ended = contract_end(actor=freelancer, contract_id=contract.pk)
    kinds = set(Notification.objects.filter(contract=ended).values_list("user_id", "kind"))
    assert kinds == {(client_user.pk, Kind.CONTRACT_ENDED), (freelancer.pk, Kind.CONTRACT_ENDED)}
    assert not mail.outbox  # the request does not wait for a mail server: the sweeper emails
    assert notifications_deliver_pending() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([client_user.email, freelancer.email])
    assert notifications_deliver_pending() == 0


def test_notifications_never_carry_sealed_content(ended):
    notifications_deliver_pending()
    mail.outbox.clear()
    submit_client(ended)
    notifications_deliver_pending()
    left = Notification.objects.get(user=ended.freelancer, kind=Kind.FEEDBACK_LEFT)
    from twoway.notifications.texts import message_for

    message = message_for(left)
    for secret in (CLIENT_COMMENT, CLIENT_PRIVATE_NOTE, "4.83"):
        assert secret not in message.subject + message.body
    assert mail.outbox, "the person rated is emailed"
    for email in mail.outbox:
        for secret in (CLIENT_COMMENT, CLIENT_PRIVATE_NOTE, "4.83"):
            assert secret not in email.subject + email.body


def test_a_reminder_goes_once_to_each_party_without_feedback(ended, clock, settings):
    settings.FEEDBACK_REMINDER_BEFORE = timedelta(days=3)
    submit_client(ended)
    assert services.reminders_send_due() == 0
    clock.advance(days=11, seconds=1)
    assert services.reminders_send_due() == 1
    assert services.reminders_send_due() == 0
    reminded = Notification.objects.filter(kind=Kind.WINDOW_CLOSING).values_list(
        "user_id", flat=True
    )
    assert list(reminded) == [ended.freelancer_id]


def test_the_reminder_time_is_fixed_when_the_contract_ends(ended, clock, settings):
    assert ended.feedback_window_closes_at is not None
    assert ended.reminder_due_at == ended.feedback_window_closes_at - timedelta(days=3)
    settings.FEEDBACK_REMINDER_BEFORE = timedelta(days=1)  # later changes move nothing
    clock.advance(days=11, seconds=1)
    assert services.reminders_send_due() == 2
    ended.refresh_from_db()
    assert ended.reminder_due_at is None


def test_a_window_that_closed_before_its_reminder_went_out_gets_none(ended, clock):
    clock.advance(days=14, seconds=1)  # the sweeper was stopped all along
    assert services.reminders_send_due() == 0
    assert not Notification.objects.filter(kind=Kind.WINDOW_CLOSING).exists()
    ended.refresh_from_db()
    assert ended.reminder_due_at is None  # and it is not looked at again


def test_a_reminder_pass_with_nothing_due_is_one_probe_of_the_due_times(
    client_user, freelancer, clock
):
    for _ in range(6):
        make_contract(client_user, freelancer, ended=True)
    with CaptureQueriesContext(connection) as captured:
        assert services.reminders_send_due() == 0
    reads = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert len(reads) == 1, reads  # however many windows are open
    assert "reminder_due_at" in reads[0]
    assert "feedback_feedback" not in reads[0]
    clock.advance(days=11, seconds=1)
    assert services.reminders_send_due() == 12


def test_asking_for_feedback_is_a_fixed_nudge_at_most_once_a_day(ended, clock):
    services.feedback_request(actor=ended.client, contract_id=ended.pk)
    with pytest.raises(Conflict) as error:
        services.feedback_request(actor=ended.client, contract_id=ended.pk)
    assert error.value.code == "feedback_request_too_soon"
    clock.advance(days=1, seconds=1)
    services.feedback_request(actor=ended.client, contract_id=ended.pk)
    assert Notification.objects.filter(kind=Kind.FEEDBACK_REQUESTED).count() == 2


def test_no_nudge_once_they_have_given_feedback(ended):
    submit_freelancer(ended)
    with pytest.raises(Conflict):
        services.feedback_request(actor=ended.client, contract_id=ended.pk)


def test_the_person_rated_may_respond_once_within_thirty_days(ended, clock):
    submit_client(ended)
    freelancer_view = submit_freelancer(ended)
    client_fb = Feedback.objects.get(contract=ended, author=ended.client)
    with pytest.raises(PermissionDenied):
        services.feedback_respond(actor=ended.client, feedback_id=client_fb.pk, text="Thanks!")
    response = services.feedback_respond(
        actor=ended.freelancer, feedback_id=client_fb.pk, text="Thanks!"
    )
    assert response.text == "Thanks!"
    with pytest.raises(Conflict) as error:
        services.feedback_respond(actor=ended.freelancer, feedback_id=client_fb.pk, text="Again")
    assert error.value.code == "response_exists"
    clock.advance(days=31)
    with pytest.raises(Conflict) as late:
        services.feedback_respond(actor=ended.client, feedback_id=freelancer_view.pk, text="Late")
    assert late.value.code == "response_window_closed"


def test_no_response_to_sealed_feedback(ended):
    feedback = submit_client(ended)
    with pytest.raises(Conflict) as error:
        services.feedback_respond(actor=ended.freelancer, feedback_id=feedback.pk, text="Hm")
    assert error.value.code == "feedback_sealed"


def test_responses_are_limited_to_2000_characters(ended):
    submit_client(ended)
    submit_freelancer(ended)
    feedback = Feedback.objects.get(contract=ended, author=ended.client)
    with pytest.raises(InvalidInput):
        services.feedback_respond(actor=ended.freelancer, feedback_id=feedback.pk, text="x" * 2001)


def test_sealed_feedback_cannot_be_reported(ended, stranger):
    feedback = submit_client(ended)
    with pytest.raises(NotFound):
        services.report_create(
            actor=stranger, feedback_id=feedback.pk, target="feedback", reason="harassment"
        )


def test_removal_hides_and_uncounts_and_restore_brings_it_back(ended, stranger, operator):
    submit_client(ended)
    submit_freelancer(ended)
    feedback = Feedback.objects.get(contract=ended, author=ended.client)
    report = services.report_create(
        actor=stranger,
        feedback_id=feedback.pk,
        target="feedback",
        reason="harassment",
        details="Rude",
    )
    with pytest.raises(Conflict):
        services.report_create(
            actor=stranger, feedback_id=feedback.pk, target="feedback", reason="irrelevant"
        )
    rep = Reputation.objects.get(user=ended.freelancer, role="freelancer")
    assert rep.review_count == 1
    with pytest.raises(PermissionDenied):
        services.report_uphold(operator=stranger, report_id=report.pk)
    services.report_uphold(operator=operator, report_id=report.pk)
    report.refresh_from_db()
    feedback.refresh_from_db()
    assert report.status == ReportStatus.UPHELD
    assert feedback.removed_at is not None
    assert feedback.removed_by == operator
    rep.refresh_from_db()
    assert rep.review_count == 0
    assert rep.feedback_score is None
    services.feedback_restore(operator=operator, feedback_id=feedback.pk)
    rep.refresh_from_db()
    assert rep.review_count == 1
    assert rep.feedback_score == Decimal("4.83")
    assert Feedback.objects.filter(pk=feedback.pk).exists()  # never deleted
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"report.created", "report.upheld", "feedback.removed", "feedback.restored"} <= actions


def test_dismissing_a_report_keeps_the_content(ended, stranger, operator):
    submit_client(ended)
    submit_freelancer(ended)
    feedback = Feedback.objects.get(contract=ended, author=ended.client)
    report = services.report_create(
        actor=stranger, feedback_id=feedback.pk, target="feedback", reason="irrelevant"
    )
    services.report_dismiss(operator=operator, report_id=report.pk)
    feedback.refresh_from_db()
    assert feedback.removed_at is None
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DISMISSED


def test_sweep_command_reveals_and_reports_counts(ended, clock, capsys):
    submit_client(ended)
    clock.advance(days=15)
    call_command("sweep")
    assert "revealed: 1" in capsys.readouterr().out
    assert Feedback.objects.filter(revealed_at__isnull=False).count() == 1


def test_recompute_equals_the_incremental_totals(client_user, freelancer, clock):
    other = make_user("freelancer")
    for person, paid in ((freelancer, 100_000), (other, 0), (freelancer, 20_000)):
        contract = make_contract(client_user, person, paid_cents=paid, ended=True)
        submit_client(contract)
        submit_freelancer(contract)
    before = {
        (r.user_id, r.role): (
            r.review_count,
            r.weighted_sum,
            r.weight_total,
            r.given_count,
            r.given_sum,
        )
        for r in Reputation.objects.all()
    }
    call_command("recompute")
    after = {
        (r.user_id, r.role): (
            r.review_count,
            r.weighted_sum,
            r.weight_total,
            r.given_count,
            r.given_sum,
        )
        for r in Reputation.objects.all()
    }
    assert before == after
    assert before[(client_user.pk, "client")][0] == 3
