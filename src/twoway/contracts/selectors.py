"""Reads for contracts, payments and the money side of a person's record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet, Sum

from twoway.accounts.models import ClientProfile, User
from twoway.contracts.models import Contract, ContractStatus, Payment
from twoway.core.errors import NotFound
from twoway.core.pagination import Page, keyset_page
from twoway.jobs.models import Job, JobStatus

RECENT = ["-started_at", "-id"]


def _contracts() -> QuerySet[Contract]:
    return Contract.objects.select_related("client", "freelancer", "job", "ended_by")


def contract_list_for_user(
    *,
    user: User,
    status: str | None = None,
    role: str | None = None,
    cursor: str | None = None,
    limit: int | None = None,
) -> Page[Contract]:
    """The contracts ``user`` is a party to, newest first."""
    if role == "client":
        qs = _contracts().filter(client=user)
    elif role == "freelancer":
        qs = _contracts().filter(freelancer=user)
    else:
        qs = _contracts().filter(Q(client=user) | Q(freelancer=user))
    if status:
        qs = qs.filter(status=status)
    return keyset_page(qs, order=RECENT, cursor=cursor, limit=limit)


def contract_get_for_viewer(*, viewer: User, contract_id: int) -> Contract:
    """A contract for one of its parties or an operator; 404 for everyone else."""
    contract = _contracts().filter(pk=contract_id).first()
    if contract is None or not (contract.is_party(viewer.pk) or viewer.is_staff):
        raise NotFound("No such contract.", code="contract_not_found")
    return contract


def payment_list_for_contract(*, contract: Contract) -> list[Payment]:
    return list(Payment.objects.filter(contract=contract).order_by("-created_at", "-id"))


@dataclass(frozen=True)
class ClientStats:
    """The activity half of a client's record (feedback is added by the reputation layer)."""

    client_id: int
    member_since: datetime
    payment_verified: bool
    total_spent_cents: int
    hires: int
    jobs_posted: int
    jobs_with_hire: int
    open_jobs: int

    @property
    def hire_rate(self) -> float | None:
        """Share of posted jobs that led to at least one hire; None before any job."""
        if self.jobs_posted == 0:
            return None
        return self.jobs_with_hire / self.jobs_posted


def client_stats_for(clients: Iterable[User]) -> dict[int, ClientStats]:
    """ClientStats for many clients in a fixed number of queries (for list pages)."""
    people = {client.pk: client for client in clients}
    if not people:
        return {}
    ids = list(people)
    money = {
        row["client_id"]: row
        for row in Contract.objects.filter(client_id__in=ids)
        .values("client_id")
        .annotate(
            spent=Sum("total_paid_cents"), hires=Count("id"), jobs_hired=Count("job", distinct=True)
        )
    }
    jobs = {
        row["client_id"]: row
        for row in Job.objects.filter(client_id__in=ids)
        .values("client_id")
        .annotate(posted=Count("id"), open=Count("id", filter=Q(status=JobStatus.OPEN)))
    }
    verified = set(
        ClientProfile.objects.filter(user_id__in=ids, payment_verified=True).values_list(
            "user_id", flat=True
        )
    )
    stats = {}
    for pk, person in people.items():
        m = money.get(pk, {})
        j = jobs.get(pk, {})
        stats[pk] = ClientStats(
            client_id=pk,
            member_since=person.date_joined,
            payment_verified=pk in verified,
            total_spent_cents=m.get("spent") or 0,
            hires=m.get("hires") or 0,
            jobs_posted=j.get("posted") or 0,
            jobs_with_hire=m.get("jobs_hired") or 0,
            open_jobs=j.get("open") or 0,
        )
    return stats


def client_stats_get(*, client: User) -> ClientStats:
    return client_stats_for([client])[client.pk]


@dataclass(frozen=True)
class FreelancerStats:
    freelancer_id: int
    member_since: datetime
    total_earned_cents: int
    contracts: int
    active_contracts: int


def freelancer_stats_get(*, freelancer: User) -> FreelancerStats:
    row = Contract.objects.filter(freelancer=freelancer).aggregate(
        earned=Sum("total_paid_cents"),
        contracts=Count("id"),
        active=Count("id", filter=Q(status=ContractStatus.ACTIVE)),
    )
    return FreelancerStats(
        freelancer_id=freelancer.pk,
        member_since=freelancer.date_joined,
        total_earned_cents=row["earned"] or 0,
        contracts=row["contracts"] or 0,
        active_contracts=row["active"] or 0,
    )
