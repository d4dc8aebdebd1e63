"""``ingest`` of ``content/`` remembers the files it found normal, by their name and bytes,
and does not make them again (their front matter dumped) until they change."""

from __future__ import annotations

from pipeline.content import document
from tests.conftest import spy


def test_a_file_found_normal_is_not_made_again_until_it_changes(site, run, monkeypatch) -> None:
    site.write("content/sv/a.md", "---\ntitle: A\ndate: 2024-05-01 10:00:00\n---\nText.\n")
    site.write("content/sv/b.md", "---\nlang: sv\nref: b\ntitle: B\n---\nText.\n")
    first = run(site.root, "ingest")
    assert first.code == 0, first.err
    assert "normalized" in first.out or "moved" in first.out
    run(site.root, "ingest")  # finds both normal: remembers them
    made = spy(monkeypatch, document, "dumps")
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
