"""The Markdown around link and image texts, found as markdown-it-py finds it: the
masker ``masking.links`` protects it, so that a link's text is translated and its target
comes back unchanged; ``reference_context`` tells which defined labels a text's links use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from markdown_it.common.utils import normalizeReference
from markdown_it.helpers import parseLinkDestination, parseLinkTitle

Span = tuple[int, int, str | None]  # a span, and what to restore there (None: what it held)


def link_spans(text: str, labels: set[str]) -> list[Span]:
    """The Markdown around each link and image text of ``text``: ``[`` or ``![`` before,
    and the target after (``](url "title")``, ``][label]``, ``]`` of a defined reference
    among ``labels``, normalized). A shortcut reference (``[label]``, ``[label][]``) comes
    back as a full one (``[text][label]``): its text is its label, and a translated label
    would name no reference.

    >>> link_spans("Se [a](/b) nu", set())
    [(3, 4, None), (5, 10, None)]
    """
    if "]" not in text:
        return []  # (every span found ends a link's text: a text with no ``]`` has none)
    openers: list[tuple[int, int, bool]] = []  # where, how wide, still active
    found: list[Span] = []
    position = 0
    while True:
        special = _LINK_SYNTAX.search(text, position)
        if special is None:
            break
        position = special.start()
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "`":
            run = _BACKTICKS.match(text, position).group()  # type: ignore[union-attr]
            close = text.find(run, position + len(run))
            position = close + len(run) if close >= 0 else position + len(run)
            continue
        if char == "!" and text.startswith("[", position + 1):
            openers.append((position, 2, True))
            position += 2
            continue
        if char == "[":
            openers.append((position, 1, True))
        elif char == "]" and openers:
            start, width, active = openers.pop()
            label = text[start + width : position]
            end = _link_tail(text, position, label, labels) if active else None
            if end is not None:
                tail = text[position:end]
                full = f"][{label}]" if tail in ("]", "][]") else None
                found += [(start, start + width, None), (position, end, full)]
                if width == 1:  # links do not nest: older link openers become text
                    openers = [(at, wide, wide == 2 and on) for at, wide, on in openers]
                position = end
                continue
        position += 1
    return found


_BACKTICKS = re.compile(r"`+")
_LINK_SYNTAX = re.compile(r"[\\`!\[\]]")  # what ``link_spans`` looks at (the rest is text)


def _link_tail(text: str, close: int, label: str, labels: set[str]) -> int | None:
    """End of a link's tail starting at ``]`` (index ``close``), or None if none is there."""
    after = close + 1
    if text.startswith("(", after):
        end = _inline_tail(text, after)
        if end is not None or _space_after(text, after + 1) == len(text):
            return end
    if text.startswith("[", after):
        end = _label_end(text, after + 1)
        if end is not None and normalizeReference(text[after + 1 : end] or label) in labels:
            return end + 1
        return None
    if normalizeReference(label) in labels:
        return after
    return None


def _inline_tail(text: str, start: int) -> int | None:
    """End of an inline link's ``(destination "title")`` starting at ``(`` (index ``start``),
    or None where it is not one: parsed as markdown-it-py parses it, with its helpers."""
    position = _space_after(text, start + 1)
    destination = parseLinkDestination(text, position, len(text))
    if destination.ok:
        position = _space_after(text, destination.pos)
        title = parseLinkTitle(text, position, len(text))
        if position > destination.pos and title.ok:
            position = _space_after(text, title.pos)
    return position + 1 if text.startswith(")", position) else None


def _space_after(text: str, position: int) -> int:
    """The first position from ``position`` on that is not a space, tab or line break."""
    while position < len(text) and text[position] in " \t\n":
        position += 1
    return position


def _label_end(text: str, start: int) -> int | None:
    """Index of the ``]`` that ends a link label starting at ``start`` (``\\]`` and ``\\[``
    are part of the label), or None where a ``[`` comes first or nothing ends it."""
    position = start
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            return None
        if char == "]":
            return position
        position += 1
    return None


def reference_context(text: str, references: Iterable[str]) -> str:
    """The defined labels (of ``references``) that the links of ``text`` use, as the
    translation memory keeps them with a translation (``references: [a]``; "" for none).
    The same text masks differently, and so translates differently, only where another set
    of its labels is defined: ``[a]`` is a link where ``[a]: /url`` is defined, text where not.

    >>> reference_context("Se [a], [b][], [c][x] och [d](/d).", ["a", "b", "c", "d"])
    'references: [a] [b]'
    """
    labels = list(references)
    if not labels or "[" not in text:
        return ""  # (only a defined label makes a "][" tail: see ``link_spans``)
    used = set()
    defined = {normalizeReference(label) for label in labels}
    for begin, end, restore in link_spans(text, defined):
        tail = restore or text[begin:end]
        if tail.startswith("]["):
            used.add(normalizeReference(tail[2:-1]).lower())
    return "references: " + " ".join(f"[{label}]" for label in sorted(used)) if used else ""
