"""The two-way, double-blind feedback, left and read through the pages in headless Chromium.

The people and the ended contract come from the factories (the marketplace flow that makes them
is walked in test_marketplace_flow.py); everything after that is done in the browser: the
dashboard's "Feedback to give", the star form by keyboard and mouse, the sealed state, the
reveal, the public response and a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.conftest import Camera, ConsoleWatch
from tests.browser.steps import account_menu, expect_message, log_in, main_nav
from tests.conftest import PASSWORD, make_contract, make_user
from twoway.core import clock

CLIENT_COMMENT = "Fred delivered early and the code is clean."
CLIENT_COMMENT_EDITED = "Fred delivered a week early; the code is clean and well tested."
CLIENT_NOTE = "private-note-from-carol-xyzzy"
FREELANCER_COMMENT = "Carol changed the scope twice and paid the last invoice three weeks late."
FREELANCER_NOTE = "private-note-from-fred-plugh"
RESPONSE = "The scope grew because the studio added a second location; I paid in full."


def stars(page: Page, criterion: str) -> Locator:
    """The 1-5 star radios of one criterion on the feedback form."""
    return page.get_by_role("radiogroup", name=criterion, exact=True)


def click_star(page: Page, criterion: str, count: int) -> None:
    """With the mouse: click the star that gives ``count`` stars."""
    stars(page, criterion).get_by_title(f"{count} star{'s' if count > 1 else ''}").click()


def tab_to(page: Page, name: str, *, limit: int = 40) -> None:
    """Press Tab until the focused element is the field called ``name``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == name:
            return
    raise AssertionError(f"Tab never reached the {name} field")


# The focused star's label: is a ring drawn around it?
STAR_FOCUS_JS = """() => {
  const input = document.activeElement;
  const label = document.querySelector(`label[for="${input.id}"]`);
  const style = getComputedStyle(label);
  const box = label.getBoundingClientRect();
  return {
    focusVisible: input.matches(':focus-visible'),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    width: box.width,
  };
}"""


def expect_star_focus_ring(page: Page) -> None:
    ring = page.evaluate(STAR_FOCUS_JS)
    assert ring["focusVisible"], ring
    assert ring["outlineStyle"] not in ("none", "hidden"), ring
    assert ring["outlineWidth"] >= 2, ring
    assert ring["width"] >= 24, ring  # a target a finger and an eye can find


def checked_value(page: Page, name: str) -> str:
    return page.locator(f"input[name={name}]:checked").input_value()


@pytest.mark.browser
def test_both_sides_leave_feedback_and_see_it_revealed_together(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    client = make_user("client", username="carol", first_name="Carol", last_name="Client")
    freelancer = make_user("freelancer", username="fred", first_name="Fred", last_name="Lance")
    make_user("client", "freelancer", username="sam", first_name="Sam", last_name="Third")
    contract = make_contract(client, freelancer, paid_cents=120_000, ended=True)
    contract_path = f"/contracts/{contract.pk}/"
    form_path = f"/contracts/{contract.pk}/feedback/"
    console.expect_status(form_path, 400)

    # --- The freelancer's dashboard: feedback to give, and until when --------------------------
    fred = new_page()
    fred.goto("/")
    log_in(fred, "fred", PASSWORD)
    account_menu(fred, "Dashboard")
    due = fred.get_by_test_id("feedback-due")
    expect(due.get_by_role("heading", name="Feedback to give")).to_be_visible()
    expect(due).to_contain_text(contract.title)
    expect(due).to_contain_text("with Carol Client")
    closes = f"{contract.feedback_window_closes_at:%b %-d, %Y %H:%M} UTC"
    expect(due).to_contain_text(re.compile(rf"1\sweek,\s6\sdays\s+left · closes {closes}"))
    camera.shoot(fred, "feedback-dashboard-due", phone=True)

    # --- The client leaves feedback: keyboard for two criteria, the mouse for the rest ---------
    carol = new_page()
    carol.goto("/")
    log_in(carol, "carol", PASSWORD)
    carol.goto(contract_path)
    section = carol.locator("#feedback")
    expect(section).to_contain_text("Feedback window open")
    expect(section.get_by_role("heading", name="Your feedback for Fred Lance")).to_be_visible()
    expect(section).to_contain_text("Fred Lance hasn't left feedback yet")
    camera.shoot(carol, "feedback-contract-open-client", phone=True)

    carol.get_by_test_id("leave-feedback").click()
    expect(carol.get_by_role("heading", name="Leave feedback for Fred Lance")).to_be_visible()
    overall = carol.locator("output[data-overall]")
    expect(overall).to_have_text("—")
    camera.shoot(carol, "feedback-form-empty", phone=True)

    # Keyboard only: Tab into the first criterion (its lowest star), Space chooses it, the arrow
    # keys move along the stars and choose as they go; Tab goes on to the next criterion.
    tab_to(carol, "skills")
    assert carol.evaluate("document.activeElement.value") == "1"
    expect_star_focus_ring(carol)
    carol.keyboard.press("Space")
    assert checked_value(carol, "skills") == "1"
    for _ in range(4):
        carol.keyboard.press("ArrowRight")
    assert checked_value(carol, "skills") == "5"
    carol.keyboard.press("ArrowLeft")
    assert checked_value(carol, "skills") == "4"
    carol.keyboard.press("ArrowRight")
    assert checked_value(carol, "skills") == "5"
    expect_star_focus_ring(carol)
    camera.shoot(carol, "feedback-form-keyboard-focus")
    carol.keyboard.press("Tab")
    assert carol.evaluate("document.activeElement.name") == "quality"
    for _ in range(4):
        carol.keyboard.press("ArrowRight")
    assert checked_value(carol, "quality") == "5"
    expect(overall).to_have_text("rate every criterion")

    # The mouse for the other four; the overall score follows live.
    click_star(carol, "Availability", 5)
    click_star(carol, "Adherence to schedule", 5)
    click_star(carol, "Communication", 5)
    expect(overall).to_have_text("rate every criterion")
    click_star(carol, "Cooperation", 4)
    expect(overall).to_have_text("4.83")
    click_star(carol, "Cooperation", 5)
    expect(overall).to_have_text("5.00")
    click_star(carol, "Cooperation", 4)
    expect(overall).to_have_text("4.83")

    carol.get_by_label("Public comment").fill(CLIENT_COMMENT)
    private = carol.get_by_role("region", name=re.compile("Private feedback"))
    expect(private.get_by_test_id("private-promise")).to_contain_text("Never shown to Fred Lance")
    private.get_by_label("Why did the contract end?").select_option(label="The work was completed")
    private.get_by_label("Would you work with them again?").select_option("9")
    private.get_by_label("Note to Twoway").fill(CLIENT_NOTE)
    camera.shoot(carol, "feedback-form-filled", phone=True)

    carol.get_by_role("button", name="Submit feedback").click()
    expect_message(carol, "Your feedback is sealed")
    expect(carol).to_have_url(re.compile(rf"{contract_path}#feedback$"))
    mine = carol.get_by_test_id("feedback-sealed")
    expect(mine).to_contain_text("Sealed")
    expect(mine).to_contain_text("4.83")
    expect(mine).to_contain_text(CLIENT_COMMENT)
    expect(mine).to_contain_text(CLIENT_NOTE)
    camera.shoot(carol, "feedback-contract-sealed-client", phone=True)

    # Editing while sealed: the form comes back filled in.
    carol.get_by_role("link", name="Edit your feedback").click()
    expect(carol.get_by_role("heading", name="Edit your feedback for Fred Lance")).to_be_visible()
    expect(carol.get_by_label("Public comment")).to_have_value(CLIENT_COMMENT)
    expect(overall).to_have_text("4.83")
    click_star(carol, "Cooperation", 5)
    expect(overall).to_have_text("5.00")
    carol.get_by_label("Public comment").fill(CLIENT_COMMENT_EDITED)
    camera.shoot(carol, "feedback-form-editing")
    carol.get_by_role("button", name="Save changes").click()
    expect_message(carol, "Your feedback is sealed")
    expect(mine).to_contain_text("5.00")
    expect(mine).to_contain_text(CLIENT_COMMENT_EDITED)

    # --- The freelancer learns that the client spoke, and nothing of what they said ------------
    main_nav(fred, "Notifications")
    note = fred.get_by_test_id("notification").first
    expect(note).to_contain_text("Carol Client left feedback — leave yours to see it")
    html = fred.content()
    assert CLIENT_COMMENT_EDITED not in html
    assert CLIENT_NOTE not in html
    camera.shoot(fred, "feedback-notifications", phone=True)

    note.get_by_role("button", name="Open the contract").click()
    expect(fred).to_have_url(re.compile(rf"{contract_path}#feedback$"))
    theirs = fred.get_by_test_id("feedback-sealed")
    expect(theirs).to_contain_text("Carol Client left feedback.")
    expect(theirs).to_contain_text("Leave yours to see it")
    html = fred.content()
    for secret in (CLIENT_COMMENT, CLIENT_COMMENT_EDITED, CLIENT_NOTE, "5.00"):
        assert secret not in html, secret
    camera.shoot(fred, "feedback-contract-sealed-freelancer", phone=True)

    # A score below 3 needs a comment: the form says so and keeps the stars.
    fred.get_by_test_id("leave-feedback").click()
    expect(fred.get_by_role("heading", name="Leave feedback for Carol Client")).to_be_visible()
    for criterion, count in (
        ("Clarity of requirements", 2),
        ("Communication", 3),
        ("Cooperation", 3),
        ("Availability", 3),
        ("Reasonable deadlines", 2),
        ("Payment promptness", 1),
    ):
        click_star(fred, criterion, count)
    expect(fred.locator("output[data-overall]")).to_have_text("2.33")
    fred.get_by_label("Why did the contract end?").select_option(label="The scope changed")
    fred.get_by_label("Would you work with them again?").select_option("4")
    fred.get_by_label("Note to Twoway").fill(FREELANCER_NOTE)
    fred.get_by_role("button", name="Submit feedback").click()
    expect(fred.get_by_role("alert")).to_contain_text("Please correct the field marked below")
    # The message sits next to the comment box it is about.
    expect(fred.locator(".field-invalid .field-error")).to_contain_text(
        "Please explain a score below 3"
    )
    assert checked_value(fred, "payment_promptness") == "1"
    expect(fred.locator("output[data-overall]")).to_have_text("2.33")
    camera.shoot(fred, "feedback-form-error", phone=True)

    fred.get_by_label("Public comment").fill(FREELANCER_COMMENT)
    fred.get_by_role("button", name="Submit feedback").click()
    expect_message(fred, "Both sides have spoken")

    # --- Revealed: both see both, and each only their own private part ------------------------
    revealed = fred.get_by_test_id("feedback-revealed")
    expect(revealed).to_have_count(2)
    expect(fred.locator("#feedback")).to_contain_text(CLIENT_COMMENT_EDITED)
    expect(fred.locator("#feedback")).to_contain_text(FREELANCER_COMMENT)
    expect(fred.locator("#feedback")).to_contain_text(FREELANCER_NOTE)
    assert CLIENT_NOTE not in fred.content()
    expect(fred.get_by_role("link", name="Edit your feedback")).to_have_count(0)
    camera.shoot(fred, "feedback-contract-revealed-freelancer", phone=True)

    carol.reload()
    expect(carol.get_by_test_id("feedback-revealed")).to_have_count(2)
    expect(carol.locator("#feedback")).to_contain_text(FREELANCER_COMMENT)
    expect(carol.locator("#feedback")).to_contain_text(CLIENT_NOTE)
    assert FREELANCER_NOTE not in carol.content()
    expect(carol.get_by_role("link", name="Edit your feedback")).to_have_count(0)
    carol.goto(form_path)
    expect_message(carol, "can no longer be changed")
    expect(carol).to_have_url(re.compile(rf"{contract_path}$"))

    # --- The client answers publicly, once -----------------------------------------------------
    carol.get_by_role("link", name="Respond publicly").click()
    expect(carol.get_by_role("heading", name="Respond publicly")).to_be_visible()
    expect(carol.get_by_test_id("feedback-revealed")).to_contain_text(FREELANCER_COMMENT)
    carol.get_by_label("Your public response").fill(RESPONSE)
    camera.shoot(carol, "feedback-respond", phone=True)
    carol.get_by_role("button", name="Publish response").click()
    expect_message(carol, "Your response is published")
    expect(carol.locator("#feedback")).to_contain_text("Response from Carol Client")
    expect(carol.locator("#feedback")).to_contain_text(RESPONSE)
    expect(carol.get_by_role("link", name="Respond publicly")).to_have_count(0)
    camera.shoot(carol, "feedback-contract-revealed-client", phone=True)

    # --- Someone else reads it on the client's profile and reports it --------------------------
    sam = new_page()
    sam.goto(f"/users/{client.pk}/")
    log_in(sam, "sam", PASSWORD)
    history = sam.locator("#history-client")
    card = history.get_by_test_id("feedback-revealed").filter(has_text=FREELANCER_COMMENT)
    expect(card).to_contain_text(RESPONSE)
    html = sam.content()
    assert FREELANCER_NOTE not in html
    assert CLIENT_NOTE not in html
    card.get_by_role("link", name="Report", exact=True).click()
    expect(sam.get_by_role("heading", name="Report feedback")).to_be_visible()
    sam.get_by_label("Not about the work").check()
    sam.get_by_label("What should operators know?").fill("It names the studio's landlord.")
    camera.shoot(sam, "feedback-report-form", phone=True)
    sam.get_by_role("button", name="Send report").click()
    expect_message(sam, "Operators will review your report")
    expect(sam).to_have_url(re.compile(rf"/users/{client.pk}/$"))
    camera.shoot(sam, "feedback-reported-profile")

    console.assert_clean()


@pytest.mark.browser
def test_a_lone_feedback_is_revealed_when_the_window_closes(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    client = make_user("client", username="nora", first_name="Nora", last_name="Client")
    freelancer = make_user("freelancer", username="nick", first_name="Nick", last_name="Free")
    contract = make_contract(client, freelancer, paid_cents=50_000, ended=True)
    contract_path = f"/contracts/{contract.pk}/"

    nora = new_page()
    nora.goto(contract_path)
    log_in(nora, "nora", PASSWORD)
    nora.get_by_test_id("leave-feedback").click()
    for criterion in (
        "Skills",
        "Quality of work",
        "Availability",
        "Adherence to schedule",
        "Communication",
        "Cooperation",
    ):
        click_star(nora, criterion, 4)
    nora.get_by_label("Public comment").fill("Solid work, a little slow to answer.")
    nora.get_by_label("Why did the contract end?").select_option(label="The work was completed")
    nora.get_by_label("Would you work with them again?").select_option("7")
    nora.get_by_role("button", name="Submit feedback").click()
    expect_message(nora, "Your feedback is sealed")

    # Nick opens the form but does not send it before the window closes.
    nick = new_page()
    nick.goto(contract_path)
    log_in(nick, "nick", PASSWORD)
    expect(nick.get_by_test_id("feedback-sealed")).to_contain_text("Nora Client left feedback.")
    assert "a little slow" not in nick.content()
    nick.get_by_test_id("leave-feedback").click()
    click_star(nick, "Communication", 5)

    # Fifteen days later; no sweeper has run (the live server shares this process's clock).
    clock.travel(timedelta(days=15))
    nick.get_by_role("button", name="Submit feedback").click()
    expect_message(nick, "only be left while the feedback window is open")
    expect(nick).to_have_url(re.compile(rf"{contract_path}$"))
    section = nick.locator("#feedback")
    expect(section).to_contain_text("The feedback window closed")
    expect(section.get_by_test_id("feedback-revealed")).to_contain_text(
        "Solid work, a little slow to answer."
    )
    expect(section.get_by_test_id("feedback-revealed")).to_contain_text("4.00")
    expect(section).to_contain_text("No feedback given")
    expect(nick.get_by_test_id("leave-feedback")).to_have_count(0)
    camera.shoot(nick, "feedback-window-closed-freelancer", phone=True)

    nick.goto(f"/contracts/{contract.pk}/feedback/")
    expect_message(nick, "only be left while the feedback window is open")

    nora.reload()
    expect(nora.get_by_test_id("feedback-revealed")).to_be_visible()
    expect(nora.get_by_role("link", name="Edit your feedback")).to_have_count(0)
    expect(nora.locator("#feedback")).to_contain_text("No feedback given")
    camera.shoot(nora, "feedback-window-closed-client")

    console.assert_clean()
