"""The files of ``content/<lang>/`` that are documents: Markdown (``.md``), or HTML with
front matter (``.html``, a page brought in from a Jekyll site), listed without reading them.
"""

from __future__ import annotations

import os
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import Problem

MARKDOWN_SUFFIXES = (".md", ".markdown")
DOCUMENT_SUFFIXES = (*MARKDOWN_SUFFIXES, ".html")


def content_listing(settings: Settings, lang: str) -> tuple[list[tuple[str, ...]], list[Problem]]:
    """The documents of ``content/<lang>/`` as path parts below it, sorted, and the
    symlinks refused there (``scan`` makes each file's name from its parts: finding it again
    in a ``Path`` cost a build more than reading the file from the scan cache)."""
    base = settings.content_dir / lang
    files: list[tuple[str, ...]] = []
    refused: list[Problem] = []
    if not base.is_dir():
        return files, refused
    if base.is_symlink() or settings.content_dir.is_symlink():
        refused.append(
            Problem(
                settings.relative(base),
                None,
                "symlink not followed; content must be real folders in the site",
            )
        )
        return files, refused
    for parts, is_link in _walk(base):
        if is_link:
            refused.append(
                Problem(
                    settings.relative(base.joinpath(*parts)),
                    None,
                    "symlink not followed; content must be real files in the site",
                )
            )
        else:
            files.append(parts)
    return files, refused


def _walk(base: Path) -> list[tuple[tuple[str, ...], bool]]:
    """Every document and every symlink below ``base`` (hidden ones and what is below them
    aside; symlinked folders not entered), as path parts, in the order of sorted paths,
    with whether it is a symlink. ``os.scandir`` tells files from folders without a system
    call each, which ``Path.rglob`` then ``is_symlink`` and ``is_file`` do not."""
    found: list[tuple[tuple[str, ...], bool]] = []
    folders: list[tuple[str, ...]] = [()]
    while folders:
        parts = folders.pop()
        with os.scandir(base.joinpath(*parts)) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_symlink():
                    found.append(((*parts, entry.name), True))
                elif entry.is_dir():
                    folders.append((*parts, entry.name))
                elif entry.is_file() and os.path.splitext(entry.name)[1] in DOCUMENT_SUFFIXES:
                    found.append(((*parts, entry.name), False))
    return sorted(found)
