"""``ingest``, ``i18n`` and ``check`` take their last run's word only while nothing they read
changed: a change to any file they read makes them do their work again.

Files written a moment ago count as changed (``fingerprints.RACY_NS``); these tests set that
window to nothing, so that the last run's word can be taken at all.
"""

from __future__ import annotations

import pytest

from pipeline.check import stage as check_stage
from pipeline.i18n import stage as i18n_stage
from pipeline.ingest import stage as ingest_stage
from pipeline.state import fingerprints
from tests.conftest import spy

GOOD = "---\nlang: sv\nref: a\ntitle: A\n---\nText.\n"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)


def test_check_says_the_same_again_until_a_file_changes(seed_site, run, monkeypatch, settled):
    site = seed_site
    assert run(site.root, "build").code == 0
    first = run(site.root, "check")
    checked = spy(monkeypatch, check_stage, "check")
    again = run(site.root, "check")
    assert checked == []
    assert (again.code, again.out, again.err) == (first.code, first.out, first.err)
    # a built page edited by hand: checked again, and the edit is seen
    page = site.root / "public" / "404.html"
    page.write_text(page.read_text(encoding="utf-8").replace(' lang="', ' xlang="', 1))
    edited = run(site.root, "check")
    assert len(checked) == 1
    assert edited.code == 1 and "404.html: <html> has no lang attribute" in edited.err


def test_i18n_says_the_same_again_until_a_template_changes(seed_site, run, monkeypatch, settled):
    site = seed_site
    first = run(site.root, "i18n")
    assert first.code == 0, first.err
    done = spy(monkeypatch, i18n_stage, "i18n")
    again = run(site.root, "i18n")
    assert done == [] and again.out == first.out
    site.edit("pipeline/templates/404.html", "{% block", '{{ _("A new string") }}{% block')
    changed = run(site.root, "i18n")
    assert len(done) == 1
    assert "1 untranslated" in changed.out


def test_ingest_says_the_same_again_until_content_changes(site, run, monkeypatch, settled):
    site.write("content/sv/a.md", GOOD)
    run(site.root, "ingest")
    first = run(site.root, "ingest")
    done = spy(monkeypatch, ingest_stage, "ingest")
    assert run(site.root, "ingest").out == first.out and done == []
    site.write("content/sv/b.md", "---\ntitle: B\n---\nText.\n")
    assert "normalized content/sv/b.md" in run(site.root, "ingest").out
    assert len(done) == 1
