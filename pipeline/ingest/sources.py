"""Finding postings to ingest: single files, folders of Markdown, and Jekyll sites.

A folder with a ``_config.yml`` is a Jekyll site, moved in whole (``jekyll_import``): its
pages, posts and collections as postings, the files it copies as they are and its data as
files to copy, and a line for everything else.
"""

from __future__ import annotations

from pathlib import Path

from pipeline.config import Settings
from pipeline.content.listing import MARKDOWN_SUFFIXES
from pipeline.errors import OutputError, Problem
from pipeline.files import inside
from pipeline.ingest.jekyll import CONFIG
from pipeline.ingest.jekyll_import import import_site
from pipeline.ingest.postings import Found, Source

MARKDOWN = MARKDOWN_SUFFIXES


def find_sources(
    paths: list[Path], settings: Settings, shown: dict[Path, str] | None = None
) -> Found:
    """The postings named by ``paths`` (files, folders, Jekyll site roots), in a stable
    order, with the files to copy and what finding them said."""
    shown = shown or {}
    found = Found()
    for path in paths:
        name = shown.get(path, str(path))
        if path.is_symlink() and not path.exists():
            found.problems.append(Problem(name, None, "broken symlink"))
        elif path.is_file():
            found.sources.append(Source(path, name))
        elif (path / CONFIG).is_file():
            site = import_site(path, name, settings)
            found.sources += site.sources
            found.copies += site.copies
            found.problems += site.problems
            found.notes += site.notes
        elif path.is_dir():
            for file in _markdown_files(path):
                found.sources.append(Source(file, _join(name, file.relative_to(path))))
        else:
            found.problems.append(Problem(name, None, "no such file or folder"))
    return found


def _join(base: str, relative: Path) -> str:
    return f"{base.rstrip('/')}/{relative.as_posix()}"


def _markdown_files(folder: Path) -> list[Path]:
    """Markdown files under ``folder`` (hidden ones aside), not following symlinks out."""
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") for p in parts):
            continue
        if path.suffix in MARKDOWN and path.is_file():
            try:
                inside(folder, path.relative_to(folder).as_posix())
            except OutputError:  # a symlink that leaves the folder being ingested
                continue
            found.append(path)
    return found
