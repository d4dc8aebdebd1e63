"""Writing the built site's files: atomic, mode 0644, never outside the output folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from pipeline import files
from pipeline.errors import OutputError
from pipeline.files import Within, write_atomic


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_written_files_are_0644_whatever_the_umask(tmp_path: Path, monkeypatch, mask) -> None:
    monkeypatch.setattr(files, "_umask", [])  # read again under this umask
    old = os.umask(mask)
    try:
        within = Within(tmp_path)
        assert within.write("en/news/a/index.html", b"new folder")
        (tmp_path / "sv").mkdir()
        assert within.write("sv/index.html", b"folder there already")
        assert write_atomic(tmp_path / "b" / "c.txt", "through write_atomic")
    finally:
        os.umask(old)
    for name in ("en/news/a/index.html", "sv/index.html", "b/c.txt"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, name
    assert (tmp_path / "en/news/a/index.html").read_bytes() == b"new folder"
    assert not list(tmp_path.rglob("*.tmp"))


def test_write_changes_nothing_when_the_bytes_are_there(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "a.html").write_bytes(b"same")
    before = (tmp_path / "en" / "a.html").stat().st_mtime_ns
    assert not Within(tmp_path).write("en/a.html", b"same")
    assert (tmp_path / "en" / "a.html").stat().st_mtime_ns == before
    assert Within(tmp_path).write("en/a.html", b"other")
    assert (tmp_path / "en" / "a.html").read_bytes() == b"other"


def test_write_refuses_a_folder_that_links_out(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "en").symlink_to(elsewhere)
    within = Within(out)
    with pytest.raises(OutputError, match="leaves"):
        within.write("en/a/index.html", b"x")
    with pytest.raises(OutputError, match="leaves"):
        within.write("../x.html", b"x")
    assert not list(elsewhere.iterdir())
    assert not (tmp_path / "x.html").exists()


def test_a_stale_temporary_name_is_skipped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "_names", iter(range(3)))
    (tmp_path / f".a.html.{os.getpid()}-0.tmp").write_bytes(b"left by an earlier run")
    assert write_atomic(tmp_path / "a.html", b"new")
    assert (tmp_path / "a.html").read_bytes() == b"new"
