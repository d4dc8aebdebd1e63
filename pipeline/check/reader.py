"""What a crawler reads of a built page (``html.parser``), piece by piece where it can.

A build that adds a posting rewrites every page that lists the latest ones: each such page
changes by one card, and reading it whole again was most of what ``check`` then cost. So a
page's text is cut before the lines that open a card or the footer (``CUT``), and what
the parser finds in each piece, read alone, is remembered by the piece's digest: a card the
pages share, or a page's head that did not change, is parsed once.

That gives what reading the whole page gives only where the parser, having read a piece,
stands where it started: nothing left unread (no tag, comment or character reference cut
in two) and not inside a ``<script>`` or ``<style>``. It then reads the next piece as it
would have read it in one go (every construct it finished within the piece ends at the same
place when more text follows). A piece where it does not (``clean``) is not used: the page
is read whole.
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from typing import Any

from pipeline.state.remembered import Remembered, key

# (tag, attribute) pairs whose URL a browser follows or loads.
LINKING = {("a", "href"), ("link", "href"), ("area", "href"), ("img", "src"), ("script", "src")}
LINKING |= {("iframe", "src"), ("source", "src"), ("video", "src"), ("audio", "src")}

# Where a page is cut: before a line that opens a card of a list of postings (the latest
# news, on every page) or the footer. A page of other templates is read whole.
CUT = re.compile(r'\n(?=<(?:li class="card"|footer)[\s>])')

Event = tuple[Any, ...]
"""What one start tag tells: ``("lang", value)`` of ``<html>``, ``("noindex",)``,
``("canonical", href, line)``, ``("alternate", code, href, line)``, ``("link", url, line)``."""


class Reader(HTMLParser):
    """The events of a page's start tags, in order, with their lines (1 the first)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[Event] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # (interned: the pages name the same few URLs, which are then kept once)
        values = {name: sys.intern(value or "") for name, value in attrs}
        line = self.getpos()[0]
        rel = values.get("rel", "").lower().split()
        if tag == "html":
            self.events.append(("lang", values.get("lang")))
        elif tag == "meta" and values.get("name", "").lower() == "robots":
            if "noindex" in values.get("content", "").lower():
                self.events.append(("noindex",))
        elif tag == "link" and "canonical" in rel:
            self.events.append(("canonical", values.get("href", ""), line))
            return  # audited as the canonical, not as a link
        elif tag == "link" and "alternate" in rel and "hreflang" in values:
            self.events.append(("alternate", values["hreflang"], values.get("href", ""), line))
            return  # audited with the hreflang set
        for name, value in values.items():
            if (tag, name) in LINKING:
                self.events.append(("link", value, line))

    def clean(self) -> bool:
        """Whether the parser read all it was fed and stands outside any element whose
        content is text (where it stood before it was fed)."""
        return not self.rawdata and self.cdata_elem is None


def events(text: str) -> list[Event]:
    """The events of the page ``text``, read whole."""
    reader = Reader()
    reader.feed(text)
    return reader.events


def pieces(text: str) -> list[str]:
    """``text`` cut before each ``CUT``; joined, they are ``text``.

    >>> pieces('<ul>\\n<li class="card">a</li>\\n</ul>\\n<footer>\\n')
    ['<ul>\\n', '<li class="card">a</li>\\n</ul>\\n', '<footer>\\n']
    """
    starts = [0] + [match.end() for match in CUT.finditer(text)]
    return [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]


def events_by_piece(text: str, remembered: Remembered) -> tuple[list[Event], list[str]]:
    """The events of the page ``text`` (as ``events`` gives them) and the keys its pieces
    are remembered by in ``remembered``; read whole (and no keys) when a piece leaves the
    parser where it would not read the next as it does in one go."""
    cut = pieces(text)
    if len(cut) == 1:
        return events(text), []
    found: list[Event] = []
    keys = []
    lines = 0  # before the piece
    for piece in cut:
        wanted = key("piece", piece)
        known, piece_events = remembered.get(wanted)
        if not known:
            reader = Reader()
            reader.feed(piece)
            piece_events = remembered.put(wanted, reader.events if reader.clean() else None)
        if piece_events is None:
            return events(text), []
        found += [_moved(event, lines) for event in piece_events]
        keys.append(wanted)
        lines += piece.count("\n")
    return found, keys


def _moved(event: Event, lines: int) -> Event:
    """``event`` of a piece, at its line in the page (``lines`` above the piece)."""
    if not lines or len(event) < 3:
        return event
    return (*event[:-1], event[-1] + lines)
