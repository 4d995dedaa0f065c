"""The people of a generated marketplace, held in typed arrays indexed by user id.

A million people as Python objects would cost a gigabyte; as ``array`` columns they cost a few
bytes each. Everything the market generator needs to know about a person lives here: when they
joined, their roles, names, profession and rate, how busy they are (the activity weights behind
the power law) and what kind of client or freelancer they are (their "trait").
"""

from __future__ import annotations

import itertools
import math
import random
from array import array
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass

from twoway.core.generate import words

DAY = 86_400
HISTORY_DAYS = 3 * 365  # the marketplace opened three years before "now"
OPERATORS = 3  # staff accounts that moderate reports; ids 1..3

# Roles of the people who are not operators.
CLIENT_ONLY, FREELANCER_ONLY = 0.33, 0.57  # the rest (10%) act in both roles
IDLE_CLIENTS = 0.15  # signed up as clients and never hired anyone
IDLE_FREELANCERS = 0.20  # never hired
POOR_PAYER_SHARE = 0.025  # clients who often do not pay (their record shows warnings)

# Traits: how people do their work, best first. As a freelancer: 0 great, 1 good, 2 uneven,
# 3 poor. As a client: the same, and 4 for a client who often does not pay.
TRAIT_WEIGHTS = (0.64, 0.25, 0.08, 0.03)
POOR_PAYER = 4
# Busier freelancers are the better ones: clients rehire and recommend them.
TRAIT_ACTIVITY = (1.2, 1.0, 0.7, 0.35)

ROLE_CLIENT, ROLE_FREELANCER, ROLE_OPERATOR = 1, 2, 4


@dataclass
class Pool:
    """People to pick from in proportion to their activity weight (a power law)."""

    ids: list[int]
    cumulative: list[float]

    @property
    def total(self) -> float:
        return self.cumulative[-1] if self.cumulative else 0.0

    def picker(self, rnd: Callable[[], float]) -> Callable[[], int]:
        ids, cumulative, total = self.ids, self.cumulative, self.total
        if not ids:
            raise ValueError("empty pool")

        def pick() -> int:
            return ids[bisect(cumulative, rnd() * total)]

        return pick


def _pool(pairs: list[tuple[int, float]]) -> Pool:
    pairs = [(uid, w) for uid, w in pairs if w > 0]
    return Pool([uid for uid, _ in pairs], list(itertools.accumulate(w for _, w in pairs)))


@dataclass
class People:
    count: int  # people, operators included; ids 1..count
    start: int  # epoch seconds: the marketplace's first day
    joined: array  # epoch seconds
    roles: array  # ROLE_* bits
    first: array  # index into words.FIRST_NAMES
    last: array  # index into words.LAST_NAMES
    profession: array  # freelancers: index into words.PROFESSIONS; -1 otherwise
    title: array  # freelancers: index into the profession's titles
    overview: array  # freelancers: index into the profession's overviews
    rate: array  # freelancers: hourly rate in cents
    trait_freelancer: array
    trait_client: array
    category: array  # clients: the profession they mostly hire (-1 for non-clients)
    clients: Pool
    freelancers: Pool
    freelancers_by_profession: list[Pool]

    def first_name(self, uid: int) -> str:
        return words.FIRST_NAMES[self.first[uid]]

    def username(self, uid: int) -> str:
        first = words.FIRST_NAMES[self.first[uid]].lower()
        last = words.LAST_NAMES[self.last[uid]].lower()
        return f"{first}.{last}{uid}"

    def is_client(self, uid: int) -> bool:
        return bool(self.roles[uid] & ROLE_CLIENT)

    def is_freelancer(self, uid: int) -> bool:
        return bool(self.roles[uid] & ROLE_FREELANCER)

    @property
    def client_count(self) -> int:
        return sum(1 for r in self.roles if r & ROLE_CLIENT)

    @property
    def freelancer_count(self) -> int:
        return sum(1 for r in self.roles if r & ROLE_FREELANCER)


def _weighted_index(rng: random.Random, cumulative: list[float]) -> int:
    return bisect(cumulative, rng.random() * cumulative[-1])


def build_people(rng: random.Random, count: int, now: int, banks: words.Banks) -> People:
    """Draw ``count`` people (the first ``OPERATORS`` of them staff)."""
    if count < OPERATORS + 10:
        raise ValueError(f"generate at least {OPERATORS + 10} people")
    size = count + 1  # index 0 is unused: ids start at 1
    start = now - HISTORY_DAYS * DAY
    span = now - DAY - start
    joined = array("q", bytes(8 * size))
    roles = array("b", bytes(size))
    first = array("H", bytes(2 * size))
    last = array("H", bytes(2 * size))
    profession = array("b", [-1]) * size
    title = array("b", bytes(size))
    overview = array("H", bytes(2 * size))
    rate = array("i", bytes(4 * size))
    trait_f = array("b", bytes(size))
    trait_c = array("b", bytes(size))
    category = array("b", [-1]) * size

    # The busiest people: a few hundred contracts in a large market, fewer in a small one
    # (one client holding a fifth of a small market's contracts would look odd).
    client_cap = min(500.0, 5 + count / 400)
    freelancer_cap = min(400.0, 5 + count / 500)
    shares = list(itertools.accumulate(words.PROFESSION_SHARES.values()))
    traits = list(itertools.accumulate(TRAIT_WEIGHTS))
    random_ = rng.random
    paretovariate = rng.paretovariate
    n_first, n_last = len(words.FIRST_NAMES), len(words.LAST_NAMES)
    client_pairs: list[tuple[int, float]] = []
    freelancer_pairs: list[tuple[int, float]] = []
    by_profession: list[list[tuple[int, float]]] = [[] for _ in words.PROFESSIONS]
    for uid in range(1, size):
        first[uid] = int(random_() * n_first)
        last[uid] = int(random_() * n_last)
        if uid <= OPERATORS:
            joined[uid] = start
            roles[uid] = ROLE_OPERATOR
            continue
        # More people join as the marketplace grows: skewed towards recent dates.
        joined[uid] = start + int(span * random_() ** 0.6)
        tenure = (now - joined[uid]) / (now - start)
        r = random_()
        is_client = r < CLIENT_ONLY or r >= CLIENT_ONLY + FREELANCER_ONLY
        is_freelancer = r >= CLIENT_ONLY
        roles[uid] = (ROLE_CLIENT if is_client else 0) | (ROLE_FREELANCER if is_freelancer else 0)
        if is_client:
            category[uid] = bisect(shares, random_() * shares[-1])
            if random_() < POOR_PAYER_SHARE:
                trait_c[uid] = POOR_PAYER
            else:
                trait_c[uid] = bisect(traits, random_() * traits[-1])
            if random_() >= IDLE_CLIENTS:
                weight = min(paretovariate(1.1), client_cap) * tenure
                if trait_c[uid] == POOR_PAYER:
                    weight = max(weight, 1.0)  # enough contracts for a pattern to show
                client_pairs.append((uid, weight))
        if is_freelancer:
            p = bisect(shares, random_() * shares[-1])
            profession[uid] = p
            title[uid] = int(random_() * len(banks.profession_titles[p]))
            overview[uid] = int(random_() * len(banks.overviews[p]))
            low, high = banks.rates[p]
            # Log-uniform within the profession's range, a few outliers either side.
            dollars = math.exp(math.log(low) + random_() * (math.log(high) - math.log(low)))
            dollars *= rng.lognormvariate(0, 0.2)
            rate[uid] = max(300, min(100_000, int(dollars) * 100))
            trait = bisect(traits, random_() * traits[-1])
            trait_f[uid] = trait
            if random_() >= IDLE_FREELANCERS:
                weight = min(paretovariate(1.25), freelancer_cap) * tenure * TRAIT_ACTIVITY[trait]
                freelancer_pairs.append((uid, weight))
                by_profession[p].append((uid, weight))
    if not client_pairs or not freelancer_pairs:
        raise ValueError("too few people to make a market; generate more")
    return People(
        count=count,
        start=start,
        joined=joined,
        roles=roles,
        first=first,
        last=last,
        profession=profession,
        title=title,
        overview=overview,
        rate=rate,
        trait_freelancer=trait_f,
        trait_client=trait_c,
        category=category,
        clients=_pool(client_pairs),
        freelancers=_pool(freelancer_pairs),
        freelancers_by_profession=[_pool(pairs) for pairs in by_profession],
    )
