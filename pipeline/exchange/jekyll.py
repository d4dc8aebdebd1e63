"""``pipeline export --format jekyll``: the drafts and the hreflang back into the Jekyll site
they came from (docs/jekyll-export.md).

``export_jekyll`` reads the site as ingest reads it (``pipeline.ingest.jekyll_import``: every
document with its language, its ref and its URL), then:

1. says which originals were edited in the Jekyll tree since they were ingested (their
   drafts are left as the last export wrote them: the editor ingests first);
2. writes every draft of an original of the site as a document of the original's collection,
   placed and named by the site's convention (``jekyll_place``), with ``lang``, the ref as
   the site writes it, a ``permalink`` where the site's pattern would serve it at a URL
   another page has, the translation status, and ``published: false`` while it must not be
   published (pseudo text, ``publish-unreviewed = false``);
3. writes ``_data/hreflang.json`` and ``_includes/hreflang.html`` (``jekyll_head``), and
   names each layout whose ``<head>`` does not include them yet (``--wire`` adds the line);
4. removes what it wrote before and no longer makes, and saves its list (``jekyll_files``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline.build.urls import UNREVIEWED, document_path, status_of
from pipeline.config import Settings
from pipeline.content import document, edit
from pipeline.content.document import Document
from pipeline.content.tree import is_pseudo, scan
from pipeline.errors import ContentError, OutputError, Problem, UsageError
from pipeline.exchange import ExportRequest
from pipeline.exchange import jekyll_head as head
from pipeline.exchange.jekyll_files import Written
from pipeline.exchange.jekyll_place import Convention, Sample, learn, place
from pipeline.files import confined, write_atomic
from pipeline.ingest import kramdown
from pipeline.ingest.jekyll import POST_NAME, Entry, Site, read_site
from pipeline.ingest.jekyll_defaults import defaults
from pipeline.ingest.jekyll_import import import_site
from pipeline.ingest.jekyll_served import document_url, jekyll_path, name_date
from pipeline.ingest.postings import Source
from pipeline.ingest.stage import normalized
from pipeline.report import Report

DROPPED = ("url", "aliases", "section", "translation", "published", "permalink")
"""A draft's keys the Jekyll document does not carry as they are: the pipeline's own
(``url``, ``aliases``, a collection's ``section``), and those the export writes itself."""


@dataclass
class JekyllExportReport(Report):
    """What the export wrote into the site."""

    drafts: int = 0
    held_back: int = 0
    unchanged: int = 0

    def summary(self) -> str:
        """``export jekyll: 9 drafts (2 with published: false); 3 files written, ...``."""
        written = sum(1 for line in self.done if line.startswith(("created", "updated")))
        return (
            f"export jekyll: {self.drafts} drafts ({self.held_back} with published: false); "
            f"{written} files written, {self.unchanged} unchanged; {self.tally()}"
        )


@dataclass(frozen=True)
class Held:
    """A document of the Jekyll site: its entry, language, ref (the pipeline's), URL, and
    the source ingest makes of it."""

    entry: Entry
    lang: str
    ref: str
    url: str
    published: bool
    source: Source


def export(settings: Settings, request: ExportRequest) -> JekyllExportReport:
    """``pipeline export --format jekyll [-o SITE] [--wire]`` (the registry's entry)."""
    return export_jekyll(settings, request.output, request.shown, request.wire)


def export_jekyll(
    settings: Settings, target: Path | None, shown: str = "", wire: bool = False
) -> JekyllExportReport:
    """Write the drafts and the hreflang into the Jekyll site at ``target`` (named ``shown``
    in messages; default: the ``jekyll-site`` setting's)."""
    root, name = _site_root(settings, target, shown)
    with confined(root):  # the site named, anywhere (as 'build --out' names its folder)
        return _export(settings, root, name, wire)


def _export(settings: Settings, root: Path, name: str, wire: bool) -> JekyllExportReport:
    report = JekyllExportReport()
    site = read_site(root, name)
    if site.problems:
        report.problems += site.problems
        return report
    written = Written.read(root, name)
    held = _held(site, settings)
    edited = _edited_since_ingest(held, settings, report)
    content = scan(settings)
    taken = {h.url for h in held}
    versions = [
        head.Version(jekyll_path(site, h.entry), h.lang, h.ref, h.url, True)
        for h in held
        if h.published
    ]
    by_key = {(h.lang, h.ref): h for h in held}
    conventions: dict[str, dict[str, Convention]] = {}
    for draft in sorted(content.documents, key=lambda d: d.shown):
        original = by_key.get((str((draft.translation or {}).get("from")), str(draft.ref)))
        if draft.translation is None or original is None or (draft.lang, draft.ref) in by_key:
            continue  # not a draft of this site's, or the site has its own version
        if original.ref in edited:
            written.kept |= {k for k, v in written.files.items() if v.get("from") == draft.shown}
            continue
        lang = str(draft.lang)
        if lang not in conventions:
            conventions[lang] = learn(_samples(held), site.config, lang)
        exported = _export_draft(draft, original, site, settings, conventions[lang], taken)
        written.write(exported.relative, exported.text, draft.shown)
        report.drafts += 1
        unindexed = settings.noindex_unreviewed and status_of(draft) in UNREVIEWED
        if exported.published:
            versions.append(
                head.Version(exported.path, lang, original.ref, exported.url, False, unindexed)
            )
        else:
            report.held_back += 1
    _write_head(site, settings, versions, written, wire, report)
    written.finish()
    report.problems += written.problems
    report.done += written.done
    report.unchanged = written.unchanged
    return report


def _site_root(settings: Settings, target: Path | None, shown: str) -> tuple[Path, str]:
    """The Jekyll site's folder and how messages name it; a usage error when none is named
    or it is no Jekyll site."""
    if target is None:
        if not settings.jekyll_site:
            raise UsageError(
                "export --format jekyll: name the Jekyll site with -o SITE, or set "
                "jekyll-site in [tool.pipeline]"
            )
        target, name = settings.root / settings.jekyll_site, settings.jekyll_site
    else:
        name = shown or str(target)
    if not (target / "_config.yml").is_file():
        raise UsageError(f"export --format jekyll: {name} is no Jekyll site (no _config.yml)")
    return target.absolute(), name


def _held(site: Site, settings: Settings) -> list[Held]:
    """Every document of the site, as ingest brings it in (its problems are ingest's)."""
    entries = {entry.path: entry for entry in site.documents}
    found = import_site(site.root, site.name, settings)
    held = []
    for source in found.sources:
        doc = source.prepared
        assert doc is not None and source.ref is not None
        held.append(
            Held(
                entries[source.path],
                doc.lang or settings.default_language,
                source.ref,
                str(doc.metadata.get("url", "")),
                doc.metadata.get("published") is not False,
                source,
            )
        )
    return held


def _edited_since_ingest(held: list[Held], settings: Settings, report: Report) -> set[str]:
    """The refs of the site's documents whose text is not what ingest last wrote into
    ``content/`` (edited in the Jekyll tree since, or in the pipeline): said, each once."""
    edited = set()
    for item in held:
        source, doc = item.source, item.source.prepared
        assert doc is not None and source.name is not None
        made = normalized(doc, item.lang, item.ref, settings.timezone, source.timezone)
        stored = settings.content_dir / item.lang / source.name
        try:
            # as ingest writes it: the Jekyll file's text, edited (pipeline.content.edit)
            same = stored.read_text(encoding="utf-8") == edit.dumps(made, base=source.path)
        except OSError:
            same = False
        if not same:
            edited.add(item.ref)
            message = (
                f"not as {settings.relative(stored)} holds it (edited since it was ingested?): "
                f"its versions are not exported; run 'pipeline ingest {item.source.shown}' first"
            )
            report.problems.append(Problem(source.shown, None, message, warning=True))
    return edited


def _samples(held: list[Held]) -> list[Sample]:
    """The site's pairs: each version beside the version in the site's default language
    (else the first) of its ref, in one collection."""
    groups: dict[tuple[str, str], list[Held]] = {}
    for item in held:
        groups.setdefault((item.entry.collection, item.ref), []).append(item)
    samples = []
    for (collection, _), members in groups.items():
        first = members[0]
        for other in members[1:]:
            samples.append(
                Sample(collection, other.lang, first.entry.relative, other.entry.relative)
            )
    return samples


@dataclass(frozen=True)
class Exported:
    """A draft as a document of the Jekyll site."""

    relative: str
    path: str  # as Liquid's page.path names it
    text: bytes
    url: str
    published: bool


def _export_draft(
    draft: Document,
    original: Held,
    site: Site,
    settings: Settings,
    conventions: dict[str, Convention],
    taken: set[str],
) -> Exported:
    """The Jekyll document of ``draft``, placed by the convention of its original's
    collection; its URL is added to ``taken``."""
    collection = original.entry.collection
    lang = str(draft.lang)
    convention = conventions.get(collection) or conventions["*"]
    relative = place(original.entry.relative, draft.path.name, lang, convention)
    entry = Entry(site.root / relative, relative, collection)
    scoped = defaults(
        site.config.defaults,
        jekyll_path(site, entry),
        collection,
        site.root,
        site.config.text("collections_dir"),
    )
    meta = _front_matter(draft, original, scoped, settings)
    timezone = site.config.timezone or settings.timezone
    read = {**scoped, **meta}
    dated = POST_NAME.match(jekyll_path(site, entry)) if collection != "pages" else None
    if dated and "date" not in read:  # as Jekyll dates it: by its name
        read["date"] = name_date(dated.group(1))
    url = document_url(site, entry, read, timezone)
    if url in taken:  # the site's pattern gives it another page's URL
        url = document_path(settings, draft, lang)
        meta = _with(meta, "permalink", url, after="ref")
    taken.add(url)
    published = meta.get("published") is not False
    body = kramdown.to_kramdown(draft.body)
    if "{{" in body or "{%" in body:  # text, not Liquid: ingest resolved the site's
        meta = _with(meta, "render_with_liquid", False, after="ref")
    text = edit.dumps(Document(entry.path, meta, body)).encode("utf-8")
    return Exported(relative, jekyll_path(site, entry), text, url, published)


def _front_matter(
    draft: Document, original: Held, scoped: dict[str, Any], settings: Settings
) -> dict[str, Any]:
    """The draft's front matter as the Jekyll site keeps it: its keys in their order but the
    pipeline's own and those ``defaults:`` give the same, ``lang``, the ref as the
    original writes it, ``published: false`` while it must not be published, the
    translation's status last."""
    meta: dict[str, Any] = {}
    for key, value in draft.metadata.items():
        if key in DROPPED or (
            key in scoped and scoped[key] == value and key not in ("lang", "ref")
        ):
            continue
        meta[key] = value
    written = _written(original)
    if "date" in meta:  # as the original writes it (Jekyll reads it in its own zone), or none
        meta.pop("date") if "date" not in written else meta.update(date=written["date"])
    meta["lang"] = draft.lang
    ref = written.get("ref")
    meta["ref"] = str(ref) if isinstance(ref, (str, int)) and str(ref).strip() else original.ref
    unreviewed = status_of(draft) in UNREVIEWED and not settings.publish_unreviewed
    if is_pseudo(draft, settings) or unreviewed or not draft.published or not original.published:
        meta["published"] = False
    block = draft.translation or {}
    meta["translation"] = {
        "from": block.get("from"),
        "status": status_of(draft),
        **({"engine": block["engine"]} if "engine" in block else {}),
        "source": original.entry.relative,
    }
    return meta


def _written(original: Held) -> dict[str, Any]:
    """The front matter of the original's own file, as written (none if it cannot be read)."""
    try:
        return document.read(original.entry.path).metadata
    except ContentError:
        return {}


def _with(meta: dict[str, Any], key: str, value: Any, after: str) -> dict[str, Any]:
    """``meta`` with ``key`` set right after the key ``after``."""
    made: dict[str, Any] = {}
    for name, current in meta.items():
        if name != key:
            made[name] = current
        if name == after:
            made[key] = value
    made.setdefault(key, value)
    return made


def _write_head(
    site: Site,
    settings: Settings,
    versions: list[head.Version],
    written: Written,
    wire: bool,
    report: Report,
) -> None:
    """The hreflang data and include, and the line each layout's ``<head>`` needs."""
    address = site.config.text("url") or settings.site_url  # where Jekyll serves the site
    baseurl = site.config.text("baseurl")
    data = head.hreflang_data(versions, address, baseurl, settings.default_language)
    written.write(head.DATA, head.data_text(data).encode("utf-8"), "the pipeline's pairs")
    written.write(head.INCLUDE, head.TEMPLATE.encode("utf-8"), "the pipeline")
    folders = [site.config.text(f"{k}_dir", f"_{k}") for k in ("layouts", "includes")]
    heads = head.unwired(site.root, folders)
    if heads is None:
        report.problems.append(head.headless_problem(site.name))
    for needed in heads or []:
        if not wire:
            report.problems.append(head.unwired_problem(site.name, needed))
            continue
        try:
            write_atomic(site.root / needed.layout, head.wire(site.root, needed))
        except OutputError as error:
            report.problems.append(error.as_problem())
            continue
        report.done.append(f"wired {written.shown(needed.layout)}:{needed.line}: {needed.wanted}")
