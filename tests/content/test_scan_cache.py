"""The build's scan cache: a content file whose ``stat`` is the one recorded is not read
again, and whatever else happened to a file (an edit within the racy window, a file replaced
by another of the same size) or to the cache (damaged, of another format, planted) gives the
site a full build makes, byte for byte."""

from __future__ import annotations

import os
import pickle
import shutil
import time

import pytest

from pipeline.build import plan_cache
from pipeline.build import stage as build_stage
from pipeline.config import load_settings
from pipeline.content import document, parse_cache, scan_cache
from pipeline.state import cache, fingerprints
from tests.build.test_build import EN_DRAFT, SV_NEWS, SV_POST, toggle
from tests.build.test_incremental import counts, tree

CACHE = scan_cache.FILE.as_posix()
PLAN = str(plan_cache.FILE)


def scan_next(site) -> None:
    """Make the next build scan (a body edit would otherwise reuse the last plan)."""
    (site.root / PLAN).unlink(missing_ok=True)


def same_as_full(site, run) -> str:
    """Build incrementally, then fully into an empty folder; both trees must be equal."""
    incremental = run(site.root, "build")
    assert incremental.code == 0, incremental.err
    shutil.rmtree(site.root / "fresh", ignore_errors=True)
    assert run(site.root, "build", "--out", str(site.root / "fresh")).code == 0
    assert tree(site.root / "public") == tree(site.root / "fresh")
    return incremental.out


def same_size_edit(site, path: str, old: str, new: str) -> None:
    """Change ``old`` to ``new`` (as long) in ``path``, keeping its size and mtime."""
    assert len(old.encode()) == len(new.encode())
    file = site.root / path
    before = file.stat()
    toggle(site, path, old, new)
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = file.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


@pytest.mark.parametrize("racy_ns", [fingerprints.RACY_NS, 0], ids=["racy", "settled"])
def test_an_edit_that_keeps_size_and_mtime_is_seen(seed_site, run, monkeypatch, racy_ns) -> None:
    # racy: the build sees the file just written, so it records no stat for it and reads it
    # again; settled: it records the stat, and the edit's new ctime tells the change.
    monkeypatch.setattr(fingerprints, "RACY_NS", racy_ns)
    assert run(seed_site.root, "build").code == 0
    time.sleep(0.05)  # past the file system clock's tick, as edits are in real use
    same_size_edit(seed_site, SV_POST, "nu stängd", "nu öppen.")
    same_as_full(seed_site, run)
    assert "nu öppen." in seed_site.read(SV_NEWS)
    same_size_edit(seed_site, SV_POST, "Outreach strategist", "Outreach strategen.")
    same_as_full(seed_site, run)
    assert "Outreach strategen." in seed_site.read("public/index.html")


def test_a_file_replaced_by_another_of_the_same_size_is_read(seed_site, run, monkeypatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    assert run(seed_site.root, "build").code == 0
    target = seed_site.root / SV_POST
    before = target.stat()
    text = target.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title: "))
    changed = "title: " + "X" * (len(title.encode()) - len("title: "))
    replacement = seed_site.root / "replacement.md"
    replacement.write_text(text.replace(title, changed), encoding="utf-8")
    os.utime(replacement, ns=(before.st_atime_ns, before.st_mtime_ns))
    os.replace(replacement, target)
    assert target.stat().st_size == before.st_size
    same_as_full(seed_site, run)
    assert "X" * 20 in seed_site.read("public/index.html")


def test_an_edit_reads_only_the_edited_file(seed_site, run, monkeypatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    assert run(seed_site.root, "build").code == 0
    settings = load_settings(seed_site.root)
    remembered = parse_cache.FrontMatterMemo.open(settings).entries
    read = []
    real = document.read

    def counting(path, *args, **kwargs):
        read.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(document, "read", counting)
    time.sleep(0.05)
    toggle(seed_site, EN_DRAFT, "\n---\n", "\n---\nA new first paragraph.\n\n")
    assert counts(same_as_full(seed_site, run)) == (2, 2, 0)
    # Read by the build (which reused the plan, leaving the cache as it was), and by the
    # build into an empty folder (same_as_full), which takes every other file from the
    # cache: it is of the content, not of an output folder.
    assert read == [os.path.basename(EN_DRAFT)] * 2
    # The memo keeps the front matter the cache held, for translate and check.
    assert parse_cache.FrontMatterMemo.open(settings).entries.keys() >= remembered.keys()


def test_a_damaged_or_older_cache_is_never_trusted(seed_site, run, monkeypatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    assert run(seed_site.root, "build").code == 0
    path = seed_site.root / CACHE
    version, entries = pickle.loads(path.read_bytes()[: -2 * cache.DIGEST_SIZE])
    title = entries[SV_POST][1]["title"]
    for entry in entries.values():
        entry[1]["title"] = "Planterad rubrik"

    def plant(kept_as: str, data) -> None:
        cache.Cache(path, kept_as).save(data)
        scan_next(seed_site)
        # Another file changes, so that the build scans.
        time.sleep(0.05)
        toggle(seed_site, EN_DRAFT, "\n---\n", "\n---\nEtt stycke till.\n\n")

    for damaged in (b"", b"\x80\x05garbage", pickle.dumps(["not", "a", "cache"])):
        path.write_bytes(damaged)
        scan_next(seed_site)
        time.sleep(0.05)
        toggle(seed_site, EN_DRAFT, "\n---\n", "\n---\nEtt stycke till.\n\n")
        same_as_full(seed_site, run)
    settings = load_settings(seed_site.root)
    fingerprint = build_stage.read_state(settings).fingerprint
    # (made as this one was, but for the format before: only the format tells them apart)
    assert version == cache.version(scan_cache.FORMAT, fingerprint, parse_cache.version())
    made_before = cache.version(scan_cache.FORMAT - 1, fingerprint, parse_cache.version())
    for kept_as, data in ((made_before, entries), ("another", entries), (version, None)):
        plant(kept_as, data)
        same_as_full(seed_site, run)
        assert "Planterad rubrik" not in seed_site.read("public/index.html")
        assert title in seed_site.read("public/index.html")
    # The same cache in the current format is believed: the checks above are what refused it.
    plant(version, entries)
    assert run(seed_site.root, "build").code == 0
    assert "Planterad rubrik" in seed_site.read("public/index.html")


class Planted:
    def __reduce__(self):
        return (os.system, ("touch planted",))


def test_a_planted_cache_runs_no_code(seed_site, run, monkeypatch) -> None:
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    assert run(seed_site.root, "build").code == 0
    version = pickle.loads((seed_site.root / CACHE).read_bytes()[: -2 * cache.DIGEST_SIZE])[0]
    cache.Cache(seed_site.root / CACHE, version).save({"x": Planted()})  # its digest matches
    scan_next(seed_site)
    toggle(seed_site, EN_DRAFT, "\n---\n", "\n---\nEtt stycke till.\n\n")
    same_as_full(seed_site, run)
    assert not (seed_site.root / "planted").exists() and not os.path.exists("planted")
