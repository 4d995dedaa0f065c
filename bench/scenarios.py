"""The benchmark's requests, drawn from the database being measured (Django must be set up)."""

from __future__ import annotations

import json
import random
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Count

from bench.wrk import Request
from twoway.accounts.models import ApiToken, FreelancerProfile
from twoway.accounts.services import TOKEN_PREFIX, _digest
from twoway.contracts.models import Contract, ContractStatus
from twoway.core import clock
from twoway.core.models import Skill
from twoway.feedback import rules
from twoway.feedback.models import Feedback
from twoway.jobs.models import Job, JobStatus
from twoway.reputation.models import Reputation

SAMPLE = 2000


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    requests: list[Request]
    cycle: bool = True  # read-only lists repeat; one-shot writes do not


def bench_tokens(user_ids: set[int], *, name: str) -> dict[int, str]:
    """A fresh API token for each person, written in bulk (``api_token_create`` audits each
    one, which is right for people and far too slow for tens of thousands at once)."""
    now = clock.now()
    tokens = {uid: TOKEN_PREFIX + secrets.token_urlsafe(30) for uid in user_ids}
    ApiToken.objects.bulk_create(
        [
            ApiToken(user_id=uid, name=name, prefix=raw[:10], digest=_digest(raw), created_at=now)
            for uid, raw in tokens.items()
        ],
        batch_size=1000,
    )
    return tokens


def _sample_ids(queryset: Any, rnd: random.Random, size: int = SAMPLE) -> list[int]:
    """Random ids from ``queryset`` without ORDER BY RANDOM() on a million rows."""
    bounds = queryset.order_by("pk").values_list("pk", flat=True)
    first, last = bounds.first(), queryset.order_by("-pk").values_list("pk", flat=True).first()
    if first is None or last is None:
        return []
    picked: set[int] = set()
    attempts = 0
    while len(picked) < size and attempts < 20:
        attempts += 1
        probes = [rnd.randint(first, last) for _ in range(size * 2)]
        picked.update(
            queryset.filter(pk__in=probes).values_list("pk", flat=True)[: size - len(picked)]
        )
    return list(picked)


def baseline() -> Scenario:
    return Scenario(
        "baseline", "GET /healthz: a trivial JSON view, same server", [Request("GET", "/healthz")]
    )


def _reputation_requests(rows: list[tuple[int, str]]) -> list[Request]:
    return [Request("GET", f"/api/v1/users/{uid}/reputation?role={role}") for uid, role in rows]


def _hot_size(queryset: Any) -> int:
    """2,000, or a fifth of the candidates on a small database (leaving some for cold reads)."""
    return min(SAMPLE, max(1, queryset.count() // 5))


def reputation(rnd: random.Random) -> Scenario:
    """A hot set of people, read again and again (the workers' caches warm)."""
    with_reviews = Reputation.objects.filter(review_count__gt=0)
    ids = _sample_ids(with_reviews, rnd, _hot_size(with_reviews))
    rows = list(Reputation.objects.filter(pk__in=ids).values_list("user_id", "role"))
    return Scenario(
        "reputation",
        "GET /users/{id}/reputation, a hot set of people with reviews (cached)",
        _reputation_requests(rows),
    )


def reputation_cold(rnd: random.Random, count: int, *, exclude: set[int]) -> Scenario:
    """Each request a different person, none read before in the run: every one a cache miss."""
    ids = _sample_ids(Reputation.objects.filter(review_count__gt=0), rnd, count + len(exclude))
    rows = [
        row
        for row in Reputation.objects.filter(pk__in=ids).values_list("user_id", "role")
        if row[0] not in exclude  # people of the hot set
    ][:count]
    return Scenario(
        "reputation-cold",
        "GET /users/{id}/reputation, each request a different person (no cache hit)",
        _reputation_requests(rows),
        cycle=False,
    )


def job_detail(rnd: random.Random) -> Scenario:
    open_jobs = Job.objects.filter(status=JobStatus.OPEN)
    ids = _sample_ids(open_jobs, rnd, _hot_size(open_jobs))
    return Scenario(
        "job",
        "GET /jobs/{id} with the client's record, a hot set of open jobs",
        [Request("GET", f"/api/v1/jobs/{i}") for i in ids],
    )


def job_detail_cold(rnd: random.Random, count: int, *, exclude: set[str]) -> Scenario:
    ids = _sample_ids(Job.objects.filter(status=JobStatus.OPEN), rnd, count * 2)
    requests = [Request("GET", f"/api/v1/jobs/{i}") for i in ids]
    return Scenario(
        "job-cold",
        "GET /jobs/{id}, each request a different job (no cache hit)",
        [r for r in requests if r.path not in exclude][:count],
        cycle=False,
    )


def popular_skills(count: int = 8) -> list[str]:
    return list(
        Skill.objects.annotate(n=Count("freelancers"))
        .order_by("-n")
        .values_list("name", flat=True)[:count]
    )


def search_first_page(skills: list[str]) -> Scenario:
    requests = [
        Request(
            "GET",
            "/api/v1/freelancers?"
            + urllib.parse.urlencode({"skill": s, "min_score": "4.5", "sort": "ranking"}),
        )
        for s in skills
    ]
    return Scenario(
        "search-p1", "GET /freelancers?skill&min_score=4.5&sort=ranking, page 1", requests
    )


def search_page_50(base_url: str, skills: list[str]) -> Scenario:
    """Walk 49 pages once per skill to find each page 50's cursor."""
    requests = []
    for skill in skills:
        params = {"skill": skill, "min_score": "4.5", "sort": "ranking", "limit": "20"}
        cursor = None
        for _ in range(49):
            query = dict(params, **({"cursor": cursor} if cursor else {}))
            with urllib.request.urlopen(
                f"{base_url}/api/v1/freelancers?{urllib.parse.urlencode(query)}"
            ) as response:
                cursor = json.loads(response.read())["next"]
            if cursor is None:
                break
        if cursor:
            requests.append(
                Request(
                    "GET",
                    "/api/v1/freelancers?" + urllib.parse.urlencode(dict(params, cursor=cursor)),
                )
            )
    return Scenario("search-p50", "the same search, page 50 by cursor", requests)


def keyword(rnd: random.Random) -> Scenario:
    titles = FreelancerProfile.objects.exclude(title="").values_list("title", flat=True)[:2000]
    words = sorted({w.lower() for t in titles for w in t.split() if len(w) > 4 and w.isalpha()})
    rnd.shuffle(words)
    requests = [
        Request("GET", "/api/v1/freelancers?" + urllib.parse.urlencode({"q": w}))
        for w in words[:200]
    ]
    return Scenario("search-keyword", "GET /freelancers?q=<a word from titles>", requests)


def submissions(count: int) -> Scenario:
    """Feedback that reveals a pair: contracts in an open window where exactly one side has
    submitted; the other side (with a fresh API token) submits. One-shot requests."""
    now = clock.now()
    lone = list(
        Feedback.objects.filter(
            contract__status=ContractStatus.ENDED,
            # An hour to spare: no window closes while the benchmark runs (that is a 409).
            contract__feedback_window_closes_at__gt=now + timedelta(hours=1),
            revealed_at__isnull=True,
            reveals_at__gt=now + timedelta(hours=1),
        ).values_list("contract_id", "author_role", "subject_id")[: count * 2]
    )
    contract_ids = [c for c, _, _ in lone]
    both = set(
        Feedback.objects.filter(contract_id__in=contract_ids)
        .values("contract_id")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .values_list("contract_id", flat=True)
    )
    chosen = [(c, role, subject) for c, role, subject in lone if c not in both][:count]
    tokens = bench_tokens({subject for _, _, subject in chosen}, name="bench")
    requests = []
    for contract_id, author_role, subject in chosen:
        role = rules.other_role(author_role)  # the side that has not submitted yet
        body = {
            "ratings": dict.fromkeys(rules.CRITERIA[role], 5),
            "comment": "Clear, quick and fair: would work together again.",
            "private": {"reason": "completed", "would_work_again": 9},
        }
        requests.append(
            Request(
                "POST",
                f"/api/v1/contracts/{contract_id}/feedback",
                tokens[subject],
                json.dumps(body, separators=(",", ":")),
            )
        )
    return Scenario(
        "submit-reveal", "POST /contracts/{id}/feedback revealing a pair", requests, cycle=False
    )


__all__ = ["Contract", "Scenario"]
