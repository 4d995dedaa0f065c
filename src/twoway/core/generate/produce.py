"""Producing the rows: people, the market and the reputations, as a stream of messages.

``produce()`` yields ``("phase", name, total)``, ``("rows", units, {table: rows})`` and
``("stats", counter)`` messages; the loader writes what they carry. It runs either in the
loading process, or in a forked child (``Producer``) that sends the messages, pickled, through
a pipe: then generating the next chunk (Python) overlaps with inserting the last one (SQLite
spends about as long inserting a row as Python spends making it), on two cores.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import resource
import signal
import time
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from typing import Any

from twoway.core.generate import market as market_module
from twoway.core.generate import words
from twoway.core.generate.people import (
    DAY,
    OPERATORS,
    POOR_PAYER,
    ROLE_CLIENT,
    ROLE_FREELANCER,
    People,
)
from twoway.core.generate.tally import Tally, reputation_rows
from twoway.reputation.models import CRITERIA_FIELDS

USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "username",
    "first_name",
    "last_name",
    "email",
    "is_staff",
    "is_active",
    "date_joined",
    "is_client",
    "is_freelancer",
)
CLIENT_PROFILE_COLUMNS = (
    "user_id",
    "company",
    "payment_verified",
    "payment_verified_at",
    "updated_at",
)
FREELANCER_PROFILE_COLUMNS = (
    "user_id",
    "title",
    "overview",
    "hourly_rate_cents",
    "updated_at",
    "review_count",
    "sort_score",
    "sort_ranking",
    "success_score",
)
REPUTATION_COLUMNS = (
    "id",
    "user_id",
    "role",
    "review_count",
    "weight_total",
    "weighted_sum",
    "unweighted_sum",
    "stars_1",
    "stars_2",
    "stars_3",
    "stars_4",
    "stars_5",
    *CRITERIA_FIELDS,
    "given_count",
    "given_sum",
    "feedback_score",
    "ranking_score",
    "warning_count",
    "updated_at",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "core_skill": ("id", "name", "slug"),
    "accounts_user": USER_COLUMNS,
    "accounts_clientprofile": CLIENT_PROFILE_COLUMNS,
    "accounts_freelancerprofile": FREELANCER_PROFILE_COLUMNS,
    "reputation_reputation": REPUTATION_COLUMNS,
    **market_module.TABLES,
}

Message = tuple[Any, ...]


@dataclass(frozen=True)
class Plan:
    """Everything the rows are made from (built before a producer process is forked)."""

    users: int
    batch: int
    people: People
    banks: words.Banks
    rng: Any  # random.Random, in the state the people left it
    now: int
    now_exact: float
    window: int
    reminder_lead: int
    floor_cents: int
    password_hash: str
    ts: Callable[[int], Any]  # epoch seconds -> what the store writes


def produce(plan: Plan) -> Iterator[Message]:
    """Every generated row, phase by phase."""
    people, banks, ts, rng, now = plan.people, plan.banks, plan.ts, plan.rng, plan.now
    users_total = plan.users
    batch = plan.batch

    yield ("phase", "People", users_total)
    yield ("rows", 0, {"core_skill": list(banks.skills)})
    rnd = rng.random
    first_names, last_names = words.FIRST_NAMES, words.LAST_NAMES
    for low in range(1, users_total + 1, batch):
        users = []
        clients = []
        for uid in range(low, min(users_total + 1, low + batch)):
            first = first_names[people.first[uid]]
            last = last_names[people.last[uid]]
            role = people.roles[uid]
            joined = ts(people.joined[uid])
            staff = uid <= OPERATORS
            username = f"operator{uid}" if staff else f"{first.lower()}.{last.lower()}{uid}"
            is_client = bool(role & ROLE_CLIENT)
            users.append(
                (
                    uid,
                    plan.password_hash,
                    None,
                    staff,
                    username,
                    first,
                    last,
                    f"{username}@example.com",
                    staff,
                    True,
                    joined,
                    is_client,
                    bool(role & ROLE_FREELANCER),
                )
            )
            if is_client:
                poor = people.trait_client[uid] == POOR_PAYER
                verified = rnd() < (0.3 if poor else 0.6)
                company = ""
                if rnd() < 0.4:
                    company = (
                        f"{words.COMPANY_FIRST[int(rnd() * len(words.COMPANY_FIRST))]} "
                        f"{words.COMPANY_SECOND[int(rnd() * len(words.COMPANY_SECOND))]}"
                    )
                verified_at = (
                    ts(min(now, people.joined[uid] + int(rnd() * 20 * DAY))) if verified else None
                )
                clients.append((uid, company, verified, verified_at, joined))
        yield ("rows", len(users), {"accounts_user": users, "accounts_clientprofile": clients})

    tally = Tally(users_total + 1)
    target = round(users_total * market_module.CONTRACTS_PER_PERSON)
    market = market_module.Market(
        people=people,
        banks=banks,
        tally=tally,
        rng=rng,
        now=now,
        now_exact=plan.now_exact,
        window=plan.window,
        reminder_lead=plan.reminder_lead,
        floor_cents=plan.floor_cents,
        ts=ts,
        operators=list(range(1, OPERATORS + 1)),
    )
    yield ("phase", "Jobs, contracts, feedback", target)
    for chunk in market.chunks(target, batch):
        yield ("rows", chunk.contracts, chunk.rows)
    yield ("stats", market.stats)

    yield ("phase", "Reputations, profiles", users_total)
    at = ts(now)
    reputation_id = 0
    for low in range(1, users_total + 1, batch):
        high = min(users_total + 1, low + batch)
        reputations = []
        keys: dict[int, tuple[int, float, float, float | None]] = {}
        for row in reputation_rows(tally, low, high):
            reputation_id += 1
            aggregate = row.aggregate
            score = aggregate.feedback_score
            ranking = aggregate.ranking
            reputations.append(
                (
                    reputation_id,
                    row.user_id,
                    row.role,
                    aggregate.review_count,
                    aggregate.weight_total,
                    aggregate.weighted_sum,
                    aggregate.unweighted_sum,
                    *(aggregate.stars.get(level, 0) for level in (1, 2, 3, 4, 5)),
                    *(aggregate.criteria_sums.get(name, 0) for name in CRITERIA_FIELDS),
                    row.given_count,
                    row.given_sum,
                    None if score is None else str(score),
                    ranking,
                    row.warning_count,
                    at,
                )
            )
            if row.role == "freelancer":
                # The search keys _sync_search_keys copies onto the profile.
                keys[row.user_id] = (
                    aggregate.review_count,
                    float(score) if score is not None else -1.0,
                    ranking if ranking is not None else -1.0,
                    float(row.success) if row.success is not None else None,
                )
        profiles = []
        for uid in range(low, high):
            if not people.roles[uid] & ROLE_FREELANCER:
                continue
            p = people.profession[uid]
            review_count, sort_score, sort_ranking, success = keys.get(uid, (0, -1.0, -1.0, None))
            profiles.append(
                (
                    uid,
                    banks.profession_titles[p][people.title[uid]],
                    banks.overviews[p][people.overview[uid]],
                    people.rate[uid],
                    ts(min(now, people.joined[uid] + 2 * DAY)),
                    review_count,
                    sort_score,
                    sort_ranking,
                    success,
                )
            )
        yield (
            "rows",
            high - low,
            {"reputation_reputation": reputations, "accounts_freelancerprofile": profiles},
        )


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


class Producer:
    """``produce(plan)`` in a forked child; iterate the messages in the parent.

    The child only computes and writes to its pipe (never the database, stdout or any lock
    the parent may hold) and leaves with ``os._exit``, so nothing inherited is cleaned up
    twice. At most one message waits in the pipe: memory stays at about two chunks.
    """

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.pid = 0
        self.cpu_seconds = 0.0
        self.peak_rss_mib = 0.0

    def __iter__(self) -> Iterator[Message]:
        reader, writer = Pipe(duplex=False)
        self.pid = os.fork()
        if self.pid == 0:  # the child
            reader.close()
            self._child(writer)
        writer.close()
        finished = False
        try:
            while True:
                try:
                    # Our own child wrote it, through a pipe nobody else holds.
                    message = pickle.loads(reader.recv_bytes())  # noqa: S301
                except EOFError as exc:
                    raise RuntimeError("the generator process stopped unexpectedly") from exc
                if message[0] == "error":
                    raise RuntimeError(f"the generator process failed:\n{message[1]}")
                if message[0] == "end":
                    self.cpu_seconds, self.peak_rss_mib = message[1], message[2]
                    finished = True
                    break
                yield message
        finally:
            reader.close()
            self._reap(kill=not finished)

    def _child(self, writer: Connection) -> None:
        code = 0
        try:
            gc.disable()  # millions of short tuples, no cycles: the collector only costs time
            started = time.process_time()
            for message in produce(self.plan):
                writer.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))
            end = ("end", time.process_time() - started, peak_rss_mib())
            writer.send_bytes(pickle.dumps(end))
        except BaseException:  # the parent reports it
            code = 1
            try:
                writer.send_bytes(pickle.dumps(("error", traceback.format_exc())))
            except BaseException:  # the parent went away
                code = 2
        finally:
            os._exit(code)

    def _reap(self, *, kill: bool) -> None:
        """Wait for the child; stop it first if the load failed half way."""
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.pid, signal.SIGTERM)
        os.waitpid(self.pid, 0)
        self.pid = 0
