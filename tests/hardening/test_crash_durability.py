"""Crash durability: the production server (``twoway serve``: gunicorn, its workers and the
sweeper) is killed with SIGKILL — the whole process group, mid-request — several times while
client threads drive the marketplace through the HTTP API, and restarted each time.

Each thread plays a client and a freelancer through whole lifecycles: post a job, propose,
hire, pay (a few times), end, give feedback from both sides (sometimes editing it while
sealed), and starts over. Every write is logged with what it sent and what came back: 2xx
(acknowledged), 4xx (refused), no answer (in doubt: the server died with the request in
flight), or 5xx. Connection refused means the request never reached a server: it is retried
and not counted. Feedback and ends in doubt are retried with the same payload until the server
gives a definite answer, as a careful client would.

At the end, with the server stopped, a checker run against the same database asserts:

- nothing acknowledged was lost: every acknowledged job, proposal, contract, payment, end and
  feedback is stored with exactly the acknowledged content (for feedback, the last
  acknowledged version, or a later one still in doubt);
- nothing was made up: every stored payment and feedback was sent by a client;
- nothing is half-written: every row has its audit event; contract totals equal the sum of
  their payments; a processed reveal has both sides or a passed window, its audit event and
  the "revealed" notifications; both sides of a contract reveal at the same moment;
- every database constraint holds (checked again row by row, and SQLite's integrity and
  foreign-key checks);
- the stored reputations equal a rebuild (``reputation_recompute`` in a rolled-back
  transaction).

On SQLite (a file in WAL mode) and on PostgreSQL (a database created for the run and dropped
after). The figures are printed, and summarised in docs/benchmarks.md ("Crash durability").
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.live

ROOT = Path(__file__).resolve().parents[2]
KILLS = 4
THREADS = 6
WINDOW_SECONDS = 12
PASSWORD = "a-long-crash-test-password"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
TWOWAY = [sys.executable, "-m", "twoway.cli"]


# --- The databases ----------------------------------------------------------------------------


def _postgres_server() -> str:
    """The PostgreSQL server the test suite uses (DATABASE_URL's), or the default one."""
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith(("postgres://", "postgresql://")) else DEFAULT_POSTGRES


def _with_database(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'crash.sqlite3'}"
        return
    import psycopg

    server = _with_database(_postgres_server(), "postgres")
    name = f"twoway_crash_{os.getpid()}"
    try:
        admin = psycopg.connect(server, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"no PostgreSQL server at {server}: {exc}")
    with admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _with_database(server, name)
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- The server --------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``twoway serve`` in its own process group, so one signal reaches gunicorn's master, its
    workers and the sweeper at once."""

    def __init__(self, env: dict[str, str], data_dir: Path) -> None:
        self.env = env
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = data_dir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self.start_seconds = 0.0

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [*TWOWAY, "serve", "--port", str(self.port), "--workers", "2"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=ROOT,
            )
        self.starts += 1
        began = time.monotonic()
        deadline = began + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base + "/healthz", timeout=1):  # noqa: S310
                    self.start_seconds += time.monotonic() - began
                    return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.1)
        self.kill()
        pytest.fail("the server did not start:\n" + self.log_path.read_text()[-3000:])

    def kill(self) -> None:
        """SIGKILL to the whole group: no atexit, no graceful shutdown, requests cut off."""
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=20)
        # The group's other members (workers, the sweeper) die with it; make sure of it.
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return
            time.sleep(0.05)

    def stop(self) -> None:
        assert self.process is not None
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.kill()


# --- The clients -------------------------------------------------------------------------------

ACK, REFUSED, IN_DOUBT, SERVER_ERROR = "ack", "refused", "in-doubt", "5xx"


class ServerDown(Exception):
    """Connection refused: the request never reached a server."""


@dataclass
class Attempt:
    kind: str  # job | proposal | hire | payment | end | feedback | edit
    key: dict[str, Any]  # what the write is about (ids, who)
    sent: Any
    outcome: str = IN_DOUBT
    status: int | None = None
    body: Any = None
    error: str | None = None  # why there was no answer


@dataclass
class Log:
    attempts: list[Attempt] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, attempt: Attempt) -> Attempt:
        with self.lock:
            self.attempts.append(attempt)
        return attempt


class Api:
    def __init__(self, server: Server, log: Log, stop: threading.Event) -> None:
        self.server, self.log, self.stop = server, log, stop

    def _once(self, method: str, path: str, body: Any, token: str | None) -> tuple[int, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(  # noqa: S310
            self.server.base + "/api/v1" + path, data=data, method=method
        )
        request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            # Long enough that only a kill leaves a request without an answer.
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            raw = error.read()
            try:
                return error.code, json.loads(raw or b"null")
            except ValueError:
                return error.code, raw.decode(errors="replace")[:200]
        except urllib.error.URLError as error:
            if isinstance(error.reason, ConnectionRefusedError):
                raise ServerDown from error
            raise

    def call(self, method: str, path: str, body: Any = None, token: str | None = None) -> Any:
        """A read, or a write outside the log (sign-up): retried until the server answers."""
        while True:
            try:
                return self._once(method, path, body, token)
            except (ServerDown, OSError, http.client.HTTPException):
                if self.stop.is_set():
                    raise
                time.sleep(0.1)

    def write(
        self, kind: str, key: dict[str, Any], method: str, path: str, body: Any, token: str
    ) -> Attempt:
        """One logged write. Waits while the server is down (nothing was sent); a request cut
        off by a kill stays in doubt."""
        while True:
            try:
                status, data = self._once(method, path, body, token)
            except ServerDown:
                if self.stop.is_set():
                    raise
                time.sleep(0.1)
                continue
            except (OSError, http.client.HTTPException) as exc:  # the server died mid-request
                return self.log.add(Attempt(kind, key, body, error=repr(exc)[:200]))
            outcome = ACK if status < 300 else REFUSED if status < 500 else SERVER_ERROR
            return self.log.add(Attempt(kind, key, body, outcome, status, data))

    def settle(
        self, kind: str, key: dict[str, Any], method: str, path: str, body: Any, token: str
    ) -> Attempt:
        """A write retried with the same payload until the answer is definite."""
        while True:
            attempt = self.write(kind, key, method, path, body, token)
            if attempt.outcome != IN_DOUBT or self.stop.is_set():
                return attempt


CLIENT_CRITERIA = [
    "skills",
    "quality",
    "availability",
    "adherence_to_schedule",
    "communication",
    "cooperation",
]
FREELANCER_CRITERIA = [
    "clarity_of_requirements",
    "communication",
    "cooperation",
    "availability",
    "reasonable_deadlines",
    "payment_promptness",
]


def _feedback(rnd: random.Random, side: str, uid: str) -> dict[str, Any]:
    criteria = CLIENT_CRITERIA if side == "client" else FREELANCER_CRITERIA
    return {
        "ratings": {name: rnd.randint(1, 5) for name in criteria},
        "comment": f"Crash test {uid}: the work and the talks, as they went.",
        "private": {
            "reason": rnd.choice(["completed", "payment", "quality"]),
            "would_work_again": rnd.randint(0, 10),
            "note": f"private {uid}",
        },
    }


def player(api: Api, index: int, people: list[dict[str, Any]], seed: int) -> None:
    """Whole contract lifecycles, one after another, until told to stop."""
    rnd = random.Random(seed * 1000 + index)
    client = people[index]["client"]
    n = 0
    while not api.stop.is_set():
        n += 1
        freelancer = people[rnd.choice([index, (index + 1) % len(people)])]["freelancer"]
        uid = f"t{index}-{n}"
        try:
            lifecycle(api, rnd, client, freelancer, uid)
        except ServerDown:
            return  # only raised once stopping


def lifecycle(
    api: Api, rnd: random.Random, client: dict[str, Any], freelancer: dict[str, Any], uid: str
) -> None:
    job = api.write(
        "job",
        {"uid": uid},
        "POST",
        "/jobs",
        {
            "title": f"Crash job {uid}",
            "description": "Nightly loads into the warehouse, with tests and a runbook.",
            "skills": ["Python"],
            "budget_type": "fixed",
            "budget_cents": 100_000,
        },
        client["token"],
    )
    if job.outcome != ACK:
        return
    proposal = api.write(
        "proposal",
        {"uid": uid, "job": job.body["id"]},
        "POST",
        f"/jobs/{job.body['id']}/proposals",
        {"cover_letter": f"Proposal {uid}: I have done this before.", "bid_cents": 90_000},
        freelancer["token"],
    )
    if proposal.outcome != ACK:
        return
    hire = api.write(
        "hire",
        {"uid": uid, "proposal": proposal.body["id"]},
        "POST",
        f"/proposals/{proposal.body['id']}/hire",
        None,
        client["token"],
    )
    if hire.outcome != ACK:
        return
    contract = hire.body["id"]
    parties = {"client": client, "freelancer": freelancer}
    for k in range(rnd.randint(0, 3)):
        api.write(
            "payment",
            {"contract": contract, "memo": f"{uid}-{k}"},
            "POST",
            f"/contracts/{contract}/payments",
            {"amount_cents": rnd.choice([2_500, 10_000, 60_000]), "memo": f"{uid}-{k}"},
            client["token"],
        )
    ender = rnd.choice(["client", "freelancer"])
    end = api.settle(
        "end",
        {"contract": contract, "by": parties[ender]["id"]},
        "POST",
        f"/contracts/{contract}/end",
        {"reason": "completed"},
        parties[ender]["token"],
    )
    if end.outcome != ACK and not (isinstance(end.body, dict) and end.body.get("code")):
        return
    sides = ["client", "freelancer"]
    rnd.shuffle(sides)
    if rnd.random() < 0.2:
        sides = sides[:1]  # the other side never speaks: revealed by the sweeper at the close
    for side in sides:
        author = parties[side]
        key = {"contract": contract, "author": author["id"]}
        payload = _feedback(rnd, side, f"{uid}-{side}")
        given = api.settle(
            "feedback", key, "POST", f"/contracts/{contract}/feedback", payload, author["token"]
        )
        if given.outcome == ACK and rnd.random() < 0.3:
            edit = {"comment": f"Crash test {uid}-{side}-edited: on reflection, fine."}
            api.write(
                "edit", key, "PATCH", f"/contracts/{contract}/feedback", edit, author["token"]
            )
        time.sleep(rnd.random() * 0.2)


# --- The checker (runs in a subprocess against the server's database) ---------------------------


def verify(attempts_path: str) -> dict[str, Any]:
    """Check the stored state against the log of attempts; return problems and figures."""
    from django.apps import apps
    from django.db import connection, transaction
    from django.db.models import Sum

    from twoway.contracts.models import Contract, Payment
    from twoway.core.models import AuditEvent
    from twoway.feedback.models import Feedback
    from twoway.jobs.models import Job, Proposal
    from twoway.notifications.models import Notification
    from twoway.reputation.models import Reputation
    from twoway.reputation.services import reputation_recompute

    attempts = [Attempt(**a) for a in json.loads(Path(attempts_path).read_text())]
    problems: list[str] = []
    lost = 0

    def problem(text: str, *, is_loss: bool = False) -> None:
        nonlocal lost
        lost += is_loss
        if len(problems) < 40:
            problems.append(text)

    audited = set(AuditEvent.objects.values_list("target_type", "target_id", "action"))

    def has_event(obj: Any, action: str) -> bool:
        return (obj._meta.label_lower, obj.pk, action) in audited

    # 1. Everything acknowledged is stored, exactly as acknowledged.
    jobs = {j.pk: j for j in Job.objects.all()}
    proposals = {p.pk: p for p in Proposal.objects.all()}
    contracts = {c.pk: c for c in Contract.objects.all()}
    payments = {p.memo: p for p in Payment.objects.all()}
    feedback = {(f.contract_id, f.author_id): f for f in Feedback.objects.all()}
    for a in attempts:
        if a.outcome != ACK:
            continue
        if a.kind == "job":
            job = jobs.get(a.body["id"])
            if job is None or job.title != a.sent["title"]:
                problem(f"acknowledged job {a.body['id']} lost", is_loss=True)
        elif a.kind == "proposal":
            proposal = proposals.get(a.body["id"])
            if proposal is None or proposal.cover_letter != a.sent["cover_letter"]:
                problem(f"acknowledged proposal {a.body['id']} lost", is_loss=True)
        elif a.kind == "hire":
            contract = contracts.get(a.body["id"])
            if contract is None or contract.proposal_id != a.key["proposal"]:
                problem(f"acknowledged contract {a.body['id']} lost", is_loss=True)
        elif a.kind == "payment":
            payment = payments.get(a.key["memo"])
            if (
                payment is None
                or payment.pk != a.body["id"]
                or payment.amount_cents != a.sent["amount_cents"]
            ):
                problem(f"acknowledged payment {a.key['memo']} lost", is_loss=True)
        elif a.kind == "end":
            contract = contracts.get(a.key["contract"])
            if (
                contract is None
                or contract.status != "ended"
                or contract.ended_by_id != a.key["by"]
            ):
                problem(f"acknowledged end of contract {a.key['contract']} lost", is_loss=True)
    # Feedback: the stored version is the last acknowledged one, or one sent after it that is
    # still in doubt; with nothing acknowledged, one in doubt or none at all.
    writes: dict[tuple[int, int], list[Attempt]] = {}
    for a in attempts:
        if a.kind in ("feedback", "edit"):
            writes.setdefault((a.key["contract"], a.key["author"]), []).append(a)
    for pair, history in writes.items():
        stored = feedback.get(pair)
        acked = [i for i, a in enumerate(history) if a.outcome == ACK]
        start = acked[-1] if acked else 0
        candidates = [a for a in history[start:] if a.outcome in (ACK, IN_DOUBT)]
        for i in acked:
            if history[i].body.get("comment") != history[i].sent["comment"]:
                problem(f"feedback {pair}: the acknowledgement shows other content")
        if stored is None:
            # (Refused because one exists: a submission in doubt went in, and must be there.)
            if acked or _refused_as_existing(history):
                problem(f"acknowledged feedback {pair} lost", is_loss=True)
            continue
        if not any(_matches(stored, a) for a in candidates):
            problem(
                f"feedback {pair} holds {stored.comment!r}, not what was acknowledged",
                is_loss=bool(acked),
            )
    # 2. Nothing made up.
    sent_memos = {a.key["memo"] for a in attempts if a.kind == "payment" and a.outcome != REFUSED}
    for memo in payments:
        if memo not in sent_memos:
            problem(f"payment {memo} was never sent")
    for pair in feedback:
        if pair not in writes:
            problem(f"feedback {pair} was never sent")
    # 3. Nothing half-written.
    for job in jobs.values():
        if not has_event(job, "job.posted"):
            problem(f"job {job.pk} has no audit event")
    for proposal in proposals.values():
        if not has_event(proposal, "proposal.submitted"):
            problem(f"proposal {proposal.pk} has no audit event")
    totals = dict(
        Payment.objects.values("contract")
        .annotate(total=Sum("amount_cents"))
        .values_list("contract", "total")
    )
    paid_events = Counter(
        AuditEvent.objects.filter(
            target_type="contracts.contract", action="contract.paid"
        ).values_list("target_id", flat=True)
    )
    for payment in payments.values():
        if not has_event(payment, "payment.recorded"):
            problem(f"payment {payment.pk} has no audit event")
    for contract in contracts.values():
        if not has_event(contract, "contract.started"):
            problem(f"contract {contract.pk} has no audit event")
        if contract.total_paid_cents != totals.get(contract.pk, 0):
            problem(f"contract {contract.pk}: total {contract.total_paid_cents} != payments")
        if paid_events[contract.pk] != Payment.objects.filter(contract=contract).count():
            problem(f"contract {contract.pk}: payments and their audit events differ")
        if contract.status == "ended" and not has_event(contract, "contract.ended"):
            problem(f"contract {contract.pk} ended without an audit event")
    revealed_notices = set(
        Notification.objects.filter(kind="feedback_revealed").values_list("contract_id", "user_id")
    )
    by_contract: dict[int, list[Any]] = {}
    for f in feedback.values():
        by_contract.setdefault(f.contract_id, []).append(f)
    for f in feedback.values():
        contract = contracts[f.contract_id]
        both = len(by_contract[f.contract_id]) == 2
        if not has_event(f, "feedback.submitted"):
            problem(f"feedback {f.pk} has no audit event")
        if contract.status != "ended" or {f.author_id, f.subject_id} != {
            contract.client_id,
            contract.freelancer_id,
        }:
            problem(f"feedback {f.pk} is not by one party about the other of an ended contract")
        expected = (
            max(g.submitted_at for g in by_contract[f.contract_id])
            if both
            else contract.feedback_window_closes_at
        )
        if f.reveals_at != expected:
            problem(f"feedback {f.pk} reveals at {f.reveals_at}, not {expected}")
        if f.revealed_at is not None:
            if not (both or f.revealed_at >= contract.feedback_window_closes_at):
                problem(f"feedback {f.pk} revealed alone before its window closed")
            if not has_event(f, "feedback.revealed"):
                problem(f"feedback {f.pk} revealed without an audit event")
            for party in (contract.client_id, contract.freelancer_id):
                if (contract.pk, party) not in revealed_notices:
                    problem(f"feedback {f.pk} revealed without telling {party}")
    # 4. Every constraint holds.
    connection.check_constraints()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA integrity_check")
            if cursor.fetchall() != [("ok",)]:
                problem("SQLite integrity_check failed")
            cursor.execute("PRAGMA foreign_key_check")
            if cursor.fetchall():
                problem("SQLite foreign_key_check failed")
    checked = 0
    for label in ("jobs", "contracts", "feedback", "reputation", "notifications", "accounts"):
        for model in apps.get_app_config(label).get_models():
            if not model._meta.constraints:
                continue
            for obj in model._default_manager.all():
                try:
                    obj.validate_constraints()
                except Exception as exc:  # a ValidationError: a row breaks a constraint
                    problem(f"{model.__name__} {obj.pk}: {exc}")
                checked += 1

    # 5. Stored reputations equal a rebuild.
    def reputations() -> dict[tuple[int, str], dict[str, Any]]:
        return {
            (row["user_id"], row["role"]): {
                k: v for k, v in row.items() if k not in Reputation.BOOKKEEPING_FIELDS
            }
            for row in Reputation.objects.values()
        }

    stored_totals = reputations()
    with transaction.atomic():
        reputation_recompute()
        rebuilt = reputations()
        transaction.set_rollback(True)
    for key in set(stored_totals) | set(rebuilt):
        if stored_totals.get(key) != rebuilt.get(key):
            problem(f"reputation {key}: stored {stored_totals.get(key)} != {rebuilt.get(key)}")
    # How the writes in doubt turned out (killed before or after their commit), for the kinds
    # that are never retried, so each stored row is one attempt's.
    titles = {j.title for j in jobs.values()}
    letters = {p.cover_letter for p in proposals.values()}
    hired = {c.proposal_id for c in contracts.values()}
    went_in = {
        "job": lambda a: a.sent["title"] in titles,
        "proposal": lambda a: a.sent["cover_letter"] in letters,
        "hire": lambda a: a.key["proposal"] in hired,
        "payment": lambda a: a.key["memo"] in payments,
    }
    doubtful = [a for a in attempts if a.outcome == IN_DOUBT and a.kind in went_in]
    committed = sum(bool(went_in[a.kind](a)) for a in doubtful)
    outcomes = Counter(a.outcome for a in attempts)
    return {
        "problems": problems,
        "lost": lost,
        "attempted": len(attempts),
        "acknowledged": outcomes[ACK],
        "refused": outcomes[REFUSED],
        "in_doubt": outcomes[IN_DOUBT],
        "server_errors": outcomes[SERVER_ERROR],
        "in_doubt_committed": committed,
        "in_doubt_rolled_back": len(doubtful) - committed,
        "acknowledged_feedback": sum(
            a.outcome == ACK for a in attempts if a.kind in ("feedback", "edit")
        ),
        "stored": {
            "jobs": len(jobs),
            "contracts": len(contracts),
            "payments": len(payments),
            "feedback": len(feedback),
            "revealed": sum(f.revealed_at is not None for f in feedback.values()),
        },
        "rows_checked": checked,
    }


def _refused_as_existing(history: list[Attempt]) -> bool:
    """A submission refused because one already exists: an earlier one in doubt went in."""
    return any(
        a.kind == "feedback"
        and a.outcome == REFUSED
        and isinstance(a.body, dict)
        and a.body.get("code") == "feedback_exists"
        for a in history
    )


def _matches(stored: Any, attempt: Attempt) -> bool:
    if attempt.kind == "edit":
        return bool(stored.comment == attempt.sent["comment"])
    sent = attempt.sent
    return bool(
        stored.comment == sent["comment"]
        and stored.private_note == sent["private"]["note"]
        and stored.would_work_again == sent["private"]["would_work_again"]
        and stored.ratings == sent["ratings"]
    )


# --- The test ----------------------------------------------------------------------------------


def _sign_up(api: Api, name: str, role: str) -> dict[str, Any]:
    status, data = api.call(
        "POST",
        "/auth/signup",
        {
            "username": name,
            "password": PASSWORD,
            "email": f"{name}@example.com",
            "roles": [role],
        },
    )
    assert status == 201, data
    return {"id": data["user"]["id"], "token": data["token"]}


def test_acknowledged_writes_survive_kill_9_and_nothing_is_half_written(
    database_url: str, tmp_path: Path
) -> None:
    started = time.monotonic()
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1_000_000)))
    rnd = random.Random(seed)
    env = {
        **os.environ,
        "TWOWAY_DATA_DIR": str(tmp_path),
        "DATABASE_URL": database_url,
        "SECRET_KEY": "crash-test-secret",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "FEEDBACK_WINDOW": f"{WINDOW_SECONDS}s",
        "SWEEP_INTERVAL": "1s",
        "DB_CONN_MAX_AGE": "60",
    }
    subprocess.run([*TWOWAY, "migrate", "-v", "0"], env=env, check=True, cwd=ROOT)
    migrated = time.monotonic()
    server = Server(env, tmp_path)
    server.start()
    log, stop = Log(), threading.Event()
    api = Api(server, log, stop)
    people = [
        {
            "client": _sign_up(api, f"crashc{i}", "client"),
            "freelancer": _sign_up(api, f"crashf{i}", "freelancer"),
        }
        for i in range(THREADS)
    ]
    threads = [
        threading.Thread(target=player, args=(api, i, people, seed), daemon=True)
        for i in range(THREADS)
    ]
    for thread in threads:
        thread.start()
    kills = 0
    try:
        for _ in range(KILLS):
            time.sleep(rnd.uniform(1.5, 4.0))  # at a random moment of the load
            server.kill()
            kills += 1
            time.sleep(rnd.uniform(0.0, 0.5))
            server.start()
        time.sleep(2.0)  # the load carries on against the last server for a while
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
        server.stop()
    checking = time.monotonic()
    attempts_path = tmp_path / "attempts.json"
    attempts_path.write_text(json.dumps([a.__dict__ for a in log.attempts]))
    checker = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, json, sys; django.setup();"
            "from tests.hardening.test_crash_durability import verify;"
            "print(json.dumps(verify(sys.argv[1])))",
            str(attempts_path),
        ],
        env={**env, "DJANGO_SETTINGS_MODULE": "twoway.settings"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert checker.returncode == 0, checker.stderr[-4000:]
    report = json.loads(checker.stdout.strip().splitlines()[-1])
    engine = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    report.update(engine=engine, kills=kills, starts=server.starts, seed=seed)
    report["seconds"] = {
        "total": round(time.monotonic() - started, 1),
        "migrate": round(migrated - started, 1),
        "server starts": round(server.start_seconds, 1),
        "check": round(time.monotonic() - checking, 1),
    }
    print(f"\ncrash durability on {engine}: " + json.dumps(report, indent=1))
    assert not report["problems"], report["problems"]
    assert report["lost"] == 0
    assert report["server_errors"] == 0, "the server answered 5xx"
    assert kills == KILLS
    assert report["acknowledged_feedback"] > 0
    assert report["stored"]["revealed"] > 0
