"""Front matter already parsed, remembered between runs by the digest of its text.

Parsing YAML is most of what reading a posting costs, and a run mostly reads postings that
have not changed since the last one. A ``FrontMatterMemo`` keeps what parsing each front
matter text gave (its data, the lines of its keys, its duplicate keys), keyed by a digest of
that exact text: the same text always parses the same, so an entry never goes stale. What
could change the result, the parser itself (``dates``, ``document``, ``front_matter`` and the
installed PyYAML), is part of the memo's ``version``; a memo of another version is empty.
Errors are never remembered: a broken file is parsed, and reported, every time.

The memo lives in ``.cache/pipeline/front-matter.pickle`` under the site root, kept and read
back as every cache is (``pipeline.state.cache``): not committed, deleting it only makes the
next run parse everything, and a planted file can give wrong data at worst, never run code
(each entry, too, is read back by that safe unpickler). A missing memo is an empty one; a
damaged one too, said in one line.

Within ``SharedParses`` (``pipeline all`` from ingest through the build, and ``ingest``
alone), what any memo parses or finds is also kept in memory for the others and for the
check that a file is normal (``remembered``): ingest, its check, translate and the build
would each parse every posting again. Each entry is kept pickled, so that every caller gets
objects of its own (ingest changes what it normalizes); they are let go when the build has
read the postings (``stop_sharing``), or at the latest when the build ends: the check reads
the memo the build keeps, and its peak, a run's, is not raised.
"""

from __future__ import annotations

import importlib.util
import os
import pickle
import sys
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.state import cache
from pipeline.state.cache import loads_safely
from pipeline.state.fingerprints import digest

FILE = cache.FOLDER / "front-matter.pickle"
FORMAT = 2  # 2: kept by pipeline.state.cache
PACKAGE = Path(__file__).parent

Parsed = tuple[Any, dict[str, int], list[tuple[str, int, int]]]
"""What parsing front matter gives: its data, the line of each key, its duplicate keys."""


def version() -> str:
    """The digest of what parses front matter: its code, PyYAML's install and Python's."""
    parts = [str(FORMAT).encode(), sys.version.encode()]
    for name in ("dates.py", "document.py", "front_matter.py"):
        parts.append((PACKAGE / name).read_bytes())
    spec = importlib.util.find_spec("yaml")
    if spec is not None and spec.origin is not None:
        stat = os.stat(spec.origin)
        parts.append(f"{spec.origin}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
    return digest(b"\0".join(parts))


_SHARED: list[dict[str, bytes]] = []  # the entries of the ``SharedParses`` open, if one is


class SharedParses:
    """Within: front matter parsed or found by any memo is known to every memo and to
    ``remembered`` (see the module). Opened within another, it is that one."""

    def __init__(self) -> None:
        self.entries: dict[str, bytes] | None = None

    def __enter__(self) -> SharedParses:
        if not _SHARED:
            self.entries = {}
            _SHARED.append(self.entries)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """End the sharing (if this opened it), its entries let go."""
        if self.entries is not None and _SHARED and _SHARED[-1] is self.entries:
            _SHARED.pop()
        self.entries = None


def stop_sharing() -> None:
    """End the sharing open, if one is, before ``SharedParses`` ends it: its entries let go
    (the build, once it has read every posting, before it plans and renders)."""
    _SHARED.clear()


def remembered(text: str) -> Parsed | None:
    """What parsing front matter ``text`` gave, as new objects, if the sharing open
    (``SharedParses``) knows it; else None."""
    entry = _SHARED[-1].get(_key(text)) if _SHARED else None
    return None if entry is None else loads_safely(entry)


def share(text: str, parsed: Parsed) -> None:
    """Make what parsing front matter ``text`` (from its file's line 2) gave known to the
    sharing open, if one is (a file ingest has just written, which translate reads)."""
    _shared(_key(text), _entry(parsed))


def _key(text: str) -> str:
    """What the parse of front matter ``text`` is kept by: the digest of the text."""
    return digest(text.encode("utf-8"))


def _entry(parsed: Parsed) -> bytes:
    """A parse as it is kept: pickled (each reader unpickles objects of its own)."""
    return pickle.dumps(parsed, pickle.HIGHEST_PROTOCOL)


def _shared(key: str, entry: bytes) -> None:
    """Make ``entry`` known to the sharing open, if one is."""
    if _SHARED:
        _SHARED[-1][key] = entry


class FrontMatterMemo:
    """Parsed front matter by the digest of its text, for one run (see the module)."""

    def __init__(self, path: Path | None = None, entries: dict[str, bytes] | None = None) -> None:
        self.path = path
        self.entries = entries or {}
        self.used: dict[str, bytes] = {}

    @classmethod
    def open(cls, settings: Settings) -> FrontMatterMemo:
        """The memo of the site of ``settings`` (an empty one if there is none yet)."""
        path = settings.root / FILE
        return cls(path, cache.load(path, version(), _entries, FILE.as_posix()))

    def get(self, text: str) -> Parsed | None:
        """What parsing ``text`` gave last time (or earlier in this run), as new objects;
        None if it is not known."""
        key = _key(text)
        entry = self.entries.get(key) or self.used.get(key)
        if entry is None and _SHARED:
            entry = _SHARED[-1].get(key)
        if entry is None:
            return None
        try:
            parsed = loads_safely(entry)
        except Exception:  # (the file's digest matched: a planted entry)
            return None
        if not (isinstance(parsed, tuple) and len(parsed) == 3 and isinstance(parsed[0], dict)):
            return None
        self.used[key] = entry
        _shared(key, entry)
        return parsed

    def put(self, text: str, parsed: Parsed) -> None:
        """Remember what parsing ``text`` gave."""
        key, entry = _key(text), _entry(parsed)
        self.used[key] = entry
        _shared(key, entry)

    def save(self, keep_unused: bool = False) -> None:
        """Keep the entries this run used (and only those, unless ``keep_unused``: a build
        that took most front matter from its own cache) for the next run."""
        kept = self.entries | self.used if keep_unused else self.used
        if self.path is not None and kept != self.entries:
            cache.save(self.path, version(), kept)


def _entries(data: Any) -> dict[str, bytes]:
    """The memo's entries, if ``data`` has their shape."""
    if not isinstance(data, dict) or not all(
        isinstance(k, str) and isinstance(v, bytes) for k, v in data.items()
    ):
        raise cache.Damaged("not the memo's entries")
    return data
