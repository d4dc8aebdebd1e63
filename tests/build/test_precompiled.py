"""``pipeline/build/precompiled/``: the site's templates as Jinja2 compiles them, committed, and
taken only for the very source they were made from."""

from __future__ import annotations

import jinja2
import pytest

from pipeline.build import templates
from pipeline.build.templates import PRECOMPILED, TEMPLATES, precompile
from tests.build.test_incremental import tree
from tests.conftest import spy


@pytest.fixture
def compiled_afresh(monkeypatch) -> None:
    """Each test starts with no template compiled in this process."""
    monkeypatch.setattr(templates._COMPILED, "code", {})


def test_the_committed_modules_are_the_templates_as_they_are_now(tmp_path) -> None:
    written = precompile(tmp_path)
    templates = sorted(p.name for p in TEMPLATES.iterdir() if p.suffix in (".html", ".xml"))
    assert len(written) == len(templates) == 12
    assert written == sorted(p.name for p in PRECOMPILED.glob("t_*.py")), "run make templates"
    for name in written:
        assert (tmp_path / name).read_text() == (PRECOMPILED / name).read_text(), name


def test_a_build_compiles_no_site_template_and_writes_what_compiling_them_gives(
    seed_site, run, monkeypatch, compiled_afresh
) -> None:
    compiled = spy(monkeypatch, jinja2.Environment, "compile")
    assert run(seed_site.root, "build").code == 0
    assert compiled == []
    taken = tree(seed_site.root / "public")
    # The same build with nothing precompiled: Jinja2 compiles every template.
    monkeypatch.setattr(templates, "_precompiled", lambda name, checksum: None)
    monkeypatch.setattr(templates._COMPILED, "code", {})
    assert run(seed_site.root, "build", "--full").code == 0
    assert {call[2] for call in compiled} >= {"base.html", "page.html", "home.html"}
    assert tree(seed_site.root / "public") == taken


def test_a_module_is_taken_only_for_its_own_source(tmp_path, compiled_afresh) -> None:
    source = (TEMPLATES / "page.html").read_text(encoding="utf-8")
    checksum = templates._COMPILED.get_source_checksum(source)
    assert templates._precompiled("page.html", checksum) is not None
    assert templates._precompiled("page.html", templates._COMPILED.get_source_checksum(
        source + "\n")) is None  # fmt: skip
    assert templates._precompiled("home.html", checksum) is None
