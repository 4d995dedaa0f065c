from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from twoway.accounts.models import User
from twoway.contracts import selectors, services
from twoway.contracts.forms import EndForm, PaymentForm
from twoway.core.forms import call_service
from twoway.core.http import actor_of
from twoway.feedback.selectors import ContractFeedback, contract_feedback_for_viewer


@login_required
@require_POST
def hire(request: HttpRequest, proposal_id: int) -> HttpResponse:
    contract = services.proposal_hire(actor=actor_of(request), proposal_id=proposal_id)
    messages.success(
        request, f"You hired {contract.freelancer.display_name}. The contract is active."
    )
    return redirect("contracts:detail", contract_id=contract.pk)


@login_required
def contract_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") if request.GET.get("status") in ("active", "ended") else None
    page = selectors.contract_list_for_user(
        user=actor_of(request), status=status, cursor=request.GET.get("cursor") or None
    )
    return render(request, "contracts/list.html", {"page": page, "status": status})


def _detail(
    request: HttpRequest,
    contract_id: int,
    *,
    payment_form: PaymentForm | None = None,
    end_form: EndForm | None = None,
    status: int = 200,
) -> HttpResponse:
    actor = actor_of(request)
    contract = selectors.contract_get_for_viewer(viewer=actor, contract_id=contract_id)
    context: dict[str, Any] = {
        "contract": contract,
        "fb": None,
        "sides": [],
        "payments": selectors.payment_list_for_contract(contract=contract),
        "is_client": actor.pk == contract.client_id,
        "is_party": contract.is_party(actor.pk),
        "other": contract.freelancer if actor.pk == contract.client_id else contract.client,
        "payment_form": payment_form or PaymentForm(),
        "end_form": end_form or EndForm(),
    }
    if not contract.is_active:
        fb = contract_feedback_for_viewer(contract=contract, viewer=actor)
        context["fb"] = fb
        context["sides"] = feedback_sides(fb, viewer=actor)
    return render(request, "contracts/detail.html", context, status=status)


def feedback_sides(fb: ContractFeedback, *, viewer: User) -> list[dict[str, Any]]:
    """The two feedback panels of a contract page, the viewer's own first."""
    contract = fb.contract
    client, freelancer = contract.client, contract.freelancer
    from_client = {
        "key": "client",
        "view": fb.from_client,
        "author_name": client.display_name,
        "subject_name": freelancer.display_name,
        "is_mine": fb.viewer_role == "client",
        "title": f"{client.display_name}'s feedback for {freelancer.display_name}",
    }
    from_freelancer = {
        "key": "freelancer",
        "view": fb.from_freelancer,
        "author_name": freelancer.display_name,
        "subject_name": client.display_name,
        "is_mine": fb.viewer_role == "freelancer",
        "title": f"{freelancer.display_name}'s feedback for {client.display_name}",
    }
    for side in (from_client, from_freelancer):
        if side["is_mine"]:
            side["title"] = f"Your feedback for {side['subject_name']}"
        elif fb.viewer_role is not None:
            side["title"] = f"{side['author_name']}'s feedback for you"
    if fb.viewer_role == "freelancer":
        return [from_freelancer, from_client]
    return [from_client, from_freelancer]


@login_required
def contract_detail(request: HttpRequest, contract_id: int) -> HttpResponse:
    return _detail(request, contract_id)


@login_required
@require_POST
def payment_record(request: HttpRequest, contract_id: int) -> HttpResponse:
    form = PaymentForm(request.POST)
    if form.is_valid():
        payment = call_service(
            form,
            services.payment_record,
            flash=request,
            actor=actor_of(request),
            contract_id=contract_id,
            **form.cleaned_data,
        )
        if payment is not None:
            messages.success(request, "Payment recorded.")
            return redirect("contracts:detail", contract_id=contract_id)
    return _detail(request, contract_id, payment_form=form, status=400)


@login_required
@require_POST
def contract_end(request: HttpRequest, contract_id: int) -> HttpResponse:
    form = EndForm(request.POST)
    if form.is_valid():
        contract = call_service(
            form,
            services.contract_end,
            flash=request,
            actor=actor_of(request),
            contract_id=contract_id,
            reason=form.cleaned_data["reason"],
        )
        if contract is not None:
            messages.success(request, "The contract has ended. The feedback window is open.")
            return redirect("contracts:detail", contract_id=contract_id)
    return _detail(request, contract_id, end_form=form, status=400)
