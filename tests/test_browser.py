"""A reader in a real browser: headless Chromium (Debian's ``chromium``) follows the language
switcher from the Swedish page to its English counterpart."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

SV_PAGE = "/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/"
EN_PAGE = "/en/news/application-closed-outreach-strategist-for-a-democracy-lab/"


@pytest.fixture
def served(seed_site, run, preview) -> Iterator[str]:
    """The built seed site on http://127.0.0.1:<free port>, as ``make serve`` shows it."""
    assert run(seed_site.root, "build").code == 0
    with preview(seed_site) as url:
        yield url


def test_the_switcher_leads_to_the_english_counterpart(served: str, browser) -> None:
    page = browser.new_page()
    page.goto(served + SV_PAGE)
    assert page.evaluate("document.documentElement.lang") == "sv"
    with page.expect_navigation():
        page.click('nav.languages a[hreflang="en"]')
    assert page.url == served + EN_PAGE
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.text_content("h1") == "Application closed: Outreach strategist for a democracy lab"
    with page.expect_navigation():
        page.click('nav.languages a[hreflang="sv"]')
    assert page.url == served + SV_PAGE
