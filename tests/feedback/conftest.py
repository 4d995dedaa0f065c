from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import make_contract
from twoway.accounts.models import User
from twoway.contracts.models import Contract

CLIENT_RATINGS = {
    "skills": 5,
    "quality": 5,
    "availability": 5,
    "adherence_to_schedule": 5,
    "communication": 5,
    "cooperation": 4,
}
FREELANCER_RATINGS = {
    "clarity_of_requirements": 4,
    "communication": 4,
    "cooperation": 5,
    "availability": 4,
    "reasonable_deadlines": 4,
    "payment_promptness": 5,
}
CLIENT_COMMENT = "Fred delivered early and the code is clean."
FREELANCER_COMMENT = "Carol was clear about what she needed."
CLIENT_PRIVATE_NOTE = "private-note-from-client-xyzzy"
FREELANCER_PRIVATE_NOTE = "private-note-from-freelancer-plugh"


def client_feedback(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "ratings": dict(CLIENT_RATINGS),
        "comment": CLIENT_COMMENT,
        "private_reason": "completed",
        "would_work_again": 9,
        "private_note": CLIENT_PRIVATE_NOTE,
    }
    values.update(overrides)
    return values


def freelancer_feedback(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "ratings": dict(FREELANCER_RATINGS),
        "comment": FREELANCER_COMMENT,
        "private_reason": "completed",
        "would_work_again": 8,
        "private_note": FREELANCER_PRIVATE_NOTE,
    }
    values.update(overrides)
    return values


@pytest.fixture
def ended(client_user: User, freelancer: User) -> Contract:
    """An ended contract with $1,000 paid; the feedback window is open."""
    return make_contract(client_user, freelancer, paid_cents=100_000, ended=True)
