"""Replaying the demo plan against the database, and what the command reports afterwards."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.test.utils import override_settings

from twoway.accounts.models import User
from twoway.core import clock
from twoway.core.demo import actions, cast
from twoway.core.demo.actions import DEMO_PASSWORD
from twoway.core.demo.plan import SEED, DemoPlan, Event, build_plan
from twoway.core.demo.reviews import FeedbackSummary, summarise_feedback
from twoway.notifications.services import notifications_deliver_pending


@dataclass(frozen=True)
class Login:
    who: str
    username: str
    name: str
    look_at: str


LOGINS: tuple[Login, ...] = (
    Login(
        "Operator",
        cast.OPERATOR,
        "Olivia Grant",
        "The admin at /admin/: reports to review (open, upheld, dismissed), audit log",
    ),
    Login(
        "Client",
        cast.CLIENT,
        "Maya Chen, Northwind Outfitters",
        "Jobs, proposals to review, contracts in every state; sealed feedback waiting for hers",
    ),
    Login(
        "Freelancer",
        cast.FREELANCER,
        "Diego Ramírez, web developer",
        "Glowing reviews, a client who never paid (and disputes it), sealed feedback to answer",
    ),
    Login(
        "Both roles",
        cast.BOTH,
        "Priya Nair, designer, Nair Studio",
        "Freelances, and hires for her studio: two records, one per role",
    ),
    Login(
        "Wary client",
        cast.POOR_PAYER,
        "Brett Kowalski, Apex Growth",
        "Hires a lot, pays little: warnings on his client record, an open job",
    ),
)


def is_loaded() -> bool:
    """The demo's operator account exists: the demo was loaded (it loads all or nothing)."""
    return User.objects.filter(username=cast.OPERATOR).exists()


def plan_demo(*, seed: int = SEED) -> DemoPlan:
    """The demo's plan as of now (nothing written yet)."""
    return build_plan(now=clock.now(), window=settings.FEEDBACK_WINDOW, seed=seed)


def execute(plan: DemoPlan, *, on_event: Callable[[Event], object] | None = None) -> None:
    """Run every planned action in time order, with the clock frozen at its moment.

    One transaction: the demo loads completely or not at all, so ``is_loaded`` is reliable and
    a failed run can simply be repeated. Email is switched off while it runs: notifications
    about made-up people at example.com have nowhere useful to go, and they are all marked
    emailed. Last, as of the plan's
    now, the sweeper records any reveal that fell due, so stored reputations are complete.
    """
    plan.password_hash = make_password(DEMO_PASSWORD)
    events = plan.timeline()
    try:
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"),
            transaction.atomic(),
        ):
            for event in events:
                clock.freeze(at=event.at)
                event.action()
                if on_event is not None:
                    on_event(event)
            clock.freeze(at=plan.now)
            actions.sweep_reveals()
            # Into the switched-off backend, so the sweeper does not mail them all at start.
            notifications_deliver_pending()
    finally:
        clock.reset()


@dataclass(frozen=True)
class Summary:
    people: int
    jobs: int
    open_jobs: int
    proposals: int
    proposal_fates: dict[str, int]
    contracts: int
    contract_states: dict[str, int]
    unpaid_contracts: int
    payments: int
    paid_cents: int
    feedback: FeedbackSummary


def summarise(plan: DemoPlan) -> Summary:
    states = Counter(plan.state_of(c) for c in plan.contracts)
    fates = Counter(
        "declined" if p.fate == "closed" else str(p.fate) for j in plan.jobs for p in j.proposals
    )
    return Summary(
        people=len(plan.people),
        jobs=len(plan.jobs),
        open_jobs=sum(1 for j in plan.jobs if j.closed_at is None),
        proposals=sum(fates.values()),
        proposal_fates=dict(fates),
        contracts=len(plan.contracts),
        contract_states=dict(states),
        unpaid_contracts=sum(1 for c in plan.contracts if not c.payments),
        payments=sum(len(c.payments) for c in plan.contracts),
        paid_cents=sum(c.paid_cents for c in plan.contracts),
        feedback=summarise_feedback(plan),
    )
