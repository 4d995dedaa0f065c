"""Reputation math, pure: worked examples from docs/domain.md and properties."""

from __future__ import annotations

import math
import random
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from twoway.reputation import scoring
from twoway.reputation.scoring import Aggregate, Contribution, Outcome

FLOOR = 10_000


def c(score: str, paid_cents: int, role: str = "freelancer") -> Contribution:
    return Contribution(
        overall_hundredths=scoring.to_hundredths(score),
        weight_cents=scoring.weight_cents(
            subject_role=role, paid_cents=paid_cents, client_floor_cents=FLOOR
        ),
    )


def test_worked_example_value_weighted_score():
    # $1,000 at 5 stars and $200 at 1 star give 4.33.
    assert scoring.aggregate_of([c("5", 100_000), c("1", 20_000)]).feedback_score == Decimal("4.33")


def test_a_freelancers_unpaid_contract_counts_zero():
    aggregate = scoring.aggregate_of([c("5", 100_000), c("1", 0)])
    assert aggregate.feedback_score == Decimal("5.00")
    assert aggregate.review_count == 2
    assert scoring.aggregate_of([c("1", 0)]).feedback_score is None


def test_a_clients_unpaid_contract_counts_with_the_floor_weight():
    # $400 paid at 5.00 and one unpaid contract rated 1.00 at the $100 floor: (4*5 + 1*1)/5
    aggregate = scoring.aggregate_of([c("5", 40_000, "client"), c("1", 0, "client")])
    assert aggregate.feedback_score == Decimal("4.20")


def test_a_token_payment_cannot_shrink_a_clients_bad_review_below_the_floor():
    assert (
        scoring.weight_cents(subject_role="client", paid_cents=100, client_floor_cents=FLOOR)
        == FLOOR
    )


def ranking(items: list[Contribution]) -> float:
    value = scoring.aggregate_of(items).ranking
    assert value is not None
    return value


def test_worked_examples_of_the_ranking_score():
    assert round(ranking([c("5", 1)]), 2) == 2.40
    assert round(ranking([c("4.83", 1)] * 5), 2) == 3.23
    assert ranking([c("4.9", 1)] * 200) > ranking([c("5", 1)])


def test_a_lone_low_rating_is_not_lifted_above_what_was_given():
    assert ranking([c("1", 1)]) == 1.0


def test_a_score_is_split_between_its_two_nearest_levels():
    assert scoring.star_split(483) == {5: 83, 4: 17}
    assert scoring.star_split(500) == {5: 100}
    assert scoring.star_split(100) == {1: 100}


def test_no_reviews_means_no_ranking():
    assert Aggregate().ranking is None
    assert Aggregate().feedback_score is None


def test_success_score_needs_two_counterparts():
    one = [
        Outcome(counterpart_id=1, paid_cents=1000, overall_hundredths=500, would_work_again=10)
    ] * 3
    assert scoring.success_score(one).score is None
    two = [
        *one,
        Outcome(counterpart_id=2, paid_cents=1000, overall_hundredths=200, would_work_again=2),
    ]
    result = scoring.success_score(two)
    assert result.score == Decimal("0.50")  # (3 - 1) / 4
    assert (result.positive, result.negative) == (3, 1)


def test_success_score_weights_by_value_tier_and_counts_missing_feedback_as_neutral():
    outcomes = [
        Outcome(1, 600_000, 480, 9),  # positive, tier 1.5
        Outcome(2, 10_000, 250, 9),  # negative, tier 1
        Outcome(3, 60_000, None, None),  # no feedback given: neutral, tier 1.25
    ]
    # (1.5 - 1) / (1.5 + 1 + 1.25) = 0.1333...
    assert scoring.success_score(outcomes).score == Decimal("0.13")


def test_classification_thresholds():
    assert scoring.classify(Outcome(1, 0, 450, 8)) == 1
    assert scoring.classify(Outcome(1, 0, 449, 10)) == 0
    assert scoring.classify(Outcome(1, 0, 500, 5)) == -1
    assert scoring.classify(Outcome(1, 0, 299, 10)) == -1
    assert scoring.classify(Outcome(1, 0, 400, 7)) == 0


scores = st.integers(min_value=100, max_value=500)
weights = st.integers(min_value=0, max_value=10_000_000)
contributions = st.builds(
    lambda s, w: Contribution(overall_hundredths=s, weight_cents=w), scores, weights
)


@given(st.lists(contributions, min_size=1, max_size=40))
def test_the_feedback_score_stays_within_the_scores_given(items):
    aggregate = scoring.aggregate_of(items)
    weighted = [i for i in items if i.weight_cents > 0]
    if not weighted:
        assert aggregate.feedback_score is None
        return
    low = min(i.overall_hundredths for i in weighted)
    high = max(i.overall_hundredths for i in weighted)
    score = aggregate.feedback_score
    assert score is not None
    assert scoring.from_hundredths(low) <= score <= scoring.from_hundredths(high)


@given(st.lists(contributions, min_size=1, max_size=40), st.randoms())
def test_order_does_not_matter(items, rnd):
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert scoring.aggregate_of(items) == scoring.aggregate_of(shuffled)


@given(st.lists(contributions, min_size=1, max_size=30), st.data())
def test_raising_any_one_rating_never_lowers_the_scores(items, data):
    index = data.draw(st.integers(min_value=0, max_value=len(items) - 1))
    item = items[index]
    higher = data.draw(st.integers(min_value=item.overall_hundredths, max_value=500))
    raised = list(items)
    raised[index] = Contribution(overall_hundredths=higher, weight_cents=item.weight_cents)
    before, after = scoring.aggregate_of(items), scoring.aggregate_of(raised)
    if before.feedback_score is not None:
        assert after.feedback_score >= before.feedback_score
    assert after.ranking >= before.ranking - 1e-12


@given(st.lists(contributions, min_size=1, max_size=30))
def test_the_ranking_never_exceeds_the_mean(items):
    aggregate = scoring.aggregate_of(items)
    mean = aggregate.unweighted_sum / aggregate.review_count / 100
    assert aggregate.ranking <= mean + 1e-9


@settings(max_examples=40)
@given(st.lists(scores, min_size=1, max_size=5))
def test_the_ranking_approaches_the_mean_as_the_same_ratings_repeat(pattern):
    # With stars in 1..5 the prior moves the mean by at most 2K/(N+K) and the variance is at
    # most 4, so 0 <= mean - ranking <= 2z/sqrt(N+K+1) + 2K/(N+K): a bound that goes to 0.
    mean = sum(pattern) / len(pattern) / 100
    for repeat in (1, 10, 100, 1000):
        aggregate = scoring.aggregate_of(
            Contribution(overall_hundredths=s, weight_cents=1) for s in pattern * repeat
        )
        n = len(pattern) * repeat
        gap = mean - aggregate.ranking
        assert gap >= -1e-9
        assert gap <= 2 * scoring.RANKING_Z / math.sqrt(n + 6) + 10 / (n + 5) + 1e-9
    assert gap < 0.12


@given(
    st.lists(contributions, min_size=0, max_size=30),
    st.lists(contributions, min_size=0, max_size=10),
)
def test_taking_back_a_contribution_undoes_it(kept, removed):
    everything = scoring.aggregate_of(kept + removed)
    for item in removed:
        everything = everything.apply(item, -1)
    assert everything == scoring.aggregate_of(kept)


@pytest.mark.parametrize("seed", range(3))
def test_history_ends_at_the_current_score(seed):
    from datetime import UTC, datetime, timedelta

    rnd = random.Random(seed)
    events = [
        (datetime(2026, 1, 1, tzinfo=UTC) + timedelta(days=i), c(str(rnd.choice([3, 4, 5])), 5000))
        for i in range(20)
    ]
    points = scoring.score_history(events)
    assert len(points) == 20
    assert points[-1].score == scoring.aggregate_of(x for _, x in events).feedback_score
    assert [p.reviews for p in points] == list(range(1, 21))
