"""``twoway generate``: a synthetic marketplace written straight to the tables must obey every
constraint and domain rule, look like a real marketplace, and agree with ``twoway recompute``.

Runs on SQLite and PostgreSQL (DATABASE_URL). Transactional tests: generate manages its own
transaction and connection settings, as it does in production.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Count, Sum
from django.test import Client

from twoway.accounts.models import ClientProfile, FreelancerProfile, User
from twoway.contracts.models import Contract, ContractStatus, Payment
from twoway.core import clock
from twoway.core.generate import PASSWORD
from twoway.core.generate.market import CONTRACTS_PER_PERSON
from twoway.core.models import AuditEvent
from twoway.feedback import rules
from twoway.feedback.models import Feedback, FeedbackResponse, Report
from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus
from twoway.notifications.models import Notification
from twoway.reputation.models import CommentTheme, Reputation
from twoway.reputation.services import reputation_recompute
from twoway.search import backend

pytestmark = pytest.mark.django_db(transaction=True)

PEOPLE = 1500
PROFILE_KEYS = ("user_id", "review_count", "sort_score", "sort_ranking", "success_score")


def _generate(*args: str) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


def _reputations() -> dict[tuple[int, str], dict[str, Any]]:
    fields = [
        f.attname
        for f in Reputation._meta.concrete_fields
        if f.name not in Reputation.BOOKKEEPING_FIELDS
    ]
    return {(row["user_id"], row["role"]): row for row in Reputation.objects.values(*fields)}


def _profile_keys() -> dict[int, tuple[Any, ...]]:
    return {row[0]: row for row in FreelancerProfile.objects.values_list(*PROFILE_KEYS)}


def test_generate_builds_a_consistent_realistic_marketplace():
    now = clock.freeze()
    out = _generate("--users", str(PEOPLE), "--seed", "7", "--batch", "2000")
    assert "Rows per table" in out
    assert "data.generated" not in out  # the audit event is in the database, not the output

    # --- Counts -------------------------------------------------------------------------------
    assert User.objects.count() == PEOPLE
    assert User.objects.filter(is_staff=True).count() == 3
    clients = ClientProfile.objects.count()
    freelancers = FreelancerProfile.objects.count()
    assert 0.35 * PEOPLE < clients < 0.5 * PEOPLE
    assert 0.6 * PEOPLE < freelancers < 0.75 * PEOPLE
    contracts = Contract.objects.count()
    target = round(PEOPLE * CONTRACTS_PER_PERSON)
    assert target <= contracts <= target + 8
    feedback = Feedback.objects.count()
    assert 1.3 * contracts < feedback < 1.7 * contracts
    assert Job.objects.count() > 0.6 * contracts
    assert Proposal.objects.filter(status=ProposalStatus.HIRED).count() == contracts

    # --- Every state is there ------------------------------------------------------------------
    ended = Contract.objects.filter(status=ContractStatus.ENDED)
    assert Contract.objects.filter(status=ContractStatus.ACTIVE).exists()
    assert ended.filter(feedback_window_closes_at__gt=now).exists()
    assert ended.filter(feedback_window_closes_at__lte=now).exists()
    # Reminders still ahead are scheduled as contract_end schedules them; none are overdue.
    scheduled = 0
    for ended_at, closes, due in ended.values_list(
        "ended_at", "feedback_window_closes_at", "reminder_due_at"
    ):
        assert ended_at is not None
        assert closes is not None
        expected = rules.reminder_at(
            ended_at=ended_at, window_closes_at=closes, lead=settings.FEEDBACK_REMINDER_BEFORE
        )
        assert due == (expected if expected > now else None)
        scheduled += due is not None
    assert scheduled
    assert Feedback.objects.filter(reveals_at__gt=now).exists()  # sealed
    assert Feedback.objects.filter(revealed_at__isnull=False).exists()
    assert Job.objects.filter(status=JobStatus.OPEN).exists()
    assert Job.objects.filter(status=JobStatus.CLOSED).exists()
    for status in ProposalStatus.values:
        assert Proposal.objects.filter(status=status).exists(), status
    assert Proposal.objects.filter(status=ProposalStatus.PENDING, job__status="closed").count() == 0
    assert FeedbackResponse.objects.exists()
    assert Report.objects.exists()
    assert Feedback.objects.filter(removed_at__isnull=False).exists()
    assert CommentTheme.objects.filter(polarity="complaint", theme="non_payment").exists()
    assert not Notification.objects.exists()
    events = list(AuditEvent.objects.values_list("action", flat=True))
    assert events == ["data.generated"]

    # --- Money --------------------------------------------------------------------------------
    paid = dict(
        Payment.objects.values_list("contract").annotate(total=Sum("amount_cents")).order_by()
    )
    windows = {}
    for pk, total, started, ended_at, closes, status, client_id in Contract.objects.values_list(
        "pk",
        "total_paid_cents",
        "started_at",
        "ended_at",
        "feedback_window_closes_at",
        "status",
        "client_id",
    ):
        assert total == paid.get(pk, 0), pk
        windows[pk] = (started, ended_at, closes, status, client_id)
    for contract_id, at, by in Payment.objects.values_list(
        "contract_id", "created_at", "created_by"
    ):
        started, ended_at, _, _, client_id = windows[contract_id]
        assert started <= at <= (ended_at or now)
        assert by == client_id
    values = sorted(v for v in paid.values())
    median = values[len(values) // 2]
    assert 10_000 < median < 100_000  # a few hundred dollars
    assert values[-1] > 20 * median  # with a long tail

    # --- Feedback rules -----------------------------------------------------------------------
    parties = dict(Contract.objects.values_list("pk", "client_id").order_by())
    freelancer_of = dict(Contract.objects.values_list("pk", "freelancer_id").order_by())
    by_contract: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for stored in Feedback.objects.values():
        by_contract[stored["contract_id"]].append(dict(stored))
    overalls = []
    for contract_id, rows in by_contract.items():
        started, ended_at, closes, status, _ = windows[contract_id]
        assert status == ContractStatus.ENDED
        assert closes is not None
        expected_reveal = rules.reveals_at(
            window_closes_at=closes, submitted_at=[row["submitted_at"] for row in rows]
        )
        for row in rows:
            role = row["author_role"]
            client_id, freelancer_id = parties[contract_id], freelancer_of[contract_id]
            author, subject = (
                (client_id, freelancer_id) if role == rules.CLIENT else (freelancer_id, client_id)
            )
            assert (row["author_id"], row["subject_id"]) == (author, subject)
            assert ended_at < row["submitted_at"] < closes
            assert row["submitted_at"] <= now
            assert row["reveals_at"] == expected_reveal
            if row["reveals_at"] <= now:
                assert row["revealed_at"] == row["reveals_at"]  # the sweeper has run
            else:
                assert row["revealed_at"] is None
                assert row["removed_at"] is None
            stars = [row[name] for name in rules.CRITERIA[role]]
            assert row["overall"] == rules.overall_score(stars)
            others = [name for name in rules.ALL_CRITERIA if name not in rules.CRITERIA[role]]
            assert all(row[name] is None for name in others)
            if row["overall"] < 3:
                assert row["comment"]
                assert row["would_work_again"] <= 5
            if row["overall"] == 5:
                assert row["would_work_again"] >= 8
            overalls.append(row["overall"])
    mean = sum(overalls) / len(overalls)
    assert Decimal("4.62") <= mean <= Decimal("4.78"), mean
    high = sum(1 for o in overalls if o >= Decimal("4.75")) / len(overalls)
    assert 0.69 <= high <= 0.81, high
    closed = [pk for pk, w in windows.items() if w[3] == "ended" and w[2] <= now]
    for role in (rules.CLIENT, rules.FREELANCER):
        given = sum(
            1 for pk in closed if any(r["author_role"] == role for r in by_contract.get(pk, []))
        )
        assert 0.7 <= given / len(closed) <= 0.85, (role, given / len(closed))

    # Responses and reports come after the reveal, from the right people.
    for response in FeedbackResponse.objects.select_related("feedback"):
        assert response.author_id == response.feedback.subject_id
        assert response.feedback.reveals_at <= response.created_at <= now
        assert response.created_at <= rules.response_deadline(
            reveals_at=response.feedback.reveals_at
        )
    for report in Report.objects.select_related("feedback"):
        assert report.feedback.reveals_at <= report.created_at <= now
        if report.status == "upheld" and report.target == "feedback":
            assert report.feedback.removed_at == report.resolved_at
    assert Report.objects.values("status").annotate(n=Count("id")).filter(n__gt=0).count() == 3

    # Activity follows a power law: a few busy clients, most with a handful of contracts.
    per_client = sorted(
        Contract.objects.values("client").annotate(n=Count("id")).values_list("n", flat=True)
    )
    median = per_client[len(per_client) // 2]
    assert median <= 8, per_client
    assert per_client[-1] >= 4 * median, per_client

    # --- The database's own checks --------------------------------------------------------------
    with connection.cursor() as cursor:
        # What the feedback_parties trigger enforces row by row.
        cursor.execute(
            """
            SELECT count(*) FROM feedback_feedback f
            JOIN contracts_contract c ON c.id = f.contract_id
            WHERE c.status <> 'ended'
               OR NOT ((f.author_role = 'client' AND f.author_id = c.client_id
                        AND f.subject_id = c.freelancer_id)
                    OR (f.author_role = 'freelancer' AND f.author_id = c.freelancer_id
                        AND f.subject_id = c.client_id))
            """
        )
        assert cursor.fetchone()[0] == 0
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA foreign_key_check")
            assert cursor.fetchall() == []
            cursor.execute("PRAGMA foreign_keys")
            assert cursor.fetchone()[0] == 1  # put back after the run
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' "
                "AND tbl_name = 'feedback_feedback'"
            )
            assert cursor.fetchone()[0] == 2
        else:
            cursor.execute("SHOW session_replication_role")
            assert cursor.fetchone()[0] == "origin"
            cursor.execute(
                "SELECT count(*) FROM pg_trigger "
                "WHERE tgname = 'feedback_parties' AND tgenabled = 'O'"
            )
            assert cursor.fetchone()[0] == 1
            # Unique constraints were dropped for the load and added back.
            cursor.execute(
                "SELECT count(*) FROM pg_constraint WHERE contype = 'u' AND conname IN "
                "('feedback_one_per_author', 'feedback_one_per_side', 'proposal_one_per_job')"
            )
            assert cursor.fetchone()[0] == 3
        # Every index is back.
        cursor.execute(
            "SELECT count(*) FROM pg_indexes WHERE indexname = 'feedback_about'"
            if connection.vendor == "postgresql"
            else "SELECT count(*) FROM sqlite_master WHERE name = 'feedback_about'"
        )
        assert cursor.fetchone()[0] == 1

    # --- Reputations: what recompute would store --------------------------------------------------
    reputations = _reputations()
    keys = _profile_keys()
    assert any(row["warning_count"] for (_, role), row in reputations.items() if role == "client")
    warned = sum(1 for (_, r), row in reputations.items() if r == "client" and row["warning_count"])
    assert warned < 0.2 * sum(1 for _, r in reputations if r == "client")
    assert any(k[4] is not None for k in keys.values())  # success scores
    assert any(k[1] > 10 for k in keys.values())  # busy freelancers
    reputation_recompute()
    assert _reputations() == reputations
    assert _profile_keys() == keys

    # --- Search: freelancers by a skill keyword, open jobs only ---------------------------------
    profile = (
        FreelancerProfile.objects.filter(skills__name="Django").order_by("-review_count").first()
    )
    assert profile is not None
    answer = Client().get("/api/v1/freelancers", {"q": "django", "limit": "100"})
    assert answer.status_code == 200
    items = answer.json()["items"]
    assert items
    assert all(
        "Django" in item["skills"] or "django" in (item["title"] + item["overview"]).lower()
        for item in items
    )
    found = (
        Client()
        .get("/api/v1/freelancers", {"q": f"django {profile.title.split()[0]}", "limit": "100"})
        .json()["items"]
    )
    assert profile.user_id in [item["user"]["id"] for item in found] or len(found) == 100
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM search_job")
        assert cursor.fetchone()[0] == Job.objects.filter(status=JobStatus.OPEN).count()
        cursor.execute("SELECT count(*) FROM search_freelancer")
        assert cursor.fetchone()[0] == freelancers
        # Each document is in the ranking band of its profile's stored ranking.
        if connection.vendor == "postgresql":
            band = backend.tier_sql("p.sort_ranking")
            cursor.execute(
                "SELECT count(*) FROM search_freelancer s JOIN accounts_freelancerprofile p "  # noqa: S608
                f"ON p.user_id = s.id WHERE NOT s.document @@ ('~' || {band})::tsquery"
            )
        else:
            cursor.execute(
                "SELECT count(*) FROM search_freelancer f JOIN accounts_freelancerprofile p "  # noqa: S608
                f"ON p.user_id = f.rowid WHERE f.tier != {backend.tier_token_sql('p.sort_ranking')}"
            )
        assert cursor.fetchone()[0] == 0
    bands = {
        backend.tier_of(r) for r in FreelancerProfile.objects.values_list("sort_ranking", flat=True)
    }
    assert len(bands) >= 3, bands
    open_jobs = set(Job.objects.filter(status=JobStatus.OPEN).values_list("pk", flat=True))
    hits = Client().get("/api/v1/jobs", {"q": "website", "limit": "100"}).json()["items"]
    assert hits
    assert {hit["id"] for hit in hits} <= open_jobs

    # --- Generated people can sign in, and new rows get fresh ids ------------------------------
    person = User.objects.filter(is_client=True, is_staff=False).first()
    assert person is not None
    assert person.check_password(PASSWORD)
    from tests.conftest import make_contract, make_user

    newcomer = make_user("freelancer")
    assert newcomer.pk == PEOPLE + 1
    contract = make_contract(person, newcomer, paid_cents=5_000, ended=True)
    assert contract.pk == Contract.objects.order_by("-pk").values_list("pk", flat=True)[1] + 1
    clock.travel(timedelta(seconds=1))


def test_generate_refuses_a_database_with_people_unless_wiped():
    _generate("--users", "300", "--seed", "3", "--processes", "1")
    first = _digest()
    with pytest.raises(CommandError, match="--wipe"):
        _generate("--users", "300")
    assert User.objects.count() == 300
    # The rows can be made in a forked process while this one writes: the same rows.
    out = _generate("--users", "300", "--seed", "3", "--wipe", "--processes", "2")
    assert "second process" in out
    assert User.objects.count() == 300
    assert AuditEvent.objects.filter(action="data.generated").count() == 1
    # The same seed makes the same marketplace (times move with the clock, so not those).
    assert _digest() == first


def _digest() -> str:
    h = hashlib.sha256()
    for feedback in Feedback.objects.order_by("pk").values_list(
        "pk", "contract_id", "author_id", "overall", "comment", "would_work_again"
    ):
        h.update(repr(feedback).encode())
    for contract in Contract.objects.order_by("pk").values_list(
        "pk", "client_id", "freelancer_id", "rate_cents", "total_paid_cents", "status"
    ):
        h.update(repr(contract).encode())
    return h.hexdigest()
