"""Web security as Chromium sees it: no Content-Security-Policy violation on any main page, and
markup typed by people (a job description, a feedback comment) stays text — no dialog fires, the
characters show as typed.

The server-side half (CSRF on every form, size limits, cookies, throttling) is
tests/core/test_web_security.py.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.browser.conftest import Camera, ConsoleWatch
from tests.browser.steps import expect_message, log_in, main_nav, post_job
from tests.browser.test_feedback_flow import click_star
from tests.browser.test_reputation_pages import freelancer, past_contract
from tests.conftest import PASSWORD, make_contract, make_job, make_user
from tests.reputation.test_ring_flags import trade
from twoway.feedback import rules
from twoway.feedback.models import Feedback
from twoway.reputation.models import RingFlag

# Records every CSP violation the page reports, from before its first script runs.
CSP_PROBE = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline') +
    ' at ' + (event.sourceFile || '') + ':' + event.lineNumber
  );
});
"""

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><b>x</b>']
MARKUP = " ".join(PAYLOADS)


class CspWatch:
    """CSP violations on a page: from the DOM event, and as Chromium logs them."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.logged: list[str] = []
        page.add_init_script(CSP_PROBE)
        page.on(
            "console",
            lambda message: (
                self.logged.append(f"{page.url}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def visit(self, path: str) -> None:
        self.page.goto(path)
        self.page.wait_for_load_state("networkidle")
        self.assert_clean(path)

    def assert_clean(self, where: str) -> None:
        violations = self.page.evaluate("window.__cspViolations || []")
        assert violations == [], f"{where}: {violations}"
        assert self.logged == [], "\n".join(self.logged)


def dialogs_of(page: Page) -> list[str]:
    """Every alert/confirm/prompt the page opens (each is dismissed and recorded)."""
    opened: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        opened.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return opened


@pytest.mark.browser
def test_no_page_violates_the_content_security_policy(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    # A freelancer with a history (the profile draws charts), a client with an open job, an
    # ended contract awaiting feedback, and a ring flag for the admin's change page.
    client = make_user("client", "freelancer", username="cleo", first_name="Cleo", last_name="C")
    fay = freelancer("fay", "Fay", "Freel", "Django developer")
    for n, (paid, stars) in enumerate([(120_000, 5), (40_000, 4), (90_000, 5), (30_000, 3)]):
        past_contract(
            client,
            fay,
            title=f"Past project number {n + 1}",
            paid_cents=paid,
            client_stars=(stars,),
        )
    job = make_job(client, title="A booking site for a yoga studio")
    awaiting = make_contract(client, fay, paid_cents=50_000, ended=True)
    operator = make_user("client", username="oscar_ops")
    operator.is_staff = operator.is_superuser = True
    operator.save(update_fields=["is_staff", "is_superuser"])
    ann = make_user("client", "freelancer", username="ring_ann")
    bob = make_user("client", "freelancer", username="ring_bob")
    for _ in range(3):
        trade(ann, bob)
    flag = RingFlag.objects.get()

    anonymous = new_page()
    watch = CspWatch(anonymous)
    for path in ("/", f"/jobs/{job.pk}/", "/freelancers/", "/login/", "/signup/", "/api/v1/docs"):
        watch.visit(path)
    expect(anonymous.locator(".swagger-ui")).to_be_visible()
    camera.shoot(anonymous, "csp-api-docs")
    watch.visit(f"/users/{fay.pk}/")
    expect(anonymous.locator("svg.chart").first).to_be_visible()
    watch.visit(f"/users/{fay.pk}/reputation/freelancer/explain/")
    watch.visit(f"/users/{client.pk}/")

    page = new_page()
    watch = CspWatch(page)
    page.goto("/")
    log_in(page, "cleo", PASSWORD)
    watch.assert_clean("after log in")
    for path in (
        f"/contracts/{awaiting.pk}/",
        "/notifications/",
        "/settings/",
        "/settings/tokens/",
        "/dashboard/",
    ):
        watch.visit(path)
    watch.visit(f"/contracts/{awaiting.pk}/feedback/")
    # The star inputs are scripted: use them, and the preview they drive.
    for criterion in rules.CRITERIA[rules.CLIENT]:
        click_star(page, rules.CRITERION_LABELS[criterion], 5)
    expect(page.locator("output[data-overall]")).to_have_text("5.00")
    watch.assert_clean("feedback form after choosing stars")
    camera.shoot(page, "csp-feedback-form")

    admin = new_page()
    watch = CspWatch(admin)
    admin.goto("/admin/login/")
    admin.get_by_label("Username").fill("oscar_ops")
    admin.get_by_label("Password").fill(PASSWORD)
    admin.get_by_role("button", name="Log in").click()
    expect(admin.get_by_role("heading", name="Moderation and records")).to_be_visible()
    watch.assert_clean("admin index")
    feedback = Feedback.objects.filter(contract__title__startswith="Past project").first()
    for path in (
        "/admin/",
        "/admin/reputation/ringflag/",
        f"/admin/reputation/ringflag/{flag.pk}/change/",
        f"/admin/feedback/feedback/{feedback.pk}/change/",
        f"/admin/accounts/user/{client.pk}/change/",
    ):
        watch.visit(path)
    camera.shoot(admin, "csp-admin-user-change")
    console.assert_clean()


@pytest.mark.browser
def test_markup_in_a_job_description_is_shown_as_text(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    make_user("client", username="mallory", first_name="Mallory", last_name="M")
    page = new_page()
    dialogs = dialogs_of(page)
    page.goto("/")
    log_in(page, "mallory", PASSWORD)
    post_job(page, title='Shop site "><b>x</b>', budget="800")
    page.get_by_label("Description").fill(f"We need a small shop. {MARKUP}")
    page.get_by_role("button", name="Post job").click()
    expect_message(page, "Your job is posted")

    description = page.get_by_text("We need a small shop.")
    expect(description).to_contain_text(MARKUP)
    expect(page.get_by_role("heading", name='Shop site "><b>x</b>')).to_be_visible()
    assert page.locator("main b", has_text="x").count() == 0
    assert page.locator("img[src='x']").count() == 0
    camera.shoot(page, "xss-job-page")

    main_nav(page, "Find work")
    expect(page.get_by_role("link", name='Shop site "><b>x</b>')).to_be_visible()
    assert page.locator("main b", has_text="x").count() == 0
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert dialogs == []
    console.assert_clean()


@pytest.mark.browser
def test_markup_in_a_feedback_comment_is_shown_as_text(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    client = make_user("client", username="cass", first_name="Cass", last_name="Client")
    fred = make_user("freelancer", username="fritz", first_name="Fritz", last_name="Free")
    contract = past_contract(
        client,
        fred,
        title="Landing page",
        paid_cents=60_000,
        client_comment=f"Nice. {MARKUP}",
        freelancer_comment=f"Paid fast. {MARKUP}",
    )
    ended = make_contract(client, fred, paid_cents=20_000, ended=True)

    page = new_page()
    dialogs = dialogs_of(page)
    page.goto("/")
    log_in(page, "fritz", PASSWORD)
    # Fritz types markup into his own comment through the form.
    page.goto(f"/contracts/{ended.pk}/feedback/")
    for criterion in rules.CRITERIA[rules.FREELANCER]:
        click_star(page, rules.CRITERION_LABELS[criterion], 4)
    page.get_by_label("Public comment").fill(f"Fine client. {MARKUP}")
    page.get_by_label("Why did the contract end?").select_option(label="The work was completed")
    page.get_by_label("Would you work with them again?").select_option("8")
    page.get_by_role("button", name="Submit feedback").click()
    expect_message(page, "Your feedback is sealed")
    # His own sealed feedback, shown back to him.
    expect(page.get_by_text("Fine client.")).to_contain_text(MARKUP)

    for path, comments in (
        (f"/contracts/{contract.pk}/", ["Nice.", "Paid fast."]),
        (f"/users/{fred.pk}/", ["Nice."]),  # feedback about him
        (f"/users/{client.pk}/", ["Paid fast."]),  # feedback about her
    ):
        page.goto(path)
        page.wait_for_load_state("networkidle")
        for start in comments:
            expect(page.get_by_text(f"{start} {MARKUP}").first).to_be_visible()
        assert page.locator("main b", has_text="x").count() == 0
        assert page.locator("img[src='x']").count() == 0
    camera.shoot(page, "xss-feedback-on-profile")
    page.wait_for_timeout(300)
    assert dialogs == []
    console.assert_clean()


@pytest.mark.browser
def test_a_person_deactivates_their_account_and_the_feedback_about_them_stays(
    new_page: Callable[..., Page], camera: Camera, console: ConsoleWatch
) -> None:
    client = make_user("client", username="dora", first_name="Dora", last_name="Client")
    leaver = make_user("freelancer", username="lee", first_name="Lee", last_name="Leaving")
    past_contract(
        client, leaver, title="Data cleanup", paid_cents=40_000, client_comment="Missed deadlines."
    )
    console.expect_status("/settings/", 400)

    page = new_page()
    page.goto("/")
    log_in(page, "lee", PASSWORD)
    page.goto("/settings/")
    section = page.locator("#deactivate")
    section.get_by_label("Your password").fill("not-my-password")
    section.get_by_role("button", name="Deactivate my account").click()
    expect(page.locator("#deactivate")).to_contain_text("That is not your password")
    page.locator("#deactivate").get_by_label("Your password").fill(PASSWORD)
    camera.shoot(page, "deactivate-settings")
    page.locator("#deactivate").get_by_role("button", name="Deactivate my account").click()
    expect_message(page, "Your account is deactivated")
    expect(page.locator(".user-nav").get_by_role("link", name="Log in")).to_be_visible()

    page.goto(f"/users/{leaver.pk}/")
    expect(page.get_by_text("Account deactivated")).to_be_visible()
    expect(page.get_by_text("Missed deadlines.").first).to_be_visible()
    camera.shoot(page, "deactivated-profile")

    page.locator(".user-nav").get_by_role("link", name="Log in").click()
    page.get_by_label("Username").fill("lee")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_text("Please enter a correct username and password")).to_be_visible()
    console.assert_clean()
