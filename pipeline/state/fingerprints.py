"""What shapes every file of a build, and how the manifest tells files apart.

- the ``fingerprint``: everything that shapes every file (the templates, the compiled
  catalogs, the settings, the pipeline's own code and version, the libraries that render);
  when it changes, every file is rendered again;
- ``digest``: what the manifest records of a file's bytes;
- ``stat_record``: what it records of a file's ``stat`` (size, times, inode), so that the next
  build need not read a file it wrote to know it is still as it was. A ``stat`` taken within
  ``RACY_NS`` of its file's last change is not recorded (as git does with its index): a file
  can change again within the same tick of the file system's clock, keeping its size and
  times, and only its digest would tell. Such a file is hashed again on the next build;
- ``tree_state``: the records of every file and folder below a folder: what a run would
  read, told without reading it (the build's and the translate stage's shortcut when
  nothing changed).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import sys
from collections.abc import Iterator, Sequence
from hashlib import blake2b
from pathlib import Path
from stat import S_ISDIR, S_ISLNK
from typing import Any, NamedTuple

from pipeline import __version__
from pipeline.config import Settings
from pipeline.files import WATCHERS

PACKAGE = Path(__file__).parent.parent  # pipeline/
TEMPLATES = PACKAGE / "templates"
RACY_NS = 3_000_000_000  # more than the coarsest clock of a common file system (FAT: 2 s)
# The libraries whose release can change a rendered byte (PyYAML: what front matter reads as).
RENDERING_LIBRARIES = (
    "jinja2",
    "markupsafe",
    "babel",
    "cmarkgfm",
    "markdown_it",
    "mdit_py_plugins",
    "nh3",
    "yaml",
)

StatRecord = list[int]
"""``[size, mtime_ns, ctime_ns, inode]`` of a file."""


class Snapshot(NamedTuple):
    """What a run would read, told without reading it: the ``fingerprint`` of everything
    that shapes every file, and the ``tree_state`` of its inputs (by name; None where racy).
    A manifest records one, and ``Manifest.read_the_same`` compares a run's with it."""

    fingerprint: str
    inputs: dict[str, Any]


__all__ = [
    "RACY_NS",
    "TEMPLATES",
    "Snapshot",
    "StatRecord",
    "blake2b",
    "digest",
    "fingerprint",
    "scans_shared",
    "stat_record",
    "tree_state",
]


def digest(data: bytes) -> str:
    """The digest of a file's bytes, as manifests record it.

    >>> digest(b"Hej")
    '33316ad54eae92e49c6dc24fde5d9067'
    """
    return blake2b(data, digest_size=16).hexdigest()


def stat_record(stat: os.stat_result, now_ns: int) -> StatRecord | None:
    """What to compare a file's ``stat`` with next time, or None when it changed within
    ``RACY_NS`` of ``now_ns`` (its bytes must then be hashed again next time)."""
    return settled(stat_list(stat), now_ns)


def stat_list(stat: os.stat_result) -> StatRecord:
    """What of a file's ``stat`` tells a change: size, mtime, ctime, inode."""
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def settled(record: StatRecord, now_ns: int) -> StatRecord | None:
    """``record`` (a ``stat_record``: size, mtime, ctime, inode), or None when the file
    changed within ``RACY_NS`` of ``now_ns``."""
    return None if max(record[1], record[2]) >= now_ns - RACY_NS else record


def tree_state(settings: Settings, folder: Path, now_ns: int) -> dict[str, Any]:
    """The ``stat_record`` of ``folder`` (or of the file ``folder``) and of every file and
    folder below it, by its path as ``settings.relative`` shows it (a folder's with a
    trailing ``/``), hidden ones aside, as scanning content leaves them aside. A symlink is
    recorded as None, as a racy file is (it is not followed: what it leads to can change
    unseen); a missing ``folder`` as "missing". Every folder is recorded, because a file
    added to a folder changes only that folder's own record. Within ``scans_shared``, a
    folder scanned before in the run and not written since is not scanned again."""
    shown = settings.relative(folder)
    named = os.path.abspath(folder) if _SHARED else os.fspath(folder)
    if _SHARED:
        found = _SHARED[-1].kept(named, shown)
        if found is not None:
            return found
    try:
        top = os.lstat(named)
    except OSError:
        return {f"{shown}/": "missing"}
    if S_ISLNK(top.st_mode):
        return {f"{shown}/": None}
    if not S_ISDIR(top.st_mode):
        return {shown: stat_record(top, now_ns)}
    if not _SHARED:
        return _walk(named, shown, top, now_ns, None)
    found = _walk(named, shown, top, now_ns, _SHARED[-1])
    _SHARED[-1].keep(named, shown, found)
    return dict(found)  # (callers add to what they are given)


def _walk(
    path: str, shown: str, top: os.stat_result, now_ns: int, scans: _Scans | None
) -> dict[str, Any]:
    """``tree_state`` of the folder ``path`` (shown as ``shown``, its ``lstat`` ``top``),
    taking the records of a folder below it from ``scans`` where they are."""
    found: dict[str, Any] = {}
    folders = [(path, shown, top)]
    while folders:
        path, name, here = folders.pop()
        found[f"{name}/"] = stat_record(here, now_ns)
        prefix = f"{name}/"
        try:
            entries = list(os.scandir(path))
        except OSError:
            found[prefix] = None
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            # One lstat each (the kind of entry comes with the listing); stat_record inlined,
            # as this runs once per file of the site on every run that has nothing to do.
            try:
                if entry.is_symlink():
                    found[prefix + entry.name] = None
                elif entry.is_dir(follow_symlinks=False):
                    kept = scans.walked.get(entry.path) if scans is not None else None
                    if kept is not None:  # (scanned before in this run)
                        found.update(_renamed(*kept, prefix + entry.name))
                        continue
                    inner = entry.stat(follow_symlinks=False)
                    folders.append((entry.path, prefix + entry.name, inner))
                else:
                    inner = entry.stat(follow_symlinks=False)
                    changed = max(inner.st_mtime_ns, inner.st_ctime_ns)
                    found[prefix + entry.name] = (
                        None
                        if changed >= now_ns - RACY_NS
                        else [inner.st_size, inner.st_mtime_ns, inner.st_ctime_ns, inner.st_ino]
                    )
            except OSError:
                found[prefix + entry.name] = None
    return found


def _renamed(shown: str, found: dict[str, Any], wanted: str) -> dict[str, Any]:
    """``found`` (the ``tree_state`` of a folder shown as ``shown``) as if shown as
    ``wanted``."""
    if shown == wanted:
        return dict(found)
    cut = len(shown)
    return {wanted + name[cut:]: record for name, record in found.items()}


class _Scans:
    """The folders scanned in a run (``scans_shared``), by absolute path: how they were
    shown and their records; a write below one (or of one) forgets it and the folders
    above it (``written``)."""

    def __init__(self) -> None:
        self.walked: dict[str, tuple[str, dict[str, Any]]] = {}

    def keep(self, named: str, shown: str, found: dict[str, Any]) -> None:
        self.walked[named] = (shown, found)

    def kept(self, named: str, shown: str) -> dict[str, Any] | None:
        """The records of ``named`` (a folder or a file) shown as ``shown``, if it was
        scanned, or lies in a folder scanned; None if not."""
        if named in self.walked:
            return _renamed(*self.walked[named], shown)
        for above, (was, found) in self.walked.items():
            if named.startswith(above + os.sep):
                inner = was + named[len(above) :].replace(os.sep, "/")
                if found.get(inner + "/") is not None:  # a folder, scanned (not racy)
                    return _renamed(inner, _below(found, inner), shown)
                if found.get(inner) is not None:  # a file, not racy and no symlink
                    return {shown: found[inner]}
        return None

    def written(self, path: str) -> None:
        """Forget the scans a write to ``path`` (absolute) makes out of date: of the folders
        above it (their records of it), of itself and of what is below it (a folder)."""
        real = os.path.join(os.path.realpath(os.path.dirname(path)), os.path.basename(path))
        for named in {path, real}:
            for above in list(self.walked):
                if (
                    above == named
                    or named.startswith(above + os.sep)
                    or above.startswith(named + os.sep)
                ):
                    del self.walked[above]


def _below(found: dict[str, Any], inner: str) -> dict[str, Any]:
    """The records of ``found`` of the folder ``inner`` and of what is below it."""
    prefix = inner + "/"
    return {name: record for name, record in found.items() if name.startswith(prefix)}


_SHARED: list[_Scans] = []


@contextlib.contextmanager
def scans_shared() -> Iterator[None]:
    """Within this (``pipeline all``: each stage scans the trees it reads, and a stage's
    scan is most of what it does when nothing changed), ``tree_state`` scans each folder
    once, until a write below it (``files.WATCHERS``, told by every write of the process):
    a stage sees what the stages before it wrote. A file changed by another process
    during the run is seen by the next run (as one changed just after a stage's scan)."""
    scans = _Scans()
    _SHARED.append(scans)
    WATCHERS.append(scans.written)
    try:
        yield
    finally:
        WATCHERS.remove(scans.written)
        _SHARED.remove(scans)


def fingerprint(
    settings: Settings,
    format_version: int,
    also: Sequence[str] = (),
    catalogs: bool = True,
) -> str:
    """The digest of everything that shapes every file of the site (and of ``also``): the
    package's own modules (the templates it compiled aside: the templates are hashed) and
    templates, the compiled catalogs (unless not ``catalogs``), the settings, the site's own
    templates and data, the libraries that render."""
    hashed = blake2b(digest_size=16)
    hashed.update(repr((format_version, __version__, sys.version, settings, *also)).encode())
    hashed.update(_code())
    compiled = sorted(settings.locale_dir.glob("*/LC_MESSAGES/*.mo")) if catalogs else []
    # The site's own templates and data shape every page as the package's templates do: an
    # override added, changed or removed renders the site again (the default comes back).
    site = [p for folder in (settings.templates_dir, settings.data_dir) for p in _files(folder)]
    for path in sorted(TEMPLATES.iterdir()) + compiled + site:
        hashed.update(f"\0{path.as_posix()}\0".encode())
        hashed.update(path.read_bytes() if path.is_file() else b"")
    return hashed.hexdigest()


@functools.cache
def _code() -> bytes:
    """The digest of the package's code and of the rendering libraries' installs: made
    once per process (``pipeline all`` asks once per stage; the code does not change
    while it runs)."""
    hashed = blake2b(digest_size=16)
    # The package and its subpackages, one level deep (the compiled templates, a level
    # further, are made of the templates); two globs cost half what a walk of the tree does.
    for path in sorted([*PACKAGE.glob("*.py"), *PACKAGE.glob("*/*.py")]):
        hashed.update(f"\0{path.as_posix()}\0".encode())
        hashed.update(path.read_bytes() if path.is_file() else b"")
    for name in RENDERING_LIBRARIES:
        hashed.update(repr(_library(name)).encode())
    return hashed.digest()


def _files(folder: Path) -> list[Path]:
    """The files under ``folder`` (none if it is not there), hidden ones aside, sorted."""
    if not folder.is_dir():
        return []
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def _library(name: str) -> tuple[str, int, int] | None:
    """Where a library is installed and when that file was written: an upgrade rewrites it
    (found without importing the library, which a build that renders nothing never does)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    stat = os.stat(spec.origin)
    return spec.origin, stat.st_size, stat.st_mtime_ns
