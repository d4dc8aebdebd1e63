"""``pipeline translate`` with nothing changed since a run that had nothing to do: it takes
that run's word for it (``pipeline.translate.shortcut``) and reads no posting; any change to
anything the stage reads makes it do its real work."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.state import fingerprints
from pipeline.translate import glossary, memory, shortcut, stage, superseded
from tests.conftest import spy
from tests.translate.test_translate import DRAFT, MEMORY, POSTING

ORIGINAL = "content/sv/2024-03-01-ny-tjanst.md"
RECORD = "locale/memory/drafts/en/ny-tjanst.json"
REPO = Path(__file__).parents[2]
NOTHING = "translate: nothing to do, every draft is up to date\n"


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> list[tuple]:
    """How many times the stage scanned the content (read and parsed every posting)."""
    return spy(monkeypatch, stage, "scan")


@pytest.fixture
def settled(site, run, monkeypatch: pytest.MonkeyPatch, scans: list[tuple]):
    """A site whose draft is up to date and whose last run had nothing to do, with every
    file counting as older than the clock's tick (as in real use, edits seconds apart)."""
    monkeypatch.setattr(fingerprints, "RACY_NS", 0)
    site.write(ORIGINAL, POSTING)
    site.write("content/sv/sida/2024-01-01-om-oss.md", POSTING.replace("ny-tjanst", "om-oss"))
    assert run(site.root, "translate").code == 0  # drafts written
    assert run(site.root, "translate").out == NOTHING  # read again, nothing to do: recorded
    assert (site.root / shortcut.FILE).is_file()
    scans.clear()
    return site


def test_a_run_with_nothing_changed_reads_no_posting_and_says_the_same(settled, run, scans) -> None:
    before = {**settled.files("content"), **settled.files("locale")}
    for _ in range(2):
        result = run(settled.root, "translate")
        assert (result.code, result.out, result.err) == (0, NOTHING, "")
    assert scans == []
    assert {**settled.files("content"), **settled.files("locale")} == before


def test_the_warnings_of_the_recorded_run_are_said_again(settled, run, scans) -> None:
    settled.edit(ORIGINAL, "lang: sv\n", "lang: sv\nbogus-key: 1\n")
    first = run(settled.root, "translate")  # the draft is updated: the edit changed its source
    again = run(settled.root, "translate")  # nothing to do, with the same warnings: recorded
    scans.clear()
    shortcut_taken = run(settled.root, "translate")
    assert scans == []
    assert (shortcut_taken.code, shortcut_taken.out, shortcut_taken.err) == (
        again.code,
        again.out,
        again.err,
    )
    assert first.err == again.err


def _edit_body(site) -> None:
    site.edit(ORIGINAL, "Tjänsten är på heltid.", "Tjänsten är på deltid.")


def _review_by_hand(site) -> None:
    site.edit(DRAFT, "status: machine", "status: reviewed")


def _edit_memory(site) -> None:
    site.write(MEMORY, site.read(MEMORY) + "\n")


def _delete_memory(site) -> None:
    (site.root / MEMORY).unlink()


def _delete_record(site) -> None:
    (site.root / RECORD).unlink()


def _edit_record(site) -> None:
    data = json.loads(site.read(RECORD))
    data["status"] = "reviewed"
    site.write(RECORD, json.dumps(data))


def _add_glossary(site) -> None:
    site.write("locale/glossary.csv", "sv,en,note\nDigidem Lab,Digidem Lab,name\n", dedent=False)


def _park_a_draft(site) -> None:
    site.write("locale/parked/en/2024-03-01-ny-tjanst.md", site.read(DRAFT), dedent=False)


def _add_in_subfolder(site) -> None:
    site.write("content/sv/sida/2024-02-01-ny.md", POSTING.replace("ny-tjanst", "ny-sida"))


def _change_setting(site) -> None:
    pyproject = site.root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'translatable = ["title"]\n', encoding="utf-8")


CHANGES: dict[str, tuple[Callable, list[str], str | None]] = {
    # name: (the change, the translate command's arguments, what the real work prints)
    "body edited": (_edit_body, [], "updated content/en/"),
    "draft reviewed by hand": (_review_by_hand, [], "1 recorded"),
    "memory edited": (_edit_memory, [], None),
    "memory deleted": (_delete_memory, [], "memory entries added"),
    "record deleted": (_delete_record, [], "1 recorded"),
    "record edited": (_edit_record, [], "1 recorded"),
    "glossary added": (_add_glossary, [], None),
    "draft parked": (_park_a_draft, [], None),
    "posting added to a subfolder": (_add_in_subfolder, [], "drafted content/en/"),
    "setting changed": (_change_setting, [], "outdated (its original changed)"),
    # (a real engine translates the pseudo drafts anew: pseudo text is never a translation)
    "another translator": (lambda site: None, ["--translator", "libre"], "engine (libre)"),
}


@pytest.mark.parametrize("name", CHANGES)
def test_any_change_to_what_the_stage_reads_makes_it_do_its_work(
    settled, run, scans, libre, name: str
) -> None:
    change, arguments, said = CHANGES[name]
    change(settled)
    result = run(settled.root, "translate", *arguments)
    assert scans, f"{name}: the shortcut was taken"
    assert result.code == 0, result.err
    if said is not None:
        assert said in result.out


def test_an_unknown_translator_is_still_refused(settled, run) -> None:
    result = run(settled.root, "translate", "--translator", "nosuch")
    assert result.code == 2 and "unknown translator 'nosuch'" in result.err


def test_a_file_changed_within_the_racy_window_counts_as_changed(
    site, run, monkeypatch, scans
) -> None:
    # As in real use: the clock's tick is coarser than a quick edit, so a file changed
    # seconds before a run may change again unseen (same size, same times).
    monkeypatch.setattr(fingerprints, "RACY_NS", 3_600 * 10**9)
    site.write(ORIGINAL, POSTING)
    for _ in range(3):
        assert run(site.root, "translate").code == 0
    assert len(scans) == 3


def test_the_shortcut_knows_the_stage_s_files_by_their_names() -> None:
    assert shortcut.GLOSSARY == glossary.FILE
    assert shortcut.MEMORY == memory.FOLDER
    assert shortcut.PARKED == superseded.PARKED


def test_a_run_with_nothing_to_do_loads_neither_the_stage_nor_its_libraries(settled) -> None:
    code = (
        "import sys\n"
        "from pipeline.state import fingerprints\n"
        "fingerprints.RACY_NS = 0\n"
        "from pipeline.cli import main\n"
        f"assert main(['translate', '--root', {str(settled.root)!r}]) == 0\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.startswith(NOTHING)
    loaded = set(done.stdout.split())
    heavy = {"pipeline.translate.stage", "pipeline.content.tree", "yaml", "babel", "markdown_it"}
    assert loaded & heavy == set()
