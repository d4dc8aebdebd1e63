"""What a check found in each document's body, remembered by what the document is made of.

``check`` takes the documents the last build scanned from its scan cache, unread
(``scan_cache.last_build``): each comes with the digest of its front matter and body
(``Digests.whole``), its body read from its file only if asked for. A check that judges
every body (its language, its raw HTML, the files it names) remembers what it found in each
by that digest (``Findings``), so the body of a document unchanged since is not read at all.
A body read to judge it is let go again by the last check that reads bodies (``forget``,
in ``references``): read once for the three, and held only while they run, so that an
edit's check holds the few bodies it judges, not thousands. A document read by check
itself (not as the build left it) holds its body, and its digest is made of it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from pipeline.config import Settings
from pipeline.content.document import Document
from pipeline.content.scan_cache import LazyBody, document_digests
from pipeline.content.tree import Content
from pipeline.state.remembered import Remembered, key

Found = TypeVar("Found")

__all__ = ["Findings", "forget"]


class Findings(Remembered):
    """One check's findings in each document of ``content``, by the document's digest and
    whatever else they depend on (``key_of``)."""

    def __init__(self, settings: Settings, content: Content, name: str) -> None:
        super().__init__(settings, name)
        self._digests = content.digests

    def key_of(self, doc: Document, *also: str) -> str:
        """What the findings in ``doc`` are remembered by: its digest and ``also``."""
        known = self._digests.get(doc.shown)
        if known is None:
            known = self._digests[doc.shown] = document_digests(doc)
        return key(known.whole, *also)

    def of(self, doc: Document, find: Callable[[Document], Found], *also: str) -> Found:
        """What ``find`` found in ``doc`` (plain data), remembered by ``key_of(doc,
        *also)``: found again only if not known (the caller lets the body go: ``forget``)."""
        wanted = self.key_of(doc, *also)
        known, found = self.get(wanted)
        if not known:
            found = self.put(wanted, find(doc))
        return found


def forget(doc: Document) -> None:
    """Let ``doc``'s body go if it is read again when asked for (``LazyBody``): once the
    checks that read bodies are done with the document (see the module)."""
    if isinstance(doc, LazyBody):
        doc.forget()
