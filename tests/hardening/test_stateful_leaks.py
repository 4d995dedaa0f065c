"""Leak hunt: a hypothesis state machine plays a small marketplace through the real HTTP layer
and, after every step, reads it back as everyone to catch sealed or private content escaping.

The cast of each run: 2-3 clients, 2-3 freelancers, a stranger and an operator. The rules are
what they do — post a job, propose, hire, pay, end, submit feedback, edit it while sealed,
respond, report, moderate (remove, restore, uphold, dismiss), ask for feedback — plus time
passing (random amounts around a one-minute window, sometimes days) and the sweeper. Every
comment, private note and response carries a unique marker (``ZQC…QZ``, ``ZQN…QZ``,
``ZQR…QZ``); the machine keeps its own model of who wrote what and when, and decides from it,
independently of ``feedback_view``, which markers each viewer may see.

Each run starts with a few contracts already under way (active, ended, one side's feedback
sealed, both revealed), so every example is in the thick of it from its first step.

After every step two invariants hold:

1. Nobody but its author and operators reads sealed or private content. The read paths, all
   through Django's test client (API with a bearer token, pages with a session): the contract's
   feedback (exact shapes: the person rated gets ``{"status": "sealed"}`` and nothing else),
   the history, the reputation, the explain view, the job's client record (its warnings quote
   comments), freelancer and job search, notifications and emails (which carry no content at
   all), and the profile, contract, job and notifications pages. Every read path of each
   contract the step changed is read by both its parties (and the public paths about them),
   and three (path, viewer) pairs of the whole marketplace are read in turn, so over a run
   every path is read by every viewer. The public numbers must match the model: review counts
   and feedback scores count exactly the revealed, non-removed feedback, and the explain rows
   show a sealed feedback exactly like none given.
2. The stored reputations (and freelancers' search keys) equal a rebuild
   (``reputation_recompute`` run in a savepoint that is rolled back, so the check changes
   nothing).

Each example runs in a savepoint rolled back at its end, on a frozen clock that only the
rules move (so the model and the server agree on "now" to the microsecond). The negative
controls at the bottom patch a leak (or an aggregate drift) into the code and assert the
machine catches it; the regressions after them are what it found.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.db.models import Max
from django.test import Client
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from tests.conftest import make_contract, make_user
from twoway.accounts.models import FreelancerProfile, User
from twoway.accounts.services import api_token_create
from twoway.core import clock
from twoway.core.errors import DomainError
from twoway.core.models import AuditEvent
from twoway.feedback import rules, selectors
from twoway.feedback import services as feedback_services
from twoway.feedback.management.commands.sweep import sweep_once
from twoway.feedback.models import Feedback
from twoway.notifications.services import notifications_deliver_pending
from twoway.reputation import services as reputation_services
from twoway.reputation.models import Reputation
from twoway.reputation.selectors import reputation_get
from twoway.reputation.services import reputation_recompute
from twoway.reputation.themes import tag_comment

pytestmark = pytest.mark.django_db

WINDOW = timedelta(seconds=60)
# After each step: every read path of the contracts it changed, plus this many of all the
# (path, viewer) pairs in turn.
ROTATING_PROBES = 3
FOCUS_AT_MOST = 3
HTTP = Client()  # one handler for the module: a new Client loads the middleware again
MARKER = re.compile(r"ZQ[CNR]\d{6}QZ", re.IGNORECASE)
PRIVATE_BOX = re.compile(r'<div class="private-box">(.*?)</div>', re.S)
_serial = itertools.count(1)

# One sentence each, the marker inside it: the themes tagger quotes the sentence that carries
# a theme as evidence, so a sealed comment's quote is caught by its marker too.
COMMENTS = [
    "We were never paid {m} for the final milestone",
    "The client {m} kept changing the scope midway",
    "Great communication {m} and quick replies every day",
    "Missed every deadline {m} and the quality was poor",
    "Rude and disrespectful {m} in every single message",
    "Excellent work {m} delivered on time",
    "Payment {m} arrived three weeks late",
    "",  # no comment (refused below three stars)
]
PAID = [0, 5_000, 20_000, 150_000]
# How far each seeded contract has gone (the simplest first: hypothesis shrinks towards it).
STAGES = ["client-spoke", "freelancer-spoke", "both-spoke", "ended", "active"]
Seed = tuple[int, int, int, str, tuple[int, ...], tuple[int, ...]]
REASONS = ["completed", "cancelled", "quality", "communication", "payment", "scope_change"]
REPORT_REASONS = ["extortion", "harassment", "off_platform", "private_information", "irrelevant"]


def marker(kind: str) -> str:
    return f"ZQ{kind}{next(_serial):06d}QZ"


def markers_in(text: str) -> set[str]:
    return {found.upper() for found in MARKER.findall(text)}


# --- The model ---------------------------------------------------------------------------------


@dataclass(eq=False)
class Person:
    user: User
    token: str
    session: str
    roles: tuple[str, ...]

    @property
    def pk(self) -> int:
        return self.user.pk

    @property
    def name(self) -> str:
        return self.user.username

    @property
    def is_operator(self) -> bool:
        return self.user.is_staff


@dataclass(eq=False)
class ContractM:
    pk: int
    job_id: int
    client: Person
    freelancer: Person
    paid: int = 0
    closes_at: datetime | None = None
    asked: dict[int, datetime] = field(default_factory=dict)

    def party(self, role: str) -> Person:
        return self.client if role == rules.CLIENT else self.freelancer


@dataclass(eq=False)
class FeedbackM:
    pk: int
    contract: ContractM
    role: str  # the author's side
    stars: tuple[int, ...]
    comment: str
    note: str  # carries the private marker
    would_work_again: int
    submitted_at: datetime
    superseded: set[str] = field(default_factory=set)  # markers of earlier, edited versions
    removed: bool = False
    response: str | None = None
    response_removed: bool = False

    @property
    def author(self) -> Person:
        return self.contract.party(self.role)

    @property
    def subject(self) -> Person:
        return self.contract.party(rules.other_role(self.role))

    @property
    def overall(self) -> Decimal:
        return rules.overall_score(self.stars)

    @property
    def ratings(self) -> dict[str, int]:
        return dict(zip(rules.CRITERIA[self.role], self.stars, strict=True))


@dataclass(eq=False)
class ReportM:
    pk: int
    feedback: FeedbackM
    target: str
    reporter: Person
    open: bool = True


# --- Reading ----------------------------------------------------------------------------------


def api(viewer: Person | None, method: str, path: str, body: Any = None, **params: Any) -> Any:
    """Call /api/v1 as ``viewer`` (a bearer token) or anonymously; then the notifications
    it made are emailed, as the sweeper would."""
    HTTP.cookies.clear()
    headers = {} if viewer is None else {"Authorization": f"Bearer {viewer.token}"}
    if method == "get":
        response = HTTP.get("/api/v1" + path, params, headers=headers)
    else:
        response = getattr(HTTP, method)(
            "/api/v1" + path,
            "" if body is None else json.dumps(body),
            content_type="application/json",
            headers=headers,
        )
    notifications_deliver_pending()
    return response


def page(viewer: Person | None, path: str) -> Any:
    HTTP.cookies.clear()
    if viewer is not None:
        HTTP.cookies[django_settings.SESSION_COOKIE_NAME] = viewer.session
    return HTTP.get(path)


def feedback_dicts(data: Any) -> Iterator[dict[str, Any]]:
    """Every feedback-shaped object in a JSON document, however deeply nested."""
    if isinstance(data, dict):
        if "status" in data and ("ratings" in data or set(data) <= {"status", "id", "message"}):
            yield data
        for value in data.values():
            yield from feedback_dicts(value)
    elif isinstance(data, list):
        for value in data:
            yield from feedback_dicts(value)


def stored_reputations() -> dict[tuple[int, str], dict[str, Any]]:
    skip = Reputation.BOOKKEEPING_FIELDS
    rows = {
        (row["user_id"], row["role"]): {k: v for k, v in row.items() if k not in skip}
        for row in Reputation.objects.values()
    }
    profiles = {
        (user_id, "search"): {"review_count": count, "sort_score": score, "sort_ranking": ranking}
        for user_id, count, score, ranking in FreelancerProfile.objects.values_list(
            "user_id", "review_count", "sort_score", "sort_ranking"
        )
    }
    return rows | profiles


def rebuilt_reputations() -> dict[tuple[int, str], dict[str, Any]]:
    """What ``twoway recompute`` would store, read inside a savepoint that is rolled back."""
    with transaction.atomic():
        reputation_recompute()
        rebuilt = stored_reputations()
        transaction.set_rollback(True)
    return rebuilt


# --- The machine ------------------------------------------------------------------------------

stars_strategy = st.tuples(*[st.integers(1, 5)] * 6)


class Marketplace(RuleBasedStateMachine):
    """A few people using Twoway; every read is checked against the model after each step."""

    def __init__(self) -> None:
        super().__init__()
        self._savepoint = transaction.atomic()
        self._savepoint.__enter__()
        clock.freeze()
        cache.clear()
        mail.outbox = []
        self.emails_checked = 0
        self.steps = 0
        self.people: list[Person] = []
        self.clients: list[Person] = []
        self.freelancers: list[Person] = []
        self.stranger: Person
        self.operator: Person
        self.jobs: list[tuple[int, Person]] = []
        self.proposals: list[tuple[int, int, Person]] = []  # (proposal, job, freelancer)
        self.proposed: set[tuple[int, int]] = set()
        self.contracts: list[ContractM] = []
        self.feedback: list[FeedbackM] = []
        self.reports: list[ReportM] = []
        self.verified: tuple[Any, ...] = ()
        self.focus: list[ContractM] = []  # contracts whose feedback the last step changed

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._savepoint.__exit__(None, None, None)
        clock.reset()

    # --- the cast ---

    def _person(self, *roles: str, staff: bool = False) -> Person:
        n = next(_serial)
        user = make_user(*roles, username=f"person{n}", first_name=f"Person {n}")
        if staff:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        _, token = api_token_create(user=user, name="machine")
        HTTP.cookies.clear()
        HTTP.force_login(user)
        session = HTTP.cookies[django_settings.SESSION_COOKIE_NAME].value
        return Person(user, token, session, roles)

    @initialize(
        clients=st.integers(2, 3),
        freelancers=st.integers(2, 3),
        seeds=st.lists(
            st.tuples(
                st.integers(0, 2),
                st.integers(0, 2),
                st.sampled_from(PAID),
                st.sampled_from(STAGES),
                stars_strategy,
                stars_strategy,
            ),
            min_size=2,
            max_size=4,
        ),
    )
    def cast(self, clients: int, freelancers: int, seeds: list[Seed]) -> None:
        """The cast, and a few contracts already under way — active, ended, with one side's
        feedback sealed, or both revealed — so that every run starts in the thick of it."""
        self.clients = [self._person("client") for _ in range(clients)]
        self.freelancers = [self._person("freelancer") for _ in range(freelancers)]
        for person in self.freelancers:
            response = api(
                person,
                "put",
                "/me/freelancer-profile",
                {
                    "title": "Data engineer",
                    "overview": "Pipelines and warehouses.",
                    "skills": ["Python"],
                    "hourly_rate_cents": 5000,
                },
            )
            assert response.status_code == 200, response.content
        self.stranger = self._person("client", "freelancer")
        self.operator = self._person("client", staff=True)
        self.people = [*self.clients, *self.freelancers, self.stranger]
        for client_index, freelancer_index, paid, stage, by_client, by_freelancer in seeds:
            client = self.pick(self.clients, client_index)
            freelancer = self.pick(self.freelancers, freelancer_index)
            contract = make_contract(
                client.user, freelancer.user, paid_cents=paid, ended=stage != "active"
            )
            self.jobs.append((contract.job_id, client))
            self.proposed.add((contract.job_id, freelancer.pk))
            self.proposals.append((contract.proposal_id, contract.job_id, freelancer))
            self.contracts.append(
                ContractM(
                    contract.pk,
                    contract.job_id,
                    client,
                    freelancer,
                    paid,
                    contract.feedback_window_closes_at,
                )
            )
            c = self.contracts[-1]
            for role, stars in ((rules.CLIENT, by_client), (rules.FREELANCER, by_freelancer)):
                if stage in (f"{role}-spoke", "both-spoke"):
                    self._submit(c, role, stars, COMMENTS[len(self.feedback) % 7], 7, "completed")
        self.focus = list(self.contracts)

    # --- the model's rules (independent of the code under test) ---

    def now(self) -> datetime:
        return clock.now()

    def other(self, fb: FeedbackM) -> FeedbackM | None:
        return next(
            (f for f in self.feedback if f.contract is fb.contract and f is not fb),
            None,
        )

    def reveals_at(self, fb: FeedbackM) -> datetime:
        other = self.other(fb)
        assert fb.contract.closes_at is not None
        if other is not None:
            return max(fb.submitted_at, other.submitted_at)
        return fb.contract.closes_at

    def revealed(self, fb: FeedbackM) -> bool:
        return self.now() >= self.reveals_at(fb)

    def window_open(self, contract: ContractM) -> bool:
        return contract.closes_at is not None and self.now() < contract.closes_at

    def given(self, contract: ContractM, role: str) -> FeedbackM | None:
        return next((f for f in self.feedback if f.contract is contract and f.role == role), None)

    def forbidden(self, viewer: Person | None) -> set[str]:
        """The markers ``viewer`` must never read (an operator reads everything)."""
        if viewer is not None and viewer.is_operator:
            return set()
        banned: set[str] = set()
        for fb in self.feedback:
            if viewer is not fb.author:
                banned |= markers_in(fb.note) | fb.superseded
                if not self.revealed(fb) or fb.removed:
                    banned |= markers_in(fb.comment)
            if fb.response is not None and viewer is not fb.subject:
                hidden = fb.response_removed or (fb.removed and viewer is not fb.author)
                if hidden:
                    banned |= markers_in(fb.response)
        return banned

    def counted_about(self, person: Person, role: str) -> list[FeedbackM]:
        return [
            f
            for f in self.feedback
            if f.subject is person
            and f.role == rules.other_role(role)
            and self.revealed(f)
            and not f.removed
        ]

    def expected_score(self, person: Person, role: str) -> Decimal | None:
        floor = django_settings.CLIENT_FLOOR_WEIGHT_CENTS
        total = weighted = 0
        for f in self.counted_about(person, role):
            weight = max(f.contract.paid, floor) if role == rules.CLIENT else f.contract.paid
            total += weight
            weighted += weight * int(f.overall * 100)
        if total == 0:
            return None
        return (Decimal(weighted) / Decimal(total) / 100).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )

    @staticmethod
    def pick(items: list[Any], index: int) -> Any:
        return items[index % len(items)]

    # --- actions ---

    @rule(who=st.integers(0, 2), skill=st.sampled_from(["Python", "Django", "SQL"]))
    def post_job(self, who: int, skill: str) -> None:
        client = self.pick(self.clients, who)
        response = api(
            client,
            "post",
            "/jobs",
            {
                "title": "Build a reporting pipeline",
                "description": "Nightly loads from the shop database into the warehouse.",
                "skills": [skill],
                "budget_type": "fixed",
                "budget_cents": 200_000,
            },
        )
        assert response.status_code == 201, response.content
        self.jobs.append((response.json()["id"], client))

    @precondition(lambda self: self.jobs)
    @rule(job=st.integers(0, 50), who=st.integers(0, 3), bid=st.integers(1_000, 300_000))
    def propose(self, job: int, who: int, bid: int) -> None:
        job_id, _ = self.pick(self.jobs, job)
        freelancer = self.pick([*self.freelancers, self.stranger], who)
        response = api(
            freelancer,
            "post",
            f"/jobs/{job_id}/proposals",
            {"cover_letter": "I have built this twice before.", "bid_cents": bid},
        )
        if (job_id, freelancer.pk) in self.proposed:
            assert 400 <= response.status_code < 500, response.content
            return
        assert response.status_code == 201, response.content
        self.proposed.add((job_id, freelancer.pk))
        self.proposals.append((response.json()["id"], job_id, freelancer))

    @precondition(lambda self: self.proposals)
    @rule(proposal=st.integers(0, 50))
    def hire(self, proposal: int) -> None:
        proposal_id, job_id, freelancer = self.pick(self.proposals, proposal)
        client = next(c for j, c in self.jobs if j == job_id)
        response = api(client, "post", f"/proposals/{proposal_id}/hire")
        hired = {c.job_id: c for c in self.contracts if c.freelancer is freelancer}
        if job_id in hired:  # this proposal was hired already
            assert response.status_code == 409, response.content
            return
        assert response.status_code == 201, response.content
        self.contracts.append(ContractM(response.json()["id"], job_id, client, freelancer))

    @precondition(lambda self: self.contracts)
    @rule(contract=st.integers(0, 50), cents=st.sampled_from([1, *PAID[1:]]))
    def pay(self, contract: int, cents: int) -> None:
        c = self.pick(self.contracts, contract)
        response = api(c.client, "post", f"/contracts/{c.pk}/payments", {"amount_cents": cents})
        if c.closes_at is not None:
            assert response.status_code == 409, response.content
            return
        assert response.status_code == 201, response.content
        c.paid += cents

    @precondition(lambda self: self.contracts)
    @rule(contract=st.integers(0, 50), by_client=st.booleans())
    def end(self, contract: int, by_client: bool) -> None:
        c = self.pick(self.contracts, contract)
        actor = c.client if by_client else c.freelancer
        response = api(actor, "post", f"/contracts/{c.pk}/end", {"reason": "completed"})
        if c.closes_at is not None:
            assert response.status_code == 409, response.content
            return
        assert response.status_code == 200, response.content
        c.closes_at = self.now() + WINDOW
        assert response.json()["total_paid_cents"] == c.paid

    @precondition(lambda self: any(c.closes_at is not None for c in self.contracts))
    @rule(
        contract=st.integers(0, 50),
        role=st.sampled_from([rules.CLIENT, rules.FREELANCER]),
        stars=stars_strategy,
        comment=st.sampled_from(COMMENTS),
        again=st.integers(0, 10),
        reason=st.sampled_from(REASONS),
    )
    def submit_feedback(
        self,
        contract: int,
        role: str,
        stars: tuple[int, ...],
        comment: str,
        again: int,
        reason: str,
    ) -> None:
        c = self.pick([c for c in self.contracts if c.closes_at is not None], contract)
        self._submit(c, role, stars, comment, again, reason)

    def _may_speak(self) -> list[tuple[ContractM, str]]:
        """(contract, side) pairs that may still leave feedback."""
        return [
            (c, role)
            for c in self.contracts
            if self.window_open(c)
            for role in (rules.CLIENT, rules.FREELANCER)
            if self.given(c, role) is None
        ]

    @precondition(lambda self: self._may_speak())
    @rule(
        pick=st.integers(0, 50),
        stars=stars_strategy,
        comment=st.sampled_from(COMMENTS),
        again=st.integers(0, 10),
        reason=st.sampled_from(REASONS),
    )
    def give_feedback(
        self, pick: int, stars: tuple[int, ...], comment: str, again: int, reason: str
    ) -> None:
        """A party whose window is open speaks (``submit_feedback`` also tries the others)."""
        c, role = self.pick(self._may_speak(), pick)
        self._submit(c, role, stars, comment, again, reason)

    def _awaiting_an_answer(self) -> list[ContractM]:
        """Contracts where one side has spoken and the other still may."""
        return [
            c
            for c in self.contracts
            if self.window_open(c) and sum(f.contract is c for f in self.feedback) == 1
        ]

    @precondition(lambda self: self._awaiting_an_answer())
    @rule(
        contract=st.integers(0, 50),
        stars=stars_strategy,
        comment=st.sampled_from(COMMENTS),
        again=st.integers(0, 10),
        reason=st.sampled_from(REASONS),
    )
    def answer_feedback(
        self, contract: int, stars: tuple[int, ...], comment: str, again: int, reason: str
    ) -> None:
        """The other side speaks too: both are revealed at once."""
        c = self.pick(self._awaiting_an_answer(), contract)
        (first,) = [f for f in self.feedback if f.contract is c]
        self._submit(c, rules.other_role(first.role), stars, comment, again, reason)

    def _submit(
        self, c: ContractM, role: str, stars: tuple[int, ...], comment: str, again: int, reason: str
    ) -> None:
        author = c.party(role)
        text = comment.format(m=marker("C"))
        note = f"Between us {marker('N')} only"
        payload = {
            "ratings": dict(zip(rules.CRITERIA[role], stars, strict=True)),
            "comment": text,
            "private": {"reason": reason, "would_work_again": again, "note": note},
        }
        response = api(author, "post", f"/contracts/{c.pk}/feedback", payload)
        if not self.window_open(c):
            assert response.json().get("code") == "feedback_window_closed", response.content
        elif self.given(c, role) is not None:
            assert response.json().get("code") == "feedback_exists", response.content
        elif not text and rules.comment_required(rules.overall_score(stars)):
            assert response.json().get("code") == "comment_required", response.content
        else:
            assert response.status_code == 201, response.content
            data = response.json()
            assert data["comment"] == text
            assert data["private"]["note"] == note
            self.feedback.append(
                FeedbackM(data["id"], c, role, stars, text, note, again, self.now())
            )
            self.focus = [c]
            return
        assert 400 <= response.status_code < 500

    @precondition(lambda self: self.feedback)
    @rule(
        pick=st.integers(0, 50),
        stars=st.none() | stars_strategy,
        comment=st.sampled_from(COMMENTS[:-1]),
        again=st.none() | st.integers(0, 10),
    )
    def edit_feedback(
        self, pick: int, stars: tuple[int, ...] | None, comment: str, again: int | None
    ) -> None:
        fb = self.pick(self.feedback, pick)
        text = comment.format(m=marker("C"))
        note = f"Changed my mind {marker('N')} privately"
        body: dict[str, Any] = {"comment": text}
        if stars is not None:
            body["ratings"] = dict(zip(rules.CRITERIA[fb.role], stars, strict=True))
        private: dict[str, Any] = {"note": note}
        if again is not None:
            private["would_work_again"] = again
        body["private"] = private
        response = api(fb.author, "patch", f"/contracts/{fb.contract.pk}/feedback", body)
        if self.revealed(fb):
            assert response.status_code == 409, response.content
            assert response.json()["code"] == "feedback_revealed"
            return
        assert response.status_code == 200, response.content
        fb.superseded |= markers_in(fb.comment) | markers_in(fb.note)
        fb.comment, fb.note = text, note
        fb.stars = stars if stars is not None else fb.stars
        fb.would_work_again = again if again is not None else fb.would_work_again
        self.focus = [fb.contract]

    @precondition(lambda self: self.feedback)
    @rule(pick=st.integers(0, 50))
    def respond(self, pick: int) -> None:
        fb = self.pick(self.feedback, pick)
        text = f"My side of it {marker('R')} for the record"
        response = api(fb.subject, "post", f"/feedback/{fb.pk}/response", {"text": text})
        allowed = (
            self.revealed(fb)
            and not fb.removed
            and fb.response is None
            and self.now() <= self.reveals_at(fb) + rules.RESPONSE_WINDOW
        )
        if not allowed:
            assert 400 <= response.status_code < 500, response.content
            return
        assert response.status_code == 201, response.content
        fb.response = text
        self.focus = [fb.contract]

    @precondition(lambda self: self.feedback)
    @rule(
        pick=st.integers(0, 50),
        who=st.integers(0, 6),
        what=st.sampled_from(["feedback", "response"]),
        reason=st.sampled_from(REPORT_REASONS),
    )
    def report(self, pick: int, who: int, what: str, reason: str) -> None:
        target = what
        fb = self.pick(self.feedback, pick)
        reporter = self.pick(self.people, who)
        response = api(
            reporter,
            "post",
            f"/feedback/{fb.pk}/reports",
            {"reason": reason, "target": target, "details": "Please look at this."},
        )
        already = any(
            r.open and r.feedback is fb and r.target == target and r.reporter is reporter
            for r in self.reports
        )
        has_target = target == "feedback" or fb.response is not None
        if not self.revealed(fb) or not has_target or already:
            assert 400 <= response.status_code < 500, response.content
            if not self.revealed(fb):  # sealed feedback does not exist for anyone
                assert response.json()["code"] == "feedback_not_found"
            return
        assert response.status_code == 201, response.content
        self.reports.append(ReportM(response.json()["id"], fb, target, reporter))

    def _resolve(self, fb: FeedbackM, target: str) -> None:
        for r in self.reports:
            if r.feedback is fb and r.target == target:
                r.open = False

    @precondition(lambda self: self.feedback)
    @rule(
        pick=st.integers(0, 50),
        action=st.sampled_from(
            [
                "remove_feedback",
                "restore_feedback",
                "remove_response",
                "restore_response",
                "uphold",
                "dismiss",
            ]
        ),
    )
    def moderate(self, pick: int, action: str) -> None:
        op = self.operator.user
        fb = self.pick(self.feedback, pick)
        ok = True
        try:
            if action == "remove_feedback":
                ok = not fb.removed
                feedback_services.feedback_remove(operator=op, feedback_id=fb.pk, note="x")
                fb.removed = True
                self._resolve(fb, "feedback")
            elif action == "restore_feedback":
                ok = fb.removed
                feedback_services.feedback_restore(operator=op, feedback_id=fb.pk)
                fb.removed = False
            elif action == "remove_response":
                ok = fb.response is not None and not fb.response_removed
                feedback_services.response_remove(operator=op, feedback_id=fb.pk, note="x")
                fb.response_removed = True
                self._resolve(fb, "response")
            elif action == "restore_response":
                ok = fb.response_removed
                feedback_services.response_restore(operator=op, feedback_id=fb.pk)
                fb.response_removed = False
            else:
                if not self.reports:
                    return
                report = self.pick(self.reports, pick)
                ok = report.open
                if action == "dismiss":
                    feedback_services.report_dismiss(operator=op, report_id=report.pk)
                    report.open = False
                else:
                    feedback_services.report_uphold(operator=op, report_id=report.pk)
                    if report.target == "feedback":
                        report.feedback.removed = True
                    else:
                        report.feedback.response_removed = True
                    self._resolve(report.feedback, report.target)
        except DomainError:
            assert not ok, f"{action} refused"
            return
        assert ok, f"{action} should have been refused"
        self.focus = [fb.contract]

    @precondition(lambda self: any(c.closes_at is not None for c in self.contracts))
    @rule(contract=st.integers(0, 50), by_client=st.booleans())
    def ask_for_feedback(self, contract: int, by_client: bool) -> None:
        c = self.pick([c for c in self.contracts if c.closes_at is not None], contract)
        actor, other_role = (
            (c.client, rules.FREELANCER) if by_client else (c.freelancer, rules.CLIENT)
        )
        response = api(actor, "post", f"/contracts/{c.pk}/feedback/request")
        last = c.asked.get(actor.pk)
        allowed = (
            self.window_open(c)
            and self.given(c, other_role) is None
            and (last is None or self.now() - last >= timedelta(days=1))
        )
        if not allowed:
            assert response.status_code == 409, response.content
            return
        assert response.status_code == 201, response.content
        c.asked[actor.pk] = self.now()

    @rule(
        seconds=st.sampled_from([1.0, 30.0, 60.0, 86_400.0, 31 * 86_400.0])
        | st.floats(0.5, 1.6 * WINDOW.total_seconds())
    )
    def time_passes(self, seconds: float) -> None:
        """Around the window mostly; sometimes a day (asking again) or a month (responses
        close)."""
        self._travel(timedelta(seconds=seconds))

    @precondition(lambda self: any(self.window_open(c) for c in self.contracts))
    @rule(contract=st.integers(0, 50), off=st.sampled_from([-1, 0, 1]))
    def time_reaches_a_close(self, contract: int, off: int) -> None:
        """To a microsecond before, at, or after an open window's close."""
        c = self.pick([c for c in self.contracts if self.window_open(c)], contract)
        assert c.closes_at is not None
        self._travel(c.closes_at + timedelta(microseconds=off) - self.now())

    def _travel(self, delta: timedelta) -> None:

        def state() -> dict[int, tuple[bool, ...]]:
            return {
                id(c): (
                    self.window_open(c),
                    *(self.revealed(f) for f in self.feedback if f.contract is c),
                )
                for c in self.contracts
                if c.closes_at is not None
            }

        before = state()
        clock.travel(delta)
        after = state()
        self.focus = [c for c in self.contracts if before.get(id(c)) != after.get(id(c))][
            :FOCUS_AT_MOST
        ]

    @rule()
    def sweep(self) -> None:
        due = set(
            Feedback.objects.filter(
                revealed_at__isnull=True, reveals_at__lte=clock.now()
            ).values_list("contract_id", flat=True)
        )
        sweep_once()
        self.focus = [c for c in self.contracts if c.pk in due][:FOCUS_AT_MOST]

    # --- invariants ---

    @invariant()
    def stored_reputations_equal_a_rebuild(self) -> None:
        if not self.people:
            return
        stored = stored_reputations()
        # Every state change writes an audit event: with no new event and the same totals,
        # this is the state checked last time (the rebuild costs more than all the rest).
        state = (AuditEvent.objects.aggregate(last=Max("id"))["last"], stored)
        if state == self.verified:
            return
        assert rebuilt_reputations() == stored
        assert stored_reputations() == stored  # (and the check itself changed nothing)
        self.verified = state

    @invariant()
    def nobody_reads_what_they_must_not(self) -> None:
        """Every read path of the contracts the step changed, as the people most likely to be
        wrongly shown something; and, in turn, a slice of every read path as every viewer."""
        if not self.people:
            return
        for contract in self.focus:
            for probe in self.focus_probes(contract):
                probe()
        self.focus = []
        everything = self.probes()
        for offset in range(ROTATING_PROBES):
            probe = everything[(self.steps * ROTATING_PROBES + offset) % len(everything)]
            probe()
        self.steps += 1
        self.check_emails()

    def focus_probes(self, c: ContractM) -> list[Callable[[], None]]:
        found: list[Callable[[], None]] = []
        for role in (rules.CLIENT, rules.FREELANCER):
            party, other = c.party(role), c.party(rules.other_role(role))
            found += [
                partial(self.probe_contract, party, c),
                partial(self.probe_history, party, party, role),
                partial(self.probe_reputation, None, party, role),
                partial(self.probe_explain, other, party, role),
            ]
        return found

    def probes(self) -> list[Callable[[], None]]:
        """Every (read path, viewer) pair of the current marketplace, in a stable order."""
        viewers: list[Person | None] = [None, *self.people, self.operator]
        found: list[Callable[[], None]] = []
        for c in self.contracts:
            if c.closes_at is not None:
                for party in (c.client, c.freelancer, self.operator):
                    found.append(partial(self.probe_contract, party, c))
                    found.append(partial(self.probe_page, party, f"/contracts/{c.pk}/"))
        cast = [(p, role) for p in [*self.clients, *self.freelancers] for role in p.roles]
        for person, role in cast:
            for viewer in (None, person, self.stranger):
                found.append(partial(self.probe_history, viewer, person, role))
            found.append(partial(self.probe_reputation, None, person, role))
            for viewer in (None, person):
                found.append(partial(self.probe_explain, viewer, person, role))
            for viewer in (None, person):
                found.append(partial(self.probe_page, viewer, f"/users/{person.pk}/"))
        for viewer in viewers:
            if viewer is not None:
                found.append(partial(self.probe_notifications, viewer))
            found.append(partial(self.probe_search, viewer))
        for client in self.clients:
            jobs = [j for j, c in self.jobs if c is client]
            if jobs:
                for viewer in (None, client):
                    found.append(partial(self.probe_job, viewer, jobs[-1], client))
                    found.append(partial(self.probe_page, viewer, f"/jobs/{jobs[-1]}/"))
        return found

    # --- the probes: read one path as one viewer, and check it ---

    def check(self, response: Any, viewer: Person | None, where: str) -> Any:
        assert response.status_code == 200, (where, response.status_code, response.content)
        text = response.content.decode()
        leaked = markers_in(text) & self.forbidden(viewer)
        who = viewer.name if viewer else "anonymous"
        assert not leaked, f"{where} leaked {sorted(leaked)} to {who}"
        if response["Content-Type"].startswith("application/json"):
            data = response.json()
            self.check_feedback_objects(data, viewer, where)
            return data
        if viewer is None or not viewer.is_operator:
            # A private box is only ever the viewer's own (every note here carries a marker).
            own = {m for f in self.feedback if f.author is viewer for m in markers_in(f.note)}
            for box in PRIVATE_BOX.findall(text):
                found = markers_in(box)
                assert found, f"{where}: a private part without its note to {who}: {box}"
                assert found <= own, f"{where}: someone else's private part to {who}: {box}"
        return text

    def check_silent(self, response: Any, where: str) -> None:
        """Notifications, emails and search carry no feedback content at all."""
        assert response.status_code == 200, (where, response.content)
        found = markers_in(response.content.decode())
        assert not found, f"{where} carries {sorted(found)}"

    def check_emails(self) -> None:
        for email in mail.outbox[self.emails_checked :]:
            found = markers_in(f"{email.subject}\n{email.body}")
            assert not found, f"an email to {email.to} carries {sorted(found)}"
        self.emails_checked = len(mail.outbox)

    def check_feedback_objects(self, data: Any, viewer: Person | None, where: str) -> None:
        """No feedback object in the response gives more than the rule allows."""
        by_pk = {f.pk: f for f in self.feedback}
        for item in feedback_dicts(data):
            fb = by_pk.get(item["id"]) if isinstance(item.get("id"), int) else None
            privileged = viewer is not None and (
                viewer.is_operator or (fb is not None and viewer is fb.author)
            )
            if item.get("private") is not None:
                assert privileged, f"{where}: private part of #{item.get('id')} shown"
            if item["status"] == "sealed" and not privileged:
                assert item == {"status": "sealed"}, f"{where}: sealed feedback carries {item}"
            if fb is not None and not self.revealed(fb) and not privileged:
                pytest.fail(f"{where}: sealed feedback #{fb.pk} named to a non-author")

    def probe_contract(self, viewer: Person, c: ContractM) -> None:
        where = f"GET /contracts/{c.pk}/feedback"
        data = self.check(api(viewer, "get", f"/contracts/{c.pk}/feedback"), viewer, where)
        for side, role in (("from_client", rules.CLIENT), ("from_freelancer", rules.FREELANCER)):
            fb, got = self.given(c, role), data[side]
            if fb is None:
                assert got is None, (where, side, got)
            elif viewer is fb.author or viewer.is_operator:
                revealed = "revealed" if self.revealed(fb) else "sealed"
                assert got["status"] == ("removed" if fb.removed else revealed), got
                assert (got["comment"], got["private"]["note"]) == (fb.comment, fb.note)
                assert got["ratings"] == fb.ratings
            elif not self.revealed(fb):
                assert got == {"status": "sealed"}, (where, side, got)
            elif fb.removed:
                assert got["status"] == "removed", (where, got)
                assert "comment" not in got, (where, got)
            else:
                assert (got["status"], got["comment"]) == ("revealed", fb.comment), got
                assert got["ratings"] == fb.ratings, got
                assert got["private"] is None, got

    def probe_history(self, viewer: Person | None, person: Person, role: str) -> None:
        history = self.check(
            api(viewer, "get", f"/users/{person.pk}/feedback", role=role, limit=100),
            viewer,
            f"history of {person.name} as {role}",
        )
        expected = {
            f.pk
            for f in self.feedback
            if f.subject is person and f.role == rules.other_role(role) and self.revealed(f)
        }
        assert {item["id"] for item in history["items"]} == expected

    def probe_reputation(self, viewer: Person | None, person: Person, role: str) -> None:
        """The numbers count exactly the revealed, non-removed feedback: a sealed one moves
        nothing."""
        reputation = self.check(
            api(viewer, "get", f"/users/{person.pk}/reputation", role=role),
            viewer,
            f"reputation of {person.name} as {role}",
        )
        counted = self.counted_about(person, role)
        assert reputation["review_count"] == len(counted), (person.name, role, reputation)
        score = self.expected_score(person, role)
        assert reputation["feedback_score"] == (float(score) if score is not None else None)

    def probe_explain(self, viewer: Person | None, person: Person, role: str) -> None:
        data = self.check(
            api(viewer, "get", f"/users/{person.pk}/reputation/explain", role=role, limit=100),
            viewer,
            f"explain of {person.name} as {role}",
        )
        by_contract = {row["contract_id"]: row for row in data["items"]}
        for c in self.contracts:
            if c.party(role) is not person or c.closes_at is None:
                continue
            row = by_contract[c.pk]
            fb = self.given(c, rules.other_role(role))
            if fb is None or not self.revealed(fb):  # sealed reads exactly like none given
                why = "Feedback window still open" if self.window_open(c) else "No feedback given"
                assert (row["why"], row["overall"], row["counted"]) == (why, None, False), row
            elif fb.removed:
                assert (row["overall"], row["counted"]) == (None, False), row
            else:
                assert row["overall"] == float(fb.overall), row

    def probe_job(self, viewer: Person | None, job_id: int, client: Person) -> None:
        """The job's client record is read live (its warnings quote comments)."""
        job = self.check(api(viewer, "get", f"/jobs/{job_id}"), viewer, f"job {job_id}")
        assert job["client"]["review_count"] == len(self.counted_about(client, rules.CLIENT))

    def probe_search(self, viewer: Person | None) -> None:
        self.check_silent(api(viewer, "get", "/freelancers", sort="score"), "freelancer search")
        self.check_silent(api(viewer, "get", "/jobs", limit=100), "job search")

    def probe_notifications(self, viewer: Person) -> None:
        self.check_silent(api(viewer, "get", "/notifications", limit=100), "notifications")
        self.check_silent(page(viewer, "/notifications/"), "notifications page")

    def probe_page(self, viewer: Person | None, path: str) -> None:
        self.check(page(viewer, path), viewer, f"page {path}")


# --- Running it ---------------------------------------------------------------------------------

MACHINE_SETTINGS = hsettings(
    max_examples=25,
    stateful_step_count=30,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


# The controls stop at the first failure (usually in the first example: the seeded contracts
# hold sealed and revealed feedback from the start); no shrinking.
CONTROL_SETTINGS = hsettings(
    MACHINE_SETTINGS, max_examples=50, phases=[Phase.generate], report_multiple_bugs=False
)


@pytest.fixture
def short_window(settings: Any) -> None:
    settings.FEEDBACK_WINDOW = WINDOW
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_the_instrument_quotes_carry_their_marker() -> None:
    """Every theme quote of a comment template includes its marker, so a sealed comment's
    quote in themes or warnings is caught like the comment itself."""
    for template in COMMENTS:
        mark = marker("C")
        for tag in tag_comment(template.format(m=mark)):
            assert mark in tag.evidence, (template, tag)


@pytest.mark.usefixtures("short_window")
def test_nothing_sealed_or_private_leaks_and_aggregates_equal_a_rebuild() -> None:
    run_state_machine_as_test(Marketplace, settings=MACHINE_SETTINGS)


# --- Negative controls: the machine catches a leak ---------------------------------------------


def _sealed_shown_to_the_person_rated(original: Callable[..., Any]) -> Callable[..., Any]:
    def leaky(*, feedback: Any, viewer: Any, now: datetime) -> Any:
        view = original(feedback=feedback, viewer=viewer, now=now)
        if (
            viewer is not None
            and viewer.pk == feedback.subject_id
            and not feedback.is_revealed(now)
        ):
            return selectors.FeedbackView(
                state=selectors.SEALED,
                feedback=feedback,
                show_private=False,
                response=None,
                feedback_id=feedback.pk,
            )
        return view

    return leaky


def _private_shown_to_everyone(original: Callable[..., Any]) -> Callable[..., Any]:
    def leaky(*, feedback: Any, viewer: Any, now: datetime) -> Any:
        view = original(feedback=feedback, viewer=viewer, now=now)
        if view is not None and view.feedback is not None:
            return selectors.FeedbackView(
                state=view.state,
                feedback=view.feedback,
                show_private=True,
                response=view.response,
                feedback_id=view.feedback_id,
            )
        return view

    return leaky


@pytest.mark.usefixtures("short_window")
@pytest.mark.parametrize(
    "leak",
    [_sealed_shown_to_the_person_rated, _private_shown_to_everyone],
    ids=lambda f: f.__name__,
)
def test_the_machine_catches_a_leak_in_the_visibility_rule(
    monkeypatch: pytest.MonkeyPatch, leak: Callable[[Callable[..., Any]], Callable[..., Any]]
) -> None:
    monkeypatch.setattr(selectors, "feedback_view", leak(selectors.feedback_view))
    with pytest.raises(AssertionError, match=r"leaked|private part|sealed feedback"):
        run_state_machine_as_test(Marketplace, settings=CONTROL_SETTINGS)


@pytest.mark.usefixtures("short_window")
def test_the_machine_catches_stored_totals_drifting_from_a_rebuild(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The reveal forgets to count the clients' feedback in the stored totals."""
    original = reputation_services.reputation_apply_reveals

    def drifting(feedbacks: Any) -> None:
        original([f for f in feedbacks if f.author_role != rules.CLIENT])

    monkeypatch.setattr(reputation_services, "reputation_apply_reveals", drifting)
    with pytest.raises(AssertionError):
        run_state_machine_as_test(Marketplace, settings=CONTROL_SETTINGS)


# --- Regressions the machine found -------------------------------------------------------------


def test_removing_feedback_whose_reveal_is_due_changes_the_reputation_at_once(
    client_user: User, freelancer: User, operator: User
) -> None:
    """The reputation view is cached; removing a feedback whose reveal fell due but was not
    processed yet leaves the stored totals as they are, and the cached view went on counting
    it and quoting its comment (up to five minutes)."""
    contract = make_contract(client_user, freelancer, paid_cents=100_000, ended=True)
    mark = marker("C")
    given = feedback_services.feedback_submit(
        actor=client_user,
        contract_id=contract.pk,
        ratings=dict.fromkeys(rules.CRITERIA[rules.CLIENT], 2),
        comment=COMMENTS[3].format(m=mark),
        private_reason="quality",
        would_work_again=2,
    )
    clock.travel(django_settings.FEEDBACK_WINDOW + timedelta(seconds=1))
    view = reputation_get(user=freelancer, role=rules.FREELANCER)
    assert view.review_count == 1
    assert mark in str(view.themes)
    feedback_services.feedback_remove(operator=operator, feedback_id=given.pk)
    view = reputation_get(user=freelancer, role=rules.FREELANCER)
    assert view.review_count == 0
    assert mark not in str(view.themes)


def test_two_reveals_in_one_tick_of_a_frozen_clock_both_show(
    client_user: User, freelancer: User
) -> None:
    """The cache was keyed by the stored totals' timestamp alone, which two updates within one
    tick of the clock leave as it was."""
    clock.freeze()
    for _ in range(2):
        contract = make_contract(client_user, freelancer, paid_cents=100_000, ended=True)
        for author, role in ((client_user, rules.CLIENT), (freelancer, rules.FREELANCER)):
            feedback_services.feedback_submit(
                actor=author,
                contract_id=contract.pk,
                ratings=dict.fromkeys(rules.CRITERIA[role], 4),
                private_reason="completed",
                would_work_again=8,
            )
        assert reputation_get(user=client_user, role=rules.CLIENT).review_count in (1, 2)
    assert reputation_get(user=client_user, role=rules.CLIENT).review_count == 2
    assert reputation_get(user=freelancer, role=rules.FREELANCER).review_count == 2
