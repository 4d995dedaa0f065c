"""``generate()``: a whole synthetic marketplace in one transaction, phase by phase."""

from __future__ import annotations

import gc
import random
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from twoway.accounts.models import FreelancerProfile, User
from twoway.contracts.models import Contract, Payment
from twoway.core import clock
from twoway.core.generate import words
from twoway.core.generate.people import DAY, build_people
from twoway.core.generate.produce import COLUMNS, Message, Plan, Producer, peak_rss_mib, produce
from twoway.core.generate.store import Store
from twoway.core.models import AuditEvent, Skill
from twoway.feedback.models import Feedback, FeedbackResponse, Report
from twoway.jobs.models import Job, Proposal
from twoway.reputation.models import CommentTheme, Reputation

# Every generated person can sign in with this password (one Argon2 hash, computed once).
PASSWORD = "generated-password"  # noqa: S105 - benchmark data, printed by the command

APPS = ("accounts", "core", "jobs", "contracts", "feedback", "reputation", "notifications")
EXTRA_TABLES = ("search_freelancer", "search_job", "django_admin_log", "django_session")
LOADED_TABLES = (
    "accounts_user",
    "accounts_clientprofile",
    "accounts_freelancerprofile",
    "accounts_freelancerprofile_skills",
    "core_skill",
    "jobs_job",
    "jobs_job_skills",
    "jobs_proposal",
    "contracts_contract",
    "contracts_payment",
    "feedback_feedback",
    "feedback_feedbackresponse",
    "feedback_report",
    "reputation_reputation",
    "reputation_commenttheme",
    "search_freelancer",
    "search_job",
)
SEQUENCED_MODELS = (
    User,
    FreelancerProfile,
    Skill,
    Job,
    Proposal,
    Contract,
    Payment,
    Feedback,
    FeedbackResponse,
    Report,
    Reputation,
    CommentTheme,
)


class GenerateRefused(Exception):
    """The database already holds data: generate only fills empty (benchmark) databases."""


@dataclass(frozen=True)
class Options:
    users: int
    seed: int = 1
    batch: int = 20_000
    wipe: bool = False
    processes: int = 0  # 1: all in this process; 2: rows made in a forked child; 0: default


@dataclass
class Phase:
    name: str
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    rows: int = 0


@dataclass
class Result:
    now: datetime
    counts: dict[str, int] = field(default_factory=dict)
    phases: list[Phase] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    stats: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    producer_cpu_seconds: float = 0.0  # the forked row producer, when there was one
    producer_peak_rss_mib: float = 0.0
    server_cpu_seconds: float | None = None  # the PostgreSQL backend (parallel workers aside)
    peak_rss_mib: float = 0.0
    password: str = PASSWORD

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


class Reporter:
    """Progress callbacks; the management command draws them with rich."""

    def start(self, phase: str, total: int | None) -> None:
        """A phase begins; ``total`` is in the phase's own unit (people, contracts, steps)."""

    def advance(self, done: int, rows: int) -> None:
        """``done`` units and ``rows`` rows more."""

    def finish(self) -> None:
        """The phase ended."""


def model_tables() -> list[str]:
    """Every table of the marketplace's models: generate refuses unless all are empty."""
    tables: list[str] = []
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            tables.append(model._meta.db_table)
            for m2m in model._meta.local_many_to_many:
                through = m2m.remote_field.through
                if through is not None and through._meta.auto_created:
                    tables.append(through._meta.db_table)
    return list(dict.fromkeys(tables))


def generate(options: Options, reporter: Reporter | None = None) -> Result:
    """Fill an empty database with a synthetic marketplace of ``options.users`` people."""
    reporter = reporter or Reporter()
    started, started_cpu = time.perf_counter(), time.process_time()
    store = Store.for_connection()
    # Search documents and sessions are not data of their own: they are cleared regardless.
    tables = [*model_tables(), *EXTRA_TABLES]
    busy = store.non_empty(model_tables())
    if busy and not options.wipe:
        people = int(store.scalar("SELECT count(*) FROM accounts_user"))
        raise GenerateRefused(
            f"The database already holds data ({people:,} people; non-empty tables: "
            f"{', '.join(busy)}). twoway generate fills empty benchmark databases only; "
            "pass --wipe to delete ALL marketplace data first."
        )
    now_dt = clock.now()
    result = Result(now=now_dt)
    phases = result.phases

    @contextmanager
    def phase(name: str, total: int | None) -> Iterator[Phase]:
        record = Phase(name)
        wall, cpu = time.perf_counter(), time.process_time()
        reporter.start(name, total)
        yield record
        reporter.finish()
        record.seconds = time.perf_counter() - wall
        record.cpu_seconds = time.process_time() - cpu
        phases.append(record)

    counts = result.counts

    def write(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        store.write(table, columns, rows)
        counts[table] = counts.get(table, 0) + len(rows)

    server_cpu = store.server_cpu_seconds()
    store.session_start()
    try:
        with transaction.atomic():
            store.clear(tables)
            store.drop_indexes(LOADED_TABLES)
            _load(options, store, reporter, result, phase, write)
    finally:
        store.session_end()
    server_cpu_end = store.server_cpu_seconds()
    if server_cpu is not None and server_cpu_end is not None:
        result.server_cpu_seconds = server_cpu_end - server_cpu
    result.notes = [*store.notes, *result.notes]
    result.peak_rss_mib = peak_rss_mib()
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = time.process_time() - started_cpu
    return result


def _load(
    options: Options,
    store: Store,
    reporter: Reporter,
    result: Result,
    phase: Any,
    write: Any,
) -> None:
    now_exact = result.now.timestamp()
    now = int(now_exact)
    window = max(1, round(settings.FEEDBACK_WINDOW.total_seconds()))
    rng = random.Random(options.seed)
    batch = max(1000, options.batch)

    with phase("Words and people", options.users):
        banks = words.build_banks(rng)
        people = build_people(rng, options.users, now, banks)
        reporter.advance(options.users, 0)
    plan = Plan(
        users=options.users,
        batch=batch,
        people=people,
        banks=banks,
        rng=rng,
        now=now,
        now_exact=now_exact,
        window=window,
        reminder_lead=round(settings.FEEDBACK_REMINDER_BEFORE.total_seconds()),
        floor_cents=settings.CLIENT_FLOOR_WEIGHT_CENTS,
        password_hash=make_password(PASSWORD),
        ts=store.formatter(people.start - 2 * DAY, now + window + 60 * DAY),
    )

    processes = options.processes or store.default_processes
    producer = Producer(plan) if processes > 1 else None
    if producer is not None:
        result.notes.append(
            "Rows made in a second process (forked) while this one writes them: "
            "generating and inserting overlap on two cores"
        )
    messages: Iterator[Message] = iter(producer if producer is not None else produce(plan))
    current: Any = None
    collector = gc.isenabled()
    gc.disable()  # millions of short tuples, no cycles: the collector only costs time
    try:
        for message in messages:
            kind = message[0]
            if kind == "phase":
                if current is not None:
                    current.__exit__(None, None, None)
                current = phase(message[1], message[2])
                record = current.__enter__()
            elif kind == "rows":
                rows = 0
                for table, batch_rows in message[2].items():
                    write(table, COLUMNS[table], batch_rows)
                    rows += len(batch_rows)
                record.rows += rows
                reporter.advance(message[1], rows)
            elif kind == "stats":
                result.stats.update(message[1])
    finally:
        close = getattr(messages, "close", None)
        if close is not None:
            close()
        if collector:
            gc.enable()
    if current is not None:
        current.__exit__(None, None, None)
    if producer is not None:
        result.producer_cpu_seconds = producer.cpu_seconds
        result.producer_peak_rss_mib = producer.peak_rss_mib

    with phase("Skills (jobs, freelancers)", 2) as record:
        store.gen_table(
            "gen_job_skill",
            "title varchar(200), variant integer, skill_id bigint",
            banks.job_skill_rows,
            "title, variant",
        )
        store.gen_table(
            "gen_freelancer_skill",
            "title varchar(200), variant integer, skill_id bigint",
            banks.freelancer_skill_rows,
            "title, variant",
        )
        job_skills, freelancer_skills = store.insert_m2m_skills()
        result.counts["jobs_job_skills"] = job_skills
        result.counts["accounts_freelancerprofile_skills"] = freelancer_skills
        record.rows = job_skills + freelancer_skills
        reporter.advance(2, record.rows)
        store.execute("DROP TABLE gen_job_skill")
        store.execute("DROP TABLE gen_freelancer_skill")

    def search() -> None:
        with phase("Search documents", 1) as record:
            freelancers, jobs = store.insert_search_documents()
            result.counts["search_freelancer"] = freelancers
            result.counts["search_job"] = jobs
            record.rows = freelancers + jobs
            reporter.advance(1, record.rows)

    def indexes() -> None:
        with phase("Indexes and triggers", len(store.dropped)):
            store.recreate(lambda name: reporter.advance(1, 0))

    if store.search_before_indexes:
        search()
        indexes()
    else:
        indexes()
        search()

    with phase("Sequences, analyze, audit", 3) as record:
        store.reset_sequences(SEQUENCED_MODELS)
        reporter.advance(1, 0)
        store.analyze(LOADED_TABLES)
        reporter.advance(1, 0)
        AuditEvent.objects.create(
            actor=None,
            action="data.generated",
            target_type="twoway.generate",
            target_id=0,
            after={
                "users": options.users,
                "seed": options.seed,
                "counts": dict(result.counts),
                "note": "Synthetic benchmark data written straight to the tables: no audit "
                "events or notifications per row.",
            },
            created_at=clock.now(),
        )
        result.counts["core_auditevent"] = 1
        record.rows = 1
        reporter.advance(1, 1)
