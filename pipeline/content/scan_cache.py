"""What scanning each content file gave the last build, reused while the file is unchanged.

A build reads every content file's ``stat`` anyway (``pipeline.build.stage.read_state``). A
file whose ``stat`` (size, times, inode) is the one recorded when the last build read it is taken
as it was then: its front matter as parsed, its warnings, its validation problems, its
digests and its ``signature`` come from ``.cache/pipeline/scan.pickle`` under the site root,
and its body is read only if a page of it is rendered. So a build after one edit reads one
file, not all of them, and a build into an empty folder reads each posting once, to render
it. The cache is of the content, not of an output folder: every build of the site, whatever
its ``--out``, shares it.

Only a ``stat`` taken outside the racy window is recorded (``fingerprints.stat_record``): a
file changed within it may change again keeping size and times, so it is read again next
time. The cache belongs to one ``version``: its ``FORMAT``, the build's fingerprint (settings,
the pipeline's code) and the front matter parser's (``parse_cache.version``); it is kept and
read back as every cache is (``pipeline.state.cache``): one of another version is empty, and
so is a damaged one, said in one line; a planted file can give wrong data at worst, never run
code.
``pipeline build --full`` ignores it (and writes it anew).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from pipeline.content.document import Document, read_body
from pipeline.errors import Problem
from pipeline.state import cache
from pipeline.state.fingerprints import digest

if TYPE_CHECKING:
    from pipeline.config import Settings

FILE = cache.FOLDER / "scan.pickle"
FORMAT = 3  # 3: kept by pipeline.state.cache


class Digests(NamedTuple):
    """A content file's digests, which page keys are made of (kept as a plain pair)."""

    whole: str  # of what was read from it: front matter and body
    front_matter: str  # of its front matter alone


class LazyBody(Document):
    """A document taken from the cache: its body is read from its file when first asked
    for (most of a build's documents are only planned, never rendered)."""

    def __getattr__(self, name: str) -> Any:
        if name != "body":
            raise AttributeError(name)
        self.body = read_body(self.path, self.shown)
        return self.body

    @classmethod
    def of(cls, doc: Document) -> LazyBody:
        """``doc`` without its body (read again from its file if asked for)."""
        lazy = cls.__new__(cls)
        lazy.path, lazy.metadata, lazy.shown = doc.path, doc.metadata, doc.shown
        lazy.key_lines, lazy.warnings = doc.key_lines, doc.warnings
        return lazy

    def forget(self) -> None:
        """Let the body go (it is read again if asked for)."""
        self.__dict__.pop("body", None)


def last_build(settings: Settings, stats: dict[str, Any]) -> ScanCache:
    """The scan of the last build, for a run that read ``stats`` (``tree_state`` of
    ``content/``) and does not build: read, never written (the build keeps it)."""
    from pipeline.state import manifest
    from pipeline.state.fingerprints import fingerprint

    scanned = ScanCache.open(settings.root, fingerprint(settings, manifest.FORMAT), stats)
    scanned.keeps = False
    return scanned


def document_digests(doc: Document) -> Digests:
    """The digests of ``doc`` that page keys are made of (``pipeline.build.keys``)."""
    metadata = repr(doc.metadata)
    return Digests(digest(f"{metadata}\0{doc.body}".encode()), digest(metadata.encode()))


def signature(doc: Document, problems: list[Problem]) -> str:
    """What scanning ``doc`` gave besides its body and front matter (which its digests
    tell), as a digest: the lines of its front matter's keys, its warnings and its
    validation ``problems``."""
    told = (
        sorted(doc.key_lines.items()),
        [(w.path, w.line, w.message, w.warning) for w in doc.warnings],
        [(p.path, p.line, p.message, p.warning) for p in problems],
    )
    return digest(repr(told).encode())


class ScanCache:
    """The scan of the last build of the site, for one build (see the module)."""

    def __init__(self, path: Path, version: str, stats: dict[str, Any]) -> None:
        self.keeps = True  # (False: a run that reads the cache, never writes it: ``put`` not)
        self.path = path
        self.version = version
        self.stats = stats  # what this build read: name -> stat record (None when racy)
        self.entries: dict[str, tuple[Any, ...]] = {}
        self.kept: dict[str, tuple[Any, ...]] = {}
        self.changed = False
        self.digests: dict[str, Digests] = {}
        # What a content file's pages depend on besides its front matter: see ``signature``.
        self.signatures: dict[str, str] = {}

    @classmethod
    def open(
        cls,
        root: Path,
        fingerprint: str,
        stats: dict[str, Any],
        trust: bool = True,
        file: Path = FILE,
    ) -> ScanCache:
        """The cache of the site in ``root`` for a build that read ``stats`` (an empty one
        unless ``trust``); ``file``: another stage's own (``translate`` keeps one)."""
        from pipeline.content import parse_cache

        scanned = cls(root / file, cache.version(FORMAT, fingerprint, parse_cache.version()), stats)
        if trust:
            shown = file.as_posix()
            scanned.entries = cache.load(scanned.path, scanned.version, _entries, shown) or {}
        return scanned

    def fresh(self, shown: str) -> bool:
        """Whether the cache holds ``shown`` as this build found it."""
        stat = self.stats.get(shown)
        entry = self.entries.get(shown)
        return stat is not None and entry is not None and entry[0] == stat

    def get(self, path: Path, shown: str) -> tuple[Document, list[Problem]] | None:
        """The document at ``path`` and its validation problems as the last build scanned
        them, if the file is as it was then; else None."""
        if not self.fresh(shown):
            return None
        entry = self.entries[shown]
        try:
            _, metadata, key_lines, warnings, problems, digests, signed = entry
            doc = LazyBody.__new__(LazyBody)
            doc.path, doc.metadata, doc.shown, doc.key_lines = path, metadata, shown, key_lines
            doc.warnings = [Problem(*w) for w in warnings]
            found = [Problem(*p) for p in problems]
            if not isinstance(metadata, dict) or not isinstance(key_lines, dict):
                return None
            self.digests[shown] = Digests(str(digests[0]), str(digests[1]))
            self.signatures[shown] = str(signed)  # as ``put`` made it
        except (TypeError, ValueError, IndexError):
            return None
        self.kept[shown] = entry
        return doc, found

    def put(self, doc: Document, problems: list[Problem]) -> None:
        """Remember what scanning ``doc`` gave (kept for the next build if its ``stat`` was
        taken outside the racy window)."""
        if not self.keeps:
            return
        digests = document_digests(doc)
        self.digests[doc.shown] = digests
        signed = self.signatures[doc.shown] = signature(doc, problems)
        stat = self.stats.get(doc.shown)
        if stat is None:
            return
        self.changed = True
        self.kept[doc.shown] = (
            stat,
            doc.metadata,
            doc.key_lines,
            [(w.path, w.line, w.message, w.warning) for w in doc.warnings],
            [(p.path, p.line, p.message, p.warning) for p in problems],
            tuple(digests),  # a plain pair: the cache's unpickler makes no class of ours
            signed,
        )

    def save(self) -> None:
        """Keep what this build scanned (and only that) for the next build; then let go of
        the entries (the build needs only ``digests`` and ``signatures`` after this)."""
        kept, self.kept, entries, self.entries = self.kept, {}, self.entries, {}
        if not self.changed and len(kept) == len(entries):
            return  # every entry kept came from the file as it is
        del entries
        # (Front matter that will not pickle is not kept: it is read again next time.)
        cache.save(self.path, self.version, kept)


def _entries(data: Any) -> dict[str, tuple[Any, ...]]:
    """The cache's entries, if ``data`` has their shape (each is checked when taken)."""
    if not isinstance(data, dict) or not all(
        isinstance(name, str) and isinstance(entry, tuple) and len(entry) == 7
        for name, entry in data.items()
    ):
        raise cache.Damaged("not the scan's entries")
    return data
