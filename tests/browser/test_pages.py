"""The pages beyond the happy path: without JavaScript, by keyboard, and the less-visited ones."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import Camera, ConsoleWatch
from tests.browser.steps import account_menu, expect_message, log_in, main_nav, post_job
from tests.conftest import PASSWORD, make_contract, make_job, make_user


@pytest.mark.browser
def test_without_javascript_a_client_posts_a_job_and_a_freelancer_sends_a_proposal(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    make_user("client", username="nora", first_name="Nora", last_name="Client")
    make_user("freelancer", username="nick", first_name="Nick", last_name="Free")

    client = new_page(javascript=False)
    client.goto("/")
    # htmx never loaded: everything below is plain links and form posts.
    assert client.evaluate("typeof window.htmx") == "undefined"
    log_in(client, "nora", PASSWORD)
    post_job(client, title="Logo and menu for a bakery", budget="1,500")
    client.get_by_role("button", name="Post job").click()
    expect_message(client, "Your job is posted")
    expect(client.get_by_test_id("job-budget")).to_have_text("$1,500")
    camera.shoot(client, "nojs-job-posted")

    freelancer = new_page(javascript=False)
    freelancer.goto("/")
    log_in(freelancer, "nick", PASSWORD)
    freelancer.get_by_label("Keywords").fill("bakery")
    freelancer.get_by_role("button", name="Search").click()
    expect(freelancer).to_have_url(re.compile(r"[?&]q=bakery"))
    camera.shoot(freelancer, "nojs-board-search")

    freelancer.get_by_role("link", name="Logo and menu for a bakery").click()
    freelancer.get_by_label("Cover letter").fill("I design menus for cafés; portfolio on request.")
    freelancer.get_by_label("Your bid (USD)").fill("$900.50")
    freelancer.get_by_role("button", name="Send proposal").click()
    expect_message(freelancer, "Proposal sent.")
    expect(freelancer.get_by_text("You bid $900.50")).to_be_visible()
    camera.shoot(freelancer, "nojs-proposal-sent")

    # The account menu (a <details> element) still opens and the client can hire.
    client.reload()
    expect(client.get_by_test_id("proposal")).to_contain_text("Nick Free")
    client.get_by_role("button", name="Hire Nick Free").click()
    expect(client.get_by_test_id("contract-status")).to_have_text("Active")
    camera.shoot(client, "nojs-contract")
    account_menu(client, "Dashboard")
    expect(client.get_by_role("heading", name="Hello, Nora Client")).to_be_visible()

    console.assert_clean()


# The focused element, how its focus is drawn, and the colour behind the ring.
FOCUS_JS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  let behind = 'rgb(255, 255, 255)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const bg = getComputedStyle(node).backgroundColor;
    if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent') { behind = bg; break; }
  }
  const box = el.getBoundingClientRect();
  return {
    name: el.tagName + ' ' + (el.getAttribute('name') || el.textContent.trim().slice(0, 30)),
    focusVisible: el.matches(':focus-visible'),
    outlineStyle: style.outlineStyle,
    outlineWidth: parseFloat(style.outlineWidth),
    outlineColor: style.outlineColor,
    behind: behind,
    onScreen: box.width > 0 && box.height > 0 && box.left >= 0 && box.top >= 0
      && box.right <= innerWidth && box.bottom <= innerHeight,
  };
}"""


def _luminance(css_color: str) -> float:
    red, green, blue = (float(v) / 255 for v in re.findall(r"[\d.]+", css_color)[:3])

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def tab_through(page: Page, stops: int) -> list[dict[str, Any]]:
    """Press Tab ``stops`` times; each focused element must show a ring people can see."""
    seen = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS)
        if focus["name"].startswith("BODY"):
            break
        assert focus["focusVisible"], focus
        assert focus["outlineStyle"] not in ("none", "hidden"), focus
        assert focus["outlineWidth"] >= 2, focus
        # WCAG 1.4.11: a focus ring needs 3:1 against what surrounds it.
        assert contrast(focus["outlineColor"], focus["behind"]) >= 3, focus
        assert focus["onScreen"], focus
        seen.append(focus)
    return seen


@pytest.mark.browser
def test_keyboard_focus_is_visible_on_links_buttons_and_fields(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    client = make_user("client", username="kim", first_name="Kim", last_name="Keys")
    make_job(client, title="Accessible checkout for a shop")
    page = new_page()
    page.goto("/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    camera.shoot(page, "focus-skip-link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))

    page.goto("/")
    # Header, hero, the search bar and its client filters, then the first job.
    seen = tab_through(page, 20)
    names = " | ".join(focus["name"] for focus in seen)
    for expected in ("Find work", "Sign up", "INPUT q", "Search", "Accessible checkout"):
        assert expected in names, names
    camera.shoot(page, "focus-board")

    log_in(page, "kim", PASSWORD)
    main_nav(page, "Post a job")
    page.get_by_label("Title").focus()
    seen = tab_through(page, 6)
    names = " | ".join(focus["name"] for focus in seen)
    for expected in ("TEXTAREA description", "INPUT skills", "INPUT budget_type", "Post job"):
        assert expected in names, names
    page.get_by_label("Budget (USD)").focus()
    camera.shoot(page, "focus-job-form")

    console.assert_clean()


@pytest.mark.browser
def test_the_less_visited_pages_render_cleanly(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    client = make_user("client", username="lena", first_name="Lena", last_name="Long")
    freelancer = make_user("freelancer", username="omar", first_name="Omar", last_name="Ode")
    contract = make_contract(client, freelancer, paid_cents=25_000)
    make_user("client", "freelancer", username="newbie")
    console.expect_status("/jobs/new/", 400)
    console.expect_status("/no-such-page/", 404)
    console.expect_status(f"/contracts/{contract.pk}/", 404)

    page = new_page()
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    camera.shoot(page, "not-found", phone=True)

    page.goto("/login/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    camera.shoot(page, "login", phone=True)

    page.goto("/?budget_min_cents=abc")
    expect(page.get_by_text("Enter an amount in dollars")).to_be_visible()
    camera.shoot(page, "board-bad-filter", phone=True)

    page.goto("/freelancers/?q=underwater+basket+weaving")
    expect(page.get_by_text("No freelancers match")).to_be_visible()
    camera.shoot(page, "freelancers-none", phone=True)

    # A newcomer with both roles: every list is empty and says what to do next.
    log_in(page, "newbie", PASSWORD)
    account_menu(page, "Dashboard")
    expect(page.get_by_text("No active contracts")).to_be_visible()
    camera.shoot(page, "dashboard-empty", phone=True)
    account_menu(page, "My jobs")
    expect(page.get_by_text("You haven't posted a job yet")).to_be_visible()
    camera.shoot(page, "my-jobs-empty", phone=True)
    account_menu(page, "My proposals")
    expect(page.get_by_text("No proposals yet")).to_be_visible()
    camera.shoot(page, "my-proposals-empty", phone=True)
    main_nav(page, "Contracts")
    expect(page.get_by_text("No contracts here yet")).to_be_visible()
    camera.shoot(page, "contracts-empty", phone=True)

    main_nav(page, "Post a job")
    page.get_by_label("Budget (USD)").fill("12.345")
    page.get_by_role("button", name="Post job").click()
    expect(page.get_by_text("This field is required.").first).to_be_visible()
    expect(page.get_by_text("Use at most two decimals")).to_be_visible()
    camera.shoot(page, "job-new-errors", phone=True)

    account_menu(page, "Settings")
    expect(page.get_by_role("heading", name="Settings")).to_be_visible()
    camera.shoot(page, "settings-both-roles", phone=True)

    account_menu(page, "API tokens")
    page.get_by_label("Name").fill("Invoicing script")
    page.get_by_role("button", name="Create token").click()
    expect(page.get_by_test_id("new-token")).to_be_visible()
    expect(page.get_by_role("cell", name="Invoicing script")).to_be_visible()
    camera.shoot(page, "tokens", phone=True)

    # Someone else's contract is not found, not forbidden: its existence is private too.
    page.goto(f"/contracts/{contract.pk}/")
    expect(page.get_by_role("heading", name="Not found")).to_be_visible()
    camera.shoot(page, "contract-not-a-party")

    page.goto(f"/users/{client.pk}/")
    expect(page.get_by_role("heading", name="As a client", exact=True)).to_be_visible()
    camera.shoot(page, "profile-client", phone=True)

    console.assert_clean()
