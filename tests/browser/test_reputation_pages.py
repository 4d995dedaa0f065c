"""Reputations where decisions are made: a client's record on a job post, with warnings and
their evidence, and freelancer search by minimum score and ranking.

The histories are built with the services (both sides submit, which reveals both); the people
then read them through the pages in headless Chromium.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Camera, ConsoleWatch
from tests.browser.steps import log_in, main_nav
from tests.conftest import PASSWORD, make_job, make_proposal, make_user
from twoway.accounts.models import User
from twoway.accounts.services import freelancer_profile_update
from twoway.contracts.models import Contract
from twoway.contracts.services import contract_end, payment_record, proposal_hire
from twoway.feedback import rules
from twoway.feedback.services import feedback_submit
from twoway.jobs.services import job_close


def ratings(role: str, *stars: int) -> dict[str, int]:
    """The author's ratings on each criterion of their side, in order (the last one repeats)."""
    names = rules.CRITERIA[role]
    return {name: stars[min(i, len(stars) - 1)] for i, name in enumerate(names)}


def past_contract(
    client: User,
    freelancer: User,
    *,
    title: str,
    paid_cents: int,
    client_stars: tuple[int, ...] = (5,),
    client_comment: str = "Good work, delivered as agreed.",
    freelancer_stars: tuple[int, ...] = (5,),
    freelancer_comment: str = "Clear brief and paid on time.",
) -> Contract:
    """A finished contract (its job closed) on which both sides left feedback: revealed."""
    job = make_job(client, title=title)
    contract = proposal_hire(actor=client, proposal_id=make_proposal(job, freelancer).pk)
    if paid_cents:
        payment_record(actor=client, contract_id=contract.pk, amount_cents=paid_cents)
    contract_end(actor=client, contract_id=contract.pk)
    job_close(actor=client, job_id=job.pk)
    common: dict[str, Any] = {"contract_id": contract.pk, "private_reason": "completed"}
    feedback_submit(
        actor=client,
        ratings=ratings(rules.CLIENT, *client_stars),
        comment=client_comment,
        would_work_again=8,
        **common,
    )
    feedback_submit(
        actor=freelancer,
        ratings=ratings(rules.FREELANCER, *freelancer_stars),
        comment=freelancer_comment,
        would_work_again=2 if min(freelancer_stars) < 3 else 8,
        **common,
    )
    return contract


def freelancer(username: str, first: str, last: str, title: str) -> User:
    person = make_user("freelancer", username=username, first_name=first, last_name=last)
    freelancer_profile_update(
        user=person,
        title=title,
        overview=f"{title}. Small teams, clear estimates, weekly demos.",
        skills=["Django", "Python"],
        hourly_rate_cents=7_500,
    )
    return person


# What freelancers wrote about a client who did not pay and kept changing the work.
NEVER_PAID = "Never got paid for the last milestone. The client stopped answering my messages."
SCOPE_AND_PAY = "Bob changed the scope midway and never paid the final invoice."
SCOPE_WEEKLY = "The scope changed every week and the last payment arrived two months late."


@pytest.mark.browser
def test_a_freelancer_sees_warnings_with_evidence_on_a_job(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    bob = make_user("client", username="bob", first_name="Bob", last_name="Boss")
    for username, first, paid, stars, comment in (
        ("ann", "Ann", 0, (1, 2, 2, 2, 2, 1), NEVER_PAID),
        ("ben", "Ben", 30_000, (2, 2, 3, 3, 2, 1), SCOPE_AND_PAY),
        ("cat", "Cat", 50_000, (2, 3, 3, 2, 2, 2), SCOPE_WEEKLY),
    ):
        past_contract(
            bob,
            freelancer(username, first, "Coder", "Web developer"),
            title=f"Online shop, part {first}",
            paid_cents=paid,
            freelancer_stars=stars,
            freelancer_comment=comment,
        )
    job = make_job(bob, title="Migrate a shop to Shopify", budget_cents=300_000)
    make_user("freelancer", username="vic", first_name="Vic", last_name="Viewer")

    page = new_page()
    page.goto("/")
    log_in(page, "vic", PASSWORD)
    card = page.get_by_test_id("job").filter(has_text=job.title)
    expect(card.get_by_test_id("warned")).to_have_text(re.compile(r"3 warnings"))
    expect(card).to_contain_text("Client: Bob Boss")
    camera.shoot(page, "warnings-board", phone=True)

    card.get_by_role("link", name=job.title).click()
    # Near the title, before the proposal form: the warnings are not only at the page's end.
    expect(page.get_by_test_id("job-warning-link")).to_contain_text("3 warnings about this client")
    record = page.get_by_test_id("client-record")
    expect(record.get_by_role("heading", name="About the client")).to_be_visible()
    warnings = record.get_by_test_id("client-warnings")
    expect(warnings).to_contain_text("Low feedback score")
    expect(warnings).to_contain_text(
        "Freelancers report not being paid, or paid late (3 freelancers)"
    )
    expect(warnings).to_contain_text("Freelancers report the scope changing midway")
    quotes = warnings.locator("q")
    expect(quotes.filter(has_text="Never got paid for the last milestone.").first).to_be_visible()
    expect(quotes.filter(has_text="Bob changed the scope midway").first).to_be_visible()
    camera.shoot(page, "warnings-job", phone=True)

    # Follow the evidence to the feedback itself, then on to the client's profile.
    warning = warnings.locator(".warning").filter(has_text="not being paid")
    evidence = warning.locator("li").filter(has_text="Never got paid").first
    evidence.get_by_role("link").click()
    expect(page).to_have_url(re.compile(r"/feedback/\d+/$"))
    card = page.locator(".feedback-card")
    expect(card).to_contain_text(NEVER_PAID)
    expect(page.locator("main")).to_contain_text("From Ann Coder")
    camera.shoot(page, "warnings-evidence")
    page.get_by_role("link", name=re.compile("Bob Boss")).first.click()
    expect(page).to_have_url(re.compile(rf"/users/{bob.pk}/$"))

    client_record = page.get_by_test_id("reputation-client")
    charts = client_record.locator("svg[role=img]")
    expect(charts).to_have_count(2)
    for index in range(2):
        title = charts.nth(index).locator("title")
        expect(title).to_have_count(1)
        assert title.text_content().startswith(("Star distribution", "Feedback score")), index
    expect(charts.first.locator("title")).to_have_text("Star distribution of Bob Boss as a client")
    themes = client_record.locator(".themes")
    expect(themes.get_by_role("heading", name="What people mention")).to_be_visible()
    theme = themes.locator("li").filter(has=page.locator("strong"))
    expect(theme.filter(has_text=re.compile("^Payment"))).to_contain_text("3 complaints")
    expect(theme.filter(has_text=re.compile("^Scope changes"))).to_contain_text("2 complaints")
    expect(client_record.get_by_test_id("warnings")).to_be_visible()
    camera.shoot(page, "warnings-profile", phone=True)

    client_record.get_by_role("link", name="How is this calculated?").click()
    expect(page.get_by_role("heading", name="Bob Boss's score as a client")).to_be_visible()
    rows = page.get_by_test_id("explain").locator("tbody tr")
    expect(rows).to_have_count(3)
    camera.shoot(page, "warnings-explain", phone=True)

    console.assert_clean()


@pytest.mark.browser
def test_a_client_searches_freelancers_with_a_minimum_score_sorted_by_ranking(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    cara = make_user("client", username="cara", first_name="Cara", last_name="Client")
    steady = freelancer("sue", "Sue", "Steady", "Django developer, 6 contracts")
    single = freelancer("olga", "Olga", "Once", "Django developer, 1 contract")
    freelancer("ned", "Ned", "New", "Django developer, new here")
    low = freelancer("larry", "Larry", "Late", "Django developer, often late")
    for n, stars in enumerate([(5, 5, 5, 5, 5, 4)] * 4 + [(5,), (5, 5, 5, 5, 4, 4)]):
        past_contract(cara, steady, title=f"Steady work {n}", paid_cents=40_000, client_stars=stars)
    past_contract(cara, single, title="One small job", paid_cents=40_000, client_stars=(5,))
    for n in range(2):
        past_contract(
            cara,
            low,
            title=f"Late work {n}",
            paid_cents=40_000,
            client_stars=(3, 3, 3, 2, 2, 2),
            client_comment="Missed every deadline and stopped answering.",
        )

    page = new_page()
    page.goto("/")
    log_in(page, "cara", PASSWORD)
    main_nav(page, "Find talent")
    names = page.get_by_test_id("freelancer").locator("h2")
    search = page.get_by_role("search", name="Search freelancers")

    # A minimum score, ranked: many 4.8s and 4.9s outrank a single 5.0; no reviews, no entry.
    search.get_by_label("Score at least").fill("4.5")
    search.get_by_label("Sort by").select_option(label="Ranking score")
    search.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"min_score=4\.5.*sort=ranking"))
    expect(names).to_have_text(["Sue Steady", "Olga Once"])
    steady_row = page.get_by_test_id("freelancer").first
    expect(steady_row).to_contain_text("4.83")
    expect(steady_row).to_contain_text("(6 reviews)")
    camera.shoot(page, "search-min-score-ranking", phone=True)

    # By feedback score instead, the single 5.0 comes first: why ranking exists.
    search.get_by_label("Sort by").select_option(label="Feedback score")
    search.get_by_role("button", name="Search").click()
    expect(names).to_have_text(["Olga Once", "Sue Steady"])

    # No minimum: everyone, the unreviewed after everyone rated.
    search.get_by_label("Score at least").fill("")
    search.get_by_label("Sort by").select_option(label="Ranking score")
    search.get_by_role("button", name="Search").click()
    expect(names).to_have_text(["Sue Steady", "Olga Once", "Larry Late", "Ned New"])
    expect(page.get_by_test_id("freelancer").last).to_contain_text("No reviews yet")
    camera.shoot(page, "search-ranking-all")

    console.assert_clean()
