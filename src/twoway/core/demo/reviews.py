"""The demo's feedback phase: who rates whom after each ended contract, when, and what they say;
then responses, reports, moderation, a nudge and the sweeper's reveals.

Most of it is drawn at random (seeded): about three in four people on each side leave feedback,
at the delays people really take (most within a couple of days, some near the window's end),
mostly glowing, with the lows a real marketplace has. Around that, a few scripted stories make
sure every state the feedback system knows is on screen for the demo logins:

- feedback sealed and waiting for each login ("they left feedback: leave yours to see it"),
  a nudge, and a sealed feedback edited by its author;
- the clients who rarely pay (Brett, Rick, Tanya) reviewed by several freelancers who report
  non-payment and scope changes, so their records carry warnings with quotes;
- a couple of clients with one mixed review, freelancers with a critical review about missed
  deadlines or quality, public responses (thanks, apologies, disputes);
- open reports (extortion, harassment, irrelevant), a report upheld for contact details and an
  invitation to work off the platform, one upheld for publishing a client's private details,
  and one dismissed.

Nothing here touches the database: it adds plans to the ``DemoPlan`` and schedules the service
calls in ``actions.py``.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import TYPE_CHECKING

from twoway.contracts.models import EndReason
from twoway.core.demo import actions, cast, comments
from twoway.core.demo.comments import AWFUL, GLOWING, LOW_TONES, MIXED, NEGATIVE, POSITIVE, Fields
from twoway.feedback import rules
from twoway.feedback.models import PrivateReason, ReportReason, ReportStatus, ReportTarget

if TYPE_CHECKING:
    from twoway.core.demo.plan import ContractPlan, DemoPlan, PersonPlan
    from twoway.feedback.models import Feedback, FeedbackResponse, Report

CLIENT, FREELANCER = rules.CLIENT, rules.FREELANCER
MINUTE = timedelta(minutes=1)
HOUR = timedelta(hours=1)
DAY = timedelta(days=1)
STANDARD_WINDOW = timedelta(days=14)  # delays below are written for it and scaled to the real one
LOGINS = (cast.CLIENT, cast.FREELANCER, cast.BOTH, cast.POOR_PAYER)
GIVES = 0.75  # the share of each side that leaves feedback

# Overall scores each tone lands in (inclusive).
TONE_RANGE: dict[str, tuple[Decimal, Decimal]] = {
    GLOWING: (Decimal("4.83"), Decimal("5.00")),
    POSITIVE: (Decimal("4.50"), Decimal("4.83")),
    MIXED: (Decimal("3.17"), Decimal("4.17")),
    NEGATIVE: (Decimal("2.17"), Decimal("2.83")),
    AWFUL: (Decimal("1.33"), Decimal("1.83")),
}
WOULD_WORK_AGAIN: dict[str, tuple[int, ...]] = {
    GLOWING: (10, 10, 10, 9),
    POSITIVE: (10, 9, 9, 8, 8),
    MIXED: (7, 6, 6, 5, 4),
    NEGATIVE: (4, 3, 2, 2, 1),
    AWFUL: (0, 0, 1),
}
TOPIC_REASON = {
    "quality": PrivateReason.QUALITY,
    "deadlines": PrivateReason.QUALITY,
    "communication": PrivateReason.COMMUNICATION,
    "cooperation": PrivateReason.COMMUNICATION,
    "respect": PrivateReason.COMMUNICATION,
    "scope": PrivateReason.SCOPE_CHANGE,
    "non_payment": PrivateReason.PAYMENT,
    "slow_payment": PrivateReason.PAYMENT,
}


# --- What the plan holds ---------------------------------------------------------------------


@dataclass(eq=False)
class FeedbackPlan:
    contract: ContractPlan
    role: str  # the author's side: client or freelancer
    at: datetime
    tone: str
    topics: tuple[str, ...]  # what it complains about
    ratings: dict[str, int]
    comment: str
    reason: str
    would_work_again: int
    note: str = ""
    feedback: Feedback | None = None

    @property
    def author(self) -> PersonPlan:
        return self.contract.client if self.role == CLIENT else self.contract.freelancer

    @property
    def subject(self) -> PersonPlan:
        return self.contract.freelancer if self.role == CLIENT else self.contract.client

    @property
    def overall(self) -> Decimal:
        return rules.overall_score(self.ratings.values())

    @property
    def db(self) -> Feedback:
        assert self.feedback is not None, "the feedback has not been submitted yet"
        return self.feedback


@dataclass(eq=False)
class EditPlan:
    feedback: FeedbackPlan
    at: datetime
    comment: str


@dataclass(eq=False)
class RequestPlan:
    contract: ContractPlan
    actor: PersonPlan
    at: datetime


@dataclass(eq=False)
class ResponsePlan:
    feedback: FeedbackPlan
    at: datetime
    text: str
    response: FeedbackResponse | None = None


@dataclass(eq=False)
class ReportPlan:
    feedback: FeedbackPlan
    reporter: PersonPlan
    at: datetime
    reason: str
    details: str
    outcome: str = ReportStatus.OPEN  # open, upheld or dismissed
    resolved_at: datetime | None = None
    note: str = ""
    target: str = ReportTarget.FEEDBACK
    report: Report | None = None

    @property
    def db(self) -> Report:
        assert self.report is not None
        return self.report


@dataclass
class FeedbackBook:
    """Everything the feedback phase plans (kept on ``DemoPlan.reviews``)."""

    feedback: list[FeedbackPlan]
    edits: list[EditPlan]
    requests: list[RequestPlan]
    responses: list[ResponsePlan]
    reports: list[ReportPlan]
    scripted: set[int]  # id() of contracts a story decided: the random scenes leave them alone

    @classmethod
    def empty(cls) -> FeedbackBook:
        return cls([], [], [], [], [], set())

    def on(self, contract: ContractPlan) -> dict[str, FeedbackPlan]:
        return {f.role: f for f in self.feedback if f.contract is contract}


# --- Small helpers ---------------------------------------------------------------------------


def _money(cents: int) -> str:
    return f"${cents / 100:,.0f}"


def _scale(plan: DemoPlan, delta: timedelta) -> timedelta:
    """A delay written for a 14-day window, scaled to the configured one."""
    return delta * (plan.window / STANDARD_WINDOW)


def _delay(plan: DemoPlan) -> timedelta:
    """How long after the end someone leaves feedback: most within a couple of days."""
    rng = plan.rng
    roll = rng.random()
    if roll < 0.45:
        days = rng.uniform(0.05, 1.5)
    elif roll < 0.8:
        days = rng.uniform(1.5, 5)
    else:
        days = rng.uniform(5, 13.5)
    return min(_scale(plan, timedelta(days=days)), plan.window * 0.97)


def _latest(plan: DemoPlan, contract: ContractPlan) -> datetime:
    """The last moment feedback can be planned on ``contract``: just before the close or now."""
    assert contract.window_closes_at is not None
    assert contract.ends_at is not None
    limit = min(contract.window_closes_at, plan.now)
    return limit - min(5 * MINUTE, (limit - contract.ends_at) / 10)


def _share(plan: DemoPlan, contract: ContractPlan, share: float) -> datetime:
    """A moment ``share`` of the way from the end to the latest possible feedback."""
    assert contract.ends_at is not None
    return contract.ends_at + (_latest(plan, contract) - contract.ends_at) * share


def revealed_at(plan: DemoPlan, contract: ContractPlan) -> datetime:
    """When the contract's feedback is revealed: the second submission, or the close."""
    assert contract.window_closes_at is not None
    given = plan.reviews.on(contract)
    if len(given) == 2:
        return min(max(f.at for f in given.values()), contract.window_closes_at)
    return contract.window_closes_at


def _fields(plan: DemoPlan, contract: ContractPlan, role: str, at: datetime) -> Fields:
    subject = contract.freelancer if role == CLIENT else contract.client
    owed = contract.rate_cents - contract.paid_cents if not contract.job.hourly else 0
    return Fields(
        first=subject.spec.first,
        name=subject.spec.company or subject.spec.first,
        category=contract.job.template.category,
        owed=_money(owed) if owed > 0 else "",
        weeks=min(8, max(2, (at - contract.hired_at).days // 7)),
        late=plan.rng.randint(3, 12),
    )


def _stars(rng: random.Random, role: str, tone: str, topics: Sequence[str]) -> dict[str, int]:
    """Stars per criterion for ``tone``; the criteria a review complains about come out lowest."""
    criteria = rules.CRITERIA[role]
    weakening = comments.FREELANCER_TOPICS if role == CLIENT else comments.CLIENT_TOPICS
    weak = [c for t in topics for c in weakening.get(t, ()) if c in criteria]
    weak = list(dict.fromkeys(weak))
    others = [c for c in criteria if c not in weak]
    if tone == GLOWING:
        stars = dict.fromkeys(criteria, 5)
        if rng.random() < 0.15:
            stars[rng.choice(criteria)] = 4
    elif tone == POSITIVE:
        stars = dict.fromkeys(criteria, 5)
        lows = (weak + rng.sample(others, len(others)))[: rng.choice([1, 1, 1, 2, 2, 3])]
        for name in lows:
            stars[name] = 4
    elif tone == MIXED:
        stars = {c: rng.choice([4, 4, 5]) for c in criteria}
        for name in weak or rng.sample(criteria, 2):
            stars[name] = rng.choice([2, 3, 3])
    elif tone == NEGATIVE:
        stars = {c: rng.choice([2, 3, 3, 4]) for c in criteria}
        for name in weak or rng.sample(criteria, 2):
            stars[name] = rng.choice([1, 1, 2])
    else:
        stars = {c: rng.choice([1, 2, 2]) for c in criteria}
        for name in weak:
            stars[name] = 1
    low, high = TONE_RANGE[tone]
    # Nudge the criteria the review is not about until the overall fits the tone.
    movable = others or list(criteria)
    while rules.overall_score(stars.values()) > high:
        name = max(movable, key=lambda c: (stars[c], criteria.index(c)))
        stars[name] -= 1
    while rules.overall_score(stars.values()) < low:
        name = min(movable, key=lambda c: (stars[c], criteria.index(c)))
        stars[name] += 1
    return stars


def _reason(contract: ContractPlan, tone: str, topics: Sequence[str]) -> str:
    if contract.end_reason == EndReason.UNRESPONSIVE:
        return PrivateReason.COMMUNICATION
    if tone in LOW_TONES and topics:
        return TOPIC_REASON[topics[0]]
    if contract.end_reason == EndReason.CANCELLED:
        return PrivateReason.CANCELLED
    if contract.end_reason == EndReason.OTHER:
        return PrivateReason.OTHER
    return PrivateReason.COMPLETED


def _note(rng: random.Random, role: str, tone: str) -> str:
    if tone in (GLOWING, POSITIVE):
        if rng.random() >= 0.08:
            return ""
        return rng.choice(
            comments.NOTE_CLIENT_POSITIVE if role == CLIENT else comments.NOTE_FREELANCER_POSITIVE
        )
    chance = 0.2 if tone == MIXED else 0.45
    if rng.random() >= chance:
        return ""
    return rng.choice(
        comments.NOTE_CLIENT_CRITICAL if role == CLIENT else comments.NOTE_FREELANCER_CRITICAL
    )


def _tone(plan: DemoPlan, contract: ContractPlan, role: str) -> tuple[str, tuple[str, ...]]:
    """How a side feels about the contract, from how it went: (tone, topics complained about).

    Most contracts end well and read that way. Lows come from how the contract ended (cancelled,
    someone went quiet) and from clients who don't pay; the demo logins' own contracts with
    ordinary people stay positive (their stories add the exceptions by hand).
    """
    rng = plan.rng
    poor = contract.client.spec.poor_payer
    reason = contract.end_reason
    ended_by_client = contract.ended_by is contract.client
    login = contract.client.username in LOGINS or contract.freelancer.username in LOGINS
    if role == CLIENT:
        topics: tuple[str, ...] = ("deadlines", "quality", "communication")
        if poor:
            tone = rng.choices([MIXED, NEGATIVE, AWFUL], [5, 3, 1])[0]
        elif login:
            tone = rng.choices([GLOWING, POSITIVE], [7, 3])[0]
        elif reason == EndReason.COMPLETED:
            tone = rng.choices([GLOWING, POSITIVE, MIXED], [80, 19, 1])[0]
        elif reason == EndReason.CANCELLED:
            tone = rng.choices([GLOWING, POSITIVE, MIXED, NEGATIVE], [35, 45, 14, 6])[0]
        elif reason == EndReason.UNRESPONSIVE:
            if ended_by_client:
                tone, topics = rng.choice([MIXED, NEGATIVE, NEGATIVE]), ("communication",)
            else:
                tone = rng.choices([GLOWING, POSITIVE, MIXED], [3, 6, 1])[0]
        else:
            tone = rng.choices([GLOWING, POSITIVE], [45, 55])[0]
    else:
        topics = ("scope", "communication", "slow_payment", "deadlines")
        if poor:
            return rng.choices([NEGATIVE, AWFUL], [3, 1])[0], ("non_payment",)
        if login:
            tone = rng.choices([GLOWING, POSITIVE], [7, 3])[0]
        elif reason == EndReason.COMPLETED:
            tone = rng.choices([GLOWING, POSITIVE], [82, 18])[0]
        elif reason == EndReason.CANCELLED:
            tone = rng.choices([GLOWING, POSITIVE, MIXED], [35, 57, 8])[0]
        elif reason == EndReason.UNRESPONSIVE:
            if not ended_by_client:
                tone, topics = rng.choice([MIXED, MIXED, NEGATIVE]), ("communication",)
            else:
                tone = rng.choices([GLOWING, POSITIVE], [3, 7])[0]
        else:
            tone = rng.choice([GLOWING, POSITIVE])
    if tone == GLOWING:
        return tone, ()
    if tone == POSITIVE:
        return tone, (rng.choice(topics),) if rng.random() < 0.5 else ()
    count = 1 if len(topics) == 1 else rng.choice([1, 2])
    return tone, tuple(rng.sample(topics, count))


def _make(
    plan: DemoPlan,
    contract: ContractPlan,
    role: str,
    at: datetime,
    tone: str,
    topics: Sequence[str] = (),
    *,
    comment: str | None = None,
    ratings: dict[str, int] | None = None,
    scope: bool | None = None,
    note: str | None = None,
) -> FeedbackPlan:
    """One side's feedback: stars that fit the tone, a comment, the private part."""
    rng = plan.rng
    poor = contract.client.spec.poor_payer
    topics = tuple(topics)
    if role == FREELANCER and poor and "non_payment" in topics:
        if scope is None:
            scope = rng.random() < 0.6
        if scope and "scope" not in topics:
            topics += ("scope",)
    stars = ratings or _stars(rng, role, tone, topics)
    overall = rules.overall_score(stars.values())
    if comment is None:
        fields = _fields(plan, contract, role, at)
        cancelled = contract.end_reason == EndReason.CANCELLED
        if tone in (GLOWING, POSITIVE) and rng.random() < 0.12:
            comment = ""  # stars only: people do that when all went well
        elif role == CLIENT:
            comment = comments.about_freelancer(
                rng, tone, topics, fields, cancelled=cancelled, from_poor_payer=poor
            )
        elif poor and "non_payment" in topics:
            comment = comments.about_poor_payer(
                rng,
                fields,
                paid_nothing=not contract.payments,
                hourly=contract.job.hourly,
                scope="scope" in topics,
            )
        else:
            comment = comments.about_client(rng, tone, topics, fields, cancelled=cancelled)
    if rules.comment_required(overall) and not comment:  # pragma: no cover - a bank bug
        raise ValueError(f"A {tone} review needs a comment")
    reason = _reason(contract, tone, topics)
    if role == FREELANCER and poor and "non_payment" in topics:
        reason = (
            PrivateReason.SCOPE_CHANGE if scope and rng.random() < 0.3 else PrivateReason.PAYMENT
        )
    return FeedbackPlan(
        contract=contract,
        role=role,
        at=at,
        tone=tone,
        topics=topics,
        ratings=stars,
        comment=comment,
        reason=reason,
        would_work_again=rng.choice(WOULD_WORK_AGAIN[tone]),
        note=_note(rng, role, tone) if note is None else note,
    )


# --- Deciding feedback by hand (the stories) -------------------------------------------------


def _contract(plan: DemoPlan, client: str, title: str) -> ContractPlan:
    for contract in plan.ended_contracts:
        if contract.client.username == client and contract.job.title == title:
            return contract
    raise LookupError(f"No ended contract {title!r} for {client}")  # pragma: no cover


def _drop(plan: DemoPlan, contract: ContractPlan, role: str) -> None:
    plan.reviews.feedback = [
        f for f in plan.reviews.feedback if not (f.contract is contract and f.role == role)
    ]


def _set(
    plan: DemoPlan,
    contract: ContractPlan,
    role: str,
    tone: str,
    topics: Sequence[str] = (),
    *,
    share: float | None = None,
    comment: str | None = None,
    ratings: dict[str, int] | None = None,
    scope: bool | None = None,
    note: str | None = None,
) -> FeedbackPlan:
    """Decide ``role``'s feedback on ``contract`` (replacing what the generator drew)."""
    existing = plan.reviews.on(contract).get(role)
    if share is not None:
        at = _share(plan, contract, share)
    elif existing is not None:
        at = existing.at
    else:
        assert contract.ends_at is not None
        at = min(contract.ends_at + _delay(plan), _share(plan, contract, 0.5))
    _drop(plan, contract, role)
    feedback = _make(
        plan,
        contract,
        role,
        at,
        tone,
        topics,
        comment=comment,
        ratings=ratings,
        scope=scope,
        note=note,
    )
    plan.reviews.feedback.append(feedback)
    plan.reviews.scripted.add(id(contract))
    return feedback


def _respond(plan: DemoPlan, feedback: FeedbackPlan, text: str, after: timedelta) -> None:
    reveal = revealed_at(plan, feedback.contract)
    at = reveal + after
    if at >= plan.now - MINUTE or at > rules.response_deadline(reveals_at=reveal):
        return  # no time left to respond: the story just goes without it
    fields = {"first": feedback.author.spec.first}
    plan.reviews.responses.append(ResponsePlan(feedback, at, text.format_map(fields)))


def _report(
    plan: DemoPlan,
    feedback: FeedbackPlan,
    reporter: PersonPlan,
    reason: str,
    details: str,
    *,
    after: timedelta,
    outcome: str = ReportStatus.OPEN,
    decided_after: timedelta = 2 * DAY,
    note: str = "",
) -> ReportPlan:
    at = revealed_at(plan, feedback.contract) + after
    report = ReportPlan(feedback, reporter, at, reason, details, outcome, None, note)
    if outcome != ReportStatus.OPEN:
        report.resolved_at = min(at + decided_after, plan.now - 10 * MINUTE)
        if report.resolved_at <= at:  # pragma: no cover - a calendar bug
            raise ValueError("A report must be decided after it is made")
    if at >= plan.now - 20 * MINUTE:  # pragma: no cover - a calendar bug
        raise ValueError(f"Report on {feedback.contract.job.title!r} would be in the future")
    plan.reviews.reports.append(report)
    return report


def _script_logins(plan: DemoPlan) -> None:
    """The demo logins' stories: sealed feedback waiting for each of them, and their history."""
    # Maya: Priya reviewed the UX audit and nudges Maya for hers; Maya sees only that it exists.
    audit = _contract(plan, cast.CLIENT, "UX audit of our onboarding flow with recommendations")
    _drop(plan, audit, CLIENT)
    priya = _set(plan, audit, FREELANCER, GLOWING, share=0.15)
    plan.reviews.requests.append(
        RequestPlan(audit, audit.freelancer, priya.at + (plan.now - priya.at) * 0.6)
    )
    # Diego: Maya reviewed the accessibility work (and added a line the next day).
    access = _contract(plan, cast.CLIENT, "Accessibility audit and fixes (WCAG 2.1 AA)")
    _drop(plan, access, FREELANCER)
    maya = _set(
        plan,
        access,
        CLIENT,
        GLOWING,
        share=0.2,
        comment="Diego found and fixed every issue from the audit, explained each fix in plain "
        "language and delivered two days early. The report he wrote is now our checklist for "
        "new pages.",
    )
    plan.reviews.edits.append(
        EditPlan(
            maya,
            maya.at + (plan.now - maya.at) * 0.4,
            maya.comment + " Edit: the site has since passed our external accessibility review.",
        )
    )
    # Priya, as a client: her translator has reviewed her, she has not yet.
    translation = _contract(
        plan, cast.BOTH, "Translate our website from English to Spanish (8,000 words)"
    )
    _drop(plan, translation, CLIENT)
    _set(plan, translation, FREELANCER, GLOWING, share=0.3)
    # Brett: his latest freelancer has said what happened; Brett can't see it until he reviews.
    emails = _contract(plan, cast.POOR_PAYER, "Email welcome sequence (six emails)")
    _drop(plan, emails, CLIENT)
    _set(plan, emails, FREELANCER, NEGATIVE, ("non_payment",), share=0.4, scope=True)

    # Diego's record as a freelancer: glowing, and one client who never paid.
    for client, title in (
        ("sarah.goldberg", "Fix bugs in a Django REST API"),
        ("kenji.w", "Ongoing full-stack developer for our customer portal"),
        (cast.CLIENT, "React developer for an internal dashboard"),
        (cast.BOTH, "Build a booking website with online payments"),
        ("aaliyah.j", "Packaging design for a skincare line"),
        (cast.CLIENT, "Redesign our e-commerce product pages"),
    ):
        contract = _contract(plan, client, title)
        _set(plan, contract, CLIENT, GLOWING)
        _set(plan, contract, FREELANCER, GLOWING)
    bugs = plan.reviews.on(_contract(plan, "sarah.goldberg", "Fix bugs in a Django REST API"))
    _respond(plan, bugs[CLIENT], comments.THANKS_FROM_FREELANCER[0], 5 * HOUR)
    pages = plan.reviews.on(_contract(plan, cast.CLIENT, "Redesign our e-commerce product pages"))
    _respond(plan, pages[CLIENT], comments.THANKS_FROM_FREELANCER[1], 20 * HOUR)

    stripe = _contract(plan, cast.POOR_PAYER, "Integrate Stripe billing into our SaaS app")
    assert stripe.ends_at is not None
    diego = _set(
        plan,
        stripe,
        FREELANCER,
        AWFUL,
        ("non_payment", "scope"),
        share=0.12,
        scope=True,
        comment="Never paid a cent. I built the Stripe integration to the spec we agreed, then "
        "he kept adding features (coupons, a second currency, a customer portal) and changed "
        "the scope midway without changing the price. When I asked for the first milestone to "
        "be funded he stopped replying. Still waiting for my money.",
    )
    brett = _set(
        plan,
        stripe,
        CLIENT,
        NEGATIVE,
        ("quality",),
        share=0.45,
        comment="The integration never worked properly in production and he walked away "
        "before it was finished.",
    )
    _respond(plan, diego, comments.POOR_PAYER_DISPUTES[0], 20 * HOUR)
    assert brett.at > diego.at
    _report(
        plan,
        diego,
        stripe.client,
        ReportReason.HARASSMENT,
        "This review is defamatory and is damaging my business. I asked for a working "
        "integration and didn't get one. Remove it.",
        after=22 * HOUR,
        outcome=ReportStatus.DISMISSED,
        decided_after=2 * DAY + 3 * HOUR,
        note="The review describes the freelancer's experience of the contract, without insults "
        "or personal details, and no payment was recorded on it. Not a policy violation.",
    )

    # Maya cancelled the Google Ads work: an honest mixed review, and a gracious answer.
    ads = _contract(plan, cast.CLIENT, "Google Ads campaign set-up and management")
    critique = _set(
        plan,
        ads,
        CLIENT,
        MIXED,
        ("quality", "communication"),
        comment="Marcus set the account up properly and our cost per click came down, but after "
        "six weeks the leads still hadn't picked up and the weekly reports often arrived late. "
        "We cancelled and paid for the hours worked.",
    )
    _set(
        plan,
        ads,
        FREELANCER,
        POSITIVE,
        ("communication",),
        comment="Maya ended the contract after six weeks when the leads weren't coming fast "
        "enough. Fair and polite about it, paid for every hour, and gave me access to "
        "everything I needed on day one.",
    )
    _respond(
        plan,
        critique,
        "Thanks, Maya. A new Google Ads account usually takes two to three months to build "
        "lead volume, which I should have said more clearly at the start. The late reports "
        "are on me.",
        2 * DAY,
    )

    # Rick's pitch deck: Priya was paid half; Rick never reviewed her, and disputes her review.
    deck = _contract(plan, "rick.dunmore", "Design a 12-slide investor pitch deck")
    _drop(plan, deck, CLIENT)
    unpaid = _set(
        plan,
        deck,
        FREELANCER,
        NEGATIVE,
        ("non_payment", "scope"),
        share=0.1,
        scope=True,
        comment="Paid the first half, then never paid the final milestone. After approving the "
        "design he kept adding slides (a market-sizing section, a hiring plan, three versions "
        "of the team page) and then stopped answering. Still waiting for my money.",
    )
    _respond(plan, unpaid, comments.POOR_PAYER_DISPUTES[1], 3 * DAY + 4 * HOUR)


def _script_poor_payers(plan: DemoPlan) -> None:
    """Brett's insult, Rick's doxxing review: reports that stay open, or are upheld."""
    landing = _contract(plan, cast.POOR_PAYER, "Landing page for a product launch")
    _set(plan, landing, FREELANCER, NEGATIVE, ("non_payment",), share=0.15, scope=True)
    who = landing.freelancer.spec.first
    insult = _set(
        plan,
        landing,
        CLIENT,
        AWFUL,
        ("quality", "communication"),
        share=0.5,
        comment=f"Amateur. Wasted two weeks of my time and then had the nerve to chase me for "
        f"money. Anyone who hires {who} deserves what they get.",
    )
    _report(
        plan,
        insult,
        landing.freelancer,
        ReportReason.HARASSMENT,
        "This review attacks me personally instead of describing the work. The landing page "
        "was delivered on the agreed date, and nothing was paid for it.",
        after=7 * HOUR,
    )

    video = _contract(plan, "rick.dunmore", "60-second animated explainer video")
    doxx = _set(
        plan,
        video,
        FREELANCER,
        NEGATIVE,
        ("non_payment",),
        share=0.2,
        scope=False,
        comment="Never paid a cent for a finished 60-second animation he is now running as an "
        "ad. If you want to ask him why, his personal mobile is +1 (555) 017-3390 and he lives "
        "on Alder Street, right above the QuickLaunch office.",
        note="I have the approval email and the unanswered invoice if you need them.",
    )
    _report(
        plan,
        doxx,
        video.client,
        ReportReason.PRIVATE_INFORMATION,
        "This review publishes my personal phone number and where I live.",
        after=9 * HOUR,
        outcome=ReportStatus.UPHELD,
        decided_after=20 * HOUR,
        note="Publishes the client's personal phone number and home address.",
    )


def _pick(plan: DemoPlan, test: Callable[[ContractPlan], bool]) -> ContractPlan:
    """A random contract between ordinary people that no story has claimed, whose window closed
    at least a week ago (so what follows the reveal has happened by now)."""
    taken = plan.reviews.scripted
    found = [
        c
        for c in plan.ended_contracts
        if c.window_closes_at is not None
        and c.window_closes_at < plan.now - 7 * DAY
        and id(c) not in taken
        and not c.client.spec.poor_payer
        and c.client.username not in LOGINS
        and c.freelancer.username not in LOGINS
        and test(c)
    ]
    if not found:  # pragma: no cover - the market is big enough
        raise LookupError("No contract fits a feedback scene")
    return plan.rng.choice(found)


def _script_scenes(plan: DemoPlan) -> None:
    """Scenes between people the random market paired: moderation, mixed and critical reviews."""
    rng = plan.rng

    def completed(c: ContractPlan) -> bool:
        return c.end_reason == EndReason.COMPLETED

    # A review that advertises the freelancer's phone number: removed on the client's report.
    advert = _pick(plan, completed)
    fields = _fields(plan, advert, FREELANCER, advert.hired_at).as_dict(rng)
    ad = _set(
        plan,
        advert,
        FREELANCER,
        GLOWING,
        comment="{first} is a great client: clear brief, paid on time. To anyone reading this "
        "who needs similar work, call me at +1 (555) 014-2387 or on WhatsApp and we can skip "
        "the platform fees.".format_map(fields),
    )
    _report(
        plan,
        ad,
        advert.client,
        ReportReason.OFF_PLATFORM,
        "He put his phone number in my review and is inviting people to hire him outside the "
        "platform. He also asked me to pay him directly for the next project.",
        after=26 * HOUR,
        outcome=ReportStatus.UPHELD,
        decided_after=DAY + 5 * HOUR,
        note="Contact details and an invitation to work off the platform.",
    )

    # A critical review, answered with a one-star review, and a report of extortion.
    def rocky(c: ContractPlan) -> bool:
        return c.end_reason in (EndReason.CANCELLED, EndReason.UNRESPONSIVE) and (
            c.ended_by is c.client
        )

    dispute = _pick(plan, rocky)
    assert dispute.ends_at is not None
    _set(plan, dispute, CLIENT, NEGATIVE, ("deadlines", "quality"), share=0.1)
    retort = _set(
        plan,
        dispute,
        FREELANCER,
        AWFUL,
        ("scope", "respect"),
        share=0.35,
        comment="Demanded endless free revisions that were never in the brief, then cancelled "
        "without paying for the last round. Rude when I pushed back. Unprofessional.",
    )
    _report(
        plan,
        retort,
        dispute.client,
        ReportReason.EXTORTION,
        f"Before this review went up, {dispute.freelancer.spec.first} messaged us that we'd get "
        "five stars if we paid an extra $300 'for the revisions', and one star if we didn't. "
        "We said no. I can send you the screenshot.",
        after=5 * HOUR,
    )

    # A review about the platform rather than the work.
    offtopic = _pick(plan, completed)
    fields = _fields(plan, offtopic, CLIENT, offtopic.hired_at).as_dict(rng)
    moan = _set(
        plan,
        offtopic,
        CLIENT,
        MIXED,
        comment="Nothing wrong with {first}'s work. My problem is this platform: the fees went "
        "up twice this year and support took a week to answer a simple billing "
        "question.".format_map(fields),
        ratings=dict.fromkeys(rules.CRITERIA[CLIENT], 3) | {"skills": 4, "quality": 4},
    )
    _report(
        plan,
        moan,
        offtopic.freelancer,
        ReportReason.IRRELEVANT,
        "The comment is about the platform's fees, not my work, and the three stars that come "
        "with it pull my score down.",
        after=2 * DAY + 2 * HOUR,
    )

    # Freelancers who got a critical review about missed deadlines or quality.
    for tone, topics in (
        (MIXED, ("deadlines",)),
        (MIXED, ("quality",)),
        (NEGATIVE, ("deadlines", "quality")),
    ):
        # A harsh one on a contract the client cut short; milder ones on finished work.
        wanted = EndReason.CANCELLED if tone == NEGATIVE else EndReason.COMPLETED
        contract = _pick(plan, lambda c: c.end_reason == wanted)  # noqa: B023 - used at once
        critical = _set(plan, contract, CLIENT, tone, topics)
        if topics == ("deadlines",):
            _respond(plan, critical, comments.FREELANCER_ANSWERS_CRITICISM[0], 30 * HOUR)

    # Two ordinary clients with one mixed review each; one answers it.
    seen: set[str] = set()
    for answer in (True, False):
        contract = _pick(plan, lambda c: completed(c) and c.client.username not in seen)
        seen.add(contract.client.username)
        gripes = tuple(rng.sample(["scope", "communication", "slow_payment"], 2))
        mixed = _set(plan, contract, FREELANCER, MIXED, gripes)
        if answer:
            reply = comments.CLIENT_ANSWERS_CRITICISM[0 if "communication" in gripes else 1]
            _respond(plan, mixed, reply, 2 * DAY + 6 * HOUR)


# --- The phase -------------------------------------------------------------------------------


def _draw(plan: DemoPlan) -> None:
    """The random part: each side of each ended contract may leave feedback."""
    rng = plan.rng
    for contract in plan.ended_contracts:
        assert contract.ends_at is not None
        poor = contract.client.spec.poor_payer
        for role in (CLIENT, FREELANCER):
            chance = GIVES
            if poor and role == CLIENT:  # he rarely bothers to review the people he hires
                chance = 0.1
            if rng.random() >= chance:
                continue
            at = contract.ends_at + _delay(plan)
            if at > _latest(plan, contract):
                continue  # not yet: the window is still open and they haven't got round to it
            tone, topics = _tone(plan, contract, role)
            plan.reviews.feedback.append(_make(plan, contract, role, at, tone, topics))


def _ensure_every_state(plan: DemoPlan) -> None:
    """Make sure the closed contracts include one nobody reviewed and one reviewed by one side."""
    closed = [
        c
        for c in plan.ended_contracts
        if plan.state_of(c) == "window_closed" and id(c) not in plan.reviews.scripted
    ]
    counts = Counter(len(plan.reviews.on(c)) for c in closed)
    if not counts[0]:  # pragma: no cover - depends on the draw
        contract = plan.rng.choice(closed)
        _drop(plan, contract, CLIENT)
        _drop(plan, contract, FREELANCER)
    if not counts[1]:  # pragma: no cover - depends on the draw
        contract = plan.rng.choice([c for c in closed if len(plan.reviews.on(c)) == 2])
        _drop(plan, contract, plan.rng.choice([CLIENT, FREELANCER]))


def _ensure_warnings(plan: DemoPlan) -> None:
    """Each poor payer is reviewed by at least two freelancers who mention scope changes."""
    for spec in cast.PEOPLE:
        if not spec.poor_payer:
            continue
        mine = [
            f
            for f in plan.reviews.feedback
            if f.role == FREELANCER
            and f.contract.client.username == spec.username
            and plan.state_of(f.contract) == "window_closed"
        ]
        scoped = {f.author.username for f in mine if "scope" in f.topics}
        for feedback in mine:
            if len(scoped) >= 2:
                break
            if feedback.author.username in scoped or id(feedback.contract) in plan.reviews.scripted:
                continue
            _set(plan, feedback.contract, FREELANCER, feedback.tone, ("non_payment",), scope=True)
            scoped.add(feedback.author.username)


def _draw_responses(plan: DemoPlan) -> None:
    """Now and then the person rated answers: thanks, an apology, or a dispute."""
    rng = plan.rng
    answered = {id(r.feedback.contract) for r in plan.reviews.responses}
    reported = {id(r.feedback) for r in plan.reviews.reports}
    for feedback in sorted(plan.reviews.feedback, key=lambda f: f.at):
        contract = feedback.contract
        if id(feedback) in reported or id(contract) in answered | plan.reviews.scripted:
            continue
        poor = contract.client.spec.poor_payer
        if feedback.role == CLIENT and not poor:
            if feedback.tone in (MIXED, NEGATIVE) and rng.random() < 0.35:
                text = rng.choice(comments.FREELANCER_ANSWERS_CRITICISM)
            elif feedback.tone == GLOWING and feedback.comment and rng.random() < 0.07:
                text = rng.choice(comments.THANKS_FROM_FREELANCER)
            else:
                continue
        elif feedback.role == FREELANCER and poor:
            if rng.random() >= 0.3:
                continue
            disputes: tuple[str, ...] = comments.POOR_PAYER_DISPUTES
            if contract.payments:
                disputes += comments.POOR_PAYER_DISPUTES_PARTLY_PAID
            if "scope" in feedback.topics:
                disputes += comments.POOR_PAYER_DISPUTES_SCOPE
            if contract.ended_by is contract.freelancer:
                disputes += comments.POOR_PAYER_DISPUTES_THEY_ENDED
            used = {r.text for r in plan.reviews.responses}
            text = rng.choice([d for d in disputes if d not in used] or disputes)
        elif feedback.role == FREELANCER and feedback.tone == GLOWING and feedback.comment:
            if rng.random() >= 0.04:
                continue
            text = rng.choice(comments.THANKS_FROM_CLIENT)
        else:
            continue
        _respond(plan, feedback, text, timedelta(hours=rng.uniform(3, 120)))
        answered.add(id(contract))


def _schedule(plan: DemoPlan) -> None:
    book = plan.reviews
    for feedback in book.feedback:
        plan.at(feedback.at, partial(actions.submit_feedback, feedback))
    for edit in book.edits:
        plan.at(edit.at, partial(actions.edit_feedback, edit))
    for request in book.requests:
        plan.at(request.at, partial(actions.request_feedback, request))
    for response in book.responses:
        plan.at(response.at, partial(actions.respond_to_feedback, response))
    for report in book.reports:
        plan.at(report.at, partial(actions.report_feedback, report))
        if report.resolved_at is not None:
            plan.at(report.resolved_at, partial(actions.decide_report, plan, report))
    # The sweeper records lone feedback's reveal when the window closes (``serve`` runs it
    # every minute); reads would be right without it, but stored reputations would lag.
    for contract in plan.ended_contracts:
        closes = contract.window_closes_at
        assert closes is not None
        if closes < plan.now and len(book.on(contract)) == 1:
            plan.at(closes + min(2 * MINUTE, (plan.now - closes) / 2), actions.sweep_reveals)


def plan_feedback(plan: DemoPlan) -> None:
    """Phase 3: feedback on ended contracts, and everything that can follow it."""
    _draw(plan)
    _script_logins(plan)
    _script_poor_payers(plan)
    _script_scenes(plan)
    _ensure_every_state(plan)
    _ensure_warnings(plan)
    _draw_responses(plan)
    _check(plan)
    _schedule(plan)


def _check(plan: DemoPlan) -> None:
    """Every planned feedback sits inside its window and before now; responses and reports
    come after the reveal, edits before it."""
    for feedback in plan.reviews.feedback:
        contract = feedback.contract
        assert contract.ends_at is not None
        assert contract.window_closes_at is not None
        if not contract.ends_at < feedback.at < min(contract.window_closes_at, plan.now):
            raise ValueError(f"Feedback outside its window: {contract.job.title!r}")
    for response in plan.reviews.responses:
        if response.at <= revealed_at(plan, response.feedback.contract):
            raise ValueError("A response before the reveal")
    for report in plan.reviews.reports:
        if report.at <= revealed_at(plan, report.feedback.contract):
            raise ValueError("A report before the reveal")
    for edit in plan.reviews.edits:
        if not edit.feedback.at < edit.at < revealed_at(plan, edit.feedback.contract):
            raise ValueError("An edit after the reveal")


# --- What the command reports ----------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackSummary:
    given: int
    sealed: int  # one side has spoken, the window is open
    revealed_pairs: int  # both sides have spoken
    revealed_alone: int  # one side, window closed: revealed at the close
    unreviewed: int  # window closed, nobody left feedback
    waiting: int  # window open, nobody yet
    responses: int
    reports: dict[str, int]
    requests: int
    mean_overall: Decimal | None


def summarise_feedback(plan: DemoPlan) -> FeedbackSummary:
    book = plan.reviews
    states: Counter[str] = Counter()
    for contract in plan.ended_contracts:
        given = len(book.on(contract))
        open_ = plan.state_of(contract) == "window_open"
        if given == 2:
            states["pairs"] += 1
        elif given == 1:
            states["sealed" if open_ else "alone"] += 1
        else:
            states["waiting" if open_ else "unreviewed"] += 1
    scores = [f.overall for f in book.feedback]
    mean = (sum(scores, Decimal(0)) / len(scores)).quantize(Decimal("0.01")) if scores else None
    return FeedbackSummary(
        given=len(book.feedback),
        sealed=states["sealed"],
        revealed_pairs=states["pairs"],
        revealed_alone=states["alone"],
        unreviewed=states["unreviewed"],
        waiting=states["waiting"],
        responses=len(book.responses),
        reports=dict(Counter(str(r.outcome) for r in book.reports)),
        requests=len(book.requests),
        mean_overall=mean,
    )
