"""``check`` with the results it remembers says exactly what a check with none says.

The site is the bench's corpus (reviewed pairs, the project's UI catalogs and glossary),
built and checked once; then edited in each way a check's remembered results could go stale:
an original's paragraph, a draft's text put back into Swedish, a glossary row, a built page
edited by hand. The check after the edits, through the real CLI, must print the same
messages and exit with the same code as a check whose caches were removed first, and it
must have judged only the bodies it had not judged before.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.corpus import edit_paragraph, write_corpus
from bench.make import ADDED
from bench.run import add_ui_catalogs
from pipeline.check import language, markup
from pipeline.check import site as site_module
from pipeline.content import document
from pipeline.state import cache, fingerprints, remembered
from tests.conftest import spy

PAIRS = 6


def _forget(root: Path) -> None:
    shutil.rmtree(root / cache.FOLDER)


def test_check_after_edits_says_what_a_check_without_its_cache_says(
    tmp_path, run, monkeypatch
) -> None:
    site = write_corpus(tmp_path / "corpus", PAIRS).site
    add_ui_catalogs(site)
    assert run(site, "build").code == 0
    first = run(site, "check")
    assert first.code == 0, first.err
    # The edits: an original's paragraph; a draft whose text is Swedish again; a glossary
    # row; a built page whose hreflang link to its counterpart is gone.
    originals = sorted((site / "content" / "sv").glob("*.md"))
    edit_paragraph(originals[0], 1)
    drafts = sorted((site / "content" / "en").glob("*.md"))
    swedish_body = originals[1].read_text(encoding="utf-8").split("---\n", 2)[2]
    head = drafts[2].read_text(encoding="utf-8").split("---\n", 2)[1]
    drafts[2].write_text(f"---\n{head}---\n{swedish_body}", encoding="utf-8")
    glossary = site / "locale" / "glossary.csv"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("kommun,municipality", "kommun,council"),
        encoding="utf-8",
    )
    page = next(p for p in sorted((site / "public" / "en").rglob("index.html")) if p.parent.name)
    html = page.read_text(encoding="utf-8")
    alternate = next(line for line in html.splitlines() if 'hreflang="sv"' in line)
    page.write_text(html.replace(alternate, ""), encoding="utf-8")

    calls = spy(monkeypatch, language, "detect_all")
    remembered = run(site, "check")
    # Only the edited original's body: the draft's new body is another original's, whose
    # language is remembered by its digest.
    assert [len(texts) for texts, _languages in calls] == [1]
    _forget(site)
    calls.clear()
    afresh = run(site, "check")
    # every body once: the draft in Swedish is word for word another original
    assert [len(texts) for texts, _languages in calls] == [2 * PAIRS - 1]

    assert (remembered.code, remembered.out, remembered.err) == (
        afresh.code,
        afresh.out,
        afresh.err,
    )
    # The edits were seen: each says so in the messages both runs print.
    assert remembered.code == 1
    assert "the draft still holds Swedish text" in remembered.err
    assert "no return link" in remembered.err or "not name this page back" in remembered.err
    assert "'council'" in remembered.err or "kommun" in remembered.err


RAW_HTML = '\n\nRing oss<br/>eller <b onclick="x">skriv</b>.\n\n<script>alert(1)</script>\n'


def _same_as_afresh(run, site: Path, tmp_path: Path, name: str, *spies: list) -> str:
    """Check ``site`` with what it remembers, and a copy of it with no caches; assert both
    say the same (messages, exit code); return what they said. The ``spies`` keep the
    calls of the first check only."""
    remembered = run(site, "check")
    kept = [list(calls) for calls in spies]
    copy = tmp_path / f"afresh-{name}"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns(".cache"))
    afresh = run(copy, "check")
    assert (remembered.code, remembered.out, remembered.err) == (
        afresh.code,
        afresh.out,
        afresh.err,
    ), name
    for calls, first in zip(spies, kept, strict=True):
        calls[:] = first
    return remembered.err


@pytest.mark.parametrize("racy_ns", [fingerprints.RACY_NS, 0], ids=["racy", "settled"])
def test_check_after_each_edit_of_make_says_what_a_check_without_its_cache_says(
    tmp_path, run, monkeypatch, racy_ns
) -> None:
    """Each edit as ``make`` meets it (the stages before ``check`` run on it), then ``check``
    with its remembered results and without: a paragraph, raw HTML added and then edited, a
    posting added, a posting removed, a glossary row, the sitemap edited by hand. Only the
    pages the build wrote again are read, and only the bodies with raw HTML parsed. Files
    written just now are racy (their bytes are read again); ``settled``: as if older, so
    that the digests the build's manifest recorded are taken."""
    monkeypatch.setattr(fingerprints, "RACY_NS", racy_ns)
    site = write_corpus(tmp_path / "corpus", PAIRS).site
    add_ui_catalogs(site)
    assert run(site, "build").code == 0
    assert run(site, "check").code == 0
    pages = len(list((site / "public").rglob("*.html")))
    originals = sorted((site / "content" / "sv").glob("*.md"))
    read = spy(monkeypatch, site_module, "_read_page")
    parsed = spy(monkeypatch, markup, "losses")

    def make() -> None:
        for stage in ("ingest", "translate", "build"):
            assert run(site, stage).code in (0, 3), stage
        read.clear()
        parsed.clear()

    edit_paragraph(originals[0], 1)
    make()
    _same_as_afresh(run, site, tmp_path, "paragraph", read, parsed)
    assert 0 < len(read) < pages / 2 and parsed == []

    with originals[1].open("a", encoding="utf-8") as stream:
        stream.write(RAW_HTML)
    make()
    said = _same_as_afresh(run, site, tmp_path, "raw-html", read, parsed)
    assert "<script> removed from the page" in said and "onclick= removed from <b>" in said
    assert len(parsed) >= 1

    text = originals[1].read_text(encoding="utf-8")
    originals[1].write_text(text.replace("onclick", "onmouseover"), encoding="utf-8")
    make()
    said = _same_as_afresh(run, site, tmp_path, "raw-html-edited")
    assert "onmouseover= removed from <b>" in said and "onclick=" not in said

    (site / "content" / "sv" / "ny-motesplats.md").write_text(
        ADDED.format(n=1, day=3), encoding="utf-8"
    )
    make()
    _same_as_afresh(run, site, tmp_path, "added", read, parsed)
    assert 0 < len(read) < pages

    ref = document.read(originals[2]).metadata["ref"]
    for version in sorted((site / "content").glob("*/*.md")):
        if document.read(version).metadata.get("ref") == ref:
            version.unlink()
    make()
    _same_as_afresh(run, site, tmp_path, "removed")

    glossary = site / "locale" / "glossary.csv"
    glossary.write_text(
        glossary.read_text(encoding="utf-8").replace("kommun,municipality", "kommun,council"),
        encoding="utf-8",
    )
    make()
    said = _same_as_afresh(run, site, tmp_path, "glossary")
    assert "'council'" in said

    sitemap = site / "public" / "sitemap.xml"
    xml = sitemap.read_text(encoding="utf-8")
    start = xml.index("<url>", xml.index("<url>") + 1)
    sitemap.write_text(xml[:start] + xml[xml.index("</url>", start) + 6 :], encoding="utf-8")
    said = _same_as_afresh(run, site, tmp_path, "sitemap")
    assert "not in sitemap.xml" in said


def test_the_run_after_a_fresh_clones_first_takes_every_result_it_kept(
    tmp_path, run, monkeypatch
) -> None:
    """A fresh clone has no compiled catalogs: the first ``pipeline all`` compiles them in
    ``i18n``, after ``ingest`` kept its results and before ``check`` keeps its own. What
    both kept is found by the next run (no result remembered depends on the catalogs), so
    ingest takes every posting's result and check judges no body and reads no page."""
    site = write_corpus(tmp_path / "corpus", PAIRS).site
    add_ui_catalogs(site)
    for compiled in (site / "locale").glob("*/LC_MESSAGES/*.mo"):
        compiled.unlink()
    assert run(site, "all").code in (0, 3)
    monkeypatch.setattr(remembered, "_versions", {})  # (the next run is a process of its own)
    detected = spy(monkeypatch, language, "detect_all")
    read = spy(monkeypatch, site_module, "_read_page")
    again = run(site, "all", "-v")
    assert again.code in (0, 3), again.err
    assert [len(texts) for texts, _languages in detected] in ([], [0])
    assert read == []
    postings = 2 * PAIRS
    assert f"ingest: {postings} of {postings} results from the last run" in again.err
