"""Reads of feedback. ``feedback_view`` is THE visibility rule: every page, fragment, API
response, export and aggregate that shows feedback gets it through this module.

The rule (DESIGN.md 1.7): a feedback is sealed until ``reveals_at``. While sealed, its author
and operators see it whole; the person rated learns only that it exists; nobody else learns
anything — not even that it exists. Once revealed, everyone sees the public part; removed
feedback shows as "removed for violating policy" to everyone but its author and operators, and
a removed response likewise to everyone but its own author (the person rated) and operators.
The private part is only ever shown to the author and operators.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from twoway.accounts.models import User
from twoway.contracts.models import Contract, ContractStatus
from twoway.core import clock
from twoway.core.errors import NotFound
from twoway.core.pagination import Page, keyset_page
from twoway.feedback import rules
from twoway.feedback.models import Feedback, FeedbackResponse

SEALED = "sealed"
REVEALED = "revealed"
REMOVED = "removed"


@dataclass(frozen=True)
class ResponseView:
    removed: bool
    response: FeedbackResponse | None  # None when the viewer may not read the text


@dataclass(frozen=True)
class FeedbackView:
    """What one viewer may see of one feedback."""

    state: str  # sealed | revealed | removed
    feedback: Feedback | None  # None: the content is hidden from this viewer
    show_private: bool
    response: ResponseView | None
    feedback_id: int | None  # for placeholders that link to reports etc.; None while sealed

    @property
    def is_full(self) -> bool:
        return self.feedback is not None


def _response_view(
    feedback: Feedback, *, viewer_id: int | None, is_operator: bool
) -> ResponseView | None:
    """A removed response, like removed feedback, stays readable by its own author (the person
    rated) and operators only; the feedback's author sees the placeholder like everyone else."""
    response: FeedbackResponse | None = getattr(feedback, "response", None)
    if response is None:
        return None
    if response.is_removed and not (is_operator or viewer_id == response.author_id):
        return ResponseView(removed=True, response=None)
    return ResponseView(removed=response.is_removed, response=response)


def feedback_view(*, feedback: Feedback, viewer: User | None, now: datetime) -> FeedbackView | None:
    """The one visibility rule. None means: this viewer must not learn the feedback exists."""
    viewer_id = viewer.pk if viewer is not None else None
    is_operator = bool(viewer is not None and viewer.is_staff and viewer.is_active)
    is_author = viewer_id == feedback.author_id
    revealed = feedback.is_revealed(now)
    if is_author or is_operator:
        state = REMOVED if feedback.is_removed else (REVEALED if revealed else SEALED)
        return FeedbackView(
            state=state,
            feedback=feedback,
            show_private=True,
            response=(
                _response_view(feedback, viewer_id=viewer_id, is_operator=is_operator)
                if revealed
                else None
            ),
            feedback_id=feedback.pk,
        )
    if not revealed:
        if viewer_id is not None and viewer_id == feedback.subject_id:
            return FeedbackView(
                state=SEALED, feedback=None, show_private=False, response=None, feedback_id=None
            )
        return None
    if feedback.is_removed:
        return FeedbackView(
            state=REMOVED, feedback=None, show_private=False, response=None, feedback_id=feedback.pk
        )
    return FeedbackView(
        state=REVEALED,
        feedback=feedback,
        show_private=False,
        response=_response_view(feedback, viewer_id=viewer_id, is_operator=False),
        feedback_id=feedback.pk,
    )


def revealed_q(now: datetime, prefix: str = "") -> Q:
    """Feedback that is public by the rule (removed or not)."""
    return Q(**{f"{prefix}reveals_at__lte": now})


def counted_q(now: datetime, prefix: str = "") -> Q:
    """Feedback that counts in scores: revealed and not removed."""
    return revealed_q(now, prefix) & Q(**{f"{prefix}removed_at__isnull": True})


def _with_related(qs: QuerySet[Feedback]) -> QuerySet[Feedback]:
    return qs.select_related("author", "subject", "contract", "response")


@dataclass(frozen=True)
class ContractFeedback:
    contract: Contract
    window_closes_at: datetime | None
    window_open: bool
    from_client: FeedbackView | None
    from_freelancer: FeedbackView | None
    viewer_role: str | None  # the viewer's side on the contract, if a party
    can_submit: bool
    can_edit: bool

    @property
    def mine(self) -> FeedbackView | None:
        if self.viewer_role == rules.CLIENT:
            return self.from_client
        if self.viewer_role == rules.FREELANCER:
            return self.from_freelancer
        return None

    @property
    def theirs(self) -> FeedbackView | None:
        if self.viewer_role == rules.CLIENT:
            return self.from_freelancer
        if self.viewer_role == rules.FREELANCER:
            return self.from_client
        return None


def contract_feedback_for_viewer(*, contract: Contract, viewer: User) -> ContractFeedback:
    """Both sides of a contract's feedback as ``viewer`` may see them.

    The caller has already checked the viewer may see the contract (a party or an operator).
    """
    now = clock.now()
    rows = {f.author_role: f for f in _with_related(Feedback.objects.filter(contract=contract))}
    role = (
        rules.CLIENT
        if viewer.pk == contract.client_id
        else rules.FREELANCER
        if viewer.pk == contract.freelancer_id
        else None
    )
    window_open = rules.window_is_open(window_closes_at=contract.feedback_window_closes_at, now=now)
    mine = rows.get(role) if role else None
    return ContractFeedback(
        contract=contract,
        window_closes_at=contract.feedback_window_closes_at,
        window_open=window_open,
        from_client=_view_or_none(rows.get(rules.CLIENT), viewer, now),
        from_freelancer=_view_or_none(rows.get(rules.FREELANCER), viewer, now),
        viewer_role=role,
        can_submit=bool(
            role and window_open and mine is None and contract.status == ContractStatus.ENDED
        ),
        can_edit=bool(mine is not None and rules.can_edit(reveals_at=mine.reveals_at, now=now)),
    )


def _view_or_none(
    feedback: Feedback | None, viewer: User | None, now: datetime
) -> FeedbackView | None:
    if feedback is None:
        return None
    return feedback_view(feedback=feedback, viewer=viewer, now=now)


def feedback_get_for_viewer(*, feedback_id: int, viewer: User | None) -> FeedbackView:
    """One feedback by id; 404 when the rule says the viewer must not know it exists."""
    feedback = _with_related(Feedback.objects.filter(pk=feedback_id)).first()
    view = (
        None
        if feedback is None
        else feedback_view(feedback=feedback, viewer=viewer, now=clock.now())
    )
    if view is None:
        raise NotFound("No such feedback.", code="feedback_not_found")
    return view


def feedback_history(
    *,
    subject: User,
    role: str,
    viewer: User | None,
    cursor: str | None = None,
    limit: int | None = None,
) -> tuple[Page[Feedback], list[FeedbackView]]:
    """Revealed feedback about ``subject`` in ``role``, newest first (removed as placeholders)."""
    now = clock.now()
    qs = _with_related(
        Feedback.objects.filter(subject=subject, author_role=rules.other_role(role)).filter(
            revealed_q(now)
        )
    )
    page = keyset_page(qs, order=["-reveals_at", "-id"], cursor=cursor, limit=limit)
    views = [feedback_view(feedback=f, viewer=viewer, now=now) for f in page.items]
    return page, [v for v in views if v is not None]


@dataclass(frozen=True)
class FeedbackDue:
    contract: Contract
    window_closes_at: datetime
    other_left_feedback: bool


def feedback_to_give(*, user: User, limit: int = 20) -> list[FeedbackDue]:
    """Ended contracts whose window is open and where ``user`` has not left feedback yet,
    soonest deadline first. Whether the other side has left theirs is shown (that much the
    person rated may know), never what it says."""
    now = clock.now()
    contracts = list(
        Contract.objects.filter(
            Q(client=user) | Q(freelancer=user),
            status=ContractStatus.ENDED,
            feedback_window_closes_at__gt=now,
        )
        .exclude(feedback__author=user)
        .select_related("client", "freelancer")
        .order_by("feedback_window_closes_at", "id")[:limit]
    )
    given = set(
        Feedback.objects.filter(contract__in=contracts).values_list("contract_id", flat=True)
    )
    return [
        FeedbackDue(
            contract=c,
            window_closes_at=c.feedback_window_closes_at,  # type: ignore[arg-type]
            other_left_feedback=c.pk in given,
        )
        for c in contracts
    ]
