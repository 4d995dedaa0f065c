"""The rating-ring rule as a pure function: tiny money, top scores both ways, repeated."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from twoway.reputation import rings
from twoway.reputation.rings import ContractFacts, detect_rings, is_ring_contract

TOP = Decimal("5.00")
_ids = iter(range(1, 1_000_000))


def contract(
    client: int,
    freelancer: int,
    *,
    paid: int = 2_000,
    client_gave: str | None = "5.00",
    freelancer_gave: str | None = "4.83",
) -> ContractFacts:
    return ContractFacts(
        contract_id=next(_ids),
        client_id=client,
        freelancer_id=freelancer,
        paid_cents=paid,
        client_gave=None if client_gave is None else Decimal(client_gave),
        freelancer_gave=None if freelancer_gave is None else Decimal(freelancer_gave),
    )


def test_a_ring_contract_is_tiny_and_rated_at_the_top_both_ways():
    assert is_ring_contract(contract(1, 2))
    assert is_ring_contract(contract(1, 2, paid=0))
    assert is_ring_contract(contract(1, 2, paid=9_999, client_gave="4.75", freelancer_gave="4.75"))


def test_real_money_or_a_lower_score_either_way_is_not_a_ring_contract():
    assert not is_ring_contract(contract(1, 2, paid=10_000))  # $100: the threshold is "below"
    assert not is_ring_contract(contract(1, 2, client_gave="4.74"))
    assert not is_ring_contract(contract(1, 2, freelancer_gave="4.67"))
    assert not is_ring_contract(contract(1, 2, freelancer_gave=None))  # one side said nothing


def test_three_tiny_top_rated_contracts_between_two_people_are_a_pair_ring():
    found = [contract(1, 2), contract(2, 1), contract(1, 2)]
    (ring,) = detect_rings(found)
    assert ring.kind == rings.PAIR
    assert ring.people == (1, 2)
    assert [c.contract_id for c in ring.contracts] == sorted(c.contract_id for c in found)
    assert ring.roles_swapped  # they hired each other
    assert ring.total_paid_cents == 6_000
    assert ring.lowest_score == Decimal("4.83")


def test_two_such_contracts_are_not_yet_a_ring():
    assert detect_rings([contract(1, 2), contract(2, 1)]) == []


def test_a_repeat_client_paying_real_amounts_is_not_a_ring():
    found = [contract(1, 2, paid=250_000) for _ in range(10)]
    assert detect_rings(found) == []


def test_a_repeat_client_with_honest_mixed_ratings_is_not_a_ring():
    scores = ["5.00", "4.50", "3.83", "4.67", "5.00", "4.17"]
    found = [contract(1, 2, paid=5_000, freelancer_gave=score) for score in scores]
    assert detect_rings(found) == []


def test_only_the_ring_contracts_are_evidence():
    ring_contracts = [contract(1, 2) for _ in range(3)]
    honest = [contract(1, 2, paid=80_000), contract(1, 2, freelancer_gave="3.50")]
    (ring,) = detect_rings(ring_contracts + honest)
    assert set(ring.contracts) == set(ring_contracts)
    assert not ring.roles_swapped  # the same client each time


def test_three_people_trading_top_ratings_in_a_cycle_are_a_ring():
    found = [contract(1, 2), contract(2, 3), contract(3, 1)]
    (ring,) = detect_rings(found)
    assert ring.kind == rings.CYCLE
    assert ring.people == (1, 2, 3)
    assert len(ring.contracts) == 3


def test_a_chain_is_not_a_cycle():
    assert detect_rings([contract(1, 2), contract(2, 3), contract(3, 4)]) == []


def test_a_pair_ring_inside_a_cycle_is_reported_as_both():
    found = [contract(1, 2), contract(2, 1), contract(1, 2), contract(2, 3), contract(1, 3)]
    kinds = sorted((ring.kind, ring.people) for ring in detect_rings(found))
    assert kinds == [(rings.CYCLE, (1, 2, 3)), (rings.PAIR, (1, 2))]


def test_rings_with_picks_the_rings_of_given_people():
    found = detect_rings([contract(1, 2), contract(2, 3), contract(3, 1)])
    assert rings.rings_with(found, 1, 2) == found
    assert rings.rings_with(found, 1, 4) == []


def test_thresholds_are_parameters():
    strict = rings.Thresholds(small_contract_cents=1_000, top_score=Decimal("5"))
    found = [contract(1, 2, paid=500, freelancer_gave="5.00") for _ in range(3)]
    assert len(detect_rings(found, strict)) == 1
    assert detect_rings([contract(1, 2) for _ in range(3)], strict) == []


scores = st.decimals(min_value=1, max_value=5, places=2)
people = st.integers(min_value=1, max_value=6)


@st.composite
def honest_contract(draw: st.DrawFn) -> ContractFacts:
    """Either real money, or a score below the top on at least one side."""
    client = draw(people)
    freelancer = draw(people.filter(lambda p: p != client))
    real_money = draw(st.booleans())
    paid = draw(st.integers(10_000, 10**8) if real_money else st.integers(0, 9_999))
    client_gave = draw(scores)
    freelancer_gave = draw(scores)
    if not real_money and min(client_gave, freelancer_gave) >= Decimal("4.75"):
        freelancer_gave = draw(st.decimals(min_value=1, max_value=Decimal("4.74"), places=2))
    return ContractFacts(next(_ids), client, freelancer, paid, client_gave, freelancer_gave)


@given(st.lists(honest_contract(), max_size=40))
def test_no_amount_of_honest_contracts_makes_a_ring(found):
    assert detect_rings(found) == []


@given(st.lists(st.tuples(people, people), max_size=30))
def test_every_ring_is_backed_by_enough_ring_contracts_among_its_people(edges):
    found = [contract(a, b) for a, b in edges if a != b]
    for ring in detect_rings(found):
        assert all(set(c.pair) <= set(ring.people) for c in ring.contracts)
        if ring.kind == rings.PAIR:
            assert len(ring.contracts) >= rings.DEFAULT.min_pair_contracts
        else:
            pairs = {c.pair for c in ring.contracts}
            a, b, c = ring.people
            assert pairs == {(a, b), (a, c), (b, c)}
