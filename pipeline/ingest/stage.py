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

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.dates import normalized_date, parse_date
from pipeline.content.document import Document
from pipeline.content.tree import Content, is_post, scan, validate
from pipeline.errors import ContentError, OutputError, Problem
from pipeline.files import inside, remove, write_atomic
from pipeline.ingest.sources import MARKDOWN, Source, find_sources
from pipeline.report import Report
from pipeline.slugs import DATE_PREFIX, ref_from_filename, slugify, strip_date_prefix
from pipeline.translate.superseded import make_way


@dataclass
class IngestReport(Report):
    """What ``ingest`` did with the postings given (created, updated, unchanged) and with
    the files already in ``content/`` (normalized, moved to the folder of their ``lang``)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    normalized: int = 0
    moved: int = 0

    def summary(self) -> str:
        """``ingest: 1 created, 0 updated, 2 unchanged; content/: 0 normalized, 0 moved``."""
        line = (
            f"ingest: {self.created} created, {self.updated} updated, {self.unchanged} "
            f"unchanged; content/: {self.normalized} normalized, {self.moved} moved"
        )
        if self.problems:
            line += f"; {self.tally()}"
        return line


def ingest(
    settings: Settings, paths: Sequence[Path] = (), shown: dict[Path, str] | None = None
) -> IngestReport:
    """Normalize what is in ``content/``, then bring in the postings at ``paths``.

    ``shown`` maps each path to how messages should name it (as the user typed it).
    """
    report = IngestReport()
    content = scan(settings)
    report.problems += content.problems
    index = _Index(content)
    broken = {p.path for p in content.problems if not p.warning}  # left as they are
    for doc in content.documents:
        if doc.shown not in broken and doc.path not in index.gone:
            _normalize_in_place(doc, content, index, settings, report)
    sources, problems = find_sources(list(paths), shown)
    report.problems += problems
    for source in sources:
        _ingest_source(source, index, settings, report)
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
        self.originals[(doc.lang, doc.ref)] = doc
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
    doc: Document, content: Content, index: _Index, settings: Settings, report: IngestReport
) -> None:
    misdated = _date_from_name(doc, doc.path.stem) if is_post(doc) else None
    if misdated is not None:
        report.problems.append(misdated)
        return
    folder = content.folder_lang(doc)
    lang = doc.lang or folder
    ref = doc.ref
    target = settings.content_dir / lang / doc.path.relative_to(settings.content_dir / folder)
    if not ref and doc.is_original:
        # First time the pipeline sees this file: it gets a safe name and a ref from it.
        name = file_name(
            doc, doc.path.stem, is_post(doc) or _looks_like_post(doc.metadata), settings.timezone
        )
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
            return
    new = normalized(doc, lang, ref, settings.timezone)
    new.path = target
    new.shown = settings.relative(target)
    try:
        if target == doc.path:
            if document.save(new):
                report.normalized += 1
                report.done.append(f"normalized {doc.shown}")
        else:
            if target.exists() and make_way(settings, target, new, report):
                index.gone.add(target)
            _move(doc, new, report)
    except OutputError as error:
        report.problems.append(error.as_problem())
        return
    if new.is_original and new.ref:
        index.claim(new)


def _move(old: Document, new: Document, report: IngestReport) -> None:
    """Write ``new`` at its path and remove ``old``; finish a move an earlier run began."""
    text = document.dumps(new)
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


def _looks_like_post(meta: dict[str, Any]) -> bool:
    """A dated posting that is not a page of a menu (like the job pages) is a news post."""
    return "date" in meta and not meta.get("menu") and meta.get("layout") != "page"


def file_name(doc: Document, stem: str, post: bool, timezone: str) -> str:
    """The safe file name a posting gets in ``content/<lang>/``.

    The slug comes from a ``slug`` key, else from ``stem`` (a file name as its author chose
    it, date prefix dropped); posts are prefixed with their date, as Jekyll names them.
    """
    slug_key = doc.metadata.get("slug")
    slug = (
        slugify(slug_key)
        if isinstance(slug_key, str) and slug_key
        else slugify(strip_date_prefix(stem))
    )
    if post:
        try:
            date = _post_date(doc.metadata, stem, timezone)
        except ValueError:  # a title that starts like an impossible date: no prefix then
            date = None
        if date is not None:
            return f"{date:%Y-%m-%d}-{slug}.md"
    return f"{slug}.md"


def _post_date(meta: dict[str, Any], stem: str, timezone: str) -> dt.date | None:
    if "date" in meta:
        return parse_date(meta["date"], timezone).date()
    return date_in_name(stem)


def date_in_name(stem: str) -> dt.date | None:
    """The date a ``YYYY-MM-DD-`` file name starts with (None without one), which is a
    post's date when its front matter has none, as in Jekyll.

    >>> date_in_name("2020-05-27-ny-tjanst"), date_in_name("ny-tjanst")
    (datetime.date(2020, 5, 27), None)
    >>> date_in_name("2020-13-45-trasig")
    Traceback (most recent call last):
    ...
    ValueError: the file name starts with 2020-13-45, which is not a date: month must be in 1..12
    """
    match = DATE_PREFIX.match(stem)
    if match is None:
        return None
    try:
        return dt.date(*(int(g) for g in match.groups()))
    except ValueError as error:
        raise ValueError(
            f"the file name starts with {match.group(0)[:-1]}, which is not a date: {error}"
        ) from None


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
    ref = doc.ref or ref_from_filename(Path(name).stem)
    existing = index.originals.get((lang, ref))
    target = _target(doc, source, index, settings, (lang, ref), name)
    if isinstance(target, Problem):
        report.problems.append(target)
        return
    new = normalized(doc, lang, ref, settings.timezone, source.timezone)
    new.path = target
    new.shown = settings.relative(target)
    try:
        written = document.save(new)
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
    index.claim(new)


def _read_source(source: Source, settings: Settings, report: IngestReport) -> Document | None:
    """The posting of ``source`` with the defaults that scope it, if it can be read and is
    valid; None when not (its problems reported)."""
    try:
        doc = document.read(source.path, source.shown)
    except ContentError as error:
        report.problems.append(error.as_problem())
        return None
    report.problems += doc.warnings
    for key, value in source.defaults.items():
        doc.metadata.setdefault(key, value)
    # A dated Markdown file name makes a post (in Jekyll's _posts and in content/ alike),
    # and a post without a date takes the one in its name.
    dated = source.is_jekyll_post or source.path.suffix in MARKDOWN
    misdated = _date_from_name(doc, source.path.stem) if dated else None
    problems = [misdated] if misdated else validate(doc, settings)
    if problems:
        report.problems += problems
        return None
    return doc


def _name(doc: Document, source: Source, settings: Settings) -> str:
    """The file name of the posting of ``source`` in ``content/<lang>/`` (``file_name``)."""
    stem = source.path.stem
    post = (
        source.is_jekyll_post
        or bool(DATE_PREFIX.match(stem))
        or (source.jekyll_type is None and _looks_like_post(doc.metadata))
    )
    # A Markdown file's name was chosen by its author; other text files (exports such as
    # the seeds' .txt files) carry no meaning in their names, so their title names them.
    naming_stem = stem if source.path.suffix in MARKDOWN else doc.title
    return file_name(doc, naming_stem, post, source.timezone or settings.timezone)


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
