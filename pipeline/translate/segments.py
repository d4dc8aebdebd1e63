"""Segmenting: a Markdown body as the blocks a translator and an engine see, and back.

A document's translatable text is its translatable front matter values and the blocks of its
body that hold text. In a Markdown body, found with the site's own parser
(``pipeline.content.markdown_syntax``), these are paragraphs, headings, list items, quotes,
table cells, the terms and definitions of definition lists, and footnotes. Everything else
(code blocks, HTML blocks, reference definitions, attribute lists on a line of their own,
blank lines, list markers, quote marks, ``: `` and ``[^1]: ``) is the skeleton: ``render``
(``blocks``) writes a body with each block's text replaced and every other byte kept, so a
draft has the same block structure as its original. An ``.html`` body is segmented by
``html_segments``, into blocks of the same kinds.

>>> segmented = segment("# Rubrik\\n\\n* Ett\\n* Två\\n\\n```\\nkod\\n```\\n")
>>> [(b.kind, b.text) for b in segmented.blocks]
[('heading', 'Rubrik'), ('list item', 'Ett'), ('list item', 'Två')]
>>> render(segmented, ["Heading", "One", None])
'# Heading\\n\\n* One\\n* Två\\n\\n```\\nkod\\n```\\n'
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Any

from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.token import Token

from pipeline.config import Settings
from pipeline.content.document import Document
from pipeline.content.markdown_syntax import ATTRIBUTES, markdown_parser
from pipeline.content.tree import translatable_texts
from pipeline.translate import html_segments

# The blocks' interface, imported from here by the rest of the stage.
from pipeline.translate.blocks import (
    DEFINITION,
    FOOTNOTE,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE_CELL,
    TERM,
)
from pipeline.translate.blocks import FRONT_MATTER as FRONT_MATTER
from pipeline.translate.blocks import Block as Block
from pipeline.translate.blocks import Segmented as Segmented
from pipeline.translate.blocks import render as render
from pipeline.translate.blocks import render_with_lines as render_with_lines
from pipeline.translate.blocks import skeleton_hash as skeleton_hash
from pipeline.translate.cells import place_cell
from pipeline.translate.link_syntax import reference_context
from pipeline.translate.masking import (
    ATTRIBUTE_LIST_SYNTAX,
    HTML,
    LIQUID,
    PLAIN_MASKERS,
    Masker,
    markdown_maskers,
)

MARKDOWN = markdown_parser()
"""The Markdown parser whose block structure drafts keep: the site's (raw HTML read as HTML)."""
BLOCKS = markdown_parser().disable("inline")
"""The same parser without its inline pass, for a body without footnotes (no ``[^``, no
``^[``): the blocks it gives are the same (only a footnote, found inline, changes the blocks
of a body), and it takes 40% less time than the whole parse, the most of segmenting."""

CHECKS_KEPT = 65_536  # the checks remembered (``_markdown_check``), the latest used
TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
ATTRIBUTE_LINE = re.compile(rf"[ \t]*{ATTRIBUTE_LIST_SYNTAX}[ \t]*")
# The tokens that open a container of text blocks, and the kind of the blocks inside.
CONTAINERS = {
    "list_item_open": LIST_ITEM,
    "blockquote_open": QUOTE,
    "dd_open": DEFINITION,
    "footnote_open": FOOTNOTE,
}
CLOSERS = {"list_item_close", "blockquote_close", "dd_close", "footnote_close"}


def segment(body: str) -> Segmented:
    """The text blocks of a Markdown body, in the order of the body (markdown-it moves
    footnotes to the end; their blocks stay where they are written)."""
    env: dict[str, Any] = {}
    tokens = (MARKDOWN if "[^" in body or "^[" in body else BLOCKS).parse(body, env)
    lines = body.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    result = Segmented(body, [], env.get("references", {}))
    found: list[Block] = []
    containers: list[str] = []
    cell = 0
    for index, token in enumerate(tokens):
        if token.type in CONTAINERS:
            containers.append(CONTAINERS[token.type])
        elif token.type in CLOSERS:
            containers.pop()
        elif token.type == "tr_open":
            cell = 0
        elif token.type == "inline" and not token.content:
            if tokens[index - 1].type in ("th_open", "td_open"):
                cell += 1  # an empty cell: nothing to translate, but the next one is further on
        elif token.type == "inline" and token.map:
            parent = tokens[index - 1]
            if parent.type in ("th_open", "td_open"):
                cell += 1
                placed = place_cell(lines, offsets, token.map[0], cell - 1, tokens, index)
                kind = TABLE_CELL
            elif parent.type == "heading_open":
                placed = _place_heading(lines, offsets, parent, token)
                kind = HEADING
            else:
                placed = _place_lines(lines, offsets, token.map[0], token.content)
                kind = TERM if parent.type == "dt_open" else (containers or [PARAGRAPH])[-1]
            if placed is None:
                result.unplaced.append(token.map[0] + 1)
                continue
            first = kind == LIST_ITEM and tokens[index - 2].type == "list_item_open"
            found.append(_block(body, kind, token, parent, placed, first))
    found.sort(key=lambda block: block.start)
    result.blocks = [_numbered(b, n) for n, b in enumerate(found, start=1)]
    return result


def _block(
    body: str,
    kind: str,
    token: Token,
    parent: Token,
    placed: tuple[int, int, str],
    first: bool,
) -> Block:
    """A block of ``kind`` (numbered once all are found), from its inline token (``parent``
    is the token that opens it) and its place; ``first`` if it starts a list item, whose task
    list box (``[ ]``, ``[x]``, GitHub's) is list syntax like the ``-`` before it, not text."""
    assert token.map is not None
    start, end, continuation = placed
    lines = token.content.split("\n")
    lo, hi = _kept_lines(lines)
    content = "\n".join(lines[lo : hi + 1])
    box = TASK_BOX.match(content) if first and not lo else None
    if box and box.end() < len(content):
        start, content = start + box.end(), content[box.end() :]
    raw = body[start:end]
    return Block(
        "",
        kind,
        # A block's text is its source without container prefixes: the raw text on one
        # line (table cells keep their escapes), else markdown-it's content.
        raw if "\n" not in raw else content,
        token.map[0] + 1 + lo,
        start,
        end,
        continuation,
        int(parent.tag[1]) if kind == HEADING else 0,
        kind == HEADING and not parent.markup.startswith("#"),
    )


def _numbered(block: Block, number: int) -> Block:
    """``block`` as the ``number``-th of its body (``dataclasses.replace``, without its cost)."""
    b, key = block, f"body.{number}"
    return Block(
        key, b.kind, b.text, b.line, b.start, b.end, b.continuation, b.level, b.setext, b.html
    )


def _place_lines(
    lines: list[str], offsets: list[int], first: int, content: str
) -> tuple[int, int, str] | None:
    """Where a paragraph's (or setext heading's) content sits: each content line is the end
    of its source line, after the container prefix (``> ``, list indentation); attribute
    lines before and after it aside (``_kept_lines``)."""
    content_lines = content.split("\n")
    if first + len(content_lines) > len(lines):
        return None
    prefixes = []
    last = len(content_lines) - 1
    for number, text in enumerate(content_lines):
        raw = lines[first + number]
        if number == last:
            raw = raw.rstrip(MD_TRIM_CHARS)
        if not raw.endswith(text):
            return None  # tabs expanded by the parser: keep the block as it is
        prefixes.append(raw[: len(raw) - len(text)])
    lo, hi = _kept_lines(content_lines)
    start = offsets[first + lo] + len(prefixes[lo])
    end = offsets[first + hi] + len(prefixes[hi]) + len(content_lines[hi])
    return start, end, prefixes[lo + 1] if hi > lo else _indent_of(prefixes[lo])


def _kept_lines(content_lines: list[str]) -> tuple[int, int]:
    """The first and last line of a paragraph's content that are not attribute lists
    (kramdown's ``{: .class}`` on a line before or after a block: text to markdown-it), so
    that those stay in the skeleton, where they are; all lines when every one is one."""
    kept = [
        n
        for n, text in enumerate(content_lines)
        if "{" not in text or not ATTRIBUTE_LINE.fullmatch(text)  # (no brace: no list)
    ]
    return (kept[0], kept[-1]) if kept else (0, len(content_lines) - 1)


def _indent_of(prefix: str) -> str:
    """The prefix of continuation lines after a first line with ``prefix``: quote marks kept,
    list markers turned into spaces (``* `` gives ``  ``, ``> 1. `` gives ``>    ``)."""
    return re.sub(r"[^>\s]", " ", prefix)


def _place_heading(
    lines: list[str], offsets: list[int], opening: Token, inline: Token
) -> tuple[int, int, str] | None:
    assert inline.map is not None
    if not opening.markup.startswith("#"):
        return _place_lines(lines, offsets, inline.map[0], inline.content)
    raw = lines[inline.map[0]]
    after = raw.find(opening.markup) + len(opening.markup)
    found = raw.find(inline.content, after)
    if after < len(opening.markup) or found < 0:
        return None
    start = offsets[inline.map[0]] + found
    return start, start + len(inline.content), ""


# --- checks ------------------------------------------------------------------------------


def check(block: Block, target: str, references: dict[str, Any] | None = None) -> str | None:
    """Why ``target`` cannot stand in for ``block`` in a draft, or None if it can.

    The target must have the block's Markdown: the same links, images, code, HTML, emphasis,
    footnotes and attributes, and nothing that would turn it into another kind of block (an
    HTML block's target, the same tags: ``html_segments.check``).

    >>> paragraph = segment("Läs **mer**.\\n").blocks[0]
    >>> check(paragraph, "Read **more**."), check(paragraph, "Read more.")
    (None, 'the Markdown differs: bold lost')
    """
    if block.kind == FRONT_MATTER:
        for masker in (HTML, LIQUID):
            if _count(masker, target) != _count(masker, block.text):
                return f"the {masker.name}s differ from the original's"
        return None
    if block.html:
        return html_segments.check(block, target)
    env = {"references": references or {}}
    key = (block.kind, block.level, block.setext, block.text, target, repr(env))
    if key not in _CHECKED:
        if len(_CHECKED) >= CHECKS_KEPT:
            _CHECKED.clear()
        _CHECKED[key] = _markdown_check(block, target, env)
    return _CHECKED[key]


_CHECKED: dict[tuple[Any, ...], str | None] = {}
"""What ``check`` found for a Markdown block (by all it depends on: the block's kind,
level, setext and text, the target, the document's references as written out).

Remembered, as what a pure function gives: a run checks the same wording for the same
source again and again (each block the memory gives a draft is checked, and the memory
gives most blocks of a site whose postings share paragraphs). On the 1,000-posting bench
corpus, a first run with ``pseudo`` checked 34,146 blocks, 11,380 of them distinct:
remembering took translate's first run from 12.8 s to 9.6 s of CPU (25%).
"""


def _markdown_check(block: Block, target: str, env: dict[str, Any]) -> str | None:
    before, after = _signature(block.text, env), _signature(target, env)
    if before != after:
        lost, added = before - after, after - before
        what = [f"{', '.join(sorted(lost))} lost"] if lost else []
        what += [f"{', '.join(sorted(added))} added"] if added else []
        return f"the Markdown differs: {'; '.join(what)}"
    if _standalone(block, block.text, env) and not _standalone(block, target, env):
        return f"the text would no longer be one {block.kind}"
    return None


def _count(masker: Masker, text: str) -> int:
    return sum(1 for _ in masker.find(text))


def _signature(text: str, env: dict[str, Any]) -> Counter[str]:
    """The Markdown of inline text, without its words: link targets, images, code, tags,
    emphasis, footnotes, and the ids and classes set on them."""
    found: Counter[str] = Counter()
    stack = list(MARKDOWN.parseInline(text, copy.deepcopy(env)))
    while stack:
        token = stack.pop()
        stack += token.children or []
        if token.type in ("inline", "text", "softbreak", "text_special") or token.nesting == -1:
            continue
        name = _MARKUP.get(token.type, token.type)
        detail = {
            "link_open": token.attrGet("href"),
            "image": token.attrGet("src"),
            "code_inline": f"`{token.content}`",
            "html_inline": token.content,
            "footnote_ref": f"[^{token.meta.get('label')}]",
        }.get(token.type)
        listed = " ".join(f"{k}={token.attrs[k]}" for k in ATTRIBUTES if k in token.attrs)
        if listed:
            detail = f"{detail or ''} {{{listed}}}".strip()
        found[f"{name} {detail}" if detail else name] += 1
    return found


_MARKUP = {
    "link_open": "link to",
    "image": "image",
    "code_inline": "code",
    "html_inline": "HTML",
    "strong_open": "bold",
    "em_open": "emphasis",
    "footnote_ref": "footnote",
    "hardbreak": "line break",
}


def _standalone(block: Block, text: str, env: dict[str, Any]) -> bool:
    """Whether ``text`` alone parses as one block of ``block``'s kind."""
    if block.kind == TABLE_CELL:
        return "\n" not in text and not re.search(r"(?<!\\)\|", text)
    if block.kind == TERM and "\n" in text:
        return False  # a term is one line
    if block.kind == HEADING:
        underline = "===" if block.level == 1 else "---"
        source = f"{text}\n{underline}" if block.setext else f"{'#' * block.level} {text}"
        expected = ["heading_open", "inline", "heading_close"]
    else:
        source = text
        expected = ["paragraph_open", "inline", "paragraph_close"]
    tokens = MARKDOWN.parse(source, copy.deepcopy(env))
    return [t.type for t in tokens] == expected and tokens[1].content == text.strip(MD_TRIM_CHARS)


# --- whole documents ---------------------------------------------------------------------


def front_matter_blocks(doc: Document, settings: Settings) -> list[Block]:
    """The translatable front matter values of ``doc`` that hold text."""
    return [
        Block(key, FRONT_MATTER, text)
        for key, text in translatable_texts(doc, settings)
        if key != "body" and text.strip()
    ]


def is_html(doc: Document) -> bool:
    """Whether ``doc``'s body is HTML (an ``.html`` document), not Markdown."""
    return doc.path.suffix == html_segments.SUFFIX


def recorded_block(doc: Document, key: str, kind: str, text: str) -> Block:
    """A block of ``doc`` as a draft's record keeps it (key, kind and text), to be checked."""
    return Block(key, kind, text, html=kind != FRONT_MATTER and is_html(doc))


def document_blocks(doc: Document, settings: Settings) -> tuple[list[Block], Segmented]:
    """A document's blocks (front matter values, then the body's) and its segmented body
    (a Markdown body, or the HTML of an ``.html`` document)."""
    segmented = html_segments.segment(doc.body) if is_html(doc) else segment(doc.body)
    return front_matter_blocks(doc, settings) + segmented.blocks, segmented


def set_value(metadata: dict[str, Any], key: str, value: str) -> None:
    """Set a front matter value named as ``translatable_texts`` names it.

    >>> meta = {"links": [{"title": "Länk", "url": "u"}]}
    >>> set_value(meta, "links[0].title", "Link"); meta
    {'links': [{'title': 'Link', 'url': 'u'}]}
    """
    match = re.fullmatch(r"(.+)\[(\d+)\]\.(.+)", key)
    if match:
        metadata[match.group(1)][int(match.group(2))][match.group(3)] = value
    else:
        metadata[key] = value


def maskers_for(block: Block, segmented: Segmented | None) -> list[Masker]:
    """The maskers for ``block``: front matter is plain text, body blocks are Markdown (or
    HTML, in an ``.html`` document)."""
    if block.kind == FRONT_MATTER:
        return PLAIN_MASKERS
    if block.html:
        return html_segments.MASKERS
    return markdown_maskers(segmented.labels if segmented else ())


def memory_context(kind: str, text: str, segmented: Segmented) -> str:
    """A block's context in the translation memory: the reference labels its links use."""
    return "" if kind == FRONT_MATTER else reference_context(text, segmented.labels)
