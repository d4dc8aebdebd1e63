"""Segmenting an HTML body (an ``.html`` document, a page moved in from Jekyll) into blocks.

The text of block elements is a block: a paragraph, heading, list item, table cell, term,
definition, caption or quote, and text directly in a ``div``, ``section`` or the like (a
paragraph). Within a block, inline elements (``a``, ``em``, ``strong``, ``br``, ``span``,
``img``...) stay in place and are masked, with their attributes; the ``alt`` and ``title`` of
an element are text a reader sees, so they are translated (``MASKERS`` leaves them open).
``code``, ``kbd`` and ``samp`` are masked whole. Everything else (the tags of block elements,
comments between them, ``pre``, ``script``, ``style``, ``svg``...) is the skeleton, which
``blocks.render`` gives back byte for byte around the blocks' new texts.

The body is read with the standard library's ``html.parser``, which reports each tag where
it stands in the source: the skeleton is the source itself, never HTML written anew.
translate-toolkit's HTML reader (``translate.storage.html``) was not taken: it normalizes the
white space of a unit, writes translated start tags anew (``create_start_tag``), keeps no
offsets into the source, and patches ``html.parser`` for every user at import.

>>> segmented = segment('<h1>Kontakt</h1>\\n<p>Ring <a href="tel:1">oss</a>.<br/>Nu!</p>\\n')
>>> [(b.kind, b.text) for b in segmented.blocks]
[('heading', 'Kontakt'), ('paragraph', 'Ring <a href="tel:1">oss</a>.<br/>Nu!')]
>>> from pipeline.translate.masking import mask
>>> mask(segmented.blocks[1].text, MASKERS).text
'Ring ⟦1⟧oss⟦2⟧.⟦3⟧Nu!'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from html.parser import HTMLParser

from pipeline.translate.blocks import (
    CAPTION,
    DEFINITION,
    HEADING,
    LIST_ITEM,
    PARAGRAPH,
    QUOTE,
    TABLE_CELL,
    TERM,
    Block,
    Segmented,
)
from pipeline.translate.masking import (
    EMAIL,
    ENTITY,
    HTML,
    LIQUID,
    LITERAL_BRACKETS,
    URL,
    Found,
    Masker,
    pattern,
)

SUFFIX = ".html"
"""The file name suffix of a document whose body is HTML."""

# Elements whose text is a block, and the kind of block it is.
KINDS = {
    "p": PARAGRAPH,
    **{f"h{level}": HEADING for level in range(1, 7)},
    "li": LIST_ITEM,
    "td": TABLE_CELL,
    "th": TABLE_CELL,
    "dt": TERM,
    "dd": DEFINITION,
    "figcaption": CAPTION,
    "caption": CAPTION,
    "blockquote": QUOTE,
}
# Other elements that end one block and start another (text directly in them: a paragraph).
_CONTAINERS = (
    "address article aside body details dialog div dl fieldset figure footer form head header "
    "hgroup hr html legend main menu nav ol search section summary table tbody tfoot thead tr "
    "ul"
)
CONTAINERS = frozenset(_CONTAINERS.split())
# Elements kept whole in the skeleton, text and all.
_KEPT = "audio canvas iframe math noscript object pre script style svg template textarea video"
KEPT = frozenset(_KEPT.split())
# Inline elements whose text is not words to translate: masked whole inside a block.
CODE = ("code", "kbd", "samp")
_SEEN = re.compile(r"""\s(?:alt|title)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.IGNORECASE)


class _Reader(HTMLParser):
    """Finds the blocks of an HTML body as ``html.parser`` reads it (see ``segment``)."""

    def __init__(self, body: str) -> None:
        super().__init__(convert_charrefs=False)
        self.body = body
        self.offsets = [0]
        for line in body.split("\n"):
            self.offsets.append(self.offsets[-1] + len(line) + 1)
        self.blocks: list[Block] = []
        self.open: list[str] = []  # the block elements and containers open, innermost last
        self.kept: list[str] = []  # the kept element open, as often as it is nested
        self.code = 0  # code elements open inside the text
        self.start = 0  # where the text that is not a block yet starts
        self.text = False  # whether it holds words (or an alt or title)

    def here(self) -> int:
        line, column = self.getpos()
        return self.offsets[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        at = self.here()
        end = at + len(self.get_starttag_text() or "")
        if self.kept:
            self.kept += [tag] if tag == self.kept[0] else []
        elif tag in KEPT or tag in KINDS or tag in CONTAINERS:
            self.cut(at, end)
            if tag in KEPT:
                self.kept.append(tag)
            elif tag != "hr":
                self.open.append(tag)
        else:
            self.code += tag in CODE
            self.text = self.text or any(
                name in ("alt", "title") and (value or "").strip() for name, value in attrs
            )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if self.kept and tag == self.kept[-1]:
            self.kept.pop()
        elif tag in self.open:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        at = self.here()
        end = self.body.find(">", at) + 1 or len(self.body)
        if self.kept:
            if tag == self.kept[0]:
                self.kept.pop()
                self.start = end if not self.kept else self.start
        elif tag in KEPT or tag in KINDS or tag in CONTAINERS:
            self.cut(at, end)
            while tag in self.open and self.open.pop() != tag:
                pass  # (elements left open inside it end with it)
        elif tag in CODE:
            self.code = max(0, self.code - 1)

    def handle_data(self, data: str) -> None:
        if not self.kept and not self.code and data.strip():
            self.text = True

    def cut(self, at: int, after: int) -> None:
        """End the text at ``at`` (a block, if it holds words); the next starts at ``after``."""
        raw = self.body[self.start : at]
        if self.text and raw.strip():
            begin = self.start + len(raw) - len(raw.lstrip())
            end = self.start + len(raw.rstrip())
            inner = next((t for t in reversed(self.open) if t in KINDS), "")
            self.blocks.append(
                Block(
                    f"body.{len(self.blocks) + 1}",
                    KINDS.get(inner, PARAGRAPH),
                    self.body[begin:end],
                    self.body.count("\n", 0, begin) + 1,
                    begin,
                    end,
                    level=int(inner[1]) if re.fullmatch(r"h\d", inner) else 0,
                    html=True,
                )
            )
        self.start, self.text, self.code = after, False, 0


def segment(body: str) -> Segmented:
    """The text blocks of an HTML body, in document order."""
    reader = _Reader(body)
    reader.feed(body)
    reader.close()
    if not reader.kept:
        reader.cut(len(body), len(body))
    return Segmented(body, reader.blocks)


def _tags(text: str) -> Iterable[Found]:
    """Every tag, comment and declaration of ``text``, the values of ``alt`` and ``title``
    left out (they are translated); code elements whole."""
    for match in HTML.find(text):
        begin, end, _ = match
        position = begin
        for value in _SEEN.finditer(text, begin, end):
            group = 1 if value.group(1) is not None else 2
            if value.group(group).strip():
                yield position, value.start(group), None
                position = value.end(group)
        yield position, end, None


_CODE = pattern(
    "code", r"<(code|kbd|samp)\b[^>]*>.*?</\1\s*>", re.IGNORECASE | re.DOTALL, needs=("<",)
)
TAGS = Masker("HTML tag", _tags)
MASKERS = [LITERAL_BRACKETS, LIQUID, _CODE, TAGS, ENTITY, URL, EMAIL]
"""Maskers of the text of an HTML block."""


def check(block: Block, target: str) -> str | None:
    """Why ``target`` cannot stand in for an HTML ``block``: not the same tags, with the
    same attributes (``alt`` and ``title`` aside), and the same code.

    >>> block = segment("<p>Ring <b>oss</b></p>").blocks[0]
    >>> check(block, "Call <b>us</b>"), check(block, "Call us")
    (None, 'the HTML differs: </b>, <b> lost')
    """
    before, after = _markup(block.text), _markup(target)
    if before == after:
        return None
    lost, added = before - after, after - before
    what = [f"{', '.join(sorted(lost))} lost"] if lost else []
    what += [f"{', '.join(sorted(added))} added"] if added else []
    return f"the HTML differs: {'; '.join(what)}"


def _markup(text: str) -> Counter[str]:
    """The tags of ``text`` as the parser reads them, without the words."""
    reader = _Markup()
    reader.feed(text)
    reader.close()
    return reader.found


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: Counter[str] = Counter()
        self.code = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        shown = " ".join(
            f'{name}="{value}"' if value is not None else name
            for name, value in attrs
            if name not in ("alt", "title")
        )
        self.found[f"<{tag} {shown}>" if shown else f"<{tag}>"] += 1
        self.code += tag in CODE

    def handle_endtag(self, tag: str) -> None:
        self.found[f"</{tag}>"] += 1
        self.code -= tag in CODE

    def handle_data(self, data: str) -> None:
        if self.code:
            self.found[f"code {data!r}"] += 1

    def handle_comment(self, data: str) -> None:
        self.found[f"<!--{data}-->"] += 1
