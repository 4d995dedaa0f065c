"""Rating rings are flagged for operators with their evidence, and only rings are."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from tests.conftest import make_contract, make_user
from tests.feedback.conftest import CLIENT_RATINGS, FREELANCER_RATINGS
from tests.support import audit_events
from twoway.accounts.models import User
from twoway.contracts.models import Contract
from twoway.core.errors import Conflict, PermissionDenied
from twoway.feedback import services as feedback_services
from twoway.feedback.models import Feedback
from twoway.reputation import services
from twoway.reputation.models import Reputation, RingFlag, RingKind, RingStatus

pytestmark = pytest.mark.django_db


def stars(ratings: dict[str, int], value: int) -> dict[str, int]:
    return dict.fromkeys(ratings, value)


def trade(
    client: User,
    freelancer: User,
    *,
    paid: int = 2_000,
    client_stars: int = 5,
    freelancer_stars: int = 5,
) -> Contract:
    """A contract between the two, ended, with feedback from both sides (so revealed)."""
    contract = make_contract(client, freelancer, paid_cents=paid, ended=True)
    comment = "" if min(client_stars, freelancer_stars) >= 3 else "Not good enough, sadly."
    feedback_services.feedback_submit(
        actor=client,
        contract_id=contract.pk,
        ratings=stars(CLIENT_RATINGS, client_stars),
        comment=comment,
        private_reason="completed",
        would_work_again=10,
    )
    feedback_services.feedback_submit(
        actor=freelancer,
        contract_id=contract.pk,
        ratings=stars(FREELANCER_RATINGS, freelancer_stars),
        comment=comment,
        private_reason="completed",
        would_work_again=10,
    )
    return contract


@pytest.fixture
def pair() -> tuple[User, User]:
    return (
        make_user("client", "freelancer", username="ring_ann"),
        make_user("client", "freelancer", username="ring_bob"),
    )


def test_two_people_trading_top_ratings_on_tiny_contracts_are_flagged_at_the_third(pair):
    ann, bob = pair
    first = trade(ann, bob, paid=1_500)
    second = trade(bob, ann, paid=0)
    assert not RingFlag.objects.exists()

    third = trade(ann, bob, paid=2_500)

    flag = RingFlag.objects.get()
    assert flag.kind == RingKind.PAIR
    assert flag.status == RingStatus.OPEN
    assert flag.people_ids == sorted([ann.pk, bob.pk])
    assert flag.contract_ids == [first.pk, second.pk, third.pk]
    assert flag.contract_count == 3
    assert flag.total_paid_cents == 4_000
    assert flag.lowest_score == Decimal("5.00")
    assert flag.roles_swapped
    evidence = flag.evidence[0]
    assert evidence == {
        "contract_id": first.pk,
        "title": first.title,
        "client_id": ann.pk,
        "freelancer_id": bob.pk,
        "paid_cents": 1_500,
        "client_gave": "5.00",
        "freelancer_gave": "5.00",
        "ended_at": first.ended_at.isoformat(),
    }
    (raised,) = audit_events(flag, "ring_flag.raised")
    assert raised.actor is None
    assert raised.after is not None
    assert raised.after["contracts"] == [first.pk, second.pk, third.pk]


def test_a_repeat_client_paying_real_amounts_is_not_flagged(pair):
    ann, bob = pair
    for _ in range(4):
        trade(ann, bob, paid=80_000)
    call_command("abuse_scan", stdout=StringIO())
    assert not RingFlag.objects.exists()


def test_a_repeat_client_with_honest_mixed_ratings_is_not_flagged(pair):
    ann, bob = pair
    for client_stars, freelancer_stars in [(5, 4), (4, 5), (5, 5), (3, 4), (4, 4)]:
        trade(ann, bob, paid=6_000, client_stars=client_stars, freelancer_stars=freelancer_stars)
    call_command("abuse_scan", stdout=StringIO())
    assert not RingFlag.objects.exists()


def test_one_sided_praise_is_not_a_ring(pair, clock):
    """Only one side spoke: the reveal comes at the window's close, and there is no trade."""
    ann, bob = pair
    for _ in range(3):
        contract = make_contract(ann, bob, paid_cents=1_000, ended=True)
        feedback_services.feedback_submit(
            actor=ann,
            contract_id=contract.pk,
            ratings=stars(CLIENT_RATINGS, 5),
            private_reason="completed",
            would_work_again=10,
        )
    clock.advance(days=15)
    feedback_services.reveals_process_due()
    call_command("abuse_scan", stdout=StringIO())
    assert not RingFlag.objects.exists()


def test_three_people_in_a_cycle_are_flagged_with_the_three_contracts(pair):
    ann, bob = pair
    cy = make_user("client", "freelancer", username="ring_cy")
    contracts = [trade(ann, bob), trade(bob, cy), trade(cy, ann, paid=0)]
    flag = RingFlag.objects.get()
    assert flag.kind == RingKind.CYCLE
    assert flag.people_ids == sorted([ann.pk, bob.pk, cy.pk])
    assert flag.contract_ids == [c.pk for c in contracts]


def test_the_scan_finds_rings_the_reveals_did_not_see_and_is_idempotent(pair, monkeypatch):
    ann, bob = pair
    monkeypatch.setattr(services, "ring_flags_check_reveals", lambda feedbacks: [])
    for _ in range(3):
        trade(ann, bob)
    assert not RingFlag.objects.exists()

    out = StringIO()
    call_command("abuse-scan", stdout=out)
    assert "1 newly flagged" in out.getvalue()
    flag = RingFlag.objects.get()
    assert flag.contract_count == 3

    again = StringIO()
    call_command("abuse-scan", stdout=again)
    assert "0 newly flagged" in again.getvalue()
    assert "1 unchanged" in again.getvalue()
    assert len(audit_events(flag)) == 1


def test_a_reveal_that_is_not_a_ring_contract_costs_no_ring_query(pair, monkeypatch):
    ann, bob = pair
    calls = []
    original = services._ring_flags_refresh

    def counted(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(services, "_ring_flags_refresh", counted)
    trade(ann, bob, paid=50_000)
    trade(ann, bob, paid=1_000, freelancer_stars=4)
    assert calls == []
    trade(ann, bob, paid=1_000)
    assert len(calls) == 1


@pytest.fixture
def flagged(pair) -> RingFlag:
    ann, bob = pair
    for n in range(3):
        trade(ann, bob) if n % 2 == 0 else trade(bob, ann)
    return RingFlag.objects.get()


def test_confirming_removes_the_rings_feedback_from_every_score(flagged, operator, pair):
    ann, bob = pair
    assert Reputation.objects.get(user=ann, role="freelancer").review_count == 1
    assert Reputation.objects.get(user=bob, role="freelancer").review_count == 2

    flag = services.ring_flag_confirm(operator=operator, flag_id=flagged.pk, note="Obvious")

    assert flag.status == RingStatus.CONFIRMED
    assert flag.resolved_by == operator
    assert flag.resolved_contract_ids == flag.contract_ids
    ring_feedback = Feedback.objects.filter(contract_id__in=flag.contract_ids)
    assert ring_feedback.count() == 6
    assert all(f.is_removed for f in ring_feedback)
    assert all(f"Rating ring (flag #{flag.pk}): Obvious" == f.removal_note for f in ring_feedback)
    for person in pair:
        for role in ("client", "freelancer"):
            assert Reputation.objects.get(user=person, role=role).review_count == 0
    for feedback in ring_feedback:
        (removed,) = audit_events(feedback, "feedback.removed")
        assert removed.actor == operator
    (confirmed,) = audit_events(flag, "ring_flag.confirmed")
    assert confirmed.actor == operator
    assert confirmed.after is not None
    assert sorted(confirmed.after["removed_feedback"]) == sorted(f.pk for f in ring_feedback)


def test_confirming_can_keep_the_feedback(flagged, operator):
    flag = services.ring_flag_confirm(operator=operator, flag_id=flagged.pk, remove_feedback=False)
    assert flag.status == RingStatus.CONFIRMED
    assert not Feedback.objects.filter(removed_at__isnull=False).exists()


def test_dismissing_keeps_everything_and_new_evidence_reopens_the_flag(flagged, operator, pair):
    ann, bob = pair
    flag = services.ring_flag_dismiss(operator=operator, flag_id=flagged.pk, note="Siblings")
    assert flag.status == RingStatus.DISMISSED
    assert flag.resolution_note == "Siblings"
    assert not Feedback.objects.filter(removed_at__isnull=False).exists()
    assert audit_events(flag, "ring_flag.dismissed")[0].actor == operator

    fourth = trade(bob, ann)

    flag.refresh_from_db()
    assert flag.status == RingStatus.OPEN
    assert flag.resolved_at is None
    assert flag.contract_ids[-1] == fourth.pk
    assert flag.resolved_contract_ids == flag.contract_ids[:3]
    (reopened,) = audit_events(flag, "ring_flag.reopened")
    assert reopened.before is not None
    assert reopened.after is not None
    assert reopened.before["status"] == RingStatus.DISMISSED
    assert reopened.after["contracts"] == flag.contract_ids


def test_only_operators_resolve_flags_and_only_once(flagged, stranger, operator):
    with pytest.raises(PermissionDenied) as error:
        services.ring_flag_confirm(operator=stranger, flag_id=flagged.pk)
    assert error.value.code == "not_an_operator"
    with pytest.raises(PermissionDenied):
        services.ring_flag_dismiss(operator=stranger, flag_id=flagged.pk)
    services.ring_flag_dismiss(operator=operator, flag_id=flagged.pk)
    with pytest.raises(Conflict) as resolved:
        services.ring_flag_confirm(operator=operator, flag_id=flagged.pk)
    assert resolved.value.code == "ring_flag_resolved"


def operator_client(operator: User) -> Client:
    client = Client()
    client.force_login(operator)
    return client


def test_the_admin_queue_lists_flags_with_their_evidence(flagged, operator):
    page = operator_client(operator).get("/admin/reputation/ringflag/")
    assert page.status_code == 200
    html = page.content.decode()
    for contract_id in flagged.contract_ids:
        assert f"/admin/contracts/contract/{contract_id}/change/" in html
    assert "client gave 5.00 · freelancer gave 5.00" in html
    assert "$20 · client gave" in html  # each contract
    assert "$60" in html  # the total
    for name in ("ring_ann", "ring_bob"):
        assert name in html


def test_the_flag_page_shows_contracts_amounts_ratings_links_and_history(flagged, operator):
    html = (
        operator_client(operator)
        .get(f"/admin/reputation/ringflag/{flagged.pk}/change/")
        .content.decode()
    )
    for item in flagged.evidence:
        assert f"/contracts/{item['contract_id']}/" in html
        assert item["title"] in html
    for feedback in Feedback.objects.filter(contract_id__in=flagged.contract_ids):
        assert f"/admin/feedback/feedback/{feedback.pk}/change/" in html
    assert "ring_flag.raised" in html
    assert "feedback.submitted" in html


def test_operators_confirm_and_dismiss_from_the_queue_but_never_delete(flagged, operator, pair):
    client = operator_client(operator)
    assert client.get(f"/admin/reputation/ringflag/{flagged.pk}/delete/").status_code == 403
    assert client.get("/admin/reputation/ringflag/add/").status_code == 403
    response = client.post(
        "/admin/reputation/ringflag/",
        {"action": "confirm_and_remove", "_selected_action": [flagged.pk]},
    )
    assert response.status_code == 302
    flagged.refresh_from_db()
    assert flagged.status == RingStatus.CONFIRMED
    assert Feedback.objects.filter(removed_at__isnull=False).count() == 6

    ann, bob = pair
    trade(ann, bob)  # reopens it
    client.post(
        "/admin/reputation/ringflag/",
        {"action": "dismiss_selected", "_selected_action": [flagged.pk]},
    )
    flagged.refresh_from_db()
    assert flagged.status == RingStatus.DISMISSED


def test_people_who_are_not_operators_cannot_see_the_queue(flagged, stranger):
    response = operator_client(stranger).get("/admin/reputation/ringflag/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
