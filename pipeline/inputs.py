"""What shapes every file of a build, and how the manifest tells files apart.

- the ``fingerprint``: everything that shapes every file (the templates, the compiled
  catalogs, the settings, the pipeline's own code and version, the libraries that render);
  when it changes, every file is rendered again;
- ``digest``: what the manifest records of a file's bytes;
- ``stat_record``: what it records of a file's ``stat`` (size, times, inode), so that the next
  build need not read a file it wrote to know it is still as it was. A ``stat`` taken within
  ``RACY_NS`` of its file's last change is not recorded (as git does with its index): a file
  can change again within the same tick of the file system's clock, keeping its size and
  times, and only its digest would tell. Such a file is hashed again on the next build.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from hashlib import blake2b
from pathlib import Path

from pipeline import __version__
from pipeline.config import Settings

PACKAGE = Path(__file__).parent
TEMPLATES = PACKAGE / "templates"
RACY_NS = 3_000_000_000  # more than the coarsest clock of a common file system (FAT: 2 s)
# The libraries whose release can change a rendered byte.
RENDERING_LIBRARIES = ("jinja2", "markupsafe", "babel", "cmarkgfm", "markdown_it")

StatRecord = list[int]
"""``[size, mtime_ns, ctime_ns, inode]`` of a file."""

__all__ = ["RACY_NS", "TEMPLATES", "blake2b", "digest", "fingerprint", "stat_record"]


def digest(data: bytes) -> str:
    """The digest of a file's bytes, as manifests record it.

    >>> digest(b"Hej")
    '33316ad54eae92e49c6dc24fde5d9067'
    """
    return blake2b(data, digest_size=16).hexdigest()


def stat_record(stat: os.stat_result, now_ns: int) -> StatRecord | None:
    """What to compare a file's ``stat`` with next time, or None when it changed within
    ``RACY_NS`` of ``now_ns`` (its bytes must then be hashed again next time)."""
    if max(stat.st_mtime_ns, stat.st_ctime_ns) >= now_ns - RACY_NS:
        return None
    return [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino]


def fingerprint(settings: Settings, format_version: int) -> str:
    """The digest of everything that shapes every file of the site."""
    hashed = blake2b(digest_size=16)
    hashed.update(repr((format_version, __version__, sys.version, settings)).encode())
    code = sorted(PACKAGE.glob("*.py")) + sorted(TEMPLATES.iterdir())
    catalogs = sorted(settings.locale_dir.glob("*/LC_MESSAGES/*.mo"))
    for path in code + catalogs:
        hashed.update(f"\0{path.as_posix()}\0".encode())
        hashed.update(path.read_bytes() if path.is_file() else b"")
    for name in RENDERING_LIBRARIES:
        hashed.update(repr(_library(name)).encode())
    return hashed.hexdigest()


def _library(name: str) -> tuple[str, int, int] | None:
    """Where a library is installed and when that file was written: an upgrade rewrites it
    (found without importing the library, which a build that renders nothing never does)."""
    spec = importlib.util.find_spec(name)
    if spec is None or spec.origin is None:
        return None
    stat = os.stat(spec.origin)
    return spec.origin, stat.st_size, stat.st_mtime_ns
