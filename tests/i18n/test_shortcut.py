"""``i18n`` and the check of the catalogs take their last run's word while nothing they read
changed; translate's memory (``locale/memory/``) is not theirs: a paragraph edited and drafted
again (translate writes its memory) must not make them extract the UI strings again, and what
they say must be what they say without their records."""

from __future__ import annotations

import shutil

from bench.corpus import edit_paragraph, write_corpus
from bench.run import add_ui_catalogs
from pipeline.check import stage as check_stage
from pipeline.i18n import stage as i18n_stage
from pipeline.state import cache, fingerprints
from tests.conftest import spy

PAIRS = 3


def test_a_draft_made_again_does_not_make_i18n_extract_again(tmp_path, run, monkeypatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)  # the files were written just now
    site = write_corpus(tmp_path / "corpus", PAIRS).site
    add_ui_catalogs(site)
    for _ in range(2):  # the second run changes nothing: the stages keep their word
        assert run(site, "all").code in (0, 3)
    memory = sorted((site / "locale" / "memory").rglob("*.po"))
    before = [path.read_bytes() for path in memory]
    edit_paragraph(sorted((site / "content" / "sv").glob("*.md"))[0], 1)
    extracted = spy(monkeypatch, i18n_stage, "extract")
    audited = spy(monkeypatch, check_stage, "catalog_problems")

    edited = run(site, "all")

    assert edited.code in (0, 3), edited.err
    assert "1 draft written" in edited.out
    assert [path.read_bytes() for path in memory] != before  # translate wrote its memory
    assert extracted == [] and audited == []
    remembered = [run(site, name) for name in ("i18n", "check")]
    assert extracted == [] and audited == []
    shutil.rmtree(site / cache.FOLDER)
    afresh = [run(site, name) for name in ("i18n", "check")]
    assert len(extracted) == 1 and len(audited) == 1
    assert [(r.code, r.out, r.err) for r in remembered] == [(r.code, r.out, r.err) for r in afresh]
