"""A reader in a real browser: headless Chromium (Debian's ``chromium``) follows the language
switcher from the Swedish page to its English counterpart."""

from __future__ import annotations

import functools
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SV_PAGE = "/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/"
EN_PAGE = "/en/news/application-closed-outreach-strategist-for-a-democracy-lab/"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def served(seed_site, run) -> Iterator[str]:
    """The built seed site on http://127.0.0.1:<free port>, as ``make serve`` shows it."""
    assert run(seed_site.root, "build").code == 0
    handler = functools.partial(_QuietHandler, directory=str(seed_site.root / "public"))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    assert found, "Chromium is not installed: apt-get install chromium (.ci/run does)"
    return found


def test_the_switcher_leads_to_the_english_counterpart(served: str, tmp_path: Path) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=chromium(),
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        try:
            page = browser.new_page()
            page.goto(served + SV_PAGE)
            assert page.evaluate("document.documentElement.lang") == "sv"
            with page.expect_navigation():
                page.click('nav.languages a[hreflang="en"]')
            assert page.url == served + EN_PAGE
            assert page.evaluate("document.documentElement.lang") == "en"
            assert page.text_content("h1") == (
                "Application closed: Outreach strategist for a democracy lab"
            )
            with page.expect_navigation():
                page.click('nav.languages a[hreflang="sv"]')
            assert page.url == served + SV_PAGE
        finally:
            browser.close()
