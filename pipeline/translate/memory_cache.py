"""What reading a translation memory gave, kept for the next run while its file is unchanged.

Babel reads a memory of a thousand postings (11,000 entries, 5.5 MB) in about 0.35 s, and a
run that drafts one edited paragraph needs a handful of them. So what reading a memory gave
is kept in ``.cache/pipeline/memory-<from>-<to>.pickle`` (a ``pipeline.state.cache``, as
every cache is), under a version made of the digest of the file's text and of the code that
reads it: a file changed by a person, by git or by another run is read by Babel again, and
the result kept anew; the same text always reads the same, so a kept result never goes
stale. The entries are kept as plain tuples, and whether the file is as ``memory.dumps``
writes it (``canonical``): then each entry's text in the file is taken from the file itself,
and a run that adds an entry writes the file without rendering the others again.

On the bench (1,000 postings, one paragraph edited), taking the memory from here instead of
Babel cut translate from 0.66 s to 0.3 s, more than half of it: far more than the 5% a speed
device must pay to stay. Deleting the file only makes the next run read the memory again.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import babel

from pipeline.state import cache
from pipeline.state.fingerprints import digest
from pipeline.translate import engines, memory
from pipeline.translate.memory import Entry, Memory

FORMAT = 1
Row = tuple[str, str, bool, "str | None", str]  # an Entry's fields, in order


def load(root: Path, path: Path, source: str, target: str, shown: str = "") -> Memory:
    """``memory.load`` for the site in ``root``: what reading the file gave taken from
    where it is kept, if the file is as it was then; else read, and kept."""
    raw = memory.read_bytes(path, shown)
    if raw is None:
        return Memory(path, source, target)
    kept, version = _path(root, source, target), _version(raw)
    found = _read_changed(kept, version, raw, Memory(path, source, target), shown)
    if found is None:
        text = memory.decode(raw, path, shown)
        found = memory.loads(text, path, source, target, shown)
        canonical = memory.dumps(found) == text and text.encode("utf-8") == raw
        _keep(kept, version, found, canonical)
    return found


def keep_saved(root: Path, saved: Memory) -> None:
    """Keep what ``saved`` holds, if it was saved since it was last kept (a run keeps its
    memories once, when it ends: each is saved more often)."""
    if saved.saved is None:
        return
    kept, version = _path(root, saved.source, saved.target), _version(saved.saved.encode())
    saved.saved = None
    base = saved.kept_as
    if base is not None and base[1].keys() <= saved.entries.keys():
        changed = [tuple(e) for key, e in saved.entries.items() if base[1].get(key) != e]
        if len(changed) <= CHANGES_MOST:
            cache.save(_changes_path(kept), version, (base[0], changed))
            return
    _keep(kept, version, saved, canonical=True)


CHANGES_MOST = 1_000
"""Entries changed since a memory was kept whole, beyond which it is kept whole again.

A run that adds one entry keeps only that (``memory-<from>-<to>.changes.pickle``: the entries
changed since the version kept whole, which stays): keeping 11,000 entries again took 0.08 s
of the 0.4 s translate took in ``pipeline all`` after one edit on the bench."""


def _changes_path(kept: Path) -> Path:
    return kept.with_name(kept.name.replace(".pickle", ".changes.pickle"))


def _read_changed(kept: Path, version: str, raw: bytes, empty: Memory, shown: str) -> Memory | None:
    """``_read``, through the entries changed since the memory was kept whole, if those are
    kept for ``raw``."""
    named = cache.FOLDER.as_posix() + "/" + _changes_path(kept).name
    changes = cache.load(_changes_path(kept), version, _changes, named)
    if changes is not None:
        found = _read(kept, changes[0], raw, empty, shown, changes[1])
        if found is not None:
            return found
        empty.entries.clear()
    return _read(kept, version, raw, empty, shown)


def _path(root: Path, source: str, target: str) -> Path:
    """``.cache/pipeline/memory-<source>-<target>.pickle`` under the site ``root``."""
    return root / cache.FOLDER / f"memory-{source}-{target}.pickle"


@functools.cache
def _reader() -> str:
    """The digest of what reading a memory depends on: its code and Babel's release."""
    code = [Path(module.__file__ or "").read_bytes() for module in (memory, engines)]
    return digest(b"\0".join([*code, babel.__version__.encode()]))


def _version(raw: bytes) -> str:
    """The version of what is kept of a memory whose file holds ``raw``."""
    return cache.version(FORMAT, _reader(), digest(raw))


def _read(
    kept: Path, version: str, raw: bytes, empty: Memory, shown: str, changed: Any = None
) -> Memory | None:
    """The memory whose file holds ``raw`` as kept whole as ``version`` (filling ``empty``,
    a memory with nothing in it yet), with the ``changed`` entries since; None if what is
    kept is of another text (or of nothing)."""
    data = cache.load(kept, version, _rows, cache.FOLDER.as_posix() + "/" + kept.name)
    if data is None:
        return None
    rows, canonical = data
    entries = empty.entries
    try:
        for entry in map(Entry._make, rows):
            entries[entry.source, entry.context] = entry
        empty.kept_as = (version, dict(entries))
        for entry in map(Entry._make, changed or ()):
            entries[entry.source, entry.context] = entry
    except (TypeError, ValueError):  # (a row of another shape: read the file instead)
        entries.clear()
        return None
    if changed:  # (changed entries only in a file the pipeline wrote: in its form)
        canonical = True
        entries_sorted = {key: entries[key] for key in sorted(entries)}
        entries.clear()
        entries.update(entries_sorted)
    if canonical and rows:
        text = memory.decode(raw, empty.path, shown)
        # The file is the header, then each entry's text ("\n...\n", no blank line within)
        # in the order of the rows: an entry's text is its piece between blank lines.
        pieces = text[len(memory.header(empty)) + 1 : -1].split("\n\n")
        if len(pieces) == len(entries):
            empty.written = {
                key: (entry, f"\n{piece}\n")
                for (key, entry), piece in zip(entries.items(), pieces, strict=True)
            }
    return empty


def _keep(kept: Path, version: str, found: Memory, canonical: bool) -> None:
    """Keep the entries of ``found`` (``canonical``: its file holds them as ``memory.dumps``
    writes them, byte for byte) for the next run that finds the file so (``version``)."""
    rows = [tuple(entry) for _, entry in sorted(found.entries.items())]
    cache.save(kept, version, (rows, canonical))
    found.kept_as = (version, dict(found.entries))


def _changes(data: Any) -> tuple[str, list[Row]]:
    """The entries changed since a memory was kept whole, if ``data`` has their shape."""
    if not (isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], str)):
        raise cache.Damaged("not a memory's changed entries")
    if not isinstance(data[1], list):
        raise cache.Damaged("not a memory's changed entries")
    return data


def _rows(data: Any) -> tuple[list[Row], bool]:
    """What is kept, if ``data`` has its shape (each row is checked as it is made an entry:
    ``_read``; what a row holds is what the sealed file holds, as the cache's digest says)."""
    if not (isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], list)):
        raise cache.Damaged("not a memory's entries")
    return data[0], bool(data[1])
