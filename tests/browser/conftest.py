"""Real headless Chromium (Debian's, via Playwright) with every network request blocked.

Playwright's own browser download cannot run here, so the system Chromium is used. Without it
the browser tests skip with a reason, except in CI (CI set), where they fail.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
_LOCAL_SCHEMES = {"file", "data", "about", "blob"}
_LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


def is_local(url: str) -> bool:
    """file:, data:, about: and loopback URLs are allowed; everything else is the network."""
    parts = urlsplit(url)
    return parts.scheme in _LOCAL_SCHEMES or (parts.hostname or "") in _LOOPBACK


@dataclass
class OfflinePage:
    """A Playwright page with the requests it blocked and the script errors it raised."""

    page: Page
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session."""
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install -y chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def offline_page(browser: Browser) -> Iterator[OfflinePage]:
    """A page whose context aborts every request that is not local (file:, data:, loopback)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    result = OfflinePage(context.new_page())

    def route(r: Route) -> None:
        if is_local(r.request.url):
            r.continue_()
        else:
            result.blocked.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    result.page.on("pageerror", lambda exc: result.errors.append(str(exc)))
    yield result
    context.close()
