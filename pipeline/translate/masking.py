"""Masking: what an engine must never see is swapped for numbered placeholders, then restored.

A ``Masker`` finds spans of a text to protect (a URL, a code span, a Liquid tag, a link's
target...). ``mask`` runs a list of maskers in order, each over what the earlier ones left,
and replaces every span with a placeholder ``⟦n⟧``; ``unmask`` puts the originals back into
an engine's answer and refuses an answer that lost, doubled or garbled a placeholder.

The lists are plain lists so that other parts can extend them: the glossary (issue 9) adds a
masker for names to keep, ``i18n --fill`` uses ``UI_MASKERS`` for ``%(name)s`` and ``{name}``.

>>> masked = mask("Mejla <a@b.se> eller `kod`.", MARKDOWN_MASKERS)
>>> masked.text
'Mejla ⟦1⟧ eller ⟦2⟧.'
>>> unmask(masked, "Mail ⟦1⟧ or ⟦2⟧.")
'Mail <a@b.se> or `kod`.'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from markdown_it.common.utils import normalizeReference

OPEN, CLOSE = "⟦", "⟧"
PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")

Span = tuple[int, int]
Found = tuple[int, int, str | None]  # a span, and what to restore there (None: what it held)


@dataclass(frozen=True)
class Masker:
    """One kind of thing to protect: its name (for messages) and how to find it."""

    name: str
    find: Callable[[str], Iterable[Found]]


def pattern(name: str, regex: str, flags: int = 0) -> Masker:
    """A masker for every match of ``regex``."""
    compiled = re.compile(regex, flags)
    return Masker(name, lambda text: ((*m.span(), None) for m in compiled.finditer(text)))


class MaskError(ValueError):
    """An engine's answer cannot be restored: a placeholder is missing, doubled or garbled."""


@dataclass(frozen=True)
class Masked:
    """A text as an engine gets it: ``text`` with placeholders, and what each one stands for."""

    source: str
    text: str
    pieces: tuple[tuple[str, str], ...]  # (masker name, original) for ⟦1⟧, ⟦2⟧, ...
    lead: str = ""  # outer whitespace, kept aside: some engines strip it
    trail: str = ""

    @property
    def needs_engine(self) -> bool:
        """Whether anything is left to translate (letters outside the placeholders)."""
        return any(c.isalpha() for c in PLACEHOLDER.sub("", self.text))


def mask(text: str, maskers: Sequence[Masker], fold_lines: bool = False) -> Masked:
    """``text`` with every span the maskers find replaced by a placeholder.

    ``fold_lines`` joins the soft line breaks of a Markdown paragraph into spaces (hard breaks
    are masked before), since engines translate sentences, not lines.

    >>> mask("Se https://x.se/a_b_c, *nu*!", MARKDOWN_MASKERS).text
    'Se ⟦1⟧, ⟦2⟧nu⟦3⟧!'
    """
    core = text.strip()
    start = len(text) - len(text.lstrip())
    lead, trail = text[:start], text[start + len(core) :]
    taken: list[tuple[Span, str, str | None]] = []
    for masker in maskers:
        for begin, end, restore in masker.find(core):
            span = (begin, end)
            if begin < end and not any(_overlap(span, other) for other, _, _ in taken):
                taken.append((span, masker.name, restore))
    taken.sort(key=lambda found: found[0])
    parts: list[str] = []
    pieces: list[tuple[str, str]] = []
    position = 0
    for (begin, end), name, restore in taken:
        parts.append(_fold(core[position:begin]) if fold_lines else core[position:begin])
        pieces.append((name, core[begin:end] if restore is None else restore))
        parts.append(f"{OPEN}{len(pieces)}{CLOSE}")
        position = end
    parts.append(_fold(core[position:]) if fold_lines else core[position:])
    return Masked(text, "".join(parts), tuple(pieces), lead, trail)


def unmask(masked: Masked, answer: str) -> str:
    """The engine's ``answer`` with the originals put back; the source itself when the answer
    is the masked text unchanged (so an identity engine gives back every byte).

    Raises ``MaskError`` naming what was lost when a placeholder is missing, doubled or
    garbled, or when the answer holds placeholders that were never sent.
    """
    answer = answer.strip()
    if answer == masked.text:
        return masked.source
    seen: dict[int, int] = {}
    for match in PLACEHOLDER.finditer(answer):
        number = int(match.group(1))
        seen[number] = seen.get(number, 0) + 1
    for number, (name, original) in enumerate(masked.pieces, start=1):
        count = seen.pop(number, 0)
        if count != 1:
            verb = "lost" if count == 0 else "repeated"
            raise MaskError(f"the engine {verb} the {name} {_shorten(original)!r}")
    if seen:
        raise MaskError(f"the engine added placeholder {OPEN}{min(seen)}{CLOSE}")
    restored = PLACEHOLDER.sub(lambda m: masked.pieces[int(m.group(1)) - 1][1], answer)
    remains = PLACEHOLDER.sub("", answer)
    if OPEN in remains or CLOSE in remains:
        raise MaskError("the engine garbled a placeholder")
    return masked.lead + restored + masked.trail


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fold(text: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


def _shorten(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# --- the maskers -------------------------------------------------------------------------

# Placeholder characters already in a text are masked first, so they never pass for one.
LITERAL_BRACKETS = pattern("bracket", r"[⟦⟧]")
LIQUID = pattern("Liquid tag", r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL)
CODE_SPAN = pattern("code span", r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
AUTOLINK = pattern(
    "link", r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+)>"
)
HTML = pattern(
    "HTML tag",
    r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>|<\?.*?\?>|<![A-Z]+[^>]*>",
    re.DOTALL,
)
HARD_BREAK = pattern("line break", r"(?: {2,}|\\)\n[ \t]*")
ESCAPE = pattern("escaped character", r"\\[!-/:-@\[-`{-~]")
ENTITY = pattern("entity", r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6});")
URL = pattern("URL", r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>]*[^\s<>.,;:!?'\")\]*_]")
EMAIL = pattern("e-mail address", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PRINTF = pattern(
    "placeholder", r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc%]"
)
BRACES = pattern("placeholder", r"\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}")


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _emphasis(text: str) -> Iterable[Found]:
    """Runs of ``*``, ``_`` and ``~~`` that can open or close emphasis (CommonMark flanking)."""
    for match in re.finditer(r"\*+|_+|~~+", text):
        begin, end = match.span()
        before = text[begin - 1] if begin else " "
        after = text[end] if end < len(text) else " "
        left = not after.isspace() and (
            not _punctuation(after) or before.isspace() or _punctuation(before)
        )
        right = not before.isspace() and (
            not _punctuation(before) or after.isspace() or _punctuation(after)
        )
        if match.group().startswith("_"):
            # Intraword underscores (snake_case) are letters, not emphasis.
            opens = left and (not right or _punctuation(before))
            closes = right and (not left or _punctuation(after))
            if opens or closes:
                yield begin, end, None
        elif left or right:
            yield begin, end, None


EMPHASIS = Masker("emphasis mark", _emphasis)


def links(references: Iterable[str] = ()) -> Masker:
    """A masker for the Markdown around link and image texts: ``[`` or ``![`` before, and the
    target after (``](url "title")``, ``][label]``, ``]`` of a defined reference), so that the
    text between is translated and the target comes back unchanged. A shortcut reference
    (``[label]``, ``[label][]``) comes back as a full one (``[text][label]``): its text is its
    label, and a translated label would name no reference.
    """
    labels = {normalizeReference(label) for label in references}

    def find(text: str) -> Iterable[Found]:
        openers: list[tuple[int, int]] = []
        found: list[Found] = []
        position = 0
        while position < len(text):
            char = text[position]
            if char == "\\":
                position += 2
                continue
            if char == "`":
                run = re.match(r"`+", text[position:]).group()  # type: ignore[union-attr]
                close = text.find(run, position + len(run))
                position = close + len(run) if close >= 0 else position + len(run)
                continue
            if char == "!" and text.startswith("[", position + 1):
                openers.append((position, 2))
                position += 2
                continue
            if char == "[":
                openers.append((position, 1))
            elif char == "]" and openers:
                start, width = openers.pop()
                label = text[start + width : position]
                end = _link_tail(text, position, label, labels)
                if end is not None:
                    tail = text[position:end]
                    full = f"][{label}]" if tail in ("]", "][]") else None
                    found += [(start, start + width, None), (position, end, full)]
                    if width == 1:  # links do not nest: older openers become text
                        openers = [o for o in openers if o[1] == 2]
                    position = end
                    continue
            position += 1
        return found

    return Masker("link", find)


def _link_tail(text: str, close: int, label: str, labels: set[str]) -> int | None:
    """End of a link's tail starting at ``]`` (index ``close``), or None if none is there."""
    after = close + 1
    if text.startswith("(", after):
        depth, position = 0, after
        while position < len(text):
            char = text[position]
            if char == "\\":
                position += 2
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return position + 1
            elif char == "\n" and text.startswith("\n", position + 1):
                return None
            position += 1
        return None
    if text.startswith("[", after):
        end = text.find("]", after + 1)
        if end >= 0 and "[" not in text[after + 1 : end]:
            name = text[after + 1 : end] or label
            if normalizeReference(name) in labels:
                return end + 1
        return None
    if normalizeReference(label) in labels:
        return after
    return None


def markdown_maskers(references: Iterable[str] = ()) -> list[Masker]:
    """The maskers of a Markdown block, given the reference labels its document defines."""
    return [
        LITERAL_BRACKETS,
        LIQUID,
        CODE_SPAN,
        AUTOLINK,
        HTML,
        HARD_BREAK,
        ESCAPE,
        ENTITY,
        links(references),
        URL,
        EMAIL,
        EMPHASIS,
    ]


MARKDOWN_MASKERS = markdown_maskers()
"""Maskers of Markdown text with no reference definitions."""

PLAIN_MASKERS = [LITERAL_BRACKETS, LIQUID, HTML, URL, EMAIL]
"""Maskers of front matter text (a title, an excerpt): not Markdown, but may hold tags and URLs."""

UI_MASKERS = [LITERAL_BRACKETS, LIQUID, HTML, PRINTF, BRACES, URL, EMAIL]
"""Maskers of UI strings: gettext's ``%(name)s`` and ``{name}`` placeholders too."""
