"""Pseudo text never reaches the public site: a draft that holds text of the offline
``pseudo`` engine (the default, for layout and CI) is left out of the build, its original
does not name it, and the review pages still show it. Its file is named after its original
until a real engine or a person translates its title; then it is renamed, once.

Through the CLI, on a copy of the repository's own site with a posting an editor adds: as
``make`` runs it (``python -m pipeline all``), and stage by stage with incremental builds."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.build import plan
from pipeline.state import fingerprints
from pipeline.translate.engines import pseudo
from tests.build.test_incremental import tree
from tests.conftest import REPO, Site, add_ui, spy

POSTING = """\
---
title: 'Ny tjänst: Utvecklare'
date: 2024-03-01
excerpt: Digidem Lab söker en utvecklare.
---
Vi söker en utvecklare som kan `Python`.

Tjänsten är på 80 % i 6 månader.
"""
ORIGINAL = "content/sv/2024-03-01-ny-tjanst.md"
PSEUDO_DRAFT = "content/en/2024-03-01-ny-tjanst.md"  # the original's name, while pseudo
DRAFT = "content/en/2024-03-01-new-position-developer.md"  # named by its translated title
SV_PAGE = "public/nyheter/ny-tjanst/index.html"
EN_PAGE = "public/en/news/new-position-developer/index.html"
RECORD = "locale/memory/drafts/en/ny-tjanst.json"
LEFT_OUT = (
    "build: 1 pseudo draft left out (pseudo text is never published; translate with a real engine)"
)
# What the LibreTranslate-compatible test server answers for each text sent (masked).
ENGLISH = {
    "Ny tjänst: Utvecklare": "New position: Developer",
    "⟦1⟧ söker en utvecklare.": "⟦1⟧ is looking for a developer.",
    "Vi söker en utvecklare som kan ⟦1⟧.": "We are looking for a developer who knows ⟦1⟧.",
    "Tjänsten är på 80 % i 6 månader.": "The position is 80 % for 6 months.",
}
# Every character the pseudo engine writes that no Swedish or English text has.
PSEUDO_MARKS = set(pseudo("abcdefghijklmnoprstuvwxyzABCDEFGHIJKLMNOPRSTUVWXYZ")) - {" ", "·"}


def pseudo_text_in(folder: Path) -> list[str]:
    """The files under ``folder`` that hold any character of pseudo text (images aside)."""
    return [
        path.relative_to(folder).as_posix()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and path.suffix not in (".jpg", ".jpeg", ".png")
        and PSEUDO_MARKS & set(path.read_bytes().decode("utf-8"))
    ]


def pipeline(site: Site, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m pipeline ARGS... --root SITE`` in a process of its own, as make runs it."""
    return subprocess.run(
        [sys.executable, "-m", "pipeline", *args, "--root", str(site.root)],
        capture_output=True,
        text=True,
        check=False,
    )


def make(site: Site, *translator: str) -> tuple[str, str]:
    """What ``make`` runs (``pipeline all``: ingest, translate, i18n, build, check), then
    ``review`` (as ``make serve`` does); what each printed."""
    said = []
    for command in (("all", *translator), ("review",)):
        done = pipeline(site, *command)
        assert done.returncode == 0, (command, done.stderr)
        assert "Traceback" not in done.stderr
        said.append(done.stdout)
    return said[0], said[1]


@pytest.fixture
def clone(tmp_path: Path) -> Site:
    """The repository's own site as a fresh clone has it (its settings: engine ``pseudo``;
    its content, images, catalogs, memory and templates), with a posting an editor just
    wrote."""
    root = tmp_path / "clone"
    root.mkdir()
    site = add_ui(Site(root))
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "static", root / "static")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    site.write("content/sv/ny-tjanst.md", POSTING)
    return site


def test_a_fresh_clone_publishes_no_pseudo_text_and_reviews_it(clone, libre) -> None:
    said, reviewed = make(clone)
    assert f"drafted {PSEUDO_DRAFT} from {ORIGINAL} (machine)" in said
    assert LEFT_OUT in said.splitlines()
    assert "check: 8 checks, 0 errors" in said
    assert "1 draft to review" in reviewed
    # Nowhere on the site: no page, no pair, no hreflang, no list, no feed, no sitemap.
    public = clone.root / "public"
    assert pseudo_text_in(public) == []
    assert [name for name in tree(public) if "ny-tjanst" in name] == [
        "nyheter/ny-tjanst/index.html"
    ]
    pairs = json.loads(clone.read("public/pairs.json"))
    assert set(pairs["ny-tjanst"]) == {"sv"}
    assert 'hreflang="en" href=' not in clone.read(SV_PAGE)
    assert "sidan finns inte på engelska" in clone.read(SV_PAGE)  # the switcher says so
    # Shown to translators: the review pages hold the draft, pseudo text and all.
    review = clone.read("review/en/ny-tjanst.html")
    assert PSEUDO_DRAFT in review and pseudo("Ny tjänst: Utvecklare") in review
    assert "ny-tjanst" in clone.read("review/index.html")
    assert pipeline(clone, "build").stdout.splitlines()[0] == LEFT_OUT  # said again: no-op

    # A real engine translates the draft: it is renamed from its real title, and published.
    libre.answers = ENGLISH
    said, _ = make(clone, "--translator", "libre")
    assert f"renamed {PSEUDO_DRAFT} to {DRAFT} (its title is translated now)" in said
    assert "left out" not in said and "check: 8 checks, 0 errors" in said
    assert not (clone.root / PSEUDO_DRAFT).exists()
    recorded = json.loads(clone.read(RECORD))
    assert recorded["draft"] == "en/2024-03-01-new-position-developer.md"
    assert "provisional" not in recorded
    assert pseudo_text_in(public) == []
    assert "We are looking for a developer who knows" in clone.read(EN_PAGE)
    assert (
        '<link rel="alternate" hreflang="en" '
        'href="https://digidemlab.org/en/news/new-position-developer/">' in clone.read(SV_PAGE)
    )
    pairs = json.loads(clone.read("public/pairs.json"))["ny-tjanst"]
    assert (pairs["en"]["file"], pairs["en"]["status"]) == (DRAFT, "machine")
    # The default engine again: nothing to do, and the name never changes again.
    assert "nothing to do" in pipeline(clone, "translate").stdout
    assert sorted(clone.files("content/en")) == sorted(
        [DRAFT, *(f"content/en/{p.name}" for p in (REPO / "content/en").iterdir())]
    )


@pytest.fixture
def settled(clone, monkeypatch) -> list[tuple]:
    """Every file counts as older than the clock's tick (edits are seconds apart in real
    use), so that a build with nothing changed takes the manifest's word for it; the list
    counts the builds that planned the site."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    return spy(monkeypatch, plan, "plan_site")


def built(site: Site, run, planned: list[tuple]) -> tuple[str, bool]:
    """Build incrementally, then fully into an empty folder: the two trees are the same,
    and ``check`` passes. What the incremental build printed, and whether it planned."""
    time.sleep(0.05)  # past the file system clock's tick, as edits are in real use
    planned.clear()
    incremental = run(site.root, "build")
    assert incremental.code == 0, incremental.err
    replanned = bool(planned)
    shutil.rmtree(site.root / "fresh", ignore_errors=True)
    full = run(site.root, "build", "--out", str(site.root / "fresh"))
    assert tree(site.root / "public") == tree(site.root / "fresh")
    check = run(site.root, "check")
    assert check.code == 0, check.err
    assert pseudo_text_in(site.root / "public") == []
    return incremental.out + full.out, replanned


def rewrite(site: Site, path: str, key: str, value: str) -> None:
    """A translator's edit: the front matter line of ``key`` set to ``value``."""
    text = site.read(path)
    site.write(
        path, re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.M), dedent=False
    )


def translated(site: Site, run, *translator: str) -> str:
    result = run(site.root, "translate", *translator)
    assert result.code == 0, result.err
    return result.out


def test_a_draft_a_person_translates_appears_on_the_next_incremental_build(
    clone, run, settled
) -> None:
    assert run(clone.root, "ingest").code == 0
    translated(clone, run)
    assert run(clone.root, "i18n").code == 0
    said, _ = built(clone, run, settled)
    assert LEFT_OUT in said
    # The translator writes the title first: the draft is renamed, still pseudo elsewhere.
    rewrite(clone, PSEUDO_DRAFT, "title", "'New position'")
    assert f"renamed {PSEUDO_DRAFT} to content/en/2024-03-01-new-position.md" in translated(
        clone, run
    )
    said, _ = built(clone, run, settled)
    assert LEFT_OUT in said and not (clone.root / "public/en/news/new-position").exists()
    # Then every other block, and builds before the translate stage has recorded it: the
    # record still says pseudo text, and the draft stays off.
    draft = "content/en/2024-03-01-new-position.md"
    rewrite(clone, draft, "excerpt", "Digidem Lab is looking for a developer.")
    text = clone.read(draft)
    head = text[: text.index("---\n", 4) + 4]
    clone.write(draft, head + "We want `Python`.\n\nFull time.\n", dedent=False)
    said, _ = built(clone, run, settled)
    assert LEFT_OUT in said
    # Recorded (the draft itself unchanged): the next incremental build publishes it.
    before = clone.read(draft)
    assert "1 recorded" in translated(clone, run)
    assert clone.read(draft) == before
    said, replanned = built(clone, run, settled)
    assert "pseudo" not in said and replanned
    assert "We want <code>Python</code>." in clone.read("public/en/news/new-position/index.html")
    assert 'hreflang="en" href="https://digidemlab.org/en/news/new-position/"' in clone.read(
        SV_PAGE
    )


def test_a_draft_that_becomes_pseudo_disappears_on_the_next_incremental_build(
    clone, run, settled, libre
) -> None:
    libre.answers = ENGLISH
    assert run(clone.root, "ingest").code == 0
    translated(clone, run, "--translator", "libre")
    assert run(clone.root, "i18n").code == 0
    said, _ = built(clone, run, settled)
    assert "pseudo" not in said and (clone.root / EN_PAGE).is_file()
    # A new paragraph in the original, translated by the default engine: pseudo text.
    clone.edit(ORIGINAL, "Tjänsten är", "Vi ses snart.\n\nTjänsten är")
    assert "1 from the engine (pseudo)" in translated(clone, run)
    said, _ = built(clone, run, settled)
    assert LEFT_OUT in said
    assert not (clone.root / EN_PAGE).exists()
    assert "new-position-developer" not in clone.read(SV_PAGE)
    assert set(json.loads(clone.read("public/pairs.json"))["ny-tjanst"]) == {"sv"}
    # A real engine translates that block: the draft is back, under the same name.
    libre.answers = {**ENGLISH, "Vi ses snart.": "See you soon."}
    out = translated(clone, run, "--translator", "libre")
    assert "1 from the engine (libre)" in out and "renamed" not in out
    said, _ = built(clone, run, settled)
    assert "pseudo" not in said
    assert "See you soon." in clone.read(EN_PAGE)
    assert (clone.root / DRAFT).is_file()


def test_pseudo_text_marked_reviewed_by_hand_is_still_not_published(clone, run) -> None:
    assert run(clone.root, "ingest").code == 0
    translated(clone, run)
    rewrite(clone, PSEUDO_DRAFT, "title", "'New position: Developer'")
    rewrite(clone, PSEUDO_DRAFT, "excerpt", "Digidem Lab is looking for a developer.")
    rewrite(clone, PSEUDO_DRAFT, "  status", "reviewed")
    rewrite(clone, PSEUDO_DRAFT, "  engine", "human")  # its body still as pseudo wrote it
    recorded = run(clone.root, "translate")
    assert "pseudo text in a reviewed draft" in recorded.err
    assert run(clone.root, "i18n").code == 0
    result = run(clone.root, "build")
    assert result.out.splitlines()[0] == LEFT_OUT
    assert pseudo_text_in(clone.root / "public") == []
    assert "new-position" not in clone.read(SV_PAGE)
