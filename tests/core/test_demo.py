import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Avg, Count, Sum

from twoway.accounts.models import FreelancerProfile, User
from twoway.contracts.models import Contract, ContractStatus, Payment
from twoway.core import clock
from twoway.core.demo import DEMO_PASSWORD, LOGINS, cast, catalogue
from twoway.core.demo.plan import build_plan
from twoway.core.demo.reviews import summarise_feedback
from twoway.core.models import AuditEvent
from twoway.feedback.models import Feedback, FeedbackResponse, Report, ReportStatus
from twoway.feedback.selectors import SEALED, feedback_view
from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus
from twoway.notifications.models import Kind, Notification
from twoway.reputation.models import Reputation
from twoway.reputation.selectors import reputation_get
from twoway.reputation.services import reputation_recompute

POOR_PAYERS = [spec.username for spec in cast.PEOPLE if spec.poor_payer]
NON_PAYMENT = re.compile(r"never paid|not paid|unpaid|my money|a cent|never received", re.I)


def _counts() -> dict[str, int]:
    return {
        "people": User.objects.count(),
        "jobs": Job.objects.count(),
        "proposals": Proposal.objects.count(),
        "contracts": Contract.objects.count(),
        "payments": Payment.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.mark.django_db
def test_demo_loads_a_whole_marketplace_once_through_the_services():
    out = StringIO()
    call_command("demo", stdout=out)
    now = clock.now()

    assert User.objects.count() >= 60
    assert User.objects.filter(is_client=True, is_freelancer=False).count() >= 15
    assert User.objects.filter(is_freelancer=True, is_client=False).count() >= 25
    assert User.objects.filter(is_client=True, is_freelancer=True).count() >= 5
    assert Job.objects.count() >= 150
    assert Job.objects.filter(status=JobStatus.OPEN).exists()
    assert Job.objects.filter(status=JobStatus.CLOSED).exists()
    for status in ProposalStatus.values:
        assert Proposal.objects.filter(status=status).exists(), status

    ended = Contract.objects.filter(status=ContractStatus.ENDED)
    assert Contract.objects.filter(status=ContractStatus.ACTIVE).exists()
    assert ended.filter(feedback_window_closes_at__gt=now).exists()
    assert ended.filter(feedback_window_closes_at__lt=now - timedelta(days=90)).exists()
    assert ended.filter(total_paid_cents=0).exists()  # a client who never paid
    assert Contract.objects.filter(total_paid_cents__gt=0).count() > Contract.objects.count() / 2

    paid = dict(
        Payment.objects.values_list("contract").annotate(total=Sum("amount_cents")).order_by()
    )
    for contract in Contract.objects.all():
        assert contract.total_paid_cents == paid.get(contract.pk, 0), contract.pk

    # History is spread over two years, and every row came with its audit event.
    first_job = Job.objects.order_by("created_at").first()
    assert first_job is not None
    assert first_job.created_at < now - timedelta(days=600)
    events = dict(AuditEvent.objects.values_list("action").annotate(n=Count("id")).order_by())
    assert events["job.posted"] == Job.objects.count()
    assert events["contract.started"] == Contract.objects.count()
    assert events["payment.recorded"] == Payment.objects.count()
    assert events["contract.ended"] == ended.count()

    # The documented logins work, and the operator can use the admin.
    for login in LOGINS:
        user = User.objects.get(username=login.username)
        assert user.check_password(DEMO_PASSWORD), login.username
    operator = User.objects.get(username=LOGINS[0].username)
    assert operator.is_staff
    assert operator.is_superuser
    text = out.getvalue()
    assert "Log in at http://127.0.0.1:8000/login/" in text
    assert DEMO_PASSWORD in text
    assert clock.now() >= now  # the clock is back to real time

    _assert_feedback_in_every_state(now)
    _assert_reputations_tell_the_stories()

    before = _counts()
    again = StringIO()
    call_command("demo", stdout=again)
    assert "Demo data already loaded" in again.getvalue()
    assert "maya.chen" in again.getvalue()
    assert _counts() == before


def _ended(now: datetime, *, closed: bool, given: int):
    contracts = Contract.objects.filter(status=ContractStatus.ENDED)
    if closed:
        contracts = contracts.filter(feedback_window_closes_at__lte=now)
    else:
        contracts = contracts.filter(feedback_window_closes_at__gt=now)
    return contracts.annotate(given=Count("feedback")).filter(given=given)


def _assert_feedback_in_every_state(now: datetime) -> None:
    feedback = Feedback.objects.all()
    # Sealed: one side spoke, the window is open. Each demo login has such a contract, where
    # the other party's feedback exists for them but shows nothing.
    assert _ended(now, closed=False, given=1).exists()
    for login in LOGINS[1:]:
        user = User.objects.get(username=login.username)
        waiting = feedback.filter(subject=user, reveals_at__gt=now).exclude(
            contract__feedback__author=user
        )
        assert waiting.exists(), login.username
        view = feedback_view(feedback=waiting.first(), viewer=user, now=now)  # type: ignore[arg-type]
        assert view is not None
        assert view.state == SEALED
        assert view.feedback is None
    # Revealed pairs; lone feedback revealed at the window's close (and recorded by the
    # sweeper); contracts nobody reviewed.
    assert _ended(now, closed=True, given=2).exists()
    lone = _ended(now, closed=True, given=1)
    assert lone.exists()
    for contract in lone:
        only = contract.feedback.get()
        assert only.reveals_at == contract.feedback_window_closes_at
        assert only.revealed_at is not None
    assert _ended(now, closed=True, given=0).exists()
    assert not feedback.filter(reveals_at__lte=now, revealed_at=None).exists()
    assert feedback.filter(reveals_at__lte=now).count() > 100
    # A sealed feedback edited by its author; a nudge.
    assert AuditEvent.objects.filter(action="feedback.edited").exists()
    assert Notification.objects.filter(kind=Kind.FEEDBACK_REQUESTED).exists()
    # Made-up people get no email, and the sweeper finds none waiting after the demo; search's
    # success scores are up to date too.
    assert not Notification.objects.filter(emailed_at=None).exists()
    assert not FreelancerProfile.objects.filter(success_stale_since__isnull=False).exists()
    # Responses by the person rated: a poor payer disputing, freelancers answering.
    responses = FeedbackResponse.objects.select_related("feedback")
    assert responses.count() >= 5
    for response in responses:
        assert response.author_id == response.feedback.subject_id
    assert responses.filter(author__username__in=POOR_PAYERS).exists()
    assert responses.filter(feedback__author_role="client").exists()
    # Reports: open, upheld (the feedback removed by the operator), dismissed (it stays).
    operator = User.objects.get(username=cast.OPERATOR)
    reports = Report.objects.select_related("feedback")
    assert {r.reason for r in reports.filter(status=ReportStatus.OPEN)} >= {
        "extortion",
        "harassment",
        "irrelevant",
    }
    upheld = reports.filter(status=ReportStatus.UPHELD)
    assert {r.reason for r in upheld} == {"off_platform", "private_information"}
    for report in upheld:
        assert report.resolved_by == operator
        assert report.feedback.removed_by == operator
        assert re.search(r"\(555\) 01\d-\d{4}", report.feedback.comment)
    dismissed = reports.filter(status=ReportStatus.DISMISSED)
    assert dismissed.exists()
    assert all(r.feedback.removed_at is None for r in dismissed)
    assert feedback.filter(removed_at__isnull=False).count() == upheld.count()
    # Mostly glowing, with real lows; low scores always explained.
    mean = feedback.aggregate(mean=Avg("overall"))["mean"]
    assert Decimal("4.4") <= mean <= Decimal("4.85")
    assert feedback.filter(overall__gte=Decimal("4.75")).count() > feedback.count() / 2
    assert feedback.filter(overall__lt=3).exists()
    assert not feedback.filter(overall__lt=3, comment="").exists()
    assert feedback.exclude(private_note="").exists()


def _assert_reputations_tell_the_stories() -> None:
    # The clients who rarely pay carry warnings, with freelancers' quotes about not being paid.
    for username in POOR_PAYERS:
        record = reputation_get(user=User.objects.get(username=username), role="client")
        assert record.warnings, username
        quotes = [e.quote for warning in record.warnings for e in warning.evidence]
        assert any(NON_PAYMENT.search(quote) for quote in quotes), (username, quotes)
        authors = Feedback.objects.filter(
            subject__username=username, author_role="freelancer", revealed_at__isnull=False
        )
        assert authors.values("author").distinct().count() >= 3, username
    maya = reputation_get(user=User.objects.get(username=cast.CLIENT), role="client")
    assert not maya.warnings
    # Every demo login who works or hires has a reputation (the operator does neither).
    for login in LOGINS[1:]:
        assert Reputation.objects.filter(
            user__username=login.username, review_count__gt=0
        ).exists(), login.username

    # The stored reputations, kept up to date reveal by reveal, equal a rebuild from scratch.
    def rows() -> list[tuple[object, ...]]:
        return sorted(
            tuple(value for key, value in row.items() if key not in Reputation.BOOKKEEPING_FIELDS)
            for row in Reputation.objects.values()
        )

    stored = rows()
    reputation_recompute()
    assert rows() == stored


def test_the_demo_plan_is_the_same_every_time():
    now = datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    first = build_plan(now=now, window=timedelta(days=14))
    second = build_plan(now=now, window=timedelta(days=14))

    def fingerprint(plan):
        return [
            (
                job.title,
                job.client.username,
                job.posted_at,
                job.budget_cents,
                [(p.freelancer.username, p.bid_cents, p.fate) for p in job.proposals],
            )
            for job in plan.jobs
        ] + [(c.hired_at, c.ends_at, c.paid_cents) for c in plan.contracts]

    def reviews(plan):
        return [
            (f.author.username, f.role, f.at, f.ratings, f.comment, f.reason, f.would_work_again)
            for f in plan.reviews.feedback
        ] + [(r.at, r.text) for r in plan.reviews.responses]

    assert fingerprint(first) == fingerprint(second)
    assert reviews(first) == reviews(second)
    summary = summarise_feedback(first)
    for state in ("sealed", "revealed_pairs", "revealed_alone", "unreviewed", "responses"):
        assert getattr(summary, state), state
    assert summary.requests == 1
    assert set(summary.reports) == {"open", "upheld", "dismissed"}
    assert all(event.at < now for event in first.events)
    assert first.ended_contracts
    assert {first.state_of(c) for c in first.contracts} == {
        "active",
        "window_open",
        "window_closed",
    }


def test_the_cast_and_catalogue_fit_together():
    people = {spec.username: spec for spec in cast.PEOPLE}
    assert len(people) == len(cast.PEOPLE)
    for title, usernames in cast.WHO_POSTS.items():
        assert title in catalogue.TEMPLATES_BY_TITLE, title
        for username in usernames:
            assert people[username].client, username
    for story in cast.SCRIPTED:
        assert story.title in catalogue.TEMPLATES_BY_TITLE, story.title
        assert people[story.client].client, story.client
        for name in [story.hire, *(name for name, _ in story.also)]:
            assert not name or people[name].is_freelancer, name
    for template in catalogue.JOB_TEMPLATES:
        assert template.category in catalogue.PROFESSIONS, template.title
        assert 5 <= len(template.title) <= 120
