"""Reputation math as pure functions: no ORM, no settings, no clock.

Scores are kept in integer hundredths (4.83 -> 483) and money in integer cents, so sums are
exact and an aggregate built one event at a time equals one rebuilt from scratch, whatever the
order of events. Formulas and worked examples: docs/domain.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

CLIENT = "client"
FREELANCER = "freelancer"
LEVELS = (1, 2, 3, 4, 5)
RANKING_Z = 1.65
TWO_PLACES = Decimal("0.01")

# Success score (DESIGN.md section 3).
SUCCESS_MONTHS = 24
POSITIVE_MIN_OVERALL = 450  # hundredths
POSITIVE_MIN_AGAIN = 8
NEGATIVE_BELOW_OVERALL = 300
NEGATIVE_MAX_AGAIN = 5
SUCCESS_MIN_COUNTERPARTS = 2
TIER_MEDIUM_CENTS = 50_000  # $500
TIER_LARGE_CENTS = 500_000  # $5,000


def to_hundredths(score: Decimal | float | str) -> int:
    return int((Decimal(str(score)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def from_hundredths(value: int) -> Decimal:
    return (Decimal(value) / 100).quantize(TWO_PLACES)


def weight_cents(*, subject_role: str, paid_cents: int, client_floor_cents: int) -> int:
    """How much one contract's feedback weighs in the feedback score: the amount paid.

    About a client, at least the floor: a freelancer who was never paid still warns others,
    and paying a token $1 cannot shrink a bad review. About a freelancer, exactly the amount
    paid: feedback on free contracts counts 0, so fake contracts cannot lift anyone.
    """
    if subject_role == CLIENT:
        return max(paid_cents, client_floor_cents)
    return max(paid_cents, 0)


def star_split(overall_hundredths: int) -> dict[int, int]:
    """Split an overall score between its two nearest star levels, keeping its mean.

    4.83 -> {5: 83, 4: 17} (in hundredths of a review); 5.00 -> {5: 100}.
    """
    if not 100 <= overall_hundredths <= 500:
        raise ValueError(f"overall score out of range: {overall_hundredths}")
    lower, fraction = divmod(overall_hundredths, 100)
    if fraction == 0:
        return {lower: 100}
    return {lower + 1: fraction, lower: 100 - fraction}


def ranking_score(star_hundredths: Mapping[int, int], z: float = RANKING_Z) -> float | None:
    """Bayesian lower bound of the mean rating (Evan Miller's approximation), for ordering.

    A Dirichlet prior of one count per star level; counts may be fractional (``star_split``).
    One 5.0 ranks 2.40; five 4.83s rank 3.23. The prior pulls a few low ratings *up*, so the
    result is capped at the observed mean: a ranking never exceeds what people actually gave.
    None without reviews (unranked: listed after everyone ranked).
    """
    counts = [star_hundredths.get(level, 0) / 100 for level in LEVELS]
    observed = sum(counts)
    if observed <= 0:
        return None
    observed_mean = sum(level * n for level, n in zip(LEVELS, counts, strict=True)) / observed
    total = observed + len(LEVELS)
    mean = sum(level * (n + 1) for level, n in zip(LEVELS, counts, strict=True)) / total
    second = sum(level * level * (n + 1) for level, n in zip(LEVELS, counts, strict=True)) / total
    variance = max(second - mean * mean, 0.0)
    bound = mean - z * math.sqrt(variance / (total + 1))
    return min(bound, observed_mean)


@dataclass(frozen=True)
class Contribution:
    """What one revealed, counted feedback adds to the rated person's aggregate."""

    overall_hundredths: int
    weight_cents: int
    criteria: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Aggregate:
    """The running totals behind a person's reputation in one role."""

    review_count: int = 0
    weight_total: int = 0
    weighted_sum: int = 0  # sum of weight_cents * overall_hundredths
    unweighted_sum: int = 0  # sum of overall_hundredths (for reviews that carry no weight)
    stars: Mapping[int, int] = field(default_factory=lambda: dict.fromkeys(LEVELS, 0))
    criteria_sums: Mapping[str, int] = field(default_factory=dict)

    def apply(self, contribution: Contribution, sign: int = 1) -> Aggregate:
        """Add (sign=1) or take back (sign=-1) one contribution."""
        stars = dict(self.stars)
        for level, amount in star_split(contribution.overall_hundredths).items():
            stars[level] = stars.get(level, 0) + sign * amount
        criteria = dict(self.criteria_sums)
        for name, value in contribution.criteria.items():
            criteria[name] = criteria.get(name, 0) + sign * value
        return replace(
            self,
            review_count=self.review_count + sign,
            weight_total=self.weight_total + sign * contribution.weight_cents,
            weighted_sum=self.weighted_sum
            + sign * contribution.weight_cents * contribution.overall_hundredths,
            unweighted_sum=self.unweighted_sum + sign * contribution.overall_hundredths,
            stars=stars,
            criteria_sums=criteria,
        )

    @property
    def feedback_score(self) -> Decimal | None:
        """Σ wᵢ·sᵢ / Σ wᵢ to two decimals; None while no review carries weight."""
        if self.weight_total <= 0:
            return None
        return (Decimal(self.weighted_sum) / Decimal(self.weight_total) / 100).quantize(
            TWO_PLACES, rounding=ROUND_HALF_UP
        )

    @property
    def ranking(self) -> float | None:
        return ranking_score(self.stars)

    @property
    def criteria_averages(self) -> dict[str, Decimal]:
        if self.review_count <= 0:
            return {}
        return {
            name: (Decimal(total) / self.review_count).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
            for name, total in self.criteria_sums.items()
            if total
        }

    @property
    def distribution(self) -> dict[int, Decimal]:
        """Reviews per star level (fractional, since scores are split between two levels)."""
        return {level: from_hundredths(self.stars.get(level, 0)) for level in LEVELS}


def aggregate_of(contributions: Iterable[Contribution]) -> Aggregate:
    result = Aggregate()
    for contribution in contributions:
        result = result.apply(contribution)
    return result


def feedback_score(pairs: Iterable[tuple[int, Decimal | float]]) -> Decimal | None:
    """Convenience: the weighted mean of (weight_cents, score) pairs, two decimals."""
    contributions = [
        Contribution(overall_hundredths=to_hundredths(score), weight_cents=weight)
        for weight, score in pairs
    ]
    return aggregate_of(contributions).feedback_score


# --- Success score --------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """One ended contract seen from the rated person's side, for the success score.

    ``overall_hundredths``/``would_work_again`` are None when the other party gave no feedback
    (the window closed without it): the contract counts in the total, as neither positive nor
    negative.
    """

    counterpart_id: int
    paid_cents: int
    overall_hundredths: int | None
    would_work_again: int | None


def value_tier_weight(paid_cents: int) -> Decimal:
    if paid_cents >= TIER_LARGE_CENTS:
        return Decimal("1.5")
    if paid_cents >= TIER_MEDIUM_CENTS:
        return Decimal("1.25")
    return Decimal("1")


def classify(outcome: Outcome) -> int:
    """+1 positive, -1 negative, 0 neutral (including "no feedback given")."""
    if outcome.overall_hundredths is None or outcome.would_work_again is None:
        return 0
    if (
        outcome.overall_hundredths >= POSITIVE_MIN_OVERALL
        and outcome.would_work_again >= POSITIVE_MIN_AGAIN
    ):
        return 1
    if (
        outcome.overall_hundredths < NEGATIVE_BELOW_OVERALL
        or outcome.would_work_again <= NEGATIVE_MAX_AGAIN
    ):
        return -1
    return 0


@dataclass(frozen=True)
class Success:
    score: Decimal | None  # -1.00 .. 1.00; None when not shown
    contracts: int
    counterparts: int
    positive: int
    negative: int


def success_score(outcomes: Sequence[Outcome]) -> Success:
    """(positive - negative) / total, contracts weighted 1 / 1.25 / 1.5 by value tier.

    Shown only when the contracts come from at least two distinct counterparts, so no single
    person's private answer can be read off the number.
    """
    counterparts = len({o.counterpart_id for o in outcomes})
    positive = sum(1 for o in outcomes if classify(o) > 0)
    negative = sum(1 for o in outcomes if classify(o) < 0)
    if not outcomes or counterparts < SUCCESS_MIN_COUNTERPARTS:
        return Success(None, len(outcomes), counterparts, positive, negative)
    total = sum((value_tier_weight(o.paid_cents) for o in outcomes), Decimal(0))
    net = sum((value_tier_weight(o.paid_cents) * classify(o) for o in outcomes), Decimal(0))
    score = (net / total).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    return Success(score, len(outcomes), counterparts, positive, negative)


# --- History --------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryPoint:
    at: datetime
    score: Decimal | None
    reviews: int


def score_history(events: Iterable[tuple[datetime, Contribution]]) -> list[HistoryPoint]:
    """The feedback score after each revealed review, in time order (for the chart)."""
    aggregate = Aggregate()
    points = []
    for at, contribution in sorted(events, key=lambda event: event[0]):
        aggregate = aggregate.apply(contribution)
        points.append(HistoryPoint(at, aggregate.feedback_score, aggregate.review_count))
    return points
