"""The line of each block of a draft's body, kept for the run by the body's digest.

The translate stage segments every draft it looks at (to match its wording to the
original's blocks); the glossary check of ``pipeline check``, in the same process under
``pipeline all``, needs the lines of the same drafts' blocks for its messages, and segmenting
a body again costs as much as the first time (markdown-it). So translate keeps what it
found here (``keep``), the glossary check takes it (``lines``) and then lets it go
(``clear``). The key is the body's digest (and whether it is HTML), so a draft written or
changed since is segmented anew; ``check`` run alone finds nothing here and segments itself.
"""

from __future__ import annotations

import hashlib

from pipeline.content.document import Document
from pipeline.translate.segments import Block, is_html

Lines = dict[str, int | None]  # a block's key: its line in the body (None: front matter)

_KEPT: dict[bytes, Lines] = {}


def _digest(doc: Document) -> bytes:
    flag = b"html\0" if is_html(doc) else b"md\0"
    return hashlib.blake2b(flag + doc.body.encode("utf-8"), digest_size=16).digest()


def keep(doc: Document, blocks: list[Block]) -> None:
    """Keep the lines of ``blocks``, all of ``doc``'s (``segments.document_blocks``)."""
    _KEPT[_digest(doc)] = {block.key: block.line for block in blocks}


def lines(doc: Document) -> Lines | None:
    """The lines of the blocks of a document with ``doc``'s body, if a stage of this run
    segmented one (else None)."""
    return _KEPT.get(_digest(doc))


def clear() -> None:
    """Let every kept line go (the glossary check, their last reader, is done)."""
    _KEPT.clear()
