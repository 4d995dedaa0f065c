"""Running totals behind the stored reputations, in typed arrays, and the rows made from them.

The market generator adds every feedback as it makes it, exactly as the reputation services
would when the reveal is processed; at the end the totals become ``reputation.Reputation`` rows
and the freelancers' search keys, through the same functions ``twoway recompute`` uses
(``scoring.Aggregate``, ``scoring.ranking_score``, ``warnings.client_warnings``). One array per
column keeps a million people to a few dozen bytes each.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from twoway.feedback import rules
from twoway.reputation import scoring, warnings

# Success score: value tiers 1 / 1.25 / 1.5, kept as integers x4 so sums stay exact.
TIER4_SMALL, TIER4_MEDIUM, TIER4_LARGE = 4, 5, 6
WARNING_THEMES = tuple(warnings.THEME_WARNINGS)  # non_payment, scope_change, respect
SEVERAL = -1  # in ``theme_authors``: at least two different freelancers complained


def _zeros(typecode: str, size: int) -> array:
    return array(typecode, bytes(array(typecode).itemsize * size))


class RoleTotals:
    """Totals about people rated in one role (and what they gave in that role)."""

    def __init__(self, role: str, size: int) -> None:
        self.role = role
        # Criteria this role is rated on, in the rater's order (rules.CRITERIA of the rater).
        self.criteria = rules.CRITERIA[rules.other_role(role)]
        self.has_row = _zeros("b", size)
        self.review_count = _zeros("i", size)
        self.weight_total = _zeros("q", size)
        self.weighted_sum = _zeros("q", size)
        self.unweighted_sum = _zeros("q", size)
        self.stars = [_zeros("i", size) for _ in range(6)]  # index 1..5
        self.criteria_sums = [_zeros("i", size) for _ in self.criteria]
        self.given_count = _zeros("i", size)
        self.given_sum = _zeros("q", size)


class Tally:
    def __init__(self, size: int) -> None:
        self.size = size
        self.client = RoleTotals(rules.CLIENT, size)
        self.freelancer = RoleTotals(rules.FREELANCER, size)
        # Success score of freelancers (the one copied to their profile).
        self.success_net = _zeros("q", size)
        self.success_total = _zeros("q", size)
        self.success_first_counterpart = _zeros("q", size)
        self.success_several = _zeros("b", size)
        # (client id * 4 + theme index) -> the freelancer who complained, or SEVERAL.
        self.theme_authors: dict[int, int] = {}

    def of(self, role: str) -> RoleTotals:
        return self.client if role == rules.CLIENT else self.freelancer


# star_split as a table: overall hundredths -> (upper level, its share, lower level, its share)
STAR_SPLIT: list[tuple[int, int, int, int]] = [(0, 0, 0, 0)] * 501
for _h in range(100, 501):
    _split = scoring.star_split(_h)
    _levels = sorted(_split, reverse=True)
    if len(_levels) == 1:
        STAR_SPLIT[_h] = (_levels[0], 100, _levels[0], 0)
    else:
        STAR_SPLIT[_h] = (_levels[0], _split[_levels[0]], _levels[1], _split[_levels[1]])


@dataclass(frozen=True)
class ReputationRow:
    user_id: int
    role: str
    aggregate: scoring.Aggregate
    given_count: int
    given_sum: int
    warning_count: int
    success: Decimal | None  # freelancers only: the success score on their profile

    @property
    def feedback_score(self) -> Decimal | None:
        return self.aggregate.feedback_score

    @property
    def ranking_score(self) -> float | None:
        return self.aggregate.ranking


def success_of(tally: Tally, uid: int) -> Decimal | None:
    """``scoring.success_score`` from the integer totals (tier weights x4: the same ratio)."""
    total = tally.success_total[uid]
    if total <= 0 or not tally.success_several[uid]:
        return None
    return (Decimal(tally.success_net[uid]) / Decimal(total)).quantize(
        scoring.TWO_PLACES, rounding=ROUND_HALF_UP
    )


def _warning_count(tally: Tally, uid: int, aggregate: scoring.Aggregate) -> int:
    themed: list[warnings.ThemedComment] = []
    for index, theme in enumerate(WARNING_THEMES):
        author = tally.theme_authors.get(uid * 4 + index)
        if author is None:
            continue
        # Two different authors stand for "several": that is all client_warnings counts.
        authors = (1, 2) if author == SEVERAL else (author,)
        themed.extend(
            warnings.ThemedComment(
                feedback_id=0,
                author_id=a,
                theme=theme,
                polarity="complaint",
                quote="",
                overall_hundredths=0,
            )
            for a in authors
        )
    score = aggregate.feedback_score
    if not themed and (
        score is None
        or aggregate.review_count < warnings.LOW_SCORE_MIN_REVIEWS
        or score >= warnings.LOW_SCORE_BELOW
    ):
        return 0
    return len(
        warnings.client_warnings(
            feedback_score=score, review_count=aggregate.review_count, themed=themed
        )
    )


def reputation_rows(tally: Tally, low: int, high: int) -> Iterator[ReputationRow]:
    """The stored reputations of people ``low`` to ``high - 1``, in (user, role) order: one per
    person and role that had a reveal processed about them or by them (the rows the reputation
    services would have made)."""
    for uid in range(low, min(high, tally.size)):
        for totals in (tally.client, tally.freelancer):
            if not totals.has_row[uid]:
                continue
            aggregate = scoring.Aggregate(
                review_count=totals.review_count[uid],
                weight_total=totals.weight_total[uid],
                weighted_sum=totals.weighted_sum[uid],
                unweighted_sum=totals.unweighted_sum[uid],
                stars={level: totals.stars[level][uid] for level in scoring.LEVELS},
                criteria_sums={
                    name: sums[uid]
                    for name, sums in zip(totals.criteria, totals.criteria_sums, strict=True)
                },
            )
            warning_count = 0
            success = None
            if totals.role == rules.CLIENT:
                if aggregate.review_count:
                    warning_count = _warning_count(tally, uid, aggregate)
            else:
                success = success_of(tally, uid)
            yield ReputationRow(
                user_id=uid,
                role=totals.role,
                aggregate=aggregate,
                given_count=totals.given_count[uid],
                given_sum=totals.given_sum[uid],
                warning_count=warning_count,
                success=success,
            )
