"""``ingest`` of ``content/`` remembers the files it found normal, by their name and bytes,
and does not make them again (their front matter dumped) until they change."""

from __future__ import annotations

import shutil

from pipeline.content import document, edit
from pipeline.state import fingerprints
from tests.conftest import Site, spy


def test_a_file_found_normal_is_not_made_again_until_it_changes(site, run, monkeypatch) -> None:
    site.write("content/sv/a.md", "---\ntitle: A\ndate: 2024-05-01 10:00:00\n---\nText.\n")
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: B\n---\nText.\n")
    first = run(site.root, "ingest")
    assert first.code == 0, first.err
    assert "normalized" in first.out or "moved" in first.out
    run(site.root, "ingest")  # finds both normal: remembers them
    made = spy(monkeypatch, edit, "dumps")
    again = run(site.root, "ingest")
    assert made == []
    assert (
        again.out == "ingest: 0 created, 0 updated, 0 unchanged; content/: 0 normalized, 0 moved\n"
    )
    site.write("content/sv/b.md", "---\nref: b\ntitle: B\n---\nText, edited.\n")
    edited = run(site.root, "ingest")
    assert len(made) == 1
    assert "normalized content/sv/b.md" in edited.out
    assert site.read("content/sv/b.md").startswith("---\nlang: sv\nref: b\n")


def test_ingest_reads_only_what_changed_and_says_what_it_would_unhelped(
    site, run, monkeypatch, tmp_path
) -> None:
    """After a build (its scan of the content kept) and once settled, ``ingest`` reads only
    the files that changed, and says and writes what a run without any cache does."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    site.write("content/sv/2024-05-01-a.md", "---\ntitle: A\n---\nText.\n")
    site.write("content/sv/2024-05-02-b.md", "---\nlang: sv\nref: b\ntitle: B\n---\nText.\n")
    site.write("content/sv/c.md", "---\nlang: sv\nref: b\ntitle: C\n---\nSame ref as b.\n")
    site.write("content/sv/d.md", "---\nlang: xx\ntitle: D\n---\nUnknown lang.\n")
    site.write("content/sv/e.md", "---\nlang: en\ntitle: E\n---\nIn English.\n")
    for command in ("ingest", "build", "ingest", "build"):
        run(site.root, command)
    site.write("content/sv/2024-05-02-b.md", "---\nref: b\ntitle: B\n---\nText, edited.\n")
    site.write("content/sv/f.md", "---\ntitle: F\n---\nNew.\n")
    twin = tmp_path / "twin"
    shutil.copytree(site.root, twin, ignore=shutil.ignore_patterns(".cache", "public"))
    read = spy(monkeypatch, document, "read")
    helped = run(site.root, "ingest")
    assert sorted(call[1] for call in read) == ["content/sv/2024-05-02-b.md", "content/sv/f.md"]
    unhelped = run(twin, "ingest")
    assert (helped.code, helped.out, helped.err) == (unhelped.code, unhelped.out, unhelped.err)
    assert "normalized content/sv/2024-05-02-b.md" in helped.out and "unknown lang" in helped.err
    assert site.files() == Site(twin).files()
