"""The ``ref`` and the file name of each posting of a Jekyll site.

A Jekyll site pairs its language versions within one collection: by a ``ref`` written as
people write them (``Nya Medarbetare 2021``, ``Open.Data.2022``), or by file name alone
(``integritet.md`` beside ``integritet-en.md``). The pipeline pairs by ``ref`` across the
whole site, so each group of versions gets one ref, a slug, the same in every file of the
group: its own ref made a slug (said at its line), the shared name of a pair by file name,
else the file's own name. A ref a group of another collection has already (``civic-tech``,
a post and a client) is prefixed with the collection's name (``uppdrag-civic-tech``,
said in both files). Posts come first, then pages, then the collections in the order of
``_config.yml``.

A posting's name in ``content/<lang>/`` is that of its file (a post's with its date); a
folder's ``index.md`` is named by the folder (that of a language's own folder ``index``);
where two of one language would share a name, the later one is named by its whole path.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pipeline.config import Settings
from pipeline.errors import Problem
from pipeline.ingest.jekyll import POST_NAME, Posting, Site
from pipeline.ingest.names import file_name
from pipeline.slugs import is_slug, ref_from_filename, slugify


def order(postings: Sequence[Posting], site: Site) -> list[Posting]:
    """``postings`` in the order they choose refs and names: posts, pages, collections."""
    labels = ["posts", "pages", *site.config.collections]
    return sorted(postings, key=lambda p: (labels.index(p.entry.collection), p.entry.relative))


def _stem(posting: Posting) -> str:
    """A posting's file name without its extension and, for a post, its date."""
    dated = POST_NAME.match(posting.entry.path.name)
    return (
        dated.group(2) if dated and posting.entry.collection == "posts" else posting.entry.path.stem
    )


def share_refs(postings: Sequence[Posting], site: Site, settings: Settings) -> list[Problem]:
    """Give each posting its ``ref`` (after ``name_postings``); the warnings that say which
    were changed and why."""
    problems: list[Problem] = []
    groups: dict[tuple[str, ...], list[Posting]] = {}
    unreffed = {
        (p.entry.collection, p.entry.folder, _stem(p), p.lang): p for p in postings if not _given(p)
    }
    for posting in order(postings, site):
        key = _group(posting, unreffed, settings.languages, problems)
        groups.setdefault(key, []).append(posting)
    taken: dict[str, Posting] = {}
    for key, members in groups.items():
        first = members[0]
        wanted = key[-1] or ref_from_filename(Path(first.name).stem)
        ref = wanted
        if ref in taken and key[0] == "ref":
            ref = f"{slugify(first.entry.collection)}-{wanted}"
            problems += [_prefixed(p, wanted, ref, taken[wanted]) for p in members]
        elif ref in taken:
            ref = slugify(Path(first.name).stem)
        number = 2
        while ref in taken:
            ref, number = f"{wanted}-{number}", number + 1
        taken[ref] = first
        for posting in members:
            posting.ref = ref
    return problems


def _prefixed(posting: Posting, wanted: str, ref: str, other: Posting) -> Problem:
    return posting.doc.problem(
        f"ref '{wanted}' is also the ref of {other.doc.shown} ({other.entry.collection}), "
        f"another thing: here it is '{ref}'",
        "ref",
        warning=True,
    )


def _given(posting: Posting) -> str | None:
    """The ``ref`` a posting's front matter gives (a number counts as its text)."""
    given = posting.doc.metadata.get("ref")
    if isinstance(given, (int, float)) and not isinstance(given, bool):
        given = str(given)
    return given.strip() if isinstance(given, str) and given.strip() else None


def _group(
    posting: Posting,
    unreffed: dict[tuple[str, str, str, str], Posting],
    languages: Sequence[str],
    problems: list[Problem],
) -> tuple[str, ...]:
    """Which versions ``posting`` belongs with, the ref they want last: its collection and
    its ref made a slug; or the name it shares with a version in another language in its
    folder (``x`` of ``x.md`` and ``x-en.md``); or itself alone (its ref from its name)."""
    given = _given(posting)
    if given is not None:
        ref = given if is_slug(given) else slugify(given)
        if ref != given:
            problems.append(
                posting.doc.problem(
                    f"ref '{given}' is now '{ref}' (a ref is a slug; every file that shares "
                    "it gets the same)",
                    "ref",
                    warning=True,
                )
            )
        return ("ref", posting.entry.collection, ref)
    place = (posting.entry.collection, posting.entry.folder)
    stem = _stem(posting)
    base = stem.removesuffix(f"-{posting.lang}")
    if base != stem and any(
        (*place, base, lang) in unreffed for lang in languages if lang != posting.lang
    ):
        return ("name", *place, slugify(base))
    if any(
        (*place, f"{stem}-{lang}", lang) in unreffed for lang in languages if lang != posting.lang
    ):
        return ("name", *place, slugify(stem))
    return ("own", posting.entry.relative, "")


def name_postings(postings: Sequence[Posting], site: Site, timezone: str) -> None:
    """Give each posting its file name in ``content/<lang>/``, none twice in a language (a
    post's date, its ``date``, is put before it by ``file_name``)."""
    taken: set[tuple[str, str]] = set()
    for posting in order(postings, site):
        entry, doc = posting.entry, posting.doc
        suffix = ".md" if posting.markdown else ".html"
        post = entry.collection == "posts"
        stem = _stem(posting)
        if stem == "index" and entry.folder and entry.folder != posting.lang:
            stem = entry.folder.rsplit("/", 1)[-1]  # a folder's landing page
        name = file_name(doc, stem, post, timezone, suffix)
        if (posting.lang, name) in taken:  # named by its whole path, then numbered
            whole = f"{entry.folder.replace('/', '-')}-{stem}"
            name = file_name(doc, whole, post, timezone, suffix)
        base, number = name.removesuffix(suffix), 2
        while (posting.lang, name) in taken:
            name, number = f"{base}-{number}{suffix}", number + 1
        taken.add((posting.lang, name))
        posting.name = name
