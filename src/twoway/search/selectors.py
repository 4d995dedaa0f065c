"""Search for freelancers and jobs (DESIGN.md section 4).

Keyword search uses the database's full-text index; every other filter and every sort runs on
indexed columns, and pages are keyset (cursor) pages, so page 50 costs about what page 1 does.
People without reviews: listed after everyone rated when sorting by a score (their sort keys
are -1), and excluded by any minimum score or review count.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.expressions import RawSQL

from twoway.accounts.models import FreelancerProfile
from twoway.core import clock
from twoway.core.errors import InvalidInput
from twoway.core.models import Skill
from twoway.core.pagination import Page, keyset_page
from twoway.core.skills import skill_slug
from twoway.jobs.models import Job, JobStatus
from twoway.reputation.models import Reputation
from twoway.search import backend

FREELANCER_SORTS = {
    "relevance": ["-relevance", "-sort_ranking", "-user_id"],
    "ranking": ["-sort_ranking", "-user_id"],
    "score": ["-sort_score", "-review_count", "-user_id"],
    "reviews": ["-review_count", "-user_id"],
}


@dataclass(frozen=True)
class FreelancerFilters:
    q: str = ""
    skill: str = ""
    min_score: Decimal | None = None
    min_reviews: int | None = None
    min_success: Decimal | None = None
    rate_min_cents: int | None = None
    rate_max_cents: int | None = None
    sort: str = "relevance"


def settle_due_reveals() -> None:
    """Process reveals the sweeper is late with, before searching on stored scores.

    Search filters and sorts on stored reputations, which only processed reveals update. The
    sweeper does this every SWEEP_INTERVAL; if a due reveal is older than that, the sweeper is
    not keeping up (or not running), and the search processes it first. Otherwise search may
    lag a reveal by at most one sweep interval; it never shows anything sealed. The check is
    one probe of a partial index.
    """
    from twoway.feedback.models import Feedback
    from twoway.feedback.services import reveals_process_due

    overdue = clock.now() - settings.SWEEP_INTERVAL
    if Feedback.objects.filter(revealed_at__isnull=True, reveals_at__lte=overdue).exists():
        reveals_process_due()


def settle_stale_success() -> None:
    """Refresh a batch of success scores the sweeper is late with (see
    ``settle_due_reveals``): a reveal marks the freelancer's copy stale, and the sweeper
    recomputes it within SWEEP_INTERVAL. One probe of a partial index."""
    from twoway.reputation.services import success_scores_refresh

    # The oldest mark, read from the partial index of stale ones whatever the planner's
    # statistics say (a bare "<= overdue" test planned as a scan of every profile: 300 ms at
    # 1M people on PostgreSQL right after the column was added).
    oldest = (
        FreelancerProfile.objects.filter(success_stale_since__isnull=False)
        .order_by("success_stale_since")
        .values_list("success_stale_since", flat=True)
        .first()
    )
    if oldest is not None and oldest <= clock.now() - settings.SWEEP_INTERVAL:
        success_scores_refresh()


def freelancer_search(
    filters: FreelancerFilters, *, cursor: str | None = None, limit: int | None = None
) -> Page[FreelancerProfile]:
    settle_due_reveals()
    settle_stale_success()
    if filters.sort not in FREELANCER_SORTS:
        raise InvalidInput(f"sort is one of: {', '.join(FREELANCER_SORTS)}.", code="invalid_sort")
    qs: QuerySet[FreelancerProfile] = FreelancerProfile.objects.filter(
        user__is_freelancer=True, user__is_active=True
    ).select_related("user")
    sort = filters.sort
    found = backend.match(
        "freelancer", backend.terms(filters.q), "accounts_freelancerprofile.user_id"
    )
    if found is None and sort == "relevance":
        sort = "ranking"  # no words: relevance has nothing to go on
    if filters.skill.strip():
        qs = _with_skill(qs, skill_slug(filters.skill), keyword=found is not None)
    if filters.min_score is not None:
        qs = qs.filter(sort_score__gte=float(filters.min_score))
    if filters.min_reviews is not None and filters.min_reviews > 0:
        qs = qs.filter(review_count__gte=filters.min_reviews)
    if filters.min_success is not None:
        qs = qs.filter(success_score__gte=float(filters.min_success))
    if filters.rate_min_cents is not None:
        qs = qs.filter(hourly_rate_cents__gte=filters.rate_min_cents)
    if filters.rate_max_cents is not None:
        qs = qs.filter(hourly_rate_cents__lte=filters.rate_max_cents)
    if found is not None and sort == "relevance":
        qs = _by_relevance(qs, found)
    elif found is not None:
        qs = qs.filter(user_id__in=RawSQL(found.ids_sql, found.ids_params))  # noqa: S611
    page = keyset_page(qs, order=FREELANCER_SORTS[sort], cursor=cursor, limit=limit)
    _prefetch_skills(page.items)
    return page


# Relevance ranks at most this many matches (50 pages of 20): see ``_relevance_candidates``.
RELEVANCE_CANDIDATES = 1000


def _by_relevance(
    qs: QuerySet[FreelancerProfile], found: backend.Match
) -> QuerySet[FreelancerProfile]:
    """The filtered profiles among the relevance candidates, with their relevance."""
    drawn = _relevance_candidates(qs, found)
    match_params = found.ids_params
    if drawn is not None:
        candidates, bands = drawn
        qs = qs.filter(user_id__in=candidates)
        if found.join_where:
            match_params = found.joined_params_within(bands)
    if found.join_where:
        # SQLite: one pass over the full-text index (over the bands the candidates came from),
        # each match joined to its profile by key.
        return qs.extra(  # noqa: S610 - constant SQL; the words are a parameter
            tables=[found.table], where=list(found.join_where), params=match_params
        ).annotate(relevance=RawSQL(found.joined_rank_sql, []))  # noqa: S611
    if drawn is None:
        qs = qs.filter(user_id__in=RawSQL(found.ids_sql, found.ids_params))  # noqa: S611
    return qs.annotate(relevance=RawSQL(found.rank_sql, found.rank_params))  # noqa: S611


def _relevance_candidates(
    qs: QuerySet[FreelancerProfile], found: backend.Match
) -> tuple[list[int], int] | None:
    """Which matches relevance ranks: None (all of them) when the words match at most
    RELEVANCE_CANDIDATES documents; otherwise the RELEVANCE_CANDIDATES best-ranked matches,
    with the number of ranking bands they were drawn from.

    Ranking every match of a common word is what made keyword search slow at scale (at a
    million people "developer" matches 197,500 profiles, and scoring each costs a microsecond
    or more). The text index knows each document's ranking band, so the best-ranked matches
    are read band by band from the best, and only the last band needed is sorted. The filters
    apply while drawing, so a filtered search still gets a full set.
    """
    if not _matches_many(found):
        return None
    chosen: list[int] = []
    for tier in range(backend.TIERS):
        chosen += (
            qs.filter(
                user_id__in=RawSQL(found.tier_ids_sql, found.tier_params(tier))  # noqa: S611
            )
            .order_by(*FREELANCER_SORTS["ranking"])
            .values_list("user_id", flat=True)[: RELEVANCE_CANDIDATES - len(chosen)]
        )
        if len(chosen) >= RELEVANCE_CANDIDATES:
            break
    return chosen, tier + 1


def _matches_many(found: backend.Match) -> bool:
    """Whether the words match more than RELEVANCE_CANDIDATES documents: counted through the
    index up to that bound, and remembered for a few minutes. A stale answer changes the cost,
    not the result: drawing band by band from fewer matches than the bound draws them all."""
    query = repr([found.count_sql, found.ids_params, RELEVANCE_CANDIDATES])
    key = "search:many:" + hashlib.sha256(query.encode()).hexdigest()
    many = cache.get(key)
    if many is None:
        with connection.cursor() as cursor:
            cursor.execute(found.count_sql, [*found.ids_params, RELEVANCE_CANDIDATES + 1])
            row = cursor.fetchone()
        many = row is not None and row[0] > RELEVANCE_CANDIDATES
        cache.set(key, many, backend.WORD_FACTS_SECONDS)
    return bool(many)


COMMON_SKILL_SHARE = 0.02
SKILL_SIZE_SECONDS = 300


def _skill_facts(slug: str) -> tuple[int | None, float]:
    """A skill's id, and the share of freelancer profiles listing it (cached for a few
    minutes)."""
    key = f"search:skill:{slug}"
    facts = cache.get(key)
    if facts is None:
        skill_id = Skill.objects.filter(slug=slug).values_list("pk", flat=True).first()
        members = 0
        if skill_id is not None:
            members = FreelancerProfile.skills.through.objects.filter(skill_id=skill_id).count()
        facts = (skill_id, members / max(1, FreelancerProfile.objects.count()))
        cache.set(key, facts, SKILL_SIZE_SECONDS)
    return facts


def _with_skill(
    qs: QuerySet[FreelancerProfile], slug: str, *, keyword: bool
) -> QuerySet[FreelancerProfile]:
    """Profiles listing the skill, written so the database picks the cheap plan.

    A common skill (2% of profiles or more) is checked row by row, on the (profile, skill)
    key, while the sort's index is walked: the first page needs a few hundred probes, not a
    sort of every member (at a million people, 60,000 WordPress profiles sorted took 120 ms;
    the walk takes a few). A rare skill is read first and its few members sorted. Keyword
    searches already start from the text index's matches.
    """
    skill_id, share = _skill_facts(slug)
    if skill_id is None:
        return qs.none()
    if keyword or share < COMMON_SKILL_SHARE:
        return qs.filter(skills=skill_id)
    through = FreelancerProfile.skills.through
    return qs.filter(
        Exists(through.objects.filter(freelancerprofile_id=OuterRef("user_id"), skill_id=skill_id))
    )


def _prefetch_skills(profiles: list[FreelancerProfile]) -> None:
    from django.db.models import prefetch_related_objects

    prefetch_related_objects(profiles, "skills")


@dataclass(frozen=True)
class JobFilters:
    q: str = ""
    skill: str = ""
    budget_min_cents: int | None = None
    budget_max_cents: int | None = None
    min_client_score: Decimal | None = None
    payment_verified: bool | None = None
    hide_warned: bool = False


def job_search(
    filters: JobFilters, *, cursor: str | None = None, limit: int | None = None
) -> Page[Job]:
    """Open jobs, newest first, filtered by words, skill, budget and the client's record."""
    settle_due_reveals()
    qs: QuerySet[Job] = (
        Job.objects.filter(status=JobStatus.OPEN)
        .select_related("client", "client__client_profile")
        .prefetch_related("skills")
    )
    found = backend.match("job", backend.terms(filters.q), "jobs_job.id")
    if found is not None:
        qs = qs.filter(pk__in=RawSQL(found.ids_sql, found.ids_params))  # noqa: S611
    if filters.skill.strip():
        qs = qs.filter(skills__slug=skill_slug(filters.skill))
    if filters.budget_min_cents is not None:
        qs = qs.filter(budget_cents__gte=filters.budget_min_cents)
    if filters.budget_max_cents is not None:
        qs = qs.filter(budget_cents__lte=filters.budget_max_cents)
    if filters.min_client_score is not None:
        qs = qs.filter(
            client_id__in=Reputation.objects.filter(
                role="client", feedback_score__gte=filters.min_client_score
            ).values("user_id")
        )
    if filters.payment_verified:
        qs = qs.filter(client__client_profile__payment_verified=True)
    if filters.hide_warned:
        qs = qs.exclude(
            client_id__in=Reputation.objects.filter(role="client", warning_count__gt=0).values(
                "user_id"
            )
        )
    return keyset_page(qs, order=["-created_at", "-id"], cursor=cursor, limit=limit)
