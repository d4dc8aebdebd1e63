"""What ingest is given to bring in: postings, files that come across as they are, and what
finding them said (``sources.find_sources`` makes them; ``stage.ingest`` takes them in)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline.content.document import Document
from pipeline.errors import Problem


@dataclass(frozen=True)
class Source:
    """One posting to ingest and what its origin says about it.

    A posting of a Jekyll site comes ``prepared``: read, with the ``defaults:`` that scope
    it, its ``url``, ``aliases`` and body made; ``name`` is its file name in
    ``content/<lang>/``, ``ref`` the ref it shares with its other versions, and ``info``
    what was done to it (said when it is written).
    """

    path: Path
    shown: str
    timezone: str | None = None  # a Jekyll site's timezone, for dates without an offset
    prepared: Document | None = None
    name: str | None = None
    ref: str | None = None
    info: tuple[str, ...] = ()


@dataclass(frozen=True)
class Copy:
    """A file that comes across as it is, to ``target`` (a path from the site root, such as
    ``static/uploads/x.png``): the bytes of ``source``, or ``data`` when given (the text of
    a file Jekyll renders without changing it, its front matter taken off)."""

    source: Path
    target: str
    shown: str
    data: bytes | None = None


@dataclass
class Found:
    """What ``find_sources`` found: postings, files to copy, problems, and lines that say
    what does not come across and why."""

    sources: list[Source] = field(default_factory=list)
    copies: list[Copy] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
