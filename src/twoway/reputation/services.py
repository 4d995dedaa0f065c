"""Keeping stored reputations in step with reveals and moderation, and rebuilding them; and
raising and resolving rating-ring flags (``reputation.rings``).

Every change happens inside the caller's transaction (a reveal or a moderation action), with
the affected rows locked in a fixed order, so concurrent reveals cannot lose an update or
deadlock.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery

from twoway.accounts.models import User
from twoway.contracts.models import Contract, ContractStatus
from twoway.core import audit, clock
from twoway.core.errors import Conflict, NotFound, PermissionDenied
from twoway.feedback import rules
from twoway.feedback.models import Feedback
from twoway.reputation import rings, scoring
from twoway.reputation.models import Reputation, RingFlag, RingStatus

RING_NOTE_MAX_LENGTH = 500


def contribution_of(feedback: Feedback, paid_cents: int) -> scoring.Contribution:
    """What ``feedback`` adds to its subject's reputation (the rated person's role)."""
    return scoring.Contribution(
        overall_hundredths=scoring.to_hundredths(feedback.overall),
        weight_cents=scoring.weight_cents(
            subject_role=feedback.subject_role,
            paid_cents=paid_cents,
            client_floor_cents=settings.CLIENT_FLOOR_WEIGHT_CENTS,
        ),
        criteria={name: getattr(feedback, name) for name in rules.CRITERIA[feedback.author_role]},
    )


def _ensure_rows(keys: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Create the missing stored reputations of ``keys``; returns the keys in the fixed order
    every writer locks them in (role, then person), so concurrent writers cannot deadlock."""
    ordered = sorted(set(keys), key=lambda key: (key[1], key[0]))
    at = clock.now()
    Reputation.objects.bulk_create(
        [Reputation(user_id=user_id, role=role, updated_at=at) for user_id, role in ordered],
        ignore_conflicts=True,
    )
    return ordered


def _locked_rows(keys: Iterable[tuple[int, str]]) -> dict[tuple[int, str], Reputation]:
    ordered = _ensure_rows(keys)
    which = Q()
    for user_id, role in ordered:
        which |= Q(user_id=user_id, role=role)
    # One statement; PostgreSQL locks the rows as they leave the sort, so in the fixed order
    # (role, then person) every writer uses: no lock-order deadlocks.
    locked = Reputation.objects.select_for_update().filter(which).order_by("role", "user_id")
    return {(row.user_id, row.role): row for row in locked}


def reputation_touch(keys: Iterable[tuple[int, str]]) -> None:
    """Raise the version of each (person, role)'s stored reputation, creating the row if need
    be, in the caller's transaction: cached views of it (``selectors.reputation_cached``) are
    then stale everywhere at once. Called by every write that changes what a reputation view
    or a client's record is made of without changing the totals (ended contracts, removals of
    feedback whose reveal is not recorded yet, a client's jobs, hires, payments and
    verification); ``_apply`` raises it with the totals."""
    for user_id, role in _ensure_rows(keys):
        Reputation.objects.filter(user_id=user_id, role=role).update(version=F("version") + 1)


def _apply(changes: list[tuple[Feedback, int]]) -> None:
    """Apply (feedback, +1 | -1) changes to the subjects' totals and the authors' given-totals."""
    if not changes:
        return
    keys = []
    for feedback, _ in changes:
        keys.append((feedback.subject_id, feedback.subject_role))
        keys.append((feedback.author_id, feedback.author_role))
    rows = _locked_rows(keys)
    paid = _paid_cents([feedback for feedback, _ in changes])
    before = {key: row.to_aggregate() for key, row in rows.items()}
    aggregates = dict(before)
    for feedback, sign in changes:
        subject_key = (feedback.subject_id, feedback.subject_role)
        aggregates[subject_key] = aggregates[subject_key].apply(
            contribution_of(feedback, paid[feedback.pk]), sign
        )
        author = rows[(feedback.author_id, feedback.author_role)]
        author.given_count += sign
        author.given_sum += sign * scoring.to_hundredths(feedback.overall)
    at = clock.now()
    about_clients = [f for f, _ in changes if f.subject_role == rules.CLIENT]
    for key, row in rows.items():
        row.load_aggregate(aggregates[key])
        row.updated_at = at
        row.version += 1
        if key[1] == rules.CLIENT and _warnings_may_change(
            key, before[key], aggregates[key], about_clients, removal=any(s < 0 for _, s in changes)
        ):
            row.warning_count = _warning_count(row.user_id, aggregates[key])
        row.save()
        if key[1] == rules.FREELANCER:
            _sync_search_keys(row)


def _paid_cents(feedbacks: list[Feedback]) -> dict[int, int]:
    """What was paid on each feedback's contract, by feedback id. A contract the caller
    already holds (a submission locks and reads it) is not read again; payments stop when a
    contract ends, before any feedback exists, so the held figure is current."""
    paid = {f.pk: f.contract.total_paid_cents for f in feedbacks if Feedback.contract.is_cached(f)}
    missing = [f.pk for f in feedbacks if f.pk not in paid]
    if missing:
        paid.update(
            Feedback.objects.filter(pk__in=missing).values_list("pk", "contract__total_paid_cents")
        )
    return paid


def _sync_search_keys(row: Reputation, *, retier: bool = True) -> None:
    """Copy a freelancer's scores to their profile, where search filters and sorts, and move
    their search document to the band of their ranking (``retier=False``: the caller does that
    for everyone at once).

    The success score is not computed here: it reads every contract of the person's last 24
    months. The copy is marked stale (with the time of this change), and the sweeper
    recomputes stale copies in batches (``success_scores_refresh``) within SWEEP_INTERVAL.
    """
    from twoway.accounts.models import FreelancerProfile
    from twoway.search import backend

    FreelancerProfile.objects.filter(user_id=row.user_id).update(
        review_count=row.review_count,
        sort_score=float(row.feedback_score) if row.feedback_score is not None else -1.0,
        sort_ranking=row.ranking_score if row.ranking_score is not None else -1.0,
        success_stale_since=clock.now(),
    )
    if retier:
        backend.retier(row.user_id, backend.tier_of(row.ranking_score))


def success_scores_refresh(*, limit: int = 200) -> int:
    """Recompute the success scores on freelancer profiles (search's copies) that a reveal
    marked stale; returns how many were brought up to date. The sweeper calls this on every
    pass, and search does when the sweeper is behind.

    The batch is read and computed outside any transaction (one query reads the contracts of
    the whole batch; for the busiest people that is thousands of rows, and on SQLite a
    transaction holds the one write lock). Each score is then written only if the mark is
    the one read: a reveal in the meantime stamped a new one, and the next pass recomputes.
    Several sweepers may compute the same people; each score is written once.
    """
    from twoway.accounts.models import FreelancerProfile
    from twoway.reputation.selectors import success_outcomes_many

    stale = list(
        FreelancerProfile.objects.filter(success_stale_since__isnull=False)
        .order_by("success_stale_since")
        .values_list("user_id", "success_stale_since")[:limit]
    )
    if not stale:
        return 0
    outcomes = success_outcomes_many(
        [user_id for user_id, _ in stale], rules.FREELANCER, clock.now()
    )
    written = 0
    with transaction.atomic():
        for user_id, mark in stale:
            success = scoring.success_score(outcomes[user_id]).score
            written += FreelancerProfile.objects.filter(
                user_id=user_id, success_stale_since=mark
            ).update(
                success_score=float(success) if success is not None else None,
                success_stale_since=None,
            )
    return written


def _warnings_may_change(
    key: tuple[int, str],
    before: scoring.Aggregate,
    after: scoring.Aggregate,
    about_clients: list[Feedback],
    *,
    removal: bool,
) -> bool:
    """Whether a client's warnings need counting again (counting them costs a few queries).

    They change only when the low-score condition flips, when a complaint the warnings are
    made of is revealed, or when feedback is taken out or put back.
    """
    from twoway.reputation import warnings
    from twoway.reputation.models import CommentTheme

    if removal or warnings.is_low(before) != warnings.is_low(after):
        return True
    if before.review_count != after.review_count and warnings.is_low(after):
        return True  # the evidence (the lowest-rated comments) may have changed
    mine = [f.pk for f in about_clients if f.subject_id == key[0]]
    return (
        bool(mine)
        and CommentTheme.objects.filter(
            feedback_id__in=mine, polarity="complaint", theme__in=list(warnings.THEME_WARNINGS)
        ).exists()
    )


def _warning_count(user_id: int, aggregate: scoring.Aggregate) -> int:
    from twoway.accounts.models import User
    from twoway.reputation.selectors import client_warnings_for

    return len(client_warnings_for(User(pk=user_id), clock.now(), aggregate, processed_only=True))


def themes_tag(feedback: Feedback, *, replace: bool = True) -> None:
    """Store the themes of ``feedback``'s comment, replacing earlier ones after an edit
    (``replace=False`` for a feedback created in this transaction, which has none)."""
    from twoway.reputation.models import CommentTheme
    from twoway.reputation.themes import tag_comment

    if replace:
        CommentTheme.objects.filter(feedback=feedback).delete()
    CommentTheme.objects.bulk_create(
        CommentTheme(
            feedback=feedback, theme=tag.theme, polarity=tag.polarity, evidence=tag.evidence[:400]
        )
        for tag in tag_comment(feedback.comment)
    )


BASELINE_REFRESH = timedelta(minutes=5)


def reputation_baselines_refresh(*, force: bool = False) -> int:
    """Store what everyone in each role gives on average (see ``RatingBaseline``); the sweeper
    calls this on every pass and it does the work every few minutes. Returns rows written."""
    from twoway.reputation.models import RatingBaseline
    from twoway.reputation.selectors import given_totals

    now = clock.now()
    written = 0
    for role in (rules.CLIENT, rules.FREELANCER):
        fresh = RatingBaseline.objects.filter(
            role=role, computed_at__gt=now - BASELINE_REFRESH, computed_at__lte=now
        ).exists()
        if fresh and not force:
            continue
        count, total = given_totals(role)
        # An upsert: two sweepers refreshing at once both succeed, the later one wins.
        RatingBaseline.objects.bulk_create(
            [RatingBaseline(role=role, given_count=count, given_sum=total, computed_at=now)],
            update_conflicts=True,
            unique_fields=["role"],
            update_fields=["given_count", "given_sum", "computed_at"],
        )
        written += 1
    return written


def reputation_apply_reveals(feedbacks: Iterable[Feedback]) -> None:
    """Count newly revealed feedback (removed feedback is never counted)."""
    _apply([(feedback, 1) for feedback in feedbacks if feedback.removed_at is None])


def reputation_apply_moderation(feedback: Feedback, *, removed: bool) -> None:
    """Take a removed feedback out of the totals, or put a restored one back.

    Feedback whose reveal was not processed yet is not in the totals either way; the reveal
    will count it (or not) by its state then.
    """
    if feedback.revealed_at is None:
        # Not in the totals, but a due reveal is folded into views on read: mark them stale.
        reputation_touch(
            [
                (feedback.subject_id, feedback.subject_role),
                (feedback.author_id, feedback.author_role),
            ]
        )
        return
    _apply([(feedback, -1 if removed else 1)])


def counted_feedback() -> QuerySet[Feedback]:
    return Feedback.objects.filter(revealed_at__isnull=False, removed_at__isnull=True)


def reputation_recompute(
    *, batch_size: int = 5000, progress: Callable[[int], None] | None = None
) -> int:
    """Rebuild every stored reputation from the feedback rows; returns rows written.

    Streams the counted feedback once, builds totals in memory per (person, role), then
    replaces the table's contents in one transaction.
    """
    aggregates: dict[tuple[int, str], scoring.Aggregate] = defaultdict(scoring.Aggregate)
    given: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0, 0])
    rows = (
        counted_feedback()
        .select_related(None)
        .values_list(
            "subject_id",
            "author_id",
            "author_role",
            "overall",
            "contract__total_paid_cents",
            *rules.ALL_CRITERIA,
        )
        .order_by("pk")
    )
    for done, (subject_id, author_id, author_role, overall, paid, *stars) in enumerate(
        rows.iterator(chunk_size=batch_size), start=1
    ):
        subject_role = rules.other_role(author_role)
        criteria = {
            name: value
            for name, value in zip(rules.ALL_CRITERIA, stars, strict=True)
            if name in rules.CRITERIA[author_role]
        }
        contribution = scoring.Contribution(
            overall_hundredths=scoring.to_hundredths(overall),
            weight_cents=scoring.weight_cents(
                subject_role=subject_role,
                paid_cents=paid,
                client_floor_cents=settings.CLIENT_FLOOR_WEIGHT_CENTS,
            ),
            criteria=criteria,
        )
        aggregates[(subject_id, subject_role)] = aggregates[(subject_id, subject_role)].apply(
            contribution
        )
        totals = given[(author_id, author_role)]
        totals[0] += 1
        totals[1] += scoring.to_hundredths(overall)
        if progress is not None and done % batch_size == 0:
            progress(batch_size)
    at = clock.now()
    fresh = []
    # People whose totals fell back to zero keep their (zero) row, as incremental updates do.
    existing = set(Reputation.objects.values_list("user_id", "role"))
    for key in set(aggregates) | set(given) | existing:
        row = Reputation(user_id=key[0], role=key[1], updated_at=at)
        aggregate = aggregates.get(key, scoring.Aggregate())
        row.load_aggregate(aggregate)
        row.given_count, row.given_sum = given.get(key, [0, 0])
        if key[1] == rules.CLIENT and aggregate.review_count:
            row.warning_count = _warning_count(key[0], aggregate)
        fresh.append(row)
    with transaction.atomic():
        Reputation.objects.all().delete()
        Reputation.objects.bulk_create(fresh, batch_size=batch_size)
        _resync_all_search_keys(fresh, batch_size)
    return len(fresh)


def _resync_all_search_keys(rows: list[Reputation], batch_size: int) -> None:
    from twoway.accounts.models import FreelancerProfile
    from twoway.search import backend

    FreelancerProfile.objects.update(
        review_count=0, sort_score=-1.0, sort_ranking=-1.0, success_stale_since=clock.now()
    )
    for row in rows:
        if row.role == rules.FREELANCER:
            _sync_search_keys(row, retier=False)
    backend.retier_all()  # and the people the loop did not reach (no reviews any more)
    while success_scores_refresh(limit=batch_size):
        pass


# --- Rating rings (reputation.rings) ---------------------------------------------------------


def _ring_candidates(condition: Q, now: datetime) -> QuerySet[Contract]:
    """Ended contracts that may be ring contracts, narrowed in SQL (little paid, revealed top
    scores both ways) and annotated with the two scores; ``rings`` makes the final call."""
    thresholds = rings.DEFAULT

    def top_from(role: str) -> Exists:
        return Exists(
            Feedback.objects.filter(
                contract=OuterRef("pk"),
                author_role=role,
                reveals_at__lte=now,
                overall__gte=thresholds.top_score,
            )
        )

    def score_from(role: str) -> Subquery:
        return Subquery(
            Feedback.objects.filter(
                contract=OuterRef("pk"), author_role=role, reveals_at__lte=now
            ).values("overall")[:1],
            output_field=DecimalField(max_digits=3, decimal_places=2),
        )

    return (
        Contract.objects.filter(
            condition,
            status=ContractStatus.ENDED,
            total_paid_cents__lt=thresholds.small_contract_cents,
        )
        .filter(top_from(rules.CLIENT), top_from(rules.FREELANCER))
        .annotate(
            client_gave=score_from(rules.CLIENT), freelancer_gave=score_from(rules.FREELANCER)
        )
        .order_by("pk")
    )


def _two_places(score: Decimal | float | str) -> str:
    return str(Decimal(str(score)).quantize(scoring.TWO_PLACES))


def _evidence_item(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "contract_id": row["pk"],
        "title": row["title"],
        "client_id": row["client_id"],
        "freelancer_id": row["freelancer_id"],
        "paid_cents": row["total_paid_cents"],
        "client_gave": _two_places(row["client_gave"]),
        "freelancer_gave": _two_places(row["freelancer_gave"]),
        "ended_at": row["ended_at"].isoformat() if row["ended_at"] else None,
    }


def _ring_flag_summary(flag: RingFlag) -> dict[str, Any]:
    return {
        "status": flag.status,
        "contracts": flag.contract_ids,
        "total_paid_cents": flag.total_paid_cents,
        "lowest_score": str(flag.lowest_score) if flag.lowest_score is not None else None,
    }


def _ring_flag_load_evidence(flag: RingFlag, evidence: list[dict[str, Any]]) -> None:
    flag.evidence = sorted(evidence, key=lambda item: item["contract_id"])
    flag.contract_count = len(evidence)
    flag.total_paid_cents = sum(item["paid_cents"] for item in evidence)
    flag.lowest_score = min(
        (Decimal(item[key]) for item in evidence for key in ("client_gave", "freelancer_gave")),
        default=None,
    )
    clients = {item["client_id"] for item in evidence}
    flag.roles_swapped = bool(clients & {item["freelancer_id"] for item in evidence})


def _ring_flag_upsert(
    ring: rings.Ring, rows: dict[int, dict[str, Any]], now: datetime
) -> tuple[RingFlag, str]:
    """Raise the flag for ``ring``'s people, or add new contracts to it (reopening it if it was
    resolved). Returns the flag and what happened: raised, updated, reopened or unchanged."""
    people = [*ring.people, None][:3]
    lookup = {"person_a_id": people[0], "person_b_id": people[1], "person_c_id": people[2]}
    found = [_evidence_item(rows[c.contract_id]) for c in ring.contracts]
    with transaction.atomic():
        flag = RingFlag.objects.select_for_update().filter(**lookup).first()
        if flag is None:
            flag = RingFlag(kind=ring.kind, created_at=now, updated_at=now, **lookup)
            _ring_flag_load_evidence(flag, found)
            try:
                with transaction.atomic():  # a racing reveal may raise the same flag
                    flag.save()
            except IntegrityError:
                flag = RingFlag.objects.select_for_update().get(**lookup)
            else:
                audit.record(
                    actor=None,
                    action="ring_flag.raised",
                    target=flag,
                    after=_ring_flag_summary(flag) | {"people": flag.people_ids},
                )
                return flag, "raised"
        known = {item["contract_id"]: item for item in flag.evidence}
        added = [item for item in found if item["contract_id"] not in known]
        if not added:
            return flag, "unchanged"
        before = _ring_flag_summary(flag)
        _ring_flag_load_evidence(flag, [*known.values(), *added])
        outcome = "updated"
        if flag.status != RingStatus.OPEN:
            # New evidence after a decision: operators look again.
            outcome = "reopened"
            flag.status = RingStatus.OPEN
            flag.resolved_at = None
            flag.resolved_by = None
            flag.resolution_note = ""
        flag.updated_at = now
        flag.save()
        audit.record(
            actor=None,
            action=f"ring_flag.{outcome}",
            target=flag,
            before=before,
            after=_ring_flag_summary(flag),
        )
        return flag, outcome


_RING_ROW_FIELDS = (
    "pk",
    "title",
    "client_id",
    "freelancer_id",
    "total_paid_cents",
    "ended_at",
    "client_gave",  # annotations of _ring_candidates
    "freelancer_gave",
)


def _ring_flags_refresh(condition: Q, *, among: tuple[int, ...] = ()) -> list[tuple[RingFlag, str]]:
    now = clock.now()
    rows: dict[int, dict[str, Any]] = {}
    facts = []
    for row in _ring_candidates(condition, now).values(*_RING_ROW_FIELDS):
        rows[row["pk"]] = row
        facts.append(
            rings.ContractFacts(
                contract_id=row["pk"],
                client_id=row["client_id"],
                freelancer_id=row["freelancer_id"],
                paid_cents=row["total_paid_cents"],
                client_gave=row["client_gave"],
                freelancer_gave=row["freelancer_gave"],
            )
        )
    found = rings.detect_rings(facts)
    if among:
        found = rings.rings_with(found, *among)
    return [_ring_flag_upsert(ring, rows, now) for ring in found]


def ring_flags_check_reveals(feedbacks: Iterable[Feedback]) -> list[RingFlag]:
    """After reveals are processed: raise or update the ring flags of the people involved.

    Cheap by design, since it runs inside every reveal: only a contract whose two feedbacks
    were just revealed together, with little paid and top scores both ways, is looked into,
    with one indexed query over the ring contracts of its two people (their pair, and the
    cycles through them). ``twoway abuse-scan`` covers everything else.
    """
    by_contract: dict[int, list[Feedback]] = defaultdict(list)
    for feedback in feedbacks:
        by_contract[feedback.contract_id].append(feedback)
    flags: list[RingFlag] = []
    for both in by_contract.values():
        if len(both) != 2:
            continue
        contract = both[0].contract
        given = {f.author_role: Decimal(str(f.overall)) for f in both}
        facts = rings.ContractFacts(
            contract_id=contract.pk,
            client_id=contract.client_id,
            freelancer_id=contract.freelancer_id,
            paid_cents=contract.total_paid_cents,
            client_gave=given.get(rules.CLIENT),
            freelancer_gave=given.get(rules.FREELANCER),
        )
        if not rings.is_ring_contract(facts):
            continue
        a, b = facts.pair
        near = Q(client_id__in=(a, b)) | Q(freelancer_id__in=(a, b))
        flags.extend(flag for flag, _ in _ring_flags_refresh(near, among=(a, b)))
    return flags


def ring_flags_scan() -> dict[str, int]:
    """Look at every ring contract and raise or update flags (``twoway abuse-scan``).

    Safe to run at any time and repeatedly: a flag changes only when it gains evidence.
    """
    outcomes: dict[str, int] = defaultdict(int)
    for _, outcome in _ring_flags_refresh(Q()):
        outcomes[outcome] += 1
    return {name: outcomes[name] for name in ("raised", "updated", "reopened", "unchanged")}


def _ensure_operator(actor: User) -> None:
    if not actor.is_staff:
        raise PermissionDenied("Only operators review ring flags.", code="not_an_operator")


def _ring_flag_locked_open(flag_id: int) -> RingFlag:
    flag = RingFlag.objects.select_for_update().filter(pk=flag_id).first()
    if flag is None:
        raise NotFound("No such ring flag.", code="ring_flag_not_found")
    if flag.status != RingStatus.OPEN:
        raise Conflict("This ring flag is already resolved.", code="ring_flag_resolved")
    return flag


def _ring_flag_resolve(flag: RingFlag, *, operator: User, status: str, note: str) -> None:
    flag.status = status
    flag.resolved_at = clock.now()
    flag.resolved_by = operator
    flag.resolution_note = note
    flag.resolved_contract_ids = flag.contract_ids
    flag.save(
        update_fields=[
            "status",
            "resolved_at",
            "resolved_by",
            "resolution_note",
            "resolved_contract_ids",
        ]
    )


@transaction.atomic
def ring_flag_dismiss(*, operator: User, flag_id: int, note: str = "") -> RingFlag:
    """The operator finds an innocent explanation: the flag closes and nothing else changes."""
    _ensure_operator(operator)
    flag = _ring_flag_locked_open(flag_id)
    note = note.strip()[:RING_NOTE_MAX_LENGTH]
    _ring_flag_resolve(flag, operator=operator, status=RingStatus.DISMISSED, note=note)
    audit.record(
        actor=operator,
        action="ring_flag.dismissed",
        target=flag,
        before={"status": RingStatus.OPEN},
        after={"status": flag.status, "note": note},
    )
    return flag


@transaction.atomic
def ring_flag_confirm(
    *, operator: User, flag_id: int, note: str = "", remove_feedback: bool = True
) -> RingFlag:
    """The operator agrees it is a ring. With ``remove_feedback`` (the default) every feedback
    on the ring's contracts, both ways, is removed through the moderation service: hidden as
    "removed for violating policy", out of every score, each removal audited."""
    from twoway.feedback.services import feedback_remove

    _ensure_operator(operator)
    flag = _ring_flag_locked_open(flag_id)
    note = note.strip()[:RING_NOTE_MAX_LENGTH]
    removed = []
    if remove_feedback:
        reason = f"Rating ring (flag #{flag.pk})" + (f": {note}" if note else "")
        for feedback_id in Feedback.objects.filter(
            contract_id__in=flag.contract_ids, removed_at__isnull=True
        ).values_list("pk", flat=True):
            feedback_remove(operator=operator, feedback_id=feedback_id, note=reason)
            removed.append(feedback_id)
    _ring_flag_resolve(flag, operator=operator, status=RingStatus.CONFIRMED, note=note)
    audit.record(
        actor=operator,
        action="ring_flag.confirmed",
        target=flag,
        before={"status": RingStatus.OPEN},
        after={"status": flag.status, "note": note, "removed_feedback": removed},
    )
    return flag
