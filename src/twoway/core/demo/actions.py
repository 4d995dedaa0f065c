"""The service calls the demo's timeline is made of, one function per kind of event.

Each runs with the clock frozen at its moment (see ``run.py``) and goes through the same
services as the web pages and the API, so every rule is checked and every audit event written.
The only writes outside a service are the two a service has no place for: the shared password
hash (hashed once, for speed) and the operator's staff flags (``createsuperuser``'s job).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.test.utils import override_settings

from twoway.accounts.services import (
    client_payment_verify,
    client_profile_update,
    freelancer_profile_update,
    user_roles_update,
    user_signup,
)
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.core import audit
from twoway.feedback.models import ReportStatus
from twoway.feedback.services import (
    feedback_edit,
    feedback_request,
    feedback_respond,
    feedback_submit,
    report_create,
    report_dismiss,
    report_uphold,
    reveals_process_due,
)
from twoway.jobs.services import job_close, job_post, proposal_decline, proposal_submit
from twoway.jobs.services import proposal_withdraw as _withdraw
from twoway.reputation.services import success_scores_refresh

if TYPE_CHECKING:
    from twoway.core.demo.plan import (
        ContractPlan,
        DemoPlan,
        JobPlan,
        PaymentPlan,
        PersonPlan,
        ProposalPlan,
    )
    from twoway.core.demo.reviews import (
        EditPlan,
        FeedbackPlan,
        ReportPlan,
        RequestPlan,
        ResponsePlan,
    )

# The shared demo password, for every demo account; printed by `twoway demo`.
DEMO_PASSWORD = "twoway-demo-2026"  # noqa: S105 - a documented demo login, not a secret
# Sign-up hashes the password it is given; with Argon2 that is 0.1 s a person. The demo signs
# people up with a cheap hasher, then stores the one Argon2 hash computed for all of them.
_THROWAWAY_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def sign_up(plan: DemoPlan, person: PersonPlan) -> None:
    spec = person.spec
    with override_settings(PASSWORD_HASHERS=_THROWAWAY_HASHERS):
        user = user_signup(
            username=spec.username,
            password=DEMO_PASSWORD,
            email=f"{spec.username}@example.com",
            roles=spec.roles,
            first_name=spec.first,
            last_name=spec.last,
        )
    user.password = plan.password_hash
    user.save(update_fields=["password"])
    person.user = user


def make_operator(person: PersonPlan) -> None:
    user = person.db
    before = {"is_staff": user.is_staff, "is_superuser": user.is_superuser}
    user.is_staff = user.is_superuser = True
    user.save(update_fields=["is_staff", "is_superuser"])
    audit.record(
        actor=None,
        action="user.operator_granted",
        target=user,
        before=before,
        after={"is_staff": True, "is_superuser": True},
    )


def freelancer_profile(person: PersonPlan) -> None:
    freelancer_profile_update(
        user=person.db,
        title=person.title,
        overview=person.overview,
        skills=person.skills,
        hourly_rate_cents=person.rate_cents,
    )


def add_client_role(person: PersonPlan) -> None:
    user_roles_update(user=person.db, roles=["client", *person.db.roles])


def client_profile(person: PersonPlan) -> None:
    client_profile_update(user=person.db, company=person.spec.company)


def verify_payment(plan: DemoPlan, person: PersonPlan) -> None:
    client_payment_verify(operator=plan.operator.db, client=person.db, verified=True)


def post_job(job: JobPlan) -> None:
    job.job = job_post(
        actor=job.client.db,
        title=job.title,
        description=job.description,
        skills=job.template.skills,
        budget_type=job.template.budget_type,
        budget_cents=job.budget_cents,
    )


def submit_proposal(job: JobPlan, proposal: ProposalPlan) -> None:
    proposal.proposal = proposal_submit(
        actor=proposal.freelancer.db,
        job_id=job.db.pk,
        cover_letter=proposal.cover_letter,
        bid_cents=proposal.bid_cents,
    )


def withdraw_proposal(proposal: ProposalPlan) -> None:
    _withdraw(actor=proposal.freelancer.db, proposal_id=proposal.db.pk)


def decline_proposal(job: JobPlan, proposal: ProposalPlan) -> None:
    proposal_decline(actor=job.client.db, proposal_id=proposal.db.pk)


def hire(contract: ContractPlan) -> None:
    contract.contract = proposal_hire(actor=contract.client.db, proposal_id=contract.proposal.db.pk)


def record_payment(contract: ContractPlan, payment: PaymentPlan) -> None:
    payment_record(
        actor=contract.client.db,
        contract_id=contract.db.pk,
        amount_cents=payment.amount_cents,
        memo=payment.memo,
    )


def end_contract(contract: ContractPlan) -> None:
    assert contract.ended_by is not None
    contract.contract = contract_end(
        actor=contract.ended_by.db, contract_id=contract.db.pk, reason=contract.end_reason
    )


def close_job(job: JobPlan) -> None:
    job.job = job_close(actor=job.client.db, job_id=job.db.pk)


def submit_feedback(feedback: FeedbackPlan) -> None:
    feedback.feedback = feedback_submit(
        actor=feedback.author.db,
        contract_id=feedback.contract.db.pk,
        ratings=feedback.ratings,
        comment=feedback.comment,
        private_reason=feedback.reason,
        would_work_again=feedback.would_work_again,
        private_note=feedback.note,
    )


def edit_feedback(edit: EditPlan) -> None:
    feedback = edit.feedback
    feedback.feedback = feedback_edit(
        actor=feedback.author.db, contract_id=feedback.contract.db.pk, comment=edit.comment
    )


def request_feedback(request: RequestPlan) -> None:
    feedback_request(actor=request.actor.db, contract_id=request.contract.db.pk)


def respond_to_feedback(response: ResponsePlan) -> None:
    response.response = feedback_respond(
        actor=response.feedback.subject.db,
        feedback_id=response.feedback.db.pk,
        text=response.text,
    )


def report_feedback(report: ReportPlan) -> None:
    report.report = report_create(
        actor=report.reporter.db,
        feedback_id=report.feedback.db.pk,
        target=report.target,
        reason=report.reason,
        details=report.details,
    )


def decide_report(plan: DemoPlan, report: ReportPlan) -> None:
    decide = report_uphold if report.outcome == ReportStatus.UPHELD else report_dismiss
    report.report = decide(operator=plan.operator.db, report_id=report.db.pk, note=report.note)


def sweep_reveals() -> None:
    """What the sweeper does every few seconds: record the reveals that have fallen due, and
    bring search's success scores up to date after them."""
    while reveals_process_due():
        pass
    while success_scores_refresh():
        pass
