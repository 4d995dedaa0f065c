"""Reads of reputation: scores, distribution, criteria, success, themes, warnings, history,
and the per-contract explanation.

Everything here is built from feedback that the visibility rule makes public
(``feedback.selectors.counted_q``): stored totals hold only processed reveals, and reveals that
fell due but were not processed yet are folded in on read, so a score is right even when the
sweeper is behind — and never includes a sealed feedback.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Generic, TypeVar, cast

from django.conf import settings
from django.core.cache import cache
from django.db import connections, router
from django.db.models import Count, FilteredRelation, Q, Sum

from twoway.accounts.models import User
from twoway.contracts.models import Contract, ContractStatus
from twoway.core import clock
from twoway.core.errors import NotFound
from twoway.core.pagination import Page, keyset_page
from twoway.feedback import rules
from twoway.feedback.models import Feedback
from twoway.feedback.selectors import counted_q, revealed_q
from twoway.reputation import scoring, warnings
from twoway.reputation.models import CommentTheme, RatingBaseline, Reputation

TWO = Decimal("0.01")
TENDENCY_MARGIN = Decimal("0.30")
TENDENCY_MIN_GIVEN = 3
AVERAGE_GIVEN_CACHE_SECONDS = 60
BASELINE_MAX_AGE = timedelta(minutes=30)  # older: the sweeper is not running; sum live


@dataclass(frozen=True)
class ThemeCount:
    theme: str
    label: str
    complaints: int
    praise: int
    examples: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class RaterTendency:
    given_count: int
    average_given: Decimal | None
    everyone_average: Decimal | None
    tendency: str | None  # harsh | lenient | typical | None (too few to say)


@dataclass(frozen=True)
class ReputationView:
    user: User
    role: str
    aggregate: scoring.Aggregate
    rater: RaterTendency
    success: scoring.Success
    themes: list[ThemeCount]
    warnings: list[warnings.Warning]

    @property
    def feedback_score(self) -> Decimal | None:
        return self.aggregate.feedback_score

    @property
    def review_count(self) -> int:
        return self.aggregate.review_count

    @property
    def ranking_score(self) -> float | None:
        return self.aggregate.ranking

    @property
    def distribution(self) -> dict[int, Decimal]:
        return self.aggregate.distribution

    @property
    def criteria(self) -> dict[str, Decimal]:
        own = rules.CRITERIA[rules.other_role(self.role)]
        averages = self.aggregate.criteria_averages
        return {name: averages[name] for name in own if name in averages}


def _stored(user: User, role: str) -> Reputation:
    row = Reputation.objects.filter(user=user, role=role).first()
    return row if row is not None else Reputation(user=user, role=role, updated_at=clock.now())


def _pending(user: User, role: str, now: datetime) -> tuple[list[Feedback], list[Feedback]]:
    """Reveals that are due but not processed yet: about the person, and by the person.

    The sweeper records reveals within SWEEP_INTERVAL of falling due, so there are usually
    none anywhere: one probe of the partial index of unrecorded reveals says so before the
    person's feedback is searched (thousands of rows for the busiest people).
    """
    if not Feedback.objects.filter(revealed_at__isnull=True, reveals_at__lte=now).exists():
        return [], []
    rows = list(
        Feedback.objects.filter(counted_q(now), revealed_at__isnull=True)
        .filter(
            Q(subject=user, author_role=rules.other_role(role)) | Q(author=user, author_role=role)
        )
        .select_related("contract")
    )
    about = [f for f in rows if f.subject_id == user.pk]
    by = [f for f in rows if f.author_id == user.pk]
    return about, by


def _contribution(feedback: Feedback) -> scoring.Contribution:
    from twoway.reputation.services import contribution_of

    return contribution_of(feedback, feedback.contract.total_paid_cents)


def everyone_average_given(role: str) -> Decimal | None:
    """The mean overall score given by everyone in ``role``.

    Read from the baseline the sweeper keeps (``reputation_baselines_refresh``) while it is
    fresh; summed live when there is none or the sweeper has stopped. Cached for a minute.
    """
    key = f"reputation:average-given:{role}"
    cached = cache.get(key)
    if cached is not None:
        return Decimal(cached) if cached != "none" else None
    now = clock.now()
    stored = RatingBaseline.objects.filter(
        role=role, computed_at__gt=now - BASELINE_MAX_AGE, computed_at__lte=now
    ).first()
    if stored is not None:
        count, total = stored.given_count, stored.given_sum
    else:
        count, total = given_totals(role)
    value = None
    if count:
        value = (Decimal(total) / count / 100).quantize(TWO, ROUND_HALF_UP)
    cache.set(key, str(value) if value is not None else "none", AVERAGE_GIVEN_CACHE_SECONDS)
    return value


def given_totals(role: str) -> tuple[int, int]:
    """How many feedbacks everyone in ``role`` gave, and the sum of their overall scores."""
    totals = Reputation.objects.filter(role=role).aggregate(
        count=Sum("given_count"), total=Sum("given_sum")
    )
    return int(totals["count"] or 0), int(totals["total"] or 0)


def _tendency(given_count: int, given_sum: int, role: str) -> RaterTendency:
    everyone = everyone_average_given(role)
    if given_count <= 0:
        return RaterTendency(0, None, everyone, None)
    average = (Decimal(given_sum) / given_count / 100).quantize(TWO, ROUND_HALF_UP)
    tendency = None
    if given_count >= TENDENCY_MIN_GIVEN and everyone is not None:
        if average <= everyone - TENDENCY_MARGIN:
            tendency = "harsh"
        elif average >= everyone + TENDENCY_MARGIN:
            tendency = "lenient"
        else:
            tendency = "typical"
    return RaterTendency(given_count, average, everyone, tendency)


def success_outcomes(user: User, role: str, now: datetime) -> list[scoring.Outcome]:
    """Ended contracts of the last 24 months whose feedback about the person is settled.

    Settled: revealed (and not removed), or the window closed with no feedback given. Contracts
    whose window is still open are left out, whether or not feedback is sealed in them, so the
    count cannot hint at a sealed feedback. Removed feedback takes its contract out entirely.
    """
    return success_outcomes_many([user.pk], role, now)[user.pk]


def success_outcomes_many(
    user_ids: list[int], role: str, now: datetime
) -> dict[int, list[scoring.Outcome]]:
    """``success_outcomes`` of several people in one query: each ended contract of the period
    joined to the feedback about the person on it (at most one: one per author)."""
    since = now - timedelta(days=30 * scoring.SUCCESS_MONTHS)
    party = "client" if role == rules.CLIENT else "freelancer"
    counterpart = "freelancer" if party == "client" else "client"
    # No status condition: only ended contracts have an end (contract_end_consistent), and
    # with one SQLite may walk every ended contract instead of each person's few.
    rows = (
        Contract.objects.filter(**{f"{party}_id__in": user_ids}, ended_at__gte=since)
        .annotate(
            about=FilteredRelation(
                "feedback", condition=Q(feedback__author_role=rules.other_role(role))
            )
        )
        .values_list(
            f"{party}_id",
            f"{counterpart}_id",
            "total_paid_cents",
            "feedback_window_closes_at",
            "about__overall",
            "about__would_work_again",
            "about__reveals_at",
            "about__removed_at",
        )
    )
    outcomes: dict[int, list[scoring.Outcome]] = {pk: [] for pk in user_ids}
    for person, counterpart_id, paid, closes_at, overall, again, reveals_at, removed in rows:
        if reveals_at is None:  # no feedback about the person on this contract
            if closes_at is not None and closes_at <= now:
                outcomes[person].append(scoring.Outcome(counterpart_id, paid, None, None))
            continue
        if reveals_at > now or removed is not None:
            continue
        outcomes[person].append(
            scoring.Outcome(counterpart_id, paid, scoring.to_hundredths(overall), again)
        )
    return outcomes


def theme_counts(user: User, role: str, now: datetime, examples: int = 2) -> list[ThemeCount]:
    """Per theme: complaints and praise in revealed comments about the person, with quotes."""
    from twoway.reputation.themes import THEME_LABELS, THEMES

    base = CommentTheme.objects.filter(
        counted_q(now, prefix="feedback__"),
        feedback__subject=user,
        feedback__author_role=rules.other_role(role),
    )
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"complaint": 0, "praise": 0})
    for theme, polarity, n in base.values_list("theme", "polarity").annotate(n=Count("id")):
        counts[theme][polarity] = n
    quotes: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in base.order_by("-feedback__reveals_at", "-id").values(
        "theme", "polarity", "evidence", "feedback_id"
    )[:200]:
        if len(quotes[row["theme"]]) < examples:
            quotes[row["theme"]].append(
                {
                    "quote": row["evidence"],
                    "polarity": row["polarity"],
                    "feedback_id": row["feedback_id"],
                }
            )
    return [
        ThemeCount(
            theme=theme,
            label=THEME_LABELS[theme],
            complaints=counts[theme]["complaint"],
            praise=counts[theme]["praise"],
            examples=quotes[theme],
        )
        for theme in THEMES
        if theme in counts
    ]


def client_warnings_for(
    user: User, now: datetime, aggregate: scoring.Aggregate, *, processed_only: bool = False
) -> list[warnings.Warning]:
    """A client's warnings from the feedback about them that counts at ``now``.

    ``processed_only``: only reveals already recorded (``revealed_at`` set), as the stored
    totals are; the stored ``warning_count`` is counted that way, so it equals a rebuild at
    any moment. Reads leave it off and fold in reveals that are due but not recorded yet.
    """
    counted = counted_q(now, prefix="feedback__")
    about = counted_q(now)
    if processed_only:
        counted &= Q(feedback__revealed_at__isnull=False)
        about &= Q(revealed_at__isnull=False)
    themed = [
        warnings.ThemedComment(
            feedback_id=row["feedback_id"],
            author_id=row["feedback__author_id"],
            theme=row["theme"],
            polarity=row["polarity"],
            quote=row["evidence"],
            overall_hundredths=scoring.to_hundredths(row["feedback__overall"]),
        )
        for row in CommentTheme.objects.filter(
            counted,
            feedback__subject=user,
            feedback__author_role=rules.FREELANCER,
            polarity="complaint",
            theme__in=list(warnings.THEME_WARNINGS),
        )
        .order_by("feedback__overall", "-feedback_id")
        .values(
            "feedback_id",
            "feedback__author_id",
            "theme",
            "polarity",
            "evidence",
            "feedback__overall",
        )[:300]
    ]
    lowest = []
    if aggregate.review_count >= warnings.LOW_SCORE_MIN_REVIEWS:
        lowest = [
            warnings.Evidence(pk, author_id, comment[:300], scoring.to_hundredths(overall))
            for pk, author_id, comment, overall in Feedback.objects.filter(
                about, subject=user, author_role=rules.FREELANCER
            )
            .exclude(comment="")
            .order_by("overall", "-reveals_at")
            .values_list("pk", "author_id", "comment", "overall")[: warnings.MAX_EVIDENCE]
        ]
    return warnings.client_warnings(
        feedback_score=aggregate.feedback_score,
        review_count=aggregate.review_count,
        themed=themed,
        lowest=lowest,
    )


def reputation_aggregate(
    user: User, role: str, now: datetime | None = None
) -> tuple[scoring.Aggregate, Reputation, int, int]:
    """Stored totals with due-but-unprocessed reveals folded in."""
    now = now or clock.now()
    row = _stored(user, role)
    aggregate = row.to_aggregate()
    given_count, given_sum = row.given_count, row.given_sum
    about, by = _pending(user, role, now)
    for feedback in about:
        aggregate = aggregate.apply(_contribution(feedback))
    for feedback in by:
        given_count += 1
        given_sum += scoring.to_hundredths(feedback.overall)
    return aggregate, row, given_count, given_sum


CACHE_SECONDS = 300

T = TypeVar("T")


@dataclass(frozen=True)
class _Cached(Generic[T]):
    value: T
    valid_until: datetime


@dataclass(frozen=True)
class PublicPerson:
    """A person's public name and their reputation row's version token, read together."""

    user: User
    token: str


def person_with_token(user_id: int, role: str) -> PublicPerson:
    """The person (id, username, display name) and the token of their stored reputation in
    ``role``, in one query: all a cached reputation read needs from the database.

    The token is the row's id and ``version``. Every change to what the view is made of raises
    the version in the same transaction (``reputation.services.reputation_touch`` and the
    reveal and moderation updates); a rebuilt row (``twoway recompute``) has a new id.
    """
    # Read where the view's own queries read (a replica, with read replicas configured).
    with connections[router.db_for_read(Reputation)].cursor() as cursor:
        cursor.execute(
            "SELECT u.id, u.username, u.first_name, u.last_name, r.id, r.version"
            " FROM accounts_user u LEFT JOIN reputation_reputation r"
            " ON r.user_id = u.id AND r.role = %s WHERE u.id = %s",
            [role, user_id],
        )
        row = cursor.fetchone()
    if row is None:
        raise NotFound("No such person.", code="user_not_found")
    pk, username, first_name, last_name, rep_id, version = row
    user = User(pk=pk, username=username, first_name=first_name, last_name=last_name)
    return PublicPerson(user=user, token="-" if rep_id is None else f"{rep_id}.{version}")


def _next_change(user: User, role: str, now: datetime) -> datetime:
    """The next moment the view changes by the clock alone: a sealed feedback about or by the
    person reaching its reveal, or one of their windows closing (no feedback given)."""
    candidates = [now + timedelta(seconds=CACHE_SECONDS)]
    reveal = (
        Feedback.objects.filter(revealed_at__isnull=True, reveals_at__gt=now)
        .filter(
            Q(subject=user, author_role=rules.other_role(role)) | Q(author=user, author_role=role)
        )
        .order_by("reveals_at")
        .values_list("reveals_at", flat=True)
        .first()
    )
    if reveal is not None:
        candidates.append(reveal)
    party = "client" if role == rules.CLIENT else "freelancer"
    closes = (
        Contract.objects.filter(
            **{party: user}, status=ContractStatus.ENDED, feedback_window_closes_at__gt=now
        )
        .order_by("feedback_window_closes_at")
        .values_list("feedback_window_closes_at", flat=True)
        .first()
    )
    if closes is not None:
        candidates.append(closes)
    return min(candidates)


def reputation_cached(
    *, user: User, role: str, name: str, build: Callable[[ReputationView], T], token: str = ""
) -> T:
    """``build(view)`` for the person's reputation view in ``role``, cached per process under
    ``name``; the view itself is cached too, so every entry built from it (the API's JSON, the
    client's record on each of their jobs) computes it once.

    The key holds the stored row's version token (``person_with_token``; pass ``token`` when it
    was read already), so any change to the data invalidates it at once, in every process. The
    entry is also valid only until the clock alone would change the view (a reveal falling due,
    a window closing) or five minutes pass, so a cached view is never staler than an uncached
    one would be but for what nothing marks: the rating baselines the sweeper refreshes, and
    edits made straight in the admin (both shown within five minutes).
    """
    now = clock.now()
    token = token or person_with_token(user.pk, role).token
    key = f"reputation:{name}:{user.pk}:{role}:{token}"
    cached = cache.get(key)
    if isinstance(cached, _Cached) and now < cached.valid_until:
        return cast(T, cached.value)
    view = _view_cached(user, role, token, now)
    value = build(view.value)
    cache.set(key, _Cached(value, view.valid_until), CACHE_SECONDS)
    return value


def _view_cached(user: User, role: str, token: str, now: datetime) -> _Cached[ReputationView]:
    key = f"reputation:view:{user.pk}:{role}:{token}"
    cached = cache.get(key)
    if isinstance(cached, _Cached) and now < cached.valid_until:
        return cast(_Cached[ReputationView], cached)
    view = _Cached(_reputation_compute(user, role, now), _next_change(user, role, now))
    cache.set(key, view, CACHE_SECONDS)
    return view


def reputation_get(*, user: User, role: str) -> ReputationView:
    """A person's whole reputation in one role, as anyone may see it (cached: see
    ``reputation_cached``; the person's own fields are always the caller's fresh ones)."""
    view = _view_cached(user, role, person_with_token(user.pk, role).token, clock.now()).value
    return view if view.user is user else replace(view, user=user)


def _reputation_compute(user: User, role: str, now: datetime) -> ReputationView:
    aggregate, _, given_count, given_sum = reputation_aggregate(user, role, now)
    return ReputationView(
        user=user,
        role=role,
        aggregate=aggregate,
        rater=_tendency(given_count, given_sum, role),
        success=scoring.success_score(success_outcomes(user, role, now)),
        themes=theme_counts(user, role, now),
        warnings=client_warnings_for(user, now, aggregate) if role == rules.CLIENT else [],
    )


@dataclass(frozen=True)
class Summary:
    """The few numbers shown next to a person in a list (stored values only)."""

    feedback_score: Decimal | None
    review_count: int
    ranking_score: float | None
    warning_count: int


def reputation_summaries(user_ids: list[int], role: str) -> dict[int, Summary]:
    rows = Reputation.objects.filter(user_id__in=user_ids, role=role).values_list(
        "user_id", "feedback_score", "review_count", "ranking_score", "warning_count"
    )
    found = {uid: Summary(score, count, ranking, warn) for uid, score, count, ranking, warn in rows}
    empty = Summary(None, 0, None, 0)
    return {uid: found.get(uid, empty) for uid in user_ids}


def reputation_history(*, user: User, role: str, points: int = 60) -> list[scoring.HistoryPoint]:
    """The feedback score after each revealed review (downsampled for the chart)."""
    now = clock.now()
    events = [
        (
            feedback.reveals_at,
            _contribution(feedback),
        )
        for feedback in Feedback.objects.filter(
            counted_q(now), subject=user, author_role=rules.other_role(role)
        )
        .select_related("contract")
        .only(
            "reveals_at",
            "overall",
            "author_role",
            "subject_id",
            "author_id",
            *rules.ALL_CRITERIA,
            "contract__total_paid_cents",
        )
    ]
    history = scoring.score_history(events)
    if len(history) <= points:
        return history
    step = len(history) / points
    sampled = [history[int(i * step)] for i in range(points - 1)]
    return [*sampled, history[-1]]


@dataclass(frozen=True)
class ExplainRow:
    contract: Contract
    counterpart: User
    paid_cents: int
    weight_cents: int
    overall: Decimal | None
    counted: bool
    why: str


def reputation_explain(
    *, user: User, role: str, cursor: str | None = None, limit: int | None = None
) -> tuple[Page[Contract], list[ExplainRow]]:
    """Each ended contract's part in the person's feedback score, newest first."""
    now = clock.now()
    party = "client" if role == rules.CLIENT else "freelancer"
    counterpart = "freelancer" if party == "client" else "client"
    page = keyset_page(
        Contract.objects.filter(**{party: user}, status=ContractStatus.ENDED).select_related(
            counterpart
        ),
        order=["-ended_at", "-id"],
        cursor=cursor,
        limit=limit,
    )
    feedback = {
        f.contract_id: f
        for f in Feedback.objects.filter(
            contract__in=page.items, subject=user, author_role=rules.other_role(role)
        ).filter(revealed_q(now))
    }
    rows = []
    for contract in page.items:
        weight = scoring.weight_cents(
            subject_role=role,
            paid_cents=contract.total_paid_cents,
            client_floor_cents=settings.CLIENT_FLOOR_WEIGHT_CENTS,
        )
        found = feedback.get(contract.pk)
        window_open = rules.window_is_open(
            window_closes_at=contract.feedback_window_closes_at, now=now
        )
        if found is None:
            # Sealed and missing look the same here: nobody learns of a sealed feedback.
            why = "Feedback window still open" if window_open else "No feedback given"
            rows.append(
                ExplainRow(
                    contract,
                    getattr(contract, counterpart),
                    contract.total_paid_cents,
                    0,
                    None,
                    False,
                    why,
                )
            )
            continue
        if found.is_removed:
            rows.append(
                ExplainRow(
                    contract,
                    getattr(contract, counterpart),
                    contract.total_paid_cents,
                    0,
                    None,
                    False,
                    "Removed for violating policy",
                )
            )
            continue
        if weight == 0:
            why = "Nothing was paid: feedback on free contracts does not count for freelancers"
            rows.append(
                ExplainRow(
                    contract,
                    getattr(contract, counterpart),
                    contract.total_paid_cents,
                    0,
                    found.overall,
                    False,
                    why,
                )
            )
            continue
        why = "Counted, weighted by the amount paid"
        if role == rules.CLIENT and contract.total_paid_cents < settings.CLIENT_FLOOR_WEIGHT_CENTS:
            why = "Counted with the minimum weight for clients"
        rows.append(
            ExplainRow(
                contract,
                getattr(contract, counterpart),
                contract.total_paid_cents,
                weight,
                found.overall,
                True,
                why,
            )
        )
    return page, rows
