"""Masking: what an engine must never see is swapped for numbered placeholders, then restored.

A ``Masker`` finds spans of a text to protect (a URL, a code span, a Liquid tag, a link's
target...). ``mask`` runs a list of maskers, joins the spans they find where they overlap,
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
from dataclasses import dataclass, field

from markdown_it.common.utils import normalizeReference

from pipeline.translate.link_syntax import link_spans

OPEN, CLOSE = "⟦", "⟧"
PLACEHOLDER = re.compile(r"⟦\s*(\d+)\s*⟧")

Found = tuple[int, int, str | None]  # a span, and what to restore there (None: what it held)


@dataclass(frozen=True)
class Masker:
    """One kind of thing to protect: its name (for messages) and how to find it."""

    name: str
    find: Callable[[str], Iterable[Found]]
    regex: re.Pattern[str] | None = None  # a ``pattern``'s, with what its matches need
    needs: tuple[str, ...] = ()


def pattern(name: str, regex: str, flags: int = 0, needs: tuple[str, ...] = ()) -> Masker:
    """A masker for every match of ``regex``; ``needs``, if given, are strings of which every
    match holds one, so that a text holding none is passed without searching it: an ``in``
    costs a fraction of a regex's search, and most texts hold no URL, address or tag (the
    glossary check masks every block of every reviewed draft).

    >>> [text for text in ("a@b.se", "ab.se") if list(EMAIL.find(text))]
    ['a@b.se']
    """
    compiled = re.compile(regex, flags)

    def find(text: str) -> Iterable[Found]:
        if needs and not any(needed in text for needed in needs):
            return ()
        return ((*m.span(), None) for m in compiled.finditer(text))

    return Masker(name, find, compiled, needs)


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

    Spans that overlap become one placeholder: what either protects stays protected (a URL
    that holds an entity, an address with an escape, a link text that is a URL).
    ``fold_lines`` joins the soft line breaks of a Markdown paragraph into spaces (hard breaks
    are masked before), since engines translate sentences, not lines.

    >>> mask("Se https://x.se/a_b_c, *nu*!", MARKDOWN_MASKERS).text
    'Se ⟦1⟧, ⟦2⟧nu⟦3⟧!'
    >>> mask("Sök på www.a.se/?q=x&hl; nu", MARKDOWN_MASKERS).pieces
    (('URL', 'www.a.se/?q=x&hl;'),)
    """
    core = text.strip()
    start = len(text) - len(text.lstrip())
    lead, trail = text[:start], text[start + len(core) :]
    parts: list[str] = []
    pieces: list[tuple[str, str]] = []
    position = 0
    for begin, end, name, restore in _protected(core, maskers):
        parts.append(_fold(core[position:begin]) if fold_lines else core[position:begin])
        pieces.append((name, restore))
        parts.append(f"{OPEN}{len(pieces)}{CLOSE}")
        position = end
    parts.append(_fold(core[position:]) if fold_lines else core[position:])
    return Masked(text, "".join(parts), tuple(pieces), lead, trail)


def _protected(text: str, maskers: Sequence[Masker]) -> list[tuple[int, int, str, str]]:
    """The spans to mask, in order, each with the name of the first masker that found it and
    what to restore there: every span found, sorted, and overlapping ones joined in one
    sweep, with an attribute list right after a span (``](/a){.more}``): it belongs to what
    it follows. A found span that says what to restore (a shortcut link's ``]``) is
    replaced."""
    found = [
        (begin, end, order, masker.name, restore)
        for order, masker in enumerate(maskers)
        for begin, end, restore in masker.find(text)
        if begin < end
    ]
    found.sort(key=lambda span: span[:3])
    joined: list[_Joined] = []
    for begin, end, _, name, restore in found:
        attached = name == ATTRIBUTE_LIST.name and begin == (joined[-1].end if joined else -1)
        if joined and (begin < joined[-1].end or attached):
            joined[-1].end = max(joined[-1].end, end)
        else:
            joined.append(_Joined(begin, end, name))
        if restore is not None:
            joined[-1].rewrites.append((begin, end, restore))
    return [(j.begin, j.end, j.name, j.restored(text)) for j in joined]


@dataclass
class _Joined:
    """Overlapping spans joined into one, with the parts of it restored as something else."""

    begin: int
    end: int
    name: str
    rewrites: list[tuple[int, int, str]] = field(default_factory=list)

    def restored(self, text: str) -> str:
        parts, position = [], self.begin
        for start, stop, replacement in self.rewrites:
            parts += [text[position:start], replacement]
            position = stop
        parts.append(text[position : self.end])
        return "".join(parts)


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


def _fold(text: str) -> str:
    return re.sub(r"[ \t]*\n[ \t]*", " ", text)


def _shorten(text: str, most: int = 40) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


# --- the maskers -------------------------------------------------------------------------

# Placeholder characters already in a text are masked first, so they never pass for one.
LITERAL_BRACKETS = pattern("bracket", r"[⟦⟧]", needs=(OPEN, CLOSE))
LIQUID = pattern("Liquid tag", r"\{%.*?%\}|\{\{.*?\}\}", re.DOTALL, needs=("{%", "{{"))
CODE_SPAN = pattern("code span", r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL, needs=("`",))
AUTOLINK = pattern(
    "link",
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*|[\w.!#$%&'*+/=?^`{|}~-]+@[\w.-]+)>",
    needs=("<",),
)
# Raw HTML as CommonMark 0.31.2 reads it: tags (quoted values may hold < and >), comments,
# processing instructions, declarations and CDATA.
_ATTRIBUTE = r"""\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
HTML = pattern(
    "HTML tag",
    rf"<[A-Za-z][A-Za-z0-9-]*(?:{_ATTRIBUTE})*\s*/?>|</[A-Za-z][A-Za-z0-9-]*\s*>"
    r"|<!-->|<!--->|<!--.*?-->|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>",
    re.DOTALL,
    needs=("<",),
)
HARD_BREAK = pattern("line break", r"(?: {2,}|\\)\n[ \t]*", needs=("\n",))
ESCAPE = pattern("escaped character", r"\\[!-/:-@\[-`{-~]", needs=("\\",))
# What has the shape of an entity, valid or not: ``&x;`` is no word to translate either.
ENTITY = pattern("entity", r"&#?[A-Za-z0-9]{1,32};", needs=("&",))
URL = pattern(
    "URL",
    r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>]*[^\s<>.,;:!?'\")\]*_]",
    needs=("://", "www."),
)
# An address as written, escapes in it (``foo\+@a.se``) and a domain with no dot included.
EMAIL = pattern(
    "e-mail address", r"(?:[\w.+-]|\\[!-/:-@\[-`{-~])+@(?:[\w+-]|\.(?=[\w+-]))+", needs=("@",)
)
PRINTF = pattern(
    "placeholder",
    r"%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc%]",
    needs=("%",),
)
# Attribute lists: ``{.class #id}`` (markdown-it's attrs plugins), ``{: .class}`` and
# ``{:#id}`` (kramdown's); one on a line of its own with its line break, so that it stays there.
ATTRIBUTE_LIST_SYNTAX = r"\{:?[ \t]*(?:[.#][^\s{}]|[A-Za-z_][\w-]*=)[^{}\n]*\}"
ATTRIBUTE_LIST = pattern(
    "attribute list",
    rf"^[ \t]*{ATTRIBUTE_LIST_SYNTAX}[ \t]*\n|{ATTRIBUTE_LIST_SYNTAX}",
    re.MULTILINE,
    needs=("{",),
)
FOOTNOTE = pattern("footnote reference", r"\[\^[^\]\s]+\]", needs=("[^",))
BRACES = pattern("placeholder", r"\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}", needs=("{",))


def _punctuation(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


def _emphasis(text: str) -> Iterable[Found]:
    """Runs of ``*``, ``_`` and ``~~`` that can open or close emphasis (CommonMark flanking)."""
    if "*" not in text and "_" not in text and "~~" not in text:
        return  # (most texts: see ``pattern``'s needs)
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
    """A masker for the Markdown around link and image texts (``link_syntax.link_spans``),
    given the reference labels the text's document defines."""
    labels = {normalizeReference(label) for label in references}
    return Masker("link", lambda text: link_spans(text, labels))


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
        FOOTNOTE,
        links(references),
        URL,
        EMAIL,
        EMPHASIS,
        ATTRIBUTE_LIST,
    ]


MARKDOWN_MASKERS = markdown_maskers()
"""Maskers of Markdown text with no reference definitions."""

PLAIN_MASKERS = [LITERAL_BRACKETS, LIQUID, HTML, URL, EMAIL]
"""Maskers of front matter text (a title, an excerpt): not Markdown, but may hold tags and URLs."""

UI_MASKERS = [LITERAL_BRACKETS, LIQUID, HTML, PRINTF, BRACES, URL, EMAIL]
"""Maskers of UI strings: gettext's ``%(name)s`` and ``{name}`` placeholders too."""
