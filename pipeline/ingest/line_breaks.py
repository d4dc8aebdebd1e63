"""``<br/>`` in a Markdown paragraph, as Jekyll sites write it, made a CommonMark hard line
break (a ``\\`` at the end of the line), which renders as the ``<br />`` kramdown renders.

The build shows raw HTML in a Markdown body as text, so an ``<br/>`` left as it is would be
printed on the page. In a paragraph (of its own, in a list item or in a quote) the text after
it moves to a line of its own, which continues the paragraph; one at the end of a paragraph
shows nothing, and is removed. In a heading or a table cell, where a line cannot end, and in
an HTML block, it is left as it is, with a warning. Which paragraph a line belongs to is the
parser's to say (``markdown_parser``, the segmenter's and the build's).

>>> text, notes, origin = convert("Ring oss<br/>eller skriv.\\n\\n| a<br>b |\\n| - |\\n")
>>> print(text)
Ring oss\\
eller skriv.
<BLANKLINE>
| a<br>b |
| - |
<BLANKLINE>
>>> [(n.line, n.warning) for n in notes], origin
([(1, False), (3, True)], [1, 1, 2, 3, 4, 5])
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt

from pipeline.content.markdown_syntax import markdown_parser
from pipeline.ingest.liquid import Note

BREAK = re.compile(r"<br\s*/?>[ \t]*", re.IGNORECASE)
"""An HTML line break as written in Markdown (``<br>``, ``<br/>``, ``<br />``)."""

PARAGRAPH = "paragraph"


def convert(body: str) -> tuple[str, list[Note], list[int]]:
    """``body`` with each ``<br/>`` of a paragraph made a hard line break; what was done (or
    left, with a warning), each at its line of ``body``; and for each line of the new body,
    the line of ``body`` it comes from (1-based)."""
    lines = body.split("\n")
    origin = list(range(1, len(lines) + 1))
    if not BREAK.search(body):
        return body, [], origin
    where, breaks = _where(body)
    notes: list[Note] = []
    out: list[str] = []
    origin = []
    for index, line in enumerate(lines):
        written = len(BREAK.findall(line))
        broken = [line]
        if not written or index not in breaks:  # in code, or no break at all
            pass
        elif where[index] != PARAGRAPH or breaks[index] != written:
            notes.append(Note(index + 1, _left(where[index]), True))
        else:
            last = index + 1 >= len(lines) or where.get(index + 1) != PARAGRAPH
            broken, said = _broken(line, last)
            notes.append(Note(index + 1, said, False))
        out += broken
        origin += [index + 1] * len(broken)
    return "\n".join(out), notes, origin


def _where(body: str) -> tuple[dict[int, str], dict[int, int]]:
    """Where each line of ``body`` that holds inline text is (``paragraph``, or the block
    where a line cannot end: ``a heading``, ``a table cell``, ``an HTML block``), and how many
    ``<br/>`` each line holds as HTML (not as code)."""
    where: dict[int, str] = {}
    breaks: dict[int, int] = {}
    kinds: list[str] = []
    for token in _parser().parse(body):
        if token.type.endswith("_open"):
            kinds.append(token.type.removesuffix("_open"))
        elif token.type.endswith("_close") and kinds:
            kinds.pop()
        if token.map is None or token.type not in ("inline", "html_block"):
            continue
        first, end = token.map
        for index in range(first, end):
            where.setdefault(index, _kind(token.type, kinds))
        if token.type == "html_block":
            for number, line in enumerate(token.content.split("\n")):
                breaks[first + number] = len(BREAK.findall(line))
            continue
        line = first
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline" and BREAK.fullmatch(child.content.strip()):
                breaks[line] = breaks.get(line, 0) + 1
    return where, breaks


def _kind(token: str, kinds: list[str]) -> str:
    if token == "html_block":
        return "an HTML block"
    if "table" in kinds:
        return "a table cell"
    if kinds and kinds[-1] == "paragraph":
        return PARAGRAPH
    return "a heading" if kinds and kinds[-1] == "heading" else "a term"


def _broken(line: str, last: bool) -> tuple[list[str], str]:
    """The lines ``line`` becomes, and what is said: each ``<br/>`` before more text on the
    line ends the line with ``\\``; one at the end of the line ends it with ``\\`` too, unless
    the paragraph ends there (``last``), where it is removed."""
    parts = BREAK.split(line)
    out = [parts[0]]
    for part in parts[1:]:
        if part:
            out[-1] += "\\"
            out.append(part if _continues(part) else "\\" + part)
        elif not last:
            out[-1] += "\\"
    if parts[-1] == "" and last:
        said = "<br/> at the end of a paragraph removed (it shows nothing)"
    else:
        said = "<br/> -> a hard line break (a '\\' at the end of the line)"
    return out, said


def _continues(text: str) -> bool:
    """Whether ``text``, on a line after a hard line break, goes on with the paragraph (and
    starts no list, heading or quote); else its first character is escaped.

    >>> _continues("eller skriv"), _continues("- eller"), _continues("# eller")
    (True, False, False)
    """
    tokens = _parser().parse("x\\\n" + text + "\n")
    return [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]


def _left(kind: str) -> str:
    return (
        f"<br/> in {kind} left as it is (a line cannot end there in Markdown): "
        "the page shows it as text; reword it"
    )


@functools.cache
def _parser() -> MarkdownIt:
    return markdown_parser()
