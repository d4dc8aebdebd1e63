"""The content tree: every document of every site language, validated, and found by ``ref``.

``content/<lang>/`` holds one file per document: Markdown (``.md``), or HTML (``.html``,
a page brought in from a Jekyll site), with YAML front matter. A document is an *original* when it
has no ``translation:`` block and a *draft* when it has one; all language versions of one
document share its ``ref``. A file's name decides its kind: ``YYYY-MM-DD-slug.md`` is a dated
post (news), any other name a page.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path  # noqa: F401 (the examples of the docstrings name it)
from typing import TYPE_CHECKING, Any

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.dates import parse_date
from pipeline.content.document import Document
from pipeline.content.listing import content_listing
from pipeline.errors import TYPE_NAMES, ContentError, Problem, describe
from pipeline.slugs import DATE_PREFIX, is_slug, slugify
from pipeline.translate.engines import looks_pseudo

if TYPE_CHECKING:
    from pipeline.content.parse_cache import FrontMatterMemo
    from pipeline.content.scan_cache import Digests, ScanCache

STATUSES = ("machine", "reviewed", "outdated")
PSEUDO = "pseudo"  # the offline engine: its text is for layout and CI, never published

# Front matter keys the pipeline reads, with the type each must have. Other keys are kept
# as they are and never checked.
TEXT = (str, type(None))
KNOWN_KEYS: dict[str, tuple[type, ...]] = {
    "title": (str,),
    "lang": (str,),
    "ref": TEXT,
    "excerpt": TEXT,
    "ingress-text": TEXT,
    "image": TEXT,
    "thumbnail": TEXT,
    "menu": TEXT,
    "slug": TEXT,
    "published": (bool,),
    "links": (list, type(None)),
    "translation": (dict,),
    "url": (str,),
    "aliases": (list,),
    "section": (str,),
}
URL_REFUSED = re.compile(r"[\x00-\x1f\x7f?#\\]")


def is_post(doc: Document) -> bool:
    """Whether ``doc`` is a dated post (its file name starts with ``YYYY-MM-DD-``)."""
    return bool(DATE_PREFIX.match(doc.path.name))


def slug_of(doc: Document) -> str:
    """The URL slug of ``doc``: its file name without date prefix and suffix."""
    return DATE_PREFIX.sub("", doc.path.stem, count=1)


def is_pseudo(doc: Document, settings: Settings, blocks: Iterable[str] | None = None) -> bool:
    """Whether ``doc`` is a draft that holds text of the ``pseudo`` engine: such a draft is
    never published (``pipeline.build.plan``), and a run of a real engine translates it again.

    Pseudo text is told by the padding that closes all the engine writes (``looks_pseudo``),
    whoever left it there: in a translated front matter value, or in ``blocks``, the texts
    of the draft's blocks as its record holds them (a build does not read thousands of
    bodies for this). Without a record (None), a draft the pseudo engine made that no person
    reviewed counts as one.

    >>> from pipeline.translate.engines import pseudo
    >>> def draft(title="Hello", **block):
    ...     return Document(Path("en/a.md"), {"title": title, "translation": block}, "")
    >>> is_pseudo(Document(Path("sv/a.md"), {"title": "Hej"}, ""), Settings())  # an original
    False
    >>> is_pseudo(draft(pseudo("Hej"), status="reviewed"), Settings())  # a pseudo title
    True
    >>> is_pseudo(draft(status="machine", engine="pseudo"), Settings())  # no record
    True
    >>> is_pseudo(draft(status="machine", engine="pseudo"), Settings(), ["Hello", "Text."])
    False
    >>> is_pseudo(draft(status="outdated", engine="libre"), Settings(), ["Hi", pseudo("Mer.")])
    True
    """
    block = doc.translation
    if block is None:
        return False
    if any(looks_pseudo(text) for _, text in front_matter_texts(doc, settings)):
        return True
    if blocks is None:
        return block.get("engine") == PSEUDO and block.get("status") != "reviewed"
    return any(looks_pseudo(text) for text in blocks)


def validate(doc: Document, settings: Settings) -> list[Problem]:
    """Every problem with the front matter of ``doc`` (types, lang, ref, date, translation)."""
    found: list[Problem] = []
    meta = doc.metadata
    for key, kinds in KNOWN_KEYS.items():
        if key in meta and not isinstance(meta[key], kinds):
            wanted = " or ".join(TYPE_NAMES[k] for k in kinds if k in TYPE_NAMES)
            found.append(doc.problem(f"'{key}' must be {wanted}, not {describe(meta[key])}", key))
    if "title" not in meta:
        found.append(doc.problem("'title' is missing"))
    lang = meta.get("lang")
    if isinstance(lang, str) and lang not in settings.languages:
        found.append(
            doc.problem(
                f"unknown lang '{lang}' (site languages: {', '.join(settings.languages)})", "lang"
            )
        )
    ref = meta.get("ref")
    if isinstance(ref, str) and ref and not is_slug(ref):
        found.append(
            doc.problem(
                f"ref '{ref}' is not a safe slug (lowercase a-z, digits and '-'; "
                f"for example '{slugify(ref)}')",
                "ref",
            )
        )
    if "date" in meta:
        try:
            parse_date(meta["date"], settings.timezone)
        except ValueError as error:
            found.append(doc.problem(str(error), "date"))
    links = meta.get("links")
    if isinstance(links, list):
        for number, link in enumerate(links, start=1):
            if not isinstance(link, dict) or not all(
                isinstance(link.get(k), (str, type(None))) for k in ("title", "url")
            ):
                found.append(
                    doc.problem(
                        f"links: entry {number} must be a mapping with text 'title' and 'url'",
                        "links",
                    )
                )
    translation = meta.get("translation")
    if isinstance(translation, dict):
        found += _validate_translation(doc, translation, settings)
    found += _validate_paths(doc)
    return found


def _validate_paths(doc: Document) -> list[Problem]:
    """``url`` and each of ``aliases``: a whole path of the site (``url_problem``)."""
    found = []
    url = doc.metadata.get("url")
    if isinstance(url, str) and (wrong := url_problem(url)):
        found.append(doc.problem(f"url '{url}' {wrong}", "url"))
    aliases = doc.metadata.get("aliases")
    for number, alias in enumerate(aliases if isinstance(aliases, list) else [], start=1):
        wrong = url_problem(alias) if isinstance(alias, str) else "must be text"
        if wrong:
            found.append(doc.problem(f"aliases: entry {number} {wrong}", "aliases"))
    return found


def url_problem(path: str) -> str | None:
    """What is wrong with ``path`` as a document's ``url`` or one of its ``aliases`` (the
    whole path of a page, under no language's prefix), or None.

    >>> url_problem("/projekt/Medborgarbudget Malmö/"), url_problem("/404.html")
    (None, None)
    >>> url_problem("nyheter/"), url_problem("/a/../b")
    ("must start with '/'", "must not hold '..'")
    >>> url_problem("/a?b=1")
    "must not hold '?', '#', '\\\\' or control characters"
    """
    if not path.startswith("/"):
        return "must start with '/'"
    if ".." in path:
        return "must not hold '..'"
    if URL_REFUSED.search(path):
        return "must not hold '?', '#', '\\' or control characters"
    return None


def _validate_translation(
    doc: Document, block: dict[str, Any], settings: Settings
) -> list[Problem]:
    found = []
    source_lang = block.get("from")
    if source_lang not in settings.languages:
        found.append(
            doc.problem(
                f"translation: 'from' must be one of {', '.join(settings.languages)}", "translation"
            )
        )
    if block.get("status") not in STATUSES:
        found.append(
            doc.problem(
                f"translation: 'status' must be {', '.join(STATUSES)}, not {block.get('status')!r}",
                "translation",
            )
        )
    if not doc.ref:
        found.append(doc.problem("a draft must have the 'ref' of its original", "ref"))
    return found


@dataclass
class Content:
    """All documents under ``content/``, with the problems found while reading them."""

    settings: Settings
    documents: list[Document] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Of the documents taken from a scan cache: their digests, by the name they are shown by.
    digests: dict[str, Digests] = field(default_factory=dict)

    def folder_lang(self, doc: Document) -> str:
        """The language folder ``doc`` lies in."""
        # Compared part by part: a build asks this for every document many times, and
        # ``relative_to`` (or ``content_dir``) makes new paths each time.
        base = self._base_parts
        parts = doc.path.parts
        if parts[: len(base)] != base or len(parts) <= len(base):
            return doc.path.relative_to(self.settings.content_dir).parts[0]  # raises
        return parts[len(base)]

    @functools.cached_property
    def _base_parts(self) -> tuple[str, ...]:
        return self.settings.content_dir.parts

    def in_language(self, lang: str) -> list[Document]:
        """The documents of ``content/<lang>/``."""
        return [d for d in self.documents if self.folder_lang(d) == lang]

    def versions(self) -> dict[str, dict[str, list[Document]]]:
        """Every ref with its documents per language (usually one each)."""
        found: dict[str, dict[str, list[Document]]] = defaultdict(lambda: defaultdict(list))
        for doc in self.documents:
            if doc.ref:
                found[doc.ref][self.folder_lang(doc)].append(doc)
        return found

    def originals(self) -> Iterator[Document]:
        """Documents with no ``translation:`` block."""
        return (d for d in self.documents if d.is_original)

    def drafts(self) -> Iterator[Document]:
        """Documents with a ``translation:`` block."""
        return (d for d in self.documents if not d.is_original)

    @functools.cached_property
    def pseudo(self) -> frozenset[str]:
        """The drafts that hold ``pseudo`` text (``is_pseudo``), by the name they are shown
        with; asked for once the scan is done. Each is judged by its front matter and its
        record (each language's records are listed once: a site without them reads none)."""
        from pipeline.translate import record

        recorded = {
            lang: record.recorded_refs(self.settings, lang) for lang in self.settings.languages
        }
        found = set()
        for doc in self.drafts():
            lang = self.folder_lang(doc)
            blocks = None
            if doc.ref in recorded.get(lang, ()):
                kept = record.load(self.settings, lang, doc.ref)
                blocks = None if kept is None else [b.target for b in kept.blocks]
            if is_pseudo(doc, self.settings, blocks):
                found.add(doc.shown)
        return frozenset(found)


def scan(
    settings: Settings,
    memo: FrontMatterMemo | None = None,
    known: ScanCache | None = None,
    bodies: bool = True,
) -> Content:
    """Read and validate every document of every site language (front matter through
    ``memo``, if given; a file ``known`` holds as it is now is taken from there, unread).
    Without ``bodies``, no document holds its body, read again from its file if asked for
    (a run that needs few: thousands of bodies at once are most of its memory)."""
    if not bodies:
        from pipeline.content.scan_cache import LazyBody
    content = Content(settings)
    if settings.content_dir.is_dir():
        for entry in sorted(settings.content_dir.iterdir()):
            if entry.name not in settings.languages and not entry.name.startswith("."):
                content.problems.append(
                    Problem(
                        settings.relative(entry),
                        None,
                        f"not a site language ({', '.join(settings.languages)}); ignored",
                        warning=True,
                    )
                )
    for lang in settings.languages:
        base = settings.content_dir / lang
        listed, refused = content_listing(settings, lang)
        content.problems += refused
        folder = settings.relative(base)  # each file's name is made from it, not found again
        for parts in listed:
            path, shown = base.joinpath(*parts), "/".join((folder, *parts))
            found = known.get(path, shown) if known is not None else None
            if found is not None:
                doc, problems = found
            else:
                try:
                    doc = document.read(path, shown, memo)
                except ContentError as error:
                    content.problems.append(error.as_problem())
                    continue
                problems = validate(doc, settings)
                if known is not None:
                    known.put(doc, problems)
                if not bodies:
                    doc = LazyBody.of(doc)
            content.problems += doc.warnings
            content.problems += problems
            content.documents.append(doc)
    content.problems += duplicate_refs(content)
    if known is not None:
        content.digests = known.digests
    return content


def duplicate_refs(content: Content) -> list[Problem]:
    """Two originals (or two drafts) of one language that claim the same ``ref``."""
    found = []
    for ref, languages in sorted(content.versions().items()):
        for lang, docs in sorted(languages.items()):
            for kind in (True, False):
                same = [d for d in docs if d.is_original is kind]
                for later in same[1:]:
                    found.append(
                        later.problem(
                            f"ref '{ref}' is also claimed by {same[0].shown} (in '{lang}'); "
                            "give one of them another ref",
                            "ref",
                        )
                    )
    return found


def translatable_texts(doc: Document, settings: Settings) -> list[tuple[str, str]]:
    """Every translatable text of ``doc`` with where it sits: the front matter keys named by
    the ``translatable`` setting (``key`` or ``key[].sub``), then ``body``.

    >>> doc = Document(Path("a.md"), {"title": "Hej", "links": [{"title": "Länk", "url": "u"}]},
    ...                "Text.\\n")
    >>> translatable_texts(doc, Settings())
    [('title', 'Hej'), ('links[0].title', 'Länk'), ('body', 'Text.\\n')]
    """
    return [*front_matter_texts(doc, settings), ("body", doc.body)]


def front_matter_texts(doc: Document, settings: Settings) -> list[tuple[str, str]]:
    """The translatable front matter values of ``doc`` (``translatable_texts`` without the
    body, which is not read for them)."""
    found: list[tuple[str, str]] = []
    for spec in settings.translatable:
        key, _, sub = spec.partition("[].")
        value = doc.metadata.get(key)
        if not sub and isinstance(value, str):
            found.append((key, value))
        elif sub and isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict) and isinstance(item.get(sub), str):
                    found.append((f"{key}[{index}].{sub}", item[sub]))
    return found


def source_hash(doc: Document, settings: Settings) -> str:
    """Hash of the translatable text of an original: a draft records it as ``source_hash``
    when it is made or reviewed, and is out of date when the original's hash differs."""
    canonical = json.dumps(translatable_texts(doc, settings), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:16]
