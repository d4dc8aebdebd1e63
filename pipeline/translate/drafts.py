"""A draft's file: its front matter, built from its original's, and its name.

A draft's front matter follows its original's key order, with the translatable values
translated, ``lang`` set, the keys of one version only left out (``PER_VERSION``: a draft
has its own path and old paths, and the original's ``published`` governs its drafts; a draft
may carry its own of each), the keys only the draft has kept, and the ``translation:`` block
last. Its file name is a slug of the translated title (with the original's date prefix for a
post; ``.html`` for an original in HTML), fixed once the draft exists; while the title is only
``pseudo`` text, the name is its original's, and the draft is renamed once when its title
is first translated for real (``pipeline.translate.stage``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from pipeline.config import Settings
from pipeline.content.document import Document
from pipeline.content.tree import is_post, slug_of
from pipeline.errors import OutputError
from pipeline.files import inside
from pipeline.slugs import DATE_PREFIX, slugify
from pipeline.translate import html_segments
from pipeline.translate.segments import front_matter_blocks, set_value

PER_VERSION = ("url", "aliases", "slug", "published")
"""Front matter keys never copied from an original to its drafts: each version's own."""


def key_line(text: str, key: str) -> int | None:
    """The 1-based line of the top-level key holding ``key`` in a document's text."""
    top = key.split("[", 1)[0]
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(f"{top}:"):
            return number
    return None


def draft_metadata(
    original: Document,
    target: str,
    draft: Document | None,
    values: dict[str, Any],
    settings: Settings,
    translation: dict[str, Any],
) -> dict[str, Any]:
    """A draft's front matter: the original's keys in its order (those of ``PER_VERSION``
    aside), translated values set, ``lang`` set, then keys only the
    draft has, then ``translation:`` (with any keys of the draft's own block kept after
    ours). ``values`` holds the translated texts by key; a draft's own metadata will do."""
    metadata: dict[str, Any] = {}
    for key, value in original.metadata.items():
        if key not in PER_VERSION:
            metadata[key] = copy.deepcopy(value)
    for block in front_matter_blocks(original, settings):
        value = _lookup(values, block.key)
        if isinstance(value, str):
            set_value(metadata, block.key, value)
    metadata["lang"] = target
    own = draft.metadata if draft else {}
    for key, value in own.items():
        if key not in metadata and key != "translation":
            metadata[key] = value
    block = dict(translation)
    for key, value in (own.get("translation") or {}).items():
        block.setdefault(key, value)
    metadata["translation"] = block
    return metadata


def current_metadata(original: Document, draft: Document, settings: Settings) -> dict[str, Any]:
    """What the front matter of a current draft should be: its own translated values and
    translation block, with the original's other keys and its file as they are now."""
    translation = dict(draft.translation or {})
    translation["from"] = original.lang
    translation["source"] = under_content(original, settings)
    assert draft.lang is not None
    return draft_metadata(original, draft.lang, draft, draft.metadata, settings, translation)


def _lookup(values: dict[str, Any], key: str) -> Any:
    """``values[key]``, where ``key`` may name a value inside a list (``links[0].title``)."""
    if key in values:
        return values[key]
    head, _, rest = key.partition("[")
    if not rest:
        return None
    index, _, sub = rest.partition("].")
    items = values.get(head)
    if isinstance(items, list) and int(index) < len(items) and isinstance(items[int(index)], dict):
        return items[int(index)].get(sub)
    return None


def under_content(doc: Document, settings: Settings) -> str:
    """``doc``'s path under ``content/`` (``sv/a.md``), as ``translation.source`` names it."""
    return doc.path.relative_to(settings.content_dir).as_posix()


def new_path(
    original: Document, target: str, title: Any, settings: Settings, current: Path | None = None
) -> Path:
    """``content/<target>/`` + the original's folder + a slug of the translated title (of
    the original's name without a title: a ``pseudo`` one), with the original's date prefix
    for a post; ``-2``, ``-3``... if that name is taken (by another file than ``current``,
    the draft's own)."""
    folder = original.path.parent.relative_to(settings.content_dir / str(original.lang))
    prefix = DATE_PREFIX.match(original.path.name).group(0) if is_post(original) else ""  # type: ignore[union-attr]
    suffix = html_segments.SUFFIX if original.path.suffix == html_segments.SUFFIX else ".md"
    slug = slugify(title if isinstance(title, str) and title.strip() else slug_of(original))
    for number in range(1, 1000):
        name = f"{prefix}{slug}{'' if number == 1 else f'-{number}'}{suffix}"
        path = inside(settings.content_dir, target, *folder.parts, name)
        if path == current or not path.exists():
            return path
    raise OutputError("no free file name for the draft", path=str(original.shown))
