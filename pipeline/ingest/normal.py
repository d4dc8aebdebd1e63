"""What ``ingest`` of ``content/`` knows without reading: the last build's scan of each file
as it was then, and which files it found normal.

A file whose ``stat`` is as the last build's scan recorded it comes from that scan
(``pipeline.content.scan_cache``: of the build's version, so made by this code with these
settings), unread; ingest reads the scan and never writes it (the build keeps it). A file
found normal is remembered as such (``pipeline.state.remembered``) by its name and
``stat``, or by its bytes when its ``stat`` is not settled (changed a moment ago, see
``fingerprints.RACY_NS``), and is not made again (its front matter dumped) while it stays
so. So an ingest after one edit reads one file.
"""

from __future__ import annotations

import time
from typing import Any

from pipeline.config import Settings
from pipeline.content.document import Document
from pipeline.content.scan_cache import ScanCache, last_build
from pipeline.state import remembered
from pipeline.state.fingerprints import tree_state

__all__ = ["Normal"]


class Normal:
    """The ``stat`` of every content file now, and the files found normal before."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.stats = tree_state(settings, settings.content_dir, time.time_ns())
        self.results = remembered.Remembered(settings, "ingest")

    def last_scan(self) -> ScanCache:
        """The last build's scan, for the files whose ``stat`` is as it recorded."""
        return last_build(self.settings, self.stats)

    def unknown(self, doc: Document) -> str | None:
        """None if ``doc``'s file was found normal as it is now; else the key to remember
        it by, if it is found normal this time ("" if it cannot be read)."""
        stat: Any = self.stats.get(doc.shown)
        try:
            as_it_is = (
                remembered.key("stat", doc.shown, repr(stat))
                if stat is not None
                else remembered.key(doc.shown, doc.path.read_bytes())
            )
        except OSError:
            return ""
        if self.results.get(as_it_is)[0]:
            self.results.put(as_it_is, True)
            return None
        return as_it_is

    def found(self, key: str) -> None:
        """Remember the file of ``key`` (``unknown``) as normal."""
        if key:
            self.results.put(key, True)

    def save(self) -> None:
        """Keep what this run found (``Remembered.save``)."""
        self.results.save()
