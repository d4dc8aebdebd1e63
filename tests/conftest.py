"""Shared fixtures: throwaway sites built inline, and the CLI run in-process."""

from __future__ import annotations

import os
import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from pipeline.cli import main
from pipeline.config import Settings, load_settings

# CI runs the same examples every time (a red build means a change broke something, not that
# the dice rolled differently); `HYPOTHESIS_PROFILE=deep make test` searches long and at random.
hypothesis_settings.register_profile("ci", max_examples=300, deadline=None, derandomize=True)
hypothesis_settings.register_profile("deep", max_examples=20_000, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))

PYPROJECT = """\
[tool.pipeline]
site-url = "https://example.org"
languages = ["sv", "en"]
default-language = "sv"
"""


@dataclass
class Site:
    """A site root in a temporary folder, with helpers to write and read its files."""

    root: Path

    def write(self, relative: str, text: str | bytes, dedent: bool = True) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text) if dedent else text, encoding="utf-8")
        return path

    def read(self, relative: str) -> str:
        return (self.root / relative).read_text(encoding="utf-8")

    def files(self, under: str = "content") -> dict[str, bytes]:
        """Every file under ``under``, by path relative to the root, with its bytes."""
        base = self.root / under
        return (
            {
                p.relative_to(self.root).as_posix(): p.read_bytes()
                for p in sorted(base.rglob("*"))
                if p.is_file()
            }
            if base.exists()
            else {}
        )

    @property
    def settings(self) -> Settings:
        return load_settings(self.root)


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """An empty site with two languages (sv default, en) and example.org as its URL."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    return Site(root)


@dataclass
class Result:
    """What a CLI run returned and printed."""

    code: int
    out: str
    err: str

    @property
    def err_lines(self) -> list[str]:
        return self.err.splitlines()


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    """Run ``pipeline ARGS... --root ROOT`` in-process, as a user would from the shell."""

    def invoke(root: Path, *args: str) -> Result:
        capsys.readouterr()
        code = main([*args, "--root", str(root)])
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err, captured.err
        return Result(code, captured.out, captured.err)

    return invoke


# UI catalogs and the seed site -------------------------------------------------------------


def add_ui(site: Site) -> Site:
    """Give ``site`` the repository's babel.cfg, templates and committed catalogs, so that
    ``i18n`` extracts from templates the test may change and ``build`` has catalogs."""
    shutil.copy(REPO / "babel.cfg", site.root / "babel.cfg")
    shutil.copytree(REPO / "pipeline" / "templates", site.root / "pipeline" / "templates")
    shutil.copytree(REPO / "locale", site.root / "locale", ignore=shutil.ignore_patterns("*.mo"))
    return site


@pytest.fixture
def ui_site(site: Site) -> Site:
    """An empty site with the templates and catalogs of the repository."""
    return add_ui(site)


@pytest.fixture
def seed_site(ui_site: Site, run) -> Site:
    """The repository's own site (the seeds and their English versions), catalogs compiled."""
    shutil.copytree(REPO / "content", ui_site.root / "content")
    result = run(ui_site.root, "i18n")
    assert result.code == 0, result.err
    return ui_site
