"""The pure rules: no database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from twoway.feedback import rules

T0 = datetime(2026, 1, 1, tzinfo=UTC)
CLOSE = T0 + timedelta(days=14)


def test_overall_is_the_mean_of_the_criteria_to_two_decimals():
    assert rules.overall_score([5, 5, 5, 5, 5, 4]) == Decimal("4.83")
    assert rules.overall_score([1, 2, 3, 4, 5, 5]) == Decimal("3.33")
    assert rules.overall_score([5, 5, 5, 5, 4, 4]) == Decimal("4.67")


def test_a_comment_is_required_below_three():
    assert rules.comment_required(Decimal("2.99"))
    assert not rules.comment_required(Decimal("3.00"))


def test_each_side_rates_its_own_six_criteria():
    assert rules.ratings_problems("client", dict.fromkeys(rules.CRITERIA["client"], 4)) == []
    problems = rules.ratings_problems("client", dict.fromkeys(rules.CRITERIA["freelancer"], 4))
    assert any("missing" in p for p in problems)
    assert any("not rated by a client" in p for p in problems)


def test_stars_outside_one_to_five_are_refused():
    ratings = dict.fromkeys(rules.CRITERIA["freelancer"], 4)
    ratings["payment_promptness"] = 6
    assert rules.ratings_problems("freelancer", ratings)
    ratings["payment_promptness"] = True
    assert rules.ratings_problems("freelancer", ratings)


def test_a_lone_feedback_reveals_at_the_window_close():
    assert rules.reveals_at(window_closes_at=CLOSE, submitted_at=[T0]) == CLOSE


def test_the_second_submission_reveals_both_at_once():
    second = T0 + timedelta(days=3)
    assert rules.reveals_at(window_closes_at=CLOSE, submitted_at=[T0, second]) == second


def test_editing_ends_at_the_reveal():
    assert rules.can_edit(reveals_at=CLOSE, now=CLOSE - timedelta(seconds=1))
    assert not rules.can_edit(reveals_at=CLOSE, now=CLOSE)


def test_the_window_is_open_only_before_it_closes():
    assert rules.window_is_open(window_closes_at=CLOSE, now=CLOSE - timedelta(microseconds=1))
    assert not rules.window_is_open(window_closes_at=CLOSE, now=CLOSE)
    assert not rules.window_is_open(window_closes_at=None, now=T0)


def test_a_response_is_possible_for_thirty_days_after_the_reveal():
    assert not rules.can_respond(reveals_at=CLOSE, now=CLOSE - timedelta(seconds=1))
    assert rules.can_respond(reveals_at=CLOSE, now=CLOSE + timedelta(days=30))
    assert not rules.can_respond(reveals_at=CLOSE, now=CLOSE + timedelta(days=30, seconds=1))


def test_reminders_come_before_the_close_or_halfway_through_a_short_window():
    assert rules.reminder_at(ended_at=T0, window_closes_at=CLOSE, lead=timedelta(days=3)) == (
        CLOSE - timedelta(days=3)
    )
    short_close = T0 + timedelta(seconds=10)
    assert rules.reminder_at(
        ended_at=T0, window_closes_at=short_close, lead=timedelta(days=3)
    ) == T0 + timedelta(seconds=5)


instants = st.datetimes(
    min_value=datetime(2025, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(UTC)
)


@given(
    close=instants,
    submitted=st.lists(instants, min_size=0, max_size=2),
    now=instants,
)
def test_reveal_is_a_pure_function_of_the_facts_and_the_clock(close, submitted, now):
    # Feedback is only ever submitted before the close.
    submitted = [min(s, close - timedelta(microseconds=1)) for s in submitted]
    if not submitted:
        submitted = [close - timedelta(days=1)]
    at = rules.reveals_at(window_closes_at=close, submitted_at=submitted)
    assert at <= close
    assert at >= min(submitted)
    revealed = rules.is_revealed(reveals_at=at, now=now)
    both = len(submitted) == 2
    # Revealed iff both submitted (and the second is in the past) or the window has closed.
    assert revealed == ((both and now >= max(submitted)) or now >= close)
    # Order of submissions does not matter.
    assert rules.reveals_at(window_closes_at=close, submitted_at=list(reversed(submitted))) == at


@given(st.lists(st.integers(min_value=1, max_value=5), min_size=6, max_size=6))
def test_overall_is_always_within_the_stars_and_raising_one_never_lowers_it(stars):
    overall = rules.overall_score(stars)
    assert Decimal(min(stars)) <= overall <= Decimal(max(stars))
    for index in range(6):
        if stars[index] < 5:
            raised = list(stars)
            raised[index] += 1
            assert rules.overall_score(raised) >= overall
