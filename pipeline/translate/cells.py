"""Where a table cell's text sits in the source line of its row.

markdown-it-py gives each cell's content but not where it is: the segmenter (``segments``)
needs the place, to put a translation there and keep every other byte of the row.
"""

from __future__ import annotations

from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.token import Token


def place_cell(
    lines: list[str], offsets: list[int], row: int, column: int, tokens: list[Token], index: int
) -> tuple[int, int, str] | None:
    """Where the ``column``-th cell of a table row sits. The row starts after a container
    prefix that markdown-it does not report, so the first position whose split gives this
    row's cells (as markdown-it split them) is taken."""
    expected = _row_contents(tokens, index)
    raw = lines[row]
    for begin in range(len(raw)):
        if begin and raw[begin - 1] not in " \t>-+*.)0123456789":
            break
        spans = _cells(raw, begin)
        contents = [_unescape_pipes(raw[a:b].strip(MD_TRIM_CHARS)) for a, b in spans]
        if contents[: len(expected)] == expected:
            if column >= len(spans):
                return None
            a, b = spans[column]
            text = raw[a:b]
            a += len(text) - len(text.lstrip(MD_TRIM_CHARS))
            b -= len(text) - len(text.rstrip(MD_TRIM_CHARS))
            return offsets[row] + a, offsets[row] + b, ""
    return None


def _row_contents(tokens: list[Token], index: int) -> list[str]:
    """The cell contents of the table row around the inline token at ``index``."""
    start = index
    while tokens[start].type != "tr_open":
        start -= 1
    contents = []
    for token in tokens[start + 1 :]:
        if token.type == "tr_close":
            break
        if token.type == "inline":
            contents.append(token.content)
    while contents and not contents[-1]:
        contents.pop()  # cells the parser filled in for a short row
    return contents


def _cells(raw: str, begin: int) -> list[tuple[int, int]]:
    """Spans of a row's cells from ``begin``, split at pipes as markdown-it splits them."""
    stripped = raw[begin:].strip(MD_TRIM_CHARS)
    if not stripped:
        return []
    offset = begin + raw[begin:].index(stripped[0])
    spans = []
    start, escaped = 0, False
    for position, char in enumerate(stripped):
        if char == "|" and not escaped:
            spans.append((offset + start, offset + position))
            start = position + 1
        escaped = char == "\\"
    spans.append((offset + start, offset + len(stripped)))
    if spans and spans[0][0] == spans[0][1]:
        spans.pop(0)
    if spans and spans[-1][0] == spans[-1][1]:
        spans.pop()
    return spans


def _unescape_pipes(text: str) -> str:
    return text.replace("\\|", "|")
