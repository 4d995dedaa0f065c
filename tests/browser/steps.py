"""What people do on the pages, written once for every browser test."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def sign_up(page: Page, *, username: str, first: str, last: str, role: str, password: str) -> None:
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Password").fill(password)
    page.get_by_label(role).check()
    page.get_by_role("button", name="Create account").click()


def log_in(page: Page, username: str, password: str) -> None:
    """From any page: the header's "Log in", then back where the person was."""
    page.locator(".user-nav").get_by_role("link", name="Log in").click()
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".menu-name")).to_be_visible()


def log_out(page: Page) -> None:
    # The account menu is a <details> element: it opens without JavaScript too.
    page.locator("details.menu summary").click()
    page.get_by_role("button", name="Log out").click()
    expect(page.locator(".user-nav").get_by_role("link", name="Log in")).to_be_visible()


def main_nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


def account_menu(page: Page, name: str) -> None:
    page.locator("details.menu summary").click()
    page.locator(".menu-items").get_by_role("link", name=name).click()


def post_job(page: Page, *, title: str, budget: str) -> None:
    main_nav(page, "Post a job")
    page.get_by_label("Title").fill(title)
    page.get_by_label("Description").fill(
        "A booking calendar for classes, online payments and a simple admin for the teachers."
    )
    page.get_by_label("Skills").fill("Django, PostgreSQL, htmx")
    page.get_by_label("Fixed price").check()
    page.get_by_label("Budget (USD)").fill(budget)


def expect_message(page: Page, text: str) -> None:
    """The flash message after a form, announced to screen readers (role="status")."""
    expect(page.get_by_role("status").filter(has_text=text)).to_be_visible()
