"""Where a Jekyll site keeps a language's version of a document, learned from the site.

A site shows its convention in the pairs it has: the English version of ``_posts/x.md`` in
``en/_posts/``, of ``_projekt/x.md`` in ``_projekt/en/`` (a language's folder, at some depth
among the original's folders), or of ``integritet.md`` beside it as ``integritet-en.md``
(a suffix). Each collection follows the convention most of its pairs follow; a collection
without pairs follows what ``_config.yml``'s ``defaults:`` imply (a scope ``_uppdrag/en``
that sets ``lang: en``), else the convention of the site's other pairs, else the suffix.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from pipeline.ingest.jekyll import Config


@dataclass(frozen=True)
class Convention:
    """How a language's version is placed: in a folder named by the language, inserted at
    ``depth`` among the original's folders (``folder``), or beside the original with
    ``-LANG`` after its name (``suffix``)."""

    kind: str
    depth: int = 0

    def __str__(self) -> str:
        return f"a language's folder at depth {self.depth}" if self.kind == "folder" else "-LANG"


SUFFIX = Convention("suffix")


@dataclass(frozen=True)
class Sample:
    """One pair of the site: the collection, the language of the version, and the paths
    (from the site's top) of the original and of the version."""

    collection: str
    lang: str
    original: str
    version: str


def convention_of(sample: Sample) -> Convention | None:
    """The convention one pair follows; None when it follows neither.

    >>> convention_of(Sample("posts", "en", "_posts/a.md", "en/_posts/b.md"))
    Convention(kind='folder', depth=0)
    >>> convention_of(Sample("projekt", "en", "_projekt/a.md", "_projekt/en/a.md"))
    Convention(kind='folder', depth=1)
    >>> convention_of(Sample("pages", "en", "integritet.md", "integritet-en.md"))
    Convention(kind='suffix', depth=0)
    """
    original, version = PurePosixPath(sample.original), PurePosixPath(sample.version)
    folders, theirs = original.parent.parts, version.parent.parts
    if sample.lang in theirs and sample.lang not in folders:
        return Convention("folder", theirs.index(sample.lang))
    if folders == theirs and version.stem.endswith(f"-{sample.lang}"):
        return SUFFIX
    return None


def learn(samples: Iterable[Sample], config: Config, lang: str) -> dict[str, Convention]:
    """The convention of each collection of the site for ``lang`` (``*``: the site's own,
    for a collection that has no pairs and no ``defaults:`` that say)."""
    votes: dict[str, Counter[Convention]] = {}
    everywhere: Counter[Convention] = Counter()
    for sample in samples:
        found = convention_of(sample) if sample.lang == lang else None
        if found is not None:
            votes.setdefault(sample.collection, Counter())[found] += 1
            everywhere[found] += 1
    learned = {label: counter.most_common(1)[0][0] for label, counter in votes.items()}
    for label in ("posts", "pages", *config.collections):
        if label not in learned:
            implied = _implied(config, label, lang)
            if implied is not None:
                learned[label] = implied
    learned["*"] = everywhere.most_common(1)[0][0] if everywhere else SUFFIX
    return learned


def _implied(config: Config, label: str, lang: str) -> Convention | None:
    """The folder convention ``defaults:`` imply for a collection: a scope whose path ends
    with the language's folder and sets ``lang`` to it, right below the collection's own
    folder (the top for pages and posts)."""
    home = "" if label in ("posts", "pages") else f"_{label}"
    folder = config.text("collections_dir").strip("/")
    if home and folder:
        home = f"{folder}/{home}"
    for rule in config.defaults:
        values: Any = rule.get("values") if isinstance(rule, dict) else None
        scope: Any = rule.get("scope") if isinstance(rule, dict) else None
        if not isinstance(values, dict) or values.get("lang") != lang:
            continue
        path = str(scope.get("path") or "") if isinstance(scope, dict) else ""
        parts = PurePosixPath(path.strip("/")).parts
        if parts and parts[-1] == lang and "/".join(parts[:-1]) == home:
            return Convention("folder", len(parts) - 1)
    return None


def place(original: str, name: str, lang: str, convention: Convention) -> str:
    """The path of the ``lang`` version of the document at ``original``: named ``name``
    (the draft's file name) in the language's folder, or after the original with ``-LANG``.

    >>> place("_posts/2019-11-20-arsmote.md", "2019-11-20-annual-meeting.md", "en",
    ...       Convention("folder", 0))
    'en/_posts/2019-11-20-annual-meeting.md'
    >>> place("_projekt/skolval.md", "school-choice.md", "en", Convention("folder", 1))
    '_projekt/en/school-choice.md'
    >>> place("om/integritet.md", "privacy.md", "en", SUFFIX)
    'om/integritet-en.md'
    """
    path = PurePosixPath(original)
    if convention.kind == "suffix":
        suffix = PurePosixPath(name).suffix or path.suffix
        return str(path.with_name(f"{path.stem}-{lang}{suffix}"))
    folders = list(path.parent.parts)
    folders.insert(min(convention.depth, len(folders)), lang)
    return str(PurePosixPath(*folders, name))
