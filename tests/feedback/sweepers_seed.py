"""Seed a database for ``test_sweepers``: people, ended contracts and sealed feedback.

Run in a subprocess against the test's own PostgreSQL database::

    DATABASE_URL=postgres://…/db python -m tests.feedback.sweepers_seed CONTRACTS PEOPLE

People sign up through the service; contracts and feedback are bulk-inserted (the database's
constraints and triggers still check them) with reveals a month away, so nothing is due until
the test moves every reveal to the same instant with one UPDATE.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta


def seed(contracts: int, people: int) -> int:
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["tests.support.FastArgon2PasswordHasher"]

    from twoway.accounts.services import user_signup
    from twoway.contracts.models import Contract, ContractStatus
    from twoway.core import clock
    from twoway.feedback import rules
    from twoway.feedback.models import Feedback
    from twoway.jobs.models import Job, JobStatus, Proposal, ProposalStatus

    def signup(name: str, role: str) -> int:
        return user_signup(
            username=name,
            password="a-long-sweeper-password",
            email=f"{name}@example.com",
            roles=[role],
        ).pk

    clients = [signup(f"sweep_client_{i}", "client") for i in range(people)]
    freelancers = [signup(f"sweep_freelancer_{i}", "freelancer") for i in range(people)]
    now = clock.now()
    started, ended, later = (
        now - timedelta(days=40),
        now - timedelta(days=20),
        now + timedelta(days=30),
    )
    pairs = [
        (clients[i % people], freelancers[(i * 7 + i // people) % people]) for i in range(contracts)
    ]
    jobs = Job.objects.bulk_create(
        Job(
            client_id=client,
            title=f"Sweeper job {i}",
            description="Work for the several-sweepers test.",
            budget_type="fixed",
            budget_cents=10_000 + 1_000 * (i % 50),
            status=JobStatus.CLOSED,
            created_at=started,
            closed_at=started,
        )
        for i, (client, _) in enumerate(pairs)
    )
    proposals = Proposal.objects.bulk_create(
        Proposal(
            job=job,
            freelancer_id=freelancer,
            cover_letter="I can do this.",
            bid_cents=job.budget_cents,
            status=ProposalStatus.HIRED,
            created_at=started,
            decided_at=started,
        )
        for job, (_, freelancer) in zip(jobs, pairs, strict=True)
    )
    made = Contract.objects.bulk_create(
        Contract(
            job=proposal.job,
            proposal=proposal,
            client_id=client,
            freelancer_id=freelancer,
            title=proposal.job.title,
            budget_type="fixed",
            rate_cents=proposal.bid_cents,
            status=ContractStatus.ENDED,
            started_at=started,
            ended_at=ended,
            ended_by_id=client,
            end_reason="completed",
            feedback_window_closes_at=later,
            total_paid_cents=proposal.bid_cents if i % 10 else 0,
        )
        for i, (proposal, (client, freelancer)) in enumerate(zip(proposals, pairs, strict=True))
    )

    def feedback(i: int, contract: Contract, role: str) -> Feedback:
        author, subject = (
            (contract.client_id, contract.freelancer_id)
            if role == rules.CLIENT
            else (contract.freelancer_id, contract.client_id)
        )
        stars = {name: 1 + (i + k) % 5 for k, name in enumerate(rules.CRITERIA[role])}
        return Feedback(
            contract=contract,
            author_id=author,
            subject_id=subject,
            author_role=role,
            **stars,
            overall=rules.overall_score(stars.values()),
            comment=f"Contract {i}: it went as the stars say.",
            private_reason="completed",
            would_work_again=i % 11,
            submitted_at=ended + timedelta(hours=1),
            updated_at=ended + timedelta(hours=1),
            reveals_at=later,
        )

    rows: list[Feedback] = []
    for i, contract in enumerate(made):
        # Most contracts have one side's feedback; every fifth has both sides' sealed feedback
        # falling due at once, so two sweepers may each reveal half of one contract.
        sides = (
            [rules.CLIENT, rules.FREELANCER]
            if i % 5 == 0
            else [(rules.CLIENT, rules.FREELANCER)[i % 2]]
        )
        rows.extend(feedback(i, contract, role) for role in sides)
    Feedback.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twoway.settings")
    import django

    django.setup()
    print(seed(int(sys.argv[1]), int(sys.argv[2])))


if __name__ == "__main__":
    main()
