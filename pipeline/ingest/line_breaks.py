"""``<br/>`` in a Markdown paragraph, as Jekyll sites write it, made a CommonMark hard line
break (a ``\\`` at the end of the line), which renders as the ``<br />`` kramdown renders.

The build shows raw HTML in a Markdown body as text, so an ``<br/>`` left as it is would be
printed on the page. In a paragraph (of its own, in a list item or in a quote) the text after
it moves to a line of its own, which continues the paragraph; one at the end of a paragraph
shows nothing, and is removed. In a heading or a table cell, where a line cannot end, and in
an HTML block, it is left as it is: it is HTML, and a page whose Markdown holds HTML comes in
as HTML (``raw_html``), where it is the line break it was. Which paragraph a line belongs to
is the parser's to say (``markdown_parser``, the segmenter's and the build's).

>>> text, notes, origin = convert("Ring oss<br/>eller skriv.\\n\\n| a<br>b |\\n| - |\\n")
>>> print(text)
Ring oss\\
eller skriv.
<BLANKLINE>
| a<br>b |
| - |
<BLANKLINE>
>>> [(n.line, n.warning) for n in notes], origin
([(1, False)], [1, 1, 2, 3, 4, 5])
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt

from pipeline.content.markdown_syntax import markdown_parser
from pipeline.ingest.liquid import Note

BREAK = re.compile(r"<br\s*/?>[ \t]*", re.IGNORECASE)
"""An HTML line break as written in Markdown (``<br>``, ``<br/>``, ``<br />``)."""


def convert(body: str) -> tuple[str, list[Note], list[int]]:
    """``body`` with each ``<br/>`` of a paragraph made a hard line break; what was done (or
    left, with a warning), each at its line of ``body``; and for each line of the new body,
    the line of ``body`` it comes from (1-based)."""
    lines = body.split("\n")
    origin = list(range(1, len(lines) + 1))
    if not BREAK.search(body):
        return body, [], origin
    paragraph, breaks = _where(body)
    notes: list[Note] = []
    out: list[str] = []
    origin = []
    for index, line in enumerate(lines):
        written = len(BREAK.findall(line))
        broken = [line]
        if not written or index not in breaks:  # in code, or no break at all
            pass
        elif index not in paragraph or breaks[index] != written:
            pass  # HTML left in the Markdown: the page comes in as HTML (raw_html)
        else:
            last = paragraph.get(index + 1) != paragraph[index]
            broken, said = _broken(line, last)
            notes.append(Note(index + 1, said, False))
        out += broken
        origin += [index + 1] * len(broken)
    return "\n".join(out), notes, origin


def _where(body: str) -> tuple[dict[int, int], dict[int, int]]:
    """Which paragraph (by number) each line of ``body`` that is in one belongs to (not a
    heading's, a table cell's or an HTML block's line: a line cannot end there), and how many
    ``<br/>`` each line of inline text holds as HTML (not as code)."""
    paragraph: dict[int, int] = {}
    breaks: dict[int, int] = {}
    kinds: list[str] = []
    for number, token in enumerate(_parser().parse(body)):
        if token.type.endswith("_open"):
            kinds.append(token.type.removesuffix("_open"))
        elif token.type.endswith("_close") and kinds:
            kinds.pop()
        if token.type != "inline" or token.map is None:
            continue
        if kinds and kinds[-1] == "paragraph" and "table" not in kinds:
            paragraph.update(dict.fromkeys(range(*token.map), number))
        line = token.map[0]
        for child in token.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "html_inline" and BREAK.fullmatch(child.content.strip()):
                breaks[line] = breaks.get(line, 0) + 1
    return paragraph, breaks


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


@functools.cache
def _parser() -> MarkdownIt:
    return markdown_parser()
