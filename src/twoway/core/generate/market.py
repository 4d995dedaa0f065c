"""The market: jobs, proposals, contracts, payments, feedback, themes, responses and reports,
made job by job and handed to the loader in chunks of ready-to-insert rows.

Every row obeys the schema's constraints and the domain's rules as the services would have
applied them (feedback only on ended contracts, by the two parties, inside the window;
``reveals_at`` per ``rules.reveals_at``; payments summing to ``total_paid_cents``; ...), and every
reveal that is due is recorded as processed (``revealed_at``), as if the sweeper had run. Each
counted feedback is added to the ``Tally`` as it is made, so reputations come out of the same
pass. The synthetic history bypasses the services on purpose (no audit events, no
notifications): it is for benchmarks, and a million service calls would take hours.
"""

from __future__ import annotations

import itertools
import math
import random
import statistics
from bisect import bisect
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from twoway.core.generate import words
from twoway.core.generate.people import DAY, POOR_PAYER, People
from twoway.core.generate.tally import (
    SEVERAL,
    STAR_SPLIT,
    TIER4_LARGE,
    TIER4_MEDIUM,
    TIER4_SMALL,
    WARNING_THEMES,
    Tally,
)
from twoway.feedback import rules
from twoway.reputation import scoring

HOUR = 3_600
WEEK = 7 * DAY
MAX_VALUE_CENTS = 50_000_000  # $500,000: the largest contract
MIN_VALUE_CENTS = 500  # $5

JOB_COLUMNS = (
    "id",
    "client_id",
    "title",
    "description",
    "budget_type",
    "budget_cents",
    "status",
    "created_at",
    "closed_at",
)
PROPOSAL_COLUMNS = (
    "id",
    "job_id",
    "freelancer_id",
    "cover_letter",
    "bid_cents",
    "status",
    "created_at",
    "decided_at",
)
CONTRACT_COLUMNS = (
    "id",
    "job_id",
    "proposal_id",
    "client_id",
    "freelancer_id",
    "title",
    "budget_type",
    "rate_cents",
    "status",
    "started_at",
    "ended_at",
    "ended_by_id",
    "end_reason",
    "feedback_window_closes_at",
    "total_paid_cents",
    "reminder_due_at",
)
PAYMENT_COLUMNS = ("id", "contract_id", "amount_cents", "memo", "created_by_id", "created_at")
FEEDBACK_COLUMNS = (
    "id",
    "contract_id",
    "author_id",
    "subject_id",
    "author_role",
    *rules.ALL_CRITERIA,
    "overall",
    "comment",
    "private_reason",
    "would_work_again",
    "private_note",
    "submitted_at",
    "updated_at",
    "reveals_at",
    "revealed_at",
    "removed_at",
    "removed_by_id",
    "removal_note",
)
THEME_COLUMNS = ("id", "feedback_id", "theme", "polarity", "evidence")
RESPONSE_COLUMNS = (
    "id",
    "feedback_id",
    "author_id",
    "text",
    "created_at",
    "removed_at",
    "removed_by_id",
    "removal_note",
)
REPORT_COLUMNS = (
    "id",
    "feedback_id",
    "target",
    "reporter_id",
    "reason",
    "details",
    "status",
    "created_at",
    "resolved_at",
    "resolved_by_id",
    "resolution_note",
)

# Table name -> columns, in the order a chunk is written (parents first).
TABLES: dict[str, tuple[str, ...]] = {
    "jobs_job": JOB_COLUMNS,
    "jobs_proposal": PROPOSAL_COLUMNS,
    "contracts_contract": CONTRACT_COLUMNS,
    "contracts_payment": PAYMENT_COLUMNS,
    "feedback_feedback": FEEDBACK_COLUMNS,
    "reputation_commenttheme": THEME_COLUMNS,
    "feedback_feedbackresponse": RESPONSE_COLUMNS,
    "feedback_report": REPORT_COLUMNS,
}

CONTRACTS_PER_PERSON = 3.2
# Hires per job (0: nobody was hired), as a bag to draw from.
HIRES = (0,) * 10 + (1,) * 64 + (2,) * 15 + (3,) * 6 + (4,) * 3 + (5, 6, 8)
# Proposals besides the hired ones.
EXTRA_PROPOSALS = (0, 0, 0, 1, 1, 1, 1, 2, 2, 3)
EXTRA_PROPOSALS_UNFILLED = (1, 1, 2, 2, 3, 4, 5)
FEEDBACK_BY_CLIENT = 0.80
FEEDBACK_BY_CLIENT_POOR_PAYER = 0.55
FEEDBACK_BY_FREELANCER = 0.78
FEEDBACK_ABOUT_POOR_PAYER = 0.90

# Tones by the trait of the person rated (people.TRAIT_WEIGHTS), as weights of A..F.
TONE_WEIGHTS = (
    (0.74, 0.15, 0.08, 0.025, 0.003, 0.002),
    (0.45, 0.18, 0.22, 0.12, 0.02, 0.01),
    (0.25, 0.12, 0.20, 0.28, 0.09, 0.06),
    (0.10, 0.08, 0.12, 0.35, 0.20, 0.15),
)
COMMENT_RATE = {"A": 0.70, "B": 0.80, "C": 0.88, "D": 0.95, "E": 1.0, "F": 1.0}
WOULD_WORK_AGAIN = {
    "A": (10, 10, 10, 10, 10, 9, 9, 9, 8, 10),
    "B": (10, 10, 9, 9, 9, 8, 8, 10),
    "C": (9, 8, 8, 8, 7, 10, 9),
    "D": (7, 6, 6, 5, 8, 4, 7, 3),
    "E": (3, 2, 4, 1, 5, 2),
    "F": (0, 0, 1, 1, 2, 0),
}
RESPONSE_RATE = {"A": 0.03, "B": 0.03, "C": 0.03, "D": 0.10, "E": 0.25, "F": 0.25}
REPORT_RATE = {"A": 0.0015, "B": 0.0015, "C": 0.0015, "D": 0.004, "E": 0.03, "F": 0.03}
REPORT_REASONS = ("harassment", "irrelevant", "extortion", "private_information", "off_platform")


# Standard normal quantiles: a table lookup is five times cheaper than random.gauss().
NORMAL = tuple(statistics.NormalDist().inv_cdf((i + 0.5) / 4096) for i in range(4096))


@dataclass(frozen=True)
class Stars:
    values: tuple[int, ...]  # six stars, in the rater's criteria order
    overall_hundredths: int
    overall: str  # "4.83"
    columns: tuple[int | None, ...]  # the nine criteria columns of the feedback table


def _stars_bank(
    rng: random.Random, author_role: str, low: int, high: int, *, unpaid: bool
) -> list[Stars]:
    """Star sets whose sum is in [low, high] (six criteria); ``unpaid``: payment promptness
    (the freelancer's sixth criterion) is one star."""
    bank = []
    own = rules.CRITERIA[author_role]
    for _ in range(160):
        values = [5] * 6
        if unpaid:
            values[5] = 1
        target = rng.randint(low, high)
        while sum(values) > target:
            i = rng.randrange(6)
            if values[i] > 1:
                values[i] -= 1
        overall = rules.overall_score(values)
        by_name = dict(zip(own, values, strict=True))
        columns = tuple(by_name.get(name) for name in rules.ALL_CRITERIA)
        bank.append(Stars(tuple(values), scoring.to_hundredths(overall), f"{overall:.2f}", columns))
    return bank


@dataclass
class Chunk:
    rows: dict[str, list[tuple[object, ...]]] = field(
        default_factory=lambda: {table: [] for table in TABLES}
    )
    contracts: int = 0


@dataclass
class Feedback:
    """What the generator decided about one side's feedback on a contract."""

    author: int
    subject: int
    by_client: bool
    tone: str
    bank: str
    unpaid: bool
    from_poor_payer: bool
    submitted: int


class Market:
    """Makes the market job by job; ``chunks()`` yields rows ready for the loader."""

    def __init__(
        self,
        *,
        people: People,
        banks: words.Banks,
        tally: Tally,
        rng: random.Random,
        now: int,
        now_exact: float,
        window: int,
        reminder_lead: int,
        floor_cents: int,
        ts: Callable[[int], Any],
        operators: list[int],
    ) -> None:
        if window < 3:
            raise ValueError("FEEDBACK_WINDOW must be at least 3 seconds to generate data")
        self.people = people
        self.banks = banks
        self.tally = tally
        self.rng = rng
        self.now = now  # whole seconds: every generated time is at most this
        self.success_since = now_exact - 30 * scoring.SUCCESS_MONTHS * DAY
        self.now_exact = now_exact  # the clock, for the 720-day success period
        self.window = window
        # rules.reminder_at, in seconds after the end: halfway through a short window.
        self.remind_after = window // 2 if reminder_lead * 2 > window else window - reminder_lead
        self.floor_cents = floor_cents
        self.ts = ts
        self.operators = operators
        self.stats: Counter[str] = Counter()
        self.job_id = self.proposal_id = self.contract_id = self.payment_id = 0
        self.feedback_id = self.theme_id = self.response_id = self.report_id = 0
        self.tone_tables = [self._tone_table(weights) for weights in TONE_WEIGHTS]
        self.star_banks = {
            (role, tone): _stars_bank(rng, role, low, high, unpaid=False)
            for role in (rules.CLIENT, rules.FREELANCER)
            for tone, (low, high) in words.TONE_STAR_SUMS.items()
        }
        self.unpaid_star_banks = {
            tone: _stars_bank(rng, rules.FREELANCER, low, high, unpaid=True)
            for tone, (low, high) in words.TONE_STAR_SUMS.items()
        }
        self.comment_banks = {
            bank: {tone: banks.comments[(bank, tone)] for tone in words.TONES}
            for bank in (words.ABOUT_FREELANCER, words.ABOUT_CLIENT, words.ABOUT_GOOD_CLIENT)
        }
        self.comment_banks[words.ABOUT_POOR_PAYER] = {
            tone: banks.comments[(words.ABOUT_POOR_PAYER, tone)] for tone in "EF"
        }
        self.pick_client = people.clients.picker(rng.random)
        self.pick_any_freelancer = people.freelancers.picker(rng.random)
        self.pick_by_profession = [
            pool.picker(rng.random) if pool.ids else self.pick_any_freelancer
            for pool in people.freelancers_by_profession
        ]
        self.profession_shares = list(itertools.accumulate(words.PROFESSION_SHARES.values()))
        self.first_names = [words.FIRST_NAMES[i] for i in people.first]

    @staticmethod
    def _tone_table(weights: tuple[float, ...]) -> str:
        return "".join(
            tone * round(weight * 1000) for tone, weight in zip(words.TONES, weights, strict=True)
        )

    def chunks(self, contracts: int, batch: int) -> Iterator[Chunk]:
        """Jobs until ``contracts`` contracts exist, in chunks of about ``batch`` contracts."""
        made = 0
        while made < contracts:
            chunk = Chunk()
            target = min(batch, contracts - made)
            job = self._job
            while chunk.contracts < target:
                job(chunk)
            made += chunk.contracts
            yield chunk

    # --- One job and everything that follows from it ------------------------------------------

    def _job(self, chunk: Chunk) -> None:
        rnd = self.rng.random
        people = self.people
        joined = people.joined
        banks = self.banks
        now = self.now
        ts = self.ts
        rows = chunk.rows

        client = self.pick_client()
        joined_client = joined[client]
        if rnd() < 0.8:
            profession = people.category[client]
        else:
            shares = self.profession_shares
            profession = bisect(shares, rnd() * shares[-1])
        templates = banks.templates_by_profession[profession]
        template_index = templates[int(rnd() * len(templates))]
        template = banks.job_templates[template_index]
        pick = self.pick_by_profession[profession]
        hires = HIRES[int(rnd() * len(HIRES))]

        # The first hire fixes when the job ran: after both people joined, before now.
        first = 0
        latest = now - HOUR
        earliest = joined_client + DAY
        if hires:
            for _ in range(8):
                candidate = pick() if rnd() < 0.85 else self.pick_any_freelancer()
                if candidate == client:
                    continue
                joined_freelancer = joined[candidate]
                earliest = (
                    joined_client if joined_client > joined_freelancer else joined_freelancer
                ) + DAY
                if earliest < latest:
                    first = candidate
                    break
            if not first:
                hires = 0
                earliest = joined_client + DAY
        if earliest >= latest:
            return  # joined yesterday: no job yet
        start = earliest + int(rnd() * (latest - earliest))
        created = start - int(HOUR + rnd() * 4 * DAY) if hires else start
        if created < joined_client:
            created = joined_client + (start - joined_client) // 2

        hired = [(first, start)] if hires else []  # (freelancer, contract start)
        last_start = start
        if hires > 1:
            chosen = {client, first}
            for _ in range(hires - 1):
                begins = start + int(rnd() * 10 * DAY)
                if begins > latest:
                    break
                for _ in range(6):
                    candidate = pick()
                    if candidate not in chosen and joined[candidate] <= begins - DAY:
                        chosen.add(candidate)
                        hired.append((candidate, begins))
                        if begins > last_start:
                            last_start = begins
                        break

        # Budget: fixed price (log-normal around the template's) or top hourly rate.
        low, high = template.budget
        fixed = template.budget_type == "fixed"
        if fixed:
            dollars = math.sqrt(low * high) * 0.3 * math.exp(0.9 * NORMAL[int(rnd() * 4096)])
            budget = int(dollars) * 100
            budget = MIN_VALUE_CENTS if budget < MIN_VALUE_CENTS else budget
            budget = MAX_VALUE_CENTS if budget > MAX_VALUE_CENTS else budget
        else:
            budget = (low + int(rnd() * (high - low + 1))) * 100

        # Open or closed: a job closes some days after its last hire, or unfilled after weeks.
        if hired:
            closes = last_start + int(DAY + rnd() * 30 * DAY)
        else:
            closes = created + int(5 * DAY + rnd() * 40 * DAY)
        closed = closes <= now
        self.job_id += 1
        job_id = self.job_id
        titles = banks.job_titles[template_index]
        title = titles[int(rnd() * len(titles))]
        descriptions = banks.job_descriptions[template_index]
        rows["jobs_job"].append(
            (
                job_id,
                client,
                title,
                descriptions[int(rnd() * len(descriptions))],
                template.budget_type,
                budget,
                "closed" if closed else "open",
                ts(created),
                ts(closes) if closed else None,
            )
        )
        self.stats["jobs_closed" if closed else "jobs_open"] += 1

        letters = banks.cover_letters[template_index]
        n_letters = len(letters)
        first_names = self.first_names
        name = words.NAME
        rate_of = people.rate
        proposals = rows["jobs_proposal"]
        contract = self._contract
        for freelancer, begins in hired:
            self.proposal_id += 1
            proposal_id = self.proposal_id
            if fixed:
                rate = int(budget * (0.7 + rnd() * 0.4)) // 500 * 500
                rate = MIN_VALUE_CENTS if rate < MIN_VALUE_CENTS else rate
            else:
                rate = int(rate_of[freelancer] * (0.9 + rnd() * 0.15))
                rate = 300 if rate < 300 else rate
            started_at = ts(begins)
            proposals.append(
                (
                    proposal_id,
                    job_id,
                    freelancer,
                    letters[int(rnd() * n_letters)].replace(name, first_names[freelancer]),
                    rate,
                    "hired",
                    ts(created + int(rnd() * (begins - created))),
                    started_at,
                )
            )
            contract(
                chunk,
                job_id,
                proposal_id,
                client,
                freelancer,
                title,
                fixed,
                rate,
                begins,
                started_at,
            )
        self.stats["proposals_hired"] += len(hired)

        bag = EXTRA_PROPOSALS if hired else EXTRA_PROPOSALS_UNFILLED
        extras = bag[int(rnd() * len(bag))]
        if not extras:
            return
        taken = {client, *(f for f, _ in hired)}
        last = closes if closed else now
        period = last - created if last - created < 14 * DAY else 14 * DAY
        for _ in range(extras):
            candidate = pick() if rnd() < 0.7 else self.pick_any_freelancer()
            sent = created + int(rnd() * period)
            if candidate in taken or joined[candidate] > sent:
                continue
            taken.add(candidate)
            self.proposal_id += 1
            r = rnd()
            if closed:
                if r < 0.15:
                    status, decided = "withdrawn", ts(sent + int(rnd() * (closes - sent)))
                elif r < 0.75:
                    status, decided = "declined", ts(sent + int(rnd() * (closes - sent)))
                else:
                    status, decided = "declined", ts(closes)  # declined by closing the job
            elif r < 0.65:
                status, decided = "pending", None
            elif r < 0.9:
                status, decided = "declined", ts(sent + int(rnd() * (now - sent)))
            else:
                status, decided = "withdrawn", ts(sent + int(rnd() * (now - sent)))
            if fixed:
                bid = int(budget * (0.6 + rnd() * 0.7)) // 500 * 500
                bid = MIN_VALUE_CENTS if bid < MIN_VALUE_CENTS else bid
            else:
                bid = int(rate_of[candidate] * (0.9 + rnd() * 0.2))
                bid = 300 if bid < 300 else bid
            proposals.append(
                (
                    self.proposal_id,
                    job_id,
                    candidate,
                    letters[int(rnd() * n_letters)].replace(name, first_names[candidate]),
                    bid,
                    status,
                    ts(sent),
                    decided,
                )
            )
            self.stats["proposals_" + status] += 1

    def _contract(
        self,
        chunk: Chunk,
        job_id: int,
        proposal_id: int,
        client: int,
        freelancer: int,
        title: str,
        fixed: bool,
        rate: int,
        start: int,
        started_at: str,
    ) -> None:
        rnd = self.rng.random
        now = self.now
        ts = self.ts
        rows = chunk.rows
        stats = self.stats
        poor_payer = self.people.trait_client[client] == POOR_PAYER

        if fixed:
            value = rate
            duration = int(10 * DAY * math.exp(0.9 * NORMAL[int(rnd() * 4096)]))
        else:
            hours = 12 * math.exp(1.1 * NORMAL[int(rnd() * 4096)])
            value = int(rate * (hours if hours < 1500 else 1500))
            value = MIN_VALUE_CENTS if value < MIN_VALUE_CENTS else value
            value = MAX_VALUE_CENTS if value > MAX_VALUE_CENTS else value
            duration = int(21 * DAY * math.exp(NORMAL[int(rnd() * 4096)]))
        duration = HOUR if duration < HOUR else 400 * DAY if duration > 400 * DAY else duration
        ends = start + duration
        ended = ends <= now - 60

        reason = ""
        ended_by = None
        if ended:
            r = rnd()
            if poor_payer:
                if r < 0.5:
                    reason = "completed"
                elif r < 0.75:
                    reason = "unresponsive"
                elif r < 0.9:
                    reason = "cancelled"
                else:
                    reason = "other"
                ended_by = freelancer if reason == "unresponsive" or rnd() < 0.4 else client
                u = rnd()
                paid = 0 if u < 0.45 else int(value * (0.2 + rnd() * 0.4)) if u < 0.8 else value
            else:
                if r < 0.84:
                    reason = "completed"
                elif r < 0.93:
                    reason = "cancelled"
                elif r < 0.97:
                    reason = "unresponsive"
                else:
                    reason = "other"
                client_ends = rnd() < (0.5 if reason == "unresponsive" else 0.72)
                ended_by = client if client_ends else freelancer
                if reason == "completed":
                    paid = 0 if rnd() < 0.02 else value
                else:
                    paid = 0 if rnd() < 0.35 else int(value * (0.1 + rnd() * 0.6))
            paid_until = ends
        else:
            progress = (now - start) / duration
            if fixed:
                parts = 1 if value < 100_000 else 2 if value < 500_000 else 3
                paid = value * int(progress * parts) // parts
            else:
                paid = int(value * progress)
            if poor_payer:
                paid = 0 if rnd() < 0.6 else paid // 3
            paid_until = now
        self.contract_id += 1
        contract_id = self.contract_id
        closes = ends + self.window
        remind = ends + self.remind_after
        if ended:
            ended_at = ts(ends)
            closes_at = ts(closes)
        rows["contracts_contract"].append(
            (
                contract_id,
                job_id,
                proposal_id,
                client,
                freelancer,
                title,
                "fixed" if fixed else "hourly",
                rate,
                "ended" if ended else "active",
                started_at,
                ended_at if ended else None,
                ended_by,
                reason,
                closes_at if ended else None,
                paid,
                # Reminders still ahead (the generator writes no notifications: earlier ones
                # count as sent).
                ts(remind) if ended and remind > now else None,
            )
        )
        chunk.contracts += 1
        if paid > 0:
            if fixed:
                payments = 1 if value < 100_000 else 2 if value < 500_000 else 3
                if paid < value and payments > 1:
                    payments -= 1
            else:
                payments = (paid_until - start) // WEEK
                payments = 1 if payments < 1 else 6 if payments > 6 else payments
            payments = paid if paid < payments else payments
            part = paid // payments
            step = (paid_until - start) // (payments + 1)
            payment_rows = rows["contracts_payment"]
            for i in range(payments):
                self.payment_id += 1
                if not fixed:
                    memo = f"Hours, week {i + 1}"
                elif payments == 3:
                    memo = self.banks.milestones[self.people.profession[freelancer]][i]
                elif payments == 2:
                    memo = ("Deposit", "Final payment")[i]
                else:
                    memo = "Payment for the finished work" if paid == value else "Deposit"
                payment_rows.append(
                    (
                        self.payment_id,
                        contract_id,
                        part if i < payments - 1 else paid - part * (payments - 1),
                        memo,
                        client,
                        ts(start + step * (i + 1)),
                    )
                )
        if not ended:
            stats["contracts_active"] += 1
            return
        stats["contracts_window_open" if closes > now else "contracts_window_closed"] += 1

        # Who gives feedback, and when (inside the window, and not after now).
        window = self.window - 2
        by_client: int | None = None  # when each side submitted its feedback
        by_freelancer: int | None = None
        if rnd() < (FEEDBACK_BY_CLIENT_POOR_PAYER if poor_payer else FEEDBACK_BY_CLIENT):
            delay = int(-1.5 * DAY * math.log(1.0 - rnd()))
            at = ends + 1 + (delay if delay < window else window)
            if at <= now:
                by_client = at
        if rnd() < (FEEDBACK_ABOUT_POOR_PAYER if poor_payer else FEEDBACK_BY_FREELANCER):
            delay = int(-2 * DAY * math.log(1.0 - rnd()))
            at = ends + 1 + (delay if delay < window else window)
            if at <= now:
                by_freelancer = at
        revealed: int | None
        if by_client is not None and by_freelancer is not None:
            # rules.reveals_at: both submitted, so the later submission (before the close).
            reveals = by_client if by_client > by_freelancer else by_freelancer
            revealed = reveals
            reveals_at = ts(reveals)
        else:
            reveals = closes  # a lone feedback is revealed when the window closes
            revealed = closes if closes <= now else None
            reveals_at = closes_at
        revealed_at = None if revealed is None else reveals_at

        about_freelancer = None  # (overall hundredths, would work again, counted)
        if by_client is not None:
            trait = self.people.trait_freelancer[freelancer]
            if reason == "unresponsive" and ended_by == client:
                trait = 3 if trait > 1 else trait + 2
            table = self.tone_tables[trait]
            about_freelancer = self._feedback(
                chunk,
                contract_id,
                client,
                freelancer,
                True,
                table[int(rnd() * len(table))],
                words.ABOUT_FREELANCER,
                False,
                poor_payer and rnd() < 0.5,
                reason,
                paid,
                by_client,
                reveals,
                revealed,
                reveals_at,
                revealed_at,
            )
        if by_freelancer is not None:
            trait_c = self.people.trait_client[client]
            unpaid = poor_payer and paid < value
            if unpaid:
                tone = "F" if rnd() < 0.6 else "E"
                bank = words.ABOUT_POOR_PAYER
            else:
                trait = 2 if poor_payer else trait_c
                if reason == "unresponsive" and ended_by == freelancer:
                    trait = 3 if trait > 1 else trait + 2
                table = self.tone_tables[trait]
                tone = table[int(rnd() * len(table))]
                bank = words.ABOUT_CLIENT if trait_c >= 3 else words.ABOUT_GOOD_CLIENT
            self._feedback(
                chunk,
                contract_id,
                freelancer,
                client,
                False,
                tone,
                bank,
                unpaid,
                False,
                reason,
                paid,
                by_freelancer,
                reveals,
                revealed,
                reveals_at,
                revealed_at,
            )

        # The freelancer's success score: ended contracts of the last 720 days whose feedback
        # about them is settled (revealed and not removed, or none given and the window closed).
        if ends >= self.success_since:
            outcome = None
            if about_freelancer is None:
                if closes <= self.now_exact:
                    outcome = 0
            elif about_freelancer[2]:
                overall, again, _ = about_freelancer
                if overall >= scoring.POSITIVE_MIN_OVERALL and again >= scoring.POSITIVE_MIN_AGAIN:
                    outcome = 1
                elif (
                    overall < scoring.NEGATIVE_BELOW_OVERALL or again <= scoring.NEGATIVE_MAX_AGAIN
                ):
                    outcome = -1
                else:
                    outcome = 0
            if outcome is not None:
                tally = self.tally
                tier = (
                    TIER4_LARGE
                    if paid >= scoring.TIER_LARGE_CENTS
                    else TIER4_MEDIUM
                    if paid >= scoring.TIER_MEDIUM_CENTS
                    else TIER4_SMALL
                )
                tally.success_net[freelancer] += tier * outcome
                tally.success_total[freelancer] += tier
                seen = tally.success_first_counterpart[freelancer]
                if seen == 0:
                    tally.success_first_counterpart[freelancer] = client
                elif seen != client:
                    tally.success_several[freelancer] = 1

    def _feedback(
        self,
        chunk: Chunk,
        contract_id: int,
        author: int,
        subject: int,
        by_client: bool,
        tone: str,
        bank: str,
        unpaid: bool,
        from_poor_payer: bool,
        reason: str,
        paid: int,
        submitted: int,
        reveals: int,
        revealed: int | None,
        reveals_at: str,
        revealed_at: str | None,
    ) -> tuple[int, int, bool]:
        """Write one feedback (and its themes, response, report); count it if it is revealed.
        Returns (overall hundredths, would work again, counted)."""
        rnd = self.rng.random
        rows = chunk.rows
        now = self.now

        if from_poor_payer:
            tone = "D" if rnd() < 0.5 else "E"
        if unpaid:
            stars_bank = self.unpaid_star_banks[tone]
        else:
            stars_bank = self.star_banks[(rules.CLIENT if by_client else rules.FREELANCER, tone)]
        stars = stars_bank[int(rnd() * len(stars_bank))]
        comment_text = ""
        comment = None
        if rnd() < COMMENT_RATE[tone]:
            if from_poor_payer:
                options = self.banks.from_poor_payer
            else:
                options = self.comment_banks[bank][tone]
            comment = options[int(rnd() * len(options))]
            comment_text = comment.text
            if comment.named:
                comment_text = comment_text.replace(words.NAME, self.first_names[subject])
        again_options = WOULD_WORK_AGAIN[tone]
        again = again_options[int(rnd() * len(again_options))]
        positive = tone in "ABC"
        if reason == "cancelled" and rnd() < 0.8:
            private_reason = "cancelled"
        elif positive or (tone == "D" and rnd() < 0.5):
            private_reason = "completed"
        elif unpaid:
            private_reason = "payment" if rnd() < 0.7 else "scope_change"
        elif by_client:
            private_reason = ("quality", "quality", "communication", "other")[int(rnd() * 4)]
        else:
            private_reason = ("payment", "scope_change", "communication")[int(rnd() * 3)]
        note = ""
        if rnd() < (0.04 if positive else 0.15):
            notes = self.banks.notes[(by_client, positive)]
            note = notes[int(rnd() * len(notes))]

        self.feedback_id += 1
        feedback_id = self.feedback_id
        removed_at = removed_by = None
        removal_note = ""
        if revealed is not None and comment is not None and reveals + HOUR < now:
            removed = self._aftermath(
                chunk, feedback_id, author, subject, by_client, tone, bank, reveals
            )
            if removed is not None:
                removed_at, removed_by, removal_note = removed
        submitted_at = self.ts(submitted)
        rows["feedback_feedback"].append(
            (
                feedback_id,
                contract_id,
                author,
                subject,
                rules.CLIENT if by_client else rules.FREELANCER,
                *stars.columns,
                stars.overall,
                comment_text,
                private_reason,
                again,
                note,
                submitted_at,
                submitted_at,
                reveals_at,
                revealed_at,
                removed_at,
                removed_by,
                removal_note,
            )
        )
        overall = stars.overall_hundredths
        counted = revealed is not None and removed_at is None
        if comment is not None and comment.themes:
            theme_rows = rows["reputation_commenttheme"]
            name = self.first_names[subject]
            for theme in comment.themes:
                self.theme_id += 1
                theme_rows.append(
                    (
                        self.theme_id,
                        feedback_id,
                        theme.theme,
                        theme.polarity,
                        theme.evidence.replace(words.NAME, name) if theme.named else theme.evidence,
                    )
                )
                if counted and not by_client and theme.warns:
                    key = subject * 4 + WARNING_THEMES.index(theme.theme)
                    theme_authors = self.tally.theme_authors
                    seen = theme_authors.get(key)
                    if seen is None:
                        theme_authors[key] = author
                    elif seen != author:
                        theme_authors[key] = SEVERAL

        stats = self.stats
        stats["feedback_revealed" if revealed is not None else "feedback_sealed"] += 1
        stats["feedback_overall_sum"] += overall
        if overall >= 475:
            stats["feedback_overall_475"] += 1

        if revealed is not None:
            # The reveal was processed: the reputation services made both people's rows.
            tally = self.tally
            subject_totals = tally.freelancer if by_client else tally.client
            author_totals = tally.client if by_client else tally.freelancer
            subject_totals.has_row[subject] = 1
            author_totals.has_row[author] = 1
            if counted:
                weight = (
                    paid if by_client else paid if paid > self.floor_cents else self.floor_cents
                )
                subject_totals.review_count[subject] += 1
                subject_totals.weight_total[subject] += weight
                subject_totals.weighted_sum[subject] += weight * overall
                subject_totals.unweighted_sum[subject] += overall
                upper, upper_share, lower, lower_share = STAR_SPLIT[overall]
                stars_sums = subject_totals.stars
                stars_sums[upper][subject] += upper_share
                if lower_share:
                    stars_sums[lower][subject] += lower_share
                values = stars.values
                sums = subject_totals.criteria_sums
                sums[0][subject] += values[0]
                sums[1][subject] += values[1]
                sums[2][subject] += values[2]
                sums[3][subject] += values[3]
                sums[4][subject] += values[4]
                sums[5][subject] += values[5]
                author_totals.given_count[author] += 1
                author_totals.given_sum[author] += overall
        return overall, again, counted

    def _aftermath(
        self,
        chunk: Chunk,
        feedback_id: int,
        author: int,
        subject: int,
        by_client: bool,
        tone: str,
        bank: str,
        reveals: int,
    ) -> tuple[str, int, str] | None:
        """A response from the person rated (within 30 days of the reveal) and a report
        (mostly by the person rated, about harsh comments), some upheld by an operator.
        Returns (removed at, removed by, note) when the feedback itself was removed."""
        rnd = self.rng.random
        now = self.now
        ts = self.ts
        rows = chunk.rows
        stats = self.stats
        banks = self.banks
        poor = bank == words.ABOUT_POOR_PAYER
        response = None
        answered = 0
        if rnd() < (0.35 if poor else RESPONSE_RATE[tone]):
            if poor:
                key = "poor_payer_disputes"
            elif tone in "ABC":
                key = "thanks_from_freelancer" if by_client else "thanks_from_client"
            else:
                key = "freelancer_answers" if by_client else "client_answers"
            texts = banks.responses[key]
            text = texts[int(rnd() * len(texts))].replace(words.NAME, self.first_names[author])
            answered = reveals + HOUR + int(rnd() * min(29 * DAY, now - reveals - HOUR))
            self.response_id += 1
            response = [self.response_id, feedback_id, subject, text, ts(answered), None, None, ""]
            stats["responses"] += 1
        removed = None
        if rnd() < (0.15 if poor else REPORT_RATE[tone]):
            on_response = response is not None and rnd() < 0.1
            reporter = author if on_response else subject
            if not on_response and rnd() < 0.1:
                someone = self.pick_any_freelancer()
                if someone not in (author, subject):
                    reporter = someone
            reported = reveals + HOUR + int(rnd() * min(10 * DAY, now - reveals - HOUR))
            if on_response and answered > reported:
                reported = answered
            resolved = reported + int(2 * HOUR + rnd() * 4 * DAY)
            operator = self.operators[int(rnd() * len(self.operators))]
            r = rnd()
            if resolved > now or r < 0.25:
                status, resolved_at, resolved_by, note = "open", None, None, ""
            elif r < 0.75:
                status, resolved_at, resolved_by = "dismissed", ts(resolved), operator
                note = words.RESOLUTION_NOTES[int(rnd() * 2)]
            else:
                status, resolved_at, resolved_by = "upheld", ts(resolved), operator
                note = words.RESOLUTION_NOTES[2]
            self.report_id += 1
            rows["feedback_report"].append(
                (
                    self.report_id,
                    feedback_id,
                    "response" if on_response else "feedback",
                    reporter,
                    REPORT_REASONS[int(rnd() * len(REPORT_REASONS))],
                    words.REPORT_DETAILS[int(rnd() * len(words.REPORT_DETAILS))],
                    status,
                    ts(reported),
                    resolved_at,
                    resolved_by,
                    note,
                )
            )
            stats["reports_" + status] += 1
            if status == "upheld":
                removal = words.REMOVAL_NOTES[int(rnd() * len(words.REMOVAL_NOTES))]
                if on_response:
                    assert response is not None
                    response[5:8] = [resolved_at, operator, removal]
                    stats["responses_removed"] += 1
                else:
                    assert resolved_at is not None
                    removed = (resolved_at, operator, removal)
                    stats["feedback_removed"] += 1
        if response is not None:
            rows["feedback_feedbackresponse"].append(tuple(response))
        return removed
