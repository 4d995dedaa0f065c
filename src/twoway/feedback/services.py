"""Writes for the feedback system: submit, edit, reveal, respond, report, moderate.

Concurrency: every write that depends on "has the other side submitted?" locks the contract
row first (SELECT ... FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transactions serialise
writers), and the unique constraints on (contract, author) and (contract, side) are the
backstop, so two racing submissions can never both be stored.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction

from twoway.accounts.models import User
from twoway.contracts.models import Contract, ContractStatus
from twoway.core import audit, claims, clock
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.feedback import rules
from twoway.feedback.models import (
    Feedback,
    FeedbackResponse,
    PrivateReason,
    Report,
    ReportReason,
    ReportStatus,
    ReportTarget,
)
from twoway.notifications.models import Kind, Notification
from twoway.notifications.services import notify
from twoway.reputation.services import themes_tag

FEEDBACK_AUDIT_FIELDS = [
    "contract",
    "author",
    "subject",
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
    "removed_by",
    "removal_note",
]
DETAILS_MAX_LENGTH = 2000
NOTE_MAX_LENGTH = 500
FEEDBACK_REQUEST_INTERVAL = timedelta(days=1)


def _lock_contract_for_party(actor: User, contract_id: int) -> Contract:
    contract = Contract.objects.select_for_update().filter(pk=contract_id).first()
    if contract is None or not contract.is_party(actor.pk):
        raise NotFound("No such contract.", code="contract_not_found")
    return contract


def _role_on(contract: Contract, user: User) -> str:
    return rules.CLIENT if user.pk == contract.client_id else rules.FREELANCER


def _ensure_window_open(contract: Contract) -> None:
    if contract.status != ContractStatus.ENDED:
        raise Conflict("Feedback opens when the contract ends.", code="contract_not_ended")
    if not rules.window_is_open(
        window_closes_at=contract.feedback_window_closes_at, now=clock.now()
    ):
        raise Conflict(
            "The feedback window for this contract has closed.", code="feedback_window_closed"
        )


def _clean_public(
    role: str, ratings: Mapping[str, Any], comment: str
) -> tuple[dict[str, int], Any, str]:
    problems = rules.ratings_problems(role, ratings)
    if problems:
        raise InvalidInput("Ratings: " + "; ".join(problems) + ".", code="invalid_ratings")
    clean = {key: int(ratings[key]) for key in rules.CRITERIA[role]}
    overall = rules.overall_score(clean.values())
    comment = comment.strip()
    if len(comment) > rules.COMMENT_MAX_LENGTH:
        raise InvalidInput(
            f"The comment has at most {rules.COMMENT_MAX_LENGTH:,} characters.",
            code="comment_too_long",
        )
    if rules.comment_required(overall) and not comment:
        raise InvalidInput(
            "Please explain a score below 3 in the comment: it helps others decide.",
            code="comment_required",
        )
    return clean, overall, comment


def _clean_private(reason: str, would_work_again: int, note: str) -> tuple[str, int, str]:
    if reason not in PrivateReason.values:
        raise InvalidInput(
            f"The reason is one of: {', '.join(PrivateReason.values)}.", code="invalid_reason"
        )
    if (
        not isinstance(would_work_again, int)
        or isinstance(would_work_again, bool)
        or would_work_again not in rules.WOULD_WORK_AGAIN_RANGE
    ):
        raise InvalidInput(
            "“Would you work with them again” is a whole number from 0 to 10.",
            code="invalid_would_work_again",
        )
    note = note.strip()
    if len(note) > rules.PRIVATE_NOTE_MAX_LENGTH:
        raise InvalidInput(
            f"The private note has at most {rules.PRIVATE_NOTE_MAX_LENGTH:,} characters.",
            code="note_too_long",
        )
    return reason, would_work_again, note


def feedback_submit(
    *,
    actor: User,
    contract_id: int,
    ratings: Mapping[str, Any],
    comment: str = "",
    private_reason: str,
    would_work_again: int,
    private_note: str = "",
) -> Feedback:
    """Leave feedback on an ended contract, inside the window. Once per party.

    If the other party has already submitted, both feedbacks are revealed in this same
    transaction; otherwise this one stays sealed until they do or the window closes.
    """
    try:
        with transaction.atomic():
            contract = _lock_contract_for_party(actor, contract_id)
            _ensure_window_open(contract)
            role = _role_on(contract, actor)
            given = list(Feedback.objects.filter(contract=contract))  # one per party at most
            if any(f.author_id == actor.pk for f in given):
                raise Conflict(
                    "You have already left feedback on this contract.", code="feedback_exists"
                )
            clean, overall, comment = _clean_public(role, ratings, comment)
            reason, again, note = _clean_private(private_reason, would_work_again, private_note)
            at = clock.now()
            other = given[0] if given else None
            if other is not None:
                other.contract = contract  # locked above: no second read
            feedback = Feedback.objects.create(
                contract=contract,
                author=actor,
                subject_id=contract.other_party_id(actor.pk),
                author_role=role,
                **clean,
                overall=overall,
                comment=comment,
                private_reason=reason,
                would_work_again=again,
                private_note=note,
                submitted_at=at,
                updated_at=at,
                reveals_at=rules.reveals_at(
                    window_closes_at=contract.feedback_window_closes_at,  # type: ignore[arg-type]
                    submitted_at=[at] + ([other.submitted_at] if other else []),
                ),
            )
            themes_tag(feedback, replace=False)
            audit.record(
                actor=actor,
                action="feedback.submitted",
                target=feedback,
                after=audit.snapshot(feedback, FEEDBACK_AUDIT_FIELDS),
            )
            if other is not None:
                # The second submission reveals both, now, in this transaction.
                other.reveals_at = feedback.reveals_at
                other.save(update_fields=["reveals_at"])
                _record_reveal([other, feedback], actor=actor)
            else:
                notify(
                    user_ids=[feedback.subject_id],
                    kind=Kind.FEEDBACK_LEFT,
                    contract=contract,
                    actor=actor,
                )
    except IntegrityError as exc:
        # Only a racing duplicate can get here: the unique constraints stored one of them.
        raise Conflict(
            "You have already left feedback on this contract.", code="feedback_exists"
        ) from exc
    return feedback


def _record_reveal(feedbacks: list[Feedback], *, actor: User | None) -> list[Feedback]:
    """Process reveals that are due: mark them, update reputations, tell both parties, and
    look for a rating ring between the two people when both sides were revealed together.

    Each feedback is claimed by a conditional UPDATE (revealed_at IS NULL), so concurrent
    sweepers and submissions process every reveal exactly once.
    """
    from twoway.reputation.services import reputation_apply_reveals, ring_flags_check_reveals

    at = clock.now()
    claimed = claims.claim(Feedback, [f.pk for f in feedbacks], "revealed_at", at)
    processed = [feedback for feedback in feedbacks if feedback.pk in claimed]
    for feedback in processed:
        feedback.revealed_at = at
    audit.record_each(
        actor=actor,
        action="feedback.revealed",
        changes=[
            (
                feedback,
                {"revealed_at": None},
                {"revealed_at": at.isoformat(), "reveals_at": feedback.reveals_at.isoformat()},
            )
            for feedback in processed
        ],
    )
    if processed:
        reputation_apply_reveals(processed)
        ring_flags_check_reveals(processed)
        contracts = {f.contract_id: f.contract for f in processed}
        for contract in contracts.values():
            notify(
                user_ids=[contract.client_id, contract.freelancer_id],
                kind=Kind.FEEDBACK_REVEALED,
                contract=contract,
            )
    return processed


def feedback_edit(
    *,
    actor: User,
    contract_id: int,
    ratings: Mapping[str, Any] | None = None,
    comment: str | None = None,
    private_reason: str | None = None,
    would_work_again: int | None = None,
    private_note: str | None = None,
) -> Feedback:
    """The author changes their feedback while it is sealed. Revealed feedback is locked."""
    with transaction.atomic():
        contract = _lock_contract_for_party(actor, contract_id)
        feedback = Feedback.objects.filter(contract=contract, author=actor).first()
        if feedback is None:
            raise NotFound(
                "You have not left feedback on this contract.", code="feedback_not_found"
            )
        if not rules.can_edit(reveals_at=feedback.reveals_at, now=clock.now()):
            raise Conflict(
                "This feedback has been revealed and can no longer be changed.",
                code="feedback_revealed",
            )
        before = audit.snapshot(feedback, FEEDBACK_AUDIT_FIELDS)
        merged_ratings = dict(feedback.ratings) if ratings is None else dict(ratings)
        clean, overall, clean_comment = _clean_public(
            feedback.author_role, merged_ratings, feedback.comment if comment is None else comment
        )
        reason, again, note = _clean_private(
            feedback.private_reason if private_reason is None else private_reason,
            feedback.would_work_again if would_work_again is None else would_work_again,
            feedback.private_note if private_note is None else private_note,
        )
        for key, value in clean.items():
            setattr(feedback, key, value)
        feedback.overall = overall
        feedback.comment = clean_comment
        feedback.private_reason = reason
        feedback.would_work_again = again
        feedback.private_note = note
        feedback.updated_at = clock.now()
        feedback.save()
        themes_tag(feedback)
        audit.record(
            actor=actor,
            action="feedback.edited",
            target=feedback,
            before=before,
            after=audit.snapshot(feedback, FEEDBACK_AUDIT_FIELDS),
        )
    return feedback


def feedback_request(*, actor: User, contract_id: int) -> Notification:
    """Ask the other party to leave feedback: a fixed-text nudge, at most once a day.

    No free text, so a request cannot carry a threat or an offer.
    """
    with transaction.atomic():
        contract = _lock_contract_for_party(actor, contract_id)
        _ensure_window_open(contract)
        other_id = contract.other_party_id(actor.pk)
        if Feedback.objects.filter(contract=contract, author_id=other_id).exists():
            raise Conflict("They have already left their feedback.", code="feedback_already_given")
        since = clock.now() - FEEDBACK_REQUEST_INTERVAL
        if Notification.objects.filter(
            contract=contract, kind=Kind.FEEDBACK_REQUESTED, actor=actor, created_at__gt=since
        ).exists():
            raise Conflict(
                "You asked less than a day ago; you can ask once a day.",
                code="feedback_request_too_soon",
            )
        (notification,) = notify(
            user_ids=[other_id], kind=Kind.FEEDBACK_REQUESTED, contract=contract, actor=actor
        )
        audit.record(
            actor=actor, action="feedback.requested", target=contract, after={"to": other_id}
        )
    return notification


def reveals_process_due(*, limit: int = 500) -> int:
    """Record reveals whose time has come (lone feedback at the window's close).

    Claims rows with FOR UPDATE SKIP LOCKED on PostgreSQL so several sweepers share the work;
    the conditional update in ``_record_reveal`` makes each reveal happen once regardless.
    Returns how many reveals this call processed.
    """
    with transaction.atomic():
        due = list(
            Feedback.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(revealed_at__isnull=True, reveals_at__lte=clock.now())
            .select_related("contract")
            .order_by("reveals_at")[:limit]
        )
        return len(_record_reveal(due, actor=None))


def feedback_respond(*, actor: User, feedback_id: int, text: str) -> FeedbackResponse:
    """The person rated posts their one public response, within 30 days of the reveal."""
    text = text.strip()
    if not text:
        raise InvalidInput("Write your response.", code="response_empty")
    if len(text) > rules.RESPONSE_MAX_LENGTH:
        raise InvalidInput(
            f"A response has at most {rules.RESPONSE_MAX_LENGTH:,} characters.",
            code="response_too_long",
        )
    try:
        with transaction.atomic():
            feedback = (
                Feedback.objects.select_for_update()
                .select_related("contract")
                .filter(pk=feedback_id)
                .first()
            )
            feedback = response_check(actor=actor, feedback=feedback)
            now = clock.now()
            response = FeedbackResponse.objects.create(
                feedback=feedback, author=actor, text=text, created_at=now
            )
            audit.record(
                actor=actor,
                action="response.posted",
                target=response,
                after={"feedback": feedback.pk, "text": text},
            )
            notify(
                user_ids=[feedback.author_id],
                kind=Kind.RESPONSE_POSTED,
                contract=feedback.contract,
                actor=actor,
            )
    except IntegrityError as exc:
        raise Conflict("You have already responded.", code="response_exists") from exc
    return response


def response_check(*, actor: User, feedback: Feedback | None) -> Feedback:
    """Raise unless ``actor`` may post the response to ``feedback`` now."""
    now = clock.now()
    # Sealed feedback exists only for its author and the person rated (who knows of it).
    if feedback is None or not (
        feedback.is_revealed(now) or actor.pk in (feedback.author_id, feedback.subject_id)
    ):
        raise NotFound("No such feedback.", code="feedback_not_found")
    if actor.pk != feedback.subject_id:
        raise PermissionDenied(
            "Only the person rated can respond to feedback.", code="not_feedback_subject"
        )
    if not feedback.is_revealed(now):
        raise Conflict("This feedback is not revealed yet.", code="feedback_sealed")
    if feedback.is_removed:
        raise Conflict("This feedback was removed.", code="feedback_removed")
    if FeedbackResponse.objects.filter(feedback=feedback).exists():
        raise Conflict("You have already responded.", code="response_exists")
    if not rules.can_respond(reveals_at=feedback.reveals_at, now=now):
        raise Conflict(
            "Responses are possible for 30 days after the feedback is revealed.",
            code="response_window_closed",
        )
    return feedback


def report_create(
    *, actor: User, feedback_id: int, target: str, reason: str, details: str = ""
) -> Report:
    """Anyone signed in flags a revealed feedback (or its response) for operators."""
    if target not in ReportTarget.values:
        raise InvalidInput("Report a 'feedback' or a 'response'.", code="invalid_target")
    if reason not in ReportReason.values:
        raise InvalidInput(
            f"The reason is one of: {', '.join(ReportReason.values)}.", code="invalid_reason"
        )
    details = details.strip()
    if len(details) > DETAILS_MAX_LENGTH:
        raise InvalidInput(
            f"Details have at most {DETAILS_MAX_LENGTH:,} characters.", code="details_too_long"
        )
    try:
        with transaction.atomic():
            feedback = Feedback.objects.filter(pk=feedback_id).first()
            if feedback is None or not feedback.is_revealed(clock.now()):
                # Sealed feedback does not exist for anyone but its author and operators.
                raise NotFound("No such feedback.", code="feedback_not_found")
            if (
                target == ReportTarget.RESPONSE
                and not FeedbackResponse.objects.filter(feedback=feedback).exists()
            ):
                raise NotFound("This feedback has no response.", code="response_not_found")
            if Report.objects.filter(
                reporter=actor, feedback=feedback, target=target, status=ReportStatus.OPEN
            ).exists():
                raise Conflict("You have already reported this.", code="report_exists")
            report = Report.objects.create(
                feedback=feedback,
                target=target,
                reporter=actor,
                reason=reason,
                details=details,
                created_at=clock.now(),
            )
            audit.record(
                actor=actor,
                action="report.created",
                target=report,
                after={"feedback": feedback.pk, "target": target, "reason": reason},
            )
    except IntegrityError as exc:
        raise Conflict("You have already reported this.", code="report_exists") from exc
    return report


# --- Moderation (operators) -----------------------------------------------------------------


def _ensure_operator(actor: User) -> None:
    if not actor.is_staff:
        raise PermissionDenied("Only operators moderate.", code="not_an_operator")


def _resolve_reports(
    *, feedback: Feedback, target: str, status: str, operator: User, note: str
) -> None:
    at = clock.now()
    for report in Report.objects.select_for_update().filter(
        feedback=feedback, target=target, status=ReportStatus.OPEN
    ):
        report.status = status
        report.resolved_at = at
        report.resolved_by = operator
        report.resolution_note = note
        report.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note"])
        audit.record(
            actor=operator,
            action=f"report.{status}",
            target=report,
            before={"status": ReportStatus.OPEN},
            after={"status": status, "note": note},
        )


@transaction.atomic
def feedback_remove(*, operator: User, feedback_id: int, note: str = "") -> Feedback:
    """Hide a feedback behind "removed for violating policy" and take it out of every score.

    Nothing is deleted: the content stays for operators and the audit log.
    """
    from twoway.reputation.services import reputation_apply_moderation

    _ensure_operator(operator)
    note = note.strip()[:NOTE_MAX_LENGTH]
    feedback = Feedback.objects.select_for_update().filter(pk=feedback_id).first()
    if feedback is None:
        raise NotFound("No such feedback.", code="feedback_not_found")
    if feedback.is_removed:
        raise Conflict("This feedback is already removed.", code="already_removed")
    before = {"removed_at": None}
    feedback.removed_at = clock.now()
    feedback.removed_by = operator
    feedback.removal_note = note
    feedback.save(update_fields=["removed_at", "removed_by", "removal_note"])
    audit.record(
        actor=operator,
        action="feedback.removed",
        target=feedback,
        before=before,
        after={"removed_at": feedback.removed_at.isoformat(), "note": note},
    )
    _resolve_reports(
        feedback=feedback,
        target=ReportTarget.FEEDBACK,
        status=ReportStatus.UPHELD,
        operator=operator,
        note=note,
    )
    reputation_apply_moderation(feedback, removed=True)
    return feedback


@transaction.atomic
def feedback_restore(*, operator: User, feedback_id: int, note: str = "") -> Feedback:
    """Undo a removal: the feedback is shown and counted again."""
    from twoway.reputation.services import reputation_apply_moderation

    _ensure_operator(operator)
    feedback = Feedback.objects.select_for_update().filter(pk=feedback_id).first()
    if feedback is None:
        raise NotFound("No such feedback.", code="feedback_not_found")
    if not feedback.is_removed:
        raise Conflict("This feedback is not removed.", code="not_removed")
    before = {"removed_at": feedback.removed_at.isoformat() if feedback.removed_at else None}
    feedback.removed_at = None
    feedback.removed_by = None
    feedback.removal_note = ""
    feedback.save(update_fields=["removed_at", "removed_by", "removal_note"])
    audit.record(
        actor=operator,
        action="feedback.restored",
        target=feedback,
        before=before,
        after={"removed_at": None, "note": note.strip()[:NOTE_MAX_LENGTH]},
    )
    reputation_apply_moderation(feedback, removed=False)
    return feedback


@transaction.atomic
def response_remove(*, operator: User, feedback_id: int, note: str = "") -> FeedbackResponse:
    _ensure_operator(operator)
    note = note.strip()[:NOTE_MAX_LENGTH]
    response = FeedbackResponse.objects.select_for_update().filter(feedback_id=feedback_id).first()
    if response is None:
        raise NotFound("No such response.", code="response_not_found")
    if response.is_removed:
        raise Conflict("This response is already removed.", code="already_removed")
    response.removed_at = clock.now()
    response.removed_by = operator
    response.removal_note = note
    response.save(update_fields=["removed_at", "removed_by", "removal_note"])
    audit.record(
        actor=operator,
        action="response.removed",
        target=response,
        before={"removed_at": None},
        after={"removed_at": response.removed_at.isoformat(), "note": note},
    )
    _resolve_reports(
        feedback=response.feedback,
        target=ReportTarget.RESPONSE,
        status=ReportStatus.UPHELD,
        operator=operator,
        note=note,
    )
    return response


@transaction.atomic
def response_restore(*, operator: User, feedback_id: int, note: str = "") -> FeedbackResponse:
    _ensure_operator(operator)
    response = FeedbackResponse.objects.select_for_update().filter(feedback_id=feedback_id).first()
    if response is None:
        raise NotFound("No such response.", code="response_not_found")
    if not response.is_removed:
        raise Conflict("This response is not removed.", code="not_removed")
    before = {"removed_at": response.removed_at.isoformat() if response.removed_at else None}
    response.removed_at = None
    response.removed_by = None
    response.removal_note = ""
    response.save(update_fields=["removed_at", "removed_by", "removal_note"])
    audit.record(
        actor=operator,
        action="response.restored",
        target=response,
        before=before,
        after={"removed_at": None, "note": note.strip()[:NOTE_MAX_LENGTH]},
    )
    return response


@transaction.atomic
def report_dismiss(*, operator: User, report_id: int, note: str = "") -> Report:
    """The operator finds nothing wrong: the report is closed and the content stays."""
    _ensure_operator(operator)
    report = Report.objects.select_for_update().filter(pk=report_id).first()
    if report is None:
        raise NotFound("No such report.", code="report_not_found")
    if report.status != ReportStatus.OPEN:
        raise Conflict("This report is already resolved.", code="report_resolved")
    note = note.strip()[:NOTE_MAX_LENGTH]
    report.status = ReportStatus.DISMISSED
    report.resolved_at = clock.now()
    report.resolved_by = operator
    report.resolution_note = note
    report.save(update_fields=["status", "resolved_at", "resolved_by", "resolution_note"])
    audit.record(
        actor=operator,
        action="report.dismissed",
        target=report,
        before={"status": ReportStatus.OPEN},
        after={"status": report.status, "note": note},
    )
    return report


@transaction.atomic
def report_uphold(*, operator: User, report_id: int, note: str = "") -> Report:
    """The operator agrees: the reported feedback or response is removed."""
    _ensure_operator(operator)
    report = Report.objects.filter(pk=report_id).first()
    if report is None:
        raise NotFound("No such report.", code="report_not_found")
    if report.status != ReportStatus.OPEN:
        raise Conflict("This report is already resolved.", code="report_resolved")
    if report.target == ReportTarget.FEEDBACK:
        feedback = Feedback.objects.get(pk=report.feedback_id)
        if feedback.is_removed:
            _resolve_reports(
                feedback=feedback,
                target=report.target,
                status=ReportStatus.UPHELD,
                operator=operator,
                note=note,
            )
        else:
            feedback_remove(operator=operator, feedback_id=report.feedback_id, note=note)
    else:
        response = FeedbackResponse.objects.get(feedback_id=report.feedback_id)
        if response.is_removed:
            _resolve_reports(
                feedback=response.feedback,
                target=report.target,
                status=ReportStatus.UPHELD,
                operator=operator,
                note=note,
            )
        else:
            response_remove(operator=operator, feedback_id=report.feedback_id, note=note)
    report.refresh_from_db()
    return report


def reminders_send_due(*, limit: int = 500) -> int:
    """Remind each party who has not left feedback, once, when their contract's reminder
    falls due; returns how many reminders were sent.

    ``contract_end`` stores when (``Contract.reminder_due_at``, from ``rules.reminder_at``), so
    a pass reads only the due rows of a partial index instead of every window closing soon.
    Due contracts are claimed with FOR UPDATE SKIP LOCKED on PostgreSQL (SQLite runs one
    writer at a time) and their due time cleared in the same transaction, so several sweepers
    share the work; a reminder is also unique per person and contract. A window that closed
    before its reminder went out (the sweeper was stopped) gets none: too late to be useful.
    """
    now = clock.now()
    sent = 0
    while True:
        with transaction.atomic():
            due = list(
                Contract.objects.select_for_update(skip_locked=True)
                .filter(reminder_due_at__lte=now)
                .order_by("reminder_due_at")
                .only("pk", "client_id", "freelancer_id", "title", "feedback_window_closes_at")[
                    :limit
                ]
            )
            ids = [contract.pk for contract in due]
            Contract.objects.filter(pk__in=ids).update(reminder_due_at=None)
            gave = set(
                Feedback.objects.filter(contract_id__in=ids).values_list("contract_id", "author_id")
            )
            for contract in due:
                closes_at = contract.feedback_window_closes_at
                if closes_at is None or closes_at <= now:
                    continue
                waiting = [
                    party
                    for party in (contract.client_id, contract.freelancer_id)
                    if (contract.pk, party) not in gave
                ]
                if waiting:
                    reminded = notify(user_ids=waiting, kind=Kind.WINDOW_CLOSING, contract=contract)
                    sent += len(reminded)
        if len(due) < limit:
            return sent
