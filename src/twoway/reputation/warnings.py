"""Early warnings on a client's record, as a pure function of their revealed feedback.

A freelancer deciding whether to apply should not have to read fifty reviews to spot the two
that say "never paid". A warning is raised only with evidence (quotes, linked to the feedback)
and only when more than one person says so, so one grudge cannot brand a client.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from twoway.reputation.scoring import Aggregate

LOW_SCORE_BELOW = Decimal("3.50")
LOW_SCORE_MIN_REVIEWS = 3
THEME_MIN_AUTHORS = 2
MAX_EVIDENCE = 3

THEME_WARNINGS = {
    "non_payment": "Freelancers report not being paid, or paid late",
    "scope_change": "Freelancers report the scope changing midway",
    "respect": "Freelancers report abusive or disrespectful treatment",
}


@dataclass(frozen=True)
class Evidence:
    feedback_id: int
    author_id: int
    quote: str
    overall_hundredths: int


@dataclass(frozen=True)
class Warning:
    code: str  # low_score | non_payment | scope_change | respect
    message: str
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class ThemedComment:
    """A revealed, non-removed comment about the client, with one theme found in it."""

    feedback_id: int
    author_id: int
    theme: str
    polarity: str
    quote: str
    overall_hundredths: int


def is_low(aggregate: Aggregate) -> bool:
    """The low-score warning's condition."""
    score = aggregate.feedback_score
    return (
        score is not None
        and aggregate.review_count >= LOW_SCORE_MIN_REVIEWS
        and score < LOW_SCORE_BELOW
    )


def client_warnings(
    *,
    feedback_score: Decimal | None,
    review_count: int,
    themed: Iterable[ThemedComment],
    lowest: Sequence[Evidence] = (),
) -> list[Warning]:
    """The warnings for a client's record; each carries its evidence."""
    found: list[Warning] = []
    if (
        feedback_score is not None
        and review_count >= LOW_SCORE_MIN_REVIEWS
        and feedback_score < LOW_SCORE_BELOW
    ):
        found.append(
            Warning(
                code="low_score",
                message=f"Low feedback score: {feedback_score} over {review_count} reviews",
                evidence=tuple(lowest[:MAX_EVIDENCE]),
            )
        )
    complaints: dict[str, list[ThemedComment]] = {}
    for item in themed:
        if item.polarity == "complaint" and item.theme in THEME_WARNINGS:
            complaints.setdefault(item.theme, []).append(item)
    for theme, message in THEME_WARNINGS.items():
        items = complaints.get(theme, [])
        authors = {item.author_id for item in items}
        if len(authors) >= THEME_MIN_AUTHORS:
            evidence: list[Evidence] = []
            seen_authors: set[int] = set()
            for item in sorted(items, key=lambda i: (i.overall_hundredths, -i.feedback_id)):
                if item.author_id in seen_authors:
                    continue
                seen_authors.add(item.author_id)
                evidence.append(
                    Evidence(item.feedback_id, item.author_id, item.quote, item.overall_hundredths)
                )
            found.append(
                Warning(
                    code=theme,
                    message=f"{message} ({len(authors)} freelancers)",
                    evidence=tuple(evidence[:MAX_EVIDENCE]),
                )
            )
    return found
