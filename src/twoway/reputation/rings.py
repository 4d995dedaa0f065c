"""Rating rings: people who hire each other on tiny contracts and trade top ratings both ways.

Pure functions over facts about contracts (no ORM, no settings, no clock), so the rule is
tested without a database and the reveal hook and ``twoway abuse-scan`` share it exactly.

A **ring contract** is an ended contract whose feedback is revealed on both sides with

- less than ``small_contract_cents`` paid on it ($100 by default; nothing paid counts), and
- an overall score of at least ``top_score`` (4.75) given *each way*.

A **ring** is either

- a **pair**: two people with at least ``min_pair_contracts`` (3) ring contracts between them,
  in either direction of roles (A hires B, B hires A: it is one pair); or
- a **cycle**: three people where each of the three pairs has at least one ring contract
  (A and B, B and C, C and A trade top ratings on tiny contracts).

Each threshold alone is ordinary: small first jobs, mutual praise and repeat clients are all
common. Only all of them together — tiny money, perfect scores both ways, over and over within
the same two or three people — is what a bought reputation looks like. A ring is a *flag for
operators*, never an automatic penalty: they read the evidence and decide (docs/security.md).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Literal

PAIR: Final = "pair"
CYCLE: Final = "cycle"


@dataclass(frozen=True)
class Thresholds:
    small_contract_cents: int = 10_000  # paid strictly less than $100
    top_score: Decimal = Decimal("4.75")  # both overall scores at least this
    min_pair_contracts: int = 3  # ring contracts between the same two people


DEFAULT = Thresholds()


@dataclass(frozen=True)
class ContractFacts:
    """What the rule needs to know about one ended contract.

    ``client_gave`` is the overall score of the client's feedback (about the freelancer) and
    ``freelancer_gave`` that of the freelancer's; ``None`` when that side gave none or it is
    still sealed (callers pass revealed feedback only).
    """

    contract_id: int
    client_id: int
    freelancer_id: int
    paid_cents: int
    client_gave: Decimal | None
    freelancer_gave: Decimal | None

    @property
    def pair(self) -> tuple[int, int]:
        a, b = sorted((self.client_id, self.freelancer_id))
        return (a, b)


def is_ring_contract(facts: ContractFacts, thresholds: Thresholds = DEFAULT) -> bool:
    """Tiny money and top ratings both ways."""
    return (
        facts.paid_cents < thresholds.small_contract_cents
        and facts.client_gave is not None
        and facts.freelancer_gave is not None
        and facts.client_gave >= thresholds.top_score
        and facts.freelancer_gave >= thresholds.top_score
    )


@dataclass(frozen=True)
class Ring:
    kind: Literal["pair", "cycle"]
    people: tuple[int, ...]  # ascending ids: two for a pair, three for a cycle
    contracts: tuple[ContractFacts, ...]  # the ring contracts among them, by contract id

    @property
    def roles_swapped(self) -> bool:
        """Someone was the client on one ring contract and the freelancer on another."""
        clients = {c.client_id for c in self.contracts}
        freelancers = {c.freelancer_id for c in self.contracts}
        return bool(clients & freelancers)

    @property
    def total_paid_cents(self) -> int:
        return sum(c.paid_cents for c in self.contracts)

    @property
    def lowest_score(self) -> Decimal:
        """The lowest score given on any ring contract (at least the top-score threshold)."""
        return min(
            min(c.client_gave or Decimal(0), c.freelancer_gave or Decimal(0))
            for c in self.contracts
        )


def detect_rings(
    contracts: Iterable[ContractFacts], thresholds: Thresholds = DEFAULT
) -> list[Ring]:
    """Every pair and 3-person cycle in ``contracts`` that meets the ring rule.

    Contracts that are not ring contracts are ignored, so callers may pass anything. A pair that
    is a ring on its own may also be part of a cycle: both are reported, with their own
    evidence. Deterministic: rings come sorted by kind, then people.
    """
    by_pair: dict[tuple[int, int], list[ContractFacts]] = defaultdict(list)
    for facts in contracts:
        if facts.client_id != facts.freelancer_id and is_ring_contract(facts, thresholds):
            by_pair[facts.pair].append(facts)

    rings: list[Ring] = []
    for pair, found in sorted(by_pair.items()):
        if len(found) >= thresholds.min_pair_contracts:
            rings.append(Ring(PAIR, pair, _ordered(found)))

    neighbours: dict[int, set[int]] = defaultdict(set)
    for a, b in by_pair:
        neighbours[a].add(b)
        neighbours[b].add(a)
    for a, b in sorted(by_pair):  # a < b; the third person c > b, so each cycle appears once
        for c in sorted(neighbours[a] & neighbours[b]):
            if c > b:
                found = by_pair[(a, b)] + by_pair[(a, c)] + by_pair[(b, c)]
                rings.append(Ring(CYCLE, (a, b, c), _ordered(found)))
    return rings


def rings_with(rings: Iterable[Ring], *people: int) -> list[Ring]:
    """The rings that include all of ``people``."""
    wanted = set(people)
    return [ring for ring in rings if wanted <= set(ring.people)]


def _ordered(found: list[ContractFacts]) -> tuple[ContractFacts, ...]:
    return tuple(sorted(found, key=lambda c: c.contract_id))
