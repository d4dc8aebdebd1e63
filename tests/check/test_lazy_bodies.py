"""``check`` takes the documents the last build scanned from its scan cache, bodies unread,
and reads only the bodies of documents it has not judged as they are (``check.findings``);
what it says is exactly what a check of a copy without ``.cache`` says (``alone``): after an
edit that changes what the language, markup and reference checks find, after a change of
front matter layout that moves the lines they name, and after a file edited by hand within
the racy window of the build (``fingerprints.RACY_NS``)."""

from __future__ import annotations

import time

import pytest

from pipeline.content import document, scan_cache
from pipeline.state import fingerprints
from tests.build.test_build import toggle
from tests.check.test_kept_plan import EDITED, alone, planning, run_all, said, site

__all__ = ["planning", "said", "site"]  # (fixtures of test_kept_plan, used here)

ENGLISH = (
    "We are looking for a person who believes in a society where those with the least "
    "power get the chance to shape their neighbourhood and their everyday life."
)
# The edit of EDITED's body: English text in a Swedish original, a script the page leaves
# out, another image the site lacks.
EDITED_BODY = f"{ENGLISH}\n\n<script>alert(1)</script>\n\n![En bild](/uploads/borta.png)\n"
DRAFT = EDITED.replace("/sv/", "/en/")
HTML_PAGE = "content/sv/gammal.html"
HTML = """\
---
lang: sv
ref: gammal
title: Gammal sida
---
<p>En sida från förr.</p>
<img src="/uploads/finns-inte.png" onerror="x()">
"""


@pytest.fixture
def read(monkeypatch) -> list[str]:
    """The documents whose body ``check`` read since cleared: whole (not from the scan
    cache) or a body alone (``LazyBody``)."""
    reading: list[bool] = []
    found: list[str] = []
    from pipeline.check import stage as check_stage

    real_check, real_read, real_body = check_stage.check, document.read, scan_cache.read_body

    def check(*args, **kwargs):
        reading.append(True)
        try:
            return real_check(*args, **kwargs)
        finally:
            reading.clear()

    def whole(path, shown="", *args, **kwargs):
        if reading:
            found.append(shown)
        return real_read(path, shown, *args, **kwargs)

    def body(path, shown=""):
        if reading:
            found.append(shown)
        return real_body(path, shown)

    monkeypatch.setattr(check_stage, "check", check)
    monkeypatch.setattr(document, "read", whole)
    monkeypatch.setattr(scan_cache, "read_body", body)
    return found


def test_check_reads_only_what_changed_and_says_what_a_check_alone_says(
    site, run, tmp_path, planning, said, read
) -> None:
    site.write(HTML_PAGE, HTML)
    run_all(site, run, planning)
    read.clear()
    run_all(site, run, planning)
    # Nothing changed: the only bodies read are those whose problems name a line.
    assert set(read) <= {EDITED, HTML_PAGE}
    assert said[-1] == alone(site, run, tmp_path)

    text = site.read(EDITED)
    site.write(EDITED, text[: text.index("Ett stycke.")] + EDITED_BODY, dedent=False)
    read.clear()
    run_all(site, run, planning)
    assert set(read) <= {EDITED, DRAFT, HTML_PAGE}  # (translate made its draft again)
    assert said[-1] == alone(site, run, tmp_path)
    problems = said[-1][1]
    assert f"{EDITED}:2: the text reads as 'en' (confidence 1.00), but lang is 'sv'; " in " ".join(
        problems
    )
    assert any(p.startswith(f"{EDITED}:9: warning: <script> removed") for p in problems)
    assert any(p.startswith(f"{EDITED}:11: image /uploads/borta.png") for p in problems)

    # A comment in the HTML page's front matter: the same digest, its lines one further.
    toggle(site, HTML_PAGE, "title: Gammal sida\n", "title: Gammal sida\n# förr\n")
    run_all(site, run, planning)
    assert said[-1] == alone(site, run, tmp_path)
    assert any(p.startswith(f"{HTML_PAGE}:8: image /uploads/finns-inte.png") for p in said[-1][1])
    assert any(p.startswith(f"{HTML_PAGE}:8: warning: onerror=") for p in said[-1][1])


def test_a_file_edited_within_the_racy_window_is_read_again(
    site, run, tmp_path, planning, said, read, monkeypatch
) -> None:
    run_all(site, run, planning)
    monkeypatch.setattr(fingerprints, "RACY_NS", 1_000_000_000)
    time.sleep(1.05)  # (the other files older than that)
    text = site.read(EDITED)
    site.write(EDITED, text[: text.index("Ett stycke.")] + EDITED_BODY, dedent=False)
    assert run(site.root, "build").code in (0, 1, 3)  # (EDITED racy: its stat not kept)
    # Edited by hand at once, the same size: only its bytes tell.
    toggle(site, EDITED, "/uploads/borta.png", "/uploads/borte.png")
    read.clear()
    assert run(site.root, "check").code == 1
    assert read == [EDITED]  # read whole, not taken from the scan cache
    assert said[-1] == alone(site, run, tmp_path)
    assert any(p.startswith(f"{EDITED}:11: image /uploads/borte.png") for p in said[-1][1])
