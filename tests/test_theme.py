"""The default theme in a real browser (headless Chromium): home, a list page, a post with its
image, a machine-translated page and a page of the site's own template, each at 1280 and 390
pixels wide. Screenshots go to test-artifacts/theme/; the test asserts what they must show
(the menu with its current item, the language switcher, the images loaded, no horizontal
scroll on a phone), and axe-core, injected into each page, finds no serious or critical
violation. The site overrides one block of the package's page template and the stylesheet
(a static file), and both reach the browser."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.build.test_build import write_doc
from tests.conftest import REPO

ARTIFACTS = REPO / "test-artifacts" / "theme"
AXE = REPO / ".venv" / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = (1280, 390)

POST = "/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/"
MACHINE = "/en/news/workshop-on-participatory-budgets/"
OWN = "/nyheter/verkstad-om-medborgarbudgetar/"
PAGES = {
    "home": "/",
    "list": "/nyheter/",
    "post-with-image": POST,
    "machine-translated": MACHINE,
    "own-template": OWN,
}

# One block of the package's page changed: the posts with a 'kategori' say it above the title.
OWN_TEMPLATE = """\
{% extends "package:page.html" %}
{% block hero %}
{{ super() }}
{% if doc.params.get("kategori") %}
<p class="kategori">Kategori: {{ doc.params.kategori }}</p>
{% endif %}
{% endblock %}
"""


@pytest.fixture
def theme_site(seed_site, run):
    """The seed site with data (contact, accounts), a post with its machine-translated
    English draft, one overridden block and its own stylesheet: built, checked."""
    site = seed_site
    site.write("data/contact.yml", "email: info@example.org\nphone: 031-123 45 67\n")
    site.write(
        "data/social.yml",
        "- {name: Mastodon, url: 'https://social.example.org/@lab'}\n"
        "- {name: GitHub, url: 'https://github.com/example'}\n",
    )
    image = {"image": "/uploads/civictech.jpg", "thumbnail": "/uploads/civictech_small.jpeg"}
    write_doc(
        site,
        "content/sv/2024-03-01-verkstad-om-medborgarbudgetar.md",
        "Vi höll en verkstad om **medborgarbudgetar** med tre kommuner.\n",
        lang="sv",
        ref="verkstad",
        title="Verkstad om medborgarbudgetar",
        excerpt="Tre kommuner prövade metoden under en dag.",
        kategori="Verkstad",
        date="2024-03-01T10:00:00+01:00",
        **image,
    )
    write_doc(
        site,
        "content/en/2024-03-01-workshop-on-participatory-budgets.md",
        "We held a workshop on **participatory budgets** with three municipalities.\n",
        lang="en",
        ref="verkstad",
        title="Workshop on participatory budgets",
        excerpt="Three municipalities tried the method for a day.",
        date="2024-03-01T10:00:00+01:00",
        translation={
            "from": "sv",
            "source": "sv/2024-03-01-verkstad-om-medborgarbudgetar.md",
            "source_hash": "x",
            "status": "machine",
            "engine": "libre",
        },
        **image,
    )
    site.write("templates/page.html", OWN_TEMPLATE)
    style = (REPO / "pipeline" / "templates" / "style.css").read_text(encoding="utf-8")
    site.write("static/style.css", style + "\n.kategori { color: rgb(128, 0, 64); }\n")
    result = run(site.root, "build")
    assert result.code == 0, result.err
    check = run(site.root, "check")
    assert check.code == 0, check.err
    return site


@pytest.fixture
def served(theme_site, preview) -> Iterator[str]:
    with preview(theme_site) as url:
        yield url


def test_the_theme_in_a_real_browser(served: str, browser) -> None:
    assert AXE.is_file(), "axe-core is missing: make test installs it (npm install axe-core)"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page()
    elsewhere: list[str] = []  # no web fonts, scripts or images from other hosts
    page.on("request", lambda r: None if r.url.startswith(served) else elsewhere.append(r.url))
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in PAGES.items():
            page.goto(served + path, wait_until="load")
            page.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
            seen = f"{name} at {width} px"
            assert page.is_visible("nav.menu"), seen
            assert page.is_visible("nav.languages a[hreflang]"), seen
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (
                f"{seen} scrolls sideways"
            )
            broken = page.evaluate(
                "[...document.images].filter(i => !i.complete || i.naturalWidth === 0)"
                ".map(i => i.src)"
            )
            assert broken == [], f"{seen}: images not loaded: {broken}"
            assert _serious_violations(page) == [], seen
    assert elsewhere == []
    # What each page must show.
    page.goto(served + "/nyheter/")
    assert page.get_attribute('nav.menu a[href="/nyheter/"]', "aria-current") == "page"
    assert page.locator(".cards .card").count() == 2
    page.goto(served + POST)
    assert page.get_attribute('nav.menu a[href="/nyheter/"]', "aria-current") == "true"
    assert page.evaluate("document.querySelector('.hero img').naturalWidth") > 0
    assert "workshop.jpg" in page.get_attribute('meta[property="og:image"]', "content")
    assert page.get_attribute('meta[name="twitter:card"]', "content") == "summary_large_image"
    page.goto(served + MACHINE)
    assert "machine-translated" in page.text_content(".notice")
    page.goto(served + "/en/news/")
    assert page.text_content(".card .badge") == "Machine-translated"
    page.goto(served + OWN)
    # The site's block and the site's stylesheet, both in the browser.
    assert page.text_content(".kategori") == "Kategori: Verkstad"
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.kategori')).color")
        == "rgb(128, 0, 64)"
    )
    with page.expect_navigation():
        page.click('nav.languages a[hreflang="en"]')
    assert page.url == served + MACHINE


def test_the_menu_and_switcher_work_from_the_keyboard(served: str, browser) -> None:
    page = browser.new_page()
    page.goto(served + POST)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    english = "/en/news/application-closed-outreach-strategist-for-a-democracy-lab/"
    visited = []
    for _ in range(4):
        page.keyboard.press("Tab")
        visited.append(page.evaluate("document.activeElement.getAttribute('href')"))
    # The logo, the menu (home, news), then the switcher to the counterpart.
    assert visited == ["/", "/", "/nyheter/", english]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == served + english


def _serious_violations(page) -> list[str]:
    """What axe-core, injected into ``page``, finds of impact serious or critical."""
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "axe.run(document, {resultTypes: ['violations']}).then(r => r.violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', ')))"
    )
    return list(found)
