"""Contract pages through Django's test client: hire, list, detail, pay, end."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from tests.conftest import make_contract
from tests.support import csrf_token_of, logged_in, page_text
from twoway.contracts.models import Contract, ContractStatus, Payment
from twoway.jobs.models import ProposalStatus

pytestmark = pytest.mark.django_db


# --- hire ---------------------------------------------------------------------------------------


def test_the_owner_hires_from_the_page_and_lands_on_the_contract(proposal, client_user):
    response = logged_in(client_user).post(f"/proposals/{proposal.pk}/hire/")
    contract = Contract.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{contract.pk}/"
    assert contract.freelancer_id == proposal.freelancer_id
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.HIRED


def test_the_freelancer_cannot_hire_themselves_from_the_page(proposal, freelancer):
    response = logged_in(freelancer).post(f"/proposals/{proposal.pk}/hire/")
    assert response.status_code == 403
    assert "Only the job's client can hire." in page_text(response)
    assert not Contract.objects.exists()


def test_a_stranger_hiring_from_the_page_gets_a_404(proposal, stranger):
    assert logged_in(stranger).post(f"/proposals/{proposal.pk}/hire/").status_code == 404


def test_hiring_twice_from_the_page_is_a_409(proposal, client_user):
    browser = logged_in(client_user)
    browser.post(f"/proposals/{proposal.pk}/hire/")
    response = browser.post(f"/proposals/{proposal.pk}/hire/")
    assert response.status_code == 409
    assert "already hired" in page_text(response)
    assert Contract.objects.count() == 1


def test_hiring_needs_a_post_and_a_csrf_token(proposal, client_user):
    assert logged_in(client_user).get(f"/proposals/{proposal.pk}/hire/").status_code == 405
    browser = logged_in(client_user, enforce_csrf_checks=True)
    assert browser.post(f"/proposals/{proposal.pk}/hire/").status_code == 403
    assert not Contract.objects.exists()
    token = csrf_token_of(browser)
    response = browser.post(f"/proposals/{proposal.pk}/hire/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert Contract.objects.count() == 1


# --- list and detail ------------------------------------------------------------------------------


def test_the_contract_list_shows_only_my_contracts(client_user, freelancer, stranger):
    mine = make_contract(client_user, freelancer)
    theirs = make_contract(stranger, freelancer)
    response = logged_in(client_user).get("/contracts/")
    assert response.status_code == 200
    text = page_text(response)
    assert f"/contracts/{mine.pk}/" in text
    assert f"/contracts/{theirs.pk}/" not in text


def test_the_contract_list_filters_by_status_and_ignores_nonsense(client_user, freelancer):
    ended = make_contract(client_user, freelancer, ended=True)
    active = make_contract(client_user, freelancer)
    browser = logged_in(client_user)
    text = page_text(browser.get("/contracts/", {"status": "ended"}))
    assert f"/contracts/{ended.pk}/" in text
    assert f"/contracts/{active.pk}/" not in text
    assert browser.get("/contracts/", {"status": "bogus"}).status_code == 200
    assert browser.get("/contracts/", {"cursor": "garbage"}).status_code == 422


@pytest.mark.parametrize("who", ["client_user", "freelancer", "operator"])
def test_the_parties_and_operators_open_a_contract(contract, who, request):
    response = logged_in(request.getfixturevalue(who)).get(f"/contracts/{contract.pk}/")
    assert response.status_code == 200
    assert contract.title in page_text(response)


def test_a_stranger_opening_someones_contract_gets_a_404(contract, stranger):
    response = logged_in(stranger).get(f"/contracts/{contract.pk}/")
    assert response.status_code == 404
    assert contract.title not in page_text(response)


def test_a_missing_contract_is_a_404(client_user):
    assert logged_in(client_user).get("/contracts/999999/").status_code == 404


@pytest.mark.parametrize(
    "path", ["/contracts/", "/contracts/{id}/", "/contracts/{id}/payments/", "/contracts/{id}/end/"]
)
def test_contract_pages_send_anonymous_visitors_to_log_in(client, contract, path):
    url = path.format(id=contract.pk)
    response = client.post(url) if path.endswith(("payments/", "end/")) else client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/login/?next={url}"
    contract.refresh_from_db()
    assert contract.is_active


def test_only_the_client_sees_the_payment_form(contract, client_user, freelancer):
    pay_url = f"/contracts/{contract.pk}/payments/"
    assert pay_url in page_text(logged_in(client_user).get(f"/contracts/{contract.pk}/"))
    assert pay_url not in page_text(logged_in(freelancer).get(f"/contracts/{contract.pk}/"))


# --- payments -----------------------------------------------------------------------------------


def test_the_client_records_a_payment_in_dollars(contract, client_user):
    response = logged_in(client_user).post(
        f"/contracts/{contract.pk}/payments/", {"amount_cents": "1,234.56", "memo": "First"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/contracts/{contract.pk}/"
    payment = Payment.objects.get()
    assert payment.amount_cents == 123_456
    assert payment.memo == "First"
    contract.refresh_from_db()
    assert contract.total_paid_cents == 123_456


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("abc", "Enter an amount in dollars"),
        ("0", "The least is $0.01."),
        ("-10", "The least is $0.01."),
        ("1.234", "Use at most two decimals"),
        ("2000000", "The most is $1,000,000.00."),
        ("1e30", "The most is $1,000,000.00."),
        ("-1e30", "The least is $0.01."),
        ("1e999999", "The most is $1,000,000.00."),
        ("NaN", "Enter an amount in dollars"),
        ("", "This field is required."),
    ],
)
def test_payment_form_errors_re_render_with_400_and_the_message(
    contract, client_user, amount, message
):
    response = logged_in(client_user).post(
        f"/contracts/{contract.pk}/payments/", {"amount_cents": amount}
    )
    assert response.status_code == 400
    assert message in page_text(response)
    assert not Payment.objects.exists()


def test_the_freelancer_paying_from_the_page_is_refused_with_the_reason(contract, freelancer):
    response = logged_in(freelancer).post(
        f"/contracts/{contract.pk}/payments/", {"amount_cents": "100"}
    )
    assert response.status_code in (400, 403)
    assert "Only the contract's client records payments." in page_text(response)
    assert not Payment.objects.exists()


def test_a_stranger_paying_from_the_page_gets_a_404(contract, stranger):
    response = logged_in(stranger).post(
        f"/contracts/{contract.pk}/payments/", {"amount_cents": "100"}
    )
    assert response.status_code == 404
    assert not Payment.objects.exists()


def test_paying_an_ended_contract_from_the_page_says_why(client_user, freelancer):
    contract = make_contract(client_user, freelancer, ended=True)
    response = logged_in(client_user).post(
        f"/contracts/{contract.pk}/payments/", {"amount_cents": "100"}
    )
    assert response.status_code in (400, 409)
    assert "Payments are recorded while a contract is active." in page_text(response)


def test_paying_without_a_csrf_token_is_rejected(contract, client_user):
    browser = logged_in(client_user, enforce_csrf_checks=True)
    response = browser.post(f"/contracts/{contract.pk}/payments/", {"amount_cents": "100"})
    assert response.status_code == 403
    assert not Payment.objects.exists()


# --- ending ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["client_user", "freelancer"])
def test_either_party_ends_the_contract_from_the_page(contract, who, request, settings):
    settings.FEEDBACK_WINDOW = timedelta(seconds=30)
    actor = request.getfixturevalue(who)
    response = logged_in(actor).post(f"/contracts/{contract.pk}/end/", {"reason": "completed"})
    assert response.status_code == 302
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ENDED
    assert contract.ended_by_id == actor.pk
    assert contract.ended_at is not None
    assert contract.feedback_window_closes_at == contract.ended_at + timedelta(seconds=30)
    page = logged_in(actor).get(f"/contracts/{contract.pk}/")
    assert page.status_code == 200


def test_ending_with_an_unknown_reason_re_renders_with_400(contract, client_user):
    response = logged_in(client_user).post(f"/contracts/{contract.pk}/end/", {"reason": "bored"})
    assert response.status_code == 400
    assert "Select a valid choice" in page_text(response)
    contract.refresh_from_db()
    assert contract.is_active


def test_ending_twice_from_the_page_says_why(contract, client_user, freelancer):
    logged_in(client_user).post(f"/contracts/{contract.pk}/end/", {"reason": "completed"})
    response = logged_in(freelancer).post(f"/contracts/{contract.pk}/end/", {"reason": "other"})
    assert response.status_code in (400, 409)
    assert "This contract has already ended." in page_text(response)
    contract.refresh_from_db()
    assert contract.ended_by_id == client_user.pk


def test_a_stranger_ending_from_the_page_gets_a_404(contract, stranger):
    response = logged_in(stranger).post(f"/contracts/{contract.pk}/end/", {"reason": "completed"})
    assert response.status_code == 404
    contract.refresh_from_db()
    assert contract.is_active


def test_ending_without_a_csrf_token_is_rejected(contract, freelancer):
    browser = logged_in(freelancer, enforce_csrf_checks=True)
    assert (
        browser.post(f"/contracts/{contract.pk}/end/", {"reason": "completed"}).status_code == 403
    )
    contract.refresh_from_db()
    assert contract.is_active
    token = csrf_token_of(browser)
    response = browser.post(
        f"/contracts/{contract.pk}/end/", {"reason": "completed", "csrfmiddlewaretoken": token}
    )
    assert response.status_code == 302


def test_contract_forms_need_a_post(contract, client_user):
    browser = logged_in(client_user)
    assert browser.get(f"/contracts/{contract.pk}/payments/").status_code == 405
    assert browser.get(f"/contracts/{contract.pk}/end/").status_code == 405


def test_a_fresh_client_without_a_session_is_anonymous(contract):
    assert Client().get(f"/contracts/{contract.pk}/").status_code == 302
