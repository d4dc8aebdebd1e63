"""The site's own files (the ``static`` folder), copied into the output as they are.

Each file under ``static/`` is served at its own path (``static/uploads/a b.png`` at
``/uploads/a b.png``), byte for byte, as Hugo's ``static/``. A build knows them from the
``stat`` of the folder it reads anyway (``stage.read_state``): a file's key is its ``stat``
(or, when it changed within the racy window, the digest of its bytes), so only the files
that changed are copied again, and a file removed from ``static/`` is removed from the output.
A symbolic link is not followed (what it leads to may be outside the site): it is reported.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.state.fingerprints import digest, tree_state

ROBOTS = "robots.txt"  # the files of the pipeline's that a static file may replace
STYLE = "style.css"  # (the theme's stylesheet: a site may bring its own)


class StaticFile(NamedTuple):
    """A file of ``static/``: where it is (as ``settings.relative`` shows it) and what tells
    a change of it (its ``stat``, else the digest of its bytes)."""

    source: str
    token: str


def state(settings: Settings, now_ns: int | None = None) -> dict[str, Any]:
    """The ``stat`` records of ``static/`` and everything under it (``tree_state``)."""
    return tree_state(settings, settings.static_dir, time.time_ns() if now_ns is None else now_ns)


def listed(
    settings: Settings, stats: Mapping[str, Any] | None = None
) -> tuple[dict[str, StaticFile], list[Problem]]:
    """The files of ``static/`` by their name in the output folder, from ``stats`` (the
    records ``state`` gives; read now if None), and the symbolic links left out."""
    if stats is None:
        stats = state(settings)
    top = settings.relative(settings.static_dir) + "/"
    found: dict[str, StaticFile] = {}
    problems: list[Problem] = []
    for name, record in sorted(stats.items()):
        if not name.startswith(top) or name.endswith("/") or record == "missing":
            continue
        path = settings.root / name
        if record is None and os.path.islink(path):
            said = "a symbolic link: not copied into the output (copy the file itself here)"
            problems.append(Problem(name, None, said, True))
            continue
        found[name[len(top) :]] = StaticFile(name, _token(path, record))
    return found, problems


def placed(
    statics: Mapping[str, StaticFile], taken: Mapping[str, str]
) -> tuple[dict[str, StaticFile], list[Problem]]:
    """The files of ``statics`` the build copies: each at its own path, but where a page or
    another file of the site is (``taken``: by file, whose it is), which is refused; a
    ``robots.txt`` or ``style.css`` of the site's own replaces the pipeline's."""
    kept: dict[str, StaticFile] = {}
    refused: list[Problem] = []
    for file, found in statics.items():
        owner = taken.get(file)
        if owner is not None and file not in (ROBOTS, STYLE):
            refused.append(
                Problem(found.source, None, f"/{file} is already that of {owner}; move one")
            )
            continue
        kept[file] = found
    return kept, refused


def _token(path: Path, record: Any) -> str:
    """What tells a change of the file at ``path``: its ``stat`` record, or its bytes'
    digest when the record is None (changed within the racy window)."""
    if record is not None:
        return repr(record)
    try:
        return digest(path.read_bytes())
    except OSError:
        return "unreadable"


def copied(settings: Settings, source: str) -> bytes:
    """The bytes of the static file ``source`` (as ``listed`` names it), never through a
    symbolic link."""
    path = settings.root / source
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read()
