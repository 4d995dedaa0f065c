"""The feedback system's rules as pure functions: no ORM, no settings, no clock.

Callers pass stored facts and ``now``; the same inputs always give the same answer, which is
what lets every read path decide visibility without waiting for a background job.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

CLIENT = "client"
FREELANCER = "freelancer"

# What each side rates: the client rates the freelancer, the freelancer rates the client.
CRITERIA: dict[str, tuple[str, ...]] = {
    CLIENT: (
        "skills",
        "quality",
        "availability",
        "adherence_to_schedule",
        "communication",
        "cooperation",
    ),
    FREELANCER: (
        "clarity_of_requirements",
        "communication",
        "cooperation",
        "availability",
        "reasonable_deadlines",
        "payment_promptness",
    ),
}
ALL_CRITERIA: tuple[str, ...] = tuple(dict.fromkeys(CRITERIA[CLIENT] + CRITERIA[FREELANCER]))
CRITERION_LABELS = {
    "skills": "Skills",
    "quality": "Quality of work",
    "availability": "Availability",
    "adherence_to_schedule": "Adherence to schedule",
    "communication": "Communication",
    "cooperation": "Cooperation",
    "clarity_of_requirements": "Clarity of requirements",
    "reasonable_deadlines": "Reasonable deadlines",
    "payment_promptness": "Payment promptness",
}

MIN_STARS = 1
MAX_STARS = 5
COMMENT_REQUIRED_BELOW = Decimal("3")
COMMENT_MAX_LENGTH = 5000
PRIVATE_NOTE_MAX_LENGTH = 2000
RESPONSE_MAX_LENGTH = 2000
RESPONSE_WINDOW = timedelta(days=30)
WOULD_WORK_AGAIN_RANGE = range(0, 11)
TWO_PLACES = Decimal("0.01")


def other_role(role: str) -> str:
    return FREELANCER if role == CLIENT else CLIENT


def ratings_problems(role: str, ratings: Mapping[str, object]) -> list[str]:
    """Why ``ratings`` is not a complete, valid set of stars for ``role``'s side (empty if ok)."""
    expected = CRITERIA[role]
    problems = []
    missing = [key for key in expected if key not in ratings]
    unknown = [key for key in ratings if key not in expected]
    if missing:
        problems.append(f"missing ratings: {', '.join(missing)}")
    if unknown:
        problems.append(f"not rated by a {role}: {', '.join(sorted(unknown))}")
    for key in expected:
        value = ratings.get(key)
        if key in ratings and (
            not isinstance(value, int)
            or isinstance(value, bool)
            or not MIN_STARS <= value <= MAX_STARS
        ):
            problems.append(f"{key} must be a whole number of stars from 1 to 5")
    return problems


def overall_score(ratings: Iterable[int]) -> Decimal:
    """The mean of the criteria, rounded half-up to two decimals: (5,5,5,5,5,4) -> 4.83."""
    values = list(ratings)
    if not values:
        raise ValueError("no ratings")
    mean = Decimal(sum(values)) / Decimal(len(values))
    return mean.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def comment_required(overall: Decimal) -> bool:
    return overall < COMMENT_REQUIRED_BELOW


def reveals_at(*, window_closes_at: datetime, submitted_at: Iterable[datetime]) -> datetime:
    """When a contract's feedback becomes visible.

    Both sides submitted: at the second submission (never later than the window's close).
    Otherwise: at the window's close.
    """
    times = sorted(submitted_at)
    if len(times) >= 2:
        return min(times[1], window_closes_at)
    return window_closes_at


def is_revealed(*, reveals_at: datetime, now: datetime) -> bool:
    return now >= reveals_at


def window_is_open(*, window_closes_at: datetime | None, now: datetime) -> bool:
    """Feedback may be given only after the contract ended and before the window closes."""
    return window_closes_at is not None and now < window_closes_at


def can_edit(*, reveals_at: datetime, now: datetime) -> bool:
    """The author may edit until the reveal; revealed feedback is immutable."""
    return not is_revealed(reveals_at=reveals_at, now=now)


def response_deadline(*, reveals_at: datetime) -> datetime:
    return reveals_at + RESPONSE_WINDOW


def can_respond(*, reveals_at: datetime, now: datetime) -> bool:
    """The person rated may respond once, from the reveal until 30 days after it."""
    return reveals_at <= now <= response_deadline(reveals_at=reveals_at)


def reminder_at(*, ended_at: datetime, window_closes_at: datetime, lead: timedelta) -> datetime:
    """When to remind a party who has not given feedback: ``lead`` before the close, or halfway
    through the window when the window is shorter than twice the lead."""
    window = window_closes_at - ended_at
    if lead * 2 > window:
        return ended_at + window / 2
    return window_closes_at - lead
