"""Built files replaced through a spare (``pipeline.build.swap``): the same bytes as a
rename over them gives, no file written into that has another name, no spare left."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from pipeline.build import swap
from pipeline.files import Within
from pipeline.state import manifest
from tests.build.test_build import SV_POST, toggle
from tests.build.test_incremental import tree


@pytest.fixture
def output(tmp_path: Path) -> Path:
    folder = tmp_path / "public"
    (folder / manifest.FOLDER).mkdir(parents=True)
    return folder


def test_a_file_there_is_replaced_through_the_spare_and_the_spare_is_cleared(output) -> None:
    assert swap._exchange() is not None  # (Linux; elsewhere files are renamed over)
    writing = swap.Swapping(Within(output))
    assert writing.write("a/index.html", b"first")  # a new file: written as ever
    assert writing.write("b/index.html", b"second")
    before = os.stat(output / "a/index.html").st_ino
    assert writing.write("a/index.html", b"first, longer")
    assert not writing.write("a/index.html", b"first, longer")  # (the same bytes: not written)
    assert writing.write("b/index.html", b"2")  # into the old a/index.html, cut short
    assert (output / "a/index.html").read_bytes() == b"first, longer"
    assert (output / "b/index.html").read_bytes() == b"2"
    assert os.stat(output / "b/index.html").st_ino == before  # (its blocks written over)
    assert oct(os.stat(output / "b/index.html").st_mode & 0o777) == oct(0o644)
    assert [p.name for p in (output / manifest.FOLDER).iterdir()] == [
        swap.SPARE.format(pid=os.getpid())
    ]
    swap.clear(output)
    assert list((output / manifest.FOLDER).iterdir()) == []


def test_a_file_with_another_name_is_never_written_into(output, tmp_path) -> None:
    writing = swap.Swapping(Within(output))
    writing.write("a/index.html", b"page")
    elsewhere = tmp_path / "kept.html"
    os.link(output / "a/index.html", elsewhere)  # the same file, also named outside
    writing.write("a/index.html", b"page, changed")  # its old self becomes the spare
    writing.write("a/index.html", b"page, changed again")  # not written into it
    assert elsewhere.read_bytes() == b"page"
    assert (output / "a/index.html").read_bytes() == b"page, changed again"


@pytest.mark.parametrize("exchange", [True, False], ids=["swapped", "renamed"])
def test_incremental_builds_are_the_same_swapped_or_renamed(
    seed_site, run, monkeypatch, exchange
) -> None:
    if not exchange:
        monkeypatch.setattr(swap, "_exchange", lambda: None)
    site = seed_site
    assert run(site.root, "build").code == 0
    for title in ("Ny titel", "Nyare titel"):  # (the second replaces through the spare)
        toggle(site, SV_POST, "\ntitle: '", f"\ntitle: '{title} ")
        edited = run(site.root, "build")
        assert edited.code == 0, edited.err
        assert int(edited.out.split(" written")[0].rsplit(" ", 1)[1]) > 3
        shutil.rmtree(site.root / "fresh", ignore_errors=True)
        assert run(site.root, "build", "--out", str(site.root / "fresh")).code == 0
        assert tree(site.root / "public") == tree(site.root / "fresh")
        assert list((site.root / "public" / manifest.FOLDER).glob(".spare.*")) == []
