"""Writes for contracts: hire (proposal -> contract), payments, and ending a contract.

Ending a contract is where the feedback engine starts: it fixes the feedback window's close.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.db.models import F

from twoway.accounts.models import Role, User
from twoway.contracts.models import MAX_PAYMENT_CENTS, Contract, ContractStatus, EndReason, Payment
from twoway.core import audit, clock
from twoway.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from twoway.feedback import rules
from twoway.jobs.models import ProposalStatus
from twoway.jobs.services import PROPOSAL_AUDIT_FIELDS, proposal_get_locked
from twoway.notifications.models import Kind
from twoway.notifications.services import notify
from twoway.reputation.services import reputation_touch

CONTRACT_AUDIT_FIELDS = [
    "job",
    "proposal",
    "client",
    "freelancer",
    "title",
    "budget_type",
    "rate_cents",
    "status",
    "started_at",
    "ended_at",
    "ended_by",
    "end_reason",
    "feedback_window_closes_at",
    "total_paid_cents",
]
MEMO_MAX_LENGTH = 200


@transaction.atomic
def proposal_hire(*, actor: User, proposal_id: int) -> Contract:
    """The job's owner hires a pending proposal, making a contract with its freelancer."""
    proposal = proposal_get_locked(proposal_id)
    job = proposal.job
    if job.client_id != actor.pk:
        if proposal.freelancer_id == actor.pk:
            raise PermissionDenied("Only the job's client can hire.", code="not_job_owner")
        raise NotFound("No such proposal.", code="proposal_not_found")
    if not job.is_open:
        raise Conflict("This job is closed; reopen it by posting a new one.", code="job_closed")
    if proposal.status != ProposalStatus.PENDING:
        raise Conflict(
            f"This proposal is already {proposal.get_status_display().lower()}.",
            code="proposal_not_pending",
        )
    if proposal.freelancer_id == actor.pk:  # also a database constraint on Contract
        raise Conflict("You cannot hire yourself.", code="self_contract")
    freelancer = User.objects.get(pk=proposal.freelancer_id)
    if not freelancer.is_active:
        raise Conflict("This freelancer's account is deactivated.", code="account_inactive")
    at = clock.now()
    before = audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS)
    proposal.status = ProposalStatus.HIRED
    proposal.decided_at = at
    proposal.save(update_fields=["status", "decided_at"])
    audit.record(
        actor=actor,
        action="proposal.hired",
        target=proposal,
        before=before,
        after=audit.snapshot(proposal, PROPOSAL_AUDIT_FIELDS),
    )
    reputation_touch([(job.client_id, Role.CLIENT)])  # the client's hires
    contract = Contract.objects.create(
        job=job,
        proposal=proposal,
        client_id=job.client_id,
        freelancer_id=proposal.freelancer_id,
        title=job.title,
        budget_type=job.budget_type,
        rate_cents=proposal.bid_cents,
        started_at=at,
    )
    audit.record(
        actor=actor,
        action="contract.started",
        target=contract,
        after=audit.snapshot(contract, CONTRACT_AUDIT_FIELDS),
    )
    return contract


def contract_get_for_party(*, actor: User, contract_id: int, lock: bool = False) -> Contract:
    """The contract if ``actor`` is one of its two parties; otherwise 404 (it is private)."""
    qs = Contract.objects.select_for_update() if lock else Contract.objects.all()
    contract = qs.filter(pk=contract_id).first()
    if contract is None or not contract.is_party(actor.pk):
        raise NotFound("No such contract.", code="contract_not_found")
    return contract


@transaction.atomic
def payment_record(*, actor: User, contract_id: int, amount_cents: int, memo: str = "") -> Payment:
    """The contract's client records a payment on an active contract."""
    contract = contract_get_for_party(actor=actor, contract_id=contract_id, lock=True)
    if contract.client_id != actor.pk:
        raise PermissionDenied(
            "Only the contract's client records payments.", code="not_contract_client"
        )
    if not contract.is_active:
        raise Conflict("Payments are recorded while a contract is active.", code="contract_ended")
    if (
        not isinstance(amount_cents, int)
        or isinstance(amount_cents, bool)
        or not 0 < amount_cents <= MAX_PAYMENT_CENTS
    ):
        raise InvalidInput(
            f"A payment is a whole number of cents from 1 to {MAX_PAYMENT_CENTS:,}.",
            code="invalid_amount",
        )
    memo = memo.strip()
    if len(memo) > MEMO_MAX_LENGTH:
        raise InvalidInput(f"A memo has at most {MEMO_MAX_LENGTH} characters.", code="too_long")
    payment = Payment.objects.create(
        contract=contract,
        amount_cents=amount_cents,
        memo=memo,
        created_by=actor,
        created_at=clock.now(),
    )
    before_total = contract.total_paid_cents
    Contract.objects.filter(pk=contract.pk).update(
        total_paid_cents=F("total_paid_cents") + amount_cents
    )
    contract.refresh_from_db(fields=["total_paid_cents"])
    reputation_touch([(contract.client_id, Role.CLIENT)])  # the client's total spent
    audit.record(
        actor=actor,
        action="payment.recorded",
        target=payment,
        after={"contract": contract.pk, "amount_cents": amount_cents, "memo": memo},
    )
    audit.record(
        actor=actor,
        action="contract.paid",
        target=contract,
        before={"total_paid_cents": before_total},
        after={"total_paid_cents": contract.total_paid_cents},
    )
    return payment


@transaction.atomic
def contract_end(*, actor: User, contract_id: int, reason: str = EndReason.COMPLETED) -> Contract:
    """Either party ends an active contract; the feedback window opens now.

    The window's close is fixed here (now + FEEDBACK_WINDOW) and stored, so reveal rules read it
    from the row rather than from a setting that may change.
    """
    contract = contract_get_for_party(actor=actor, contract_id=contract_id, lock=True)
    if reason not in EndReason.values:
        raise InvalidInput(
            f"The reason is one of: {', '.join(EndReason.values)}.", code="invalid_end_reason"
        )
    if not contract.is_active:
        raise Conflict("This contract has already ended.", code="contract_ended")
    before = audit.snapshot(contract, CONTRACT_AUDIT_FIELDS)
    at = clock.now()
    contract.status = ContractStatus.ENDED
    contract.ended_at = at
    contract.ended_by = actor
    contract.end_reason = reason
    contract.feedback_window_closes_at = at + settings.FEEDBACK_WINDOW
    contract.reminder_due_at = rules.reminder_at(
        ended_at=at,
        window_closes_at=contract.feedback_window_closes_at,
        lead=settings.FEEDBACK_REMINDER_BEFORE,
    )
    contract.save(
        update_fields=[
            "status",
            "ended_at",
            "ended_by",
            "end_reason",
            "feedback_window_closes_at",
            "reminder_due_at",
        ]
    )
    # Success scores count ended contracts, and the new window bounds how long a view keeps.
    reputation_touch([(contract.client_id, Role.CLIENT), (contract.freelancer_id, Role.FREELANCER)])
    audit.record(
        actor=actor,
        action="contract.ended",
        target=contract,
        before=before,
        after=audit.snapshot(contract, CONTRACT_AUDIT_FIELDS),
    )
    notify(
        user_ids=[contract.client_id, contract.freelancer_id],
        kind=Kind.CONTRACT_ENDED,
        contract=contract,
        actor=actor,
    )
    return contract
