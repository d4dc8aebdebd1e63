"""Stage 1, ingest: bring postings into ``content/<lang>/``, validated and normalized.

For every posting: ``lang`` from its front matter, else the Jekyll defaults that scope it,
else the folder it lies in (for files already in ``content/``) or the site's default
language; a stable ``ref`` from its file name when it has none, written into the file so it
never changes; ``date`` as ISO 8601 with its offset; every other key kept as it was.
A file whose ``lang`` names another language than its folder is moved to that language's
folder (the front matter is what an editor toggles; it wins). A draft of the same ``ref``
in the way there is superseded by the original: removed or parked first
(``pipeline.translate.superseded``).

Re-running changes nothing: a file is written only when its normalized text differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.dates import normalized_date
from pipeline.content.document import Document
from pipeline.content.listing import MARKDOWN_SUFFIXES as MARKDOWN
from pipeline.content.parse_cache import FrontMatterMemo, SharedParses
from pipeline.content.scan_cache import LazyBody
from pipeline.content.tree import Content, is_post, scan, validate
from pipeline.errors import ContentError, OutputError, Problem
from pipeline.files import inside, remove, write_atomic
from pipeline.ingest.names import date_in_name, file_name
from pipeline.ingest.normal import Normal
from pipeline.ingest.postings import Copy, Source
from pipeline.report import Report
from pipeline.slugs import DATE_PREFIX, ref_from_filename


@dataclass
class IngestReport(Report):
    """What ``ingest`` did with the postings given (created, updated, unchanged) and with
    the files already in ``content/`` (normalized, moved to the folder of their ``lang``)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    normalized: int = 0
    moved: int = 0
    copied: int = 0
    copies_unchanged: int = 0

    def summary(self) -> str:
        """``ingest: 1 created, 0 updated, 2 unchanged; content/: 0 normalized, 0 moved``,
        and ``; files: 3 copied, 0 unchanged`` when files came across as they are."""
        line = (
            f"ingest: {self.created} created, {self.updated} updated, {self.unchanged} "
            f"unchanged; content/: {self.normalized} normalized, {self.moved} moved"
        )
        if self.copied or self.copies_unchanged:
            line += f"; files: {self.copied} copied, {self.copies_unchanged} unchanged"
        if self.problems:
            line += f"; {self.tally()}"
        return line


def ingest(
    settings: Settings, paths: Sequence[Path] = (), shown: dict[Path, str] | None = None
) -> IngestReport:
    """Normalize what is in ``content/``, then bring in the postings at ``paths``.

    ``shown`` maps each path to how messages should name it (as the user typed it).
    """
    with SharedParses():  # (what the scan parsed, for the check that a file is normal)
        return _ingest(settings, paths, shown)


def _ingest(
    settings: Settings, paths: Sequence[Path], shown: dict[Path, str] | None
) -> IngestReport:
    report = IngestReport()
    # What the last build scanned, unread (``normal``); front matter parsed before from the
    # memo (read, not saved: the build keeps both); no body kept (read again if normalized).
    normal = Normal(settings)
    content = scan(settings, FrontMatterMemo.open(settings), normal.last_scan(), bodies=False)
    report.problems += content.problems
    index = _Index(content)
    broken = {p.path for p in content.problems if not p.warning}  # left as they are
    for doc in content.documents:
        if doc.shown not in broken and doc.path not in index.gone:
            _normalize_in_place(doc, content, index, settings, report, normal)
            if isinstance(doc, LazyBody):
                doc.forget()  # (one body at a time: thousands are most of a run's memory)
    normal.save()
    if not paths:
        return report
    from pipeline.ingest.sources import find_sources  # (Jekyll's import, Markdown parsers)

    found = find_sources(list(paths), settings, shown)
    report.problems += found.problems
    report.done += found.notes
    for source in found.sources:
        _ingest_source(source, index, settings, report)
    for copy in found.copies:
        _copy(copy, settings, report)
    return report


class _Index:
    """Which file holds the original of each (lang, ref), kept current as the run goes."""

    def __init__(self, content: Content) -> None:
        self.originals: dict[tuple[str, str], Document] = {}
        self.paths: set[Path] = {d.path for d in content.documents}
        self.claimed: dict[tuple[str, str], str] = {}  # by sources of this run
        self.gone: set[Path] = set()  # drafts removed or parked to make way for an original
        for doc in content.documents:
            if doc.is_original and doc.ref and doc.lang:
                self.originals.setdefault((doc.lang, doc.ref), doc)

    def claim(self, doc: Document) -> None:
        assert doc.lang and doc.ref
        self.originals[(doc.lang, doc.ref)] = doc if isinstance(doc, LazyBody) else LazyBody.of(doc)
        self.paths.add(doc.path)


def normalized(
    doc: Document, lang: str, ref: str | None, timezone: str, read_in: str | None = None
) -> Document:
    """A copy of ``doc`` with ``lang`` and ``ref`` set and ``date`` in ISO 8601 with offset.

    Keys already present keep their place; a new ``lang`` goes first and a new ``ref`` right
    after ``lang``, where editors look for them. Dates are written in ``timezone`` (the
    site's); ``read_in`` is the zone of dates written without an offset, if another.
    """
    new_ref = {"ref": ref} if ref and "ref" not in doc.metadata else {}
    meta: dict[str, Any] = {} if "lang" in doc.metadata else {"lang": lang, **new_ref}
    for key, value in doc.metadata.items():
        meta[key] = value
        if key == "lang":
            meta.update(new_ref)
    meta["lang"] = lang
    if ref:
        meta["ref"] = ref
    if "date" in meta:
        meta["date"] = normalized_date(meta["date"], timezone, read_in)
    return Document(doc.path, meta, doc.body, doc.shown, doc.key_lines, [])


def _normalize_in_place(
    doc: Document,
    content: Content,
    index: _Index,
    settings: Settings,
    report: IngestReport,
    normal: Normal,
) -> None:
    """Normalize ``doc`` where it is, or move it to the folder of its ``lang`` (unless
    ``normal`` knows it normal as it is: see ``pipeline.ingest.normal``)."""
    misdated = _date_from_name(doc, doc.path.stem) if is_post(doc) else None
    if misdated is not None:
        report.problems.append(misdated)
        return
    as_it_is = normal.unknown(doc)
    if as_it_is is None:
        if doc.is_original and doc.ref:
            index.claim(doc)
        return
    try:
        new = _normal_form(doc, content, index, settings, report)
    except ContentError as error:  # (its body, read again: the file went, or changed)
        report.problems.append(error.as_problem())
        return
    if new is None:
        return
    from pipeline.content import edit  # (ruamel.yaml: only for a file not known normal)

    try:
        if new.path == doc.path:
            if edit.save(new):
                report.normalized += 1
                report.done.append(f"normalized {doc.shown}")
            else:
                normal.found(as_it_is)
        else:
            if new.path.exists() and _make_way(settings, new.path, new, report):
                index.gone.add(new.path)
            _move(doc, new, report)
    except OutputError as error:
        report.problems.append(error.as_problem())
        return
    if new.is_original and new.ref:
        index.claim(new)


def _normal_form(
    doc: Document, content: Content, index: _Index, settings: Settings, report: IngestReport
) -> Document | None:
    """``doc`` normalized, at the path it belongs at (in the folder of its ``lang``); None
    if it cannot get the ref its file name gives (another original has it: reported)."""
    folder = content.folder_lang(doc)
    lang = doc.lang or folder
    ref = doc.ref
    target = settings.content_dir / lang / doc.path.relative_to(settings.content_dir / folder)
    if not ref and doc.is_original:
        # First time the pipeline sees this file: it gets a safe name and a ref from it.
        post = is_post(doc) or _looks_like_post(doc.metadata)
        suffix = ".html" if doc.path.suffix == ".html" else ".md"
        name = file_name(doc, doc.path.stem, post, settings.timezone, suffix)
        ref = ref_from_filename(Path(name).stem)
        target = target.with_name(name)
        owner = index.originals.get((lang, ref))
        if owner is not None and owner is not doc:
            report.problems.append(
                doc.problem(
                    f"would get ref '{ref}' from its file name, but {owner.shown} has it; "
                    "rename the file or set another ref",
                    "ref",
                )
            )
            return None
    new = normalized(doc, lang, ref, settings.timezone)
    new.path = target
    new.shown = settings.relative(target)
    return new


def _move(old: Document, new: Document, report: IngestReport) -> None:
    """Write ``new`` at its path and remove ``old``; finish a move an earlier run began."""
    from pipeline.content import edit

    text = edit.dumps(new, base=old.path)  # the file as its editor wrote it
    if new.path.exists():
        if new.path.read_text(encoding="utf-8") != text:
            raise OutputError(
                f"cannot move {old.shown} here (lang: {new.lang}): the file exists", path=new.shown
            )
    else:
        write_atomic(new.path, text)
    remove(old.path)
    report.moved += 1
    report.done.append(f"moved {old.shown} -> {new.shown} (lang: {new.lang})")


def _make_way(settings: Settings, target: Path, new: Document, report: IngestReport) -> bool:
    """``translate.superseded.make_way`` (imported when a file moves onto a draft)."""
    from pipeline.translate.superseded import make_way

    return make_way(settings, target, new, report)


def _looks_like_post(meta: dict[str, Any]) -> bool:
    """A dated posting that is not a page of a menu (like the job pages) is a news post."""
    return "date" in meta and not meta.get("menu") and meta.get("layout") != "page"


def _date_from_name(doc: Document, stem: str) -> Problem | None:
    """Give a post with no ``date`` the date of its file name; the problem if there is none."""
    if "date" in doc.metadata:
        return None
    try:
        date = date_in_name(stem)
    except ValueError as error:
        return doc.problem(f"{error}; rename the file or set date")
    if date is not None:
        doc.metadata["date"] = date
    return None


def _ingest_source(source: Source, index: _Index, settings: Settings, report: IngestReport) -> None:
    """One posting into ``content/<lang>/``: read and validated, named, checked against the
    postings that hold its ref or its place already, normalized, saved."""
    doc = _read_source(source, settings, report)
    if doc is None:
        return
    name = _name(doc, source, settings)
    lang = doc.lang or settings.default_language
    ref = source.ref or doc.ref or ref_from_filename(Path(name).stem)
    existing = index.originals.get((lang, ref))
    target = _target(doc, source, index, settings, (lang, ref), name)
    if isinstance(target, Problem):
        report.problems.append(target)
        return
    new = normalized(doc, lang, ref, settings.timezone, source.timezone)
    new.path = target
    new.shown = settings.relative(target)
    from pipeline.content import edit

    try:
        written = edit.save(new, base=source.path)  # as its editor wrote it
    except OutputError as error:
        report.problems.append(error.as_problem())
        return
    if not written:
        report.unchanged += 1
    elif existing:
        report.updated += 1
        report.done.append(f"updated {new.shown} from {source.shown}")
    else:
        report.created += 1
        report.done.append(f"created {new.shown} from {source.shown} (ref {ref})")
    if written:
        report.done += source.info
    index.claim(new)


def _copy(copy: Copy, settings: Settings, report: IngestReport) -> None:
    """A file that comes across as it is, written where it goes (inside the site root)
    unless it holds these bytes already."""
    try:
        data = copy.data if copy.data is not None else copy.source.read_bytes()
    except OSError as error:
        report.problems.append(Problem(copy.shown, None, f"cannot read: {error.strerror}"))
        return
    try:
        written = write_atomic(inside(settings.root, *copy.target.split("/")), data)
    except OutputError as error:
        report.problems.append(error.as_problem())
        return
    if written:
        report.copied += 1
        report.done.append(f"copied {copy.shown} -> {copy.target}")
    else:
        report.copies_unchanged += 1


def _read_source(source: Source, settings: Settings, report: IngestReport) -> Document | None:
    """The posting of ``source`` (as prepared, for a Jekyll site's), if it can be read and
    is valid; None when not (its problems reported)."""
    doc = source.prepared
    if doc is None:
        try:
            doc = document.read(source.path, source.shown)
        except ContentError as error:
            report.problems.append(error.as_problem())
            return None
        report.problems += doc.warnings
    # A dated Markdown file name makes a post, and a post without a date takes the one in
    # its name (a Jekyll site's posts have theirs already).
    dated = source.prepared is None and source.path.suffix in MARKDOWN
    misdated = _date_from_name(doc, source.path.stem) if dated else None
    problems = [misdated] if misdated else validate(doc, settings)
    if problems:
        report.problems += problems
        return None
    return doc


def _name(doc: Document, source: Source, settings: Settings) -> str:
    """The file name of the posting of ``source`` in ``content/<lang>/`` (``file_name``)."""
    if source.name:
        return source.name
    stem = source.path.stem
    post = bool(DATE_PREFIX.match(stem)) or _looks_like_post(doc.metadata)
    # A Markdown or HTML file's name was chosen by its author; other text files (exports
    # such as the seeds' .txt files) carry no meaning in their names, so their title names
    # them. A page in HTML stays HTML.
    html = source.path.suffix.lower() in (".html", ".htm")
    naming_stem = stem if source.path.suffix in MARKDOWN or html else doc.title
    timezone = source.timezone or settings.timezone
    return file_name(doc, naming_stem, post, timezone, ".html" if html else ".md")


def _target(
    doc: Document,
    source: Source,
    index: _Index,
    settings: Settings,
    key: tuple[str, str],
    name: str,
) -> Path | Problem:
    """Where the posting of ``source`` (its language and ref are ``key``) is saved: the file
    of the original that holds its ref already, or ``content/<lang>/<name>``. A problem
    instead when another posting of this run claims its ref, or one in ``content/`` holds
    its ref under another name, or its place."""
    lang, ref = key
    if key in index.claimed:
        return doc.problem(
            f"ref '{ref}' in '{lang}' is also claimed by {index.claimed[key]}; "
            "give one of them another ref",
            "ref",
        )
    index.claimed[key] = source.shown
    existing = index.originals.get(key)
    if existing is not None and existing.path.name != name:
        return doc.problem(
            f"ref '{ref}' in '{lang}' is already held by {existing.shown}; give this posting "
            "another ref (or, if it is a new version of that posting, that file's name)",
            "ref",
        )
    try:
        target = existing.path if existing else inside(settings.content_dir, lang, name)
    except OutputError as error:
        return error.as_problem()
    if existing is None and target in index.paths:
        return doc.problem(
            f"would be stored as {settings.relative(target)}, which holds another posting; "
            "give it a 'slug' or another file name"
        )
    return target
