"""An editor toggles ``lang`` on a posting and runs the main job, then toggles it back: the
site is re-homed and paired the other way, then restored, as git sees the working tree.

The posting's first draft is made by a real engine (the LibreTranslate-compatible test
server): a draft of the ``pseudo`` engine, the default, is never published, so the site
would show no pair. The main job after each toggle runs with the default engine."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from pipeline.content import document

REPO = Path(__file__).resolve().parents[2]
ENGLISH = """\
---
lang: sv
ref: open-call
title: 'Open call: Facilitator'
date: 2024-03-01T10:00:00+01:00
excerpt: Digidem Lab is looking for a facilitator.
---
Digidem Lab works with cities, schools and housing companies in Sweden and internationally to
design democratic processes such as participatory budgets and citizens' juries.

Write to <jobb@digidemlab.org> before 1 May.
"""
SV_FILE = "content/sv/2024-03-01-open-call.md"
EN_FILE = "content/en/2024-03-01-open-call.md"
EN_DRAFT = "content/en/2024-03-01-open-call-facilitator.md"
SV_DRAFT = "content/sv/2024-03-01-open-call.md"  # pseudo: named after its original
STAGES = ("ingest", "translate", "i18n", "build", "check")


def git(site, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", *args],
        cwd=site.root,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


def make(site, run, *translator: str) -> list[str]:
    """``make``'s stages in order (``translate`` with ``translator``'s options); what
    ``check`` said."""
    for stage in STAGES:
        result = run(site.root, stage, *(translator if stage == "translate" else ()))
        assert result.code in ((0, 1) if stage == "check" else (0,)), (stage, result.err)
    return result.err_lines


def tree(site) -> tuple[list[str], dict[str, bytes]]:
    """What git sees: the status lines, and every file it would see with its bytes."""
    status = git(site, "status", "--porcelain", "--untracked-files=all").splitlines()
    listed = git(site, "ls-files", "--cached", "--others", "--exclude-standard").splitlines()
    files = {
        name: (site.root / name).read_bytes() for name in listed if (site.root / name).exists()
    }
    return status, files


def test_toggling_lang_rehomes_the_posting_and_toggling_back_restores_it(
    seed_site, run, libre
) -> None:
    shutil.copy(REPO / ".gitignore", seed_site.root / ".gitignore")
    seed_site.write(SV_FILE, ENGLISH)
    said = make(seed_site, run, "--translator", "libre")
    # English text tagged Swedish: check says so (the editor's cue to toggle).
    assert [line.split(": ", 1)[0] for line in said] == [f"{SV_FILE}:2"]
    assert "the text reads as 'en'" in said[0]
    assert document.read(seed_site.root / EN_DRAFT).translation["status"] == "machine"
    git(seed_site, "init", "-q")
    git(seed_site, "add", "-A")
    git(seed_site, "commit", "-qm", "before")
    before = tree(seed_site)
    assert before[0] == []

    seed_site.edit(SV_FILE, "lang: sv\n", "lang: en\n")
    assert make(seed_site, run) == []  # check passes: the text is where it belongs
    assert not (seed_site.root / EN_DRAFT).exists()
    original = document.read(seed_site.root / EN_FILE)
    assert original.is_original and original.lang == "en" and original.ref == "open-call"
    draft = document.read(seed_site.root / SV_DRAFT)
    assert draft.translation == {
        "from": "en",
        "source": "en/2024-03-01-open-call.md",
        "source_hash": draft.translation["source_hash"],
        "status": "machine",
        "engine": "pseudo",
    }
    # The Swedish draft is pseudo text: off the site, and its original does not name it.
    pairs = json.loads(seed_site.read("public/pairs.json"))["open-call"]
    assert pairs == {"en": {"url": pairs["en"]["url"], "file": EN_FILE, "status": "original"}}
    page = seed_site.read("public/en/news/open-call/index.html")
    assert 'hreflang="sv" href=' not in page
    assert '<a href="/" hreflang="sv" lang="sv">' in page  # the switcher: the Swedish home
    assert not (seed_site.root / "public/nyheter/open-call").exists()
    assert not (seed_site.root / "public/en/news/open-call-facilitator").exists()

    seed_site.edit(EN_FILE, "lang: en\n", "lang: sv\n")
    make(seed_site, run)
    # The built site is paired the first way again: pages, pairs and switchers.
    assert not (seed_site.root / "public/en/news/open-call").exists()
    assert not (seed_site.root / "public/nyheter/open-call-facilitator").exists()
    pairs = json.loads(seed_site.read("public/pairs.json"))["open-call"]
    assert (pairs["sv"]["file"], pairs["sv"]["status"]) == (SV_FILE, "original")
    assert (pairs["en"]["file"], pairs["en"]["status"]) == (EN_DRAFT, "machine")
    page = seed_site.read("public/nyheter/open-call/index.html")
    assert '<a href="/en/news/open-call-facilitator/" hreflang="en" lang="en">' in page
    status, files = tree(seed_site)
    # Every document is back, byte for byte; the memory remembers what the Swedish draft
    # was made of (it never forgets), and the record of the regenerated English draft says
    # its wording came from the memory this time, not from the engine.
    assert {n: b for n, b in files.items() if n.startswith("content/")} == {
        n: b for n, b in before[1].items() if n.startswith("content/")
    }
    assert sorted(status) == [
        " M locale/memory/drafts/en/open-call.json",
        "?? locale/memory/en-sv.po",
    ]
    changed = git(seed_site, "diff", "-U0", "locale/memory/drafts/en/open-call.json")
    removed = [line for line in changed.splitlines() if line.startswith("-  ")]
    added = [line for line in changed.splitlines() if line.startswith("+  ")]
    assert removed and {line.strip("-+ ") for line in removed} == {'"origin": "engine",'}
    assert {line.strip("-+ ") for line in added} == {'"origin": "memory",'}
    rest = {n for n in files if not n.startswith(("content/", "locale/memory/"))}
    assert {n: files[n] for n in rest} == {n: before[1][n] for n in rest}


def test_a_toggle_not_yet_moved_is_a_warning_in_status_and_check(seed_site, run) -> None:
    seed_site.write(SV_FILE, ENGLISH.replace("lang: sv\n", "lang: en\n"))
    expected = (
        f"{SV_FILE}:2: warning: lang is 'en' but the file is in content/sv/; "
        "the next 'pipeline ingest' (make) moves it to content/en/"
    )
    status = run(seed_site.root, "status")
    assert (status.code, status.err_lines) == (0, [expected])
    assert expected in run(seed_site.root, "check").err_lines
    run(seed_site.root, "ingest")
    assert run(seed_site.root, "status").err_lines == []
