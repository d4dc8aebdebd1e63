"""What ``check`` and ``ingest`` remember between runs: their results for unchanged inputs.

A stage that reads many files (the language of each document, the glossary's use in each
reviewed draft, each built page as a crawler reads it, each content file ingest found
normalized) keeps what it found for each file by the digest of what it read
(``Remembered``), in ``.cache/pipeline/<name>.pickle``, a cache as every other
(``pipeline.state.cache``): the next run takes the results of the files whose digest it
finds there and does the work only for the others. A cache's version is the
fingerprint of the code and the settings (``fingerprints.fingerprint``), so another pipeline
or other settings start from nothing; deleting the folder only makes the next check do all
its work again, with the same messages and exit code.

Only plain data is kept (tuples, lists, strings, numbers), as the cache's unpickler makes
nothing else.
"""

from __future__ import annotations

import contextlib
from typing import Any

from pipeline.config import Settings
from pipeline.errors import OutputError
from pipeline.report import LOG
from pipeline.state import cache
from pipeline.state.cache import Damaged
from pipeline.state.fingerprints import digest, fingerprint

FORMAT = 2  # 2: keys as bytes

__all__ = ["Remembered", "key"]


def key(*parts: str | bytes) -> str:
    """The digest of ``parts`` (in hex, as ``fingerprints.digest``): what a result is
    remembered by.

    >>> key("a", "b") == key("a", "b") != key("ab")
    True
    """
    return digest(
        b"\0".join(p.encode("utf-8", "surrogatepass") if isinstance(p, str) else p for p in parts)
    )


def _raw(wanted: str) -> bytes:
    """A hex digest as the bytes it spells, as kept (half the size, and a file of digests
    then holds no long runs of digits and letters that could read as anything); a key that
    is no hex digest (from a damaged manifest) as its own bytes."""
    try:
        return bytes.fromhex(wanted)
    except ValueError:
        return wanted.encode("utf-8", "surrogatepass")


_versions: dict[str, str] = {}


def _version(settings: Settings) -> str:
    """The fingerprint of the code and ``settings``, made once per run of a process. Not of
    the compiled catalogs, which no result remembered here depends on (a page is remembered
    by its bytes): ``pipeline all`` on a fresh clone compiles them in ``i18n``, after
    ``ingest`` kept its results, and a version of them made the next run find none."""
    shown = repr(settings)
    if shown not in _versions:
        _versions[shown] = fingerprint(settings, FORMAT, ("remembered",), catalogs=False)
    return _versions[shown]


class Remembered:
    """The results of one check by the key of their inputs: those of the last run, and those
    this run asked for or found (which ``save`` keeps: a result no longer asked for goes)."""

    def __init__(self, settings: Settings, name: str) -> None:
        path = settings.root / cache.FOLDER / f"{name}.pickle"
        self._cache = cache.Cache(path, _version(settings), settings.relative(path))
        self._old: dict[bytes, Any] = self._cache.load(_entries) or {}
        self._new: dict[bytes, Any] = {}
        self._name = name
        self._found = 0

    def get(self, wanted: str) -> tuple[bool, Any]:
        """``(True, result)`` if the last run found ``result`` for ``wanted``, else
        ``(False, None)``."""
        raw = _raw(wanted)
        if raw in self._new:
            return True, self._new[raw]
        if raw in self._old:
            self._new[raw] = found = self._old[raw]
            self._found += 1
            return True, found
        return False, None

    def put(self, wanted: str, result: Any) -> Any:
        """Remember ``result`` for ``wanted``; return it."""
        self._new[_raw(wanted)] = result
        return result

    def save(self) -> None:
        """Keep what this run asked for, if it differs from what was kept; a site the run
        may not write into keeps nothing (no stage fails for its cache)."""
        LOG.debug("%s: %d of %d results from the last run", self._name, self._found, len(self._new))
        if self._new == self._old:
            return
        with contextlib.suppress(OSError, OutputError):
            self._cache.save(self._new)


def _entries(data: Any) -> dict[bytes, Any]:
    if not isinstance(data, dict) or not all(isinstance(k, bytes) for k in data):
        raise Damaged("not a check's results")
    return data
