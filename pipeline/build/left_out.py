"""Drafts left off the site for their ``pseudo`` text, told apart from what the plan reads.

A draft that holds ``pseudo`` text is never a page (``pipeline.build.plan``); after an edit of
its original, ``translate`` with the ``pseudo`` engine writes it and its record again: new
wording, a new ``translation:`` block (its ``source_hash``), the same left-out draft. Of such a
draft the plan reads only what decides which versions of its ``ref`` are published and what
they claim (``ref``, ``url``, ``published``, the block's ``from`` and ``status``, every other
key but the texts ``translate`` writes), and the problems its scan gave. ``view`` is the digest
of that; the plan cache keeps it for each draft left out (``plan_cache.remember``), and a
build takes the last plan all the same when a draft left out then is one still, with the same
view, the same lines of keys, warnings and problems (``still_left_out``).
"""

from __future__ import annotations

import os
from stat import S_ISREG
from typing import Any

from pipeline.config import Settings
from pipeline.content import document
from pipeline.content.document import Document
from pipeline.content.parse_cache import FrontMatterMemo
from pipeline.content.scan_cache import signature
from pipeline.content.tree import is_pseudo, validate
from pipeline.errors import ContentError
from pipeline.state.fingerprints import digest
from pipeline.translate import record
from pipeline.translate.record import records_folder

# The keys ``translate`` writes into a draft that the plan of a left-out draft never reads.
TEXTS = frozenset({"title", "excerpt", "ingress-text"})
BLOCK = ("from", "status")  # what the plan reads of its ``translation:`` block


def view(doc: Document) -> str:
    """The digest of what the plan reads of ``doc``, a draft left out (see the module)."""
    kept = {key: value for key, value in doc.metadata.items() if key not in TEXTS}
    block = doc.translation or {}
    kept["translation"] = {key: block.get(key) for key in BLOCK}
    return digest(repr(sorted(kept.items(), key=lambda item: str(item[0]))).encode())


def views(documents: list[Document], left_out: list[str]) -> dict[str, str]:
    """The view of each document of ``left_out`` (by the name it is shown with)."""
    names = set(left_out)
    return {doc.shown: view(doc) for doc in documents if doc.shown in names}


def still_left_out(
    settings: Settings,
    shown: str,
    kept: Any,
    memo: FrontMatterMemo | None,
) -> tuple[str, str] | None:
    """The language and ref of the draft ``shown``, read again, if it was left out for its
    pseudo text with the view ``kept[0]`` and the signature ``kept[1]`` and still is, with
    both the same; else None."""
    path = settings.root / shown
    try:
        if not S_ISREG(os.lstat(path).st_mode):
            return None
        doc = document.read(path, shown, memo)
    except (OSError, ContentError):
        return None
    if view(doc) != kept[0] or signature(doc, validate(doc, settings)) != kept[1]:
        return None
    lang = path.relative_to(settings.content_dir).parts[0]
    if not doc.ref:
        return None
    found = record.load(settings, lang, doc.ref)
    blocks = None if found is None else [block.target for block in found.blocks]
    return (lang, doc.ref) if is_pseudo(doc, settings, blocks) else None


def record_of(settings: Settings, name: str) -> tuple[str, str] | None:
    """The language and ref of the draft whose record is the file ``name`` (as the site
    root shows it); None if ``name`` is not a draft's record."""
    top = settings.relative(records_folder(settings)) + "/"
    if not name.startswith(top) or not name.endswith(".json"):
        return None
    parts = name[len(top) :].removesuffix(".json").split("/")
    return (parts[0], parts[1]) if len(parts) == 2 else None
