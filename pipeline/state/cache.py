"""Caches: what a run keeps to spare the next one work, and may lose without losing anything.

Every cache file goes through ``Cache``: the front matter memo and the scan cache
(``.cache/pipeline/``, ``pipeline.content``), the engine's answers not yet in the memory
(``pipeline.translate.pending``), what the last ``translate`` read
(``.cache/pipeline/translate.json``) and the build's manifest (``.pipeline/`` in the output
folder, ``pipeline.state.manifest``). As Pelican's ``FileStampDataCacher``, a cache has a
version, and a loader that ignores what it cannot read:

- a file holds its version, its data, and a digest of both at its end. A file of another
  version (another pipeline, other settings) is ignored in silence; one whose digest does
  not match (cut short, a byte flipped, another file's bytes), that cannot be read (a folder
  where the file should be), or whose data does not have the shape the caller checks is
  ignored with one line saying so (``told``) and removed, and the run does without it (and
  writes it anew, if it keeps this cache);
- pickled data is read back by an unpickler that makes only what safe YAML loading makes
  (``ALLOWED``): a planted file whose digest matches can give wrong data at worst, never run
  code, and any error it raises (MemoryError, RecursionError...) counts as damage;
- JSON data stays a JSON document (``{"version": ..., "data": ..., "digest": ...}``), for
  files people read;
- a cache is written whole or not at all (``files.write_atomic_with``), pickled as it is
  written: a folder in its place is removed first.

The build's plan cache (``pipeline.build.plan_cache``) still writes its own file: moved here,
``Cache(path, version).save(stored, fast=True)`` is its ``remember`` (streamed, without
pickle's memo, as now) and ``.load(check)`` the start of its ``reuse``.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any, TypeVar

from pipeline.errors import OutputError, Problem
from pipeline.files import may_write, write_atomic, write_atomic_with

T = TypeVar("T")

FOLDER = Path(".cache") / "pipeline"

# The globals a pickled cache may name: dates and times as YAML's safe loader makes them.
ALLOWED = {
    ("pipeline.content.dates", "_rebuild"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}

DIGEST_SIZE = 16  # bytes of the blake2b digest that ends every cache file, in hex
_OPEN, _CLOSE = b',"digest":"', b'"}'  # around a JSON cache's digest, at its end


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache")
        return super().find_class(module, name)


def loads_safely(data: bytes) -> Any:
    """Unpickle ``data``, making nothing but what ``ALLOWED`` names (no code runs)."""
    return _Unpickler(io.BytesIO(data)).load()


_told: list[Problem] = []


def told() -> list[Problem]:
    """The lines said about caches ignored since last asked (the CLI prints them)."""
    found, _told[:] = list(_told), []
    return found


def _tell(shown: str, reason: str) -> None:
    problem = Problem(shown, None, f"cache ignored ({reason}); it is made anew", warning=True)
    if problem not in _told:
        _told.append(problem)


class Damaged(Exception):
    """A cache's data does not have the shape its reader needs (raised by its ``check``)."""


def _digest(data: bytes | memoryview) -> bytes:
    """The hex digest that seals ``data`` in a cache file."""
    return hashlib.blake2b(data, digest_size=DIGEST_SIZE).hexdigest().encode()


@dataclass(frozen=True)
class Cache:
    """One cache file: ``path``, the ``version`` its data must be of, how messages name it
    (``shown``), and whether it is JSON (else a pickle)."""

    path: Path
    version: str | int
    shown: str = ""
    json: bool = False

    def load(self, check: Callable[[Any], T] | None = None) -> T | None:
        """The data kept, passed through ``check`` (which raises, or returns it as the
        caller needs it); None if there is none, of another version, or damaged (said)."""
        try:
            with open(self.path, "rb") as stream:
                raw = stream.read()
        except (FileNotFoundError, NotADirectoryError):  # none (a file in a folder's place
            return None  # is for writing to say)
        except (OSError, MemoryError) as error:  # a folder in its place, unreadable...
            self._damaged(type(error).__name__)
            return None
        try:
            version, data = self._unseal(raw)
            if version != self.version:
                return None
            return check(data) if check is not None else data
        except Exception as error:  # a damaged pickle can raise almost anything
            self._damaged(str(error) if isinstance(error, Damaged) else type(error).__name__)
            return None

    def _unseal(self, raw: bytes) -> tuple[Any, Any]:
        """The version and the data of a cache file's bytes, once its digest matches."""
        size = 2 * DIGEST_SIZE
        if self.json:
            tail = raw[-(len(_OPEN) + size + len(_CLOSE)) :]
            body, digest = raw[: -len(tail)], tail[len(_OPEN) : -len(_CLOSE)]
            framed = tail.startswith(_OPEN) and tail.endswith(_CLOSE)
        else:  # (a view: the bytes of a large cache are not copied)
            body, digest, framed = memoryview(raw)[:-size], raw[-size:], True
        if not framed or not body or digest != _digest(body):
            raise Damaged("its digest does not match its bytes")
        if self.json:
            stored = json.loads(raw)
            return stored["version"], stored["data"]
        # The unpickler stops at the pickle's end, before the seal: given all the bytes, it
        # reads them in place (a copy of the body was 30-45 MB more at 10,000 pairs).
        version, data = loads_safely(raw)
        return version, data

    def _damaged(self, reason: str) -> None:
        """Say so, and remove the damaged file (or folder): the next run that keeps this
        cache writes it anew, and none before it reads it again."""
        _tell(self.shown or str(self.path), reason)
        with contextlib.suppress(OSError, OutputError):
            may_write(self.path)
            if os.path.isdir(self.path) and not os.path.islink(self.path):
                shutil.rmtree(self.path)
            else:
                os.unlink(self.path)

    def save(self, data: Any, fast: bool = False) -> None:
        """Keep ``data`` (``fast``: pickled without pickle's memo of the objects written,
        for large trees without shared parts). A folder in its place is removed."""
        may_write(self.path)
        if os.path.isdir(self.path) and not os.path.islink(self.path):
            shutil.rmtree(self.path)
        if self.json:  # (written only if it changed: re-runs leave it alone)
            buffer = io.BytesIO()
            self._write(buffer, data, fast)
            write_atomic(self.path, buffer.getvalue(), durable=False)
        else:
            write_atomic_with(self.path, lambda stream: self._write(stream, data, fast))

    def _write(self, stream: IO[bytes], data: Any, fast: bool) -> None:
        """Write ``data`` sealed: its version and it, then the digest of all that."""
        hasher = hashlib.blake2b(digest_size=DIGEST_SIZE)

        class Sealed:
            def write(self, chunk: bytes) -> int:
                hasher.update(chunk)
                return stream.write(chunk)

        sealed = Sealed()
        if self.json:
            stored = {"version": self.version, "data": data}
            text = json.dumps(stored, ensure_ascii=False, separators=(",", ":"))
            sealed.write(text[:-1].encode("utf-8"))  # without its closing brace
            stream.write(_OPEN + hasher.hexdigest().encode() + _CLOSE)
            return
        pickler = pickle.Pickler(sealed, pickle.HIGHEST_PROTOCOL)
        pickler.fast = fast
        pickler.dump((self.version, data))
        stream.write(hasher.hexdigest().encode())


def version(*parts: object) -> str:
    """A cache's version: the digest of ``parts`` (its format, the fingerprint of what made
    it, the version of the parser it holds the work of...)."""
    return hashlib.blake2b("\0".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def load(
    path: Path, wanted: str, check: Callable[[Any], T] | None = None, shown: str = ""
) -> T | None:
    """``Cache(path, wanted, shown).load(check)``: the data the pickled cache ``path`` keeps,
    if it is of version ``wanted``; else None (said, if damaged)."""
    return Cache(path, wanted, shown).load(check)


def save(path: Path, wanted: str, data: Any) -> None:
    """Keep ``data`` in the pickled cache ``path`` as of version ``wanted``; data that will
    not pickle is not kept (the next run does the work again)."""
    with contextlib.suppress(pickle.PicklingError, TypeError, AttributeError, RecursionError):
        Cache(path, wanted).save(data)
