"""The repository's own content: its reviewed English seeds, its memory, no churn."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pipeline.translate import memory, record
from pipeline.translate.memory import memory_path
from tests.conftest import REPO

SEED = "content/sv/utvecklare-och-systemadministrator.md"
SEED_DRAFT = "content/en/developer-and-system-administrator.md"
SEED_REF = "utvecklare-och-systemadministrator"


@pytest.fixture
def repo_site(site):
    """A copy of the repository's site: settings, content and locale."""
    shutil.copy(REPO / "pyproject.toml", site.root / "pyproject.toml")
    for folder in ("content", "locale"):
        shutil.copytree(REPO / folder, site.root / folder)
    return site


def everything(site) -> dict[str, bytes]:
    return {**site.files("content"), **site.files("locale")}


def test_translate_on_the_repository_changes_nothing_and_calls_no_engine(
    repo_site, run, monkeypatch
) -> None:
    monkeypatch.setenv("LIBRETRANSLATE_URL", "http://127.0.0.1:9/")  # nobody there
    before = everything(repo_site)
    result = run(repo_site.root, "translate", "--translator", "libre")
    assert (result.code, result.err) == (0, "")
    assert result.out == "translate: nothing to do, every draft is up to date\n"
    assert everything(repo_site) == before


def test_every_catalog_of_the_repository_passes_msgfmt() -> None:
    catalogs = sorted((REPO / "locale").rglob("*.po"))
    assert catalogs
    for catalog in catalogs:
        checked = subprocess.run(
            ["msgfmt", "--check", "-o", "/dev/null", str(catalog)], capture_output=True, text=True
        )
        assert (checked.returncode, checked.stderr) == (0, ""), catalog


def test_the_reviewed_seeds_are_in_the_memory(repo_site) -> None:
    settings = repo_site.settings
    path = memory_path(settings, "sv", "en")
    remembered = memory.load(path, "sv", "en")
    for ref in ("ansokan-stangd-outreach-strategist-till-demokratilabb", SEED_REF):
        recorded = record.load(settings, "en", ref)
        assert recorded is not None and recorded.status == "reviewed"
        for block in recorded.blocks:
            entry = remembered.get(block.source.strip())
            assert block.origin == "reviewed"
            assert entry is not None and entry.reviewed
            assert entry.target == block.target.strip()
    assert remembered.get("Om Digidem Lab").target == "About Digidem Lab"


def test_a_change_in_a_seed_keeps_the_rest_of_its_reviewed_translation(repo_site, run) -> None:
    reviewed = repo_site.read(SEED_DRAFT)
    original = repo_site.read(SEED)
    repo_site.write(
        SEED,
        original.replace("minst ett par gånger per månad", "minst en gång i veckan"),
        dedent=False,
    )
    result = run(repo_site.root, "translate")
    assert result.code == 0, result.err
    assert "15 from memory, 1 from the engine (pseudo)" in result.out
    now = repo_site.read(SEED_DRAFT)
    changed = [
        (a, b) for a, b in zip(reviewed.splitlines(), now.splitlines(), strict=True) if a != b
    ]
    assert [a for a, _ in changed] == [
        "  source_hash: bc4d914706545b67",
        "  status: reviewed",
        "  engine: human",
        "The position is still taking shape, and we are open to discussing its scope and "
        "whether you work as an employee or as a consultant. Our office is in Gothenburg and "
        "you should be able to be there at least a couple of times a month.",
    ]
    assert changed[1][1] == "  status: outdated"
    assert "［" in changed[3][1]
