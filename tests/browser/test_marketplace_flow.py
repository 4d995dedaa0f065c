"""The whole marketplace, walked by two people through the pages only, in headless Chromium.

A client signs up and posts a job; a freelancer signs up, writes a profile, finds the job and
sends a proposal; the client hires, pays and ends the contract; both then see the ended contract
with the feedback window open. No step touches the database directly.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Camera, ConsoleWatch
from tests.browser.steps import (
    account_menu,
    expect_message,
    log_in,
    log_out,
    main_nav,
    post_job,
    sign_up,
)

PASSWORD = "a-long-browser-password-42"
JOB_TITLE = "Booking site for a yoga studio"
# The feedback section's wording belongs to the feedback engine; both versions say this.
WINDOW_OPEN = re.compile(r"feedback window (is )?open", re.IGNORECASE)


@pytest.mark.browser
def test_a_client_and_a_freelancer_work_together_from_signup_to_feedback(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    page = new_page()

    # --- The client arrives, signs up and posts a job -----------------------------------------
    page.goto("/")
    expect(page.get_by_role("heading", name="Find work")).to_be_visible()
    expect(page.get_by_role("heading", name="No open jobs yet")).to_be_visible()
    camera.shoot(page, "board-empty-anonymous", phone=True)

    page.locator(".user-nav").get_by_role("link", name="Sign up").click()
    expect(page.get_by_role("heading", name="Create your Twoway account")).to_be_visible()
    camera.shoot(page, "signup", phone=True)

    sign_up(
        page,
        username="carol",
        first="Carol",
        last="Client",
        role="I want to hire",
        password=PASSWORD,
    )
    expect_message(page, "Welcome to Twoway, Carol Client.")
    expect(page.get_by_role("heading", name="Hello, Carol Client")).to_be_visible()
    camera.shoot(page, "dashboard-new-client", phone=True)

    post_job(page, title=JOB_TITLE, budget="1,500")
    expect(page.get_by_role("heading", name="Post a job")).to_be_visible()
    camera.shoot(page, "job-new-filled", phone=True)
    page.get_by_role("button", name="Post job").click()

    expect_message(page, "Your job is posted")
    expect(page.get_by_role("heading", name=JOB_TITLE)).to_be_visible()
    expect(page.get_by_test_id("job-budget")).to_have_text("$1,500")
    expect(page.locator(".badge", has_text="Open")).to_be_visible()
    expect(page.get_by_text("No proposals yet")).to_be_visible()
    camera.shoot(page, "job-detail-owner-no-proposals", phone=True)

    log_out(page)
    expect(page.get_by_role("heading", name="Work with people whose record")).to_be_visible()
    expect(page.get_by_role("link", name=JOB_TITLE)).to_be_visible()
    camera.shoot(page, "board-anonymous", phone=True)

    # --- The freelancer signs up, writes a profile, finds the job and sends a proposal --------
    page.locator(".user-nav").get_by_role("link", name="Sign up").click()
    sign_up(
        page, username="fred", first="Fred", last="Lance", role="I want to work", password=PASSWORD
    )
    expect_message(page, "Welcome to Twoway, Fred Lance.")
    expect(page.get_by_role("heading", name="Freelancer profile")).to_be_visible()
    camera.shoot(page, "settings-new-freelancer", phone=True)

    profile = page.locator("#freelancer")
    profile.get_by_label("Title").fill("Django developer")
    profile.get_by_label("Overview").fill(
        "Ten years of Django. I build booking and payment flows that small teams can run."
    )
    profile.get_by_label("Skills").fill("Django, Stripe, htmx")
    profile.get_by_label("Hourly rate (USD)").fill("85")
    profile.get_by_role("button", name="Save freelancer profile").click()
    expect_message(page, "Saved.")
    expect(page.locator("#freelancer").get_by_label("Title")).to_have_value("Django developer")
    camera.shoot(page, "settings-saved")

    main_nav(page, "Find work")
    page.get_by_label("Keywords").fill("yoga")
    page.get_by_role("button", name="Search").click()
    job_link = page.get_by_role("link", name=JOB_TITLE)
    expect(job_link).to_be_visible()
    expect(page.locator(".client-line")).to_contain_text("Carol Client")
    camera.shoot(page, "board-search-freelancer", phone=True)

    job_link.click()
    expect(page.get_by_role("heading", name=JOB_TITLE)).to_be_visible()
    expect(page.get_by_test_id("client-record")).to_contain_text("Carol Client")
    expect(page.get_by_role("heading", name="Send a proposal")).to_be_visible()
    camera.shoot(page, "job-detail-freelancer", phone=True)

    page.get_by_label("Cover letter").fill(
        "I built two studio booking sites last year; I can show you both and start Monday."
    )
    page.get_by_label("Your bid (USD)").fill("1,200")
    page.get_by_role("button", name="Send proposal").click()
    expect_message(page, "Proposal sent.")
    expect(page.get_by_role("heading", name="Your proposal")).to_be_visible()
    expect(page.get_by_text("You bid $1,200")).to_be_visible()
    expect(page.locator(".badge", has_text="Pending")).to_be_visible()
    camera.shoot(page, "job-detail-proposal-sent", phone=True)

    account_menu(page, "My proposals")
    expect(page.get_by_role("link", name=JOB_TITLE)).to_be_visible()
    camera.shoot(page, "my-proposals")

    log_out(page)

    # --- The client comes back, hires, pays and ends the contract -----------------------------
    log_in(page, "carol", PASSWORD)
    expect(page.locator(".menu-name")).to_have_text("Carol Client")
    account_menu(page, "My jobs")
    expect(page.get_by_role("heading", name="My jobs")).to_be_visible()
    camera.shoot(page, "my-jobs")

    page.get_by_role("link", name=JOB_TITLE).click()
    proposal = page.get_by_test_id("proposal")
    expect(proposal).to_contain_text("Fred Lance")
    expect(proposal).to_contain_text("Bid $1,200")
    expect(page.get_by_role("heading", name="Proposals (1)")).to_be_visible()
    camera.shoot(page, "job-detail-owner-one-proposal", phone=True)

    proposal.get_by_role("button", name="Hire Fred Lance").click()
    expect_message(page, "You hired Fred Lance")
    expect(page.get_by_role("heading", name=JOB_TITLE)).to_be_visible()
    expect(page.get_by_test_id("contract-status")).to_have_text("Active")
    expect(page.get_by_test_id("total-paid")).to_have_text("$0")
    expect(page.get_by_text("No payments recorded yet")).to_be_visible()
    camera.shoot(page, "contract-active-client", phone=True)

    page.get_by_label("Amount (USD)").fill("500")
    page.get_by_label("Memo").fill("Deposit")
    page.get_by_role("button", name="Record payment").click()
    expect_message(page, "Payment recorded.")
    page.get_by_label("Amount (USD)").fill("1,000.50")
    page.get_by_label("Memo").fill("Launch")
    page.get_by_role("button", name="Record payment").click()
    expect(page.get_by_test_id("payment")).to_have_count(2)
    expect(page.get_by_test_id("total-paid")).to_have_text("$1,500.50")
    expect(page.locator("tfoot")).to_contain_text("$1,500.50")
    camera.shoot(page, "contract-paid-client", phone=True)

    page.get_by_label("Why are you ending it?").select_option(label="The work is complete")
    page.get_by_role("button", name="End contract").click()
    expect_message(page, "The feedback window is open.")
    expect(page.get_by_test_id("contract-status")).to_have_text("Ended")
    feedback = page.locator("#feedback")
    expect(feedback).to_contain_text(WINDOW_OPEN)
    expect(page.get_by_role("button", name="Record payment")).to_have_count(0)
    expect(page.get_by_role("button", name="End contract")).to_have_count(0)
    camera.shoot(page, "contract-ended-client", phone=True)

    main_nav(page, "Contracts")
    ended = page.get_by_test_id("contract")
    expect(ended).to_contain_text("Ended")
    expect(ended).to_contain_text("Paid $1,500.50")
    camera.shoot(page, "contracts-client")
    log_out(page)

    # --- The freelancer sees the ended contract, with the window open, and their record -------
    log_in(page, "fred", PASSWORD)
    main_nav(page, "Contracts")
    mine = page.get_by_test_id("contract")
    expect(mine).to_contain_text("Client: Carol Client")
    expect(mine).to_contain_text("Ended")
    camera.shoot(page, "contracts-freelancer", phone=True)

    mine.get_by_role("link", name=JOB_TITLE).click()
    expect(page.get_by_test_id("contract-status")).to_have_text("Ended")
    expect(page.get_by_test_id("total-paid")).to_have_text("$1,500.50")
    expect(page.locator("#feedback")).to_contain_text(WINDOW_OPEN)
    expect(page.get_by_text("Ended by Carol Client")).to_be_visible()
    camera.shoot(page, "contract-ended-freelancer", phone=True)

    account_menu(page, "Dashboard")
    expect(page.get_by_role("heading", name="Hello, Fred Lance")).to_be_visible()
    expect(page.locator("#ended-head + .results")).to_contain_text(JOB_TITLE)
    camera.shoot(page, "dashboard-freelancer", phone=True)

    account_menu(page, "My public profile")
    expect(page.get_by_role("heading", name="Fred Lance")).to_be_visible()
    record = page.get_by_role("region", name="As a freelancer", exact=True)
    expect(page.locator(".profile-title")).to_have_text("Django developer")
    expect(record).to_contain_text("$85/h")
    expect(record).to_contain_text("$1.5K")
    camera.shoot(page, "profile-freelancer", phone=True)

    main_nav(page, "Find talent")
    expect(page.get_by_role("link", name="Fred Lance")).to_be_visible()
    camera.shoot(page, "freelancers", phone=True)

    console.assert_clean()
