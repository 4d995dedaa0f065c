"""Headless Chromium for the browser tests: one browser per run, a fresh context per person.

Every page a test visits is photographed into artifacts/screenshots/ (desktop width, and phone
width for the main pages), and every console error or uncaught exception fails the test.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Error,
    Page,
    ViewportSize,
    sync_playwright,
)

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread
# with a running loop unless told that this is deliberate.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DESKTOP = ViewportSize(width=1280, height=800)
PHONE = ViewportSize(width=390, height=844)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class Camera:
    """Numbered full-page screenshots: ``01-signup.png``, ``01-signup-phone.png``, ..."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.count = 0
        self.taken: list[str] = []

    def shoot(self, page: Page, name: str, *, phone: bool = False) -> None:
        self.count += 1
        stem = f"{self.count:02d}-{name}"
        self._save(page, f"{stem}.png")
        if phone:
            desktop = page.viewport_size or DESKTOP
            page.set_viewport_size(PHONE)
            try:
                # A page wider than the phone scrolls sideways: the classic broken phone layout.
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= PHONE["width"], f"{page.url} is {width}px wide on a phone"
                self._save(page, f"{stem}-phone.png")
            finally:
                page.set_viewport_size(desktop)

    def _save(self, page: Page, filename: str) -> None:
        # From the top, or the sticky header is painted wherever the page was scrolled to.
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(self.directory / filename), full_page=True)
        self.taken.append(filename)


@pytest.fixture(scope="session")
def camera() -> Camera:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return Camera(SCREENSHOTS)


@dataclass
class ConsoleWatch:
    """Errors logged to the console and exceptions thrown by scripts, with the page's address.

    Chromium logs an error for every response with an error status, the page itself included,
    so a test that shows a 404 page or a form with errors (400) says so with ``expect_status``.
    """

    errors: list[str] = field(default_factory=list)
    expected: list[tuple[str, int]] = field(default_factory=list)

    def watch(self, page: Page) -> None:
        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error" and not self._is_expected(page.url, message.text):
                self.errors.append(f"{page.url}: console error: {message.text}")

        def on_page_error(error: Error) -> None:
            self.errors.append(f"{page.url}: uncaught {error.name}: {error.message}")

        page.on("console", on_console)
        page.on("pageerror", on_page_error)

    def expect_status(self, path: str, status: int) -> None:
        """The page at ``path`` answers ``status`` on purpose (the 404 page, a 400 form)."""
        self.expected.append((path, status))

    def _is_expected(self, url: str, text: str) -> bool:
        return any(
            path_of_url(url).startswith(path) and f"status of {status} " in text
            for path, status in self.expected
        )

    def assert_clean(self) -> None:
        assert self.errors == [], "\n".join(self.errors)


@pytest.fixture
def console() -> ConsoleWatch:
    return ConsoleWatch()


@pytest.fixture
def new_page(
    browser: Browser, live_server: object, console: ConsoleWatch
) -> Iterator[Callable[..., Page]]:
    """``new_page()`` → a page in a fresh browser context (its own cookies: one person).

    ``new_page(javascript=False)`` browses with scripts off, as some people and crawlers do.
    """
    contexts: list[BrowserContext] = []

    def make(*, javascript: bool = True) -> Page:
        context = browser.new_context(
            base_url=str(live_server),
            viewport=DESKTOP,
            java_script_enabled=javascript,
            locale="en-US",
            timezone_id="UTC",
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        console.watch(page)
        return page

    yield make
    for context in contexts:
        context.close()
    console.assert_clean()


def path_of_url(url: str) -> str:
    """The path of an address, without the scheme and host: ``/jobs/3/``."""
    return re.sub(r"^https?://[^/]+", "", url)
