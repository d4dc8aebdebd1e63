"""The drafts the last run found up to date, by the ``stat`` of their files: not judged again.

Deciding that a draft is up to date costs the hashes of it and its original, its record read
and its front matter made again (``tasks.plan``); a run after one edit would pay that for
every draft of the site. So each run keeps, for every draft it found up to date, the
``stat`` of the original, the draft and its record as the shortcut found them before the
stage read anything (``shortcut.found_state``), in ``.cache/pipeline/translate-plan.pickle``
(a ``pipeline.state.cache``), under a version made of the run's fingerprint (the settings,
the pipeline's code, the engine). A later run that finds the three files as kept (and the
draft under the same name, its memory file there) knows the answer without reading them:
the same files with the same settings and code give the same answer. A file changed within
the racy window (``fingerprints.RACY_NS``) has no ``stat`` recorded, and is judged anew.

On the bench (1,000 postings, one paragraph edited), judging 999 drafts by their ``stat``
instead of their hashes cut 0.4 s of translate's 0.6 s (profiled): far above the 5% a
speed device must pay to stay. Deleting the file only makes the next run judge every draft.
"""

from __future__ import annotations

from typing import Any

from pipeline.config import Settings
from pipeline.state import cache
from pipeline.state.fingerprints import Snapshot

FILE = cache.FOLDER / "translate-plan.pickle"
FORMAT = 1

Key = tuple[str, str]  # the original's name and the draft's language
Kept = tuple[str, Any, Any, Any]  # the draft's name, the stats of original, draft, record


class Skipped:
    """The drafts found up to date: by the last run (``last``) and by this one (``now``)."""

    def __init__(self, settings: Settings, state: Snapshot, trust: bool = True) -> None:
        self.settings = settings
        self.stats = state.inputs
        self.cache = cache.Cache(settings.root / FILE, cache.version(FORMAT, state.fingerprint))
        self.last: dict[Key, Kept] = (self.cache.load(_entries) or {}) if trust else {}
        self.now: dict[Key, Kept] = {}

    def files(self, original: str, draft: str, record: str) -> Kept:
        """What is kept of a draft (by the names its files are shown with): the draft's name
        and the three files' ``stat``."""
        found = self.stats.get
        return (draft, found(original), found(draft), found(record))

    def known(self, key: Key, kept: Kept) -> bool:
        """Whether the last run found this draft up to date with its files as they are."""
        if None in kept[1:] or self.last.get(key) != kept:
            return False
        self.now[key] = kept
        return True

    def add(self, key: Key, kept: Kept) -> None:
        """This run found this draft up to date (kept unless a file of it is racy)."""
        if None not in kept[1:]:
            self.now[key] = kept

    def save(self) -> None:
        """Keep what this run found, if it is not what the last one did."""
        if self.now != self.last:
            self.cache.save(self.now)


def _entries(data: Any) -> dict[Key, Kept]:
    """What is kept, if ``data`` has its shape."""
    if not isinstance(data, dict) or not all(
        isinstance(key, tuple) and len(key) == 2 and isinstance(kept, tuple) and len(kept) == 4
        for key, kept in data.items()
    ):
        raise cache.Damaged("not the drafts found up to date")
    return data
