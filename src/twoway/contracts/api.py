from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Body, Query, Router, Schema, Status

from twoway.contracts import selectors, services
from twoway.contracts.models import Contract, Payment
from twoway.contracts.schemas import (
    ContractDetailOut,
    ContractList,
    EndIn,
    PaymentIn,
    PaymentOut,
)
from twoway.core.http import actor_of
from twoway.core.schemas import ERRORS, WRITE_ERRORS, Cursor, user_brief

router = Router(tags=["contracts"])


def contract_out(contract: Contract) -> dict[str, Any]:
    return {
        "id": contract.pk,
        "job_id": contract.job_id,
        "proposal_id": contract.proposal_id,
        "title": contract.title,
        "client": user_brief(contract.client),
        "freelancer": user_brief(contract.freelancer),
        "budget_type": contract.budget_type,
        "rate_cents": contract.rate_cents,
        "status": contract.status,
        "started_at": contract.started_at,
        "ended_at": contract.ended_at,
        "ended_by_id": contract.ended_by_id,
        "end_reason": contract.end_reason or None,
        "feedback_window_closes_at": contract.feedback_window_closes_at,
        "total_paid_cents": contract.total_paid_cents,
    }


def payment_out(payment: Payment) -> dict[str, Any]:
    return {
        "id": payment.pk,
        "contract_id": payment.contract_id,
        "amount_cents": payment.amount_cents,
        "memo": payment.memo,
        "created_at": payment.created_at,
    }


def contract_detail_out(contract: Contract) -> dict[str, Any]:
    payments = selectors.payment_list_for_contract(contract=contract)
    return contract_out(contract) | {"payments": [payment_out(p) for p in payments]}


class ContractFilters(Schema):
    status: Literal["active", "ended"] | None = None
    role: Literal["client", "freelancer"] | None = None
    cursor: Cursor | None = None
    limit: int | None = None


@router.post("/proposals/{proposal_id}/hire", response={201: ContractDetailOut, **WRITE_ERRORS})
def proposal_hire(request: HttpRequest, proposal_id: int) -> Status[dict[str, Any]]:
    actor = actor_of(request)
    contract = services.proposal_hire(actor=actor, proposal_id=proposal_id)
    return Status(
        201,
        contract_detail_out(
            selectors.contract_get_for_viewer(viewer=actor, contract_id=contract.pk)
        ),
    )


@router.get("/contracts", response={200: ContractList, **ERRORS}, summary="My contracts")
def contract_list(request: HttpRequest, filters: Query[ContractFilters]) -> dict[str, Any]:
    page = selectors.contract_list_for_user(user=actor_of(request), **filters.dict())
    return {"items": [contract_out(c) for c in page.items], "next": page.next}


@router.get("/contracts/{contract_id}", response={200: ContractDetailOut, **ERRORS})
def contract_detail(request: HttpRequest, contract_id: int) -> dict[str, Any]:
    return contract_detail_out(
        selectors.contract_get_for_viewer(viewer=actor_of(request), contract_id=contract_id)
    )


@router.post("/contracts/{contract_id}/payments", response={201: PaymentOut, **WRITE_ERRORS})
def payment_record(
    request: HttpRequest, contract_id: int, payload: PaymentIn
) -> Status[dict[str, Any]]:
    payment = services.payment_record(
        actor=actor_of(request), contract_id=contract_id, **payload.dict()
    )
    return Status(201, payment_out(payment))


@router.get("/contracts/{contract_id}/payments", response={200: list[PaymentOut], **ERRORS})
def payment_list(request: HttpRequest, contract_id: int) -> list[dict[str, Any]]:
    contract = selectors.contract_get_for_viewer(viewer=actor_of(request), contract_id=contract_id)
    return [payment_out(p) for p in selectors.payment_list_for_contract(contract=contract)]


@router.post("/contracts/{contract_id}/end", response={200: ContractDetailOut, **WRITE_ERRORS})
def contract_end(
    request: HttpRequest,
    contract_id: int,
    payload: EndIn = Body(EndIn()),  # noqa: B008
) -> dict[str, Any]:
    actor = actor_of(request)
    services.contract_end(actor=actor, contract_id=contract_id, reason=payload.reason)
    return contract_detail_out(
        selectors.contract_get_for_viewer(viewer=actor, contract_id=contract_id)
    )
