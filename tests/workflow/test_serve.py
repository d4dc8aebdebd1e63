"""``make serve`` while an editor works: the preview (its real entry point, as a process of its
own) rebuilds the site when a posting, a template or a data file changes, and the page open
in a real browser reloads with the new text; a build error shows on the page and in the
terminal, and goes when it is mended. The published files never carry the preview's script."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.build.test_build import SV_NEWS, SV_POST

PAGE = "/nyheter/ansokan-stangd-outreach-strategist-till-demokratilabb/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def serving(seed_site, run, tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """``python -m pipeline.workflow.preview`` on the built seed site: its address, and the
    file its terminal output goes to."""
    assert run(seed_site.root, "build").code == 0
    port = _free_port()
    terminal = tmp_path / "terminal.txt"
    with open(terminal, "w", encoding="utf-8") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "pipeline.workflow.preview",
                "--root",
                str(seed_site.root),
                "--port",
                str(port),
            ],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    urllib.request.urlopen(url + "/", timeout=1).close()
                    break
                except OSError:
                    time.sleep(0.1)
            yield url, terminal
        finally:
            process.terminate()
            process.wait(timeout=10)


def test_an_edited_posting_reloads_the_open_page(seed_site, serving, browser) -> None:
    url, terminal = serving
    page = browser.new_page()
    page.goto(url + PAGE)
    assert "Ansökan stängd" in page.text_content("h1")

    seed_site.edit(SV_POST, "\n---\n", "\n---\nEtt stycke skrivet medan förhandsvisningen går.\n\n")
    page.wait_for_function(
        "document.body.innerText.includes('Ett stycke skrivet medan förhandsvisningen går.')",
        timeout=20_000,
    )
    # The published file has the text, and not the preview's script.
    published = seed_site.read(SV_NEWS)
    assert "Ett stycke skrivet medan förhandsvisningen går." in published
    assert "__preview" not in published and "<script" not in published

    # A template with a mistake: the error on the page and in the terminal.
    seed_site.write(
        "templates/page.html",
        "{% extends 'package:page.html' %}\n{% block x %}{% if %}{% endblock %}\n",
    )
    page.wait_for_selector("#pipeline-preview-error", timeout=20_000)
    shown = page.text_content("#pipeline-preview-error")
    assert "templates/page.html:2:" in shown
    assert "templates/page.html:2:" in terminal.read_text(encoding="utf-8")

    # Mended: the page reloads, without the error.
    (seed_site.root / "templates" / "page.html").unlink()
    page.wait_for_function("!document.getElementById('pipeline-preview-error')", timeout=20_000)
    assert "Ett stycke skrivet medan förhandsvisningen går." in page.text_content("main")
