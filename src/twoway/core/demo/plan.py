"""Planning the demo: the cast and catalogue become a timeline of service calls.

Nothing here touches the database. Each phase adds people, jobs, proposals, contracts and
payments to a ``DemoPlan`` and schedules the service call that will create each of them at a
moment in the past two years (``plan.at(when, action)``). ``run.py`` then replays the whole
timeline in time order with the clock frozen at each moment, so every audit event, join date
and window close reads as if the marketplace had really lived through those two years.

Adding a phase means writing ``plan_<something>(plan)`` that walks what earlier phases planned,
for example ``plan.ended_contracts`` with their parties, ``ends_at`` and ``window_closes_at``,
and schedules actions; then listing it in ``PHASES``. The feedback phase (``reviews.py``) is
one: it plans the reviews, responses, reports and moderation on the ended contracts.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import partial

from twoway.accounts.models import User
from twoway.contracts.models import Contract, EndReason
from twoway.core.demo import actions, cast, catalogue
from twoway.core.demo.cast import (
    ACTIVE,
    ENDED,
    ENDED_RECENTLY,
    FRESH,
    FULL,
    NOTHING,
    OPEN,
    PARTIAL,
    UNFILLED,
    PersonSpec,
    Story,
)
from twoway.core.demo.catalogue import JobTemplate, Profession
from twoway.core.demo.reviews import FeedbackBook, plan_feedback
from twoway.jobs.models import BudgetType, Job, Proposal, ProposalStatus

SEED = 2026
HISTORY = timedelta(days=730)
CLOSED = "closed"  # a proposal still pending when its job closes (declined by the close)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


# --- What the plan holds ---------------------------------------------------------------------


@dataclass(eq=False)
class PersonPlan:
    spec: PersonSpec
    joined_at: datetime
    client_since: datetime | None  # None: not a client
    years: int  # of experience, quoted in their overview and cover letters
    title: str = ""
    overview: str = ""
    skills: list[str] = field(default_factory=list)
    rate_cents: int | None = None
    used_titles: set[str] = field(default_factory=set)
    user: User | None = None  # set when the sign-up runs

    @property
    def username(self) -> str:
        return self.spec.username

    @property
    def profession(self) -> Profession | None:
        return catalogue.PROFESSIONS.get(self.spec.profession)

    @property
    def db(self) -> User:
        assert self.user is not None, f"{self.username} has not signed up yet"
        return self.user


@dataclass(eq=False)
class ProposalPlan:
    freelancer: PersonPlan
    at: datetime
    bid_cents: int
    cover_letter: str
    fate: str = ProposalStatus.PENDING  # a ProposalStatus, or CLOSED
    decided_at: datetime | None = None
    proposal: Proposal | None = None

    @property
    def db(self) -> Proposal:
        assert self.proposal is not None
        return self.proposal


@dataclass(frozen=True)
class PaymentPlan:
    at: datetime
    amount_cents: int
    memo: str


@dataclass(eq=False)
class ContractPlan:
    job: JobPlan
    proposal: ProposalPlan
    hired_at: datetime
    ends_at: datetime | None = None  # None: still active
    ended_by: PersonPlan | None = None
    end_reason: str = ""
    window_closes_at: datetime | None = None
    payments: list[PaymentPlan] = field(default_factory=list)
    contract: Contract | None = None

    @property
    def client(self) -> PersonPlan:
        return self.job.client

    @property
    def freelancer(self) -> PersonPlan:
        return self.proposal.freelancer

    @property
    def rate_cents(self) -> int:
        return self.proposal.bid_cents

    @property
    def paid_cents(self) -> int:
        return sum(p.amount_cents for p in self.payments)

    @property
    def db(self) -> Contract:
        assert self.contract is not None
        return self.contract


@dataclass(eq=False)
class JobPlan:
    client: PersonPlan
    template: JobTemplate
    outcome: str
    description: str
    budget_cents: int
    posted_at: datetime
    closed_at: datetime | None = None
    proposals: list[ProposalPlan] = field(default_factory=list)
    contracts: list[ContractPlan] = field(default_factory=list)
    job: Job | None = None

    @property
    def title(self) -> str:
        return self.template.title

    @property
    def hourly(self) -> bool:
        return self.template.budget_type == BudgetType.HOURLY

    @property
    def db(self) -> Job:
        assert self.job is not None
        return self.job


@dataclass(order=True)
class Event:
    at: datetime
    seq: int
    action: Callable[[], object] = field(compare=False)


class DemoPlan:
    """Everything the demo will create, and when."""

    def __init__(self, *, now: datetime, window: timedelta, seed: int = SEED) -> None:
        self.now = now
        self.window = window
        self.start = now - HISTORY
        self.rng = random.Random(seed)
        self.menus = cast.menus()  # username -> the job posts they might write
        self.people: dict[str, PersonPlan] = {}
        self.jobs: list[JobPlan] = []
        self.contracts: list[ContractPlan] = []
        self.events: list[Event] = []
        self.reviews = FeedbackBook.empty()  # the feedback phase's plans
        self.password_hash = ""  # the demo password, hashed once by run.py

    def at(self, when: datetime, action: Callable[[], object]) -> None:
        """Schedule ``action`` to run with the clock frozen at ``when`` (which must be past)."""
        if when >= self.now:
            raise ValueError(f"Demo event in the future ({when.isoformat()}): {action}")
        self.events.append(Event(when, len(self.events), action))

    def timeline(self) -> list[Event]:
        return sorted(self.events)

    def days_ago(self, days: float) -> datetime:
        return self.now - timedelta(days=days)

    @property
    def operator(self) -> PersonPlan:
        return self.people[cast.OPERATOR]

    @property
    def freelancers(self) -> list[PersonPlan]:
        return [p for p in self.people.values() if p.spec.is_freelancer]

    @property
    def ended_contracts(self) -> list[ContractPlan]:
        """Contracts that end in the demo, oldest first: where feedback belongs."""
        return sorted(
            (c for c in self.contracts if c.ends_at is not None),
            key=lambda c: (c.ends_at, c.hired_at),
        )

    def state_of(self, contract: ContractPlan) -> str:
        """The contract's state as of the plan's now: active, window_open or window_closed."""
        if contract.window_closes_at is None:
            return "active"
        return "window_open" if contract.window_closes_at > self.now else "window_closed"


# --- Small helpers ---------------------------------------------------------------------------


def _weighted(rng: random.Random, items: Sequence[PersonPlan], weights: Sequence[float]) -> int:
    return rng.choices(range(len(items)), weights=weights)[0]


def _round_dollars(amount: float) -> int:
    """A price a person would write, in cents: to $5, $25 or $50 depending on size."""
    step = 5 if amount < 500 else 25 if amount < 2000 else 50
    return max(step, round(amount / step) * step) * 100


def _money(cents: int) -> str:
    return f"${cents / 100:,.0f}" if cents % 100 == 0 else f"${cents / 100:,.2f}"


def _day(at: datetime) -> str:
    return f"{at:%b} {at.day}"


# --- Phase 1: people -------------------------------------------------------------------------


def plan_people(plan: DemoPlan) -> None:
    """Every person signs up, fills in their profiles and, for some clients, gets verified."""
    rng = plan.rng
    for spec in cast.PEOPLE:
        joined = plan.days_ago(spec.joined_days_ago) + timedelta(minutes=rng.randint(0, 480))
        joined = min(joined, plan.now - 2 * HOUR)
        since = None
        if spec.client:
            since = joined
            if spec.client_since_days_ago is not None:
                since = plan.days_ago(spec.client_since_days_ago)
        person = PersonPlan(spec=spec, joined_at=joined, client_since=since, years=0)
        plan.people[spec.username] = person
        plan.at(joined, partial(actions.sign_up, plan, person))
        if spec.username == cast.OPERATOR:
            plan.at(joined + timedelta(minutes=2), partial(actions.make_operator, person))
        if spec.is_freelancer:
            _describe_freelancer(plan, person)
            plan.at(
                joined + timedelta(minutes=rng.randint(5, 90)),
                partial(actions.freelancer_profile, person),
            )
        if since is not None and since != joined:
            plan.at(since, partial(actions.add_client_role, person))
        if since is not None and spec.company:
            plan.at(
                since + timedelta(minutes=rng.randint(5, 120)),
                partial(actions.client_profile, person),
            )
        if since is not None and spec.verified:
            verified_at = since + timedelta(days=rng.uniform(0.5, 12))
            if verified_at < plan.now - HOUR:
                plan.at(verified_at, partial(actions.verify_payment, plan, person))


def _describe_freelancer(plan: DemoPlan, person: PersonPlan) -> None:
    rng, spec = plan.rng, person.spec
    profession = person.profession
    assert profession is not None
    person.years = spec.years or max(2, min(18, round(rng.gauss(4 + 1.5 * spec.weight, 2.5))))
    person.title = spec.title or rng.choice(profession.titles)
    if spec.skills:
        person.skills = list(spec.skills)
    else:
        person.skills = rng.sample(profession.skills, rng.randint(3, 7))
        for other in spec.side[:1]:
            person.skills.append(rng.choice(catalogue.PROFESSIONS[other].skills))
        person.skills = list(dict.fromkeys(person.skills))[:8]
    if spec.rate:
        dollars = float(spec.rate)
    else:
        low, high = profession.rate
        share = min(1.0, max(0.0, rng.gauss(0.25 + 0.12 * spec.weight, 0.15)))
        dollars = low + (high - low) * share
    person.rate_cents = max(5, round(dollars / 5) * 5) * 100
    person.overview = spec.overview or " ".join(
        [
            f"I'm {spec.first}, a {profession.label} freelancer based in {spec.city}.",
            rng.choice(profession.specialties),
            rng.choice(catalogue.TRACK_RECORDS).format(
                years=person.years, clients=rng.choice([20, 30, 40, 60])
            ),
            rng.choice(catalogue.WORKING_STYLES).format(city=spec.city),
        ]
    )


# --- Phase 2: jobs, proposals, contracts and payments -----------------------------------------


def plan_scripted_jobs(plan: DemoPlan) -> None:
    """The histories the demo logins (and the clients who rarely pay) must have."""
    for story in cast.SCRIPTED:
        plan_job(
            plan,
            client=plan.people[story.client],
            template=catalogue.TEMPLATES_BY_TITLE[story.title],
            story=story,
        )


def plan_random_jobs(plan: DemoPlan) -> None:
    """The rest of the marketplace, with quotas per outcome (``cast.RANDOM_OUTCOMES``)."""
    rng = plan.rng
    outcomes = [o for o, count in cast.RANDOM_OUTCOMES.items() for _ in range(count)]
    rng.shuffle(outcomes)
    # Every client posts at least once; the quotas pay for it.
    for client in _market_clients(plan):
        if any(job.client is client for job in plan.jobs):
            continue
        assert client.client_since is not None
        veteran = plan.now - client.client_since > 120 * DAY
        tries = (ENDED, UNFILLED, ACTIVE, ENDED_RECENTLY) if veteran else (ACTIVE, OPEN, FRESH)
        for outcome in tries:
            if outcome in outcomes and _place(plan, outcome, client, attempts=40):
                outcomes.remove(outcome)
                break
    for outcome in outcomes:
        if not _place(plan, outcome, None, attempts=200):  # pragma: no cover - a data bug
            raise RuntimeError(f"Could not place a random {outcome} job")


def _place(plan: DemoPlan, outcome: str, client: PersonPlan | None, *, attempts: int) -> bool:
    for _attempt in range(attempts):
        picked = _random_story(plan, outcome, client)
        if picked is None:
            continue
        try:
            plan_job(plan, client=picked[0], template=picked[1], story=picked[2])
        except Unplaceable:
            continue
        return True
    return False


def _random_story(
    plan: DemoPlan, outcome: str, client: PersonPlan | None = None
) -> tuple[PersonPlan, JobTemplate, Story] | None:
    rng = plan.rng
    window_days = plan.window / DAY
    if outcome == ENDED:
        latest = max(window_days + 40, 60)
        when = latest + (715 - latest) * (1 - rng.random() ** 0.8)
        posted = plan.days_ago(when)
    elif outcome == UNFILLED:
        when = rng.uniform(20, 700)
        posted = plan.days_ago(when)
    elif outcome == ACTIVE:
        when = rng.uniform(3, 220)
        posted = plan.days_ago(when + 10)
    elif outcome == ENDED_RECENTLY:
        when = rng.uniform(0.08, 0.85)
        posted = plan.now - plan.window * when - 90 * DAY
    elif outcome == OPEN:
        when = rng.uniform(0.5, 20)
        posted = plan.days_ago(when)
    else:
        when = rng.uniform(0.1, 2.5)
        posted = plan.days_ago(when)
    clients = [
        p
        for p in ([client] if client else _market_clients(plan))
        if p.client_since is not None and p.client_since < posted - DAY
    ]
    if not clients:
        return None
    client = clients[_weighted(rng, clients, [p.spec.client_weight for p in clients])]
    menu = plan.menus[client.username]
    fresh = [title for title in menu if title not in client.used_titles]
    template = catalogue.TEMPLATES_BY_TITLE[rng.choice(fresh or menu)]
    if outcome == ACTIVE and template.budget_type == BudgetType.FIXED:
        when = min(when, rng.uniform(3, template.weeks[1] * 7))
    return client, template, Story(client.username, template.title, outcome, when, scripted=False)


def _market_clients(plan: DemoPlan) -> list[PersonPlan]:
    """Clients the random generator may pick: not the scripted ones, not the poor payers."""
    return [
        p
        for p in plan.people.values()
        if p.spec.client_weight > 0 and not p.spec.poor_payer and p.username in plan.menus
    ]


def _candidates(
    plan: DemoPlan, category: str, client: PersonPlan, before: datetime
) -> list[PersonPlan]:
    return [
        p
        for p in plan.freelancers
        if p is not client
        and p.joined_at < before
        and (p.spec.profession == category or category in p.spec.side)
    ]


class Unplaceable(ValueError):
    """A story that does not fit the cast or the calendar (raised before anything is planned)."""


def plan_job(plan: DemoPlan, *, client: PersonPlan, template: JobTemplate, story: Story) -> JobPlan:
    """Plan one job post and everything that follows from it, as ``story`` says."""
    rng = plan.rng
    outcome = story.outcome
    poor = client.spec.poor_payer
    hires = outcome in (ENDED, ENDED_RECENTLY, ACTIVE)
    minute = timedelta(minutes=1)
    pay, ended_by, reason, shorten = _terms(plan, client, outcome, story)
    duration = timedelta(days=rng.uniform(template.weeks[0] * 7, template.weeks[1] * 7))
    if poor:
        duration = min(duration, timedelta(days=rng.uniform(7, 35)))
    duration *= shorten
    hire_delay = timedelta(days=rng.uniform(0.5, 3) if poor else rng.uniform(2, 9))
    jitter = timedelta(minutes=rng.randint(0, 600))

    # When things happen.
    hired_at = ends_at = closed_at = None
    if outcome == ENDED:
        # Long work (or a long FEEDBACK_WINDOW) moves the post back so the window has closed.
        latest_end = plan.now - plan.window - 2 * DAY
        posted_at = min(plan.days_ago(story.when) + jitter, latest_end - duration - hire_delay)
        hired_at = posted_at + hire_delay
        ends_at = hired_at + duration
    elif outcome == ENDED_RECENTLY:
        ends_at = plan.now - plan.window * story.when
        hired_at = ends_at - duration
        posted_at = hired_at - hire_delay
    elif outcome == ACTIVE:
        hired_at = min(plan.days_ago(story.when) + jitter / 10, plan.now - 2 * HOUR)
        posted_at = hired_at - hire_delay
    else:
        posted_at = min(plan.days_ago(story.when) + jitter / 4, plan.now - HOUR)
        if outcome == UNFILLED:
            closed_at = min(posted_at + timedelta(days=rng.uniform(6, 25)), plan.now - 2 * HOUR)
    if hired_at is not None:
        closed_at = hired_at + timedelta(hours=rng.uniform(2, 72))
        if outcome == ACTIVE and template.budget_type == BudgetType.HOURLY and rng.random() < 0.3:
            closed_at = None  # still hiring
        elif closed_at >= plan.now - 10 * minute:
            closed_at = None

    # Who sends proposals: the story's people first, then the market.
    forced: dict[str, str] = dict(story.also)
    if story.hire:
        forced[story.hire] = ProposalStatus.HIRED
    pool = [
        p
        for p in _candidates(plan, template.category, client, posted_at)
        if p.username not in forced
    ]

    # Check the story fits before planning anything.
    since = client.client_since
    if since is None or posted_at < since + 12 * HOUR:
        raise Unplaceable(f"{client.username} posts {template.title!r} before being a client")
    if hired_at is not None and ends_at is not None and ends_at - hired_at < 12 * HOUR:
        raise Unplaceable(f"{template.title!r} for {client.username} is too short to place")
    for name in forced:
        if plan.people[name].joined_at >= posted_at:
            raise Unplaceable(f"{name} joins after {template.title!r} is posted")
        if forced[name] == ProposalStatus.PENDING and closed_at is not None:
            raise Unplaceable(f"A proposal on {template.title!r} can't stay pending: job closes")
    if hires and not story.hire and not pool:
        raise Unplaceable(f"Nobody could have been hired for {template.title!r} then")

    job = JobPlan(
        client=client,
        template=template,
        outcome=outcome,
        description=_description(plan, client, template),
        budget_cents=_budget(plan, template),
        posted_at=posted_at,
        closed_at=closed_at,
    )
    client.used_titles.add(template.title)
    plan.jobs.append(job)
    plan.at(posted_at, partial(actions.post_job, job))

    if outcome == FRESH:
        count = rng.randint(0, 2)
    elif outcome == OPEN:
        count = rng.randint(3, 7)
    elif outcome == UNFILLED:
        count = rng.randint(2, 6)
    else:
        count = rng.randint(3, 8)
    chosen = [plan.people[name] for name in forced]
    weights = [_appeal(job, p) for p in pool]
    while pool and len(chosen) < count:
        index = _weighted(rng, pool, weights)
        chosen.append(pool.pop(index))
        weights.pop(index)
    deadline = hired_at or closed_at or plan.now
    for person in chosen:
        span = (deadline - posted_at) - 50 * minute
        at = posted_at + 20 * minute + span * rng.random() ** 1.6
        job.proposals.append(_proposal(plan, job, person, at))
    job.proposals.sort(key=lambda p: p.at)
    for proposal in job.proposals:
        plan.at(proposal.at, partial(actions.submit_proposal, job, proposal))

    # Hires: the story's choice, or one of the proposals (busier people win more often).
    if hired_at is not None:
        free = [p for p in job.proposals if p.freelancer.username not in forced]
        if story.hire:
            first = next(p for p in job.proposals if p.freelancer.username == story.hire)
        else:
            liked = [_appeal(job, p.freelancer, p.bid_cents) for p in free]
            first = free.pop(rng.choices(range(len(free)), liked)[0])
        _hire(plan, job, first, hired_at, ends_at, pay=pay, ended_by=ended_by, reason=reason)
        # Now and then an hourly job takes on a second freelancer a few days later.
        second_at = hired_at + timedelta(days=rng.uniform(0.5, 3))
        if (
            free
            and job.hourly
            and outcome in (ENDED, ACTIVE)
            and not story.hire
            and not poor
            and rng.random() < 0.2
            and second_at < plan.now - 3 * HOUR
            and (ends_at is None or second_at < ends_at)
        ):
            second_end = None
            if ends_at is not None:
                runs = (ends_at - hired_at) * rng.uniform(0.5, 1.2)
                second_end = min(second_at + runs, plan.now - plan.window - 2 * DAY)
                second_end = max(second_end, second_at + DAY)
            if job.closed_at is not None:
                job.closed_at = max(job.closed_at, second_at + timedelta(hours=rng.uniform(1, 30)))
                if job.closed_at >= plan.now - 10 * minute:
                    job.closed_at = None
            _hire(plan, job, rng.choice(free), second_at, second_end, pay=FULL)

    # Everyone else: withdrawn, declined, or left pending (declined when the job closes).
    limit = (job.closed_at or plan.now) - 10 * minute
    for proposal in job.proposals:
        if proposal.fate == ProposalStatus.HIRED:
            continue
        fate = forced.get(proposal.freelancer.username)
        if fate is None:
            roll = rng.random()
            if roll < 0.15:
                fate = ProposalStatus.WITHDRAWN
            elif roll < (0.5 if job.closed_at else 0.35):
                fate = ProposalStatus.DECLINED
            else:
                fate = CLOSED
        if fate == CLOSED and job.closed_at is None:
            fate = ProposalStatus.PENDING
        proposal.fate = fate
        if fate in (ProposalStatus.WITHDRAWN, ProposalStatus.DECLINED):
            room = limit - proposal.at
            if room <= 2 * minute:  # no time left to decide: the close declines it
                proposal.fate = CLOSED if job.closed_at else ProposalStatus.PENDING
                continue
            wait = timedelta(days=rng.uniform(0.1, 4))
            proposal.decided_at = proposal.at + min(wait, room * rng.uniform(0.2, 0.9))
            if fate == ProposalStatus.WITHDRAWN:
                plan.at(proposal.decided_at, partial(actions.withdraw_proposal, proposal))
            else:
                plan.at(proposal.decided_at, partial(actions.decline_proposal, job, proposal))
        elif fate == CLOSED:
            proposal.decided_at = job.closed_at
    if job.closed_at is not None:
        plan.at(job.closed_at, partial(actions.close_job, job))
    return job


def _hire(
    plan: DemoPlan,
    job: JobPlan,
    proposal: ProposalPlan,
    hired_at: datetime,
    ends_at: datetime | None,
    *,
    pay: str,
    ended_by: str = "",
    reason: str = "",
) -> ContractPlan:
    rng = plan.rng
    proposal.fate = ProposalStatus.HIRED
    proposal.decided_at = hired_at
    contract = ContractPlan(job=job, proposal=proposal, hired_at=hired_at, ends_at=ends_at)
    if ends_at is not None:
        if not ended_by:
            ended_by = "client" if rng.random() < 0.8 else "freelancer"
        contract.ended_by = job.client if ended_by == "client" else proposal.freelancer
        contract.end_reason = reason or EndReason.COMPLETED
        contract.window_closes_at = ends_at + plan.window
    contract.payments = _payments(plan, contract, pay)
    plan.contracts.append(contract)
    job.contracts.append(contract)
    plan.at(hired_at, partial(actions.hire, contract))
    for payment in contract.payments:
        plan.at(payment.at, partial(actions.record_payment, contract, payment))
    if ends_at is not None:
        plan.at(ends_at, partial(actions.end_contract, contract))
    return contract


def _appeal(job: JobPlan, person: PersonPlan, bid_cents: int | None = None) -> float:
    """How likely ``person`` is to apply to ``job`` (or, given their bid, to be hired)."""
    appeal = person.spec.weight * (3.0 if person.spec.profession == job.template.category else 1.0)
    price = bid_cents if bid_cents is not None else person.rate_cents if job.hourly else None
    if price is not None and price > job.budget_cents * 1.15:
        appeal *= 0.3  # over budget: fewer apply, fewer are hired
    return appeal


def _terms(
    plan: DemoPlan, client: PersonPlan, outcome: str, story: Story
) -> tuple[str, str, str, float]:
    """How the client pays and how the contract ends: (pay, ended_by, reason, duration factor)."""
    rng = plan.rng
    shorten = 1.0
    pay: str
    ended_by: str
    reason: str
    if story.scripted and not client.spec.poor_payer:
        pay, ended_by, reason = FULL, "", EndReason.COMPLETED
    elif client.spec.poor_payer:
        pay = NOTHING if rng.random() < 0.6 else PARTIAL
        if rng.random() < 0.75:
            ended_by = "freelancer"
            reason = rng.choices(
                [EndReason.UNRESPONSIVE, EndReason.CANCELLED, EndReason.OTHER], [6, 3, 1]
            )[0]
        else:
            ended_by, reason = "client", EndReason.CANCELLED
        shorten = rng.uniform(0.4, 0.9)
    else:
        roll = rng.random()
        if roll < 0.78:
            pay, reason = FULL, EndReason.COMPLETED
            ended_by = "client" if rng.random() < 0.8 else "freelancer"
        elif roll < 0.9:  # cancelled part-way, sometimes before anything was paid
            pay = PARTIAL if rng.random() < 0.6 else NOTHING
            ended_by, reason = "client", EndReason.CANCELLED
            shorten = rng.uniform(0.15, 0.5)
        elif roll < 0.95:  # one side went quiet
            pay = PARTIAL
            ended_by = rng.choice(["client", "freelancer"])
            reason = EndReason.UNRESPONSIVE
            shorten = rng.uniform(0.3, 0.7)
        else:
            pay, reason = FULL, EndReason.OTHER
            ended_by = rng.choice(["client", "freelancer"])
    if outcome == ACTIVE and pay != NOTHING and not client.spec.poor_payer:
        pay, shorten = FULL, 1.0  # an active contract is paid as the work goes
    if story.reason:
        reason = story.reason
        if reason == EndReason.COMPLETED:
            shorten = 1.0
        elif shorten == 1.0:
            shorten = rng.uniform(0.3, 0.7)
    return story.pay or pay, story.ended_by or ended_by, reason, shorten


def _budget(plan: DemoPlan, template: JobTemplate) -> int:
    low, high = template.budget
    amount = plan.rng.uniform(low, high)
    if template.budget_type == BudgetType.HOURLY:
        return max(10, round(amount / 5) * 5) * 100
    return _round_dollars(amount)


def _description(plan: DemoPlan, client: PersonPlan, template: JobTemplate) -> str:
    rng = plan.rng
    scope = template.scope
    if template.budget_type == BudgetType.HOURLY:
        hours = rng.choice([5, 10, 10, 15, 20, 20, 30])
        scope += f" We expect about {hours} hours a week to start with."
    else:
        low, high = template.weeks
        weeks = f"{low} week" if low == high == 1 else f"{low} to {high} weeks"
        scope += f" We think this is {weeks} of work."
    closing = " ".join(
        [
            rng.choice(catalogue.JOB_ASKS),
            rng.choice(catalogue.JOB_LOGISTICS).format(timezone=client.spec.timezone),
        ]
    )
    return "\n\n".join([client.spec.blurb, scope, closing])


def _proposal(plan: DemoPlan, job: JobPlan, person: PersonPlan, at: datetime) -> ProposalPlan:
    rng = plan.rng
    assert person.rate_cents is not None
    hours = rng.choice([10, 15, 20, 20, 25, 30])
    if job.hourly:
        bid = max(10, round(person.rate_cents / 100 * rng.uniform(0.92, 1.08))) * 100
        if bid > job.budget_cents and rng.random() < 0.6:  # meet the client part-way
            bid = max(job.budget_cents, round(person.rate_cents * 0.85 / 100) * 100)
        bid_line = rng.choice(catalogue.BID_HOURLY).format(money=_money(bid), hours=hours)
        approach = rng.choice(catalogue.APPROACH_HOURLY)
    else:
        bid = _round_dollars(job.budget_cents / 100 * rng.uniform(0.7, 1.15))
        weeks = rng.randint(*job.template.weeks)
        bid_line = rng.choice(catalogue.BID_FIXED).format(money=_money(bid), weeks=weeks)
        approach = rng.choice(catalogue.APPROACH_FIXED)
    profession = catalogue.PROFESSIONS[job.template.category]
    title = f"“{job.title}”"
    letter = "\n\n".join(
        [
            rng.choice(catalogue.GREETINGS).format(name=job.client.spec.first),
            " ".join(
                [
                    rng.choice(catalogue.HOOKS).format(title=title),
                    rng.choice(profession.experience).format(years=person.years),
                ]
            ),
            f"{approach} {bid_line}",
            rng.choice(catalogue.SIGN_OFFS).format(first=person.spec.first),
        ]
    )
    return ProposalPlan(freelancer=person, at=at, bid_cents=bid, cover_letter=letter)


def _payments(plan: DemoPlan, contract: ContractPlan, pay: str) -> list[PaymentPlan]:
    """The client's payments, strictly between the hire and the end (or now)."""
    if pay == NOTHING:
        return []
    rng = plan.rng
    start = contract.hired_at
    stop = (contract.ends_at or plan.now) - 30 * timedelta(minutes=1)
    rate = contract.rate_cents
    payments: list[PaymentPlan] = []
    if not contract.job.hourly:
        profession = catalogue.PROFESSIONS[contract.job.template.category]
        if rate < 100_000:
            shares, memos = [1.0], ["Payment for the completed work"]
        elif rate < 400_000:
            shares, memos = [0.5, 0.5], [profession.milestones[0], profession.milestones[2]]
        else:
            shares, memos = [0.3, 0.4, 0.3], list(profession.milestones)
        planned = timedelta(days=rng.uniform(*contract.job.template.weeks) * 7)
        if contract.ends_at is not None:
            planned = contract.ends_at - start
        if pay == PARTIAL:
            if len(shares) == 1:
                shares, memos = [rng.choice([0.2, 0.25, 0.3, 0.5])], ["Deposit"]
                planned = timedelta(hours=rng.uniform(2, 48))
            else:
                shares, memos = shares[:1], memos[:1]
        paid = 0
        done = 0.0
        for index, (share, memo) in enumerate(zip(shares, memos, strict=True)):
            done += share
            last = pay == FULL and index == len(shares) - 1
            amount = rate - paid if last else round(rate * share / 100) * 100
            at = start + planned * done - timedelta(hours=rng.uniform(1, 10))
            at = max(at, start + HOUR)
            if at >= stop or amount <= 0:
                break
            payments.append(PaymentPlan(at, amount, memo))
            paid += amount
        return payments
    # Hourly: pay for the hours worked each week, fortnight or month.
    span = stop - start
    period = timedelta(days=7 if span <= 70 * DAY else 14 if span <= 210 * DAY else 28)
    weekly_hours = rng.choice([6, 8, 10, 12, 15, 20, 25, 30])
    limit = rng.randint(1, 2) if pay == PARTIAL else None
    period_start = start
    while True:
        at = period_start + period
        final = False
        if at >= stop:
            if pay != FULL or contract.ends_at is None or stop - period_start < 2 * DAY:
                break
            at, final = stop - timedelta(hours=rng.uniform(1, 6)), True
        if at <= period_start:
            break
        worked = (at - period_start) / DAY / 7 * weekly_hours * rng.uniform(0.6, 1.2)
        hours = max(0.5, round(worked * 4) / 4)
        memo = f"{hours:g} hours, {_day(period_start)} to {_day(at)}"
        payments.append(PaymentPlan(at, round(hours * rate), memo))
        period_start = at
        if final or (limit is not None and len(payments) >= limit):
            break
    return payments


# The phases, in order. A later phase may read anything an earlier one planned.
PHASES: tuple[Callable[[DemoPlan], None], ...] = (
    plan_people,
    plan_scripted_jobs,
    plan_random_jobs,
    plan_feedback,
)


def build_plan(*, now: datetime, window: timedelta, seed: int = SEED) -> DemoPlan:
    plan = DemoPlan(now=now, window=window, seed=seed)
    for phase in PHASES:
        phase(plan)
    return plan
