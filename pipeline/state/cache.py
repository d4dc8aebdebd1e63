"""The one cache helper: a versioned pickle file, read back safely.

The caches of the pipeline (front matter as parsed, ``content.parse_cache``; what scanning
each content file gave, ``content.scan_cache``; the last build's plan, ``build.plan_cache``)
are pickle files in ``.cache/pipeline/`` under the site root: never committed, and deleting
one only makes the next run do its work again. ``save`` keeps a cache's data with its
``version``, a digest of everything that could make the data wrong (``version`` makes one);
``load`` gives the data back only when the file holds that version, and nothing (None) for a
file that is missing, damaged, planted or of another version.

Every cache is read back by an unpickler that makes only what safe YAML loading makes
(``ALLOWED``): a planted file can give wrong data at worst, never run code.
"""

from __future__ import annotations

import io
import pickle
from hashlib import blake2b
from pathlib import Path
from typing import Any

from pipeline.files import write_atomic

FOLDER = Path(".cache") / "pipeline"
# The globals a cache may name: dates and times as YAML's safe loader makes them.
ALLOWED = {
    ("pipeline.content.dates", "_rebuild"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timezone"),
    ("datetime", "timedelta"),
    ("builtins", "set"),
    ("builtins", "frozenset"),
}


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache")
        return super().find_class(module, name)


def loads_safely(data: bytes) -> Any:
    """Unpickle ``data``, making nothing but what ``ALLOWED`` names (no code runs)."""
    return _Unpickler(io.BytesIO(data)).load()


def version(*parts: object) -> str:
    """A cache's version: the digest of ``parts`` (its format, the fingerprint of what made
    it, the version of the parser it holds the work of...)."""
    return blake2b("\0".join(map(str, parts)).encode(), digest_size=16).hexdigest()


def load(path: Path, wanted: str) -> Any:
    """The data the cache file ``path`` keeps, if it is of version ``wanted``; else None."""
    try:
        stored = loads_safely(path.read_bytes())
    except Exception:  # missing, damaged or planted: any error, and it is no cache
        return None
    if not isinstance(stored, dict) or stored.get("version") != wanted:
        return None
    return stored.get("data")


def save(path: Path, wanted: str, data: Any) -> None:
    """Keep ``data`` in the cache file ``path`` as of version ``wanted``; data that will not
    pickle is not kept (the next run does the work again)."""
    try:
        raw = pickle.dumps({"version": wanted, "data": data}, pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError, RecursionError):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, raw, durable=False)
