"""What a translate run remembers for the next (the memory as read, the drafts found up to
date, the content as scanned, the checks made) gives exactly what a run without it gives,
and spares the work it is for."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.state import fingerprints
from pipeline.translate import memory, memory_cache, record, segments
from tests.conftest import PYPROJECT, Site, spy
from tests.translate.test_shortcut import CHANGES, ORIGINAL
from tests.translate.test_translate import DRAFT, MEMORY, POSTING, everything

OTHER = "content/sv/sida/2024-01-01-om-oss.md"


def _edit_draft_by_hand(site: Site) -> None:
    text = site.read(DRAFT)
    site.write(DRAFT, text.rstrip("\n") + "\n\nEn rad till, skriven för hand.\n", dedent=False)


def _memory_as_a_person_writes_it(site: Site) -> None:
    """An entry added by hand, wrapped and commented as Poedit might leave it: not the form
    ``memory.dumps`` writes, so the memory is read by Babel again."""
    entry = '\n# by hand\nmsgid ""\n"Tjänsten är på "\n"deltid, i Malmö."\nmsgstr "Part time."\n'
    assert "Part time." not in site.read(MEMORY)
    site.write(MEMORY, site.read(MEMORY) + entry, dedent=False)


def _edit_the_other_posting(site: Site) -> None:
    """(Its draft is made again: the new sentence takes the translation a person wrote into
    the memory, reviewed.)"""
    site.edit(OTHER, "Tjänsten är på heltid.", "Tjänsten är på deltid, i Malmö.")


STEPS = [
    ("nothing", lambda site: None),
    *[(name, CHANGES[name][0]) for name in CHANGES if name != "another translator"],
    ("draft edited by hand", _edit_draft_by_hand),
    ("memory written by a person", _memory_as_a_person_writes_it),
    ("the other posting edited", _edit_the_other_posting),
    ("nothing again", lambda site: None),
]


def _site(root: Path) -> Site:
    """A site with two postings (one in a subfolder), not translated yet."""
    site = Site(root)
    site.write("pyproject.toml", PYPROJECT, dedent=False)
    site.write(ORIGINAL, POSTING)
    site.write(OTHER, POSTING.replace("ny-tjanst", "om-oss"))
    return site


def test_each_run_gives_what_a_run_without_remembered_results_gives(
    tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every file counts as older than the clock's tick: what is remembered is used.
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    kept, fresh = _site(tmp_path / "kept"), _site(tmp_path / "fresh")
    for name, change in STEPS:
        change(kept)
        change(fresh)
        # Each change comes after a run that found every draft up to date (and kept that).
        for when in ("after the change", "once more"):
            shutil.rmtree(fresh.root / ".cache", ignore_errors=True)
            segments._CHECKED.clear()
            without = run(fresh.root, "translate")
            with_kept = run(kept.root, "translate")
            assert (with_kept.code, with_kept.out, with_kept.err) == (
                without.code,
                without.out,
                without.err,
            ), f"{name}, {when}"
            assert everything(kept) == everything(fresh), f"{name}, {when}"


@pytest.fixture
def settled(tmp_path: Path, run, monkeypatch: pytest.MonkeyPatch) -> Site:
    """A site translated, with everything its runs remember in place and in use."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    site = _site(tmp_path / "site")
    assert run(site.root, "translate").code == 0
    assert run(site.root, "translate").code == 0
    return site


def test_a_run_after_one_edit_reads_neither_the_memory_nor_the_other_drafts(
    settled: Site, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_by_babel = spy(monkeypatch, memory, "loads")
    records_read = spy(monkeypatch, record, "load")
    settled.edit(ORIGINAL, "Tjänsten är på heltid.", "Tjänsten är på deltid.")
    result = run(settled.root, "translate")
    assert "updated content/en/" in result.out
    assert read_by_babel == []
    assert [call[2] for call in records_read] == ["ny-tjanst"]
    # The memory's new entry is kept alone, beside the entries kept whole before.
    assert (settled.root / ".cache" / "pipeline" / "memory-sv-en.changes.pickle").is_file()


def test_a_memory_changed_outside_the_pipeline_is_read_again(
    settled: Site, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    _memory_as_a_person_writes_it(settled)
    read_by_babel = spy(monkeypatch, memory, "loads")
    settled.edit(ORIGINAL, "Tjänsten är på heltid.", "Tjänsten är på deltid.")
    assert run(settled.root, "translate").code == 0
    assert len(read_by_babel) == 1


def test_a_damaged_memory_cache_is_said_and_done_without(settled: Site, run) -> None:
    kept = settled.root / ".cache" / "pipeline" / "memory-sv-en.pickle"
    assert kept.is_file()
    kept.write_bytes(kept.read_bytes()[:-5] + b"xxxxx")
    before = everything(settled)
    settled.edit(ORIGINAL, "Tjänsten är på heltid.", "Tjänsten är på deltid.")
    result = run(settled.root, "translate")
    assert result.code == 0
    assert "memory-sv-en.pickle" in result.err
    assert everything(settled) != before
    assert memory_cache._path(settled.root, "sv", "en").is_file()  # kept anew


def test_a_check_remembered_is_the_check_made() -> None:
    segmented = segments.segment("Läs **mer** [här][a].\n\n[a]: /a\n")
    block = segmented.blocks[0]
    for target in ("Read **more** [here][a].", "Read more [here][a].", "Read **more** here."):
        segments._CHECKED.clear()
        made = segments.check(block, target, segmented.references)
        assert segments.check(block, target, segmented.references) == made
        assert segments.check(block, target, {}) == segments._markdown_check(
            block, target, {"references": {}}
        )
