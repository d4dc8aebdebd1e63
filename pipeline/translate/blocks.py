"""Blocks: the texts of a document a translator and an engine see, and its body put back.

A body's segmenter (``segments`` for Markdown, ``html_segments`` for HTML) cuts it into
``Block``\\ s, each the span of the body that holds one text, and keeps the body whole in a
``Segmented``: every byte outside the blocks is the skeleton, which ``render`` writes back as
it is around each block's new text. The stage, the record, the review pages and the quality
checks see blocks only, whichever markup the body is in.

>>> body = "<p>Hej</p>\\n<p>Då</p>\\n"
>>> segmented = Segmented(body, [Block("body.1", PARAGRAPH, "Hej", 1, 3, 6),
...                              Block("body.2", PARAGRAPH, "Då", 2, 14, 16)])
>>> render(segmented, ["Hello", None])
'<p>Hello</p>\\n<p>Då</p>\\n'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

PARAGRAPH, HEADING, LIST_ITEM, QUOTE, TABLE_CELL = (
    "paragraph",
    "heading",
    "list item",
    "quote",
    "table cell",
)
TERM, DEFINITION, FOOTNOTE, CAPTION, ALT_TEXT = (
    "term",
    "definition",
    "footnote",
    "caption",
    "alt text",
)
FRONT_MATTER = "front matter"


@dataclass(frozen=True)
class Block:
    """One translatable text of a document.

    ``key`` says where it sits (``title``, ``links[0].title``, ``body.3``); ``kind`` what it
    is; ``text`` its source exactly as written (Markdown for body blocks, HTML for those of an
    ``.html`` body: ``html``); ``line`` its 1-based line in the body (None in front matter).
    """

    key: str
    kind: str
    text: str
    line: int | None = None
    start: int = field(default=0, repr=False, compare=False)
    end: int = field(default=0, repr=False, compare=False)
    continuation: str = field(default="", repr=False, compare=False)
    level: int = field(default=0, repr=False, compare=False)
    setext: bool = field(default=False, repr=False, compare=False)
    html: bool = field(default=False, repr=False, compare=False)


@dataclass
class Segmented:
    """A body cut into blocks, with what rendering and checking need to know about it."""

    body: str
    blocks: list[Block]
    references: dict[str, Any] = field(default_factory=dict)
    unplaced: list[int] = field(default_factory=list)  # lines of text blocks kept as they are

    @property
    def labels(self) -> list[str]:
        """The reference labels the body defines (for masking shortcut links)."""
        return list(self.references)


def render(segmented: Segmented, targets: Sequence[str | None]) -> str:
    """The body with each block's text replaced by its target (None: kept as it is)."""
    return render_with_lines(segmented, targets)[0]


def render_with_lines(segmented: Segmented, targets: Sequence[str | None]) -> tuple[str, list[int]]:
    """``render``, plus the 1-based line of each block in the rendered body."""
    body = segmented.body
    parts: list[str] = []
    lines: list[int] = []
    line = 1
    position = 0
    for block, target in zip(segmented.blocks, targets, strict=True):
        between = body[position : block.start]
        line += between.count("\n")
        lines.append(line)
        if target is None or target == block.text:
            written = body[block.start : block.end]
        else:
            written = ("\n" + block.continuation).join(target.split("\n"))
        parts += [between, written]
        line += written.count("\n")
        position = block.end
    parts.append(body[position:])
    return "".join(parts), lines


def skeleton_hash(segmented: Segmented) -> str:
    """A hash of the body without its blocks' texts: equal for two bodies whose markup
    differs only inside blocks (a draft and its original, an original before and after a
    paragraph was reworded)."""
    marked = render(segmented, ["\x00"] * len(segmented.blocks))
    return hashlib.sha256(marked.encode("utf-8", "surrogatepass")).hexdigest()[:16]
