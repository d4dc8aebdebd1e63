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

from bench.corpus import edit_paragraph, write_corpus
from bench.run import add_ui_catalogs
from pipeline.check import language
from pipeline.state import cache
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
